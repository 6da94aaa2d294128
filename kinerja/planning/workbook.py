"""The PK + Rencana Aksi workbook: reading the one a planner made, and writing the template.

Tables are found by their headers on any sheet: the indicator table (Sasaran Strategis, Indikator
Kinerja, Target, TW I–IV, …), the programme table (Program, Anggaran) that the PK attaches, and an
optional unit list (Kode Unit, Nama Unit, Unit Induk).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja.domain.numbers import message_number, parse_number, read_by_mark, readings
from kinerja.domain.problems import Problem, reader_failed
from kinerja.domain.vocabulary import AGGREGATION_WORD, POLARITY_WORD
from kinerja.planning.columns import TABLES, is_ignored, mapping_targets, specs_with
from kinerja.planning.rows import (
    CASH_KEYS,
    EXAMPLE_MARK,
    LABEL,
    PLAN_COLUMNS,
    PROGRAMME_COLUMNS,
    UNIT_COLUMNS,
    ActivityBudget,
    ColumnRead,
    PlanDraft,
    RenstraGiven,
    UnitRow,
    parse_plan_rows,
    parse_programme_rows,
    parse_unit_rows,
)
from kinerja.planning.stored import plan_frame, programmes_frame, units_frame
from kinerja.storage.store import Store
from kinerja.workbook.bulk import collector_paused
from kinerja.workbook.cells import RowPlace, hidden_row_problem, hidden_sheet_problem, layout_problems
from kinerja.workbook.headings import columns_read
from kinerja.workbook.renja_form import (
    EMPTY_FORM,
    form_money,
    indicator_names,
    money_levels,
    read_renja_form,
    split_indicators,
    tree_rows,
    unit_of,
)
from kinerja.workbook.screening import upload_name
from kinerja.workbook.spreadsheet import (
    HEADER_SCAN_ROWS,
    ColumnSpec,
    Sheet,
    SpreadsheetError,
    Table,
    best_partial_header,
    column_letter,
    find_tables,
    read_sheets,
    visible,
)
from kinerja.workbook.writing import workbook_bytes, write_instructions

_log = logging.getLogger(__name__)
_YEAR = re.compile(r"\b(?:tahun|ta\.?|t\.a\.?)\s*(20\d\d)\b", re.IGNORECASE)


def read_plan_file(
    content: bytes, file_name: str, year: int | None = None, mappings: Mapping[str, str] | None = None
) -> PlanDraft:
    """A plan draft from a workbook or CSV; problems (with places) are collected, never raised.
    ``mappings`` (normalised heading → qualified key, see ``kinerja.planning.columns``) are the
    columns a planner has mapped by hand; the draft lists which column was read as what."""
    name = upload_name(file_name)
    try:
        with collector_paused():
            return _read(PlanDraft(year, name), content, mappings)
    except Exception:  # a reader's own fault: the file is refused whole, the cause kept in the server's log
        _log.exception("membaca berkas rencana %s", name)
        return PlanDraft(year, name, problems=[reader_failed(name)])


def _read(draft: PlanDraft, content: bytes, mappings: Mapping[str, str] | None) -> PlanDraft:
    name = draft.source
    try:
        sheets = read_sheets(content, name)
    except SpreadsheetError as exc:
        draft.problems.append(Problem(f"Berkas tidak dapat dibaca: {exc}", name))
        return draft
    specs = {table: specs_with(mappings or {}, table) for table in TABLES}
    for sheet in sheets:
        if not sheet.hidden:
            _read_sheet(draft, sheet, name, specs, mappings or {})
        elif find_tables(sheet, specs["rencana"]) or read_renja_form(sheet) is not None:
            draft.problems.append(hidden_sheet_problem(name, sheet))
    sheets = visible(sheets)
    if draft.year is None:
        draft.year = _year_in_titles(sheets)
    examples = any(p.message.startswith("Baris contoh") for p in draft.problems)
    plan_table = any(c.key.startswith("rencana.") for c in draft.columns)
    empty_form = any(p.message == EMPTY_FORM for p in draft.problems)  # said already, at its sheet
    if not plan_table and not draft.rows and not examples and not empty_form:
        # nothing at all was read: say which columns are missing; only a unit list or programmes
        # were read: say so too where a heading row looks like a plan's (Satuan, Target, …)
        found_something = bool(draft.units or draft.programmes or draft.errors)
        claimed = {(c.sheet, c.row, c.letter) for c in draft.columns}  # a unit list's or programmes' own columns
        missing = _missing_columns(sheets, name, specs["rencana"], partial_only=found_something, claimed=claimed)
        draft.problems += [missing] if missing else []
    elif plan_table and not draft.rows and not examples and not draft.errors:
        # an empty template: its columns were found, no indicator under them
        found = next(c for c in draft.columns if c.key.startswith("rencana."))
        draft.problems.append(
            Problem(
                f"Tabel rencana di baris {found.row} ditemukan tetapi belum berisi indikator (hanya kepala tabel); "
                "isi baris indikatornya lalu unggah lagi",
                name,
                found.sheet,
            )
        )
    return draft


def _read_sheet(
    draft: PlanDraft,
    sheet: Sheet,
    file_name: str,
    specs: dict[str, tuple[ColumnSpec, ...]],
    mappings: Mapping[str, str],
) -> None:
    form = read_renja_form(sheet)
    if form is not None:
        _read_renja_form(draft, form, file_name)
        return
    for table in find_tables(sheet, specs["rencana"]):
        # the rows and their columns' decimal marks read once, for the rows and for the figures that read two ways
        cells, marks = list(table.data_rows()), table.decimal_marks(_NUMBER_KEYS)
        rows, problems = parse_plan_rows(_raw_rows(table, PLAN_COLUMNS, file_name, cells, marks))
        draft.rows += rows
        draft.problems += problems + _layout(table, PLAN_COLUMNS, file_name, _TARGET_KEYS, rows)
        draft.problems += _undecided(table, PLAN_COLUMNS, file_name, cells, marks)
        draft.columns += _columns_read(table, "rencana", mappings)
    programme_tables = find_tables(sheet, specs["program"])
    for table in programme_tables:
        programmes, problems = parse_programme_rows(_raw_rows(table, PROGRAMME_COLUMNS, file_name))
        draft.programmes += programmes
        draft.problems += problems + _layout(table, PROGRAMME_COLUMNS, file_name, {"pagu"}, programmes)
        draft.problems += _undecided(table, PROGRAMME_COLUMNS, file_name)
        draft.columns += _columns_read(table, "program", mappings)
    if not programme_tables:
        draft.problems += _programmes_without_pagu(sheet, specs["program"], file_name)
    for table in find_tables(sheet, specs["unit"]):
        units, problems = parse_unit_rows(_raw_rows(table, UNIT_COLUMNS, file_name))
        draft.units += units
        draft.problems += problems + _layout(table, UNIT_COLUMNS, file_name, set(), units)
        draft.columns += _columns_read(table, "unit", mappings)


def _columns_read(table: Table, kind: str, mappings: Mapping[str, str]) -> list[ColumnRead]:
    return columns_read(table, mapping_targets(), mappings, kind)


_TARGET_KEYS = {"target", "tw1", "tw2", "tw3", "tw4", "weight", "baseline", "renstra", "national_standard"}


def _layout(table: Table, specs: tuple[ColumnSpec, ...], file_name: str, value_keys: set[str], rows) -> list[Problem]:
    """Merged cells across rows of figures (errors) and hidden rows that were read (warnings)."""
    problems = layout_problems(table, _column_names(table, specs), file_name, value_keys)
    return problems + [hidden_row_problem(r.place, "error") for r in rows if r.place.row - 1 in table.sheet.hidden_rows]


# the form's own columns: what a column after them means is not taken from it
_FORM_KEYS = {"tujuan", "sasaran", "name", "measure_unit", "target", "pagu"}


def _extra_keys(form, specs: tuple[ColumnSpec, ...]) -> dict[str, str]:
    """The plan's (or its programmes') columns among those after the form's own (the form Kinerja
    writes carries the plan's settings there): normalised heading → key."""
    keys: dict[str, str] = {}
    for heading in form.columns.extra.values():
        spec = next((s for s in specs if s.key not in _FORM_KEYS and s.matches(heading)), None)
        if spec is not None and spec.key not in keys.values():
            keys[heading] = spec.key
    return keys


