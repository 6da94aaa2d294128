"""Quarterly data from templates and units' own spreadsheets: read, checked, stored as versions."""

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from kinerja.collection.checking import check_data
from kinerja.collection.datafile import Period
from kinerja.collection.reading import read_data_file
from kinerja.collection.saving import save_data
from kinerja.collection.template import unit_template
from kinerja.collection.upload import import_files
from kinerja.domain.problems import InputRejected
from kinerja.storage.figures import recap
from kinerja.storage.store import PROJECT_ROOT
from tests.conftest import snapshot
from tests.workbooks import csv_bytes, fill_template, own_wide_sheet, xlsx


def checked(store, content, name="data.xlsx", given=None):
    return check_data(store, read_data_file(content, name, given or Period()))


def current(store, code, year=2026, quarter=3):
    return store.rows(
        "SELECT r.value, r.numerator, r.denominator, r.obstacles FROM realization_current r "
        "JOIN indicator i ON i.id = r.indicator_id WHERE i.code = ? AND r.year = ? AND r.quarter = ?",
        [code, year, quarter],
    )


# --- the template --------------------------------------------------------------------------------


def test_template_is_protected_with_unlocked_checked_inputs_and_hidden_metadata(demo_store):
    workbook = load_workbook(io.BytesIO(unit_template(demo_store, "P2P", 2026, 3)))
    assert workbook.sheetnames == ["Data", "Anggaran", "Petunjuk", "_kinerja"]  # P2P runs programme P03
    assert workbook["_kinerja"].sheet_state == "veryHidden"
    sheet = workbook["Data"]
    assert sheet.protection.sheet
    headers = [c.value for c in sheet[5]]
    assert headers[:6] == [
        "Kode Indikator",
        "Indikator Kinerja",
        "Satuan",
        "Agregasi",
        "Target Tahunan",
        "Target TW III",
    ]
    assert headers[6:9] == ["Realisasi TW I", "Realisasi TW II", "Realisasi TW III"]
    codes = [sheet.cell(r, 1).value for r in range(6, sheet.max_row + 1)]
    assert codes == ["IK09", "IK10", "IK11", "IK12", "IK13"]
    dbd = 7  # IK10, Kumulatif: its realisation is typed in, its counts are locked
    assert sheet.cell(dbd, 9).protection.locked is False
    assert sheet.cell(dbd, 10).protection.locked is True
    assert sheet.cell(6, 9).value.startswith("=IF("), "a RATIO realisation is computed from its counts"
    assert sheet.cell(6, 10).protection.locked is False
    assert sheet.cell(dbd, 7).value is not None and sheet.cell(dbd, 7).protection.locked, "TW I shown, locked"
    assert sheet.data_validations.dataValidation, "numbers are checked by Excel itself"


def test_filled_template_is_stored_and_shows_in_the_recap(demo_store):
    content = fill_template(
        unit_template(demo_store, "P2P", 2026, 3),
        {
            "IK09": {"Pembilang TW III": 95, "Penyebut TW III": 118},
            "IK10": {"Realisasi TW III": "7,5", "Faktor Pendorong": "Gerakan 3M Plus rutin."},
            "IK12": {"Realisasi TW III": 0},
        },
    )
    data = checked(demo_store, content, "data-p2p.xlsx")
    assert data.template == Period(2026, 3, "P2P")
    assert data.errors == []
    saved = save_data(demo_store, data, confirm_warnings=True, created_by="operator.p2p")
    assert [(v.unit_code, v.year, v.quarter, v.version, v.rows) for v in saved] == [("P2P", 2026, 3, 1, 3)]
    assert current(demo_store, "IK09") == [(95 / 118 * 100, 95.0, 118.0, None)]
    assert current(demo_store, "IK10")[0][0] == 7.5
    row = recap(demo_store, 2026, 3).set_index("indicator_code").loc["IK10"]
    stored = demo_store.rows(
        "SELECT quarter, value FROM realization_current r JOIN indicator i ON i.id = r.indicator_id "
        "WHERE i.code = 'IK10' AND year = 2026 ORDER BY quarter"
    )
    assert row.realization_to_date == pytest.approx(sum(v for _, v in stored))
    submission = demo_store.rows(
        "SELECT file_name, file_sha256, created_by, source FROM submission ORDER BY id DESC LIMIT 1"
    )[0]
    assert submission[0] == "data-p2p.xlsx" and submission[2:] == ("operator.p2p", "template")
    assert demo_store.scalar("SELECT content FROM stored_file WHERE sha256 = ?", [submission[1]]) == content


