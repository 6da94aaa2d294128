"""Looking at an uploaded file before any reader does: what it really is, whether it is safe to open,
and what Excel knows about its cells that the cell values alone hide.

Files come from many hands. A PDF renamed to .xlsx, a workbook with macros or a password, a zip
bomb (a few kilobytes that unpack to gigabytes) or an XML entity bomb must be refused with a reason
before a reader spends memory on them. And a workbook's values alone lose three things a user
would notice: a cell showing ``#DIV/0!`` reads as blank, a formula saved without its result reads
as blank, and a row hidden in Excel reads like any other. ``screen`` finds all of these from the
workbook's XML, which it streams once with a budget.
"""

from __future__ import annotations

import io
import itertools
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.etree import ElementTree

import olefile

from kinerja.domain.numbers import fmt_number

MAX_FILE_BYTES = 50 * 1024 * 1024  # the same limit as the server's upload limit (.streamlit/config.toml)
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # all parts of a workbook once unpacked
MAX_RATIO = 200  # unpacked / packed, for any part over a megabyte; real sheets compress 5–30 times
# rows × columns of a sheet's used range: spreadsheet readers allocate the whole box (a file holding
# A1 and XFD199999 is 3,3 billion cells), so a box over this is refused before any reader opens it.
# 5 million cells is 200,000 rows of 25 columns: twenty times a province's upload.
MAX_CELLS = 5_000_000
_CHUNK = 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
_LOOKS_LIKE = (
    (b"%PDF", "dokumen PDF"),
    (b"{\\rtf", "dokumen RTF"),
    (b"\x89PNG", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
    (b"GIF8", "gambar GIF"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf", "arsip 7-Zip"),
)

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


class UnsafeFile(ValueError):
    """A file refused before reading; the message (Indonesian) says why and what to do."""


class CellError(str):
    """A cell that shows no usable value: an Excel error (``#DIV/0!``) or a formula saved without
    its result. It reads as its text, so names and labels stay readable; number parsing refuses it."""

    def __new__(cls, text: str, reason: str, *, unsaved_formula: bool = False):
        cell = super().__new__(cls, text)
        cell.reason = reason
        cell.unsaved_formula = unsaved_formula
        return cell


@dataclass
class SheetFacts:
    """What the XML says about one sheet's cells (0-based rows and columns)."""

    hidden_rows: set[int] = field(default_factory=set)
    cells: dict[tuple[int, int], CellError] = field(default_factory=dict)


def _refuse_wide(sheet: str, rows: int, columns: int) -> None:
    """A sheet whose used range (the box from A1 to its farthest cell) a reader could not hold."""
    if rows * columns > MAX_CELLS:
        raise UnsafeFile(
            f"sheet {sheet} terbentang {fmt_number(rows)} baris × {fmt_number(columns)} kolom "
            f"({fmt_number(rows * columns)} sel), melebihi batas {fmt_number(MAX_CELLS)} sel: ada isi atau format di sel "
            "yang sangat jauh. Hapus baris dan kolom kosong di ujung sheet (Ctrl+End menunjukkan sel terjauh), "
            "simpan, lalu unggah lagi"
        )


def upload_name(file_name: str) -> str:
    """The name an uploaded file is known by: its last part after any / or \\ (a crafted name
    cannot point into another folder), without control or bidirectional characters, at most 120
    characters."""
    name = re.split(r"[/\\]", file_name)[-1]
    # control characters, and the invisible ones that reorder or hide text ('laporan\u202excod.xlsx'
    # shows as 'laporanxlsx.doc'): a name reads as it is
    name = re.sub(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]", "", name)
    name = name.strip().lstrip(".") or "berkas"
    return name[-120:]


def size_text(size: int) -> str:
    return f"{fmt_number(size / 1024 / 1024, 1)} MB"


def screen(content: bytes, suffix: str) -> dict[str, SheetFacts]:
    """Refuse (UnsafeFile) what must not be opened; for an xlsx, each sheet's facts by sheet name."""
    if len(content) > MAX_FILE_BYTES:
        raise UnsafeFile(
            f"berkas {size_text(len(content))} melebihi batas {size_text(MAX_FILE_BYTES)}; "
            "pisahkan per unit atau hapus sheet yang tidak perlu"
        )
    if suffix in {".csv", ".txt", ".tsv", ".json"}:
        return {}
    _refuse_foreign(content, suffix)
    if content.startswith(_OLE):
        if _ENCRYPTED_STREAM in content:
            raise UnsafeFile("buku kerja dilindungi kata sandi; buka di Excel, hapus kata sandinya, lalu unggah lagi")
        _refuse_wide_biff(content)
        return {}
    if not content.startswith(b"PK"):
        return {}  # the reader says it cannot read it
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnsafeFile("berkas rusak atau terpotong (arsip tidak lengkap); simpan ulang lalu unggah lagi") from exc
    names = {p.filename for p in parts}
    if any(PurePosixPath(n).name.lower() == "vbaproject.bin" for n in names):
        raise UnsafeFile(
            "buku kerja berisi makro (VBA) yang tidak diterima; simpan sebagai 'Buku Kerja Excel (*.xlsx)' lalu unggah lagi"
        )
    return _unpack_and_read(archive, parts)


# --- the used range of a sheet, before any reader allocates it ----------------------------------

_BIFF_CELLS = {0x0006, 0x00BD, 0x00BE, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}  # records of one cell or a run
_BIFF_RUNS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: a row's run of cells, its last column in the record's last bytes


def _refuse_wide_biff(content: bytes) -> None:
    """An old Excel (.xls) workbook's sheets, by the rows and columns its cell records name (the
    BIFF stream; its DIMENSIONS record can lie, the readers go by the cells)."""
    try:
        with olefile.OleFileIO(content) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            stream = ole.openstream(name).read() if name else b""
    except (OSError, ValueError):  # not a compound file olefile can read: the reader says so
        return
    names: list[str] = []
    sheet, rows, columns, position = -1, 0, 0, 0  # substream 0 is the workbook's own, sheet k its k-th sheet
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4 : position + 4 + length]
        if kind == 0x0085:  # BOUNDSHEET: a sheet's name, in the order the sheets follow
            names.append(_biff_name(body))
        elif kind == 0x0809:  # the next substream begins: the sheet before it is done
            _refuse_wide(_nth(names, sheet - 1), rows, columns)
            sheet, rows, columns = sheet + 1, 0, 0
        elif kind in _BIFF_CELLS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            if kind in _BIFF_RUNS and len(body) >= 6:
                column = struct.unpack_from("<H", body, len(body) - 2)[0]
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        position += 4 + length
    _refuse_wide(_nth(names, sheet - 1), rows, columns)


def _biff_name(body: bytes) -> str:
    """A BOUNDSHEET record's sheet name (BIFF8: a length, a flag for 16-bit characters, the name)."""
    if len(body) < 8:
        return ""
    count, wide = body[6], body[7] & 1
    raw = body[8 : 8 + count * (2 if wide else 1)]
    return raw.decode("utf-16-le" if wide else "latin-1", "replace")


def _nth(names: list[str], index: int) -> str:
    return names[index] if 0 <= index < len(names) and names[index] else f"ke-{index + 1}"


# a start tag, its quoted attribute values kept whole (a '>' inside quotes does not end it)
_TAG = rb"""<(?:\w+:)?%s(?=[\s/>])((?:[^>"']+|"[^"]*"|'[^']*')*)>"""  # any namespace prefix (<x:c …>)
_ROW_OR_CELL = re.compile(_TAG % rb"(row|c)")
_REF = re.compile(rb"""\br\s*=\s*["']([A-Z]{0,3})(\d+)["']""")


_CELL_WITH_REF = re.compile(rb'<c\s[^>]*?\br="([A-Z]{1,3})(\d+)"')


def _xlsx_bound(xml: bytes) -> tuple[int, int] | None:
    """(rows, columns) at least as large as a sheet's box, read fast where every cell carries its
    reference (as Excel and LibreOffice write them; empty cells counted too), else None."""
    if b":c " in xml or b":c>" in xml or b":c/" in xml:
        return None  # cells with a namespace prefix (<x:c …>), or text that looks like one: the exact reading
    refs = _CELL_WITH_REF.findall(xml)
    if len(refs) != xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/"):
        return None  # a cell without its reference, or one the fast pattern cannot read
    if not refs:
        return 0, 0
    letters = {letters for letters, _ in refs}
    widest = max(letters, key=lambda text: (len(text), text))
    return max(map(int, (number for _, number in refs))), _column_index(widest.decode()) + 1


def _xlsx_extent(xml: bytes) -> tuple[int, int]:
    """(rows, columns) of the box from A1 to the farthest cell a sheet's XML holds: rows and cells
    in document order, each at its reference or, without one, after the one before it (as the
    readers place them). Cells written empty (``<c …/>``, formatting only) do not stretch the box."""
    rows = columns = row = column = 0
    for match in _ROW_OR_CELL.finditer(xml):
        attributes = match.group(2)
        ref = _REF.search(attributes)
        if match.group(1) == b"row":
            row, column = (int(ref.group(2)) if ref else row + 1), 0
            continue
        if ref:
            column = _column_index(ref.group(1).decode()) + 1 if ref.group(1) else column + 1
            row = int(ref.group(2))
        else:
            column += 1
        if not attributes.endswith(b"/") and not xml.startswith(b"</", match.end()):  # <c …/>, <c …></c>: empty
            rows, columns = max(rows, row), max(columns, column)
    return rows, columns


_ODS_ROW = re.compile(_TAG % rb"table-row")
_ODS_CELL = re.compile(_TAG % rb"(?:covered-)?table-cell")
_ODS_TABLE = re.compile(_TAG % rb"table")
_REPEAT_ROWS = re.compile(rb"""table:number-rows-repeated\s*=\s*["'](\d+)["']""")
_REPEAT_COLUMNS = re.compile(rb"""table:number-columns-repeated\s*=\s*["'](\d+)["']""")
_ODS_CONTENT = re.compile(rb"office:value-type|<text:")
_ODS_NAME = re.compile(rb"""table:name\s*=\s*["']([^"']*)["']""")


def _refuse_wide_ods(xml: bytes) -> None:
    """An OpenDocument spreadsheet's tables, by their rows and cells as written, repeats counted
    ('number-rows-repeated'); the trailing empty rows and cells LibreOffice writes do not count."""
    found = list(_ODS_TABLE.finditer(xml))
    tables = [m.start() for m in found] + [len(xml)]
    for number, (start, end) in enumerate(itertools.pairwise(tables), start=1):
        name = _ODS_NAME.search(found[number - 1].group(1))
        rows = columns = row = 0
        row_starts = [m for m in _ODS_ROW.finditer(xml, start, end)]
        for i, match in enumerate(row_starts):
            repeat = _REPEAT_ROWS.search(match.group(1))
            row += int(repeat.group(1)) if repeat else 1
            body_end = row_starts[i + 1].start() if i + 1 < len(row_starts) else end
            column = filled = 0
            for cell in _ODS_CELL.finditer(xml, match.end(), body_end):
                span = _REPEAT_COLUMNS.search(cell.group(1))
                column += int(span.group(1)) if span else 1
                following = xml[cell.end() : cell.end() + 200]
                if _ODS_CONTENT.search(cell.group(1)) or (not cell.group(1).endswith(b"/") and b"<text:" in following):
                    filled = column
            if filled:
                rows, columns = row, max(columns, filled)
        _refuse_wide(name.group(1).decode("utf-8", "replace") if name else f"ke-{number}", rows, columns)


def _refuse_foreign(content: bytes, suffix: str) -> None:
    for magic, kind in _LOOKS_LIKE:
        if content.startswith(magic):
            raise UnsafeFile(f"berkas berakhiran {suffix} ini sebenarnya {kind}, bukan buku kerja Excel")
    head = content[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table")):
        raise UnsafeFile(
            f"berkas {suffix} ini sebenarnya halaman HTML (ekspor aplikasi lain); buka di Excel lalu "
            "simpan sebagai 'Buku Kerja Excel (*.xlsx)'"
        )


def _unpack_and_read(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> dict[str, SheetFacts]:
    """Unpack every part within the budget, refusing DTDs (entity bombs); read the sheets' facts.
    Declared sizes can lie, so the budget counts the bytes actually unpacked."""
    sheet_paths = _sheet_paths(archive)
    facts: dict[str, SheetFacts] = {}
    total = 0
    for part in parts:
        if part.is_dir():
            continue
        data = _unpack(archive, part, MAX_UNPACKED_BYTES - total)
        total += len(data)
        if part.filename.endswith((".xml", ".rels", ".vml")):
            _refuse_dtd(part.filename, data)
        if part.filename in sheet_paths:
            bound = _xlsx_bound(data)
            if bound is None or bound[0] * bound[1] > MAX_CELLS:  # the exact reading decides
                _refuse_wide(sheet_paths[part.filename], *_xlsx_extent(data))
            facts[sheet_paths[part.filename]] = sheet_facts(data)
        elif part.filename == "content.xml":  # an OpenDocument spreadsheet (.ods)
            _refuse_wide_ods(data)
    return facts


def _unpack(archive: zipfile.ZipFile, part: zipfile.ZipInfo, budget: int) -> bytes:
    out = bytearray()
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > budget:
                    raise UnsafeFile(
                        f"isi berkas membengkak melebihi {size_text(MAX_UNPACKED_BYTES)} saat dibuka (bom zip); berkas ditolak"
                    )
                if len(out) > _CHUNK and len(out) > MAX_RATIO * max(part.compress_size, 1):
                    raise UnsafeFile(
                        f"bagian {part.filename} membengkak lebih dari {MAX_RATIO} kali saat dibuka (bom zip); berkas ditolak"
                    )
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnsafeFile(
            f"berkas rusak atau terenkripsi ({part.filename} tidak dapat dibuka); simpan ulang lalu unggah lagi"
        ) from exc
    return bytes(out)


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """{'xl/worksheets/sheet1.xml': 'Data', …} from the workbook and its relationships."""
    try:
        workbook = ElementTree.fromstring(_small_part(archive, "xl/workbook.xml"))
        rels = ElementTree.fromstring(_small_part(archive, "xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}  # not an xlsx (an .ods, or broken): the reader decides
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    paths = {}
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        paths[path] = sheet.get("name", "")
    return paths


def _small_part(archive: zipfile.ZipFile, name: str) -> bytes:
    data = _unpack(archive, archive.getinfo(name), 8 * 1024 * 1024)
    _refuse_dtd(name, data)
    return data


def _refuse_dtd(name: str, data: bytes) -> None:
    """Excel never writes a DTD; one in a part is how an XML entity bomb starts."""
    if re.search(rb"<!(DOCTYPE|ENTITY)", data[:4096]):
        raise UnsafeFile(f"bagian {name} memuat deklarasi DTD/ENTITY yang tidak dipakai Excel; berkas ditolak")


# Regular expressions over the sheet's XML rather than a parser: a 50,000-row sheet is tens of
# megabytes of XML, and what is looked for (hidden rows, error cells, formulas) is rare.
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_ERROR_CELL = re.compile(rb'<c\b[^>]*?\bt="e"[^>]*>')
_FORMULA = re.compile(rb"<f\b")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def sheet_facts(xml: bytes) -> SheetFacts:
    """Hidden rows, error cells and formulas saved without a result, from one sheet's XML."""
    facts = SheetFacts()
    # each pattern needs its attribute written out: a sheet without one (nearly every sheet) is not scanned tag by tag
    for match in _HIDDEN_ROW.finditer(xml) if b'hidden="' in xml else ():
        number = _ROW_NUMBER.search(match.group(0))
        if number:
            facts.hidden_rows.add(int(number.group(1)) - 1)
    for match in _ERROR_CELL.finditer(xml) if b't="e"' in xml else ():
        cell = _cell_at(xml, match.start())
        value = _VALUE.search(cell)
        text = value.group(1).decode("utf-8", "replace") if value else "#ERROR"
        _note(facts, cell, CellError(text, f"sel berisi galat Excel {text}; perbaiki rumusnya atau ketik angkanya"))
    for match in _FORMULA.finditer(xml):
        cell = _cell_at(xml, match.start())
        value = _VALUE.search(cell)
        if not value or not value.group(1):
            _note(
                facts,
                cell,
                CellError(
                    "(rumus tanpa hasil)",
                    "sel berisi rumus tanpa hasil tersimpan; buka berkas di Excel, simpan ulang, lalu unggah lagi",
                    unsaved_formula=True,
                ),
            )
    return facts


def _cell_at(xml: bytes, inside: int) -> bytes:
    start = xml.rfind(b"<c ", 0, inside + 3)
    end = xml.find(b"</c>", inside)
    return xml[start : end if end != -1 else inside + 200]


def _note(facts: SheetFacts, cell: bytes, error: CellError) -> None:
    ref = _CELL_REF.search(cell[: cell.find(b">") + 1])
    if ref:
        facts.cells[int(ref.group(2)) - 1, _column_index(ref.group(1).decode())] = error


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1
