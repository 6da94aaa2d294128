"""Reading a unit's file into located rows: a Kinerja template, a unit's own spreadsheet (the table
found wherever it sits, long or wide, numbers read by their column's decimal mark), or the
Permendagri 86 form; every row accounted for."""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
import re

from kinerja.collection.datafile import (
    BUDGET_COLUMNS,
    BUDGET_LABEL,
    DATA_COLUMNS,
    LABEL,
    MONTH_FIGURE_KEYS,
    MONTH_OF_KEY,
    MONTH_TARGET_KEYS,
    SPENDING_KEYS,
    TEMPLATE_SHEET,
    TEXT_KEYS,
    BudgetLine,
    DataFile,
    DataRow,
    MonthFigure,
    Period,
    SkippedRow,
    collector_paused,
    month_key,
)
from kinerja.domain.numbers import (
    Convention,
    column_convention,
    decimal_mark,
    fits_convention,
    fmt_number,
    is_not_reported,
    message_number,
    parse_number,
    readings,
)
from kinerja.domain.period import quarter_in_label, quarter_months, roman
from kinerja.domain.problems import Problem, reader_failed
from kinerja.domain.vocabulary import normalise_label
from kinerja.workbook.cells import (
    RowPlace,
    hidden_row_problem,
    hidden_sheet_problem,
    layout_problems,
    parse_cell,
    text_value,
)
from kinerja.workbook.headings import columns_read, specs_with, without_ignored
from kinerja.workbook.renja_form import (
    EMPTY_FORM,
    consistency_problems,
    indicator_names,
    read_renja_form,
    tree_rows,
    unit_of,
)
from kinerja.workbook.screening import CellError, upload_name
from kinerja.workbook.spreadsheet import (
    HEADER_SCAN_ROWS,
    ColumnSpec,
    Sheet,
    SpreadsheetError,
    Table,
    column_letter,
    find_tables,
    header_labels,
    read_sheets,
    visible,
)

_log = logging.getLogger(__name__)
_YEAR = re.compile(r"\btahun\s*(20\d\d)\b", re.IGNORECASE)
_QUARTER_TITLE = re.compile(r"\b(?:triwulan|tw)\s*(iv|iii|ii|i|[1-4])\b", re.IGNORECASE)


# --- reading -----------------------------------------------------------------------------------


def template_period(sheets: list[Sheet]) -> Period | None:
    """The unit, year and quarter a Kinerja template was made for, from its hidden sheet."""
    found = next((s for s in sheets if s.name == TEMPLATE_SHEET), None)
    if found is None:
        return None
    cells = {str(r[0]): r[1] for r in found.rows if len(r) > 1}
    try:
        return Period(int(cells["tahun"]), int(cells["triwulan"]), str(cells["unit"]))
    except (KeyError, ValueError):
        return None


@collector_paused
def read_data_file(
    content: bytes,
    file_name: str,
    given: Period = Period(),
    mappings: dict[str, str] | None = None,
    sheets: list[Sheet] | None = None,
) -> DataFile:
    """Rows of quarterly data from one file; problems are collected, never raised. ``mappings``
    (column label → key) are the headers a user has mapped by hand before; ``sheets``, the file's
    sheets already read (``read_sheets``), so it is not opened again."""
    name = upload_name(file_name)
    try:
        return _read(DataFile(name, content), given, mappings, sheets)
    except Exception:  # a reader's own fault: the file is refused whole, the cause kept in the server's log
        _log.exception("membaca berkas data %s", name)
        return DataFile(name, content, problems=[reader_failed(name)])


