"""Figures a file repeats. Units keep one sheet a year and send it every quarter with the earlier
quarters still filled in: a figure equal to the stored one (at the decimals the file writes) is
accounted for as unchanged and not saved again, whatever the quarter's state; only a figure that
would change a closed quarter (a final report, a submitted or verified quarter, a closed period)
is refused, at its cell, with the quarter's state and who can reopen it."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import NamedTuple

from kinerja.access.roles import Actor
from kinerja.collection.datafile import TEXT_KEYS, BudgetLine, DataRow, stored_value
from kinerja.domain.numbers import message_number
from kinerja.domain.problems import Problem
from kinerja.storage.store import Store
from kinerja.workflow.review import PeriodRules


class StoredFigure(NamedTuple):
    """An indicator-quarter's current figure, as ``realization_current`` holds it (a row of
    ``STORED_COLUMNS``; made by the ten thousand for a province's file, so a tuple)."""

    value: float | None
    numerator: float | None
    denominator: float | None
    drivers: str | None
    obstacles: str | None
    follow_up: str | None
    evidence_url: str | None


STORED_COLUMNS = StoredFigure._fields


def settle_repeats(
    rows: list[DataRow],
    stored: Mapping[tuple[int, int, int], StoredFigure],
    rules: PeriodRules,
    actor: Actor | None,
    problems: list[Problem],
    today: dt.date | None = None,
) -> tuple[list[DataRow], list[DataRow]]:
    """(rows to save, rows equal to the stored figures) of ``rows`` matched to the plan. A row to
    save into a quarter the actor may not change is an error at its cell."""
    today = today or dt.date.today()
    keep, unchanged = [], []
    refusals: dict[tuple[str, int, int], str | None] = {}  # asked once per unit's quarter
    for row in rows:
        before = stored.get((row.indicator_id, row.year, row.quarter))
        if before is not None and is_repeat(row, before):
            unchanged.append(row)
            continue
        period = (row.unit_code or "", row.year, row.quarter)
        if period not in refusals:
            refusals[period] = rules.refusal(actor, *period, today)
        refused = refusals[period]
        if refused:
            problems.append(row.place.problem(row.value_key, _shown(row), f"{refused} {_difference(row, before)}"))
        keep.append(row)
    return keep, unchanged


def settle_budget_repeats(store: Store, lines: list[BudgetLine]) -> tuple[list[BudgetLine], list[BudgetLine]]:
    """(lines to save, lines equal to the stored spending) of a file's programme spending matched to
    the plan: a quarter's spending the file repeats to the rupiah is not saved again."""
    if not any(line.programme_code or line.indicator_id for line in lines):
        return lines, []
    stored = {
        (code, year, quarter): spending
        for code, year, quarter, spending in store.rows(
            "SELECT p.code, b.year, b.quarter, b.spending FROM budget_current b JOIN programme p ON p.id = b.programme_id"
        )
    }
    stored |= {
        (indicator, year, quarter): spending
        for indicator, year, quarter, spending in store.rows(
            "SELECT indicator_id, year, quarter, spending FROM indicator_spending_current"
        )
    }
    keep, unchanged = [], []
    for line in lines:
        key = line.programme_code if line.indicator_id is None else line.indicator_id
        before = stored.get((key, line.year, line.quarter))
        same = before is not None and math.isclose(before, line.spending, rel_tol=0, abs_tol=0.005)
        (unchanged if same else keep).append(line)
    return keep, unchanged


def is_repeat(row: DataRow, before: StoredFigure) -> bool:
    """The row says what is stored: its figure equal at the decimals it writes ('90,4' repeats a
    stored 90,398 worked out from counts), counts it gives equal, and narrative it gives the same."""
    figure = stored_value(row)
    if figure != before.value:  # most figures of a file: equal exactly, or plainly another figure
        figures = [figure, *(row.ambiguous[1:] if row.ambiguous else ())]  # '11.713': either reading
        if not any(_same_figure(f, before.value) for f in figures):
            return False
    for given, kept in ((row.numerator, before.numerator), (row.denominator, before.denominator)):
        if given is not None and given != kept:
            return False
    return all(_words(row.text.get(key)) == _words(getattr(before, key)) for key in TEXT_KEYS if row.text.get(key))


def _same_figure(given: float | None, stored: float | None) -> bool:
    if given is None or stored is None:
        return given is None and stored is None
    if abs(given - stored) >= 0.1:  # more than any rounding to the one decimal at least compared
        return False
    decimals = max(_decimals_written(given), 1)
    return math.isclose(round(stored, decimals), round(given, decimals), rel_tol=1e-12, abs_tol=1e-12)


def _decimals_written(value: float) -> int:
    """1 for 90.4, 0 for 2.0, 14 for 90.39812646370024: the decimals a figure was written with."""
    text = repr(float(value))
    if "e" in text or "n" in text:
        return 15
    decimals = text.split(".")[1]
    return 0 if decimals == "0" else len(decimals)


def _words(text: object) -> str:
    return " ".join(str(text).split()) if text is not None else ""


def _shown(row: DataRow) -> object:
    figure = stored_value(row)
    return figure if figure is not None else next((t for t in row.text.values() if t), None)


def _difference(row: DataRow, before: StoredFigure | None) -> str:
    new = stored_value(row)
    if before is None or before.value is None:
        return "Triwulan itu belum punya angka tersimpan untuk indikator ini."
    if new is not None and not _same_figure(new, before.value):
        return f"Berkas menulis {message_number(new, 6)}, yang tersimpan {message_number(before.value, 6)}."
    return "Isian berkas (pembilang, penyebut atau narasi) berbeda dari yang tersimpan."