def _read_renja_form(draft: PlanDraft, form, file_name: str) -> None:
    """The Permendagri 86 form as a plan: this year's K target of each indicator (cumulative, as
    the form sums its quarters, unless a column after the form's own says its aggregation),
    programmes with this year's Rp as pagu, the unit in the banner (or the row's own Penanggung
    Jawab after the form's columns). The plan's columns after the form's own are read as the plan
    sheet reads them; what neither says is the stored plan's (``kinerja.planning.unsaid``)."""
    draft.year = draft.year or form.year
    if not form.rows:
        draft.problems.append(Problem(EMPTY_FORM, file_name, form.sheet.name))
        return
    unit = unit_of(form)
    if unit is not None:
        place = RowPlace(file_name, form.sheet.name, form.columns.first_data_row + 1, {})
        draft.units.append(UnitRow(place, unit[0], unit[1], None, "opd", False))
    names = indicator_names(form)
    tree = tree_rows(form)
    levels = money_levels(form)
    extra, programme_extra = _extra_keys(form, PLAN_COLUMNS), _extra_keys(form, PROGRAMME_COLUMNS)
    raw_rows, programme_rows = [], {}
    for row in form.rows:
        place = RowPlace(
            file_name,
            form.sheet.name,
            row.row,
            {"target": form.cell_name("target"), "name": form.cell_name("indicator"), "pagu": form.cell_name("pagu")},
        )
        if row.is_programme and row.target_rp not in (None, ""):
            raw = {"name": row.name, "pagu": row.target_rp, "sasaran": row.sasaran}
            raw |= {key: row.extra.get(heading) for heading, key in programme_extra.items()}
            programmes, problems = parse_programme_rows([(place, raw)])
            if programmes:
                programme_rows[row.row] = (programmes[0].name, programmes[0].code)
            draft.programmes += programmes
            draft.problems += problems
        if not row.indicator:
            continue
        if row.row in tree:
            draft.problems.append(
                place.problem(
                    "name",
                    row.indicator,
                    f"Indikator program/kegiatan/sub kegiatan {row.code} milik pohon kinerja, bukan indikator PK; "
                    "tidak diimpor sebagai rencana (ubah lewat impor pohon kinerja)",
                    "warning",
                )
            )
            continue
        if row.target_k in (None, ""):
            draft.problems.append(
                place.problem("target", None, "Indikator tanpa target tahun ini; dilewati", "warning")
            )
            continue
        if len(split_indicators(row.indicator)) > 1:
            draft.problems.append(
                place.problem(
                    "name",
                    row.indicator,
                    "Satu sel berisi beberapa indikator; dibaca sebagai satu indikator dengan angka baris ini",
                    "warning",
                )
            )
        raw_rows.append(
            (
                place,
                {
                    "tujuan": row.tujuan,
                    "sasaran": row.sasaran,
                    "name": names[row.row],
                    "measure_unit": row.measure_unit,
                    "target": row.target_k,
                    "aggregation": "Kumulatif",
                    "unit": unit[0] if unit else None,
                }
                | {key: row.extra.get(heading) for heading, key in extra.items()},
            )
        )
        pagu = form_money(row.target_rp)
        if row.row in levels and pagu is not None and pagu >= 0:
            draft.activity_budgets.append(ActivityBudget(place, names[row.row], levels[row.row], pagu))
    rows, problems = parse_plan_rows(raw_rows)
    read = {r.place.row for r in rows}
    draft.activity_budgets = [b for b in draft.activity_budgets if b.place.row in read or b.place.file != file_name]
    draft.rows += rows
    draft.problems += problems
    given, problems = _renstra_given(form, file_name, {r: names[r] for r in read}, programme_rows, tree)
    draft.renstra += given
    draft.problems += problems