def _read(data: DataFile, given: Period, mappings: dict[str, str] | None, sheets: list[Sheet] | None) -> DataFile:
    name, content = data.file_name, data.content
    try:
        sheets = read_sheets(content, name) if sheets is None else sheets  # screened first: nothing is opened before
    except SpreadsheetError as exc:
        data.problems.append(Problem(f"Berkas tidak dapat dibaca: {exc}", name))
        return data
    data.template = template_period(sheets) if name.lower().endswith((".xlsx", ".xlsm")) else None
    specs = _specs_with(mappings or {})
    for sheet in sheets:
        if sheet.hidden and (_data_tables(sheet, specs) or budget_tables(sheet) or read_renja_form(sheet) is not None):
            data.problems.append(hidden_sheet_problem(name, sheet))
    sheets = visible(sheets)
    period = _period_of(data.template, given, sheets, data)
    forms = [form for form in map(read_renja_form, sheets) if form is not None]
    for form in forms:
        _read_form(data, form, period)
    form_sheets = {form.sheet.name for form in forms}
    tables = [table for sheet in sheets if sheet.name not in form_sheets for table in _data_tables(sheet, specs)]
    spending = [table for sheet in sheets if sheet.name not in form_sheets for table in budget_tables(sheet)]
    tables, spending = _apart(tables, spending), _apart(spending, tables)
    for table in tables:
        _read_table(data, table, period)
    for table in spending:
        _read_budget_table(data, table, period)
    data.columns = [column for table in tables for column in columns_read(table, LABEL, mappings or {})]
    empty_forms = [form for form in forms if not form.rows]
    if empty_forms and not data.rows and not data.budget and not data.errors:
        data.problems.append(Problem(EMPTY_FORM, name, empty_forms[0].sheet.name))
    elif (tables or forms or spending) and not data.rows and not data.budget and not data.errors:
        first = (tables or spending)[0].sheet.name if tables or spending else forms[0].sheet.name
        data.problems.append(Problem("Belum ada angka realisasi yang diisi", name, first))
    elif not data.rows and not data.budget and not data.errors:
        data.problems.append(
            Problem(
                "Tabel data tidak ditemukan: perlu kolom Kode atau Indikator Kinerja dan kolom Realisasi "
                "(atau Realisasi TW I … TW IV, atau Pembilang dan Penyebut). Bila judulnya lain, tentukan kolomnya "
                "(halaman Unggah Data: 'Tentukan kolom', atau import --map 'JUDUL=Realisasi')",
                name,
            )
        )
    return data


def _period_of(template: Period | None, given: Period, sheets: list[Sheet], data: DataFile) -> Period:
    """The template's period first, then what the file's titles say ("TRIWULAN III TAHUN 2026"),
    then what the user chose on the page or the command line; a choice the titles contradict is a
    warning naming both (a TW III sheet is never checked as the TW II the page had open)."""
    titled = _titled_period(sheets)
    first = template or titled
    for word, said, chosen in (("tahun", first.year, given.year), ("triwulan", first.quarter, given.quarter)):
        if said and chosen and said != chosen:
            shown = (lambda q: f"TW {roman(q)}") if word == "triwulan" else str
            source = "templat" if template else "judul berkas"
            data.problems.append(
                Problem(
                    f"{source.capitalize()} menyebut {word} {shown(said)}: dibaca sebagai {shown(said)}, bukan "
                    f"{shown(chosen)} yang dipilih saat mengunggah. Bila salah, perbaiki {source}nya",
                    data.file_name,
                    severity="warning",
                )
            )
    return Period(first.year or given.year, first.quarter or given.quarter, first.unit or given.unit)


def _titled_period(sheets: list[Sheet]) -> Period:
    """The year and quarter a file's title rows name: rows above a table holding one text cell
    ("LAPORAN KINERJA TRIWULAN III TAHUN 2026"), not a header's "TW I | TW II" cells."""
    titles = []
    for sheet in sheets:
        for row in sheet.rows[:HEADER_SCAN_ROWS]:
            cells = [v for v in row if v not in (None, "") and str(v).strip()]
            if len(cells) == 1 and isinstance(cells[0], str):
                titles.append(cells[0])
    title = " ".join(titles)
    year, quarter = _YEAR.search(title), _QUARTER_TITLE.search(title)
    return Period(
        int(year.group(1)) if year else None,
        quarter_in_label(f"tw {quarter.group(1).lower()}") if quarter else None,
    )


