"""The national nomenclature (Kemendagri's list of bidang, program, kegiatan and sub-kegiatan) as the
pohon kinerja's reference: recognised, read the same from every shape it comes in, loaded by version,
and used — an office's codes checked (unknown, retired with the successor, other names), official
names filled in where a file gives codes only, standard indicators proposed and accepted by the
planner only."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kinerja.cascade.checks import tree_checks
from kinerja.cascade.importing import import_cascade
from kinerja.cascade.nomenclature import (
    file_is_nomenclature,
    is_nomenclature,
    load_nomenclature,
    nomenclature_versions,
    read_nomenclature,
)
from kinerja.cascade.reference import (
    OTHER_NAME,
    PROPOSED,
    RETIRED,
    UNKNOWN,
    accept_proposals,
    indicator_proposals,
    load_reference,
    nomenclature_findings,
)
from kinerja.cascade.tree import Level
from kinerja.domain.problems import InputRejected
from kinerja.storage.settings import save_setting
from kinerja.workbook.spreadsheet import read_sheets
from tests.cli import kinerja
from tests.nomenclature import (
    DEFINITION,
    FILE_DATE,
    KESEHATAN,
    ROWS,
    RUJUKAN,
    SDMK_KEGIATAN,
    SPM_TAGS,
    UKM,
    nomenclature_file,
)
from tests.trees import clear_trees, kertas_kerja_matrix, sipd_list
from tests.workbooks import office_plan_workbook, xlsx

COUNTS = {"bidang": 3, "program": 4, "kegiatan": 5, "sub_kegiatan": 8}


def _entries(found) -> pd.DataFrame:
    return found.entries.drop(columns="row_number").astype(str).reset_index(drop=True)


@pytest.mark.parametrize("shape", ["title", "moved", "merged", "words", "crlf", "csv"])
def test_every_shape_of_the_file_reads_into_the_same_entries(shape):
    plain = read_nomenclature(*nomenclature_file())
    found = read_nomenclature(*nomenclature_file(shape))
    assert plain.problems == [] and found.problems == [], [str(p) for p in found.problems]
    pd.testing.assert_frame_equal(_entries(found), _entries(plain))
    assert found.counts() == plain.counts() == COUNTS


def test_a_row_keeps_what_the_file_says_of_it():
    found = read_nomenclature(*nomenclature_file()).entries.set_index("code", drop=False)
    first = found.loc["1.02.02.2.02.0001"]
    assert first["row_number"] == 2, "the row as Excel shows it"
    assert (first["region_kind"], first["kegiatan_code"], first["program_code"], first["bidang_code"]) == (
        "KABKOT", "1.02.02.2.02", "1.02.02", "1.02",
    )  # fmt: skip
    assert first["name"] == "Pengelolaan Pelayanan Kesehatan Ibu Hamil"
    assert first["definition"] == DEFINITION, "line breaks kept"
    assert first["tags"] == json.loads(SPM_TAGS) and found.loc["1.02.02.2.02.0002", "tags"] == []
    assert first["spm"] is True or first["spm"] == True  # noqa: E712 (numpy bool)
    new = found.loc["1.02.03.2.02.0004"]
    assert (new["previous_code"], new["previous_name"]) == (
        "1.02.03.2.02.0001", "Pemenuhan Kebutuhan Sumber Daya Manusia Kesehatan sesuai Standar",
    )  # fmt: skip
    assert len(found.loc["1.01.02.3.05.0001"]) == 2, "one code, a province's and a kabupaten's sub-kegiatan"


def test_every_row_is_accounted_for():
    rows = [*ROWS[:2], ["", "", "", "", "", "", "", "", "", "", "", "", "", ""], ROWS[1],
            ["KABKOT", KESEHATAN, UKM, RUJUKAN, "Pengelolaan tanpa kode", "", "", "", "", "", "", "", "", ""],
            [*ROWS[2][:4], "1.02.02.2.02.0001 Nama lain", *ROWS[2][5:11], "WAJIB", *ROWS[2][12:]],
            ["KABKOT", KESEHATAN, UKM, RUJUKAN, "1.02.02.2.03.0001 Di bawah kegiatan lain", *ROWS[2][5:]]]  # fmt: skip
    found = read_nomenclature(*nomenclature_file(rows=rows))
    assert len(found.entries) == 4
    assert found.skipped == {
        "baris kosong": [4],
        "sama persis dengan baris sebelumnya (1.02.02.2.02.0002)": [5],
        "tanpa kode sub kegiatan": [6],
    }
    said = [str(p) for p in found.problems]
    assert any(
        "baris 7" in p and "sudah dipakai di baris 2 dengan isi lain; rujukan memakai baris 2" in p for p in said
    )
    assert any("baris 7" in p and "SPM tidak dikenal" in p for p in said)
    assert any("baris 8" in p and "tidak berada di bawah kegiatan 1.02.02.2.02" in p for p in said)
    assert all(p.severity == "warning" for p in found.problems)
    assert any("dilewati 1 baris (tanpa kode sub kegiatan): baris 6" in line for line in found.lines())


def test_the_nomenclature_is_recognised_and_a_plan_or_a_cascade_is_not():
    for shape in ("plain", "title", "moved", "merged", "words", "csv"):
        content, name = nomenclature_file(shape)
        assert is_nomenclature(read_sheets(content, name)), shape
    from kinerja.demo import cascade_worksheet

    others = [(sipd_list(), "renja.xlsx"), (kertas_kerja_matrix("Menurunnya AKI"), "kk.xlsx"),
              (cascade_worksheet(), "kk-demo.xlsx"), (office_plan_workbook(), "pk.xlsx")]  # fmt: skip
    for content, name in others:
        assert not is_nomenclature(read_sheets(content, name)), name
    assert not file_is_nomenclature(b"%PDF-1.4", "nomenklatur.xlsx")


def test_versions_are_kept_the_newest_is_the_reference_and_each_load_is_audited(store):
    content, name = nomenclature_file()
    first = load_nomenclature(store, content, name)
    assert (first.outcome, first.version) == ("stored", 1)
    assert first.label == f"{name} ({FILE_DATE})", "called by the file's own name and date"
    again = load_nomenclature(store, content, name)
    assert (again.outcome, again.version) == ("unchanged", 1)
    newer = [*ROWS, ["KABKOT", KESEHATAN, UKM, RUJUKAN, "1.02.02.2.02.0004 Pengelolaan Pelayanan Kesehatan Balita",
                     "Balita terlayani", "Jumlah Balita yang Mendapatkan Pelayanan Kesehatan", "Orang", "[null]", "",
                     "Bidang Kesmas", "SPM", "Layanan", ""]]  # fmt: skip
    dry = load_nomenclature(store, *nomenclature_file(rows=newer), dry_run=True, label="Kepmendagri 2025")
    assert (dry.outcome, dry.version, dry.label) == ("dry_run", 2, "Kepmendagri 2025")
    assert len(nomenclature_versions(store)) == 1, "a dry run stores nothing"
    second = load_nomenclature(store, *nomenclature_file(rows=newer), label="  Kepmendagri   2025 ")
    assert (second.outcome, second.version, second.label) == ("stored", 2, "Kepmendagri 2025")
    versions = nomenclature_versions(store)
    assert versions["id"].tolist() == [2, 1]
    assert versions["rows"].tolist() == [10, 9] and versions["sub_kegiatan"].tolist() == [9, 8]
    assert versions[["bidang", "program", "kegiatan"]].iloc[1].tolist() == [3, 4, 5]
    assert load_reference(store).version == 2
    audit = store.df("SELECT actor, action, entity, after FROM audit_log WHERE action = 'nomenklatur.muat' ORDER BY id")
    assert audit["entity"].tolist() == ["nomenklatur Kemendagri versi 1", "nomenklatur Kemendagri versi 2"]
    assert json.loads(audit["after"].iloc[1])["label"] == "Kepmendagri 2025" and set(audit["actor"]) == {"sistem"}


def test_a_file_that_is_not_the_nomenclature_is_refused_and_nothing_changes(store):
    before = store.data_version()
    with pytest.raises(InputRejected, match="bukan nomenklatur Kemendagri"):
        load_nomenclature(store, office_plan_workbook(), "pk.xlsx")
    with pytest.raises(InputRejected, match="tidak ada baris sub kegiatan"):
        load_nomenclature(store, *nomenclature_file(rows=[]))
    assert store.data_version() == before and nomenclature_versions(store).empty


def test_the_trees_codes_are_checked_unknown_and_retired_codes_named_with_their_successor(demo_store):
    assert nomenclature_findings(demo_store, 2026) == [], "no reference, no check"
    load_nomenclature(demo_store, *nomenclature_file())
    found = {(check, code): message for check, code, _, message in nomenclature_findings(demo_store, 2026)}
    assert found[(RETIRED, "1.02.03.2.02.0001")] == (
        "kode ini sudah diganti dengan 1.02.03.2.02.0004 «Perencanaan Sumber Daya Manusia Kesehatan» untuk "
        "kabupaten/kota (nomenklatur Kemendagri versi 1)"
    )
    assert (
        found[(UNKNOWN, "1.02.05.2.01.0001")]
        == "Sub Kegiatan dengan kode ini tidak ada di nomenklatur Kemendagri versi 1"
    )
    assert (UNKNOWN, "1.02.05") in found and (UNKNOWN, "1.02.02.2.01") in found
    assert found[(OTHER_NAME, "1.02.03.2.02")] == f"nama resmi: «{SDMK_KEGIATAN.split(' ', 1)[1]}»"
    for code in ("1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001", "1.02.03", "1.02.01", "1.02.01.2.01.0007"):
        assert not [k for k in found if k[1] == code], f"{code} is in the nomenclature (1.02.01 as X.XX.01)"
    checks = [(f.check, f.code) for f in tree_checks(demo_store, 2026)]
    assert (RETIRED, "1.02.03.2.02.0001") in checks and (UNKNOWN, "1.02.05.2.01.0001") in checks
    save_setting(demo_store, "region_kind", "KABKOT")
    again = {(check, code): message for check, code, _, message in nomenclature_findings(demo_store, 2026)}
    retired = (RETIRED, "1.02.03.2.02.0001")
    assert again[retired] == found[retired].replace(" untuk kabupaten/kota", ""), "the office's own kind goes unsaid"


def test_a_code_that_means_two_things_is_read_by_the_offices_region_kind(store):
    load_nomenclature(store, *nomenclature_file())
    names = load_reference(store).official_names(Level.SUB_KEGIATAN, "1.01.02.3.05.0001")
    assert names == {"PROV": ["Penyediaan Beasiswa Status Mahasiswa Jenjang Diploma"],
                     "KABKOT": ["Pembangunan USB (Unit Sekolah Baru)"]}  # fmt: skip
    save_setting(store, "region_kind", "KABKOT")
    assert load_reference(store).official_names(Level.SUB_KEGIATAN, "1.01.02.3.05.0001") == {
        "KABKOT": ["Pembangunan USB (Unit Sekolah Baru)"]
    }
    assert load_reference(store).official_names(Level.PROGRAM, "1.01.01") == {
        "KABKOT": ["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"]
    }, "every bidang's support program is the nomenclature's X.XX.01"
    with pytest.raises(ValueError, match="jenis pemda"):
        save_setting(store, "region_kind", "KOTA")


def codes_only_list(unknown: bool = False) -> bytes:
    """A SIPD-style list whose program, kegiatan and sub-kegiatan come as codes in a Kode column,
    their names left blank (``unknown``: with a code the nomenclature does not have)."""
    rows = [
        ["Kode", "Program / Kegiatan / Sub Kegiatan", "Sasaran", "Indikator Kinerja", "Target", "Satuan", "Pagu (Rp)"],
        ["1.02.02", "", "S1", "Persentase fasilitas kesehatan sesuai standar", "85", "%", ""],
        ["1.02.02.2.02", "", "", "Jumlah layanan kesehatan yang disediakan", "12", "layanan", ""],
        ["1.02.02.2.02.0001", "", "", "", "", "", "450.000.000"],
    ]
    return xlsx(
        {"Renja 2026": [*rows, *([["1.02.02.2.02.0009", "", "", "", "", "", "100.000.000"]] if unknown else [])]}
    )


def test_official_names_fill_in_where_a_file_gives_codes_only_and_a_node_is_never_nameless(demo_store):
    clear_trees(demo_store)
    with pytest.raises(InputRejected) as refused:
        import_cascade(demo_store, 2026, codes_only_list(), "renja.xlsx", dry_run=True)
    assert [(p.row, p.value) for p in refused.value.errors] == [
        (2, "1.02.02"),
        (3, "1.02.02.2.02"),
        (4, "1.02.02.2.02.0001"),
    ]
    assert "belum ada nomenklatur Kemendagri yang dimuat" in refused.value.errors[0].message
    load_nomenclature(demo_store, *nomenclature_file())
    with pytest.raises(InputRejected) as refused:
        import_cascade(demo_store, 2026, codes_only_list(unknown=True), "renja.xlsx")
    assert [str(p) for p in refused.value.errors] == [
        'Galat: renja.xlsx, sheet Renja 2026, baris 5, isi "1.02.02.2.02.0009": nama kosong; kodenya tidak ada di '
        "nomenklatur Kemendagri versi 1, atau tulis namanya di berkas"
    ]
    assert demo_store.scalar("SELECT count(*) FROM cascade_node") == 0, "nothing of a refused file is saved"
    summary = import_cascade(demo_store, 2026, codes_only_list(), "renja.xlsx")
    assert {n.code: n.name for n in summary.read.nodes} == {
        "1.02.02": UKM.split(" ", 1)[1],
        "1.02.02.2.02": RUJUKAN.split(" ", 1)[1],
        "1.02.02.2.02.0001": "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
    }
    assert (
        f"Nama resmi dari nomenklatur «nomenklatur-subkegiatan.xlsx ({FILE_DATE})» diisi untuk 3 simpul yang di berkas "
        "hanya berkode: 1.02.02, 1.02.02.2.02, 1.02.02.2.02.0001."
    ) in summary.lines()
    stored = dict(demo_store.rows("SELECT code, name FROM cascade_node WHERE year = 2026"))
    assert stored["1.02.02.2.02.0001"] == "Pengelolaan Pelayanan Kesehatan Ibu Hamil"


def test_a_standard_indicator_is_proposed_and_stored_only_when_the_planner_accepts_it(demo_store):
    clear_trees(demo_store)
    load_nomenclature(demo_store, *nomenclature_file())
    import_cascade(demo_store, 2026, codes_only_list(), "renja.xlsx")
    found = [f for f in tree_checks(demo_store, 2026) if f.check == PROPOSED]
    assert [(f.code, f.message) for f in found] == [(
        "1.02.02.2.02.0001",
        "belum punya indikator; usulan: «Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan sesuai Standar» "
        "(satuan Orang), perencana dapat menerimanya di bawah tabel ini",
    )]  # fmt: skip
    proposals = indicator_proposals(demo_store, 2026)
    assert proposals.to_dict("records") == [{
        "Kode": "1.02.02.2.02.0001", "Sub Kegiatan": "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "Kinerja": "Ibu Hamil yang Mendapatkan Pelayanan Kesehatan sesuai Standar",
        "Indikator": "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan sesuai Standar", "Satuan": "Orang",
        "Definisi Operasional": DEFINITION,
    }]  # fmt: skip
    count = "SELECT count(*) FROM cascade_indicator ci JOIN cascade_node n ON n.id = ci.node_id WHERE n.code = ?"
    assert demo_store.scalar(count, ["1.02.02.2.02.0001"]) == 0, "proposed, not stored"
    assert accept_proposals(demo_store, 2026, ["1.02.02"]) == 0, "nothing proposed for a node with indicators"
    assert accept_proposals(demo_store, 2026, ["1.02.02.2.02.0001"]) == 1
    stored = demo_store.rows(
        "SELECT ci.kind, ci.name, ci.measure_unit, ci.target FROM cascade_indicator ci "
        "JOIN cascade_node n ON n.id = ci.node_id WHERE n.year = 2026 AND n.code = '1.02.02.2.02.0001'"
    )
    assert stored == [("output", "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan sesuai Standar", "Orang", None)]
    assert indicator_proposals(demo_store, 2026).empty
    assert demo_store.scalar(count, ["1.02.02"]) == 1, "the other nodes keep their indicators"


def test_the_command_loads_versions_and_import_plan_points_to_it(demo_db_path, tmp_path):
    content, name = nomenclature_file()
    path = tmp_path / name
    path.write_bytes(content)
    dry = kinerja("nomenklatur", str(path), "--dry-run", db=demo_db_path)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "Nomenklatur Kemendagri terbaca dari nomenklatur-subkegiatan.xlsx (sheet Worksheet): 9 baris sub kegiatan "
        "(2 provinsi, 7 kabupaten/kota) — 3 bidang, 4 program, 5 kegiatan, 8 sub kegiatan; 1 sub kegiatan "
        "menggantikan kode lama.",
        f"Belum dimuat (--dry-run): akan menjadi versi 1 «nomenklatur-subkegiatan.xlsx ({FILE_DATE})».",
    ]
    done = kinerja("nomenklatur", str(path), "--label", "Kepmendagri 900.1.15.5-3406/2024", db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "Dimuat sebagai versi 1 «Kepmendagri 900.1.15.5-3406/2024»: kini menjadi referensi."
    )
    again = kinerja("nomenklatur", str(path), db=demo_db_path)
    assert again.returncode == 0 and "sama dengan versi 1" in again.stdout
    listed = kinerja("nomenklatur", "--versions", db=demo_db_path)
    assert listed.stdout.splitlines()[0] == (
        "id,label,file_name,file_date,loaded_at,loaded_by,rows,bidang,program,kegiatan,sub_kegiatan"
    )
    assert listed.stdout.splitlines()[1].startswith(
        "1,Kepmendagri 900.1.15.5-3406/2024,nomenklatur-subkegiatan.xlsx,2025-09-01,"
    )
    assert listed.stdout.splitlines()[1].endswith(",sistem,9,3,4,5,8")
    plan = tmp_path / "pk.xlsx"
    plan.write_bytes(office_plan_workbook())
    refused = kinerja("nomenklatur", str(plan), db=demo_db_path)
    assert refused.returncode == 2 and "bukan nomenklatur Kemendagri" in refused.stderr
    assert "Ditolak: 1 galat; tidak ada yang disimpan." in refused.stderr
    missing = kinerja("nomenklatur", str(tmp_path / "tidak-ada.xlsx"), db=demo_db_path)
    assert missing.returncode == 2 and "berkas tidak ditemukan" in missing.stderr
    for args in ([], ["--year", "2026"]):
        as_plan = kinerja("import-plan", str(path), *args, db=demo_db_path)
        assert as_plan.returncode == 2, as_plan.stdout
        assert "berkas ini nomenklatur kemendagri" in as_plan.stderr.lower() and "nomenklatur BERKAS" in as_plan.stderr
        assert "--year" not in as_plan.stderr


def test_the_pohon_page_says_the_nomenclature_is_not_a_tree(demo_store):
    with pytest.raises(InputRejected, match=r"(?i)berkas ini nomenklatur Kemendagri"):
        import_cascade(demo_store, 2026, *nomenclature_file(), dry_run=True)


def test_a_backup_restores_the_nomenclature_value_for_value(store, tmp_path):
    from kinerja.storage.backup import backup, restore, snapshot
    from kinerja.storage.store import Store

    load_nomenclature(store, *nomenclature_file())
    load_nomenclature(store, *nomenclature_file("csv"), label="versi CSV")
    backup(store, tmp_path / "cadangan")
    restore(tmp_path / "cadangan", tmp_path / "pulih.duckdb")
    restored = Store(tmp_path / "pulih.duckdb")
    try:
        assert snapshot(restored) == snapshot(store)
        assert nomenclature_versions(restored)[["id", "label", "rows"]].values.tolist() == [
            [2, "versi CSV", 9], [1, f"nomenklatur-subkegiatan.xlsx ({FILE_DATE})", 9],
        ]  # fmt: skip
        text = "SELECT definition FROM nomenclature_entry WHERE version_id = 1 AND code = '1.02.02.2.02.0001'"
        assert restored.scalar(text) == DEFINITION
    finally:
        restored.close()


def test_an_admin_loads_it_on_pengaturan_and_a_planner_accepts_a_proposal_on_pohon(demo_db_path, monkeypatch):
    import streamlit as st

    from tests.conftest import opened
    from tests.pages import as_account

    app = as_account(demo_db_path, monkeypatch, "admin.demo").run()
    app.switch_page("views/pengaturan.py").run()
    assert not app.exception
    assert "Belum ada nomenklatur yang dimuat." in [i.value for i in app.info]
    uploader = next(u for u in app.get("file_uploader") if u.proto.label.startswith("Berkas nomenklatur"))
    content, name = nomenclature_file()
    uploader.upload(name, content, "application/octet-stream").run()
    assert not app.exception
    assert any("9 baris sub kegiatan" in m.value for m in app.markdown), "counted before it is loaded"
    app.text_input(key="nomenklatur_label_1").set_value("Kepmendagri 2024").run()
    app.button(key="muat_nomenklatur").click().run()
    assert not app.exception
    assert any("Dimuat sebagai versi 1 «Kepmendagri 2024»" in s.value for s in app.success)
    with opened(demo_db_path) as store:
        clear_trees(store)
        import_cascade(store, 2026, codes_only_list(), "renja.xlsx")
    app.switch_page("views/pohon.py").run()
    assert not app.exception
    assert any(t.label.startswith("Pemeriksaan (") for t in app.tabs)
    proposals = next(frame for frame in app.dataframe if "Terima" in frame.value.columns)
    assert proposals.value["Kode"].tolist() == ["1.02.02.2.02.0001"]
    app.button(key="terima_usulan_2026").click().run()
    assert any("Centang dulu" in w.value for w in app.warning), "nothing is stored unticked"
    st.cache_resource.clear()
