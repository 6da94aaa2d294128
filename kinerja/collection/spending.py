"""A unit's programme spending from a budget table (the template's Anggaran sheet, or a unit's own
sheet), checked against the year's plan: each line's programme found by its code first, else by its
name, among the programmes with a pagu that year; the sender, the quarter's spending to date beside
the pagu, and a programme written twice."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.collection.datafile import BudgetLine
from kinerja.domain.numbers import message_number
from kinerja.domain.period import roman
from kinerja.domain.problems import Problem
from kinerja.domain.vocabulary import normalise_label
from kinerja.storage.store import Store

_PROGRAMMES_SQL = """
SELECT p.id, p.code, p.name, u.code AS unit, b.year, b.pagu
FROM programme p JOIN programme_budget b ON b.programme_id = p.id
LEFT JOIN unit u ON u.id = p.unit_id
WHERE b.year IN (SELECT unnest(?::INTEGER[]))
"""

_SPENT_SQL = """
SELECT p.code, b.year, b.quarter, b.spending
FROM budget_current b JOIN programme p ON p.id = b.programme_id
WHERE b.year IN (SELECT unnest(?::INTEGER[])) AND b.spending IS NOT NULL
"""


@dataclass(frozen=True)
class YearProgramme:
    """A programme of the year's plan: its code, name, responsible unit and pagu."""

    code: str
    name: str
    unit: str | None
    pagu: float


def check_spending(store: Store, lines: list[BudgetLine], units: dict[str, str], problems: list[Problem]) -> None:
    """Match each budget table's line to the year's programmes (``units``: the plan's normalised
    unit code or name → code) and add the problems found; lines of the Renja form are left alone."""
    lines = [line for line in lines if line.table]
    if not lines:
        return
    years = sorted({line.year for line in lines if line.year})
    programmes = _programmes(store, years)
    resolved = [line for line in lines if _resolve(line, programmes, units, problems)]
    _twice(resolved, problems)
    _over_pagu(store, resolved, programmes, years, problems)


def _programmes(store: Store, years: list[int]) -> dict[tuple[int, str], YearProgramme]:
    """(year, normalised code or name) → the year's programme."""
    found: dict[tuple[int, str], YearProgramme] = {}
    for _, code, name, unit, year, pagu in store.rows(_PROGRAMMES_SQL, [years]):
        programme = YearProgramme(code, name, unit, pagu)
        found[year, f"kode {normalise_label(code)}"] = programme
        found.setdefault((year, normalise_label(name)), programme)
    return found


def _resolve(
    line: BudgetLine, programmes: dict[tuple[int, str], YearProgramme], units: dict[str, str], problems: list[Problem]
) -> bool:
    where = "programme" if "programme" in line.place.columns else "programme_code"
    if line.year is None:
        message = "Tahun realisasi anggaran tidak diketahui: pilih tahun saat mengunggah"
        problems.append(line.place.problem(where, line.programme, message))
        return False
    by_code = programmes.get((line.year, f"kode {normalise_label(line.code)}")) if line.code else None
    found = by_code or programmes.get((line.year, normalise_label(line.programme)))
    if found is None:
        written = " ".join(
            part for part in (line.code, line.programme if line.programme != line.code else None) if part
        )
        message = (
            f'Program "{written}" tidak ada dalam rencana tahun {line.year} (tidak punya pagu tahun itu); periksa '
            "kode dan nama programnya seperti di templat unit"
        )
        problems.append(line.place.problem(where, written, message))
        return False
    line.programme_code, line.programme = found.code, found.name
    line.unit_code = units.get(normalise_label(line.unit)) if line.unit else found.unit
    if line.unit_code is None:
        problems.append(
            line.place.problem(where, line.programme, "Unit pengirim tidak dikenal: pilih unit saat mengunggah")
        )
        return False
    return True


def _twice(lines: list[BudgetLine], problems: list[Problem]) -> None:
    seen: dict[tuple[str, int, int], int | None] = {}
    for line in lines:
        key = (line.programme_code, line.year, line.quarter)
        if key in seen:
            message = f"Baris ganda: program dan triwulan yang sama sudah ada di baris {seen[key]}"
            problems.append(line.place.problem(_spending_key(line), line.spending, message))
        seen.setdefault(key, line.place.row)


def _over_pagu(
    store: Store,
    lines: list[BudgetLine],
    programmes: dict[tuple[int, str], YearProgramme],
    years: list[int],
    problems: list[Problem],
) -> None:
    """A programme's spending to date (the file's quarters, the stored ones it does not give) above
    its pagu for the year: a warning at the quarter's cell, to be confirmed."""
    if not lines:
        return
    spent = {(code, year, quarter): value for code, year, quarter, value in store.rows(_SPENT_SQL, [years])}
    spent |= {(line.programme_code, line.year, line.quarter): line.spending for line in lines}
    for line in lines:
        pagu = programmes[line.year, f"kode {normalise_label(line.programme_code)}"].pagu
        to_date = sum(spent.get((line.programme_code, line.year, q), 0.0) for q in range(1, line.quarter + 1))
        if to_date > pagu + 0.5:
            message = (
                f"Realisasi anggaran s.d. TW {roman(line.quarter)} Rp {message_number(to_date)} melebihi pagu "
                f"{line.year} Rp {message_number(pagu)}; periksa angka dan tanda desimalnya"
            )
            problems.append(line.place.problem(_spending_key(line), line.spending, message, "warning"))


def _spending_key(line: BudgetLine) -> str:
    return "spending" if "spending" in line.place.columns else f"s{line.quarter}"