def _read_form(data: DataFile, form, period: Period) -> None:
    """The Permendagri 86 form's quarters: each indicator's K as that quarter's figure, and each
    programme's Rp as its spending."""
    data.narrative = False
    data.problems += consistency_problems(form, data.file_name)
    unit = period.unit or (unit_of(form) or (None,))[0]
    year = period.year or form.year
    names = indicator_names(form)
    tree = tree_rows(form)
    k_marks, rp_marks = _form_marks(form)
    for row in form.rows:
        for quarter in (1, 2, 3, 4):
            columns = {"value": form.cell_name("quarter", quarter), "name": form.cell_name("indicator")}
            place = RowPlace(data.file_name, form.sheet.name, row.row, columns)
            if row.indicator:
                k = row.quarter_k.get(quarter)
                value = number_value(place, "value", k, data.problems, k_marks.get(quarter))
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
                            dict.fromkeys(TEXT_KEYS),
                        )
                    )
                    data.rows[-1].ambiguous = _ambiguity(k, k_marks.get(quarter))  # decided against the target
            if row.is_programme or (row.indicator and row.row not in tree):
                # a programme's spending; a kegiatan's or sub-kegiatan's kept with the indicator its row carries
                place = RowPlace(data.file_name, form.sheet.name, row.row, {"value": form.cell_name("budget", quarter)})
                spending = _count(place, "value", row.quarter_rp.get(quarter), data.problems, rp_marks.get(quarter))
                if spending is not None:
                    data.budget.append(BudgetLine(place, row.name, unit, year, quarter, spending))
                    data.budget[-1].indicator = None if row.is_programme else names[row.row]
        _account_form_row(data, form, row)


def _form_marks(form) -> tuple[dict[int, Convention | None], dict[int, Convention | None]]:
    """Each quarter's K and Rp column's decimal mark, as its own figures written as text show it; an
    Rp column that shows none takes the one the form's figures show (money has no target to decide
    '400,000' by)."""
    cells = {
        (kind, quarter): [form.sheet.cell(row.row - 1, col) for row in form.rows]
        for kind, columns in (("k", form.columns.quarter_k), ("rp", form.columns.quarter_rp))
        for quarter, col in columns.items()
    }
    shown = column_convention(v for values in cells.values() for v in values)
    marks = {key: column_convention(values) for key, values in cells.items()}
    return (
        {q: mark for (kind, q), mark in marks.items() if kind == "k"},
        {q: mark or shown for (kind, q), mark in marks.items() if kind == "rp"},
    )


def _account_form_row(data: DataFile, form, row) -> None:
    """A row of the form that gave no figure: an indicator not reported, or a heading (an urusan,
    a programme or kegiatan without an indicator or money), so every row is accounted for."""
    if any((r.place.sheet, r.place.row) == (form.sheet.name, row.row) for r in data.rows[-4:]):
        return
    if any((b.place.sheet, b.place.row) == (form.sheet.name, row.row) for b in data.budget[-4:]):
        return
    place = RowPlace(data.file_name, form.sheet.name, row.row, {})
    reason = SKIP_EMPTY if row.indicator else SKIP_HEADING
    data.skipped.append(SkippedRow(place, reason, row.indicator or row.name))


def _specs_with(mappings: dict[str, str]) -> tuple[ColumnSpec, ...]:
    """The reader's columns, with the labels users mapped by hand tried first (a label mapped to
    ``abaikan`` is read as nothing)."""
    return specs_with(mappings, DATA_COLUMNS)


def _data_tables(sheet: Sheet, specs: tuple[ColumnSpec, ...] = DATA_COLUMNS) -> list[Table]:
    values = {"value", "numerator", "r1", "r2", "r3", "r4", *MONTH_FIGURE_KEYS}
    return [
        without_ignored(t)
        for t in find_tables(sheet, specs, min_matches=2)
        if ({"code", "name"} & t.columns.keys()) and (values & t.columns.keys())
    ]


def budget_tables(sheet: Sheet) -> list[Table]:
    """The tables of programme spending in ``sheet``: a programme (its name, or a column headed
    "Kode Program") and a spending column. An indicator table's "Kode" beside a "Realisasi
    Keuangan" column is not one: its rows are indicators."""
    spending = set(SPENDING_KEYS)
    return [
        table
        for table in find_tables(sheet, BUDGET_COLUMNS, min_matches=2)
        if spending & table.columns.keys()
        and (
            "programme" in table.columns or table.labels.get(table.columns.get("programme_code", -1)) == "kode program"
        )
    ]


SKIP_HEADING = "baris judul (sasaran/program) tanpa angka"
# one word for a figure that is not there, whether the cell is blank, '-' or says 'Belum Rilis'
# (the row's "Isi" shows which): not reported, counted against completeness, never 0
SKIP_EMPTY = SKIP_NOT_REPORTED = "belum dilaporkan"
SKIP_NAMELESS = "berisi angka tanpa kode atau nama indikator"
SKIP_NOTE = "catatan, bukan indikator"
_NOTE = re.compile(r"(?i)^((catatan|keterangan|nb)\b|ket\.|n\.b\.|sumber( data)?\s*:|\*)")  # a note under the table