RENSTRA_FIELDS = {
    "renstra_k": "Target Renstra K",
    "renstra_rp": "Target Renstra Rp",
    "before_k": "Realisasi Renstra s.d. tahun lalu K",
    "before_rp": "Realisasi Renstra s.d. tahun lalu Rp",
}  # columns 5 and 6 of the Renja form, as FormColumns.renstra names them


def _renstra_given(
    form, file_name: str, indicators: dict[int, str], programmes: dict[int, tuple], tree: set[int]
) -> tuple[list[RenstraGiven], list[Problem]]:
    """Columns 5 and 6 of each row, with whose they are, under the row keys the form is written with
    (``kinerja.reporting.renja_form``): a row's K is its plan indicator's (else its programme's, else
    its pohon kinerja node's), its Rp its programme's (else its indicator's, else its node's); a node's
    rows are keyed by their code and their place among the rows of that code."""
    columns = {key: f"{column_letter(col)} ({RENSTRA_FIELDS[key]})" for key, col in form.columns.renstra.items()}
    given, problems, positions = [], [], {}
    for row in form.rows:
        position = positions.get(row.code, 0)
        if row.code:
            positions[row.code] = position + 1
        indicator = ("indikator", indicators[row.row]) if row.row in indicators else None
        programme = ("program", *programmes[row.row]) if row.row in programmes else None
        node = ("simpul", f"simpul:{row.code}:{position}") if row.row in tree and row.code else None
        k_owner, rp_owner = indicator or programme or node, programme or indicator or node
        if k_owner is None:  # an urusan's subtotal, or a row skipped already with its warning: as its column 7
            continue
        place = RowPlace(file_name, form.sheet.name, row.row, columns)
        values = {}
        for key in RENSTRA_FIELDS:
            number, reason = _renstra_number(row.renstra.get(key))
            if reason:
                problems.append(place.problem(key, row.renstra.get(key), f"{reason}; tidak disimpan", "warning"))
            elif number is not None:
                values[key] = number
        if not values:
            continue
        owners = {key: rp_owner if key.endswith("_rp") else k_owner for key in values}
        given.append(RenstraGiven(place, owners, values))  # type: ignore[arg-type]
    return given, problems


