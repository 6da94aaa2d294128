"""Quarterly data as stored: each save of a unit's quarter is a new submission (version), and its
realisations are appended under it. Nothing is overwritten; the latest version of each
indicator's quarter is the current figure (view ``realization_current``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from kinerja.storage.store import Store, Writer


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
    """A quarter's spending of a programme (its cash plan is the plan's: programme_cash_plan)."""

    programme_code: str | None  # None: a kegiatan's or sub-kegiatan's spending, kept with its indicator
    spending: float | None
    indicator_id: int | None = None


@dataclass
class SubmissionDraft:
    """One unit's quarter to store as a new version: its realisations as tuples in the order of
    ``FIGURE_FIELDS`` (indicator id first), and its budget rows."""

    unit_code: str
    year: int
    quarter: int
    rows: list[tuple] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    created_at: dt.datetime | None = None


@dataclass(frozen=True)
class StoredVersion:
    submission_id: int
    unit_code: str
    year: int
    quarter: int
    version: int
    rows: int


def add_submissions(
    w: Writer,
    drafts: Sequence[SubmissionDraft],
    *,
    source: str,
    created_by: str | None = None,
    file_name: str | None = None,
    file_sha256: str | None = None,
    demo: bool = False,
) -> list[StoredVersion]:
    """Append each draft as the next version of its unit's quarter, inside the caller's transaction,
    in two bulk inserts whatever the number of rows."""
    units = {code.upper(): uid for uid, code in w.cursor.execute("SELECT id, code FROM unit").fetchall()}
    unknown = sorted({d.unit_code for d in drafts if d.unit_code.upper() not in units})
    if unknown:
        raise KeyError(f"unit tidak dikenal: {', '.join(unknown)}")
    versions = {
        (unit, year, quarter): version
        for unit, year, quarter, version in w.cursor.execute(
            "SELECT unit_id, year, quarter, max(version) FROM submission GROUP BY ALL"
        ).fetchall()
    }
    first_id = w.next_id("submission")
    stored, submissions, realizations = [], [], []
    for offset, draft in enumerate(drafts):
        unit_id, submission_id = units[draft.unit_code.upper()], first_id + offset
        version = versions.get((unit_id, draft.year, draft.quarter), 0) + 1
        versions[unit_id, draft.year, draft.quarter] = version
        submissions.append(
            (
                submission_id,
                unit_id,
                draft.year,
                draft.quarter,
                version,
                source,
                file_name,
                file_sha256,
                created_by,
                demo,
                draft.created_at or dt.datetime.now(),
            )
        )
        realizations += [(submission_id, figure[0], draft.year, draft.quarter, *figure[1:]) for figure in draft.rows]
        stored.append(
            StoredVersion(submission_id, draft.unit_code, draft.year, draft.quarter, version, len(draft.rows))
        )
    w.insert_df("submission", pd.DataFrame(submissions, columns=_SUBMISSION_COLUMNS))
    w.insert_df("realization", pd.DataFrame(realizations, columns=_REALIZATION_COLUMNS))
    programmes = dict(w.cursor.execute("SELECT upper(code), id FROM programme").fetchall())
    w.executemany(
        "INSERT INTO budget_realization VALUES (?, ?, ?, ?, ?, ?)",
        [
            [v.submission_id, programmes[b.programme_code.upper()], v.year, v.quarter, None, b.spending]
            for v, d in zip(stored, drafts, strict=True)
            for b in d.budget
            if b.programme_code is not None
        ],
    )
    w.executemany(
        "INSERT INTO indicator_spending VALUES (?, ?, ?, ?, ?)",
        [
            [v.submission_id, b.indicator_id, v.year, v.quarter, b.spending]
            for v, d in zip(stored, drafts, strict=True)
            for b in d.budget
            if b.programme_code is None and b.indicator_id is not None
        ],
    )
    return stored


_SUBMISSION_COLUMNS = [
    "id",
    "unit_id",
    "year",
    "quarter",
    "version",
    "source",
    "file_name",
    "file_sha256",
    "created_by",
    "demo",
    "created_at",
]


FIGURE_FIELDS = (
    "indicator_id",
    "value",
    "numerator",
    "denominator",
    "drivers",
    "obstacles",
    "follow_up",
    "evidence_url",
)
# a stored realisation: its submission, then the figure with the period after the indicator
_REALIZATION_COLUMNS = ["submission_id", FIGURE_FIELDS[0], "year", "quarter", *FIGURE_FIELDS[1:]]


def figure_tuple(indicator_id: int, row: RealizationRow) -> tuple:
    """A realisation as ``SubmissionDraft.rows`` holds it."""
    return (
        indicator_id,
        quarter_value(row.value, row.numerator, row.denominator),
        row.numerator,
        row.denominator,
        row.drivers,
        row.obstacles,
        row.follow_up,
        row.evidence_url,
    )


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
    demo: bool = False,
    created_at: dt.datetime | None = None,
) -> int:
    """Append one new version of ``unit_code``'s quarter, its rows named by indicator code; its id."""
    ids = dict(w.cursor.execute("SELECT upper(code), id FROM indicator").fetchall())
    figures = [figure_tuple(ids[r.indicator_code.upper()], r) for r in rows]
    draft = SubmissionDraft(unit_code, year, quarter, figures, list(budget), created_at)
    return add_submissions(w, [draft], source=source, created_by=created_by, demo=demo)[0].submission_id


def quarter_value(value: float | None, numerator: float | None, denominator: float | None) -> float | None:
    """The figure stored for a quarter: its value, or for a RATIO quarter reported as counts their
    own percentage, whatever percentage a cell beside them shows (a template's formula rounds it to
    two decimals; the to-date figure is always recomputed from the sums, never from these)."""
    if numerator is not None and denominator:
        return numerator / denominator * 100
    return value


def latest_quarter_with_data(store: Store, year: int) -> int | None:
    """The last quarter of ``year`` with any realisation, or None."""
    found = store.scalar("SELECT max(quarter) FROM realization WHERE year = ?", [year])
    return None if found is None else int(found)
