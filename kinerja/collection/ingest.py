"""Quarterly data from files: a unit's template or its own spreadsheet, read into located rows,
checked against the plan, and saved as new versions of each unit's quarter.

Reading finds the table wherever it sits (see ``spreadsheet``): a long sheet with a quarter column,
a wide sheet with one realisation column per quarter ("Realisasi" over "TW I … TW IV"), or a
template whose hidden metadata names the unit, year and quarter. Checking lists every problem with
its place; errors refuse the file, warnings must be confirmed. Saving is all or nothing per file,
and keeps the original file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import gc
import hashlib
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
import python_calamine

from kinerja.access.roles import Action, can, current
from kinerja.collection.realization import BudgetRow, SubmissionDraft, add_submissions, quarter_value
from kinerja.collection.screening import CellError, upload_name
from kinerja.collection.spreadsheet import (
    HEADER_SCAN_ROWS,
    ColumnSpec,
    Sheet,
    SpreadsheetError,
    Table,
    column_letter,
    find_tables,
    normalise_label,
    pattern,
    read_sheets,
    visible,
)
from kinerja.domain.achievement import Aggregation, Polarity, roman
from kinerja.domain.numbers import decimal_mark, is_not_reported, message_number, parse_number, plain_number, readings
from kinerja.domain.problems import InputRejected, Problem
from kinerja.planning.plan import (
    RowPlace,
    hidden_row_problem,
    hidden_sheet_problem,
    layout_problems,
    parse_cell,
    quarter_in_label,
)
from kinerja.planning.renja_form import consistency_problems, indicator_names, read_renja_form, unit_of
from kinerja.storage.store import Store, Writer
from kinerja.workflow import review
from kinerja.workflow.review import period_name

TEMPLATE_SHEET = "_kinerja"
TEMPLATE_VERSION = 1
FAR_ABOVE_TARGET = 3.0  # × the quarter's target
NAME_MATCH_CUTOFF = 0.85

_NOT_REALISATION = r"target|rencana|\bra\b|capaian|%|\brp\b|anggaran|pagu|pembilang|penyebut"


def _quarter_realisation(q: int):
    return lambda label: quarter_in_label(label) == q and not re.search(_NOT_REALISATION, label)


DATA_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("code", "Kode Indikator", pattern(r"^(kode|kode indikator|kode ik|kode iku|no indikator)$")),
    ColumnSpec("name", "Indikator Kinerja", pattern(r"^(indikator|uraian indikator|nama indikator)")),
    ColumnSpec("unit", "Unit", pattern(r"^(unit|unit kerja|kode unit|penanggung ?jawab|pj|bidang)$")),
    ColumnSpec("year", "Tahun", pattern(r"^tahun$")),
    ColumnSpec("quarter", "Triwulan", pattern(r"^(triwulan|tw|trw|periode)$")),
    ColumnSpec("numerator", "Pembilang", pattern(r"^(realisasi )?pembilang")),
    ColumnSpec("denominator", "Penyebut", pattern(r"^(realisasi )?penyebut")),
    *(ColumnSpec(f"r{q}", f"Realisasi TW {roman(q)}", _quarter_realisation(q)) for q in (1, 2, 3, 4)),
    ColumnSpec("value", "Realisasi", pattern(r"^(nilai )?realisasi( kinerja)?$")),
    ColumnSpec("drivers", "Faktor Pendorong", pattern(r"^(faktor )?pendorong")),
    ColumnSpec("obstacles", "Faktor Penghambat", pattern(r"^(faktor )?(penghambat|kendala|hambatan|permasalahan)")),
    ColumnSpec("follow_up", "Tindak Lanjut", pattern(r"^(rencana )?(tindak lanjut|upaya|solusi|langkah)")),
    ColumnSpec("evidence_url", "Bukti Dukung", pattern(r"^(bukti|link|tautan|url)")),
)
LABEL = {spec.key: spec.label for spec in DATA_COLUMNS}
_TEXT_KEYS = ("drivers", "obstacles", "follow_up", "evidence_url")
_YEAR = re.compile(r"\btahun\s*(20\d\d)\b", re.IGNORECASE)
_QUARTER_TITLE = re.compile(r"\b(?:triwulan|tw)\s*(iv|iii|ii|i|[1-4])\b", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """What the upload says of the file: the page's or command's choices, or the template's."""

    year: int | None = None
    quarter: int | None = None
    unit: str | None = None


