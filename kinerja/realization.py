"""Quarterly data as stored: each save of a unit's quarter is a new submission (version), and its
realisations are appended under it. Nothing is overwritten; the latest version of each
indicator's quarter is the current figure (view ``realization_current``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from kinerja.store import Writer


@dataclass(frozen=True)
class RealizationRow:
    """One indicator's figure for a quarter, with the unit's narrative."""

    indicator_code: str
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    drivers: str | None = None
    obstacles: str | None = None
    follow_up: str | None = None
    evidence_url: str | None = None


@dataclass(frozen=True)
class BudgetRow:
    programme_code: str
    cash_plan: float | None
    spending: float | None


def add_submission(
    w: Writer,
    unit_code: str,
    year: int,
    quarter: int,
    rows: Sequence[RealizationRow],
    budget: Sequence[BudgetRow] = (),
    *,
    source: str,
    created_by: str | None = None,
    file_name: str | None = None,
    file_sha256: str | None = None,
    demo: bool = False,
    created_at: dt.datetime | None = None,
) -> int:
    """Append a new version of ``unit_code``'s quarter inside the caller's transaction; its id."""
    unit_id = w.scalar("SELECT id FROM unit WHERE upper(code) = upper(?)", [unit_code])
    if unit_id is None:
        raise KeyError(f"unit tidak dikenal: {unit_code}")
    version = w.scalar(
        "SELECT coalesce(max(version), 0) + 1 FROM submission WHERE unit_id = ? AND year = ? AND quarter = ?",
        [unit_id, year, quarter],
    )
    submission_id = w.next_id("submission")
    w.execute(
        "INSERT INTO submission (id, unit_id, year, quarter, version, source, file_name, file_sha256, created_by, demo, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, current_timestamp))",
        [submission_id, unit_id, year, quarter, version, source, file_name, file_sha256, created_by, demo, created_at],
    )
    ids = dict(w.cursor.execute("SELECT upper(code), id FROM indicator").fetchall())
    frame = pd.DataFrame(
        [
            {
                "submission_id": submission_id,
                "indicator_id": ids[r.indicator_code.upper()],
                "year": year,
                "quarter": quarter,
                "value": _quarter_value(r),
                "numerator": r.numerator,
                "denominator": r.denominator,
                "drivers": r.drivers,
                "obstacles": r.obstacles,
                "follow_up": r.follow_up,
                "evidence_url": r.evidence_url,
            }
            for r in rows
        ]
    )
    w.insert_df("realization", frame)
    programmes = dict(w.cursor.execute("SELECT upper(code), id FROM programme").fetchall())
    w.executemany(
        "INSERT INTO budget_realization VALUES (?, ?, ?, ?, ?, ?)",
        [[submission_id, programmes[b.programme_code.upper()], year, quarter, b.cash_plan, b.spending] for b in budget],
    )
    return submission_id


def _quarter_value(row: RealizationRow) -> float | None:
    """A RATIO quarter's own percentage; the to-date figure is recomputed from the sums."""
    if row.value is None and row.numerator is not None and row.denominator:
        return row.numerator / row.denominator * 100
    return row.value