def test_an_unfilled_template_is_refused_with_a_reason(demo_store):
    data = checked(demo_store, unit_template(demo_store, "P2P", 2026, 3), "kosong.xlsx")
    assert [p.message for p in data.errors] == ["Belum ada angka realisasi yang diisi"]


def test_a_new_version_keeps_what_it_does_not_mention_and_counts_changes(demo_store):
    template = unit_template(demo_store, "P2P", 2026, 3)
    first = fill_template(template, {"IK10": {"Realisasi TW III": 8}, "IK12": {"Realisasi TW III": 0}})
    save_data(demo_store, checked(demo_store, first), confirm_warnings=True)
    second = fill_template(template, {"IK10": {"Realisasi TW III": 9}})
    saved = save_data(demo_store, checked(demo_store, second), confirm_warnings=True)
    assert (saved[0].version, saved[0].rows, saved[0].changed) == (2, 1, 1)
    assert current(demo_store, "IK10")[0][0] == 9
    assert current(demo_store, "IK12")[0][0] == 0, "not mentioned by version 2, still there"
    versions = demo_store.rows(
        "SELECT s.version, r.value FROM realization r JOIN submission s ON s.id = r.submission_id "
        "JOIN indicator i ON i.id = r.indicator_id WHERE i.code = 'IK10' AND r.year = 2026 AND r.quarter = 3 ORDER BY 1"
    )
    assert versions == [(1, 8.0), (2, 9.0)], "the earlier version stays readable"


# --- units' own spreadsheets ---------------------------------------------------------------------


def test_own_wide_sheet_is_read_matched_by_name_and_stored(demo_store):
    data = checked(demo_store, own_wide_sheet(), "kesmas-tw3.xlsx")
    assert data.errors == []
    assert [(r.code, r.name, r.quarter, r.value) for r in data.rows] == [
        (None, "Jumlah kematian ibu", 3, 2.0),
        (None, "Prevalensi Stunting pada Balita", 3, 14.8),
        (None, "Rata-rata partisipasi penimbangan balita (D/S)", 3, 83.5),
    ]
    assert {r.unit_code for r in data.rows} == {"KESMAS"}, "the indicator's responsible unit"
    assert data.rows[0].text["obstacles"] == "Rujukan terlambat"
    save_data(demo_store, data, confirm_warnings=True)
    assert current(demo_store, "IK05")[0][0] == 14.8


def test_long_sheet_with_a_quarter_column(demo_store):
    rows = [
        ["Kode", "Indikator", "Triwulan", "Realisasi", "Pembilang", "Penyebut", "Faktor Pendorong"],
        ["IK07", "Jumlah desa lokus stunting yang diintervensi", "Triwulan 3", "10", None, None, "Dana desa"],
        ["IK03", "Persentase persalinan di fasilitas pelayanan kesehatan", "TW III", None, "860", "905", None],
        ["IK07", "Jumlah desa lokus stunting yang diintervensi", "IV", "9", None, None, None],
    ]
    data = checked(demo_store, xlsx({"Data": rows}), "panjang.xlsx", Period(2026))
    assert data.errors == []
    assert [(r.code, r.quarter) for r in data.rows] == [("IK07", 3), ("IK03", 3), ("IK07", 4)]
    saved = save_data(demo_store, data, confirm_warnings=True)
    assert {(v.quarter, v.rows) for v in saved} == {(3, 2), (4, 1)}


def test_semicolon_csv_in_windows_encoding(demo_store):
    rows = [
        ["DATA KINERJA TRIWULAN III TAHUN 2026"],
        ["Kode Indikator", "Indikator Kinerja", "Realisasi", "Faktor Penghambat"],
        ["IK14", "Indeks kepuasan masyarakat terhadap layanan puskesmas", "83,25", "Antrean panjang – loket kurang"],
    ]
    data = checked(demo_store, csv_bytes(rows), "yankes.csv")
    assert data.errors == []
    assert (data.rows[0].year, data.rows[0].quarter, data.rows[0].value) == (2026, 3, 83.25)
    assert data.rows[0].text["obstacles"] == "Antrean panjang – loket kurang"


# --- errors refuse the file, warnings must be confirmed -----------------------------------------

HEADER = ["Kode Indikator", "Indikator Kinerja", "Realisasi", "Pembilang", "Penyebut", "Faktor Penghambat"]


def sheet_with(*rows) -> bytes:
    return xlsx({"Data": [["DATA TRIWULAN III TAHUN 2026"], HEADER, *rows]})


