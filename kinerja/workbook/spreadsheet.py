"""Reading the spreadsheets offices build by hand: any sheet of an xlsx/xls/ods workbook or a CSV,
with the table found wherever it sits.

A table is found by its header row (scanned among the first rows, possibly two rows deep where a
merged heading such as "Target" spans "TW I … TW IV"); title rows above it, numbering rows,
blank rows and the signature block below it are skipped. Locations are kept as the user sees them:
sheet name, 1-based row number and column letter.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from openpyxl.utils import get_column_letter

from kinerja.domain.numbers import column_convention, fmt_number
from kinerja.domain.vocabulary import normalise_label
from kinerja.workbook.screening import CellError, UnsafeFile, screen

# not .xlsb: a binary workbook's cells cannot be screened before a reader allocates them
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
JSON_SUFFIXES = {".json"}  # open-data portals (Satu Data, CKAN): an array of records
UPLOAD_TYPES = sorted(s.lstrip(".") for s in EXCEL_SUFFIXES | CSV_SUFFIXES | JSON_SUFFIXES)  # what upload pages accept
HEADER_SCAN_ROWS = 30
MAX_ROWS = 200_000  # per sheet: four times a province's year of quarterly rows; more is not a unit's upload


class SpreadsheetError(ValueError):
    """A file that cannot be read as a spreadsheet; the message is for the user."""


@dataclass(frozen=True)
class Sheet:
    """One sheet's cell values (blank cells are ""), with its merged ranges (0-based, inclusive)."""

    name: str
    rows: list[list[object]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden: bool = False  # the sheet is hidden in Excel: its tables are reported, not read
    hidden_rows: frozenset[int] = frozenset()  # rows hidden in Excel (0-based)

    def cell(self, row: int, col: int) -> object:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""

    @functools.cached_property
    def header_candidates(self) -> list[int]:
        """The rows that could be a table's header (``could_be_header``), found once for every
        kind of table looked for on the sheet (a plan's indicators, programmes and units)."""
        return [index for index, row in enumerate(self.rows) if could_be_header(row)]


def read_sheets(content: bytes, file_name: str) -> list[Sheet]:
    """Every worksheet of a workbook (hidden ones marked), or the one table of a CSV. The file is
    screened first (``file_screen``): unsafe files are refused, and cells Excel shows as errors or
    as formulas without a result become ``CellError`` values a number parser refuses."""
    suffix = Path(file_name).suffix.lower()
    if not content:
        raise SpreadsheetError("berkas kosong (0 bita)")
    if suffix not in CSV_SUFFIXES | EXCEL_SUFFIXES | JSON_SUFFIXES:
        raise SpreadsheetError(
            f"jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung; gunakan xlsx, xls, csv atau json"
        )
    try:
        facts = screen(content, suffix)
    except UnsafeFile as exc:
        raise SpreadsheetError(str(exc)) from exc
    if suffix in CSV_SUFFIXES:
        _refuse_long(content.count(b"\n") + (not content.endswith(b"\n")), Path(file_name).stem)
        return [Sheet(Path(file_name).stem, read_csv_rows(content))]
    if suffix in JSON_SUFFIXES:
        return [Sheet(Path(file_name).stem, read_json_rows(content, Path(file_name).stem))]
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except python_calamine.PasswordError as exc:
        raise SpreadsheetError(
            "buku kerja dilindungi kata sandi; hapus kata sandinya di Excel lalu unggah lagi"
        ) from exc
    except Exception as exc:  # calamine raises several private error types (kept as the cause, not shown)
        raise SpreadsheetError(
            f"bukan buku kerja Excel yang dapat dibaca; berkas rusak atau bukan {suffix}. Buka di Excel, simpan "
            "sebagai buku kerja Excel (.xlsx), lalu unggah lagi"
        ) from exc
    sheets = []
    for meta in workbook.sheets_metadata:
        if not str(meta.typ).endswith("WorkSheet"):
            continue
        sheet = workbook.get_sheet_by_name(meta.name)
        _refuse_long(sheet.total_height + 1, meta.name)  # the index of its last row
        rows = sheet.to_python(skip_empty_area=False)
        found = facts.get(meta.name)
        if found:
            _mark_cells(rows, found.cells)
        sheets.append(
            Sheet(
                meta.name,
                rows,
                list(sheet.merged_cell_ranges or []),
                hidden=not str(meta.visible).endswith(".Visible"),
                hidden_rows=frozenset(found.hidden_rows) if found else frozenset(),
            )
        )
    return sheets


def _refuse_long(rows: int, sheet: str) -> None:
    if rows > MAX_ROWS:
        raise SpreadsheetError(
            f"sheet {sheet} berisi {fmt_number(rows)} baris, melebihi batas {fmt_number(MAX_ROWS)} baris per sheet; "
            "pisahkan berkasnya (per unit atau per tahun)"
        )


def _mark_cells(rows: list[list[object]], cells: dict[tuple[int, int], CellError]) -> None:
    for (row, col), error in cells.items():
        while len(rows) <= row:
            rows.append([])
        if len(rows[row]) <= col:
            rows[row].extend([""] * (col + 1 - len(rows[row])))
        rows[row][col] = error


def visible(sheets: list[Sheet]) -> list[Sheet]:
    return [s for s in sheets if not s.hidden]


def read_csv_rows(content: bytes) -> list[list[object]]:
    """Rows of a CSV in any common encoding, separated by ``;``, ``,`` or tabs."""
    text = decode_text(content)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ";,\t"}
        delimiter = max(counts, key=counts.get)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [list(r) for r in reader]
    except csv.Error as exc:  # a cell over the csv module's field limit, or a stray NUL
        raise SpreadsheetError(
            f"baris {reader.line_num} tidak dapat dibaca sebagai CSV: sel teks terlalu panjang (lebih dari "
            f"{csv.field_size_limit() // 1024} KB) atau berisi karakter kosong; periksa tanda kutip di baris itu"
        ) from exc


