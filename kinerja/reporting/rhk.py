"""The officials' cascade (Matriks Peran Hasil, the start of each official's SKP under PermenPAN-RB
6/2022), from the year's pohon kinerja: for each official the results they answer for (the head: the
PK's sasaran and IKU; eselon III: program outcomes; eselon IV: kegiatan and sub-kegiatan outputs),
each with the superior's result it supports ("RHK atasan yang diintervensi"), its indicators and
targets. The same stored tree gives the same matrix whether it was read from a programme-code list
or drawn by officials."""

from __future__ import annotations

import math

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from kinerja.cascade.tree import Level
from kinerja.domain.numbers import plain_number
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store
from kinerja.workbook.writing import workbook_bytes, write_sheet

ESELON = {Level.SASARAN_OPD: "II", Level.PROGRAM: "III", Level.KEGIATAN: "IV", Level.SUB_KEGIATAN: "IV"}
RHK_COLUMNS = [
    "Jabatan", "Nama", "NIP", "Eselon", "Tingkat", "Rencana Hasil Kerja", "Indikator", "Satuan", "Target",
    "RHK Atasan yang Diintervensi", "Jabatan Atasan",
]  # fmt: skip

_RHK_SQL = """
SELECT n.id, n.level, n.name, n.official, n.official_nip, u.name AS unit_name, u.code AS unit_code,
       p.id AS parent_id, ci.name AS indicator, ci.measure_unit, ci.target, ci.target_high, ci.target_text
FROM cascade_node n
LEFT JOIN cascade_node p ON p.id = n.parent_id
LEFT JOIN unit u ON u.id = n.unit_id
LEFT JOIN cascade_indicator ci ON ci.node_id = n.id
WHERE n.year = ? AND n.level IN ('sasaran_opd', 'program', 'kegiatan', 'sub_kegiatan')
ORDER BY n.position, ci.position
"""


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _target(row: dict) -> str:
    if _text(row["target_text"]):
        return row["target_text"]
    if pd.isna(row["target"]):
        return ""
    low = plain_number(row["target"])
    return low if pd.isna(row["target_high"]) else f"{low} - {plain_number(row['target_high'])}"


def rhk_matrix(store: Store, year: int) -> pd.DataFrame:
    """One row per result and indicator of the year's tree from the office's sasaran down, in the
    tree's order, with ``RHK_COLUMNS``. The head answers for the sasaran (name and NIP from the
    settings); a node below answers through its official as written, else its unit's head."""
    settings = load_settings(store, year)
    raw = store.df(_RHK_SQL, [year]).to_dict("records")
    who: dict[int, tuple[str, str, str]] = {}  # node id → (position, name, NIP)
    names: dict[int, str] = {}
    for row in raw:
        if Level(row["level"]) is Level.SASARAN_OPD:
            who[row["id"]] = (f"Kepala {settings.office_name}", settings.head_name, settings.head_nip)
        elif _text(row["official"]):
            who[row["id"]] = (_text(row["official"]).title(), "", _text(row["official_nip"]))
        else:
            unit = _text(row["unit_name"]) or _text(row["unit_code"])
            who[row["id"]] = (f"Kepala {unit}" if unit else "", "", _text(row["official_nip"]))
        names[row["id"]] = row["name"]
    rows = []
    for row in raw:
        level = Level(row["level"])
        position, name, nip = who[row["id"]]
        parent = row["parent_id"] if not pd.isna(row["parent_id"]) else None
        supports = names.get(parent, "") if level is not Level.SASARAN_OPD else ""
        rows.append([
            position, name, nip, ESELON[level], level.word, row["name"], _text(row["indicator"]),
            _text(row["measure_unit"]), _target(row), supports, who[parent][0] if parent in who else "",
        ])  # fmt: skip
    return pd.DataFrame(rows, columns=RHK_COLUMNS)