@pytest.mark.parametrize(
    ("case", "row", "column", "message"),
    [
        ("not a number", ["IK14", "", "delapan puluh", None, None, "x"], "C (Realisasi)", "harus berupa angka"),
        ("unknown code", ["IK99", "", "80", None, None, "x"], "A (Kode Indikator)", "tidak ada dalam rencana"),
        (
            "unknown name",
            ["", "Jumlah kunjungan wisatawan", "80", None, None, "x"],
            "B (Indikator Kinerja)",
            "tidak ditemukan",
        ),
        (
            "a ratio with its numerator only",
            ["IK03", "", None, "95", None, "x"],
            "E (Penyebut)",
            "Indikator rasio: penyebut kosong",
        ),
        ("zero denominator", ["IK03", "", None, "0", "0", "x"], "E (Penyebut)", "tidak boleh nol"),
        (
            "a date in a number column",
            ["IK14", "", dt.date(2026, 8, 3), None, None, "x"],
            "C (Realisasi)",
            "berisi tanggal",
        ),
        (
            "counts on a plain indicator",
            ["IK14", "", None, "5", "10", "x"],
            "C (Realisasi)",
            "pembilang/penyebut hanya untuk",
        ),
    ],
)
def test_errors_name_the_cell_and_store_nothing(demo_store, case, row, column, message):
    before = snapshot(demo_store)
    data = checked(demo_store, sheet_with(row), "salah.xlsx")
    assert len(data.errors) == 1, (case, data.problems)
    error = data.errors[0]
    assert (error.file, error.sheet, error.row, error.column) == ("salah.xlsx", "Data", 3, column), case
    assert message in error.message, case
    with pytest.raises(InputRejected):
        save_data(demo_store, data, confirm_warnings=True)
    assert snapshot(demo_store) == before


def test_duplicate_rows_and_unknown_periods_are_errors(demo_store):
    duplicate = checked(
        demo_store, sheet_with(["IK14", "", "80", None, None, "x"], ["IK14", "", "81", None, None, "x"])
    )
    assert "Baris ganda" in duplicate.errors[0].message and duplicate.errors[0].row == 4
    no_plan = checked(
        demo_store, xlsx({"D": [["DATA TRIWULAN I TAHUN 2019"], HEADER, ["IK14", "", "80", None, None, "x"]]})
    )
    assert "Tidak ada rencana kinerja untuk tahun 2019" in no_plan.errors[0].message
    no_quarter = checked(demo_store, xlsx({"D": [HEADER, ["IK14", "", "80", None, None, "x"]]}), given=Period(2026))
    assert "Triwulan tidak diketahui" in no_quarter.errors[0].message


@pytest.mark.parametrize(
    ("case", "row", "message"),
    [
        ("fraction in a percent indicator", ["IK18", "", "0,95", None, None, "x"], "pecahan"),
        ("far above target", ["IK22", "", "9", None, None, "x"], "Jauh di atas target"),
        ("no obstacle note below the threshold", ["IK15", "", "40", None, None, None], "isi faktor penghambat"),
        (
            "a close name",
            ["", "Indeks kepuasan masyarakat thd layanan puskesmas", "83", None, None, "x"],
            "Dicocokkan dengan IK14",
        ),
        ("negative value", ["IK14", "", "-5", None, None, "x"], "Nilai negatif"),
    ],
)
def test_warnings_must_be_confirmed(demo_store, case, row, message):
    data = checked(demo_store, sheet_with(row), "cek.xlsx")
    assert data.errors == [], case
    assert any(message in w.message for w in data.warnings), (case, data.problems)
    before = snapshot(demo_store)
    with pytest.raises(InputRejected) as refused:
        save_data(demo_store, data)
    assert "belum dikonfirmasi" in refused.value.errors[0].message
    assert snapshot(demo_store) == before
    assert save_data(demo_store, data, confirm_warnings=True)


def test_a_cumulative_value_that_falls_from_the_previous_upload_is_a_warning(demo_store):
    save_data(demo_store, checked(demo_store, sheet_with(["IK07", "", "10", None, None, "x"])), confirm_warnings=True)
    lower = checked(demo_store, sheet_with(["IK07", "", "6", None, None, "x"]))
    assert any("turun dari unggahan sebelumnya (10)" in w.message for w in lower.warnings)