def _read_table(data: DataFile, table: Table, period: Period) -> None:
    columns = {key: f"{column_letter(col)} ({LABEL[key]})" for key, col in table.columns.items()}
    quarter_columns = [q for q in (1, 2, 3, 4) if f"r{q}" in table.columns]
    if data.template is not None:  # a template's earlier quarters are shown for reference only
        quarter_columns = [q for q in quarter_columns if q == period.quarter]
    data.problems += layout_problems(table, columns, data.file_name, FIGURE_KEYS)
    if _other_year(data, table, period):
        return
    marks = _decimal_marks(table)
    months = [] if quarter_columns or "value" in table.columns else _months_of(table)
    if months:
        marks = _monthly_marks(table, marks)
    blank_keys = _heading_blanks(quarter_columns, months)
    hidden = table.sheet.hidden_rows
    for index, raw in table.data_rows():
        place = RowPlace(data.file_name, table.sheet.name, index + 1, columns)
        code, name = text_value(raw.get("code")), text_value(raw.get("name"))
        if not code and not name:
            figures = _filled(raw)
            if any(not is_not_reported(f) and str(f).strip() not in ("-", "–") for f in figures):
                skipped = SkippedRow(place, SKIP_NAMELESS, figures[0])
                data.skipped.append(skipped)
                data.problems.append(place.problem(None, figures[0], f"Baris {SKIP_NAMELESS}: dilewati", "warning"))
            continue
        if _is_heading_row(raw, blank_keys):
            # a sasaran or programme line holds its name alone (and a number); an indicator row
            # whose figure is not filled in still has its satuan, target and the like
            filled = sum(1 for v in table.sheet.rows[index] if v not in (None, "") and str(v).strip())
            reason = SKIP_NOTE if _NOTE.match(name or "") else SKIP_HEADING if filled <= 2 else SKIP_EMPTY
            data.skipped.append(SkippedRow(place, reason, name or code))
            continue
        if data.template is not None:  # its own ratio formulas, not yet computed: the counts give the value
            raw = {k: None if isinstance(v, CellError) and v.unsaved_formula else v for k, v in raw.items()}
        common = _common(place, raw, period, data.problems)
        if common is None:
            continue
        unit, year, quarter, text = common
        read = len(data.rows)
        if months:
            data.rows += _monthly_rows(place, raw, months, (code, name, unit, year), period, text, data.problems, marks)
        elif quarter_columns and "value" not in table.columns:
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


def _apart(tables: list[Table], others: list[Table]) -> list[Table]:
    """Each table ended where a table of the other kind starts below it on the same sheet (a unit's
    sheet with its indicators, then its programmes' spending): its header is not read as data."""
    cut = []
    for table in tables:
        starts = [
            _header_start(other)
            for other in others
            if other.sheet is table.sheet and table.header_row < other.header_row < table.end_row
        ]
        cut.append(dataclasses.replace(table, end_row=min(starts)) if starts else table)
    return cut


def _header_start(table: Table) -> int:
    """The first row of ``table``'s header: the row above its last where the header is two rows deep."""
    one_row = header_labels(table.sheet, table.header_row, 1)
    return table.header_row - (one_row != table.labels)


SKIP_NO_PROGRAMME = "berisi angka anggaran tanpa kode atau nama program"
SKIP_UNREAD = "angka anggaran tidak terbaca (lihat masalahnya)"


def _read_budget_table(data: DataFile, table: Table, period: Period) -> None:
    """Each programme's spending in a budget table, one line per quarter column it fills: the
    quarter's column ("Realisasi Anggaran"), or one per quarter ("Realisasi Anggaran TW I … IV"; of
    a template's, only its own quarter: the earlier ones are shown for reference). Pagu and cash plan
    columns are read by the person, not stored."""
    columns = {key: f"{column_letter(col)} ({BUDGET_LABEL[key]})" for key, col in table.columns.items()}
    keys = _spending_keys(table, period, data.template is not None)
    data.problems += layout_problems(table, columns, data.file_name, set(SPENDING_KEYS))
    if not keys:
        data.problems.append(_no_quarter(data.file_name, table))
        return
    marks = _money_marks(table, [key for key, _ in keys])
    first, totals = len(data.budget), []
    for index, raw in table.data_rows():
        place = RowPlace(data.file_name, table.sheet.name, index + 1, columns)
        code, name = text_value(raw.get("programme_code")), text_value(raw.get("programme"))
        figures = [raw.get(key) for key, _ in keys if raw.get(key) not in (None, "")]
        if not code and not name:
            if any(not is_not_reported(f) and str(f).strip() not in ("-", "–") for f in figures):
                data.skipped.append(SkippedRow(place, SKIP_NO_PROGRAMME, figures[0]))
                data.problems.append(place.problem(None, figures[0], f"Baris {SKIP_NO_PROGRAMME}: dilewati", "warning"))
            continue
        if not code and _TOTAL.match(name):
            totals.append((place, raw))
            continue
        if _budget_row(data, place, raw, (code, name, period), keys, marks) and index in table.sheet.hidden_rows:
            data.problems.append(hidden_row_problem(place))
    for place, raw in totals:
        _reconcile_total(data, place, raw, keys, marks, lines=data.budget[first:])


