"""The Perencanaan page's editable tables turned into a plan draft, checked as a file is."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kinerja.planning.rows import (
    PLAN_COLUMNS,
    PROGRAMME_COLUMNS,
    UNIT_COLUMNS,
    PlanDraft,
    parse_plan_rows,
    parse_programme_rows,
    parse_unit_rows,
)
from kinerja.workbook.cells import RowPlace
from kinerja.workbook.spreadsheet import ColumnSpec

# --- the editor's tables -----------------------------------------------------------------------


def _frame_rows(
    frame: pd.DataFrame, specs: Sequence[ColumnSpec], table: str
) -> list[tuple[RowPlace, dict[str, object]]]:
    by_label = {spec.label: spec.key for spec in specs}
    columns = {by_label[c]: f"{c}" for c in frame.columns if c in by_label}
    rows = []
    for number, (_, record) in enumerate(frame.iterrows(), start=1):
        values = {by_label[c]: (None if pd.isna(v) else v) for c, v in record.items() if c in by_label}
        rows.append((RowPlace(table, None, number, columns), values))
    return rows


def draft_from_frames(
    year: int, plan: pd.DataFrame, units: pd.DataFrame | None = None, programmes: pd.DataFrame | None = None
) -> PlanDraft:
    """A plan draft from the editor's tables (labelled as the plan sheet), checked like a file."""
    draft = PlanDraft(year, "Tabel rencana")
    draft.rows, problems = parse_plan_rows(_frame_rows(plan, PLAN_COLUMNS, "Tabel indikator"))
    draft.problems += problems
    if units is not None:
        draft.units, problems = parse_unit_rows(_frame_rows(units, UNIT_COLUMNS, "Tabel unit"))
        draft.problems += problems
    if programmes is not None:
        draft.programmes, problems = parse_programme_rows(_frame_rows(programmes, PROGRAMME_COLUMNS, "Tabel program"))
        draft.problems += problems
    return draft