def test_one_bad_file_does_not_stop_the_others(demo_store):
    good = sheet_with(["IK14", "", "83", None, None, "x"])
    bad = sheet_with(["IK14", "", "abc", None, None, "x"])
    results = import_files(
        demo_store,
        [("baik.xlsx", good), ("buruk.xlsx", bad), ("rusak.xlsx", b"PK\x03\x04 bukan xlsx")],
        confirm_warnings=True,
    )
    assert [saved is not None for _, saved in results] == [True, False, False]
    assert "Berkas tidak dapat dibaca" in results[2][0].errors[0].message


def test_the_same_file_twice_is_saved_once_and_then_said_unchanged(demo_store):
    content = sheet_with(["IK14", "", "83", None, None, "x"])
    files = demo_store.scalar("SELECT count(*) FROM stored_file")  # the demo units' own uploads
    first = save_data(demo_store, checked(demo_store, content), confirm_warnings=True)
    again = checked(demo_store, content)
    assert [r.quarter for r in again.unchanged] == [3] and again.rows == []
    assert "1 angka TW III 2026 sudah tersimpan, tidak berubah" in again.accounting()
    assert save_data(demo_store, again, confirm_warnings=True) == [] and len(first) == 1
    assert demo_store.scalar("SELECT count(*) FROM stored_file") == files + 1
    assert demo_store.rows("SELECT version FROM submission WHERE year = 2026 AND quarter = 3 ORDER BY 1") == [(1,)]
    changed = checked(demo_store, sheet_with(["IK14", "", "84", None, None, "x"]))
    save_data(demo_store, changed, confirm_warnings=True)
    assert demo_store.rows("SELECT version FROM submission WHERE year = 2026 AND quarter = 3 ORDER BY 1") == [
        (1,),
        (2,),
    ]


def test_a_value_corrected_on_the_page_clears_its_problem_and_is_saved(demo_store):
    from kinerja.collection.corrections import rows_frame, with_edits

    data = checked(
        demo_store, sheet_with(["IK14", "", "delapan puluh", None, None, "x"], ["IK20", "", "74", None, None, "x"])
    )
    assert len(data.errors) == 1
    frame = rows_frame(data)
    assert list(frame["Baris"]) == [3, 4], "the unreadable row is shown for correction"
    assert pd.isna(frame.loc[0, "Realisasi"])
    unchanged = check_data(demo_store, with_edits(data, frame))
    assert len(unchanged.errors) == 1, "still empty: still a problem"
    frame.loc[0, "Realisasi"] = "delapan"
    retyped = check_data(demo_store, with_edits(data, frame))
    assert [(e.row, e.column) for e in retyped.errors] == [(3, "C (Realisasi)")], "a typo on the page is named too"
    frame.loc[0, "Realisasi"] = "80,5"  # as typed in Indonesia
    corrected = check_data(demo_store, with_edits(data, frame))
    assert corrected.errors == []
    save_data(demo_store, corrected, confirm_warnings=True)
    assert current(demo_store, "IK14")[0][0] == 80.5
    kept = demo_store.scalar("SELECT content FROM stored_file ORDER BY stored_at DESC LIMIT 1")
    assert kept == data.content, "the original file is what is kept"


def test_changes_and_versions_are_readable_with_the_original_file(demo_store):
    from kinerja.collection.versions import changes, original_file, version_rows, versions

    template = unit_template(demo_store, "P2P", 2026, 3)
    first = fill_template(template, {"IK10": {"Realisasi TW III": 8}})
    save_data(demo_store, checked(demo_store, first, "v1.xlsx"), confirm_warnings=True, created_by="ani")
    second = checked(
        demo_store,
        fill_template(template, {"IK10": {"Realisasi TW III": 9}, "IK12": {"Realisasi TW III": 0}}),
        "v2.xlsx",
    )
    diff = changes(demo_store, second)
    assert diff[["Kode", "Baru", "Keterangan"]].values.tolist() == [["IK10", 9.0, "diubah"], ["IK12", 0.0, "baru"]]
    assert diff["Sebelumnya"].iloc[0] == 8.0 and pd.isna(diff["Sebelumnya"].iloc[1])
    save_data(demo_store, second, confirm_warnings=True, created_by="budi")
    history = versions(demo_store, 2026, 3)
    assert history[["Unit", "Versi", "Oleh", "Berkas", "Baris"]].values.tolist() == [
        ["P2P", 2, "budi", "v2.xlsx", 2],
        ["P2P", 1, "ani", "v1.xlsx", 1],
    ]
    old = history.iloc[1]
    assert version_rows(demo_store, int(old["id"]))["Realisasi"].tolist() == [8.0]
    assert original_file(demo_store, old["file_sha256"]) == ("v1.xlsx", first)


