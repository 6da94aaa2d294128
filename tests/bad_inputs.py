"""The bad-input corpus: files that must be refused, each built from a file that is accepted (the
base) with one thing wrong, and what the user must be told and where.

Data cases are P2P's TW III 2026 figures (the demo's plan), uploaded with unit P2P, 2026, TW III
chosen; plan cases are a 2027 PK + Rencana Aksi. ``tests/test_bad_inputs.py`` runs each through
the library (as the command line does) and through the pages (as a user does).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from kinerja.collection.datafile import Period
from tests.workbooks import renja_form_workbook, xlsx

FIXTURES = Path(__file__).parent / "fixtures"
GIVEN = Period(2026, 3, "P2P")


@dataclass(frozen=True)
class Case:
    """One bad file: what it is, how it is built, and the message and place the user must see."""

    id: str
    kind: str  # "data" or "plan"
    file_name: str
    build: Callable[[], bytes]
    message: str  # a part of the message (Indonesian), matched case-insensitively
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # the column's letter
    given: Period = GIVEN
    actor: str | None = None  # an account to act as (else the command line's system actor)
    warning: bool = False  # a warning: held until the user confirms it
    page: bool = True  # also uploaded on its page (not where the page itself supplies what is missing)


# --- the bases --------------------------------------------------------------------------------

DATA_TITLE = [["LAPORAN REALISASI KINERJA BIDANG P2P"], ["TRIWULAN III TAHUN 2026"], []]
DATA_HEADER = ["No", "Kode", "Indikator Kinerja", "Satuan", "Target TW III", "Realisasi", "Faktor Penghambat"]
DATA_ROWS = [
    [1, "IK10", "Angka kesakitan DBD per 100.000 penduduk", "per 100.000", 8, 6, ""],
    [2, "IK12", "Jumlah kasus malaria indigenous", "kasus", 0, 0, ""],
]
FIRST_DATA_ROW = 5  # Excel's row number of DATA_ROWS[0]


def data_rows(**changes: object) -> list[list[object]]:
    """The base sheet's rows; ``cell_F5=…`` style keyword changes one cell."""
    rows = [list(r) for r in DATA_TITLE] + [list(DATA_HEADER)] + [list(r) for r in DATA_ROWS]
    for ref, value in changes.items():
        letter, number = re.fullmatch(r"cell_([A-Z])(\d+)", ref).groups()
        row = rows[int(number) - 1]
        col = ord(letter) - 65
        row.extend([""] * (col + 1 - len(row)))
        row[col] = value
    return rows


def workbook(sheets: dict[str, list[list[object]]], *, merges=None, hidden_rows=None, hidden_sheets=()) -> bytes:
    return xlsx(sheets, merges, hidden_rows=hidden_rows, hidden_sheets=hidden_sheets)


def data_base() -> bytes:
    return workbook({"Realisasi": data_rows()})


PLAN_HEADER = ["No", "Sasaran Strategis", "Kode", "Indikator Kinerja", "Satuan", "Target"]
PLAN_HEADER += ["TW I", "TW II", "TW III", "TW IV", "Polaritas", "Agregasi", "Penanggung Jawab", "IKU", "Bobot"]
PLAN_ROWS = [
    [
        1,
        "Menurunnya angka kesakitan",
        "PX01",
        "Angka kesakitan DBD",
        "per 100.000",
        30,
        7,
        8,
        8,
        7,
        "Negatif",
        "Kumulatif",
        "P2P",
        "Ya",
        1,
    ],
    [
        2,
        None,
        "PX02",
        "Cakupan imunisasi dasar lengkap",
        "%",
        95,
        95,
        95,
        95,
        95,
        "Positif",
        "Nilai Akhir",
        "P2P",
        "Tidak",
        1,
    ],
    [
        3,
        "Meningkatnya gizi masyarakat",
        "PX03",
        "Prevalensi stunting",
        "%",
        14,
        16,
        15.5,
        15,
        14,
        "Negatif",
        "Nilai Akhir",
        "KESMAS",
        "Ya",
        1,
    ],
]
PLAN_FIRST_ROW = 4