def _renstra_number(value: object) -> tuple[float | None, str | None]:
    """A cell of columns 5 and 6: its number (None for a blank or '-'), or why it is not one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, str):
        try:
            number = parse_number(value)
        except ValueError as exc:
            return None, f"Kolom Renstra berisi '{value}', bukan angka ({exc})"
    else:
        number = form_money(value)
        if number is None:
            return None, "Kolom Renstra bukan angka"
    if number is not None and number < 0:
        return None, "Kolom Renstra tidak boleh negatif"
    return number, None


def _column_names(table: Table, specs: tuple[ColumnSpec, ...]) -> dict[str, str]:
    labels = {spec.key: spec.label for spec in specs}
    return {key: f"{column_letter(col)} ({labels[key]})" for key, col in table.columns.items() if key in labels}


_NUMBER_KEYS = _TARGET_KEYS | {"pagu", *CASH_KEYS}


def _undecided(
    table: Table,
    specs: tuple[ColumnSpec, ...],
    file_name: str,
    cells: list[tuple[int, dict[str, object]]] | None = None,
    marks: dict[str, str] | None = None,
) -> list[Problem]:
    """A figure such as '1,200' in a column whose figures show no decimal mark: read the Indonesian
    way (1,2), and named, so that the planner checks it. ``cells``, ``marks``: the table's data rows
    and its columns' decimal marks, when read already."""
    columns = _column_names(table, specs)
    marks = table.decimal_marks(_NUMBER_KEYS) if marks is None else marks
    keys = sorted((_NUMBER_KEYS & table.columns.keys()) - marks.keys())
    problems = []
    for index, values in (table.data_rows() if cells is None else cells) if keys else ():
        for key in keys:
            both = readings(values.get(key))
            if both:
                read, other = (message_number(v, 6) for v in both)
                message = f"'{values[key]}' dapat berarti {read} atau {other}; dibaca {read}. Pastikan, atau tulis tanpa pemisah ribuan"
                place = RowPlace(file_name, table.sheet.name, index + 1, columns)
                problems.append(place.problem(key, values[key], message, "warning"))
    return problems


def _programmes_without_pagu(sheet: Sheet, specs: tuple[ColumnSpec, ...], file_name: str) -> list[Problem]:
    """A programme table with its anggaran kas but no pagu column is not read; the planner is told,
    rather than its programmes left out in silence (or a quarter's cash read as the year's pagu)."""
    partial = best_partial_header(sheet, specs)
    if partial is None or not {"name", *CASH_KEYS} <= partial[1].keys():
        return []
    message = "Tabel program ditemukan tetapi kolom Anggaran (Rp) (pagu setahun) tidak ada: programnya tidak dibaca"
    return [Problem(message, file_name, sheet.name, partial[0] + 1)]


def _raw_rows(
    table: Table,
    specs: tuple[ColumnSpec, ...],
    file_name: str,
    cells: list[tuple[int, dict[str, object]]] | None = None,
    marks: dict[str, str] | None = None,
):
    """Each data row's cells with its place; a figure written as text is read by its column's
    decimal mark, as the column's own figures show it ('1,200' among '85.5' is 1200). ``cells``,
    ``marks``: the table's data rows (not changed here) and decimal marks, when read already."""
    columns = _column_names(table, specs)
    marks = table.decimal_marks(_NUMBER_KEYS) if marks is None else marks
    for index, values in table.data_rows() if cells is None else cells:
        if marks:
            values = values | {k: read_by_mark(values[k], mark) for k, mark in marks.items()}
        yield RowPlace(file_name, table.sheet.name, index + 1, columns), values


