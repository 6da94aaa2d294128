"""A tree imported with the plan's tujuan and sasaran, on the page and from the command line; a list joined
to a tree a worksheet made."""

import io

import pandas as pd
import pytest
from openpyxl import Workbook

from kinerja.cascade.stored import tree_frame
from kinerja.domain.problems import InputRejected
from tests.trees import (
    links_table,
    sipd_list,
    sub_kegiatan_list,
    with_sasaran,
)


def test_an_import_takes_the_sasaran_from_the_plan_and_accounts_for_every_row(treeless_store):
    from kinerja.cascade.importing import import_cascade

    first = treeless_store.rows(
        "SELECT g.code, g.name FROM goal g JOIN indicator_plan p ON p.goal_id = g.id WHERE p.year = 2026 ORDER BY 1 LIMIT 1"
    )[0]
    # the program names its sasaran by its name (spaces around it), as offices write it
    summary = import_cascade(treeless_store, 2026, with_sasaran(sipd_list(), first[1]), "renja-2026.xlsx")
    assert summary.from_file == 4 and summary.from_plan == treeless_store.scalar(
        "SELECT count(DISTINCT goal_id) FROM indicator_plan WHERE year = 2026"
    )
    assert summary.lines()[1] == (
        "Dibaca sebagai daftar program/kegiatan/sub kegiatan berkode Kemendagri (SIPD) di sheet Renja 2026. "
        "Baris berkas: 1 dilewati, 4 simpul, 1 indikator."
    )
    frame = tree_frame(treeless_store, 2026, 2)
    sasaran = frame[frame["level"] == "sasaran_opd"]
    assert sasaran["indicator_code"].notna().all(), "the office's sasaran carry the plan's PK indicators"
    assert sasaran["score_pct"].notna().any(), "with the recap's scores"
    assert frame.loc[frame["code"] == "1.02.02", "parent_code"].iloc[0] == first[0]


def test_import_plan_reads_a_sipd_list_as_the_tree(treeless_db_path, tmp_path):
    from tests.cli import kinerja

    path = tmp_path / "renja-2026.xlsx"
    path.write_bytes(sipd_list())
    dry = kinerja("import-plan", str(path), "--year", "2026", "--dry-run", db=treeless_db_path)
    assert dry.returncode == 0, dry.stderr
    assert "terbaca (belum disimpan)" in dry.stdout
    done = kinerja("import-plan", str(path), "--year", "2026", db=treeless_db_path)
    assert done.returncode == 0, done.stderr
    assert "4 simpul dari berkas" in done.stdout
    assert "Renja 2026 baris 4: dilewati: 1.02 kode urusan/bidang" in done.stdout
    printed = kinerja("tree", "--year", "2026", db=treeless_db_path).stdout
    assert "program,1.02.02,PROGRAM PEMENUHAN" in printed
    no_year = kinerja("import-plan", str(path), db=treeless_db_path)
    assert no_year.returncode == 2 and "sebutkan tahunnya dengan --year" in no_year.stderr


def test_the_page_previews_an_import_saves_it_and_draws_the_tree(treeless_db_path, monkeypatch):
    import streamlit as st

    from tests.pages import as_account

    app = as_account(treeless_db_path, monkeypatch, "admin.demo").run()
    app.switch_page("views/pohon.py").run()
    assert not app.exception
    assert "Belum ada pohon kinerja tahun 2026." in [i.value for i in app.info]
    uploader = next(u for u in app.get("file_uploader") if u.proto.label.startswith("Berkas"))
    uploader.upload("renja-2026.xlsx", sipd_list(), "application/octet-stream").run()
    assert not app.exception
    assert any("4 simpul" in m.value for m in app.markdown), "every row's fate before saving"
    (rows,) = [d.value for d in app.dataframe if "Menjadi" in d.value.columns]
    assert rows["Menjadi"].tolist()[0].startswith("dilewati: 1.02 kode urusan/bidang")
    app.button(key="simpan_pohon_2026").click().run()
    assert not app.exception
    assert any("Pohon kinerja 2026 disimpan" in s.value for s in app.success)
    drawn = [c for c in app.get("plotly_chart") if '"icicle"' in c.proto.spec]
    assert drawn, "the tree is drawn"
    assert any(t.label.startswith("Pemeriksaan (") for t in app.tabs)
    assert "Ubah simpul" in [t.label for t in app.tabs], "an admin may edit the nodes"
    assert any("Kode Induk" in frame.value.columns for frame in app.dataframe)
    st.cache_resource.clear()