def plan_rows(year: int = 2027, **changes: object) -> list[list[object]]:
    rows = [["PERJANJIAN KINERJA DAN RENCANA AKSI"], [f"DINAS KESEHATAN KABUPATEN SUKAMAJU TAHUN {year}"]]
    rows += [list(PLAN_HEADER)] + [list(r) for r in PLAN_ROWS]
    for ref, value in changes.items():
        letter, number = re.fullmatch(r"cell_([A-Z])(\d+)", ref).groups()
        rows[int(number) - 1][ord(letter) - 65] = value
    return rows


def _without_columns(rows: list[list[object]], columns: set[int]) -> list[list[object]]:
    return [[value for i, value in enumerate(row) if i not in columns] for row in rows]


def plan_base() -> bytes:
    return workbook({"PK 2027": plan_rows()})


# --- ways to spoil a workbook ---------------------------------------------------------------------


def rewrite_part(content: bytes, part: str, change: Callable[[bytes], bytes], extra: dict[str, bytes] | None = None):
    """The workbook with one of its XML parts changed (and parts added)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(data) if info.filename == part else data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def error_cell(content: bytes, ref: str, error: str) -> bytes:
    """``ref`` shows an Excel error, as Excel saves a failed formula."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(/>|>.*?</c>)')
    cell = f'<c r="{ref}" t="e"><f>1/0</f><v>{error}</v></c>'.encode()
    return rewrite_part(content, SHEET, lambda xml: pattern.sub(cell, xml, count=1))


def with_macros(content: bytes) -> bytes:
    return rewrite_part(content, "", lambda x: x, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})


def zip_bomb(content: bytes) -> bytes:
    """The sheet padded with 150 MB of spaces: about 150 KB packed."""
    padding = b" " * (150 * 1024 * 1024)
    return rewrite_part(content, SHEET, lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + padding, 1))


def entity_bomb(content: bytes) -> bytes:
    """'Billion laughs' in the shared strings: ten levels of ten references."""
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{"".join(f"&lol{n - 1};" for _ in range(10))}">' for n in range(1, 10)
    ]
    doctype = f"<!DOCTYPE sst [{''.join(levels)}]>"
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    ).encode()
    return rewrite_part(content, "xl/sharedStrings.xml", lambda x: strings, {"xl/sharedStrings.xml": strings})


def huge(content: bytes) -> bytes:
    """A real workbook followed by 100 MB, as a file that big arrives."""
    return content + b"\0" * (100 * 1024 * 1024)


def csv_text(rows: list[list[object]], separator: str) -> str:
    return "\r\n".join(separator.join("" if v is None else str(v) for v in row) for row in rows)


def csv_data(separator: str, encoding: str, **changes: object) -> bytes:
    text = csv_text(data_rows(**changes), separator)
    return text.encode(encoding) if encoding != "utf-16" else "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")


# a Realisasi column of decimal commas with one figure written with a dot (59.89 for 59.890)
P2P_COMMA_COLUMN = [
    *DATA_TITLE,
    ["Kode", "Indikator Kinerja", "Satuan", "Realisasi"],
    ["IK10", "Angka kesakitan DBD per 100.000 penduduk", "per 100.000", "6,5"],
    ["IK12", "Jumlah kasus malaria indigenous", "kasus", "0"],
    ["IK09", "Angka keberhasilan pengobatan TBC", "%", "88,5"],
    ["IK11", "Cakupan imunisasi dasar lengkap", "%", "91.5"],
]
# a ratio with its numerator and no denominator
P2P_COUNTS = [
    *DATA_TITLE,
    ["Kode", "Indikator Kinerja", "Realisasi", "Pembilang", "Penyebut"],
    ["IK09", "Angka keberhasilan pengobatan TBC", None, 45, None],
]
# a long sheet whose TW I figure (a quarter whose report is final) differs from the stored 19,62
P2P_FINAL_QUARTER = [
    ["LAPORAN REALISASI KINERJA BIDANG P2P TAHUN 2026"],
    [],
    [],
    ["Kode", "Indikator Kinerja", "Triwulan", "Satuan", "Realisasi"],
    ["IK10", "Angka kesakitan DBD per 100.000 penduduk", "TW I", "per 100.000", 20],
    ["IK10", "Angka kesakitan DBD per 100.000 penduduk", "TW III", "per 100.000", 6],
]