def test_the_workbook_comes_back_with_its_problem_cells_marked(demo_store):
    from kinerja.collection.annotate import annotated_workbook

    content = sheet_with(["IK14", "", "delapan", None, None, "x"], ["IK22", "", "9", None, None, "x"])
    data = checked(demo_store, content, "unit.xlsx")
    marked = load_workbook(io.BytesIO(annotated_workbook(data.content, data.file_name, data.problems)))["Data"]
    assert marked["C3"].value == "delapan", "the file is otherwise as it came"
    assert (
        marked["C3"].fill.fgColor.rgb.endswith("F4B6A6")
        and "Galat: Realisasi harus berupa angka" in marked["C3"].comment.text
    )
    assert marked["C4"].fill.fgColor.rgb.endswith("FFE699") and "Jauh di atas target" in marked["C4"].comment.text
    assert marked["B3"].comment is None
    csv_data = checked(
        demo_store,
        csv_bytes([["DATA TRIWULAN III TAHUN 2026"], ["Kode", "Realisasi", "Kendala"], ["IK14", "abc", "x"]]),
        "unit.csv",
    )
    sheet = load_workbook(io.BytesIO(annotated_workbook(csv_data.content, "unit.csv", csv_data.problems))).active
    assert sheet["B3"].value == "abc" and sheet["B3"].comment is not None
    assert annotated_workbook(b"not a workbook", "x.xlsx", data.problems) is None


def test_an_old_excel_xls_file_is_read(demo_store):
    """Offices still save as .xls (Excel 97–2003); tests/fixtures/unit-tw3.xls was made by LibreOffice."""
    content = (PROJECT_ROOT / "tests" / "fixtures" / "unit-tw3.xls").read_bytes()
    data = checked(demo_store, content, "unit-tw3.xls")
    assert data.errors == []
    assert [(r.code, r.year, r.quarter, r.value) for r in data.rows] == [
        ("IK14", 2026, 3, 83.5),
        ("IK17", 2026, 3, 62.5),
    ]


def test_a_sheet_whose_title_names_its_quarter_is_read_as_that_quarter_whatever_was_chosen(demo_store):
    """A TW III sheet uploaded while the page had TW II open is checked as TW III, and said so."""
    from tests.workbooks import xlsx

    rows = [["LAPORAN REALISASI KINERJA BIDANG P2P"], ["TRIWULAN III TAHUN 2026"], []]
    rows += [["Kode", "Realisasi", "Faktor Penghambat"], ["IK10", 6, "kendala"], ["IK12", 0, ""]]
    data = check_data(demo_store, read_data_file(xlsx({"Data": rows}), "p2p.xlsx", Period(2026, 2, "P2P")))
    assert {r.quarter for r in data.rows} == {3}
    assert [p.message for p in data.warnings if p.row is None] == [
        "Judul berkas menyebut triwulan TW III: dibaca sebagai TW III, bukan TW II yang dipilih saat mengunggah. "
        "Bila salah, perbaiki judul berkasnya"
    ]
    header_only = [["Kode", "Realisasi TW I", "Realisasi TW II"], ["IK10", 19.62, 14.79]]
    read = read_data_file(xlsx({"Data": header_only}), "p2p.xlsx", Period(2026, 3, "P2P"))
    assert not [p for p in read.problems if "menyebut" in p.message], "a header's 'TW I' is not a title"


@pytest.mark.parametrize(
    ("written", "warned"),
    [
        (None, False),  # the counts alone
        (80.51, False),  # the template's formula, as Excel saves it: rounded to two decimals
        (80.5, False),  # rounded to one
        (85, True),  # another figure: said, and the counts' percentage is stored
    ],
)
def test_a_ratio_with_its_counts_stores_the_counts_percentage_whatever_the_cell_beside_them_says(
    demo_store, written, warned
):
    data = checked(demo_store, sheet_with(["IK03", "", written, "95", "118", "x"]))
    assert data.errors == []
    said = [p for p in data.warnings if "tidak sama dengan pembilang ÷ penyebut" in p.message]
    assert bool(said) is warned
    if warned:
        assert said[0].column == "C (Realisasi)" and "yang disimpan 80,51" in said[0].message
    save_data(demo_store, data, confirm_warnings=True)
    assert current(demo_store, "IK03")[0][:3] == (95 / 118 * 100, 95.0, 118.0)