def test_a_leader_reads_the_tree_but_neither_imports_nor_edits(treeless_db_path, monkeypatch):
    import streamlit as st

    from kinerja.access.roles import SYSTEM, acting_as
    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.links import save_links
    from kinerja.storage.store import Store
    from tests.pages import as_account

    store = Store(treeless_db_path)
    with acting_as(SYSTEM):
        import_cascade(store, 2026, sipd_list(), "renja-2026.xlsx")
        save_links(store, 2026, links_table(["1.02.02", "Dinas Sosial", None, None, "diusulkan", None]))
    store.close()
    app = as_account(treeless_db_path, monkeypatch, "kadis").run()
    app.switch_page("views/pohon.py").run()
    assert not app.exception
    assert [t.label for t in app.tabs][:4] == ["Pohon", "Anggaran per cabang", "Pemeriksaan (7)", "Crosscutting"]
    (checks,) = [t.value for t in app.dataframe if "Pemeriksaan" in t.value.columns]
    assert "Crosscutting menunggu" in checks["Pemeriksaan"].tolist()
    read = [t for t in app.dataframe if "Perangkat Daerah Lain" in t.value.columns]
    assert read and read[0].value["Perangkat Daerah Lain"].tolist() == ["Dinas Sosial"] and not app.get("data_editor")
    assert "Ubah simpul" not in [t.label for t in app.tabs] and not app.get("file_uploader")
    st.cache_resource.clear()


def test_a_sipd_sub_kegiatan_list_joins_the_tree_a_worksheet_made(treeless_store, treeless_db_path, tmp_path):
    from kinerja.cascade.importing import Joined, import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(treeless_store, 2026)[0]
    book = Workbook()
    sheet = book.active
    sheet.append(["Sasaran Strategis", "Program", "Indikator Program", "Kegiatan", "Indikator Kegiatan", "Target"])
    sheet.append([first.name, "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN", "Persentase faskes sesuai standar",
                  "1.02.02.2.02 Penyediaan Layanan Kesehatan UKM dan UKP Rujukan", "Jumlah layanan", "4"])  # fmt: skip
    upper = io.BytesIO()
    book.save(upper)
    import_cascade(treeless_store, 2026, upper.getvalue(), "kertas-kerja.xlsx")
    sipd = io.BytesIO(sub_kegiatan_list())

    with pytest.raises(InputRejected, match=r"induk 1\.02\.02\.2\.02 tidak ada di pohon ini"):
        import_cascade(treeless_store, 2026, sipd.getvalue(), "sipd.xlsx", dry_run=True)  # replacing: no kegiatan
    summary = import_cascade(treeless_store, 2026, sipd.getvalue(), "sipd.xlsx", merge=True)
    assert summary.merged == Joined(0, 2, 2) and "0 simpul diperbarui, 2 ditambahkan, 2 tetap" in summary.lines()[0]
    tree = tree_frame(treeless_store, 2026).drop_duplicates("code").set_index("code")
    assert tree.loc["1.02.02", "parent_code"] == first.code and tree.loc["1.02.02.2.02", "parent_code"] == "1.02.02"
    assert tree.loc["1.02.02.2.02.0001", "parent_code"] == "1.02.02.2.02"
    assert tree.loc["1.02.02.2.02.0002", "pagu"] == 380_500_000
    assert pd.isna(tree.loc["T1", "parent_code"]), "the plan's tujuan stays at the top"

    again = io.BytesIO(sub_kegiatan_list("400.000.000"))  # the pagu changed in SIPD
    assert import_cascade(treeless_store, 2026, again.getvalue(), "sipd.xlsx", merge=True).merged == Joined(2, 0, 2)
    tree = tree_frame(treeless_store, 2026).drop_duplicates("code").set_index("code")
    assert tree.loc["1.02.02.2.02.0002", "pagu"] == 400_000_000 and tree.loc["1.02.02", "indicator_name"] == (
        "Persentase faskes sesuai standar"
    )

    from tests.cli import kinerja

    treeless_store.close()
    (tmp_path / "sipd.xlsx").write_bytes(again.getvalue())
    done = kinerja(
        "import-plan", str(tmp_path / "sipd.xlsx"), "--year", "2026", "--merge", "--dry-run", db=treeless_db_path
    )
    assert done.returncode == 0 and "2 simpul diperbarui, 0 ditambahkan, 2 tetap" in done.stdout