def _budget_row(data: DataFile, place: RowPlace, raw, who, keys, marks) -> bool:
    """The row's spending, one line per quarter; False, with the row skipped and why, if none."""
    code, name, period = who
    read, unreadable = len(data.budget), False
    for key, quarter in keys:
        before = len(data.problems)
        spending = _count(place, key, raw.get(key), data.problems, marks.get(key))
        if spending is not None and spending < 0:
            message = "Realisasi anggaran tidak boleh negatif; tulis belanja triwulan itu dalam rupiah"
            data.problems.append(place.problem(key, raw.get(key), message))
            spending = None
        unreadable |= any(p.severity == "error" for p in data.problems[before:])
        if spending is not None:
            line = BudgetLine(place, name or code, period.unit, period.year, quarter, spending, code=code, table=True)
            data.budget.append(line)
    if len(data.budget) > read:
        return True
    figures = [raw.get(key) for key, _ in keys if raw.get(key) not in (None, "")]
    data.skipped.append(SkippedRow(place, SKIP_UNREAD if unreadable else SKIP_EMPTY, figures[0] if figures else name))
    return False


_TOTAL = re.compile(r"(?i)^\s*(jumlah|total|sub ?total)\b")
SKIP_TOTAL = "baris jumlah: dibandingkan dengan jumlah baris program, tidak disimpan"


def _reconcile_total(data: DataFile, place: RowPlace, raw, keys, marks, lines: list[BudgetLine]) -> None:
    """A table's own total row ("Jumlah"): not stored, but each quarter's total must be the sum of
    the programmes' spending read above it, or the person is told where they differ."""
    data.skipped.append(SkippedRow(place, SKIP_TOTAL, text_value(raw.get("programme"))))
    for key, quarter in keys:
        total = _count(place, key, raw.get(key), [], marks.get(key))
        added = sum(line.spending for line in lines if line.quarter == quarter)
        if total is not None and not math.isclose(total, added, rel_tol=0, abs_tol=0.5):
            message = (
                f"Jumlah di berkas Rp {message_number(total)} tidak sama dengan jumlah realisasi anggaran program "
                f"yang terbaca, Rp {message_number(added)}; periksa baris programnya"
            )
            data.problems.append(place.problem(key, raw.get(key), message, "warning"))


def _spending_keys(table: Table, period: Period, template: bool) -> list[tuple[str, int]]:
    """(column key, quarter) of each spending column read: "Realisasi Anggaran" is the upload's
    quarter; of a template's per-quarter columns, its own quarter only."""
    if "spending" in table.columns:
        return [("spending", period.quarter)] if period.quarter else []
    found = [(f"s{q}", q) for q in (1, 2, 3, 4) if f"s{q}" in table.columns]
    return [(key, q) for key, q in found if q == period.quarter] if template else found


def _no_quarter(file_name: str, table: Table) -> Problem:
    col = table.columns["spending"]
    return Problem(
        "Triwulan realisasi anggaran tidak diketahui: kolom ini tidak menyebut triwulannya dan berkas tidak "
        "menyebutnya di judul; pilih triwulan saat mengunggah atau beri judul kolom 'Realisasi Anggaran TW …'",
        file_name,
        table.sheet.name,
        table.header_row + 1,
        f"{column_letter(col)} ({BUDGET_LABEL['spending']})",
    )


