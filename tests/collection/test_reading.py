"""Reading a unit's file (kinerja.collection.reading): a table of programme spending, wherever it
sits and however it is laid out, comes to the same stored figures; bad cells are named at their
place and nothing is stored; indicators and programmes are never read as each other."""

import io

import pytest
from openpyxl import load_workbook

from kinerja.collection.datafile import Period
from kinerja.collection.template import unit_template
from kinerja.collection.upload import import_files, read_upload, review_upload
from tests.collection.test_template import spent
from tests.conftest import snapshot
from tests.workbooks import KESMAS_PROGRAMMES, KESMAS_SPENDING, fill_budget, own_budget_sheet, xlsx

KESMAS = Period(2026, 3, "KESMAS")


def _earlier(store) -> dict[str, tuple[float, float]]:
    tw1, tw2 = spent(store, 2026, 1), spent(store, 2026, 2)
    return {code: (tw1[code], tw2[code]) for code in KESMAS_SPENDING}


LAYOUTS = {
    "templat": lambda store: (fill_budget(unit_template(store, "KESMAS", 2026, 3), KESMAS_SPENDING), Period()),
    "judul, sel digabung, koma desimal": lambda store: (own_budget_sheet("judul"), Period()),
    "titik desimal, Serapan (Rp)": lambda store: (own_budget_sheet("titik"), KESMAS),
    "per triwulan, baris jumlah": lambda store: (own_budget_sheet("per_triwulan", earlier=_earlier(store)), KESMAS),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_of_the_same_spending_stores_the_same_figures(demo_store, layout):
    content, given = LAYOUTS[layout](demo_store)
    before = {q: spent(demo_store, 2026, q) for q in (1, 2)}
    figures = demo_store.rows("SELECT * FROM realization ORDER BY ALL")
    ((data, saved),) = import_files(demo_store, [("anggaran.xlsx", content)], given)
    assert not data.problems, data.problems
    assert [(v.unit_code, v.year, v.quarter) for v in saved] == [("KESMAS", 2026, 3)]
    assert spent(demo_store) == KESMAS_SPENDING
    assert {q: spent(demo_store, 2026, q) for q in (1, 2)} == before
    assert demo_store.rows("SELECT * FROM realization ORDER BY ALL") == figures, "no indicator figure read"
    assert {(line.programme_code, line.programme) for line in data.budget} == set(KESMAS_PROGRAMMES.items())


def test_the_per_quarter_sheet_accounts_for_its_earlier_quarters_and_its_total_row(demo_store):
    content = own_budget_sheet("per_triwulan", earlier=_earlier(demo_store))
    ((data, _),) = import_files(demo_store, [("anggaran.xlsx", content)], KESMAS)
    assert len(data.budget) == 2 and len(data.unchanged_budget) == 4, "TW I and II as stored: unchanged"
    assert [s.reason for s in data.skipped] == [
        "baris jumlah: dibandingkan dengan jumlah baris program, tidak disimpan"
    ]
    assert data.accounting().startswith("3 baris data: 0 berisi angka, 2 berisi anggaran saja, 1 baris jumlah")


def test_a_total_row_that_does_not_add_up_is_a_warning_at_its_cell(demo_store):
    earlier = _earlier(demo_store)
    content = own_budget_sheet("per_triwulan", {"P01": 1234567.5, "P02": 250000000.0}, earlier)
    workbook = load_workbook(io.BytesIO(content))  # the builder's total adds up: write one that does not
    workbook.active["F4"] = 251234567.5 + 1000
    buffer = io.BytesIO()
    workbook.save(buffer)
    review = review_upload(demo_store, read_upload(demo_store, buffer.getvalue(), "anggaran.xlsx", KESMAS))
    (warning,) = review.data.warnings
    assert (warning.sheet, warning.row, warning.column) == ("Anggaran Bidang", 4, "F (Realisasi Anggaran TW III)")
    assert "tidak sama dengan jumlah realisasi anggaran program" in warning.message


BAD = {  # the cell as the unit wrote it → where the problem is named, and what it says
    "teks": ({"P01": "seratus juta", "P02": 250000000.0}, 2, "C (Realisasi Anggaran)", "harus berupa angka"),
    "negatif": ({"P01": "-1,000,000.00", "P02": 250000000.0}, 2, "C (Realisasi Anggaran)", "tidak boleh negatif"),
    "program tidak dikenal": (
        {"P01": 1234567.5, "P99": 1000000.0},
        3,
        "B (Program)",
        'Program "P99 Program Fiktif" tidak ada dalam rencana tahun 2026',
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_cell_is_named_at_its_place_in_indonesian_and_nothing_is_stored(demo_store, case):
    spending, row, column, words = BAD[case]
    before = snapshot(demo_store)
    ((data, saved),) = import_files(demo_store, [("anggaran.xlsx", own_budget_sheet("titik", spending))], KESMAS)
    assert saved is None
    (error,) = data.errors
    assert (error.file, error.sheet, error.row, error.column) == ("anggaran.xlsx", "Serapan", row, column)
    assert words in error.message
    assert snapshot(demo_store) == before


def test_spending_over_the_pagu_is_a_warning_and_is_not_stored_unconfirmed(demo_store):
    before = snapshot(demo_store)
    content = own_budget_sheet("titik", {"P01": 1234567.5, "P02": 2_500_000_000.0})
    ((data, saved),) = import_files(demo_store, [("anggaran.xlsx", content)], KESMAS)
    (warning,) = data.warnings
    assert (warning.row, warning.column) == (3, "C (Realisasi Anggaran)")
    assert "melebihi pagu 2026 Rp 2.150.000.000" in warning.message
    assert saved is None and snapshot(demo_store) == before


def test_a_figure_whose_decimal_mark_nothing_shows_is_asked_about(demo_store):
    rows = [["Kode Program", "Program", "Realisasi Anggaran"], ["P02", KESMAS_PROGRAMMES["P02"], "400,000"]]
    review = review_upload(demo_store, read_upload(demo_store, xlsx({"Anggaran": rows}), "a.xlsx", KESMAS))
    (warning,) = review.data.warnings
    assert (warning.row, warning.column) == (2, "C (Realisasi Anggaran)")
    assert "'400,000' dapat berarti 400 atau 400.000" in warning.message


def test_a_sheet_with_indicators_then_programmes_reads_each_table_as_what_it_is(demo_store):
    rows = [
        ["LAPORAN TRIWULAN III TAHUN 2026"],
        ["Program", "Kode", "Indikator Kinerja", "Realisasi"],  # the indicator's programme, as context
        [KESMAS_PROGRAMMES["P01"], "IK01", "Jumlah kematian ibu", 2],
        [],
        ["Kode Program", "Program", "Realisasi Keuangan TW III"],
        ["P01", KESMAS_PROGRAMMES["P01"], 1234567.5],
        ["P02", KESMAS_PROGRAMMES["P02"], 250000000],
    ]
    ((data, saved),) = import_files(demo_store, [("bidang.xlsx", xlsx({"TW III": rows}))], KESMAS)
    assert not data.problems, data.problems
    assert [(r.code, r.name, r.value) for r in data.rows] == [("IK01", "Jumlah kematian ibu", 2)]
    assert saved[0].rows == 1
    assert spent(demo_store) == KESMAS_SPENDING
    assert data.accounting().startswith("3 baris data: 1 berisi angka, 2 berisi anggaran saja")


def test_an_indicator_tables_money_column_is_not_read_as_programmes(demo_store):
    rows = [["Kode", "Indikator Kinerja", "Realisasi TW III", "Realisasi Keuangan TW III"]]
    rows.append(["IK01", "Jumlah kematian ibu", 2, 1000000])
    data = read_upload(demo_store, xlsx({"Data": rows}), "data.xlsx", KESMAS).data
    assert [r.value for r in data.rows] == [2] and not data.budget