def read_json_rows(content: bytes, name: str) -> list[list[object]]:
    """The records of an open-data JSON file as a table: a header of every key in order of first
    appearance, then one row per record. Takes a bare array, CKAN's ``{"result": {"records": […]}}``
    and the common ``{"data": […]}``."""
    try:
        document = json.loads(decode_text(content))
    except json.JSONDecodeError as exc:
        raise SpreadsheetError(f"bukan JSON yang sah (baris {exc.lineno}, kolom {exc.colno}: {exc.msg})") from exc
    except RecursionError as exc:  # '[[[[…' a hundred thousand deep: no data portal writes that
        raise SpreadsheetError(
            "JSON bersarang terlalu dalam untuk dibaca; yang dapat dibaca adalah larik objek [{...}, {...}]"
        ) from exc
    records = _records(document)
    if records is None:
        raise SpreadsheetError(
            "JSON tidak berisi daftar rekaman: yang dapat dibaca adalah larik objek [{...}, {...}], "
            'atau {"result": {"records": [...]}} (CKAN), atau {"data": [...]}'
        )
    _refuse_long(len(records) + 1, name)
    header = list(dict.fromkeys(key for record in records for key in record))
    rows: list[list[object]] = [list(header)]
    for record in records:
        rows.append([_json_cell(record.get(key)) for key in header])
    return rows


def _records(document: object) -> list[dict] | None:
    if isinstance(document, dict):
        for path in (("result", "records"), ("data",), ("records",), ("result",)):
            found: object = document
            for step in path:
                found = found.get(step) if isinstance(found, dict) else None
            if isinstance(found, list):
                document = found
                break
    if isinstance(document, list) and document and all(isinstance(r, dict) for r in document):
        return document
    return None