def _money_marks(table: Table, keys: list[str]) -> dict[str, Convention | None]:
    """Each spending column's decimal mark, as its figures written as text show it; a column that
    shows none takes the mark the table's money columns show together (context columns included:
    a pagu '1.234.567,50' shows the mark of the spending beside it). Money has no target to decide
    '400,000' by: what none shows is read the Indonesian way and asked about (``_count``)."""
    money = [col for key, col in table.columns.items() if key in {*SPENDING_KEYS, "pagu", "cash_plan"}]
    shown = column_convention(cell for col in money for cell in _column_cells(table, col))
    return {key: column_convention(_column_cells(table, table.columns[key])) or shown for key in keys}


def _other_year(data: DataFile, table: Table, period: Period) -> bool:
    """A realisation column headed with another year than the upload's ("Realisasi 2024" beside
    "Target 2025" and "Realisasi 2025", as LKjIP tables compare): refused at its heading, not read."""
    col = table.columns.get("value")
    said = re.search(r"\b(20\d\d)$", table.labels.get(col, "")) if col is not None else None
    if said is None or period.year in (None, int(said.group(1))):
        return False
    message = (
        f"Tabel data tidak ditemukan untuk tahun {period.year}: kolom {column_letter(col)} berisi realisasi tahun "
        f"{said.group(1)}; bila realisasi {period.year} ada di kolom lain, tentukan kolomnya"
    )
    data.problems.append(Problem(message, data.file_name, table.sheet.name, table.header_row + 1, column_letter(col)))
    return True


def _filled(raw: dict[str, object]) -> list[object]:
    """The row's figure cells that hold something, in column order."""
    return [raw[k] for k in FIGURE_ORDER if raw.get(k) not in (None, "")]


def _decimal_marks(table: Table) -> dict[str, Convention | None]:
    """Each figure column's decimal mark, as its unambiguous numbers show it (see numbers.column_convention).
    A count column (pembilang, penyebut) that shows none takes the mark the table's figures show: a
    count has no target to decide '1,046' by."""
    cells = {key: list(_column_cells(table, col)) for key, col in table.columns.items() if key in MARKED_KEYS}
    marks = {key: column_convention(values) for key, values in cells.items()}
    if any(marks.get(key) is None for key in COUNT_KEYS & marks.keys()):
        shown = column_convention(v for values in cells.values() for v in values)
        marks |= {key: shown for key in COUNT_KEYS & marks.keys() if marks[key] is None}
    return marks


def _count(place: RowPlace, key: str, value: object, problems: list[Problem], mark: Convention | None) -> float | None:
    """A count (or a Renja form's Rp) read by its column's mark; one such as '1,046' whose mark
    nothing shows is read the Indonesian way and named at its cell, for the uploader to check."""
    number = number_value(place, key, value, problems, mark)
    both = _ambiguity(value, mark)
    if number is not None and both:
        text, read, other = both
        message = (
            f"'{text}' dapat berarti {message_number(read, 6)} atau {message_number(other, 6)}; tidak ada angka lain "
            f"yang menunjukkan tanda desimalnya, dibaca {message_number(read, 6)}. Pastikan, atau tulis tanpa pemisah ribuan"
        )
        problems.append(place.problem(key, value, message, "warning"))
    return number


def _column_cells(table: Table, col: int):
    rows = table.sheet.rows
    return (rows[i][col] for i in range(table.header_row + 1, table.end_row) if col < len(rows[i]))


def _monthly_marks(table: Table, marks: dict[str, Convention | None]) -> dict[str, Convention | None]:
    """A monthly sheet's columns are sparse (a month holds a few figures): a month's column that
    does not show its decimal mark takes the one all the months' columns show together."""
    month_columns = [col for key, col in table.columns.items() if key in MONTH_OF_KEY]
    shared = column_convention(cell for col in month_columns for cell in _column_cells(table, col))
    return {key: mark or shared if key in MONTH_OF_KEY else mark for key, mark in marks.items()}


def _ambiguity(raw_value: object, mark: Convention | None) -> tuple[str, float, float] | None:
    """(text, as read, the other reading) of a value its column does not decide."""
    if mark is not None or type(raw_value) is not str or not raw_value:  # a number cell is one number
        return None
    both = readings(raw_value)
    return (str(raw_value).strip(), *both) if both else None


FIGURE_ORDER = ("value", "r1", "r2", "r3", "r4", *MONTH_FIGURE_KEYS, "numerator", "denominator")
FIGURE_KEYS = set(FIGURE_ORDER)
MARKED_KEYS = FIGURE_KEYS | set(MONTH_TARGET_KEYS)  # read by their column's decimal mark
COUNT_KEYS = {"numerator", "denominator"}


