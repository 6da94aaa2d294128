"""The pohon kinerja: Kemendagri codes, a SIPD-style list read into the tree, saved whole, printed."""

import io
from dataclasses import replace

import pandas as pd
import pytest
from openpyxl import Workbook

from kinerja.cascade.codes import level_of, parent_code, split_code
from kinerja.cascade.reading import read_cascade
from kinerja.cascade.stored import TREE_COLUMNS, DraftNode, save_tree, tree_frame, tree_problems
from kinerja.cascade.tree import Level, may_hang_under
from kinerja.domain.problems import InputRejected
from kinerja.storage.figures import recap

TWO_WAYS = "'1.250' dapat berarti 1.250 atau 1,25; dibaca 1.250. Pastikan, atau tulis tanpa pemisah ribuan"


def clear_trees(store) -> None:
    """The demo without its pohon kinerja: these tests build their own trees."""
    with store.write() as w:
        for table in ("cascade_link", "cascade_indicator", "cascade_node"):
            w.execute(f"DELETE FROM {table}")


@pytest.fixture
def demo_store(demo_store):
    clear_trees(demo_store)
    return demo_store


@pytest.fixture
def demo_db_path(demo_db_path):
    from kinerja.storage.store import Store

    store = Store(demo_db_path)
    clear_trees(store)
    store.close()
    return demo_db_path


