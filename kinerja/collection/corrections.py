"""The rows of a file as a table to correct on the upload page, and the file as corrected there
(the original file is still what is kept)."""

from __future__ import annotations

import dataclasses

import pandas as pd

from kinerja.collection.datafile import LABEL, MONTH_FIGURE_KEYS, TEXT_KEYS, DataFile, DataRow, month_key
from kinerja.collection.reading import number_value
from kinerja.domain.numbers import plain_number
from kinerja.domain.problems import Problem
from kinerja.workbook.cells import text_value


def settled_readings(data: DataFile, checked: list[DataRow]) -> DataFile:
    """``data`` as read, with the figures its check decided: the values whose text could be two
    numbers ('11.713') and the quarters a monthly sheet's months make, so a correction table shows
    the figure that will be stored. ``checked``: copies of ``data``'s rows, in order, as checking
    left them (checking may set repeats aside; this list keeps them). ``data`` is not changed."""
    if not any(row.ambiguous or row.months for row in data.rows):
        return data
    rows = [
        dataclasses.replace(row, value=done.value, numerator=done.numerator, denominator=done.denominator)
        if row.months
        else dataclasses.replace(row, value=done.value)
        for row, done in zip(data.rows, checked, strict=True)
    ]
    return dataclasses.replace(data, rows=rows)


# --- corrections on the page ------------------------------------------------------------------

EDIT_LABELS = {
    "code": "Kode",
    "name": "Indikator",
    "quarter": "TW",
    "value": "Realisasi",
    "numerator": "Pembilang",
    "denominator": "Penyebut",
    "drivers": "Faktor Pendorong",
    "obstacles": "Faktor Penghambat",
    "follow_up": "Tindak Lanjut",
    "evidence_url": "Bukti Dukung",
}
_NUMBER_KEYS = ("value", "numerator", "denominator")


def rows_frame(data: DataFile) -> pd.DataFrame:
    """The rows read from a file as a table to correct on the page, with each row's source row.
    Numbers are text written the Indonesian way, so "83,5" typed on the page means 83.5."""
    records = []
    for row in data.rows:
        record = {"Baris": row.place.row, "Sheet": row.place.sheet, "TW": row.quarter}
        record |= {EDIT_LABELS[k]: getattr(row, k) for k in ("code", "name")}
        record |= {EDIT_LABELS[k]: _typed_number(getattr(row, k)) for k in _NUMBER_KEYS}
        record |= {EDIT_LABELS[k]: row.text.get(k) for k in TEXT_KEYS}
        records.append(record)
    frame = pd.DataFrame(records, columns=["Baris", "Sheet", *EDIT_LABELS.values()])
    text_columns = [EDIT_LABELS[k] for k in (*_NUMBER_KEYS, *TEXT_KEYS, "code", "name")]
    return frame.astype({column: "string" for column in text_columns} | {"TW": "Int64"})


def _typed_number(value: float | None) -> str | None:
    return None if value is None or pd.isna(value) else plain_number(value)


def with_edits(data: DataFile, frame: pd.DataFrame) -> DataFile:
    """The file as corrected on the page: its rows take the table's values (the original file is
    still what is kept). A reading problem of a figure stays until its cell is typed over with a
    figure (a warning on a cell left as it was stays, as the command line shows it); what was typed
    on the page is read like a cell of the file."""
    edited = DataFile(
        data.file_name,
        data.content,
        template=data.template,
        budget=data.budget,
        narrative=data.narrative,
        skipped=data.skipped,
        columns=data.columns,
    )
    typed: list[Problem] = []
    months_typed_over: set[tuple[int | None, str]] = set()
    typed_over: set[tuple[int | None, str]] = set()  # figure cells whose value the table changed
    for row, (_, record) in zip(data.rows, frame.iterrows(), strict=True):
        values = {k: (None if pd.isna(record[EDIT_LABELS[k]]) else record[EDIT_LABELS[k]]) for k in EDIT_LABELS}
        numbers = {  # the page shows numbers as plain_number does: a decimal comma, no thousands mark
            k: number_value(row.place, row.value_key if k == "value" else k, values[k], typed, ",")
            for k in _NUMBER_KEYS
        }
        quarter = int(values["quarter"]) if values["quarter"] is not None else row.quarter
        left = {k for k in _NUMBER_KEYS if _typed_number(numbers[k]) == _typed_number(getattr(row, k))}
        numbers |= {k: getattr(row, k) for k in left}  # a figure left as shown keeps every decimal it has
        typed_over |= {(row.place.row, row.value_key if k == "value" else k) for k in _NUMBER_KEYS if k not in left}
        narrative = {k: text_value(values[k]) for k in TEXT_KEYS}
        # a monthly quarter left as shown is folded again from its months; one retyped is what was typed
        untouched = quarter == row.quarter and len(left) == len(_NUMBER_KEYS)
        if row.months and not untouched:
            months_typed_over |= {(row.place.row, month_key(f.month, kind)) for f in row.months for kind in _COUNTED}
        edited.rows.append(
            DataRow(
                row.place,
                row.code,
                row.name,
                row.unit,
                row.year,
                quarter,
                numbers["value"],
                numbers["numerator"],
                numbers["denominator"],
                narrative,
                row.value_key,
                ambiguous=row.ambiguous if numbers["value"] == row.value else None,  # retyped: decided
                months=row.months if untouched else (),
            )
        )
    filled = {
        (r.place.row, key)
        for r in edited.rows
        for key in (r.value_key, "numerator", "denominator")
        if _cell(r, key) is not None and (r.place.row, key) in typed_over
    } | months_typed_over
    retyped = {(p.row, _problem_key(p)) for p in typed}
    for problem in data.problems:
        key = _problem_key(problem)
        corrected = key in VALUE_KEYS and (problem.row, key) in filled
        if not corrected and (problem.row, key) not in retyped:
            edited.problems.append(problem)
    edited.problems += typed
    return edited


def _cell(row: DataRow, key: str) -> float | None:
    return row.value if key == row.value_key or key == "value" or key.startswith("r") else getattr(row, key)


VALUE_KEYS = {"value", "numerator", "denominator", "r1", "r2", "r3", "r4", *MONTH_FIGURE_KEYS}
_COUNTED = ("value", "numerator", "denominator")  # a month's cells a typed quarter figure replaces


def _problem_key(problem: Problem) -> str | None:
    """Which value a reading problem is about (by its column's label), if any."""
    if not problem.column:
        return None
    label = problem.column.split(" (", 1)[-1].rstrip(")")
    for key, spec_label in LABEL.items():
        if spec_label == label:
            return key
    return None