def empty_renja_form() -> bytes:
    """The Permendagri 86 evaluation form as a planner downloads it from another system before it is
    filled: its title, its four header rows and the banner, no row of data."""
    book = openpyxl.load_workbook(io.BytesIO(renja_form_workbook()))
    book.active.delete_rows(11, book.active.max_row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sparse_xlsx(far: str = "XFD199999", near: str = "A1") -> bytes:
    """4.7 KB that a reader would unfold into a box of rows × columns: two cells, one far away."""
    from openpyxl import Workbook

    book = Workbook()
    book.active[near] = "Realisasi"
    book.active[far] = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sparse_xls() -> bytes:
    """An old Excel workbook (the LibreOffice-made fixture) whose one number cell is moved to the
    sheet's last row and column (IV65536), the BIFF record rewritten in place."""
    import struct

    import olefile

    content = (FIXTURES / "unit-tw3.xls").read_bytes()
    with olefile.OleFileIO(content) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
    position = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        if kind == 0x027E:  # RK: row, column, value
            struct.pack_into("<HH", stream, position + 4, 65535, 255)
            break
        position += 4 + length
    buffer = io.BytesIO(content)
    with olefile.OleFileIO(buffer, write_mode=True) as ole:  # the same length: written in place
        ole.write_stream("Workbook", bytes(stream))
    return buffer.getvalue()


def sparse_ods() -> bytes:
    """An OpenDocument sheet with a cell at A1 and one at XFD200000, the rows and columns between
    them written as repeats."""
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    rows = (
        f"<table:table-row>{cell.format('Realisasi')}</table:table-row>"
        '<table:table-row table:number-rows-repeated="199998"><table:table-cell/></table:table-row>'
        f'<table:table-row><table:table-cell table:number-columns-repeated="16383"/>{cell.format("1")}</table:table-row>'
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Data">{rows}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


DEEP_JSON = b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
HTML = (
    b"<html><body><table><tr><td>Kode</td><td>Realisasi</td></tr><tr><td>IK10</td><td>6</td></tr></table></body></html>"
)


# --- the corpus -----------------------------------------------------------------------------------

R = FIRST_DATA_ROW  # the first data row (IK10); R + 1 is IK12


def _data_cases() -> list[Case]:
    cell = f"cell_F{R}"
    return [
        Case("kosong-xlsx", "data", "p2p.xlsx", lambda: b"", "berkas kosong"),
        Case("kosong-csv", "data", "p2p.csv", lambda: b"", "berkas kosong"),
        Case("csv-hanya-pemisah", "data", "p2p.csv", lambda: b";;;\r\n \r\n;;\r\n", "Tabel data tidak ditemukan"),
        Case("pdf-berganti-nama", "data", "p2p.xlsx", lambda: PDF, "sebenarnya dokumen PDF"),
        Case("png-berganti-nama", "data", "p2p.xls", lambda: PNG, "sebenarnya gambar PNG"),
        Case("html-sebagai-xls", "data", "ekspor-sipd.xls", lambda: HTML, "sebenarnya halaman HTML"),
        Case("docx", "data", "laporan.docx", lambda: b"PK\x03\x04" + b"\0" * 100, "tidak didukung", page=False),
        Case("xlsx-terpotong", "data", "p2p.xlsx", lambda: data_base()[:1500], "rusak"),
        Case(
            "xls-rusak",
            "data",
            "p2p.xls",
            lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 2048,
            "bukan buku kerja",
        ),
        Case(
            "evaluasi-renja-kosong",
            "data",
            "evaluasi-renja.xlsx",
            empty_renja_form,
            "hanya berisi judul",
            "Realisasi TW IV",
        ),
        Case("json-bersarang-dalam", "data", "satudata.json", lambda: DEEP_JSON, "bersarang terlalu dalam"),
        Case(
            "desimal-berlawanan-kolom",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": P2P_COMMA_COLUMN}),
            "ditulis berbeda dari angka lain di kolomnya",
            "Realisasi",
            R + 3,
            "D",
        ),
        Case(
            "rasio-pembilang-saja",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": P2P_COUNTS}),
            "penyebut kosong",
            "Realisasi",
            R,
            "E",
        ),
        Case(
            "mengubah-triwulan-final",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": P2P_FINAL_QUARTER}),
            "Laporan TW I 2026 sudah final",
            "Realisasi",
            R,
            "E",
            given=Period(2026, None, "P2P"),
        ),
        Case("xlsx-jarang-sel-jauh", "data", "p2p.xlsx", sparse_xlsx, "melebihi batas 5.000.000 sel"),
        Case("xls-jarang-sel-jauh", "data", "p2p.xls", sparse_xls, "melebihi batas 5.000.000 sel"),
        Case("ods-jarang-sel-jauh", "data", "p2p.ods", sparse_ods, "melebihi batas 5.000.000 sel"),
        Case("xlsx-200001-baris", "data", "p2p.xlsx", lambda: sparse_xlsx("A200001"), "melebihi batas 200.000 baris"),
        Case("xlsb", "data", "p2p.xlsb", sparse_xlsx, "tidak didukung", page=False),
        Case("xlsm-makro", "data", "p2p.xlsm", lambda: with_macros(data_base()), "makro"),
        Case("kata-sandi", "data", "p2p.xlsx", lambda: (FIXTURES / "berkata-sandi.xlsx").read_bytes(), "kata sandi"),
        Case("bom-zip", "data", "p2p.xlsx", lambda: zip_bomb(data_base()), "bom zip"),
        Case("bom-entitas-xml", "data", "p2p.xlsx", lambda: entity_bomb(data_base()), "DTD/ENTITY"),
        Case("100-mb", "data", "p2p.xlsx", lambda: huge(data_base()), "melebihi batas"),
        Case(
            "csv-utf16-tab",
            "data",
            "p2p.csv",
            lambda: csv_data("\t", "utf-16", **{cell: "enam"}),
            "bukan angka",
            "p2p",
            R,
            "F",
        ),
        Case(
            "csv-cp1252-titik-koma",
            "data",
            "p2p.csv",
            lambda: csv_data(";", "cp1252", **{cell: "6–7"}),
            "bukan angka",
            "p2p",
            R,
            "F",
        ),
        Case(
            "csv-koma-tanggal",
            "data",
            "p2p.csv",
            lambda: csv_data(",", "utf-8", **{cell: "12/03/2026"}),
            "bukan angka",
            "p2p",
            R,
            "F",
        ),
        Case(
            "csv-tab-ribuan",
            "data",
            "p2p.tsv",
            lambda: csv_data("\t", "utf-8", **{cell: "1.23.4"}),
            "pemisah ribuan",
            "p2p",
            R,
            "F",
        ),
        Case(
            "csv-rumus",
            "data",
            "p2p.csv",
            lambda: csv_data(";", "utf-8", **{cell: "=1/0"}),
            "bukan angka",
            "p2p",
            R,
            "F",
        ),
        Case(
            "rumus-tanpa-hasil",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows(**{cell: "=E5*0.75"})}),
            "rumus tanpa hasil",
            "Realisasi",
            R,
            "F",
        ),
        Case(
            "galat-div0",
            "data",
            "p2p.xlsx",
            lambda: error_cell(data_base(), f"F{R}", "#DIV/0!"),
            "#DIV/0!",
            "Realisasi",
            R,
            "F",
        ),
        Case(
            "galat-ref",
            "data",
            "p2p.xlsx",
            lambda: error_cell(data_base(), f"F{R + 1}", "#REF!"),
            "#REF!",
            "Realisasi",
            R + 1,
            "F",
        ),
        Case(
            "galat-na",
            "data",
            "p2p.xlsx",
            lambda: error_cell(data_base(), f"F{R}", "#N/A"),
            "#N/A",
            "Realisasi",
            R,
            "F",
        ),
        Case(
            "tanggal-di-kolom-angka",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows(**{cell: dt.datetime(2026, 6, 7)})}),
            "berisi tanggal",
            "Realisasi",
            R,
            "F",
        ),
        Case(
            "nilai-negatif",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows(**{cell: -6})}),
            "Nilai negatif",
            "Realisasi",
            R,
            "F",
            warning=True,
        ),
        Case(
            "nilai-mustahil",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows(**{cell: 6e16})}),
            "tidak masuk akal",
            "Realisasi",
            R,
            "F",
        ),
        Case(
            "persen-mustahil",
            "data",
            "kesmas.xlsx",
            lambda: workbook(
                {"Realisasi": [[*DATA_HEADER[1:3], "Realisasi"], ["IK05", "Prevalensi stunting pada balita", 8500]]}
            ),
            "tidak masuk akal sebagai persentase",
            "Realisasi",
            2,
            "C",
            Period(2026, 3, "KESMAS"),
        ),
        Case(
            "sel-gabung-melintasi-data",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows()}, merges={"Realisasi": [f"F{R}:F{R + 1}"]}),
            "digabung",
            "Realisasi",
            R + 1,
            "F",
        ),
        Case(
            "baris-tersembunyi",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows()}, hidden_rows={"Realisasi": [R + 1]}),
            "disembunyikan",
            "Realisasi",
            R + 1,
            warning=True,
        ),
        Case(
            "sheet-tersembunyi",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Sampul": [["LAPORAN P2P"]], "Data": data_rows()}, hidden_sheets=("Data",)),
            "Sheet 'Data' disembunyikan",
            "Data",
        ),
        Case(
            "indikator-ganda",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": [*data_rows(), [3, "IK10", "Angka kesakitan DBD", "", 8, 7, ""]]}),
            "Baris ganda",
            "Realisasi",
            R + 2,
        ),
        Case(
            "kode-tidak-ada",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows(**{f"cell_B{R}": "IK99", f"cell_C{R}": ""})}),
            "tidak ada dalam rencana",
            "Realisasi",
            R,
            "B",
        ),
        Case(
            "unit-tidak-ada",
            "data",
            "p2p.xlsx",
            lambda: workbook(
                {"Realisasi": data_rows(cell_H4="Unit", **{f"cell_H{R}": "PUSKESMAS X", f"cell_H{R + 1}": "P2P"})}
            ),
            "Unit tidak dikenal",
            "Realisasi",
            R,
            "H",
        ),
        Case(
            "tahun-tanpa-rencana",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows(cell_A2="TRIWULAN III TAHUN 2031")}),
            "Tidak ada rencana kinerja untuk tahun 2031",
            "Realisasi",
            R,
            given=Period(None, 3, "P2P"),
            page=False,
        ),
        Case(
            "triwulan-tidak-ada",
            "data",
            "p2p.xlsx",
            lambda: workbook(
                {
                    "Realisasi": data_rows(
                        cell_A2="TAHUN 2026", cell_H4="Triwulan", **{f"cell_H{R}": "V", f"cell_H{R + 1}": "III"}
                    )
                }
            ),
            "Triwulan",
            "Realisasi",
            R,
            "H",
            Period(2026, None, "P2P"),
        ),
        Case(
            "periode-terkunci",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows(cell_A2="TRIWULAN I TAHUN 2026")}),
            "sudah final",
            given=Period(2026, 1, "P2P"),
        ),
        Case(
            "unit-lain",
            "data",
            "kesmas.xlsx",
            lambda: workbook(
                {"Realisasi": [[*DATA_HEADER[1:3], "Realisasi"], ["IK07", "Jumlah desa lokus stunting", 3]]}
            ),
            "tanggung jawab unit KESMAS",
            "Realisasi",
            2,
            "A",
            actor="operator.p2p",
        ),
        Case(
            "unit-lain-dipilih",
            "data",
            "kesmas.xlsx",
            lambda: workbook({"Realisasi": [["Kode", "Realisasi"], ["IK07", 3]]}),
            "tidak berwenang",
            given=Period(2026, 3, "KESMAS"),
            actor="operator.p2p",
            page=False,  # the page offers an operator only its own unit
        ),
        Case(
            "nama-berisi-skrip",
            "data",
            "p2p.xlsx",
            lambda: workbook(
                {"Realisasi": data_rows(**{f"cell_B{R}": "", f"cell_C{R}": "<script>alert('x')</script>"})}
            ),
            "Indikator tidak ditemukan",
            "Realisasi",
            R,
            "C",
        ),
        Case(
            "nama-berisi-rumus",
            "data",
            "p2p.csv",
            lambda: csv_data(
                ";", "utf-8", **{f"cell_B{R}": "", f"cell_C{R}": '=HYPERLINK("http://contoh.invalid","klik")'}
            ),
            "Indikator tidak ditemukan",
            "p2p",
            R,
            "C",
        ),
        Case(
            "penyebut-nol",
            "data",
            "p2p.xlsx",
            lambda: workbook(
                {
                    "Realisasi": [
                        ["Kode", "Indikator Kinerja", "Pembilang", "Penyebut"],
                        ["IK11", "Cakupan imunisasi dasar lengkap", 0, 0],
                    ]
                }
            ),
            "Penyebut tidak boleh nol",
            "Realisasi",
            2,
            "D",
        ),
        Case(
            "tanpa-angka",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows(**{f"cell_F{R}": "", f"cell_F{R + 1}": ""})}),
            "Belum ada angka realisasi",
            "Realisasi",
        ),
        Case(
            "teks-di-kolom-angka",
            "data",
            "p2p.xlsx",
            lambda: workbook({"Realisasi": data_rows(**{cell: "delapan"})}),
            "bukan angka",
            "Realisasi",
            R,
            "F",
        ),
        Case(
            "tautan-bukti-javascript",
            "data",
            "p2p.xlsx",
            lambda: workbook(
                {"Realisasi": data_rows(cell_H4="Bukti Dukung", **{f"cell_H{R}": "javascript:alert(document.cookie)"})}
            ),
            "Bukti dukung harus berupa tautan",
            "Realisasi",
            R,
            "H",
        ),
    ]