@pytest.mark.parametrize(
    ("text", "code", "name", "level", "parent"),
    [
        ("1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN", "1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", Level.PROGRAM, None),
        ("1.02.02.2.01 Penyediaan Fasilitas Pelayanan Kesehatan", "1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan", Level.KEGIATAN, "1.02.02"),
        ("1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", "1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", Level.SUB_KEGIATAN, "1.02.02.2.02"),
        ("1.02.02.2.02.0001 - Pengelolaan  Pelayanan\nKesehatan Ibu Hamil", "1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", Level.SUB_KEGIATAN, "1.02.02.2.02"),
        ("x.xx.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "X.XX.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", Level.PROGRAM, None),
        ("1.02 URUSAN PEMERINTAHAN BIDANG KESEHATAN", "1.02", "URUSAN PEMERINTAHAN BIDANG KESEHATAN", None, None),
        ("Pengelolaan Pelayanan Kesehatan Ibu Hamil", None, "Pengelolaan Pelayanan Kesehatan Ibu Hamil", None, None),
        ("Persentase 100.5 ibu hamil", None, "Persentase 100.5 ibu hamil", None, None),
    ],
)  # fmt: skip
def test_kemendagri_codes_say_the_level_and_the_parent(text, code, name, level, parent):
    assert split_code(text) == (code, name)
    if code:
        assert level_of(code) == level
        assert parent_code(code) == parent


@pytest.mark.parametrize(
    ("level", "parent", "allowed"),
    [
        (Level.PROGRAM, Level.SASARAN_OPD, True),
        (Level.KEGIATAN, Level.PROGRAM, True),
        (Level.SUB_KEGIATAN, Level.KEGIATAN, True),
        (Level.SUB_KEGIATAN, Level.PROGRAM, False),
        (Level.KEGIATAN, Level.SASARAN_OPD, False),
        (Level.SASARAN_OPD, Level.SASARAN_PEMDA, True),
        (Level.TUJUAN_PEMDA, None, True),
        (Level.PROGRAM, None, False),
    ],
)
def test_what_may_hang_under_what(level, parent, allowed):
    assert may_hang_under(level, parent) is allowed


def sipd_list() -> bytes:
    """A sub-kegiatan list as SIPD-derived sheets come: a title, code and name in one cell, the
    urusan row above the programs, a node's second indicator on a row of its own, pagu in rupiah."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Renja 2026"
    sheet.append(["RENCANA KERJA DINAS KESEHATAN TAHUN 2026"])
    sheet.append([])
    sheet.append(
        ["Program / Kegiatan / Sub Kegiatan", "Sasaran", "Indikator Kinerja", "Target", "Satuan", "Pagu Indikatif (Rp)"]
    )
    sheet.append(["1.02 URUSAN PEMERINTAHAN BIDANG KESEHATAN", "", "", "", "", ""])
    sheet.append(
        [
            "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
            "S1",
            "Persentase fasilitas kesehatan sesuai standar",
            "85",
            "%",
            "",
        ]
    )
    sheet.append(
        [
            "1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan",
            "",
            "Jumlah layanan kesehatan yang disediakan",
            "12",
            "layanan",
            "",
        ]
    )
    sheet.append(
        [
            "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "",
            "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar",
            "1.250",
            "orang",
            "Rp 450.000.000",
        ]
    )
    sheet.append(["", "", "Jumlah dokumen hasil pelayanan ibu hamil", "4", "dokumen", ""])
    sheet.append(
        [
            "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
            "",
            "Jumlah ibu bersalin yang mendapatkan pelayanan sesuai standar",
            "1.180",
            "orang",
            "380.500.000",
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_sipd_list_reads_into_nodes_with_every_row_accounted_for():
    found = read_cascade(sipd_list(), "renja-2026.xlsx", {"S1": "S1"})
    # '1.250' and '1.180' in a target column whose figures show no decimal mark: read as thousands, and named
    assert [(p.row, p.column, p.severity) for p in found.problems] == [(7, "D", "warning"), (9, "D", "warning")]
    assert [(n.level, n.code, n.parent_code) for n in found.nodes] == [
        (Level.PROGRAM, "1.02.02", "S1"),
        (Level.KEGIATAN, "1.02.02.2.02", "1.02.02"),
        (Level.SUB_KEGIATAN, "1.02.02.2.02.0001", "1.02.02.2.02"),
        (Level.SUB_KEGIATAN, "1.02.02.2.02.0002", "1.02.02.2.02"),
    ]
    mothers = found.nodes[2]
    assert mothers.pagu == 450_000_000 and [i.target for i in mothers.indicators] == [1250, 4]
    assert found.accounting() == {"dilewati": 1, "simpul": 4, "indikator": 1}
    assert ("Renja 2026", 4, "dilewati: 1.02 kode urusan/bidang, bukan simpul pohon kinerja") in found.rows


def sasaran_nodes(store, year):
    return [DraftNode(Level.SASARAN_OPD, c, n, goal_code=c) for c, n in store.rows(
        "SELECT DISTINCT g.code, g.name FROM goal g JOIN indicator_plan p ON p.goal_id = g.id WHERE p.year = ? ORDER BY 1", [year])]  # fmt: skip


def test_a_tree_is_saved_whole_and_printed_with_its_scores(demo_store):
    sasaran = sasaran_nodes(demo_store, 2026)
    found = read_cascade(sipd_list(), "renja-2026.xlsx", {"S1": sasaran[0].code})
    assert save_tree(demo_store, 2026, [*sasaran, *found.nodes]) == len(sasaran) + 4
    frame = tree_frame(demo_store, 2026, 2)
    assert list(frame.columns) == TREE_COLUMNS
    program = frame[frame["code"] == "1.02.02"].iloc[0]
    assert program["level"] == "program" and program["parent_code"] == sasaran[0].code
    assert frame.loc[frame["code"] == "1.02.02.2.02.0001", "target"].tolist() == ["1250", "4"]


def test_a_tree_with_a_wrong_parent_is_refused_whole(demo_store):
    wrong = [
        DraftNode(Level.SUB_KEGIATAN, "1.02.02.2.02.0001", "Ibu hamil", "1.02.02"),
        DraftNode(Level.PROGRAM, "1.02.02", "Program"),
    ]
    problems = tree_problems(demo_store, 2026, wrong)
    assert [p.message for p in problems] == ["Sub Kegiatan tidak dapat berada di bawah Program (1.02.02)"]
    with pytest.raises(InputRejected):
        save_tree(demo_store, 2026, wrong)
    assert demo_store.scalar("SELECT count(*) FROM cascade_node") == 0


def test_the_command_line_prints_the_tree_with_its_stable_columns(demo_db_path):
    from kinerja.access.roles import SYSTEM, acting_as
    from kinerja.storage.store import Store
    from tests.test_cli import kinerja

    store = Store(demo_db_path)
    sasaran = sasaran_nodes(store, 2026)
    with acting_as(SYSTEM):
        save_tree(store, 2026, [*sasaran, *read_cascade(sipd_list(), "renja.xlsx", {"S1": sasaran[0].code}).nodes])
    store.close()
    printed = kinerja("tree", "--year", "2026", "--quarter", "2", db=demo_db_path)
    assert printed.returncode == 0, printed.stderr
    lines = printed.stdout.splitlines()
    assert lines[0] == ",".join(TREE_COLUMNS)
    assert any(
        line.startswith("sub_kegiatan,1.02.02.2.02.0001,Pengelolaan Pelayanan Kesehatan Ibu Hamil,1.02.02.2.02,")
        and line.endswith(",1250,,450000000,")
        for line in lines
    )
    missing = kinerja("tree", "--year", "2030", db=demo_db_path)
    assert missing.returncode == 2 and "belum ada pohon kinerja untuk tahun 2030" in missing.stderr


def test_an_import_takes_the_sasaran_from_the_plan_and_accounts_for_every_row(demo_store):
    from kinerja.cascade.importing import import_cascade

    first = demo_store.rows(
        "SELECT g.code, g.name FROM goal g JOIN indicator_plan p ON p.goal_id = g.id WHERE p.year = 2026 ORDER BY 1 LIMIT 1"
    )[0]
    # the program names its sasaran by its name (spaces around it), as offices write it
    summary = import_cascade(demo_store, 2026, _with_sasaran(sipd_list(), first[1]), "renja-2026.xlsx")
    assert summary.from_file == 4 and summary.from_plan == demo_store.scalar(
        "SELECT count(DISTINCT goal_id) FROM indicator_plan WHERE year = 2026"
    )
    assert summary.lines()[1] == (
        "Dibaca sebagai daftar program/kegiatan/sub kegiatan berkode Kemendagri (SIPD) di sheet Renja 2026. "
        "Baris berkas: 1 dilewati, 4 simpul, 1 indikator."
    )
    frame = tree_frame(demo_store, 2026, 2)
    sasaran = frame[frame["level"] == "sasaran_opd"]
    assert sasaran["indicator_code"].notna().all(), "the office's sasaran carry the plan's PK indicators"
    assert sasaran["score_pct"].notna().any(), "with the recap's scores"
    assert frame.loc[frame["code"] == "1.02.02", "parent_code"].iloc[0] == first[0]


def _with_sasaran(content: bytes, name: str) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    book.active["B5"] = f"  {name} "
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_sasaran_the_plan_does_not_have_becomes_the_trees_own_and_a_bare_code_is_refused(demo_store):
    from kinerja.cascade.importing import import_cascade

    summary = import_cascade(demo_store, 2026, _with_sasaran(sipd_list(), "Sasaran yang belum ada di PK"), "r.xlsx")
    own = [n for n in summary.read.nodes if n.level is Level.SASARAN_OPD]
    assert [(n.name, n.goal_code) for n in own] == [("Sasaran yang belum ada di PK", None)]
    assert summary.read.rows[1][2] == f"simpul: 1.02.02; sasaran pohon: {own[0].code} (belum ada di PK)"
    saved = tree_frame(demo_store, 2026).set_index("code")
    assert saved.loc["1.02.02", "parent_code"] == own[0].code
    clear_trees(demo_store)
    with pytest.raises(InputRejected) as refused:  # a code the plan does not have is no wording to keep
        import_cascade(demo_store, 2026, _with_sasaran(sipd_list(), "S99"), "renja-2026.xlsx")
    (problem,) = refused.value.errors
    assert (problem.sheet, problem.row, problem.column) == ("Renja 2026", 5, "B")
    assert "tidak ada dalam rencana" in problem.message and "tulis kalimat sasarannya" in problem.message
    assert demo_store.scalar("SELECT count(*) FROM cascade_node") == 0


def test_the_checks_name_the_nodes_to_open(demo_store):
    from kinerja.cascade.checks import tree_checks

    sasaran = sasaran_nodes(demo_store, 2026)
    nodes = read_cascade(sipd_list(), "renja.xlsx", {}).nodes  # the program names no sasaran
    save_tree(demo_store, 2026, [*sasaran, *nodes])
    found = {(f.check, f.code) for f in tree_checks(demo_store, 2026)}
    assert ("Sub kegiatan tak terhubung", "1.02.02.2.02.0001") in found
    assert ("Sasaran tanpa program", sasaran[0].code) in found
    assert ("Simpul tanpa indikator", sasaran[0].code) in found, "these sasaran nodes were made without the PK"
    stray = [f for f in tree_checks(demo_store, 2026) if f.check == "Anggaran tanpa IKU"]
    assert len(stray) == 2 and "100,0% dari pagu sub kegiatan" in stray[0].message


def test_import_plan_reads_a_sipd_list_as_the_tree(demo_db_path, tmp_path):
    from tests.test_cli import kinerja

    path = tmp_path / "renja-2026.xlsx"
    path.write_bytes(sipd_list())
    dry = kinerja("import-plan", str(path), "--year", "2026", "--dry-run", db=demo_db_path)
    assert dry.returncode == 0, dry.stderr
    assert "terbaca (belum disimpan)" in dry.stdout
    done = kinerja("import-plan", str(path), "--year", "2026", db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "4 simpul dari berkas" in done.stdout
    assert "Renja 2026 baris 4: dilewati: 1.02 kode urusan/bidang" in done.stdout
    printed = kinerja("tree", "--year", "2026", db=demo_db_path).stdout
    assert "program,1.02.02,PROGRAM PEMENUHAN" in printed
    no_year = kinerja("import-plan", str(path), db=demo_db_path)
    assert no_year.returncode == 2 and "sebutkan tahunnya dengan --year" in no_year.stderr


def test_the_page_previews_an_import_saves_it_and_draws_the_tree(demo_db_path, monkeypatch):
    import streamlit as st

    from tests.test_views_roles import as_account

    app = as_account(demo_db_path, monkeypatch, "admin.demo").run()
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


def test_a_sasaran_node_scores_what_the_dashboard_scores_for_its_sasaran(demo_store):
    from kinerja.cascade.importing import plan_sasaran_nodes
    from kinerja.cascade.stored import node_frame
    from kinerja.domain.recap import roll_up_by
    from kinerja.storage.settings import load_settings

    save_tree(demo_store, 2026, plan_sasaran_nodes(demo_store, 2026))
    nodes = node_frame(demo_store, 2026, 2).set_index("code")
    by_goal = roll_up_by(recap(demo_store, 2026, 2), "goal_code", load_settings(demo_store, 2026).scale).set_index(
        "goal_code"
    )
    assert len(nodes) == len(by_goal) > 0
    for code, row in by_goal.iterrows():
        assert nodes.loc[code, "score_pct"] == pytest.approx(row["score_pct"]), code
        assert nodes.loc[code, "category"] == row["category"], code


def test_saving_again_replaces_the_years_tree_and_leaves_other_years(demo_store):
    from kinerja.cascade.importing import plan_sasaran_nodes
    from kinerja.workflow.lock import unlock_plan

    with pytest.raises(InputRejected, match="LKjIP 2025 sudah final"):  # the demo's 2025 is finished
        save_tree(demo_store, 2025, plan_sasaran_nodes(demo_store, 2025))
    unlock_plan(demo_store, 2025, "Pohon kinerja 2025 belum pernah dicatat")
    save_tree(demo_store, 2025, plan_sasaran_nodes(demo_store, 2025))
    save_tree(demo_store, 2026, [*plan_sasaran_nodes(demo_store, 2026), *read_cascade(sipd_list(), "r.xlsx", {}).nodes])
    again = plan_sasaran_nodes(demo_store, 2026)[:2]
    assert save_tree(demo_store, 2026, again) == 2
    assert tree_frame(demo_store, 2026)["code"].drop_duplicates().tolist() == [n.code for n in again]
    assert demo_store.scalar("SELECT count(*) FROM cascade_indicator ci JOIN cascade_node n ON n.id = ci.node_id "
                             "WHERE n.year = 2026") == sum(len(n.indicators) for n in again)  # fmt: skip
    assert len(tree_frame(demo_store, 2025)) > 0, "a year is history: 2025's tree is untouched"


def test_a_drawn_branch_holds_what_fits_and_says_what_it_hides(demo_store):
    from kinerja.cascade.importing import plan_sasaran_nodes
    from kinerja.cascade.stored import branch, node_frame

    save_tree(
        demo_store,
        2026,
        [*plan_sasaran_nodes(demo_store, 2026), *read_cascade(sipd_list(), "r.xlsx", {"S1": "S1"}).nodes],
    )
    nodes = node_frame(demo_store, 2026, 2)
    whole = branch(nodes)
    assert len(whole) == len(nodes) and (whole["hidden"] == 0).all()
    assert whole.set_index("code").loc["S1", "pagu_total"] == 450_000_000 + 380_500_000, "the pagu under it"
    tops = branch(nodes, limit=len(nodes) - 2)  # the last level does not fit: it stays under its kegiatan
    assert set(tops["level"]) == {"sasaran_opd", "program", "kegiatan"}
    assert tops.set_index("code").loc["1.02.02.2.02", "hidden"] == 2
    program = branch(nodes, "1.02.02")
    assert program["code"].tolist() == ["1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0002"]
    upper = branch(nodes[nodes["level"] != "sub_kegiatan"])  # a frame filtered first, as the LKjIP's picture is
    assert upper["code"].tolist()[-2:] == ["1.02.02", "1.02.02.2.02"] and (upper["hidden"] == 0).all()


def test_the_kertas_kerja_puts_each_branch_under_its_sasaran_and_the_archive_keeps_it(demo_store):
    import zipfile

    from openpyxl import load_workbook

    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.stored import kertas_kerja
    from kinerja.reporting.archive import period_archive

    import_cascade(demo_store, 2026, sipd_list(), "renja-2026.xlsx")  # the program names its sasaran S1
    book = load_workbook(io.BytesIO(kertas_kerja(demo_store, 2026, 2)))
    sheet = book["Kertas Kerja Cascading"]
    header = [c.value for c in sheet[4]]
    assert header[:10] == ["Tujuan PD", "Indikator Tujuan PD", "Sasaran PD", "Indikator Sasaran PD", "Program",
                           "Indikator Program", "Kegiatan", "Indikator Kegiatan", "Sub Kegiatan",
                           "Indikator Sub Kegiatan"]  # fmt: skip
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert (rows[0][0] or "").startswith("T1 "), "the plan's tujuan above its sasaran"
    first_s1 = next(n for n, r in enumerate(rows) if (r[2] or "").startswith("S1 "))
    below = [r for r in rows[first_s1:] if not (r[2] or "").startswith("S1 ")][:5]
    assert [next(v for v in r[:10] if v).split()[0] for r in below] == [
        "1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0001", "1.02.02.2.02.0002"
    ], "the program, its kegiatan and sub-kegiatan right under the sasaran they serve"  # fmt: skip
    mothers = next(r for r in rows if r[8] and r[8].startswith("1.02.02.2.02.0001"))
    assert mothers[header.index("Pagu (Rp)")] == 450_000_000
    pagu = [r[header.index("Pagu (Rp)")] for r in rows if r[8] and r[8].startswith("1.02.02.2.02.0001")]
    assert pagu == [450_000_000, None], "a node's pagu on its first row only: the column sums to the budget"
    assert sum(r[header.index("Pagu (Rp)")] or 0 for r in rows) == 830_500_000
    assert header[header.index("Pagu (Rp)") + 1] == "Realisasi (Rp)"
    assert book["Daftar Simpul"]["A4"].value == "Tingkat"
    with zipfile.ZipFile(io.BytesIO(period_archive(demo_store, 2026, 2))) as archive:
        assert any(name.endswith("data/kertas-kerja-cascading-2026.xlsx") for name in archive.namelist())


def test_the_lkjip_shows_the_tree_and_names_the_programs_under_each_sasaran(demo_store, tmp_path):
    from docx import Document

    from kinerja.cascade.importing import import_cascade
    from kinerja.reporting.lkjip import annual_docx

    import_cascade(demo_store, 2026, sipd_list(), "renja-2026.xlsx")  # the program serves S1
    document = Document(io.BytesIO(annual_docx(demo_store, 2026, cache_dir=tmp_path / "grafik")))
    texts = [p.text for p in document.paragraphs]
    assert "C. Pohon Kinerja (Cascading)" in texts
    assert any(
        t.startswith("Pohon kinerja tahun 2026 memuat 2 tujuan, 5 sasaran, 1 program, 1 kegiatan, 2 sub kegiatan")
        for t in texts
    )
    cascade = next(t for t in document.tables if t.rows[0].cells[0].text == "Tingkat")
    listed = [(r.cells[1].text, r.cells[3].text) for r in cascade.rows[1:]]
    s1 = [code for code, _ in listed].index("S1")
    assert listed[s1 + 1 : s1 + 3] == [("1.02.02", "Rp 830.500.000"), ("1.02.02.2.02", "Rp 830.500.000")]
    seventh = texts.index("7. Program dan kegiatan yang mendukung")  # sasaran 1's analysis
    assert (
        texts[seventh + 1]
        == "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT: pagu Rp 830.500.000."
    )


def kertas_kerja_matrix(sasaran_name: str) -> bytes:
    """A Kertas Kerja Cascading as an office keeps it: a title, a column per level with its indicator
    beside it, the sasaran and the program merged down their rows, a program without a code."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Cascading"
    sheet.append(["KERTAS KERJA CASCADING DINAS KESEHATAN TAHUN 2026"])
    sheet.append([])
    sheet.append(["No", "Sasaran Strategis", "Indikator Sasaran", "Program", "Indikator Program", "Kegiatan",
                  "Indikator Kegiatan", "Sub Kegiatan", "Indikator Sub Kegiatan", "Target", "Satuan", "Pagu (Rp)",
                  "Penanggung Jawab"])  # fmt: skip
    sheet.append([1, sasaran_name, "", "Program Pemenuhan Upaya Kesehatan", "Persentase faskes sesuai standar",
                  "1.02.02.2.02 Penyediaan Layanan Kesehatan UKM dan UKP", "Jumlah layanan yang disediakan",
                  "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", "Jumlah ibu hamil dilayani", "1.250",
                  "orang", "450.000.000", "Kepala Seksi Kesga"])  # fmt: skip
    sheet.append(["", "", "", "", "", "", "", "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
                  "Jumlah ibu bersalin dilayani", "1.180", "orang", "380.500.000", "Kepala Seksi Kesga"])  # fmt: skip
    sheet.append(["", "", "", "", "", "", "", "", "Jumlah dokumen persalinan", "12", "dokumen", "", ""])
    sheet.merge_cells("B4:B6")
    sheet.merge_cells("D4:D6")
    sheet.merge_cells("F4:F6")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_kertas_kerja_matrix_reads_by_its_level_columns(demo_store):
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(demo_store, 2026)[0]
    summary = import_cascade(demo_store, 2026, kertas_kerja_matrix(first.name), "cascading-2026.xlsx")
    nodes = {n.code: n for n in summary.read.nodes}
    made = f"{first.code}.1"
    assert list(nodes) == [made, "1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0002"]
    assert (nodes[made].level, nodes[made].parent_code) == (Level.PROGRAM, first.code)
    assert nodes["1.02.02.2.02"].parent_code == made
    assert [i.name for i in nodes["1.02.02.2.02.0002"].indicators] == [
        "Jumlah ibu bersalin dilayani",
        "Jumlah dokumen persalinan",
    ]
    assert (
        nodes["1.02.02.2.02.0001"].pagu == 450_000_000 and nodes["1.02.02.2.02.0001"].official == "Kepala Seksi Kesga"
    )
    assert [what for _, _, what in summary.read.rows] == [
        f"sasaran {first.code}; simpul: {made} (kode dibuat); simpul: 1.02.02.2.02; simpul: 1.02.02.2.02.0001; "
        f"indikator: {made}; indikator: 1.02.02.2.02; indikator: 1.02.02.2.02.0001",
        "simpul: 1.02.02.2.02.0002; indikator: 1.02.02.2.02.0002",
        "indikator: 1.02.02.2.02.0002",
    ]
    saved = tree_frame(demo_store, 2026).set_index("code")
    assert saved.loc[made, "parent_code"] == first.code
    assert saved.loc[made, "indicator_name"] == "Persentase faskes sesuai standar" and pd.isna(
        saved.loc[made, "target"]
    )
    assert saved.loc["1.02.02.2.02.0001", "target"] == "1250", "the row's target is its deepest indicator's"


def test_edited_nodes_keep_their_indicators_move_and_are_refused_with_their_row(demo_store):
    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.stored import draft_from_edited, nodes_for_editing

    import_cascade(demo_store, 2026, sipd_list(), "renja-2026.xlsx")  # the program serves S1
    table = nodes_for_editing(demo_store, 2026)
    assert table["Kode"].tolist()[table["Kode"].tolist().index("S1") + 1] == "1.02.02", "each branch under its parent"
    program = table.index[table["Kode"] == "1.02.02"][0]
    table.loc[program, "Kode Induk"] = "S2"  # the program moves to another sasaran
    table.loc[program, "Nama"] = "Program Pemenuhan Upaya Kesehatan"
    table = table[table["Kode"] != "1.02.02.2.02.0002"]  # a sub-kegiatan removed
    save_tree(demo_store, 2026, draft_from_edited(demo_store, 2026, table))
    saved = tree_frame(demo_store, 2026)
    moved = saved[saved["code"] == "1.02.02"].iloc[0]
    assert (moved["parent_code"], moved["name"]) == ("S2", "Program Pemenuhan Upaya Kesehatan")
    assert moved["indicator_name"] == "Persentase fasilitas kesehatan sesuai standar", "its indicator stays"
    assert "1.02.02.2.02.0002" not in set(saved["code"])
    assert saved[saved["code"] == "S1"]["indicator_code"].notna().all(), "a sasaran keeps the plan's PK"
    wrong = nodes_for_editing(demo_store, 2026)
    wrong.loc[len(wrong)] = ["Bukan tingkat", "9.99", "Baris salah", None, None, None, None, None, None]
    with pytest.raises(InputRejected) as refused:
        draft_from_edited(demo_store, 2026, wrong)
    assert refused.value.problems[0].row == len(wrong), "the row as the table numbers it"


def test_a_leader_reads_the_tree_but_neither_imports_nor_edits(demo_db_path, monkeypatch):
    import streamlit as st

    from kinerja.access.roles import SYSTEM, acting_as
    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.links import save_links
    from kinerja.storage.store import Store
    from tests.test_views_roles import as_account

    store = Store(demo_db_path)
    with acting_as(SYSTEM):
        import_cascade(store, 2026, sipd_list(), "renja-2026.xlsx")
        save_links(store, 2026, links_table(["1.02.02", "Dinas Sosial", None, None, "diusulkan", None]))
    store.close()
    app = as_account(demo_db_path, monkeypatch, "kadis").run()
    app.switch_page("views/pohon.py").run()
    assert not app.exception
    assert [t.label for t in app.tabs][:4] == ["Pohon", "Anggaran per cabang", "Pemeriksaan (7)", "Crosscutting"]
    (checks,) = [t.value for t in app.dataframe if "Pemeriksaan" in t.value.columns]
    assert "Crosscutting menunggu" in checks["Pemeriksaan"].tolist()
    read = [t for t in app.dataframe if "Perangkat Daerah Lain" in t.value.columns]
    assert read and read[0].value["Perangkat Daerah Lain"].tolist() == ["Dinas Sosial"] and not app.get("data_editor")
    assert "Ubah simpul" not in [t.label for t in app.tabs] and not app.get("file_uploader")
    st.cache_resource.clear()


PLAN_TUJUAN = "Meningkatkan derajat kesehatan masyarakat"  # the demo plan's T1, above S1 to S4


def drawn_tree(sasaran_name: str, stray: bool = False, tujuan: str = PLAN_TUJUAN) -> bytes:
    """A pohon kinerja drawn as boxes of merged cells, as offices draw it: a title, eselon labels at
    the left, "Sasaran :" / "Indikator :" cells with the target in the text, a box's indicators
    numbered in one cell, the program's name under its sasaran, pagu in a sub-kegiatan's box."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Pohon Kinerja"
    cells = {
        "A1": "POHON KINERJA DINAS KESEHATAN TAHUN 2026",
        "B3": f"Tujuan : {tujuan}",
        "B4": "Indikator : Usia Harapan Hidup (72,5 Tahun)",
        "A6": "ESELON II",
        "B6": f"Sasaran : {sasaran_name}",
        "B7": "Indikator : Indeks Kepuasan Masyarakat 81 (A)",
        "A9": "ESELON III",
        "B9": "Sasaran Program : Meningkatnya mutu layanan kesehatan",
        "B10": "Indikator : Persentase fasilitas kesehatan terakreditasi (100%)",
        "B11": "Program : 1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
        "B12": "Penanggung Jawab : Kepala Bidang Pelayanan Kesehatan",
        "H9": "Sasaran Program : Meningkatnya akuntabilitas kinerja",
        "H10": "Indikator : Nilai AKIP 70 (BB)",
        "A14": "ESELON IV",
        "B14": "Sasaran Kegiatan : Tersedianya layanan kesehatan rujukan",
        "B15": "Indikator :\n1. Jumlah dokumen layanan rujukan (13 Dokumen)\n2. Persentase rumah sakit rujukan (100%)",
        "B16": "Kegiatan : 1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan",
        "E14": "Sasaran Kegiatan : Meningkatnya sarana puskesmas",
        "E15": "Indikator : Jumlah puskesmas direhabilitasi",
        "H14": "Sasaran Kegiatan : Tersusunnya dokumen perencanaan",
        "H15": "Indikator : Opini BPK (WTP)",
        "B18": "Sub Kegiatan : 1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "B19": "Indikator : Jumlah ibu hamil yang mendapatkan pelayanan (1.250 Orang)",
        "B20": "Pagu : Rp 450.000.000",
        "N18" if stray else "C22": "Sub Kegiatan : 1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
    }
    for ref, text in cells.items():
        sheet[ref] = text
    for span in ("B3:M3", "B4:M4", "B6:M6", "B7:M7", "B9:G9", "B10:G10", "B11:G11", "B12:G12", "H9:M9", "H10:M10",
                 "B14:D14", "B15:D15", "B16:D16", "E14:G14", "E15:G15", "H14:M14", "H15:M15", "B18:D18", "B19:D19",
                 "B20:D20"):  # fmt: skip
        sheet.merge_cells(span)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_drawn_tree_is_read_box_by_box_with_targets_from_the_text(demo_store):
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(demo_store, 2026)[0]
    content = drawn_tree(first.name)
    summary = import_cascade(demo_store, 2026, content, "pohon-kinerja-2026.xlsx")
    nodes = {n.code: n for n in summary.read.nodes}
    assert list(nodes) == ["1.02.02", f"{first.code}.1", "1.02.02.2.02", "K1.02.02.1", f"{first.code}.1.1",
                           "1.02.02.2.02.0001", "1.02.02.2.02.0002"]  # fmt: skip
    assert nodes["1.02.02"].parent_code == first.code
    assert nodes["1.02.02"].name.startswith("PROGRAM PEMENUHAN") and nodes["1.02.02"].official == (
        "Kepala Bidang Pelayanan Kesehatan"
    )
    assert nodes[f"{first.code}.1"].name == "Meningkatnya akuntabilitas kinerja", "a box without a program's name"
    drawn = [*(i for n in nodes.values() for i in n.indicators), *summary.read.added["T1"]]  # T1: the plan's tujuan
    targets = {(i.name, i.target, i.measure_unit, i.target_text) for i in drawn}
    assert targets >= {
        ("Usia Harapan Hidup", 72.5, "Tahun", None),
        ("Persentase fasilitas kesehatan terakreditasi", 100, "%", None),
        ("Nilai AKIP", 70, None, "70 (BB)"),
        ("Jumlah dokumen layanan rujukan", 13, "Dokumen", None),
        ("Persentase rumah sakit rujukan", 100, "%", None),
        ("Jumlah puskesmas direhabilitasi", None, None, None),
        ("Opini BPK", None, None, "WTP"),
        ("Jumlah ibu hamil yang mendapatkan pelayanan", 1250, "Orang", None),
    }
    assert nodes["1.02.02.2.02.0001"].pagu == 450_000_000
    assert nodes["1.02.02.2.02.0001"].parent_code == "1.02.02.2.02", "its code, not the drawing, gives its parent"
    said = {(row, what) for _, row, what in summary.read.rows}
    assert (1, "dilewati: teks di luar kotak (A1)") in said and (6, "dilewati: teks di luar kotak (A6)") in said
    assert (7, f"indikator sasaran {first.code}: dari Perjanjian Kinerja") in said
    assert (22, "simpul: 1.02.02.2.02.0002 (kotak C22)") in said and (3, "tujuan T1 (kotak B3)") in said
    assert summary.read.accounting() == {"tujuan": 1, "indikator": 7, "sasaran": 1, "indikator sasaran": 1, "simpul": 7,
                                         "nama": 2, "penanggung jawab": 1, "pagu": 1, "dilewati": 4}  # every cell  # fmt: skip
    saved = tree_frame(demo_store, 2026).set_index("code")
    assert saved.loc["T1", "indicator_name"] == "Usia Harapan Hidup", "the plan's tujuan takes the indicator drawn"
    assert saved.loc[first.code, "parent_code"].tolist()[0] == "T1"

    elsewhere = import_cascade(
        demo_store, 2026, drawn_tree(first.name, tujuan="Meningkatnya usia harapan hidup"), "p.xlsx"
    )
    (made,) = [n for n in elsewhere.read.nodes if n.level is Level.TUJUAN_OPD]
    assert made.code == "T3", "a tujuan not in the plan gets a code the plan's T1 and T2 do not use"
    saved = tree_frame(demo_store, 2026).drop_duplicates("code").set_index("code")
    assert saved.loc[first.code, "parent_code"] == "T3", "the plan's sasaran hangs under the tujuan drawn above it"


def test_a_box_that_cannot_be_placed_is_named_and_nothing_is_saved(demo_store):
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(demo_store, 2026)[0]
    before = tree_frame(demo_store, 2026)
    with pytest.raises(InputRejected) as refused:
        import_cascade(demo_store, 2026, drawn_tree(first.name, stray=True), "pohon-kinerja-2026.xlsx")
    (problem,) = [p for p in refused.value.problems if p.row == 18 and p.column == "N"]
    assert problem.sheet == "Pohon Kinerja" and "kotak N18 tidak dapat ditempatkan" in problem.message
    assert "B14, E14, H14" in problem.message, "it names the boxes of the row above to choose from"
    assert tree_frame(demo_store, 2026).equals(before)


def test_a_matrix_with_the_regions_levels_puts_the_plans_sasaran_under_them(demo_store):
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(demo_store, 2026)[0]
    book = Workbook()
    sheet = book.active
    sheet.append(["Sasaran RPJMD", "Indikator Sasaran RPJMD", "Tujuan Perangkat Daerah", "Indikator Tujuan",
                  "Sasaran Strategis", "Indikator Sasaran", "Program", "Indikator Program", "Target", "Satuan"])  # fmt: skip
    sheet.append(["Meningkatnya kualitas SDM", "Indeks Pembangunan Manusia", "Meningkatnya derajat kesehatan",
                  "Usia Harapan Hidup", first.name, "IKM", "1.02.02 Program Pemenuhan Upaya Kesehatan",
                  "Persentase faskes terakreditasi", "100", "%"])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    summary = import_cascade(demo_store, 2026, buffer.getvalue(), "matriks.xlsx")
    assert [(n.code, n.level, n.parent_code) for n in summary.read.nodes] == [
        ("SP1", Level.SASARAN_PEMDA, None),
        ("SP1.1", Level.TUJUAN_OPD, "SP1"),
        ("1.02.02", Level.PROGRAM, first.code),
    ]
    assert f"indikator sasaran {first.code}: dari Perjanjian Kinerja" in summary.read.rows[0][2]
    saved = tree_frame(demo_store, 2026).drop_duplicates("code").set_index("code")
    assert saved.loc[first.code, "parent_code"] == "SP1.1"
    assert saved.loc["SP1", "indicator_name"] == "Indeks Pembangunan Manusia"


def links_table(*rows) -> pd.DataFrame:
    from kinerja.cascade.links import LINK_COLUMNS

    return pd.DataFrame(list(rows), columns=LINK_COLUMNS)


def test_crosscutting_links_are_checked_kept_with_their_nodes_and_exported(demo_store):
    from kinerja.cascade.checks import tree_checks
    from kinerja.cascade.links import links_frame, save_links
    from kinerja.cascade.stored import dropped_links, kertas_kerja

    sasaran = sasaran_nodes(demo_store, 2026)
    found = read_cascade(sipd_list(), "renja-2026.xlsx", {"S1": sasaran[0].code})
    save_tree(demo_store, 2026, [*sasaran, *found.nodes])
    with pytest.raises(InputRejected) as refused:
        save_links(demo_store, 2026, links_table(
            ["1.02.02", "Dinas Sosial", "1.06.04", "Program Rehabilitasi Sosial", "diusulkan", None],
            ["9.99.99", "Bappeda", None, None, "diusulkan", None],
            ["1.02.02.2.02", "Dinas PUPR", None, "Jalan ke puskesmas", "ditolak", None],
        ))  # fmt: skip
    assert [(p.row, p.column) for p in refused.value.problems] == [(2, "Kode Simpul"), (3, "Alasan")]
    assert links_frame(demo_store, 2026).empty, "a refused table saves nothing"
    assert save_links(demo_store, 2026, links_table(
        ["1.02.02", "Dinas Sosial", "1.06.04", "Program Rehabilitasi Sosial", "diusulkan", None],
        ["1.02.02.2.02", "Dinas PUPR", None, "Jalan ke puskesmas", "ditolak", "bukan prioritas tahun ini"],
        ["1.02.02.2.02.0001", "RSUD", None, "Rujukan ibu hamil", "diterima", None],
    )) == 3  # fmt: skip
    checks = {(f.check, f.code, f.message) for f in tree_checks(demo_store, 2026)}
    assert ("Crosscutting menunggu", "1.02.02", "tautan ke Dinas Sosial (1.06.04 Program Rehabilitasi Sosial) belum "
            "disetujui") in checks  # fmt: skip
    assert ("Crosscutting ditolak", "1.02.02.2.02", "ditolak oleh Dinas PUPR (Jalan ke puskesmas): bukan prioritas "
            "tahun ini") in checks  # fmt: skip
    assert not any(code == "1.02.02.2.02.0001" and check.startswith("Crosscutting") for check, code, _ in checks)

    renamed = [replace(n, name="Program Kesehatan") if n.code == "1.02.02" else n for n in [*sasaran, *found.nodes]]
    save_tree(demo_store, 2026, renamed)
    assert links_frame(demo_store, 2026)["Kode Simpul"].tolist() == ["1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001"]
    without = [n for n in renamed if n.code != "1.02.02.2.02.0001"]
    assert dropped_links(demo_store, 2026, without) == ["1.02.02.2.02.0001 ↔ RSUD"], "said before the save"
    save_tree(demo_store, 2026, without)
    assert links_frame(demo_store, 2026)["Kode Simpul"].tolist() == ["1.02.02", "1.02.02.2.02"]
    audit = demo_store.scalar("SELECT after FROM audit_log WHERE action = 'simpan_pohon_kinerja' ORDER BY id DESC")
    assert "1.02.02.2.02.0001 ↔ RSUD" in audit, "and recorded with the save"
    sheet = pd.read_excel(
        io.BytesIO(kertas_kerja(demo_store, 2026)), sheet_name="Crosscutting", header=None, engine="calamine"
    )
    assert "bukan prioritas tahun ini" in sheet.astype(str).values


def test_the_dashboard_narrows_to_a_branch_of_the_years_tree_and_a_shared_link_keeps_it(demo_store):
    import datetime as dt

    from kinerja.access.sharing import create_link, shared_view
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes
    from kinerja.cascade.stored import branch_choices
    from kinerja.reporting.dashboard import View, filtered
    from kinerja.storage.settings import load_settings

    settings = load_settings(demo_store, 2026)
    first = plan_sasaran_nodes(demo_store, 2026)[0]
    assert branch_choices(demo_store, 2026) == {}, "no tree yet: nothing to narrow to"
    import_cascade(demo_store, 2026, drawn_tree(first.name), "pohon-kinerja-2026.xlsx")
    import_cascade(demo_store, 2026, drawn_tree(first.name, tujuan="Meningkatnya usia harapan hidup"), "p.xlsx")
    assert list(branch_choices(demo_store, 2026).items()) == [
        ("T1 · Tujuan Perangkat Daerah: Meningkatkan derajat kesehatan masyarakat", "T1"),
        ("T2 · Tujuan Perangkat Daerah: Meningkatkan tata kelola pemerintahan yang akuntabel", "T2"),
        ("T3 · Tujuan Perangkat Daerah: Meningkatnya usia harapan hidup", "T3"),
    ]
    narrowed = filtered(demo_store, View(2026, 2, branch="T3"), settings)
    whole = filtered(demo_store, View(2026, 2), settings)
    assert set(narrowed["goal_code"]) == {first.code} and len(narrowed) == (whole["goal_code"] == first.code).sum()
    assert filtered(demo_store, View(2025, 2, branch="T3"), settings).empty, "2025 has no tree: its own year's"
    token = create_link(demo_store, "Rapat tujuan", 2026, 2, branch="T3", expires_on=dt.date(2026, 12, 31))
    assert shared_view(demo_store, token, dt.date(2026, 12, 1)).branch == "T3"


def test_the_dashboard_page_offers_the_branch_filter_in_its_link(demo_db_path, monkeypatch):
    import streamlit as st

    from kinerja.access.roles import SYSTEM, acting_as
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes
    from kinerja.cascade.stored import sasaran_under
    from kinerja.storage.store import Store
    from tests.test_views_roles import as_account

    store = Store(demo_db_path)
    with acting_as(SYSTEM):
        first = plan_sasaran_nodes(store, 2026)[0]
        import_cascade(store, 2026, drawn_tree(first.name), "pohon-kinerja-2026.xlsx")
        counted = recap(store, 2026, 2)["goal_code"].isin(sasaran_under(store, 2026, "T2")).sum()
    store.close()
    app = as_account(demo_db_path, monkeypatch, "kadis").run()
    app.switch_page("views/dasbor.py")
    app.query_params["tahun"] = "2026"
    app.query_params["tw"] = "TW II"
    app.query_params["cabang_pohon"] = (
        "T2 · Tujuan Perangkat Daerah: Meningkatkan tata kelola pemerintahan yang akuntabel"
    )
    app.run()
    assert not app.exception
    assert app.selectbox(key="cabang_pohon").value.startswith("T2 · ")
    assert app.metric[2].value.endswith(f"dari {counted}")
    st.cache_resource.clear()


def test_the_trees_own_indicators_are_edited_and_the_pk_ones_stay_the_plans(demo_store):
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes
    from kinerja.cascade.stored import INDICATOR_COLUMNS, draft_with_indicators, indicators_for_editing

    first = plan_sasaran_nodes(demo_store, 2026)[0]
    import_cascade(demo_store, 2026, sipd_list(), "renja-2026.xlsx")
    table = indicators_for_editing(demo_store, 2026)
    assert list(table.columns) == INDICATOR_COLUMNS and not table["Kode Simpul"].isin([first.code]).any()
    row = table.index[table["Indikator"] == "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar"][0]
    assert table.loc[row, "Target"] == "1250"
    table.loc[row, "Target"] = "1.300"
    table = table.drop(table.index[table["Indikator"] == "Persentase fasilitas kesehatan sesuai standar"])
    table.loc[len(table) + 10] = ["1.02.02", "Outcome", "Indeks kepuasan layanan", "indeks", "80 - 90"]
    table.loc[len(table) + 11] = ["1.02.02.2.02", "Output", "Opini atas laporan", None, "WTP"]
    save_tree(demo_store, 2026, draft_with_indicators(demo_store, 2026, table))
    saved = tree_frame(demo_store, 2026)
    own = saved[saved["code"] == "1.02.02"]
    assert own[["indicator_name", "target"]].values.tolist() == [["Indeks kepuasan layanan", "80 - 90"]]
    assert "1300" in saved.loc[saved["code"] == "1.02.02.2.02.0001", "target"].tolist()
    assert "WTP" in saved.loc[saved["code"] == "1.02.02.2.02", "target"].tolist()
    assert saved.loc[saved["code"] == first.code, "indicator_code"].notna().all(), "the PK indicators stay"
    assert len(saved[saved["code"] == first.code]) == len(first.indicators)

    before = tree_frame(demo_store, 2026)
    bad = pd.DataFrame([["9.99", "Output", "X", None, "1"], ["1.02.02", "Hasil", "", None, "90 - 80"]],
                       columns=INDICATOR_COLUMNS)  # fmt: skip
    with pytest.raises(InputRejected) as refused:
        draft_with_indicators(demo_store, 2026, bad)
    assert [(p.row, p.column) for p in refused.value.problems] == [
        (1, "Kode Simpul"), (2, "Indikator"), (2, "Jenis"), (2, "Target")
    ]  # fmt: skip
    assert tree_frame(demo_store, 2026).equals(before)


def test_the_printed_tree_is_one_a4_landscape_page_down_to_a_readable_row(demo_store):
    import re as regex

    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.stored import node_frame
    from kinerja.reporting.tree_printing import printable, tree_figure, tree_pdf

    import_cascade(demo_store, 2026, sipd_list(), "renja-2026.xlsx")
    nodes = node_frame(demo_store, 2026, 2)
    narrow = printable(nodes, row=4)  # the five sasaran make a row wider than four boxes
    assert set(narrow["level"]) == {"tujuan_opd"}, "a row of more boxes than fit is left out"
    assert narrow.set_index("code")["hidden"].sum() == len(nodes) - 2, "and said to be under its tujuan"
    assert set(printable(nodes)["level"]) == {"tujuan_opd", "sasaran_opd", "program", "kegiatan", "sub_kegiatan"}
    under = printable(nodes, "1.02.02.2.02", row=1)
    assert under["code"].tolist() == ["1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0002"], (
        "a branch prints its first row under it, however wide"
    )
    pdf = tree_pdf(demo_store, 2026, 2)
    assert pdf.startswith(b"%PDF") and len(regex.findall(rb"/Type\s*/Page\b", pdf)) == 1
    boxes = [tuple(float(v) for v in box.split()) for box in regex.findall(rb"/MediaBox\s*\[([^\]]+)\]", pdf)]
    assert boxes and all(round(w - x) == 842 and round(h - y) == 596 for x, y, w, h in boxes), "A4 landscape, in points"
    # as offices draw it: each box with its indicators and targets, its official and its pagu (its sub-kegiatan's)
    page = " ".join(note.text for note in tree_figure(demo_store, 2026, 2, "1.02.02").layout.annotations)
    assert "• Jumlah ibu hamil yang mendapatkan pelayanan" in page and "1.250 orang" in page
    assert "Pagu Rp 450.000.000" in page and "Pagu Rp 830.500.000" in page, "the kegiatan: its two sub-kegiatan"


def sub_kegiatan_list(second_pagu: str = "380.500.000") -> bytes:
    """SIPD's sub-kegiatan list of one kegiatan: code and name in one cell, output indicator, pagu."""
    book = Workbook()
    rows = book.active
    rows.append(["Sub Kegiatan", "Indikator Kinerja", "Target", "Satuan", "Pagu (Rp)"])
    rows.append(["1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", "Jumlah ibu hamil", "1.250", "orang",
                 "450.000.000"])  # fmt: skip
    rows.append(["1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin", "Jumlah ibu bersalin", "1.180",
                 "orang", second_pagu])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_sipd_sub_kegiatan_list_joins_the_tree_a_worksheet_made(demo_store, demo_db_path, tmp_path):
    from kinerja.cascade.importing import Joined, import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(demo_store, 2026)[0]
    book = Workbook()
    sheet = book.active
    sheet.append(["Sasaran Strategis", "Program", "Indikator Program", "Kegiatan", "Indikator Kegiatan", "Target"])
    sheet.append([first.name, "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN", "Persentase faskes sesuai standar",
                  "1.02.02.2.02 Penyediaan Layanan Kesehatan UKM dan UKP Rujukan", "Jumlah layanan", "4"])  # fmt: skip
    upper = io.BytesIO()
    book.save(upper)
    import_cascade(demo_store, 2026, upper.getvalue(), "kertas-kerja.xlsx")
    sipd = io.BytesIO(sub_kegiatan_list())

    with pytest.raises(InputRejected, match=r"induk 1\.02\.02\.2\.02 tidak ada di pohon ini"):
        import_cascade(demo_store, 2026, sipd.getvalue(), "sipd.xlsx", dry_run=True)  # replacing: no kegiatan
    summary = import_cascade(demo_store, 2026, sipd.getvalue(), "sipd.xlsx", merge=True)
    assert summary.merged == Joined(0, 2, 2) and "0 simpul diperbarui, 2 ditambahkan, 2 tetap" in summary.lines()[0]
    tree = tree_frame(demo_store, 2026).drop_duplicates("code").set_index("code")
    assert tree.loc["1.02.02", "parent_code"] == first.code and tree.loc["1.02.02.2.02", "parent_code"] == "1.02.02"
    assert tree.loc["1.02.02.2.02.0001", "parent_code"] == "1.02.02.2.02"
    assert tree.loc["1.02.02.2.02.0002", "pagu"] == 380_500_000
    assert pd.isna(tree.loc["T1", "parent_code"]), "the plan's tujuan stays at the top"

    again = io.BytesIO(sub_kegiatan_list("400.000.000"))  # the pagu changed in SIPD
    assert import_cascade(demo_store, 2026, again.getvalue(), "sipd.xlsx", merge=True).merged == Joined(2, 0, 2)
    tree = tree_frame(demo_store, 2026).drop_duplicates("code").set_index("code")
    assert tree.loc["1.02.02.2.02.0002", "pagu"] == 400_000_000 and tree.loc["1.02.02", "indicator_name"] == (
        "Persentase faskes sesuai standar"
    )

    from tests.test_cli import kinerja

    demo_store.close()
    (tmp_path / "sipd.xlsx").write_bytes(again.getvalue())
    done = kinerja(
        "import-plan", str(tmp_path / "sipd.xlsx"), "--year", "2026", "--merge", "--dry-run", db=demo_db_path
    )
    assert done.returncode == 0 and "2 simpul diperbarui, 0 ditambahkan, 2 tetap" in done.stdout


def test_a_joined_list_gives_its_kemendagri_code_to_the_node_made_without_one(demo_store):
    from kinerja.cascade.importing import Joined, import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(demo_store, 2026)[0]
    import_cascade(demo_store, 2026, kertas_kerja_matrix(first.name), "cascading-2026.xlsx")  # a program "S1.1"
    book = Workbook()
    sheet = book.active
    sheet.append(["Program / Kegiatan / Sub Kegiatan", "Sasaran", "Indikator Kinerja", "Target", "Pagu (Rp)"])
    sheet.append(["1.02.02 PROGRAM PEMENUHAN  UPAYA KESEHATAN", first.code, "Persentase faskes", "85", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    summary = import_cascade(demo_store, 2026, buffer.getvalue(), "sipd.xlsx", merge=True, dry_run=True)
    made = f"{first.code}.1"
    assert summary.merged == Joined(1, 0, 3, ((made, "1.02.02"),))
    assert summary.renamed_line() == (
        f"Kode Kemendagri dari berkas menggantikan kode buatan (tingkat dan nama sama): {made} → 1.02.02."
    )
    assert summary.renamed_line() in summary.lines(), "said in the preview before anything is saved"
    import_cascade(demo_store, 2026, buffer.getvalue(), "sipd.xlsx", merge=True)
    tree = tree_frame(demo_store, 2026).drop_duplicates("code").set_index("code")
    assert made not in tree.index and tree.loc["1.02.02", "parent_code"] == first.code
    assert tree.loc["1.02.02.2.02", "parent_code"] == "1.02.02", "the kegiatan under it follows"
    assert tree.loc["1.02.02", "name"] == "PROGRAM PEMENUHAN UPAYA KESEHATAN"


def test_realised_spending_is_read_beside_the_pagu_and_summed_up_each_branch(demo_store):
    from kinerja.cascade.drawn import read_drawn
    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.reading import CascadeRead, PlanNames
    from kinerja.cascade.stored import branch, kertas_kerja, node_frame
    from kinerja.workbook.spreadsheet import read_sheets

    book = Workbook()
    sheet = book.active
    sheet.append(["Program / Kegiatan / Sub Kegiatan", "Sasaran", "Indikator Kinerja", "Target", "Pagu (Rp)",
                  "Realisasi Anggaran (Rp)", "Realisasi Kinerja"])  # fmt: skip
    sheet.append(["1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN", "S1", "Persentase faskes", "85", "", "", "80"])
    sheet.append(["1.02.02.2.02 Penyediaan Layanan Kesehatan", "", "Jumlah layanan", "4", "", "", "4"])
    sheet.append(["1.02.02.2.02.0001 Pelayanan Ibu Hamil", "", "Jumlah ibu hamil", "1.250", "450.000.000",
                  "Rp 337.500.000", "900"])  # fmt: skip
    sheet.append(["1.02.02.2.02.0002 Pelayanan Ibu Bersalin", "", "Jumlah ibu bersalin", "1.180", "380.500.000",
                  "95.125.000", "700"])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    import_cascade(demo_store, 2026, buffer.getvalue(), "renja-realisasi.xlsx")
    nodes = node_frame(demo_store, 2026, 2).set_index("code")
    assert nodes.loc["1.02.02.2.02.0001", "spending"] == 337_500_000
    drawn = branch(nodes.reset_index()).set_index("code")
    assert drawn.loc["1.02.02", "spending_total"] == 432_625_000 and drawn.loc["1.02.02", "pagu_total"] == 830_500_000
    assert pd.isna(nodes.loc["1.02.02.2.02", "spending"]), "a performance 'Realisasi' column is not money"
    listed = pd.read_excel(io.BytesIO(kertas_kerja(demo_store, 2026)), sheet_name=0, header=3, engine="calamine")
    assert listed["Realisasi (Rp)"].sum() == 432_625_000, "the Kertas Kerja carries it too"

    boxes = Workbook()
    cells = boxes.active
    cells["B2"], cells["B3"] = "Sub Kegiatan : 1.02.02.2.02.0003 Bayi Baru Lahir", "Pagu : 295.000.000"
    cells["B4"], cells["C2"] = "Realisasi : Rp 120.000.000", "Sub Kegiatan : 1.02.02.2.02.0004 Balita"
    drawn_book = io.BytesIO()
    boxes.save(drawn_book)
    found = CascadeRead()
    read_drawn(read_sheets(drawn_book.getvalue(), "p.xlsx")[0], "p.xlsx", PlanNames({}, {}, set()), found)
    assert found.nodes[0].spending == 120_000_000 and found.nodes[0].pagu == 295_000_000


def test_a_table_is_read_before_a_drawing_and_the_drawing_is_said_to_be_left(demo_store):
    from openpyxl import load_workbook

    from kinerja.cascade.importing import plan_sasaran_nodes

    first = plan_sasaran_nodes(demo_store, 2026)[0]
    book = load_workbook(io.BytesIO(drawn_tree(first.name)))  # the drawing, then the office's worksheet beside it
    matrix = load_workbook(io.BytesIO(kertas_kerja_matrix(first.name))).active
    beside = book.create_sheet("Kertas Kerja")
    for row in matrix.iter_rows(values_only=True):
        beside.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    found = read_cascade(buffer.getvalue(), "pohon-dan-kertas-kerja.xlsx", {first.name: first.code})
    codes = {n.code for n in found.nodes}
    assert codes >= {"1.02.02.2.02.0001", "1.02.02.2.02.0002"} and "K1.02.02.1" not in codes, "the drawing's box E14"
    assert ("Pohon Kinerja", 1, "dilewati: gambar pohon; pohon dibaca dari tabel di sheet Kertas Kerja") in found.rows

    dpa = Workbook()  # a DPA-like sheet: "Program :" and "Kegiatan :" above the sub-kegiatan table
    sheet = dpa.active
    sheet.append(["Program : 1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN"])
    sheet.append(["Kegiatan : 1.02.02.2.02 Penyediaan Layanan Kesehatan"])
    sheet.append([])
    sheet.append(["Sub Kegiatan", "Indikator Kinerja", "Target", "Pagu (Rp)"])
    sheet.append(["1.02.02.2.02.0001 Pelayanan Ibu Hamil", "Jumlah ibu hamil", "1.250", "450.000.000"])
    buffer = io.BytesIO()
    dpa.save(buffer)
    read = read_cascade(buffer.getvalue(), "dpa.xlsx")
    assert [n.code for n in read.nodes] == ["1.02.02.2.02.0001"]
    assert [p.message for p in read.problems] == [TWO_WAYS]  # the only figure: no mark shown


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1.250", (1250, None, None)),
        ("72,5", (72.5, None, None)),
        (85, (85, None, None)),
        ("80 - 90", (80, 90, None)),
        ("1.000–1.500", (1000, 1500, None)),
        ("WTP", (None, None, "WTP")),
        ("A (Sangat Baik)", (None, None, "A (Sangat Baik)")),
        ("", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_a_target_is_read_as_people_write_it_in_sheets_and_in_the_editor(written, read):
    from kinerja.cascade.cells import target_value

    assert target_value(written) == read
