"""Workbooks and CSV files in the shape offices send them, built by the tests."""

import io

from openpyxl import Workbook

PK_HEADER = [
    "No",
    "Sasaran Strategis",
    "Indikator Kinerja",
    "Satuan",
    "Target",
    "Polaritas",
    "Agregasi",
    "Penanggung Jawab",
    "IKU",
]


def xlsx(sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None) -> bytes:
    """An xlsx file with the given sheets (rows of cell values) and merged ranges."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cell_range in (merges or {}).get(name, []):
            sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def office_plan_rows() -> list[list[object]]:
    """A PK + Rencana Aksi sheet as a Secretariat builds it: title rows, a header over two rows
    ("Target Triwulan" over TW I–IV, merged), a numbering row, Indonesian numbers written as text,
    sasaran written once, and a signature block."""
    return [
        ["PERJANJIAN KINERJA DAN RENCANA AKSI"],
        ["DINAS KESEHATAN KABUPATEN CONTOH TAHUN 2026"],
        [],
        [
            "No",
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Satuan",
            "Target",
            "Target Triwulan",
            None,
            None,
            None,
            "Polaritas",
            "Jenis",
            "Penanggung Jawab",
            "IKU",
        ],
        [None, None, None, None, None, "TW I", "TW II", "TW III", "TW IV", None, None, None, None],
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"],
        [
            1,
            "Meningkatnya cakupan layanan",
            "Persentase balita ditimbang",
            "%",
            "85,5%",
            "80",
            "82",
            "84",
            "85,5",
            "Maksimal",
            "Nilai Akhir",
            "KESMAS",
            "Ya",
        ],
        [
            2,
            None,
            "Jumlah desa ODF",
            "desa",
            "1.200",
            "300",
            "300",
            "300",
            "300",
            "semakin tinggi semakin baik",
            "Kumulatif",
            "KESMAS",
            "",
        ],
        [
            3,
            "Menurunnya angka kesakitan",
            "Prevalensi stunting",
            "%",
            "14",
            "16",
            "15,5",
            "15",
            "14",
            "Minimal",
            "Posisi Akhir",
            "P2P",
            "Ya",
        ],
        [
            4,
            None,
            "Tingkat hunian tempat tidur",
            "%",
            "60 - 85",
            "60 - 85",
            "60 - 85",
            "60 - 85",
            "60 - 85",
            "Rentang",
            "Non Kumulatif",
            "P2P",
            "",
        ],
        [5, None, "Cakupan imunisasi dasar lengkap", "%", 95, 95, 95, 95, 95, "Positif", "Rasio", "P2P", "v"],
        [],
        [None, None, None, None, None, None, None, None, None, "Contoh, 5 Januari 2026"],
        [None, None, None, None, None, None, None, None, None, "Kepala Dinas,"],
        [None, None, None, None, None, None, None, None, None, "NIP. 19700101 199001 1 001"],
    ]


OFFICE_PLAN_MERGES = ["A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:I4", "J4:J5", "K4:K5", "L4:L5", "M4:M5"]

UNITS_SHEET = [
    ["Kode Unit", "Nama Unit", "Unit Induk", "Jenis"],
    ["DINKES", "Dinas Kesehatan", None, "opd"],
    ["KESMAS", "Bidang Kesehatan Masyarakat", "DINKES", "bidang"],
    ["P2P", "Bidang Pencegahan dan Pengendalian Penyakit", "DINKES", "bidang"],
]


def office_plan_workbook() -> bytes:
    return xlsx({"PK 2026": office_plan_rows(), "Unit Kerja": UNITS_SHEET}, {"PK 2026": OFFICE_PLAN_MERGES})


def csv_bytes(rows: list[list[object]], separator: str = ";", encoding: str = "cp1252") -> bytes:
    text = "\r\n".join(separator.join("" if v is None else str(v) for v in row) for row in rows)
    return text.encode(encoding)