@dataclass(slots=True)
class DataRow:
    """One indicator's figure for one quarter, as read, before it is matched to the plan."""

    place: RowPlace
    code: str | None
    name: str | None
    unit: str | None
    year: int | None
    quarter: int | None
    value: float | None
    numerator: float | None
    denominator: float | None
    text: dict[str, str | None] = field(default_factory=dict)
    value_key: str = "value"  # which column the value came from, for messages
    indicator_id: int | None = None
    unit_code: str | None = None
    # the value's text could be two numbers ('11.713') and its column did not say which: (text, as
    # read, the other reading), decided against the plan's targets when the row is checked
    ambiguous: tuple[str, float, float] | None = None


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row of the file that holds no figure to store, and why: every row is accounted for."""

    place: RowPlace
    reason: str
    value: object = None

    def as_dict(self) -> dict[str, object]:
        return {"Sheet": self.place.sheet or "", "Baris": self.place.row, "Alasan": self.reason, "Isi": self.value}


@dataclass
class BudgetLine:
    """A programme's spending in a quarter, as read (the Renja form's Rp columns)."""

    place: RowPlace
    programme: str
    unit: str | None
    year: int | None
    quarter: int
    spending: float
    programme_code: str | None = None
    unit_code: str | None = None


@dataclass
class DataFile:
    """One uploaded file: what was read from it and everything wrong with it."""

    file_name: str
    content: bytes
    rows: list[DataRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    template: Period | None = None
    budget: list[BudgetLine] = field(default_factory=list)
    narrative: bool = True  # the file has columns for drivers/obstacles (the Renja form has none)
    skipped: list[SkippedRow] = field(default_factory=list)  # rows read that hold no figure, with why

    def accounting(self) -> str:
        """Every data row of the file: how many hold figures, how many were skipped and why."""
        with_figures = len({(r.place.sheet, r.place.row) for r in self.rows})
        reasons: dict[str, int] = defaultdict(int)
        for skipped in self.skipped:
            reasons[skipped.reason] += 1
        text = f"{with_figures + len(self.skipped)} baris data: {with_figures} berisi angka"
        if reasons:
            text += ", " + ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items(), key=lambda r: -r[1]))
        return text

    @functools.cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def collector_paused(work):
    """Run ``work`` with Python's cyclic garbage collector paused. Reading a large file allocates
    hundreds of thousands of small, acyclic objects, which the collector would otherwise rescan
    again and again (about a sixth of a 50,000-row import); reference counting still frees them."""

    @functools.wraps(work)
    def paused(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return work(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


# --- reading -----------------------------------------------------------------------------------


def template_period(content: bytes) -> Period | None:
    """The unit, year and quarter a Kinerja template was made for, from its hidden sheet."""
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        if TEMPLATE_SHEET not in workbook.sheet_names:
            return None
        cells = dict((str(r[0]), r[1]) for r in workbook.get_sheet_by_name(TEMPLATE_SHEET).to_python() if len(r) > 1)
    except Exception:  # not a workbook calamine can open: the reader will say so
        return None
    try:
        return Period(int(cells["tahun"]), int(cells["triwulan"]), str(cells["unit"]))
    except (KeyError, ValueError):
        return None


@collector_paused
def read_data_file(
    content: bytes, file_name: str, given: Period = Period(), mappings: dict[str, str] | None = None
) -> DataFile:
    """Rows of quarterly data from one file; problems are collected, never raised. ``mappings``
    (column label → key) are the headers a user has mapped by hand before."""
    name = upload_name(file_name)
    data = DataFile(name, content)
    data.template = template_period(content) if name.lower().endswith((".xlsx", ".xlsm")) else None
    try:
        sheets = read_sheets(content, name)
    except SpreadsheetError as exc:
        data.problems.append(Problem(f"Berkas tidak dapat dibaca: {exc}", name))
        return data
    specs = _specs_with(mappings or {})
    for sheet in sheets:
        if sheet.hidden and (_data_tables(sheet, specs) or read_renja_form(sheet) is not None):
            data.problems.append(hidden_sheet_problem(name, sheet))
    sheets = visible(sheets)
    period = _period_of(data.template, given, sheets)
    forms = [form for form in map(read_renja_form, sheets) if form is not None]
    for form in forms:
        _read_form(data, form, period)
    form_sheets = {form.sheet.name for form in forms}
    tables = [table for sheet in sheets if sheet.name not in form_sheets for table in _data_tables(sheet, specs)]
    for table in tables:
        _read_table(data, table, period)
    if (tables or forms) and not data.rows and not data.budget and not data.errors:
        data.problems.append(Problem("Belum ada angka realisasi yang diisi", name, tables[0].sheet.name))
    elif not data.rows and not data.budget and not data.errors:
        data.problems.append(
            Problem(
                "Tabel data tidak ditemukan: perlu kolom Kode atau Indikator Kinerja dan kolom Realisasi "
                "(atau Realisasi TW I … TW IV, atau Pembilang dan Penyebut)",
                name,
            )
        )
    return data


def _period_of(template: Period | None, given: Period, sheets: list[Sheet]) -> Period:
    """The template's period first, then what the user chose, then the titles ("TRIWULAN II TAHUN 2026")."""
    title = " ".join(str(v) for s in sheets for r in s.rows[:HEADER_SCAN_ROWS] for v in r[:6] if isinstance(v, str))
    year = _YEAR.search(title)
    quarter = _QUARTER_TITLE.search(title)
    from_titles = Period(
        int(year.group(1)) if year else None,
        quarter_in_label(f"tw {quarter.group(1).lower()}") if quarter else None,
    )
    first = template or Period()
    return Period(
        first.year or given.year or from_titles.year,
        first.quarter or given.quarter or from_titles.quarter,
        first.unit or given.unit,
    )


def _read_form(data: DataFile, form, period: Period) -> None:
    """The Permendagri 86 form's quarters: each indicator's K as that quarter's figure, and each
    programme's Rp as its spending."""
    data.narrative = False
    data.problems += consistency_problems(form, data.file_name)
    unit = period.unit or (unit_of(form) or (None,))[0]
    year = period.year or form.year
    names = indicator_names(form)
    for row in form.rows:
        for quarter in (1, 2, 3, 4):
            columns = {"value": form.cell_name("quarter", quarter), "name": form.cell_name("indicator")}
            place = RowPlace(data.file_name, form.sheet.name, row.row, columns)
            if row.indicator:
                value = _number(place, "value", row.quarter_k.get(quarter), data.problems)
                if value is not None:
                    data.rows.append(
                        DataRow(
                            place,
                            None,
                            names[row.row],
                            unit,
                            year,
                            quarter,
                            round(value, 9),
                            None,
                            None,
                            dict.fromkeys(_TEXT_KEYS),
                        )
                    )
            if row.is_programme:
                place = RowPlace(data.file_name, form.sheet.name, row.row, {"value": form.cell_name("budget", quarter)})
                spending = _number(place, "value", row.quarter_rp.get(quarter), data.problems)
                if spending is not None:
                    data.budget.append(BudgetLine(place, row.name, unit, year, quarter, spending))


def _specs_with(mappings: dict[str, str]) -> tuple[ColumnSpec, ...]:
    """The reader's columns, with the labels users mapped by hand tried first."""
    mapped = tuple(
        ColumnSpec(key, LABEL[key], lambda label, wanted=source: label == wanted)
        for source, key in mappings.items()
        if key in LABEL
    )
    return mapped + DATA_COLUMNS


def _data_tables(sheet: Sheet, specs: tuple[ColumnSpec, ...] = DATA_COLUMNS) -> list[Table]:
    values = {"value", "numerator", "r1", "r2", "r3", "r4"}
    return [
        t
        for t in find_tables(sheet, specs, min_matches=2)
        if ({"code", "name"} & t.columns.keys()) and (values & t.columns.keys())
    ]


SKIP_HEADING = "baris judul (sasaran/program) tanpa angka"
SKIP_EMPTY = "belum diisi"
SKIP_NOT_REPORTED = "belum dilaporkan (mis. 'Belum Rilis')"
SKIP_NAMELESS = "berisi angka tanpa kode atau nama indikator"


