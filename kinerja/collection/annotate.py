"""A user's workbook handed back with every problem marked on its cell: red for errors, yellow
for warnings, the reason as a cell comment. The file is otherwise as it came."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from kinerja.domain.problems import Problem
from kinerja.workbook.screening import screen
from kinerja.workbook.spreadsheet import read_csv_rows
from kinerja.workbook.writing import workbook_bytes

_ERROR = PatternFill("solid", fgColor="F4B6A6")
_WARNING = PatternFill("solid", fgColor="FFE699")
_LETTERS = re.compile(r"^([A-Z]{1,3}) ")


def annotated_workbook(content: bytes, file_name: str, problems: list[Problem]) -> bytes | None:
    """The workbook with its problems marked; a CSV comes back as a workbook. None where the file
    cannot be opened for writing (xls, or not a workbook at all)."""
    try:
        screen(content, Path(file_name).suffix.lower())  # never hand openpyxl a bomb, macros or 100 MB
        workbook = _open(content, file_name)
    except Exception:  # UnsafeFile, and the many types openpyxl raises for files it cannot take
        return None
    marks: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        column = _LETTERS.match(problem.column or "")
        if problem.row is not None and column and (problem.sheet in workbook.sheetnames or not problem.sheet):
            sheet = problem.sheet or workbook.sheetnames[0]
            marks[sheet, f"{column.group(1)}{problem.row}"].append(problem)
    for (sheet, cell_name), found in marks.items():
        cell = _writable(workbook[sheet], cell_name)
        cell.fill = _ERROR if any(p.severity == "error" for p in found) else _WARNING
        text = "\n".join(("Galat: " if p.severity == "error" else "Peringatan: ") + p.message for p in found)
        cell.comment = Comment(text, "Kinerja", width=320, height=120)
    return workbook_bytes(workbook)


def _open(content: bytes, file_name: str) -> Workbook:
    if file_name.lower().endswith((".csv", ".txt", ".tsv")):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = file_name.rsplit(".", 1)[0][:31]
        for row in read_csv_rows(content):
            sheet.append(row)
        return workbook
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        sheet.protection.sheet = False  # so the marks can be seen and the cells corrected
    return workbook


def _writable(sheet, cell_name: str):
    """The cell, or for a cell inside a merged range the range's first cell (the others take no comment)."""
    for merged in sheet.merged_cells.ranges:
        if cell_name in merged:
            return sheet.cell(merged.min_row, merged.min_col)
    return sheet[cell_name]