def _long_row(data: DataFile, table: Table, place: RowPlace, raw, who, text, marks) -> None:
    """The row's one figure (with its counts), for a sheet with a realisation column."""
    code, name, unit, year, quarter = who
    before = len(data.problems)
    numerator = _count(place, "numerator", raw.get("numerator"), data.problems, marks.get("numerator"))
    denominator = _count(place, "denominator", raw.get("denominator"), data.problems, marks.get("denominator"))
    value_key = "value" if "value" in table.columns else f"r{quarter}" if quarter else "value"
    value = number_value(place, value_key, raw.get(value_key), data.problems, marks.get(value_key))
    unreadable = len(data.problems) > before  # kept, so the user can correct it on the page
    if value is None and numerator is None and denominator is None and not has_text(text) and not unreadable:
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
        values[q] = number_value(place, f"r{q}", raw.get(f"r{q}"), problems, marks.get(f"r{q}"))
        if len(problems) > before:
            unreadable.add(q)
    filled = [q for q, v in values.items() if v is not None or q in unreadable]
    narrative_quarter = period.quarter if period.quarter in quarter_columns else (filled[-1] if filled else None)
    rows = []
    for q in quarter_columns:
        counts = (None, None)
        if q == narrative_quarter:
            counts = (
                _count(place, "numerator", raw.get("numerator"), problems, marks.get("numerator")),
                _count(place, "denominator", raw.get("denominator"), problems, marks.get("denominator")),
            )
        narrated = q == narrative_quarter and has_text(text)
        if values[q] is None and counts == (None, None) and not narrated and q not in unreadable:
            continue
        narrative = text if q == narrative_quarter else dict.fromkeys(TEXT_KEYS)
        row = DataRow(place, code, name, unit, year, q, values[q], *counts, narrative, f"r{q}")
        row.ambiguous = _ambiguity(raw.get(f"r{q}"), marks.get(f"r{q}"))
        rows.append(row)
    return rows


def _months_of(table: Table) -> list[int]:
    """The months a table has a realisation (or count) column for: a monthly sheet's."""
    return sorted({MONTH_OF_KEY[key] for key in table.columns if key in MONTH_FIGURE_KEYS})


def _monthly_rows(place, raw, months, who, period: Period, text, problems, marks) -> list[DataRow]:
    """One row per quarter with a month's figure, carrying the quarter's months as read: checking
    folds them into the quarter's figure by the indicator's aggregation (monthly.fold_months),
    which the file does not say. The narrative belongs to the period's quarter, or else to the
    last quarter with a figure."""
    code, name, unit, year = who
    figures, unreadable = {}, set()
    for month in months:
        before = len(problems)
        value, numerator, denominator = (
            _month_number(place, month_key(month, kind), raw, problems, marks)
            for kind in ("value", "numerator", "denominator")
        )
        if len(problems) > before and any(p.severity == "error" for p in problems[before:]):
            unreadable.add(month)
        target = _month_target(place, month_key(month, "target"), raw, problems, marks)
        figures[month] = MonthFigure(month, value, target, numerator, denominator)
    read = {
        q: tuple(figures[m] for m in quarter_months(q) if m in figures)
        for q in (1, 2, 3, 4)
        if any(m in figures for m in quarter_months(q))
    }
    filled = [q for q, got in read.items() if any(f.filled or f.month in unreadable for f in got)]
    narrative_quarter = period.quarter if period.quarter in read else (filled[-1] if filled else None)
    rows = []
    for q, got in read.items():
        narrated = q == narrative_quarter and has_text(text)
        if q not in filled and not narrated:
            continue
        last = max((f.month for f in got if f.filled or f.month in unreadable), default=got[-1].month)
        narrative = text if q == narrative_quarter else dict.fromkeys(TEXT_KEYS)
        rows.append(DataRow(place, code, name, unit, year, q, None, None, None, narrative, month_key(last), months=got))
    return rows


def _month_number(place: RowPlace, key: str, raw, problems: list[Problem], marks) -> float | None:
    """A month's figure by its column's decimal mark; one its columns do not decide ('1.234') is read
    the Indonesian way, and the uploader is asked to check."""
    value = number_value(place, key, raw.get(key), problems, marks.get(key))
    both = _ambiguity(raw.get(key), marks.get(key)) if value is not None else None
    if both:
        shown, read, other = both
        problems.append(
            place.problem(
                key,
                shown,
                f"'{shown}' dapat berarti {message_number(read, 6)} atau {message_number(other, 6)}; dibaca "
                f"{message_number(read, 6)}. Pastikan, atau tulis tanpa pemisah ribuan",
                "warning",
            )
        )
    return value


