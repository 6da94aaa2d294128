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
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.etree import ElementTree

from kinerja.domain.numbers import fmt_number

MAX_FILE_BYTES = 50 * 1024 * 1024  # the same limit as the server's upload limit (.streamlit/config.toml)
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # all parts of a workbook once unpacked
MAX_RATIO = 200  # unpacked / packed, for any part over a megabyte; real sheets compress 5–30 times
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


def upload_name(file_name: str) -> str:
    """The name an uploaded file is known by: its last part after any / or \\ (a crafted name
    cannot point into another folder), without control characters, at most 120 characters."""
    name = re.split(r"[/\\]", file_name)[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".") or "berkas"
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
            facts[sheet_paths[part.filename]] = sheet_facts(data)
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
    for match in _HIDDEN_ROW.finditer(xml):
        number = _ROW_NUMBER.search(match.group(0))
        if number:
            facts.hidden_rows.add(int(number.group(1)) - 1)
    for match in _ERROR_CELL.finditer(xml):
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