def _read_table(data: DataFile, table: Table, period: Period) -> None:
    columns = {key: f"{column_letter(col)} ({LABEL[key]})" for key, col in table.columns.items()}
    quarter_columns = [q for q in (1, 2, 3, 4) if f"r{q}" in table.columns]
    if data.template is not None:  # a template's earlier quarters are shown for reference only
        quarter_columns = [q for q in quarter_columns if q == period.quarter]
    data.problems += layout_problems(table, columns, data.file_name, _FIGURE_KEYS)
    marks = _decimal_marks(table)
    hidden = table.sheet.hidden_rows
    for index, raw in table.data_rows():
        place = RowPlace(data.file_name, table.sheet.name, index + 1, columns)
        code, name = _text(raw.get("code")), _text(raw.get("name"))
        if not code and not name:
            figures = _filled(raw)
            if any(not is_not_reported(f) and str(f).strip() not in ("-", "–") for f in figures):
                skipped = SkippedRow(place, SKIP_NAMELESS, figures[0])
                data.skipped.append(skipped)
                data.problems.append(place.problem(None, figures[0], f"Baris {SKIP_NAMELESS}: dilewati", "warning"))
            continue
        if _is_heading_row(raw, quarter_columns):
            # a sasaran or programme line holds its name alone (and a number); an indicator row
            # whose figure is not filled in still has its satuan, target and the like
            filled = sum(1 for v in table.sheet.rows[index] if v not in (None, "") and str(v).strip())
            data.skipped.append(SkippedRow(place, SKIP_HEADING if filled <= 2 else SKIP_EMPTY, name or code))
            continue
        if data.template is not None:  # its own ratio formulas, not yet computed: the counts give the value
            raw = {k: None if isinstance(v, CellError) and v.unsaved_formula else v for k, v in raw.items()}
        common = _common(place, raw, period, data.problems)
        if common is None:
            continue
        unit, year, quarter, text = common
        read = len(data.rows)
        if quarter_columns and "value" not in table.columns:
            who = (code, name, unit, year)
            data.rows += _wide_rows(place, raw, quarter_columns, who, period, text, data.problems, marks)
        else:
            _long_row(data, table, place, raw, (code, name, unit, year, quarter), text, marks)
        if len(data.rows) == read:
            figures = _filled(raw)
            reason = SKIP_NOT_REPORTED if any(is_not_reported(f) for f in figures) else SKIP_EMPTY
            data.skipped.append(SkippedRow(place, reason, figures[0] if figures else None))
        elif index in hidden:
            data.problems.append(hidden_row_problem(place))


def _filled(raw: dict[str, object]) -> list[object]:
    """The row's figure cells that hold something, in column order."""
    return [raw[k] for k in _FIGURE_ORDER if raw.get(k) not in (None, "")]


def _decimal_marks(table: Table) -> dict[str, str | None]:
    """Each figure column's decimal mark, as its unambiguous numbers show it (see numbers.decimal_mark)."""
    rows = table.sheet.rows
    return {
        key: decimal_mark(rows[i][col] for i in range(table.header_row + 1, table.end_row) if col < len(rows[i]))
        for key, col in table.columns.items()
        if key in _FIGURE_KEYS
    }


def _ambiguity(raw_value: object, mark: str | None) -> tuple[str, float, float] | None:
    """(text, as read, the other reading) of a value its column does not decide."""
    if mark is not None:
        return None
    both = readings(raw_value)
    return (str(raw_value).strip(), *both) if both else None


_FIGURE_ORDER = ("value", "r1", "r2", "r3", "r4", "numerator", "denominator")
_FIGURE_KEYS = set(_FIGURE_ORDER)


def _long_row(data: DataFile, table: Table, place: RowPlace, raw, who, text, marks) -> None:
    """The row's one figure (with its counts), for a sheet with a realisation column."""
    code, name, unit, year, quarter = who
    before = len(data.problems)
    numerator = _number(place, "numerator", raw.get("numerator"), data.problems, marks.get("numerator"))
    denominator = _number(place, "denominator", raw.get("denominator"), data.problems, marks.get("denominator"))
    value_key = "value" if "value" in table.columns else f"r{quarter}" if quarter else "value"
    value = _number(place, value_key, raw.get(value_key), data.problems, marks.get(value_key))
    unreadable = len(data.problems) > before  # kept, so the user can correct it on the page
    if value is None and numerator is None and denominator is None and not _has_text(text) and not unreadable:
        return
    row = DataRow(place, code, name, unit, year, quarter, value, numerator, denominator, text, value_key)
    row.ambiguous = _ambiguity(raw.get(value_key), marks.get(value_key))
    data.rows.append(row)


def _wide_rows(place, raw, quarter_columns, who, period: Period, text, problems, marks) -> list[DataRow]:
    """One row per quarter column with a figure. Counts (pembilang, penyebut) and the narrative
    belong to the period's quarter, or else to the last quarter with a figure."""
    code, name, unit, year = who
    values, unreadable = {}, set()
    for q in quarter_columns:
        before = len(problems)
        values[q] = _number(place, f"r{q}", raw.get(f"r{q}"), problems, marks.get(f"r{q}"))
        if len(problems) > before:
            unreadable.add(q)
    filled = [q for q, v in values.items() if v is not None or q in unreadable]
    narrative_quarter = period.quarter if period.quarter in quarter_columns else (filled[-1] if filled else None)
    rows = []
    for q in quarter_columns:
        counts = (None, None)
        if q == narrative_quarter:
            counts = (
                _number(place, "numerator", raw.get("numerator"), problems),
                _number(place, "denominator", raw.get("denominator"), problems),
            )
        narrated = q == narrative_quarter and _has_text(text)
        if values[q] is None and counts == (None, None) and not narrated and q not in unreadable:
            continue
        narrative = text if q == narrative_quarter else dict.fromkeys(_TEXT_KEYS)
        row = DataRow(place, code, name, unit, year, q, values[q], *counts, narrative, f"r{q}")
        row.ambiguous = _ambiguity(raw.get(f"r{q}"), marks.get(f"r{q}"))
        rows.append(row)
    return rows