def _month_target(place: RowPlace, key: str, raw, problems: list[Problem], marks) -> float | None:
    """A month's target: never stored (the plan holds the targets), only compared with the Rencana
    Aksi, so one that cannot be read is a warning, not a refusal."""
    unread: list[Problem] = []
    target = number_value(place, key, raw.get(key), unread, marks.get(key))
    problems += [
        dataclasses.replace(p, message=f"{p.message}; tidak dibandingkan dengan Rencana Aksi", severity="warning")
        for p in unread
    ]
    return target


def _heading_blanks(quarter_columns: list[int], months: list[int]) -> tuple[str, ...]:
    """The cells a heading row leaves blank: every figure, target and narrative cell of the table."""
    month_keys = (month_key(m, kind) for m in months for kind in ("value", "target", "numerator", "denominator"))
    return ("value", "numerator", "denominator", *(f"r{q}" for q in quarter_columns), *month_keys, *TEXT_KEYS)


def _is_heading_row(raw: dict[str, object], keys: tuple[str, ...]) -> bool:
    """A sasaran or programme line between indicators: a name and nothing else."""
    if raw.get("code") not in (None, ""):
        return False
    return all(raw.get(k) in (None, "") or (isinstance(raw.get(k), str) and not raw.get(k).strip()) for k in keys)


def _common(place: RowPlace, raw: dict[str, object], period: Period, problems: list[Problem]):
    year = period.year
    if text_value(raw.get("year")):
        year = whole_value(place, "year", raw.get("year"), problems)
    quarter = period.quarter
    if text_value(raw.get("quarter")):
        quarter = quarter_word(str(raw.get("quarter")))
        if quarter is None:
            problems.append(
                place.problem(
                    "quarter", raw.get("quarter"), "Triwulan tidak dikenal; tulis TW I, TW II, TW III atau TW IV"
                )
            )
            return None
    text = {key: text_value(raw.get(key)) for key in TEXT_KEYS}
    return text_value(raw.get("unit")) or period.unit, year, quarter, text


@functools.lru_cache(maxsize=256)
def quarter_word(text: str) -> int | None:
    """'TW II', 'Triwulan 2', 'II', 'Q2' → 2."""
    word = normalise_label(text).removeprefix("tw ").removeprefix("triwulan ").removeprefix("q")
    return quarter_in_label(f"tw {word.strip()}")


def has_text(text: dict[str, str | None]) -> bool:
    return any(text.values())


def number_value(
    place: RowPlace, key: str, value: object, problems: list[Problem], decimal: Convention | str | None = None
) -> float | None:
    """A figure cell read by its column's decimal mark (``decimal``: the column's convention, or a
    mark known otherwise); a text written against its column's convention is an error at the cell."""
    if type(value) is float:  # most cells of a workbook: nothing to parse, nothing to report
        return None if value != value else value
    if value is None or value == "":
        return None
    if isinstance(decimal, Convention):
        if isinstance(value, str) and not fits_convention(value, decimal.mark):
            problems.append(place.problem(key, value, _against(value, decimal)))
            return None
        decimal = decimal.mark
    parse = functools.partial(parse_number, decimal=decimal) if decimal else parse_number
    return parse_cell(place, key, value, problems, parse, "angka", LABEL.get(key, key))


def _against(text: str, convention: Convention) -> str:
    """Why a figure written against its column's convention is not read, and how to write it."""
    message = f"Angka ini ditulis berbeda dari angka lain di kolomnya ({convention.words})"
    own = decimal_mark([text])
    try:
        meant = parse_number(text, own) if own else None
    except ValueError:
        meant = None
    if meant is None:
        return f"{message}; tulis ulang angkanya seperti angka lain di kolom itu"
    written = fmt_number(meant, 6) if convention.mark == "," else f"{meant:,.6f}".rstrip("0").rstrip(".")
    return (
        f"{message}: tidak dibaca agar tidak salah seribu kali lipat. Bila maksudnya {written}, tulis '{written}'; "
        "periksa sumber angkanya"
    )


def whole_value(place: RowPlace, key: str, value: object, problems: list[Problem]) -> int | None:
    number = number_value(place, key, value, problems)
    return None if number is None else int(number)