P = PLAN_FIRST_ROW


def _plan_cases() -> list[Case]:
    return [
        Case("rencana-kosong", "plan", "pk.xlsx", lambda: b"", "berkas kosong"),
        Case("rencana-pdf", "plan", "pk.xlsx", lambda: PDF, "sebenarnya dokumen PDF"),
        Case("rencana-evaluasi-renja-kosong", "plan", "evaluasi-renja.xlsx", empty_renja_form, "hanya berisi judul"),
        Case("rencana-json-bersarang-dalam", "plan", "rencana.json", lambda: DEEP_JSON, "bersarang terlalu dalam"),
        Case(
            "rencana-tanpa-polaritas-agregasi",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": _without_columns(plan_rows(), {10, 11})}),
            "Polaritas tidak diketahui untuk 3 indikator baru: kolom Polaritas tidak ada di berkas",
            "PK 2027",
            page=False,  # the page asks for them instead (tests/planning/test_unsaid.py)
        ),
        Case(
            "rencana-tanpa-penanggung-jawab",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": _without_columns(plan_rows(), {12})}),
            "Penanggung Jawab tidak diketahui untuk 3 indikator",
            "PK 2027",
            page=False,  # the page asks for the unit instead
        ),
        Case("rencana-jarang-sel-jauh", "plan", "pk.xlsx", sparse_xlsx, "melebihi batas 5.000.000 sel"),
        Case("rencana-makro", "plan", "pk.xlsm", lambda: with_macros(plan_base()), "makro"),
        Case(
            "rencana-kata-sandi",
            "plan",
            "pk.xlsx",
            lambda: (FIXTURES / "berkata-sandi.xlsx").read_bytes(),
            "kata sandi",
        ),
        Case("rencana-bom-zip", "plan", "pk.xlsx", lambda: zip_bomb(plan_base()), "bom zip"),
        Case("rencana-bom-entitas", "plan", "pk.xlsx", lambda: entity_bomb(plan_base()), "DTD/ENTITY"),
        Case("rencana-100-mb", "plan", "pk.xlsx", lambda: huge(plan_base()), "melebihi batas"),
        Case(
            "rencana-tanpa-kolom-indikator",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows(cell_D3="Uraian")}),
            "Kolom wajib tidak ditemukan: Indikator Kinerja",
            "PK 2027",
            3,
        ),
        Case(
            "polaritas-asing",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows(**{f"cell_K{P}": "naik-turun"})}),
            "Polaritas tidak dikenal",
            "PK 2027",
            P,
            "K",
        ),
        Case(
            "target-teks",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows(**{f"cell_F{P}": "tiga puluh"})}),
            "Target harus berupa angka",
            "PK 2027",
            P,
            "F",
        ),
        Case(
            "target-tanggal",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows(**{f"cell_F{P + 1}": dt.datetime(2027, 9, 5)})}),
            "berisi tanggal",
            "PK 2027",
            P + 1,
            "F",
        ),
        Case(
            "target-galat-value",
            "plan",
            "pk.xlsx",
            lambda: error_cell(plan_base(), f"F{P + 2}", "#VALUE!"),
            "#VALUE!",
            "PK 2027",
            P + 2,
            "F",
        ),
        Case(
            "kode-indikator-ganda",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows(**{f"cell_C{P + 1}": "PX01"})}),
            "Kode indikator ganda",
            "PK 2027",
            P + 1,
            "C",
        ),
        # an unknown unit in Penanggung Jawab is no longer bad input: it becomes a new unit, with a
        # warning (tests/planning/test_matching.py), and is refused only with --strict
        Case(
            "rencana-aksi-tidak-sampai-target",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows(**{f"cell_J{P + 1}": 90})}),
            "TW IV",
            "PK 2027",
            P + 1,
        ),
        Case(
            "tahun-tidak-diketahui",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK": plan_rows(cell_A2="DINAS KESEHATAN KABUPATEN SUKAMAJU")}),
            "Tahun rencana tidak diketahui",
            page=False,
        ),
        Case(
            "sasaran-berisi-html",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows(**{f"cell_B{P}": "<b onmouseover=alert(1)>Menurunnya</b>"})}),
            "tag HTML",
            "PK 2027",
            P,
            "B",
        ),
        Case(
            "unit-berisi-skrip",
            "plan",
            "pk.xlsx",
            lambda: workbook(
                {
                    "PK 2027": plan_rows(),
                    "Unit Kerja": [["Kode Unit", "Nama Unit"], ["UPT1", "<img src=x onerror=alert(1)>"]],
                }
            ),
            "tag HTML",
            "Unit Kerja",
            2,
            "B",
        ),
        Case(
            "tahun-terkunci",
            "plan",
            "pk-2025.xlsx",
            lambda: workbook({"PK 2025": plan_rows(2025)}),
            "tidak dapat diubah",
        ),
        Case(
            "target-digabung",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows()}, merges={"PK 2027": [f"F{P}:F{P + 1}"]}),
            "digabung",
            "PK 2027",
            P + 1,
            "F",
        ),
        Case(
            "baris-rencana-tersembunyi",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows()}, hidden_rows={"PK 2027": [P + 2]}),
            "disembunyikan",
            "PK 2027",
            P + 2,
        ),
        Case(
            "rencana-di-sheet-tersembunyi",
            "plan",
            "pk.xlsx",
            lambda: workbook({"Sampul": [["PK 2027"]], "PK 2027": plan_rows()}, hidden_sheets=("PK 2027",)),
            "Sheet 'PK 2027' disembunyikan",
            "PK 2027",
        ),
        Case(
            "rencana-csv-utf16",
            "plan",
            "pk.csv",
            lambda: (
                "\ufeff".encode("utf-16-le")
                + csv_text(plan_rows(**{f"cell_F{P}": "30 orang"}), "\t").encode("utf-16-le")
            ),
            "Target harus berupa angka",
            "pk",
            P,
            "F",
        ),
        Case(
            "bobot-negatif",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows(**{f"cell_O{P}": -1})}),
            "Bobot tidak boleh negatif",
            "PK 2027",
            P,
            "O",
        ),
        Case(
            "iku-tidak-jelas",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows(**{f"cell_N{P}": "mungkin"})}),
            "IKU harus diisi Ya atau Tidak",
            "PK 2027",
            P,
            "N",
        ),
        Case(
            "nama-berisi-gambar-markdown",
            "plan",
            "pk.xlsx",
            lambda: workbook({"PK 2027": plan_rows(**{f"cell_D{P}": "Angka DBD ![x](http://pelacak.invalid/p.png)"})}),
            "tag HTML, skrip atau tautan",
            "PK 2027",
            P,
            "D",
        ),
    ]


CASES: list[Case] = _data_cases() + _plan_cases()