def _year_in_titles(sheets: list[Sheet]) -> int | None:
    for sheet in sheets:
        for row in sheet.rows[:HEADER_SCAN_ROWS]:
            for value in row:
                match = _YEAR.search(str(value))
                if match:
                    return int(match.group(1))
        match = re.search(r"\b(20\d\d)\b", sheet.name)
        if match:
            return int(match.group(1))
    return None


def _missing_columns(
    sheets: list[Sheet],
    file_name: str,
    specs: tuple[ColumnSpec, ...],
    *,
    partial_only: bool,
    claimed: set[tuple[str, int, str]] = frozenset(),  # type: ignore[assignment]
) -> Problem | None:
    """Explain which required columns were not found, on the sheet that came closest; with
    ``partial_only``, only where a heading row holds two or more of a plan's columns besides those
    ``claimed`` (sheet, heading row, letter) by a unit list or programme table read there (its
    'Jenis' or 'Sasaran' is that table's, and a 'Keterangan' beside them does not make a plan)."""
    required = [spec for spec in PLAN_COLUMNS if spec.required]
    best = None
    for sheet in sheets:
        found = best_partial_header(sheet, specs)
        columns = (
            {
                k: c
                for k, c in found[1].items()
                if not is_ignored(k) and (sheet.name, found[0] + 1, column_letter(c)) not in claimed
            }
            if found
            else {}
        )
        if columns and (best is None or len(columns) > len(best[2])):
            best = (sheet, found[0], columns)
    if partial_only and (best is None or len(best[2]) < 2):
        return None
    if best is None:
        names = ", ".join(spec.label for spec in required)
        return Problem(
            f"Tabel rencana tidak ditemukan: tidak ada baris judul kolom dengan {names}. Bila judulnya lain, "
            "tentukan kolomnya (halaman Perencanaan: 'Tentukan kolom', atau import-plan --map)",
            file_name,
        )
    sheet, row, columns = best
    missing = ", ".join(spec.label for spec in required if spec.key not in columns)
    return Problem(
        f"Kolom wajib tidak ditemukan: {missing}. Bila kolom itu ada dengan judul lain, tentukan kolomnya "
        "(halaman Perencanaan: 'Tentukan kolom', atau import-plan --map 'JUDUL=Indikator Kinerja')",
        file_name,
        sheet.name,
        row + 1,
    )


# --- the template ------------------------------------------------------------------------------

_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# Example rows of an empty template, one per aggregation a planner meets first. Their names start
# with EXAMPLE_MARK, so a template uploaded as downloaded stores nothing (kinerja.planning.rows skips them).
_EXAMPLES = [
    [
        "Meningkatnya derajat kesehatan masyarakat",
        "Meningkatnya akses layanan kesehatan",
        "IK001",
        f"{EXAMPLE_MARK} Persentase balita ditimbang",
        "%",
        "90",
        "85",
        "87",
        "88",
        "90",
        "Positif",
        "Nilai Akhir",
        "",
        "Ya",
    ],
    [
        "",
        "",
        "IK002",
        f"{EXAMPLE_MARK} Jumlah dokumen perencanaan yang disusun",
        "dokumen",
        "4",
        "1",
        "1",
        "1",
        "1",
        "Positif",
        "Kumulatif",
        "",
        "Tidak",
    ],
    [
        "",
        "",
        "IK003",
        f"{EXAMPLE_MARK} Prevalensi stunting",
        "%",
        "14",
        "16",
        "15,5",
        "15",
        "14",
        "Negatif",
        "Nilai Akhir",
        "",
        "Ya",
    ],
]


