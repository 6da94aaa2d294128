"""A programme's anggaran kas saved with the year's plan: a re-import without its columns keeps it,
one that leaves it blank removes it, another year's is never touched, and an unchanged pagu with a
new cash plan is a change."""

from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from tests.workbooks import OFFICE_PLAN_MERGES, UNITS_SHEET, office_plan_rows, xlsx

NAME = "Program Pemberdayaan Masyarakat Bidang Kesehatan"
HEAD = ["Kode Program", "Program", "Anggaran (Rp)", "Penanggung Jawab"]
CASH_HEAD = [f"Anggaran Kas TW {q}" for q in ("I", "II", "III", "IV")]


def _plan(year: int, programme: list[object], head: list[str] = HEAD + CASH_HEAD) -> bytes:
    rows = office_plan_rows()
    rows[1] = [f"DINAS KESEHATAN KABUPATEN CONTOH TAHUN {year}"]
    sheets = {f"PK {year}": rows, "Unit Kerja": UNITS_SHEET, "Program": [head, programme]}
    return xlsx(sheets, {f"PK {year}": OFFICE_PLAN_MERGES})


def _cash(store, year: int) -> list[float]:
    return [amount for (amount,) in store.rows(
        "SELECT amount FROM programme_cash_plan WHERE year = ? ORDER BY quarter", [year]
    )]  # fmt: skip


def _save(store, content: bytes, year: int) -> None:
    draft = read_plan_file(content, f"pk-{year}.xlsx")
    assert not draft.errors and draft.year == year, draft.errors
    save_plan(store, draft)


def test_the_cash_plan_is_kept_changed_or_removed_as_the_file_says(store):
    _save(store, _plan(2026, ["P02", NAME, 1000, "KESMAS", 100, 200, 300, 400]), 2026)
    assert _cash(store, 2026) == [100, 200, 300, 400]
    _save(store, _plan(2026, ["P02", NAME, 1000, "KESMAS"], HEAD), 2026)  # no cash columns: kept
    assert _cash(store, 2026) == [100, 200, 300, 400]
    _save(store, _plan(2026, ["P02", NAME, 1000, "KESMAS", 250, 250, 250, 250]), 2026)
    assert _cash(store, 2026) == [250, 250, 250, 250]
    _save(store, _plan(2026, ["P02", NAME, 1000, "KESMAS", None, None, None, None]), 2026)  # blank: removed
    assert _cash(store, 2026) == []


def test_a_year_cash_plan_leaves_the_other_years_as_they_were(store):
    _save(store, _plan(2025, ["P02", NAME, 800, "KESMAS", 200, 200, 200, 200]), 2025)
    _save(store, _plan(2026, ["P02", NAME, 1000, "KESMAS", 100, 200, 300, 400]), 2026)
    assert _cash(store, 2025) == [200, 200, 200, 200]


def test_a_new_cash_plan_with_the_same_pagu_is_a_change(store):
    _save(store, _plan(2026, ["P02", NAME, 1000, "KESMAS", 100, 200, 300, 400]), 2026)
    again = {
        "same": (["P02", NAME, 1000, "KESMAS", 100, 200, 300, 400], HEAD + CASH_HEAD, False),
        "without": (["P02", NAME, 1000, "KESMAS"], HEAD, False),
        "moved": (["P02", NAME, 1000, "KESMAS", 400, 300, 200, 100], HEAD + CASH_HEAD, True),
    }
    for programme, head, saved in again.values():
        summary = save_plan(store, read_plan_file(_plan(2026, programme, head), "pk-2026.xlsx"))
        assert summary.saved is saved
    assert _cash(store, 2026) == [400, 300, 200, 100]
