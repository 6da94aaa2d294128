"""Tables as formatted Excel workbooks: headers, Indonesian number formats, frozen panes; files
safe to open (no formula from user data, no macro)."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


FORMULA_STARTS = ("=", "+", "-", "@")


def as_text(cell) -> None:
    """Keep a cell that came from user data as text: a value starting with =, +, - or @ would
    otherwise be stored, or read by Excel, as a formula (CSV/formula injection)."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A CSV for people to open in Excel (UTF-8 with BOM): text that Excel would take for a formula
    gets a leading apostrophe, as OWASP advises for CSV injection."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda v: f"'{v}" if isinstance(v, str) and v.startswith((*FORMULA_STARTS, "\t", "\r")) else v
            )
    return safe.to_csv(index=False).encode("utf-8-sig")


def write_formula(cell, formula: str) -> None:
    """Write a formula Kinerja itself computes (a template's derived column): the one kind of
    cell :func:`workbook_bytes` leaves a formula."""
    cell.value = formula
    sheet = cell.parent
    if not hasattr(sheet, "kinerja_formulas"):
        sheet.kinerja_formulas = set()
    sheet.kinerja_formulas.add(cell.coordinate)


def workbook_bytes(workbook) -> bytes:
    """Save ``workbook`` with every text cell that could be taken for a formula kept as text,
    except the formulas Kinerja wrote on purpose (:func:`write_formula`)."""
    for sheet in workbook.worksheets:
        ours = getattr(sheet, "kinerja_formulas", set())
        for row in sheet.iter_rows():
            for cell in row:
                if cell.coordinate not in ours:
                    as_text(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_WIDE = {"Sasaran": 45, "Indikator": 45, "Nama Unit": 45, "Keterangan Progres Tahunan": 70}


def write_sheet(
    sheet, title: str, office_name: str, frame: pd.DataFrame, formats: dict[str, str], note: str = ""
) -> None:
    """A table as every export lays it out: title and office above (and ``note``, e.g. the settings the
    figures were computed with), a dark header row, number formats by heading, frozen panes and a filter."""
    sheet["A1"], sheet["A2"] = title, office_name.upper()
    if note:
        sheet["A3"] = note
        sheet["A3"].font = Font(italic=True, size=9)
    sheet["A1"].font, sheet["A2"].font = Font(bold=True, size=13), Font(bold=True)
    header_row = 4
    for col, name in enumerate(frame.columns, start=1):
        cell = sheet.cell(header_row, col, name)
        cell.fill, cell.font = _HEADER_FILL, Font(bold=True, color="FFFFFF")
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(col)].width = _WIDE.get(name, 14)
    for r, values in enumerate(frame.itertuples(index=False), start=header_row + 1):
        for col, (name, value) in enumerate(zip(frame.columns, values, strict=True), start=1):
            cell = sheet.cell(r, col, None if _missing(value) else _plain(value))
            if name in formats:
                cell.number_format = formats[name]
    sheet.freeze_panes = sheet.cell(header_row + 1, 3)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(frame.columns))}{header_row + len(frame)}"


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: object) -> object:
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "∞"
    return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value


def write_instructions(sheet, lines: list[str]) -> None:
    """An instructions sheet: the first line as its title, one line per row, wide enough to read."""
    for r, line in enumerate(lines, start=1):
        sheet.cell(r, 1, line)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110


# The Kertas Kerja Cascading's columns: for each level, the node and its indicator