def rhk_xlsx(store: Store, year: int, matrix: pd.DataFrame | None = None) -> bytes:
    """The Matriks Peran Hasil as .xlsx: the office's matrix first, then one sheet per official with
    the results they answer for (the start of their SKP)."""
    matrix = rhk_matrix(store, year) if matrix is None else matrix
    settings = load_settings(store, year)
    office = settings.office_name
    workbook = Workbook()
    write_sheet(workbook.active, f"MATRIKS PERAN HASIL TAHUN {year}", office, matrix, {})
    _printed(workbook.active, list(matrix.columns), len(matrix))
    _signature(workbook.active, len(matrix), (f"Kepala {office}", settings.head_name, settings.head_nip), year)
    workbook.active.title = "Matriks Peran Hasil"
    taken = {"Matriks Peran Hasil"}
    for position, own in matrix.groupby("Jabatan", sort=False):
        title = _sheet_title(position or "Tanpa Pejabat", taken)
        sheet = workbook.create_sheet(title)
        first = own.iloc[0]
        heading = f"RENCANA HASIL KERJA {position.upper()} TAHUN {year}"
        if first["Nama"]:
            heading += f" — {first['Nama']}" + (f" (NIP {first['NIP']})" if first["NIP"] else "")
        shown = own.drop(columns=["Jabatan"])
        write_sheet(sheet, heading, office, shown, {})
        _printed(sheet, list(shown.columns), len(shown))
        _signature(sheet, len(shown), (position, first["Nama"], first["NIP"]), year)
    return workbook_bytes(workbook)  # officials' names and results are the office's text: never a formula


# the columns' widths as printed: a result and its indicator wrap within their column
_WIDTHS = {"Jabatan": 26, "Nama": 20, "NIP": 20, "Eselon": 7, "Tingkat": 12, "Rencana Hasil Kerja": 38,
           "Indikator": 38, "Satuan": 10, "Target": 9, "RHK Atasan yang Diintervensi": 38, "Jabatan Atasan": 26}  # fmt: skip
_THIN = Side(style="thin", color="000000")
_HEADER_ROW = 4  # write_sheet's


def _printed(sheet, columns: list[str], rows: int) -> None:
    """Laid out for paper as evaluators read it: every column on a landscape A4 page (fitted to its
    width), texts wrapped in a bordered table, the header row repeated on each page."""
    box = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    widths = [_WIDTHS.get(name, 14) for name in columns]
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    for row in range(_HEADER_ROW, _HEADER_ROW + rows + 1):
        lines = 1
        for col, width in enumerate(widths, start=1):
            cell = sheet.cell(row, col)
            cell.border = box
            if row > _HEADER_ROW:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                lines = max(lines, math.ceil(len(str(cell.value or "")) / (width * 1.1)))
        # spreadsheets do not grow a row for its wrapped text on their own: each row as tall as its longest
        sheet.row_dimensions[row].height = 30 if row == _HEADER_ROW else 15 * lines
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _signature(sheet, rows: int, signer: tuple[str, str, str], year: int) -> None:
    """Who answers for the sheet's results signs under it: position, then name and NIP (a line to
    write them by hand where Kinerja does not hold them)."""
    position, name, nip = signer
    first = _HEADER_ROW + rows + 2
    col = max(1, sheet.max_column - 2)
    lines = [f"…………, …… {year}", position or "", "", "", name or "(………………………………)", f"NIP. {nip or '……………………………'}"]
    for offset, text in enumerate(lines):
        cell = sheet.cell(first + offset, col, text or None)
        cell.alignment = Alignment(horizontal="center")
        cell.font = Font(bold=offset == 4)
        sheet.merge_cells(start_row=first + offset, start_column=col, end_row=first + offset, end_column=col + 2)


def _sheet_title(position: str, taken: set[str]) -> str:
    """An Excel sheet name (31 characters, none of []:*?/\\) unique in the workbook."""
    base = "".join(c for c in position if c not in "[]:*?/\\")[:28].strip() or "Pejabat"
    title, number = base, 2
    while title.lower() in {t.lower() for t in taken}:
        title, number = f"{base[:25]} ({number})", number + 1
    taken.add(title)
    return title
