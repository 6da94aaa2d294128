"""A programme's anggaran kas (the DPA's planned drawing by quarter), read from the plan's programme
table in the layouts offices write it, and checked: all four quarters or none, money, the pagu."""

import pytest

from kinerja.planning.rows import parse_programme_rows
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.workbook.cells import RowPlace
from tests.workbooks import OFFICE_PLAN_MERGES, UNITS_SHEET, office_plan_rows, xlsx

PAGU, CASH = 1_935_000_000, (348_300_000, 522_450_000, 541_800_000, 522_450_000)
NAME = "Program Pemberdayaan Masyarakat Bidang Kesehatan"
QUARTERS = ["TW I", "TW II", "TW III", "TW IV"]


def _plain() -> tuple[list[list[object]], list[str]]:
    head = ["Kode Program", "Program", "Anggaran (Rp)", "Penanggung Jawab"]
    return [head + [f"Anggaran Kas {q} (Rp)" for q in QUARTERS], ["P02", NAME, PAGU, "KESMAS", *CASH]], []


def _titled_merged() -> tuple[list[list[object]], list[str]]:
    """Titles, "Rencana Penarikan Dana" merged over Triwulan I–IV, and a numbering row."""
    return [
        ["RENCANA ANGGARAN KAS PROGRAM TAHUN 2026"],
        ["DINAS KESEHATAN KABUPATEN CONTOH"],
        [],
        ["Kode", "Nama Program", "Pagu (Rp)", "Rencana Penarikan Dana", None, None, None, "Penanggung Jawab"],
        [None, None, None, "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", None],
        [1, 2, 3, 4, 5, 6, 7, 8],
        ["P02", NAME, PAGU, *CASH, "KESMAS"],
    ], ["A4:A5", "B4:B5", "C4:C5", "D4:G4", "H4:H5"]


def _moved_with_comma_text() -> tuple[list[list[object]], list[str]]:
    """Cash columns before the pagu, an extra column, money written as text with Indonesian marks."""
    as_text = [f"{amount:,}".replace(",", ".") + ",00" for amount in CASH]
    return [
        ["Anggaran Kas TW I", "Anggaran Kas TW II", "Anggaran Kas TW III", "Anggaran Kas TW IV", "Program",
         "Keterangan", "Jumlah Anggaran", "Penanggung Jawab"],
        [*as_text, NAME, "DPA murni", f"{PAGU:,}".replace(",", ".") + ",00", "KESMAS"],
    ], []  # fmt: skip


def _plan_with_programmes(rows: list[list[object]], merges: list[str]) -> bytes:
    sheets = {"PK 2026": office_plan_rows(), "Unit Kerja": UNITS_SHEET, "Program": rows}
    return xlsx(sheets, {"PK 2026": OFFICE_PLAN_MERGES, "Program": merges})


@pytest.mark.parametrize("layout", [_plain, _titled_merged, _moved_with_comma_text])
def test_the_same_cash_plan_is_stored_from_every_layout(store, layout):
    draft = read_plan_file(_plan_with_programmes(*layout()), "pk-2026.xlsx")
    assert not draft.errors, draft.errors
    (programme,) = draft.programmes
    assert (programme.pagu, programme.cash_plan) == (PAGU, CASH)
    save_plan(store, draft)
    stored = store.rows("SELECT quarter, amount FROM programme_cash_plan WHERE year = 2026 ORDER BY quarter")
    assert stored == list(enumerate(CASH, start=1))


def _place() -> RowPlace:
    keys = ("name", "pagu", "cash1", "cash2", "cash3", "cash4")
    return RowPlace("pk.xlsx", "Program", 5, {key: chr(ord("B") + n) for n, key in enumerate(keys)})


@pytest.mark.parametrize(
    ("cash", "stored", "column", "message"),
    [
        (CASH, CASH, None, None),
        (("", "", "", ""), (), None, None),  # the row leaves it blank: the year's cash plan is removed
        ((348_300_000, "", 541_800_000, 522_450_000), None, "E", "diisi sebagian: TW II kosong"),
        ((348_300_000, -1, 541_800_000, 522_450_000), None, "E", "TW II tidak boleh negatif"),
        ((348_300_000, "separuh", 541_800_000, 522_450_000), None, "E", "TW II harus berupa angka"),
        ((348_300_000, 522_450_000, 541_800_000, 500_000_000), None, "G", "tidak sama dengan pagu"),
    ],
)
def test_a_cash_plan_is_four_sums_that_make_the_pagu(cash, stored, column, message):
    raw = {"name": NAME, "pagu": PAGU} | {f"cash{q}": amount for q, amount in enumerate(cash, start=1)}
    programmes, problems = parse_programme_rows([(_place(), raw)])
    if message is None:
        assert not problems
        assert programmes[0].cash_plan == stored
    else:
        (problem,) = problems
        assert (problem.row, problem.column) == (5, column)
        assert message in problem.message
        assert programmes == []


def test_a_table_without_cash_columns_says_nothing_of_the_cash_plan():
    programmes, problems = parse_programme_rows([(_place(), {"name": NAME, "pagu": PAGU})])
    assert not problems and programmes[0].cash_plan is None


def test_a_cash_column_is_never_read_as_the_pagu():
    rows = [["Program", "Anggaran Kas TW I", "Anggaran Kas TW II", "Anggaran Kas TW III", "Anggaran Kas TW IV"]]
    draft = read_plan_file(_plan_with_programmes([*rows, [NAME, *CASH]], []), "pk-2026.xlsx")
    (problem,) = draft.errors  # the pagu's column is missing: said, and no quarter read as the pagu
    assert "kolom Anggaran (Rp) (pagu setahun) tidak ada" in problem.message and problem.row == 1
    assert draft.programmes == []
