"""A sheet's used range is read from the file before any reader allocates it (issue 26): however the
far cell is written, a box over the cell budget is refused, and ordinary workbooks are not."""

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from kinerja.workbook.screening import MAX_CELLS, UnsafeFile, screen
from tests.bad_inputs import sparse_ods, sparse_xls, sparse_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def _rewritten(change) -> bytes:
    """A small workbook (A1, B2) whose sheet XML is rewritten by ``change``."""
    book = Workbook()
    book.active["A1"], book.active["B2"] = "Realisasi", 1
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part.filename)
            target.writestr(part, change(data) if part.filename == SHEET else data)
    return out.getvalue()


def _far_row(xml: bytes, cell: bytes) -> bytes:
    return xml.replace(b"</sheetData>", b'<row r="199999">' + cell + b"</row></sheetData>")


EVASIONS = {
    "a far cell": lambda x: _far_row(x, b'<c r="XFD199999"><v>1</v></c>'),
    "attributes in another order": lambda x: _far_row(x, b'<c t="n" s="0" r="XFD199999"><v>1</v></c>'),
    "a '>' inside a quoted attribute": lambda x: _far_row(x, b'<c s="0" x=">" r="XFD199999"><v>1</v></c>'),
    "a namespace prefix": lambda x: _far_row(x, b'<x:c r="XFD199999"><v>1</v></x:c>'),
    "cells without references": lambda x: _far_row(x, b"<c><v>1</v></c>" * 30),
}


@pytest.mark.parametrize("change", EVASIONS.values(), ids=EVASIONS.keys())
def test_a_far_cell_is_found_however_it_is_written(change):
    with pytest.raises(UnsafeFile, match=re.escape("melebihi batas 5.000.000 sel")):
        screen(_rewritten(change), ".xlsx")


def test_empty_formatted_cells_far_away_do_not_count_as_readers_skip_them():
    styled = lambda x: _far_row(x, b'<c r="XFD199999" s="1"/><c r="XFE199999" s="1"></c>')  # noqa: E731
    screen(_rewritten(styled), ".xlsx")


@pytest.mark.parametrize(
    ("content", "suffix"), [(sparse_xlsx(), ".xlsx"), (sparse_xls(), ".xls"), (sparse_ods(), ".ods")]
)
def test_each_workbook_kind_is_measured(content, suffix):
    with pytest.raises(UnsafeFile) as refused:
        screen(content, suffix)
    assert re.search(r"terbentang [\d.]+ baris × [\d.]+ kolom", str(refused.value))


def test_a_large_ordinary_sheet_is_within_the_budget():
    assert MAX_CELLS >= 200_000 * 25
    screen(sparse_xlsx("Y200000"), ".xlsx")  # 200,000 rows of 25 columns


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("laporan\u202excod.xlsx", "laporanxcod.xlsx"),  # right-to-left override: shown as 'laporanxlsx.doc'
        ("data\u200b\u2066tw3\u2069.csv", "datatw3.csv"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\op\\rekap.xlsx", "rekap.xlsx"),
    ],
)
def test_a_file_is_known_by_a_name_that_reads_as_it_is(given, kept):
    from kinerja.workbook.screening import upload_name

    assert upload_name(given) == kept