def _is_heading_row(raw: dict[str, object], quarter_columns: list[int]) -> bool:
    """A sasaran or programme line between indicators: a name and nothing else."""
    if raw.get("code") not in (None, ""):
        return False
    keys = ("value", "numerator", "denominator", *(f"r{q}" for q in quarter_columns), *_TEXT_KEYS)
    return all(raw.get(k) in (None, "") or (isinstance(raw.get(k), str) and not raw.get(k).strip()) for k in keys)


def _common(place: RowPlace, raw: dict[str, object], period: Period, problems: list[Problem]):
    year = period.year
    if _text(raw.get("year")):
        year = _whole(place, "year", raw.get("year"), problems)
    quarter = period.quarter
    if _text(raw.get("quarter")):
        quarter = _quarter_word(str(raw.get("quarter")))
        if quarter is None:
            problems.append(
                place.problem(
                    "quarter", raw.get("quarter"), "Triwulan tidak dikenal; tulis TW I, TW II, TW III atau TW IV"
                )
            )
            return None
    text = {key: _text(raw.get(key)) for key in _TEXT_KEYS}
    return _text(raw.get("unit")) or period.unit, year, quarter, text


@functools.lru_cache(maxsize=256)
def _quarter_word(text: str) -> int | None:
    """'TW II', 'Triwulan 2', 'II', 'Q2' → 2."""
    word = normalise_label(text).removeprefix("tw ").removeprefix("triwulan ").removeprefix("q")
    return quarter_in_label(f"tw {word.strip()}")


def _has_text(text: dict[str, str | None]) -> bool:
    return any(text.values())


def _text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if type(value) is str and "  " not in value and "\n" not in value and "\t" not in value:
        return value.strip() or None  # the common case, without splitting
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _number(
    place: RowPlace, key: str, value: object, problems: list[Problem], decimal: str | None = None
) -> float | None:
    if type(value) is float:  # most cells of a workbook: nothing to parse, nothing to report
        return None if value != value else value
    if value is None or value == "":
        return None
    parse = functools.partial(parse_number, decimal=decimal) if decimal else parse_number
    return parse_cell(place, key, value, problems, parse, "angka", LABEL.get(key, key))


def _whole(place: RowPlace, key: str, value: object, problems: list[Problem]) -> int | None:
    number = _number(place, key, value, problems)
    return None if number is None else int(number)


def settle_readings(store: Store, data: DataFile) -> DataFile:
    """Decide now, as checking will, the values whose text could be two numbers ('11.713'), so a
    correction table shows the figure that will be stored; returns ``data``."""
    if not any(row.ambiguous for row in data.rows):
        return data
    scratch = DataFile(data.file_name, data.content, rows=[dataclasses.replace(r) for r in data.rows])
    check_data(store, scratch)
    for row, checked in zip(data.rows, scratch.rows, strict=True):
        row.value = checked.value
    return data


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
        record |= {EDIT_LABELS[k]: row.text.get(k) for k in _TEXT_KEYS}
        records.append(record)
    frame = pd.DataFrame(records, columns=["Baris", "Sheet", *EDIT_LABELS.values()])
    text_columns = [EDIT_LABELS[k] for k in (*_NUMBER_KEYS, *_TEXT_KEYS, "code", "name")]
    return frame.astype({column: "string" for column in text_columns} | {"TW": "Int64"})


def _typed_number(value: float | None) -> str | None:
    return None if value is None or pd.isna(value) else plain_number(value)


def with_edits(data: DataFile, frame: pd.DataFrame) -> DataFile:
    """The file as corrected on the page: its rows take the table's values (the original file is
    still what is kept). A reading problem stays only while its cell is still empty; what was typed
    on the page is read like a cell of the file."""
    edited = DataFile(
        data.file_name,
        data.content,
        template=data.template,
        budget=data.budget,
        narrative=data.narrative,
        skipped=data.skipped,
    )
    typed: list[Problem] = []
    for row, (_, record) in zip(data.rows, frame.iterrows(), strict=True):
        values = {k: (None if pd.isna(record[EDIT_LABELS[k]]) else record[EDIT_LABELS[k]]) for k in EDIT_LABELS}
        numbers = {  # the page shows numbers as plain_number does: a decimal comma, no thousands mark
            k: _number(row.place, row.value_key if k == "value" else k, values[k], typed, ",") for k in _NUMBER_KEYS
        }
        quarter = int(values["quarter"]) if values["quarter"] is not None else row.quarter
        narrative = {k: _text(values[k]) for k in _TEXT_KEYS}
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
            )
        )
    filled = {
        (r.place.row, key)
        for r in edited.rows
        for key in (r.value_key, "numerator", "denominator")
        if _cell(r, key) is not None
    }
    retyped = {(p.row, _problem_key(p)) for p in typed}
    for problem in data.problems:
        key = _problem_key(problem)
        corrected = key in _VALUE_KEYS and (problem.row, key) in filled
        if not corrected and (problem.row, key) not in retyped:
            edited.problems.append(problem)
    edited.problems += typed
    return edited


def _cell(row: DataRow, key: str) -> float | None:
    return row.value if key == row.value_key or key == "value" or key.startswith("r") else getattr(row, key)


_VALUE_KEYS = {"value", "numerator", "denominator", "r1", "r2", "r3", "r4"}


def _problem_key(problem: Problem) -> str | None:
    """Which value a reading problem is about (by its column's label), if any."""
    if not problem.column:
        return None
    label = problem.column.split(" (", 1)[-1].rstrip(")")
    for key, spec_label in LABEL.items():
        if spec_label == label:
            return key
    return None


# --- checking ----------------------------------------------------------------------------------

_PLAN_SQL = """
SELECT i.id, i.code, i.name, i.measure_unit, i.polarity, i.aggregation, u.code AS unit_code, t.year,
       max(t.value) FILTER (WHERE t.kind = 'pk') AS pk,
       max(t.value) FILTER (WHERE t.kind = 'ra' AND t.quarter = 1) AS ra1,
       max(t.value) FILTER (WHERE t.kind = 'ra' AND t.quarter = 2) AS ra2,
       max(t.value) FILTER (WHERE t.kind = 'ra' AND t.quarter = 3) AS ra3,
       max(t.value) FILTER (WHERE t.kind = 'ra' AND t.quarter = 4) AS ra4
FROM indicator_in_year i JOIN target t ON t.indicator_id = i.id AND t.year = i.year
LEFT JOIN unit u ON u.id = i.unit_id
WHERE $all_years OR t.year IN (SELECT unnest($years::INTEGER[]))
GROUP BY ALL
HAVING count(*) FILTER (WHERE t.kind = 'pk') > 0
"""