def plan_template(store: Store, year: int, office_name: str = "") -> bytes:
    """The PK + Rencana Aksi workbook for ``year``: the stored plan (or examples), the programmes,
    the units, and instructions; lists validated by Excel itself."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rencana Kinerja"
    plan = plan_frame(store, year)
    rows = plan.astype(object).where(plan.notna(), "").values.tolist() if len(plan) else _EXAMPLES
    _write_table(sheet, f"PERJANJIAN KINERJA DAN RENCANA AKSI TAHUN {year}", office_name, list(LABEL.values()), rows)
    units = units_frame(store)
    _add_lists(sheet, len(rows), units["Kode Unit"].tolist())
    programmes = programmes_frame(store, year)
    _write_table(
        workbook.create_sheet("Program"),
        f"PROGRAM DAN ANGGARAN TAHUN {year}",
        office_name,
        [spec.label for spec in PROGRAMME_COLUMNS],
        programmes.astype(object).where(programmes.notna(), "").values.tolist(),
    )
    units = units.assign(Eksternal=units["Eksternal"].map({True: "Ya", False: "Tidak"})).astype(object)
    unit_rows = units.where(units.notna(), "").values.tolist()
    _write_table(
        workbook.create_sheet("Unit Kerja"), "UNIT KERJA", office_name, [spec.label for spec in UNIT_COLUMNS], unit_rows
    )
    _write_instructions(workbook.create_sheet("Petunjuk"), year)
    return workbook_bytes(workbook)


def _write_table(sheet, title: str, office_name: str, headers: list[str], rows: list[list[object]]) -> None:
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = office_name.upper()
    sheet["A2"].font = Font(bold=True)
    header_row = 4
    for col, label in enumerate(headers, start=1):
        cell = sheet.cell(header_row, col, label)
        cell.fill, cell.font, cell.border = _HEADER_FILL, _HEADER_FONT, _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(col)].width = max(12, min(45, len(label) + 6))
    for r, values in enumerate(rows, start=header_row + 1):
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c, value).border = _BORDER
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    _print_setup(sheet, header_row)
    for col, label in enumerate(headers, start=1):
        if label in ("Sasaran Strategis", "Indikator Kinerja", "Tujuan", "Program", "Nama Unit"):
            sheet.column_dimensions[get_column_letter(col)].width = 40


def _print_setup(sheet, header_row: int) -> None:
    """Landscape A4, as wide as one page, the header repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _add_lists(sheet, count: int, unit_codes: list[str]) -> None:
    """Drop-down lists for the columns with a fixed vocabulary."""
    last = 4 + max(count, 1) + 200
    lists = {
        LABEL["polarity"]: ",".join(POLARITY_WORD.values()),
        LABEL["aggregation"]: ",".join(AGGREGATION_WORD.values()),
        LABEL["is_key"]: "Ya,Tidak",
    }
    if unit_codes and len(",".join(unit_codes)) < 250:
        lists[LABEL["unit"]] = ",".join(unit_codes)
    headers = list(LABEL.values())
    for label, options in lists.items():
        col = get_column_letter(headers.index(label) + 1)
        rule = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        rule.error, rule.errorTitle = f"Pilih salah satu: {options}", "Isian tidak dikenal"
        sheet.add_data_validation(rule)
        rule.add(f"{col}5:{col}{last}")
    target_col = get_column_letter(headers.index(LABEL["target"]) + 1)
    sheet[f"{target_col}4"].comment = Comment("Target tahunan PK. Angka (85,5) atau rentang (80 - 90).", "Kinerja")


def _write_instructions(sheet, year: int) -> None:
    lines = [
        f"PETUNJUK PENGISIAN RENCANA KINERJA TAHUN {year}",
        "",
        "1. Sheet 'Rencana Kinerja': satu baris per indikator. Kolom wajib: Sasaran Strategis, Indikator Kinerja, Target.",
        "   Sasaran dan Tujuan cukup ditulis sekali; baris di bawahnya yang kosong mengikuti yang di atas.",
        "2. Target: angka dengan koma desimal (85,5) atau rentang (80 - 90). TW I–IV: target Rencana Aksi per triwulan.",
        "3. Polaritas: Positif (semakin tinggi semakin baik), Negatif (semakin rendah semakin baik), Rentang.",
        "4. Agregasi: Kumulatif (dijumlahkan antar triwulan), Nilai Akhir (posisi triwulan terakhir),",
        "   Rata-rata, atau Rasio (pembilang/penyebut).",
        "5. Target TW IV menurut agregasinya harus sama dengan target PK; jika berbeda, tulis alasannya",
        f"   di kolom '{LABEL['reason']}'.",
        "6. Penanggung Jawab: kode atau nama unit dari sheet 'Unit Kerja'. Nama unit yang belum ada menjadi unit baru",
        "   (ditampilkan dulu sebelum disimpan). Unit baru juga boleh ditambahkan di sheet 'Unit Kerja'.",
        f"   Baris yang namanya diawali '{EXAMPLE_MARK}' adalah contoh dan tidak disimpan: ganti atau hapus.",
        "7. Sheet 'Program': program dan anggarannya (Rp), dengan sasaran yang didukungnya.",
        "8. Unggah berkas ini di halaman Perencanaan, atau: python -m kinerja import-plan BERKAS.xlsx",
    ]
    write_instructions(sheet, lines)