def _json_cell(value: object) -> object:
    if value is None or (isinstance(value, str | int | float) and not isinstance(value, bool)):
        return "" if value is None else value
    return json.dumps(value, ensure_ascii=False)  # a nested value, shown as written


def decode_text(content: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 as Excel writes it."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def column_letter(index: int) -> str:
    """0 → 'A'."""
    return get_column_letter(index + 1)


# --- finding a table --------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnSpec:
    """A column the reader looks for: a key, the label users see, and a test on normalised labels."""

    key: str
    label: str
    matches: Callable[[str], bool]
    required: bool = False
    # a word some label of the header must hold before the spec is tried: one cheap search shared
    # by a family of specs (a monthly sheet's 48 month columns), so other headers skip them all
    gate: re.Pattern | None = None


def pattern(regex: str, *, unless: str | None = None) -> Callable[[str], bool]:
    """A label test: the label matches ``regex`` (anchored at the start) and not ``unless``."""
    wanted, unwanted = re.compile(regex), re.compile(unless) if unless else None
    return lambda label: bool(wanted.match(label)) and not (unwanted and unwanted.search(label))


@dataclass(frozen=True)
class Table:
    """A table found in a sheet: where its header is and which column holds which key."""

    sheet: Sheet
    header_row: int  # 0-based index of the (last) header row
    columns: dict[str, int]
    labels: dict[int, str]  # every header column's normalised label, for messages and mapping
    end_row: int  # 0-based, exclusive

    def location(self, row: int, key: str | None = None) -> str:
        """'sheet PK, baris 7, kolom C' as a user would look it up."""
        where = f"sheet {self.sheet.name}, baris {row + 1}"
        if key is not None and key in self.columns:
            where += f", kolom {column_letter(self.columns[key])}"
        return where

    def data_rows(self) -> Iterator[tuple[int, dict[str, object]]]:
        """(row index, {key: value}) for each row that holds data."""
        for index in range(self.header_row + 1, self.end_row):
            raw = self.sheet.rows[index]
            if is_blank_row(raw) or is_numbering_row(raw):
                continue
            width = len(raw)
            yield (
                index,
                {
                    key: (raw[col].strip() if type(raw[col]) is str else raw[col]) if col < width else ""
                    for key, col in self.columns.items()
                },
            )

    def decimal_marks(self, keys: set[str]) -> dict[str, str]:
        """The decimal mark ('.' or ',') that the figures written as text in each of ``keys``'
        columns show (see ``numbers.column_convention``); a column that shows none is left out."""
        rows = self.sheet.rows
        marks = {}
        for key in keys & self.columns.keys():
            col = self.columns[key]
            found = column_convention(
                rows[i][col] for i in range(self.header_row + 1, self.end_row) if col < len(rows[i])
            )
            if found is not None:
                marks[key] = found.mark
        return marks

    def merges_across_rows(self, keys: set[str]) -> list[tuple[int, str, str]]:
        """(row, key, 'K9:K11') for each merged range that spans several data rows in one of ``keys``'
        columns: Excel keeps the value in the first row only, so the rows below it (the first of which
        is returned) would read blank."""
        found = []
        for (r0, c0), (r1, c1) in self.sheet.merged:
            if r1 == r0 or r1 <= self.header_row or r0 >= self.end_row:
                continue
            for key in sorted(keys & self.columns.keys()):
                if c0 <= self.columns[key] <= c1:
                    span = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
                    found.append((max(r0, self.header_row) + 1, key, span))
                    break
        return found


def header_labels(sheet: Sheet, row: int, depth: int) -> dict[int, str]:
    """Normalised labels of each column of the header ending at ``row``, ``depth`` rows deep.

    In a two-row header the upper heading is carried over the columns it spans, by its merged
    range or, where the file has no merge there, over the blanks after it that have a lower label;
    so "Target" over "TW I | TW II" reads "target tw i", "target tw ii".
    """
    width = max(len(sheet.rows[r]) for r in range(row - depth + 1, row + 1))
    labels: dict[int, str] = {}
    carried = ""
    for col in range(width):
        lower = normalise_label(sheet.cell(row, col))
        top = _upper_text(sheet, row - 1, col) if depth == 2 else ""
        if depth == 2 and not top and lower and _merged_origin(sheet, row - 1, col) is None:
            top = carried
        carried = top if lower else ""
        text = " ".join(t for t in (top, lower) if t)
        if text:
            labels[col] = text
    return labels


def _upper_text(sheet: Sheet, row: int, col: int) -> str:
    origin = _merged_origin(sheet, row, col) or (row, col)
    return _joined_letters(normalise_label(sheet.cell(*origin)))


def _joined_letters(label: str) -> str:
    """A group heading spelt out letter by letter ('I K U') as the word it is ('iku')."""
    words = label.split()
    if len(words) >= 2 and all(len(w) == 1 for w in words):
        return "".join(words)
    return label


def _merged_origin(sheet: Sheet, row: int, col: int) -> tuple[int, int] | None:
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 <= row <= r1 and c0 <= col <= c1 and (r0, c0) != (row, col):
            return r0, c0
    return None


def match_columns(labels: dict[int, str], specs: Sequence[ColumnSpec]) -> dict[str, int]:
    """Each spec's column: the unclaimed column whose label is the spec's own name ('target'
    before 'target indikator'), else the first whose label passes the spec's test."""
    found: dict[str, int] = {}
    claimed: set[int] = set()
    ordered = sorted(labels.items())
    gates: dict[int, bool] = {}  # by the pattern's id: hashing a compiled pattern hashes its whole code
    for spec in specs:
        if spec.key in found:  # an earlier spec (a column mapped by hand) already placed this key
            continue
        if spec.gate is not None:
            gate = id(spec.gate)
            if gate not in gates:
                gates[gate] = any(spec.gate.search(label) for label in labels.values())
            if not gates[gate]:
                continue
        passing = [col for col, label in ordered if col not in claimed and spec.matches(label)]
        if passing:
            own = normalise_label(spec.label)
            col = next((c for c in passing if labels[c] == own), passing[0])
            found[spec.key] = col
            claimed.add(col)
    return found


def find_tables(sheet: Sheet, specs: Sequence[ColumnSpec], *, min_matches: int = 2) -> list[Table]:
    """Every table in ``sheet`` whose header carries the required columns of ``specs``.

    A table ends at the next header of the same kind, at a signature block, or at the sheet's end.
    """
    required = {s.key for s in specs if s.required}
    starts: list[tuple[int, dict[str, int], dict[int, str]]] = []
    after = 0  # the first row not taken by a header found
    for row in sheet.header_candidates:
        if row < after:
            continue
        best = _best_header_at(sheet, row, specs)
        if best and required <= best[0].keys() and len(best[0]) >= min_matches:
            starts.append((row + best[2] - 1, best[0], best[1]))
            after = row + best[2]
    tables = []
    for i, (header_row, columns, labels) in enumerate(starts):
        limit = starts[i + 1][0] - 1 if i + 1 < len(starts) else len(sheet.rows)
        end = _table_end(sheet, header_row + 1, limit)
        tables.append(Table(sheet, header_row, columns, labels, end))
    return tables


def best_partial_header(sheet: Sheet, specs: Sequence[ColumnSpec]) -> tuple[int, dict[str, int]] | None:
    """The header-like row that matched the most specs, for explaining what is missing."""
    best: tuple[int, dict[str, int]] | None = None
    for row in range(min(len(sheet.rows), HEADER_SCAN_ROWS)):
        found = _best_header_at(sheet, row, specs)
        if found and (best is None or len(found[0]) > len(best[1])):
            best = (row + found[2] - 1, found[0])
    return best


def _best_header_at(
    sheet: Sheet, row: int, specs: Sequence[ColumnSpec]
) -> tuple[dict[str, int], dict[int, str], int] | None:
    """The header starting at ``row``, one or two rows deep: the reading that finds every required
    column, then the most columns."""
    required = {s.key for s in specs if s.required}
    best, best_score = None, (False, 0)
    for depth in (1, 2):
        last = row + depth - 1
        if last >= len(sheet.rows) or is_blank_row(sheet.rows[row]):
            break
        if depth == 2 and _holds_numbers(sheet.rows[last]):
            break
        labels = header_labels(sheet, last, depth)
        columns = match_columns(labels, specs)
        score = (required <= columns.keys(), len(columns))
        # a heading merged across columns over the row below ("Realisasi Keuangan" over "Rp | %")
        # makes a header two rows deep even where the lower row names no more columns
        spans = depth == 2 and score == best_score and _merged_across(sheet, row)
        if columns and (best is None or score > best_score or spans):
            best, best_score = (columns, labels, depth), score
    return best


def _merged_across(sheet: Sheet, row: int) -> bool:
    return any(r0 == row and c1 > c0 and r1 == row for (r0, c0), (r1, c1) in sheet.merged)


def _holds_numbers(row: Sequence[object]) -> bool:
    return any(isinstance(v, int | float) and not isinstance(v, bool) for v in row) or is_numbering_row(row)


def _table_end(sheet: Sheet, start: int, limit: int) -> int:
    for index in range(start, limit):
        if is_signature_row(sheet.rows[index]):
            return index
    return limit


# --- row kinds ----------------------------------------------------------------------------------

_SIGNATURE = re.compile(
    r"^(kepala|sekretaris|plt\.?|plh\.?|pihak (pertama|kedua)|mengetahui|menyetujui|nip\.?\b|"
    r"pembina|penata|ditetapkan di|[a-z .]+, \d{1,2} [a-z]+ \d{4}$)",
    re.IGNORECASE,
)


_NUMBER_TEXT = re.compile(r"^[\s(]*-?(rp\.?)?\s*[0-9][0-9.,\s]*%?[)\s]*$", re.IGNORECASE)


def could_be_header(row: Sequence[object]) -> bool:
    """Cheap test before matching a row's labels: a header has two or more text cells and no numbers
    (data rows nearly always hold one, as a number or as text such as "83,5"), and no cell of prose
    (a definition or a description: reference lists such as the national nomenclature, whose rows
    are all text, repeat one on every row)."""
    texts = 0
    for value in row:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return False
        if isinstance(value, str) and value.strip():
            if len(value) > _LONGEST_HEADING or _NUMBER_TEXT.match(value):
                return False
            texts += 1
    return texts >= 2


_LONGEST_HEADING = 250  # characters: a column heading is a few words, a note under it at most a sentence


def is_blank_row(row: Sequence[object]) -> bool:
    for value in row:
        if value is not None and value != "" and not (isinstance(value, str) and not value.strip()):
            return False
    return True


_COLUMN_NUMBER = re.compile(r"\(?(\d{1,3})(\.0)?\)?(\s*=.*)?")


def is_numbering_row(row: Sequence[object]) -> bool:
    """A row of column numbers under a header: 1 2 3 … or (1) (2) (3) … (or "13 = 9 + 10")."""
    numbers = []
    for value in row:
        if value is None or value == "":
            continue
        if isinstance(value, float | int) and not isinstance(value, bool):
            text = str(int(value)) if float(value).is_integer() else str(value)
        else:
            text = str(value).strip()
            if not text:
                continue
        match = _COLUMN_NUMBER.fullmatch(text)
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def is_signature_row(row: Sequence[object]) -> bool:
    """The first line of a signature block, such as "Kepala Dinas," or "Sukamaju, 5 Januari 2026"."""
    if sum(1 for v in row if v is not None and v != "") > 3:
        return False  # a data row: signature lines hold a cell or two
    cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
    return 0 < len(cells) <= 3 and any(_SIGNATURE.match(c) for c in cells)