@dataclass
class _Plan:
    """What checking needs of the plan, loaded once per batch, as dictionaries for fast lookups."""

    by_code: dict[tuple[str, int], dict]  # (CODE, year) → indicator
    by_id: dict[tuple[int, int], dict]  # (id, year) → indicator
    names: dict[int, dict[str, list[dict]]]  # year → normalised name → indicators
    units: dict[str, str]  # normalised code or name → code
    aliases: dict[tuple[str, str], int]  # (unit code, normalised name) → indicator id
    programmes: dict[str, str] = field(default_factory=dict)  # normalised name → code
    # (indicator, year, quarter) → stored value, of the quarters a file touches (read by check_data)
    current: dict[tuple[int, int, int], float | None] = field(default_factory=dict)
    # (indicator, year, quarter) → the latest stored figure of an earlier quarter, this year or
    # last: (value, year, quarter)
    previous: dict[tuple[int, int, int], tuple[float, int, int]] = field(default_factory=dict)


def load_plan(store: Store, years: set[int] | None = None) -> _Plan:
    """The plan of ``years`` (all years when None), ready for matching a file's rows."""
    by_code, by_id, names = {}, {}, defaultdict(lambda: defaultdict(list))
    wanted = sorted(y for y in years or () if y is not None)
    columns = (
        "id",
        "code",
        "name",
        "measure_unit",
        "polarity",
        "aggregation",
        "unit_code",
        "year",
        "pk",
        "ra1",
        "ra2",
        "ra3",
        "ra4",
    )
    normalised: dict[int, str] = {}
    for values in store.rows(_PLAN_SQL, {"all_years": years is None, "years": wanted}):
        record = dict(zip(columns, values, strict=True))
        # what the checks ask of every row, worked out once per indicator
        record["quarter_targets"] = (record["ra1"], record["ra2"], record["ra3"], record["ra4"])
        record["aggregation_mode"] = Aggregation(record["aggregation"])
        record["polarity_kind"] = Polarity(record["polarity"])
        record["percent"] = record["measure_unit"].strip() == "%"
        by_code[record["code"].upper(), record["year"]] = record
        by_id[record["id"], record["year"]] = record
        if record["id"] not in normalised:
            normalised[record["id"]] = normalise_label(record["name"])
        names[record["year"]][normalised[record["id"]]].append(record)
    units = {}
    for code, name in store.rows("SELECT code, name FROM unit"):
        units[normalise_label(code)] = code
        units.setdefault(normalise_label(name), code)
    aliases = {
        (code, name): indicator
        for code, name, indicator in store.rows(
            "SELECT u.code, a.source_name, a.indicator_id FROM indicator_alias a JOIN unit u ON u.id = a.unit_id"
        )
    }
    programmes = {normalise_label(name): code for code, name in store.rows("SELECT code, name FROM programme")}
    return _Plan(by_code, by_id, names, units, aliases, programmes)


@collector_paused
def check_data(store: Store, data: DataFile, plan: _Plan | None = None, threshold: float = 90.0) -> DataFile:
    """Match every row to the plan and add the problems found; returns ``data``."""
    plan = plan or load_plan(store, {r.year for r in data.rows})
    resolved = [row for row in data.rows if _resolve(row, plan, data.problems)]
    plan.current, plan.previous = _current_of(store, resolved)
    seen: dict[tuple[int, int, int], int] = {}
    for row in resolved:
        key = (row.indicator_id, row.year, row.quarter)
        if key in seen:
            data.problems.append(
                row.place.problem(
                    "name",
                    row.name or row.code,
                    f"Baris ganda: indikator dan triwulan yang sama sudah ada di baris {seen[key]}",
                )
            )
            continue
        seen[key] = row.place.row
        link = row.text.get("evidence_url")
        if link and not is_web_link(link):
            data.problems.append(
                row.place.problem(
                    "evidence_url", link, "Bukti dukung harus berupa tautan yang diawali http:// atau https://"
                )
            )
        _check_values(row, plan, data.problems, threshold if data.narrative else None)
    for line in data.budget:
        _resolve_budget(line, plan, data.problems)
    return data


def _resolve_budget(line: BudgetLine, plan: _Plan, problems: list[Problem]) -> None:
    line.programme_code = plan.programmes.get(normalise_label(line.programme))
    line.unit_code = plan.units.get(normalise_label(line.unit or ""))
    if line.programme_code is None:
        problems.append(
            line.place.problem(
                "value",
                line.spending,
                f'Program "{line.programme}" tidak ada dalam rencana; realisasi anggarannya dilewati',
                "warning",
            )
        )
    elif line.unit_code is None:
        problems.append(
            line.place.problem("value", line.spending, "Unit pengirim tidak dikenal: pilih unit saat mengunggah")
        )


_PREVIOUS = """
WITH k AS (SELECT DISTINCT indicator_id, year, quarter, year * 10 + quarter AS period FROM _file_keys),
c AS (
    SELECT indicator_id, year * 10 + quarter AS period, value FROM realization_current
    WHERE value IS NOT NULL AND indicator_id IN (SELECT indicator_id FROM k) AND year >= (SELECT min(year) - 1 FROM k)
)
SELECT k.indicator_id, k.year, k.quarter, c.value, c.period
FROM k ASOF JOIN c ON k.indicator_id = c.indicator_id AND k.period > c.period
WHERE c.period >= (k.year - 1) * 10
"""


def _current_of(store: Store, rows: list[DataRow]):
    """The stored figures of the indicator-quarters a file touches (for the falling-SUM warning),
    and each one's latest earlier figure, this year or last (for the plausibility checks)."""
    if not rows:
        return {}, {}
    keys = pd.DataFrame(
        {
            "indicator_id": [r.indicator_id for r in rows],
            "year": [r.year for r in rows],
            "quarter": [r.quarter for r in rows],
        }
    )
    cursor = store.cursor()
    cursor.register("_file_keys", keys)
    try:
        found = cursor.execute(
            "SELECT c.indicator_id, c.year, c.quarter, c.value FROM realization_current c "
            "JOIN (SELECT DISTINCT * FROM _file_keys) k USING (indicator_id, year, quarter)"
        ).fetchnumpy()
        earlier = cursor.execute(_PREVIOUS).fetchnumpy()
    finally:
        cursor.unregister("_file_keys")
    current = dict(zip(_keys_of(found), found["value"].tolist(), strict=True))
    periods = earlier["period"].tolist()
    previous = dict(
        zip(
            _keys_of(earlier),
            ((v, p // 10, p % 10) for v, p in zip(earlier["value"].tolist(), periods, strict=True)),
            strict=True,
        )
    )
    return current, previous


def _keys_of(columns) -> zip:
    return zip(columns["indicator_id"].tolist(), columns["year"].tolist(), columns["quarter"].tolist(), strict=True)


def _resolve(row: DataRow, plan: _Plan, problems: list[Problem]) -> bool:
    if row.year is None:
        problems.append(
            row.place.problem(
                None, None, "Tahun tidak diketahui: pilih tahun saat mengunggah, atau tulis 'TAHUN 2026' pada judul"
            )
        )
        return False
    if row.quarter is None:
        problems.append(
            row.place.problem(
                None,
                None,
                "Triwulan tidak diketahui: pilih triwulan saat mengunggah, atau tulis 'TRIWULAN II' pada judul",
            )
        )
        return False
    if row.unit is not None:
        row.unit_code = plan.units.get(normalise_label(row.unit))
        if row.unit_code is None:
            problems.append(row.place.problem("unit", row.unit, "Unit tidak dikenal"))
            return False
    indicator = _match_indicator(row, plan, problems)
    if indicator is None:
        return False
    owner = indicator["unit_code"]
    if owner and not can(current(), Action.UPLOAD, owner):
        problems.append(
            row.place.problem(
                "code" if row.code else "name",
                row.code or row.name,
                f"Indikator {indicator['code']} adalah tanggung jawab unit {owner}; akun ini tidak berwenang mengirim datanya",
            )
        )
        return False
    row.indicator_id = int(indicator["id"])
    row.unit_code = row.unit_code or owner
    if row.unit_code is None:
        problems.append(
            row.place.problem(
                "name", row.name, "Indikator ini belum punya unit penanggung jawab; pilih unit saat mengunggah"
            )
        )
        return False
    return True


def _match_indicator(row: DataRow, plan: _Plan, problems: list[Problem]) -> dict | None:
    """By code; else by a name this unit's uploads were mapped to; else by exact name (the unit's own
    indicator first); else by a close name, as a warning to confirm."""
    year_names = plan.names.get(row.year)
    if not year_names:
        problems.append(row.place.problem(None, row.year, f"Tidak ada rencana kinerja untuk tahun {row.year}"))
        return None
    if row.code:
        found = plan.by_code.get((row.code.upper(), row.year))
        if found is not None:
            return found
        if not row.name:
            problems.append(
                row.place.problem("code", row.code, f"Kode indikator tidak ada dalam rencana tahun {row.year}")
            )
            return None
    wanted = normalise_label(row.name)
    alias = plan.aliases.get((row.unit_code or "", wanted))
    if alias is None and row.unit_code is None:
        anywhere = {i for (_, name), i in plan.aliases.items() if name == wanted}
        alias = anywhere.pop() if len(anywhere) == 1 else None
    if alias is not None and (alias, row.year) in plan.by_id:
        return plan.by_id[alias, row.year]
    exact = year_names.get(wanted, [])
    own = [r for r in exact if r["unit_code"] == row.unit_code]
    if len(own or exact) == 1:
        return (own or exact)[0]
    if exact:
        problems.append(
            row.place.problem("name", row.name, "Nama indikator dipakai lebih dari satu indikator; tulis kodenya")
        )
        return None
    close = difflib.get_close_matches(wanted, list(year_names), n=1, cutoff=NAME_MATCH_CUTOFF)
    if close and len(year_names[close[0]]) == 1:
        match = year_names[close[0]][0]
        similarity = difflib.SequenceMatcher(None, wanted, close[0]).ratio()
        problems.append(
            row.place.problem(
                "name",
                row.name,
                f'Dicocokkan dengan {match["code"]} "{match["name"]}" (kemiripan {similarity:.0%}); pastikan benar',
                "warning",
            )
        )
        return match
    problems.append(row.place.problem("name", row.name, f"Indikator tidak ditemukan dalam rencana tahun {row.year}"))
    return None


def is_web_link(text: object) -> bool:
    """An evidence link people can open: http(s) only, never ``javascript:`` or a local file."""
    return isinstance(text, str) and re.match(r"(?i)https?://[^\s<>\"']+$", text.strip()) is not None


ABSURD = 1e15  # beyond any count or rupiah figure a regional office reports
ABSURD_PERCENT = 1000.0


def _check_values(row: DataRow, plan: _Plan, problems: list[Problem], threshold: float | None) -> None:
    indicator = plan.by_id[row.indicator_id, row.year]
    aggregation = indicator["aggregation_mode"]
    key = row.value_key
    if aggregation is Aggregation.RATIO:
        _check_ratio(row, problems)
    elif row.value is None and (row.numerator is not None or row.denominator is not None):
        problems.append(row.place.problem(key, None, "Isi realisasi; pembilang/penyebut hanya untuk indikator rasio"))
    previous = plan.previous.get((row.indicator_id, row.year, row.quarter))
    quarter_target = _quarter_target(indicator, row.quarter)
    if row.ambiguous and aggregation is not Aggregation.RATIO:
        _decide_separator(row, (quarter_target, indicator["pk"], previous[0] if previous else None), problems)
    value = stored_value(row)
    if value is None:
        return
    if abs(value) >= ABSURD or (indicator["percent"] and abs(value) > ABSURD_PERCENT):
        unit = "persentase" if indicator["percent"] else "angka realisasi"
        problems.append(
            row.place.problem(
                key, value, f"Nilai tidak masuk akal sebagai {unit}; periksa pemisah desimal dan satuannya"
            )
        )
        return
    if value < 0:
        problems.append(row.place.problem(key, value, "Nilai negatif; pastikan benar", "warning"))
    if indicator["percent"] and 0 < value <= 1 and (quarter_target or 0) > 1:
        problems.append(
            row.place.problem(
                key,
                value,
                f"Tampaknya persentase ditulis sebagai pecahan ({message_number(value)} untuk {message_number(value * 100)}%)",
                "warning",
            )
        )
    _check_far_from(row, value, (quarter_target, indicator["pk"]), previous, aggregation, problems)
    stored = plan.current.get((row.indicator_id, row.year, row.quarter))
    if aggregation is Aggregation.SUM and stored is not None and value < stored:
        problems.append(
            row.place.problem(
                key, value, f"Nilai kumulatif turun dari unggahan sebelumnya ({message_number(stored)})", "warning"
            )
        )
    if threshold is not None:
        _check_obstacle_note(row, indicator, value, quarter_target, problems, threshold)


FAR_FROM_PREVIOUS = 10.0  # × or ÷ the latest earlier figure of a level (not a SUM's quarterly increment)
PLAUSIBLE = 10.0  # a reading within this factor of a target or an earlier figure is plausible


def _check_far_from(row: DataRow, value: float, targets, previous, aggregation: Aggregation, problems) -> None:
    """A figure far above the quarter's target, or (with no quarterly target) the year's, or far
    from the latest earlier figure of a level: a unit or separator slip to confirm."""
    quarter_target, annual_target = targets
    target, which = (quarter_target, "triwulan") if quarter_target else (annual_target, "tahunan")
    if target and target > 0 and value > FAR_ABOVE_TARGET * target:
        problems.append(
            row.place.problem(
                row.value_key,
                value,
                f"Jauh di atas target {which} ({message_number(target)}); pastikan satuan dan pemisah desimalnya benar",
                "warning",
            )
        )
        return
    if previous is None or aggregation is Aggregation.SUM or not previous[0] or not value:
        return
    earlier, year, quarter = previous
    if not 1 / FAR_FROM_PREVIOUS <= value / earlier <= FAR_FROM_PREVIOUS:
        problems.append(
            row.place.problem(
                row.value_key,
                value,
                f"Jauh berbeda dari angka {period_name(year, quarter)} ({message_number(earlier)}); "
                "pastikan satuan dan pemisah desimalnya benar",
                "warning",
            )
        )


def _decide_separator(row: DataRow, references, problems: list[Problem]) -> None:
    """A value such as '11.713' whose column did not show its decimal mark: the reading near the
    targets and the latest earlier figure is taken, and the uploader is told; where neither or both
    are near, the Indonesian reading stays and the uploader is asked to check."""
    text, read, other = row.ambiguous  # type: ignore[misc]
    known = [abs(r) for r in references if r]

    def plausible(value: float) -> bool:
        return any(r / PLAUSIBLE <= abs(value) <= r * PLAUSIBLE for r in known)

    if known and plausible(read) and not plausible(other):
        return
    shown = f"'{text}' dapat berarti {message_number(read, 6)} atau {message_number(other, 6)}"
    if known and plausible(other) and not plausible(read):
        row.value = other
        message = (
            f"{shown}; dibaca {message_number(other, 6)} karena dekat dengan target/angka sebelumnya "
            f"({message_number(known[0])}). Pastikan; bila bukan, perbaiki di tabel"
        )
    else:
        message = f"{shown}; dibaca {message_number(read, 6)}. Pastikan, atau tulis tanpa pemisah ribuan"
    problems.append(row.place.problem(row.value_key, text, message, "warning"))


def _check_ratio(row: DataRow, problems: list[Problem]) -> None:
    if row.numerator is None or row.denominator is None:
        problems.append(
            row.place.problem(
                "denominator" if row.numerator is not None else "numerator",
                None,
                "Indikator rasio: isi pembilang dan penyebut",
            )
        )
    elif row.denominator == 0:
        problems.append(row.place.problem("denominator", 0, "Penyebut tidak boleh nol"))
    elif row.numerator > row.denominator:
        problems.append(row.place.problem("numerator", row.numerator, "Pembilang lebih besar dari penyebut", "warning"))


def _quarter_target(indicator: dict, quarter: int) -> float | None:
    return indicator["quarter_targets"][quarter - 1]


def _check_obstacle_note(row, indicator, value, quarter_target, problems, threshold) -> None:
    """Below the threshold, the unit should say what held it back."""
    if row.text.get("obstacles") or not quarter_target:
        return
    polarity = indicator["polarity_kind"]
    if polarity is Polarity.POSITIVE:
        quarter_achievement = value / quarter_target * 100
    elif polarity is Polarity.NEGATIVE:
        quarter_achievement = (2 * quarter_target - value) / quarter_target * 100
    else:
        return
    if quarter_achievement < threshold:
        problems.append(
            row.place.problem(
                "obstacles",
                None,
                f"Capaian triwulan ini sekitar {plain_number(round(quarter_achievement, 1))}% (di bawah {plain_number(threshold)}%): isi faktor penghambat",
                "warning",
            )
        )


# --- saving ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedVersion:
    unit_code: str
    year: int
    quarter: int
    version: int
    rows: int
    changed: int  # values that differ from the previous version


@collector_paused
def save_data(
    store: Store, data: DataFile, *, confirm_warnings: bool = False, created_by: str | None = None
) -> list[SavedVersion]:
    """Store one checked file as new versions of each unit's quarter it holds, with the original
    file; all or nothing. Refused (InputRejected) with errors, or with warnings not confirmed."""
    if data.errors or (data.warnings and not confirm_warnings):
        raise InputRejected(data.problems if data.errors else [_unconfirmed(p) for p in data.warnings])
    if not data.rows and not data.budget:
        raise InputRejected([Problem("Tidak ada angka untuk disimpan", data.file_name)])
    groups: dict[tuple[str, int, int], list[DataRow]] = defaultdict(list)
    for row in data.rows:
        groups[row.unit_code, row.year, row.quarter].append(row)
    spending: dict[tuple[str, int, int], list[BudgetRow]] = defaultdict(list)
    for line in data.budget:
        if line.programme_code is not None:
            spending[line.unit_code, line.year, line.quarter].append(
                BudgetRow(line.programme_code, None, line.spending)
            )
    drafts = [
        SubmissionDraft(
            unit,
            year,
            quarter,
            [_figure(r) for r in groups.get((unit, year, quarter), [])],
            spending.get((unit, year, quarter), []),
        )
        for unit, year, quarter in sorted(groups.keys() | spending.keys())
    ]
    actor = current()
    periods = [(d.unit_code, d.year, d.quarter) for d in drafts]
    with store.write() as w:
        rules = _check_may_change(w, data.file_name, periods, {r.indicator_id for r in data.rows})
        before = _current_values(w, data.rows)
        _keep_file(w, data)
        stored = add_submissions(
            w,
            drafts,
            source="template" if data.template else "spreadsheet",
            created_by=created_by or (actor.name if actor else None),
            file_name=data.file_name,
            file_sha256=data.sha256,
        )
        codes = dict(w.cursor.execute("SELECT id, code FROM indicator").fetchall())
        entries = []
        for v in stored:
            rows = groups.get((v.unit_code, v.year, v.quarter), [])
            earlier = {codes[r.indicator_id]: before.get((r.indicator_id, r.year, r.quarter)) for r in rows}
            entries.append(
                (
                    "data.unggah",
                    f"{v.unit_code} {period_name(v.year, v.quarter)}",
                    {"versi": v.version - 1 or None, "nilai": {k: x for k, x in earlier.items() if x is not None}},
                    {
                        "versi": v.version,
                        "berkas": data.file_name,
                        "nilai": {codes[r.indicator_id]: stored_value(r) for r in rows},
                    },
                )
            )
        w.audit_many(entries)
        review.record_drafts(w, periods, rules.states)
    return [
        SavedVersion(
            v.unit_code,
            v.year,
            v.quarter,
            v.version,
            v.rows,
            _changed(groups.get((v.unit_code, v.year, v.quarter), []), before),
        )
        for v in stored
    ]


def _check_may_change(
    w: Writer, file_name: str, periods: list[tuple[str, int, int]], indicator_ids: set[int]
) -> review.PeriodRules:
    """Refuse the whole file if the current actor may not change any unit's quarter in it: not its
    unit, nor the unit responsible for each indicator in it; a locked or closed period; or data
    already submitted or verified. Read inside the upload's own transaction, so nothing can change
    in between; returns the rules it read."""
    actor = current()
    rules = review.PeriodRules.load(w, {year for _, year, _ in periods})
    today = dt.date.today()
    problems = []
    who = f"Akun {actor.name}" if actor else "Pengguna yang belum masuk"
    marks = ", ".join("?" * len(indicator_ids)) or "NULL"
    for code, owner in w.cursor.execute(
        f"SELECT DISTINCT i.code, u.code FROM indicator_in_year i JOIN unit u ON u.id = i.unit_id "
        f"WHERE i.id IN ({marks}) AND i.year IN (SELECT unnest(?)) ORDER BY 1",
        [*sorted(indicator_ids), sorted({year for _, year, _ in periods})],
    ).fetchall():
        if not can(actor, Action.UPLOAD, owner):
            problems.append(Problem(f"{who} tidak berwenang mengubah data indikator {code} (unit {owner}).", file_name))
    for unit, year, quarter in periods:
        if not can(actor, Action.UPLOAD, unit):
            problems.append(Problem(f"{who} tidak berwenang mengubah data unit {unit}.", file_name))
            continue
        refused = rules.refusal(actor, unit, year, quarter, today)
        if refused:
            problems.append(Problem(refused, file_name))
    if problems:
        raise InputRejected(problems)
    return rules


def _current_values(w: Writer, rows: list[DataRow]) -> dict[tuple[int, int, int], float | None]:
    keys = pd.DataFrame(
        {
            "indicator_id": [r.indicator_id for r in rows],
            "year": [r.year for r in rows],
            "quarter": [r.quarter for r in rows],
        }
    )
    w.cursor.register("_keys", keys)
    found = w.cursor.execute(
        "SELECT c.indicator_id, c.year, c.quarter, c.value FROM realization_current c "
        "JOIN _keys k USING (indicator_id, year, quarter)"
    ).fetchall()
    w.cursor.unregister("_keys")
    return {(i, y, q): v for i, y, q, v in found}


def _changed(rows: list[DataRow], before: dict[tuple[int, int, int], float | None]) -> int:
    return sum(
        1
        for r in rows
        if (r.indicator_id, r.year, r.quarter) in before
        and before[r.indicator_id, r.year, r.quarter] != stored_value(r)
    )


def _unconfirmed(problem: Problem) -> Problem:
    return Problem(
        f"{problem.message} (peringatan belum dikonfirmasi)",
        problem.file,
        problem.sheet,
        problem.row,
        problem.column,
        problem.value,
        "error",
    )


def _figure(row: DataRow) -> tuple:
    """The row as a stored realisation (see realization.FIGURE_FIELDS)."""
    text = row.text
    return (
        row.indicator_id,
        stored_value(row),
        row.numerator,
        row.denominator,
        text.get("drivers"),
        text.get("obstacles"),
        text.get("follow_up"),
        text.get("evidence_url"),
    )


def stored_value(row: DataRow) -> float | None:
    return quarter_value(row.value, row.numerator, row.denominator)


def _keep_file(w: Writer, data: DataFile) -> None:
    w.execute(
        "INSERT INTO stored_file (sha256, file_name, size, content) SELECT ?, ?, ?, ? "
        "WHERE NOT EXISTS (SELECT 1 FROM stored_file WHERE sha256 = ?)",
        [data.sha256, data.file_name, len(data.content), data.content, data.sha256],
    )


def import_files(
    store: Store,
    files: list[tuple[str, bytes]],
    given: Period = Period(),
    *,
    confirm_warnings: bool = False,
    dry_run: bool = False,
    created_by: str | None = None,
    threshold: float = 90.0,
    mappings: dict[str, str] | None = None,
) -> list[tuple[DataFile, list[SavedVersion] | None]]:
    """Read, check and (unless ``dry_run``) save each file on its own: one refused file does not
    stop the others. Returns each file with its saved versions, or None where nothing was saved."""
    results = []
    for name, content in files:
        data = check_data(store, read_data_file(content, name, given, mappings), threshold=threshold)
        saved = None
        if not dry_run and not data.errors and (confirm_warnings or not data.warnings):
            saved = save_data(store, data, confirm_warnings=confirm_warnings, created_by=created_by)
        results.append((data, saved))
    return results
