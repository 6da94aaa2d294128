"""Workbooks and CSV files in the shape offices send them, built by the tests."""

import io

from docx import Document
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from kinerja.collection.checking import check_data
from kinerja.collection.datafile import Period
from kinerja.collection.reading import read_data_file
from kinerja.collection.template import unit_template
from kinerja.domain.period import MONTHS

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


def xlsx(
    sheets: dict[str, list[list[object]]],
    merges: dict[str, list[str]] | None = None,
    *,
    hidden_rows: dict[str, list[int]] | None = None,
    hidden_sheets: tuple[str, ...] = (),
) -> bytes:
    """An xlsx file with the given sheets (rows of cell values), merged ranges, and rows (Excel's
    numbers) or sheets hidden."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cell_range in (merges or {}).get(name, []):
            sheet.merge_cells(cell_range)
        for number in (hidden_rows or {}).get(name, []):
            sheet.row_dimensions[number].hidden = True
        if name in hidden_sheets:
            sheet.sheet_state = "hidden"
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


OPEN_DATA_PLAN_HEADER = ["id", "tahun", "kode_skpd", "nama_skpd", "uraian", "satuan", "target"]
OPEN_DATA_PLAN_ROWS = [
    [
        101,
        2027,
        "1.02.0.00.0.00.01.0000",
        "Dinas Kesehatan",
        "Persentase ibu hamil mendapatkan pelayanan kesehatan",
        "%",
        100,
    ],
    [
        102,
        2027,
        "1.02.0.00.0.00.01.0000",
        "Dinas Kesehatan",
        "Persentase balita gizi buruk yang mendapat perawatan",
        "%",
        100,
    ],
    [103, 2027, "1.02.0.00.0.00.01.0000", "Dinas Kesehatan", "Jumlah puskesmas terakreditasi paripurna", "unit", 12],
    [104, 2027, "1.02.0.00.0.00.02.0000", "RSUD Sukamaju", "Bed occupancy rate (BOR)", "%", "75.5"],
]


def open_data_plan(header: list[str] = OPEN_DATA_PLAN_HEADER) -> bytes:
    """A year's indicators as a Satu Data portal exports them: a comma CSV in UTF-8 with the
    database's column names as headings (none a plan's usual name for the indicator), no sasaran
    column, the office in kode_skpd/nama_skpd on every row, and a dot decimal."""
    order = [OPEN_DATA_PLAN_HEADER.index(h) for h in header]
    rows = [header] + [[row[i] for i in order] for row in OPEN_DATA_PLAN_ROWS]
    return csv_bytes(rows, ",", "utf-8")


LKPJ_PLAN_ROWS = [  # annual figures: each the year's position ("Sifat Data": Nilai Akhir)
    ["INDIKATOR KINERJA UTAMA TAHUN 2025"],
    [
        "No",
        "Sasaran Strategis",
        "Kode",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Polaritas",
        "Penanggung Jawab",
        "Sifat Data",
        "IKU",
    ],
    [
        1,
        "Meningkatnya kualitas hidup",
        "IKU01",
        "Angka Harapan Hidup",
        "tahun",
        "71,5",
        "Positif",
        "DINKES",
        "Nilai Akhir",
        "Ya",
    ],
    [
        2,
        "Menurunnya kemiskinan",
        "IKU02",
        "Jumlah penduduk miskin",
        "ribu jiwa",
        "11,58",
        "Negatif",
        "DINKES",
        "Nilai Akhir",
        "Ya",
    ],
    [
        3,
        "Meningkatnya perekonomian",
        "IKU03",
        "PDRB per kapita",
        "ribu rupiah",
        "10274",
        "Positif",
        "DINKES",
        "Nilai Akhir",
        "Ya",
    ],
    [
        4,
        "Meningkatnya layanan publik",
        "IKU04",
        "Indeks Kepuasan Masyarakat",
        "indeks",
        "82",
        "Positif",
        "DINKES",
        "Nilai Akhir",
        "Ya",
    ],
    [
        5,
        "Meningkatnya kualitas hidup",
        "IKU05",
        "Prevalensi stunting",
        "%",
        "14",
        "Negatif",
        "DINKES",
        "Nilai Akhir",
        "Ya",
    ],
]


def lkpj_plan() -> bytes:
    """A year's IKU with annual targets only (no Rencana Aksi), as a Pemda's IKU decree lists them."""
    return xlsx({"IKU 2025": LKPJ_PLAN_ROWS, "Unit Kerja": [UNITS_SHEET[0], UNITS_SHEET[1]]})


def lkpj_table(realisations: list[object], year: int = 2025) -> bytes:
    """The annual IKU table of an LKPJ annex, pasted from Word: every figure is text, the decimal
    mark a dot (the annex was typed on an English-locale machine), one figure in thousands with
    commas, and a capaian column the office computed itself."""
    names = [row[3] for row in LKPJ_PLAN_ROWS[2:]]
    units = [row[4] for row in LKPJ_PLAN_ROWS[2:]]
    targets = ["71.5", "11.58", "10274", "82", "14"]
    rows = [
        ["TABEL 3.2 CAPAIAN INDIKATOR KINERJA UTAMA"],
        [f"KABUPATEN SUKAMAJU TAHUN {year}"],
        [],
        ["No", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
    ]
    for n, (name, unit, target, value) in enumerate(zip(names, units, targets, realisations, strict=True), start=1):
        rows.append([str(n), name, unit, target, value, "-"])
    return xlsx({"Tabel 3.2": rows})


def renja_form_workbook() -> bytes:
    """The Permendagri 86 "Evaluasi terhadap Hasil Renja" form, shaped like the offices' own: title
    rows, a header four rows deep with merged groups, column numbers, K/%/Rp under each group, a
    banner, urusan rows, a programme whose cell holds two indicators, the same indicator text under
    two kegiatan, quarters as increments with float noise, a sub-kegiatan without this year's
    target, a totals row and a signature block."""
    k, rp = "K", "Rp."
    header_groups = [
        "No",
        None,
        None,
        None,
        None,
        "Sasaran Perangkat daerah",
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
        "Indikator Kinerja Program (Outcome)/ Kegiatan (Output)",
        "Satuan",
        "Target Renstra Perangkat Daerah pada Tahun 2029",
        None,
        "Realisasi Capaian Kinerja Renstra sampai dengan Renja Tahun Lalu",
        None,
        "Target Kinerja dan Anggaran Renja Tahun Berjalan 2025",
        None,
        "Realisasi Kinerja Pada Triwulan",
        *[None] * 11,
        "Realisasi Capaian Kinerja dan Anggaran Renja yang Dievaluasi",
        None,
    ]
    quarters_row = [
        None,
        "Visi",
        "Misi",
        "Sasaran RPJMD/ NSPK",
        "Tujuan Perangkat Daerah",
        *[None] * 10,
        "I",
        None,
        None,
        "II",
        None,
        None,
        "III",
        None,
        None,
        "IV",
        None,
        None,
        None,
        None,
    ]
    numbers_row = [
        "1",
        None,
        None,
        None,
        None,
        "2",
        "3",
        "4",
        "5",
        "6",
        None,
        "7",
        None,
        "8",
        None,
        "9",
        None,
        None,
        "10",
        None,
        None,
        "11",
        None,
        None,
        "12",
        None,
        None,
        "13 = 9 + 10 + 11 + 12",
        None,
    ]
    kinds_row = [None] * 9 + [k, rp, k, rp, k, rp, k, "%", rp, k, "%", rp, k, "%", rp, k, "%", rp, k, rp]

    def row(no, name, indicator, unit, target, pagu, quarters, spending, sasaran=None, tujuan=None):
        cells = [no, None, None, None, tujuan, sasaran, name, indicator, unit, target, pagu, None, None, target, pagu]
        done = 0.0
        for value, money in zip(quarters, spending, strict=True):
            done += value or 0
            cells += [value, round(done / target, 4) if target else None, money]
        cells += [sum(v or 0 for v in quarters), sum(m or 0 for m in spending)]
        return cells

    rows = [
        ["Evaluasi Terhadap Hasil Renja Perangkat Daerah"],
        ["Kabupaten Contoh"],
        ["Tahun 2025"],
        [],
        [],
        header_groups,
        quarters_row,
        numbers_row,
        kinds_row,
        [" ", None, None, None, None, "Perangkat Daerah : Badan Perencanaan Pembangunan Daerah (BAPPEDA)"],
        row(
            1.0,
            "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
            None,
            None,
            100,
            3_000_000,
            [None] * 4,
            [400_000, 500_000, 600_000, 900_000],
        ),
        row(
            2.0,
            "Program Penunjang Urusan Pemerintahan Daerah",
            "1. Nilai AKIP 2. Indeks Kepuasan Masyarakat",
            "Nilai",
            100,
            2_000_000,
            [15.0, 13.5, 21.0, 50.5],
            [300_000, 350_000, 400_000, 700_000],
            sasaran="Meningkatnya kinerja perangkat daerah",
            tujuan="Tata kelola",
        ),
        row(
            3.0,
            "Perencanaan, Penganggaran, dan Evaluasi Kinerja",
            "Jumlah Dokumen Perencanaan",
            "Dok",
            4,
            800_000,
            [2.0, 0.7999999999999998, 1.2000000000000002, 0.0],
            [100_000, 120_000, 130_000, 150_000],
        ),
        row(
            4.0,
            "Koordinasi Penyusunan Dokumen RKA",
            "Jumlah Dokumen Perencanaan",
            "Dok",
            1,
            200_000,
            [0.0, 0.0, 0.0, 1.0],
            [0, 0, 50_000, 60_000],
        ),
        row(
            5.0,
            "Program Perencanaan Pembangunan Daerah",
            "Persentase Usulan Musrenbang yang Diakomodasi",
            "%",
            60,
            1_000_000,
            [10.0, 20.0, 15.0, 10.0],
            [100_000, 150_000, 200_000, 200_000],
            sasaran="Meningkatnya kualitas perencanaan",
        ),
        [None, None, None, None, None, None, "Fasilitasi Forum Perangkat Daerah", "Jumlah Laporan Fasilitasi", "Lap"],
        [" ", None, None, None, None, None, None, None, None, None, 3_000_000, None, None, None, 3_000_000],
        [],
        [None] * 21 + ["Kepala Badan Perencanaan Pembangunan Daerah,"],
        [],
        [None] * 21 + ["NIP. 19700101 199001 1 001"],
    ]
    merges = ["A6:A9", "B6:E6", "J6:K8", "L6:M8", "N6:O8", "P6:AA6", "P7:R7", "S7:U7", "V7:X7", "Y7:AA7", "AB6:AC8"]
    return xlsx({"Realisasi TW IV": rows}, {"Realisasi TW IV": merges})


# KESMAS's 2026 indicators as the unit writes them in its own yearly sheet: name, satuan, annual
# target, and the quarters it has filled (TW I and TW II as the demo stores them, rounded as the
# unit types them; ratios as percentages, without counts)
KESMAS_SHEET = [
    ("Menurunnya angka kematian ibu dan bayi", None),
    ("Jumlah kematian ibu", "orang", 8, ["2", "2", "3"]),
    ("Angka kematian bayi per 1.000 kelahiran hidup", "per 1.000 KH", "9,5", ["10,24", "10,23", "10,1"]),
    ("Persentase persalinan di fasilitas pelayanan kesehatan", "%", 95, ["90,4", "94,15", "93"]),
    ("Cakupan kunjungan ibu hamil K6", "%", 90, ["81,05", "78,51", "80"]),
    ("Menurunnya prevalensi stunting dan gizi buruk", None),
    ("Prevalensi stunting pada balita", "%", 14, ["15,62", "16,5", "15,9"]),
    ("Persentase balita gizi buruk yang mendapat perawatan", "%", 100, ["100", "94,44", "96"]),
    ("Jumlah desa lokus stunting yang diintervensi", "desa", 40, ["9", "9", "10"]),
    ("Rata-rata partisipasi penimbangan balita (D/S)", "%", 85, ["81,75", "81,56", "82"]),
]


def unit_own_sheet(lines=KESMAS_SHEET, unit: str = "SEKSI KESEHATAN MASYARAKAT") -> bytes:
    """A unit's own yearly sheet, sent every quarter with the earlier quarters still filled: three
    title rows, "Realisasi" merged over TW I | TW II | TW III, a numbering row, "Sasaran: …"
    heading rows, a note and a signature block."""
    rows = [
        [f"LAPORAN CAPAIAN KINERJA {unit}"],
        ["DINAS KESEHATAN KABUPATEN SUKAMAJU"],
        ["TAHUN 2026"],
        [],
        ["No", "Indikator Kinerja", "Satuan", "Target 2026", "Realisasi", None, None, "Keterangan"],
        [None, None, None, None, "TW I", "TW II", "TW III", None],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
    ]
    number = 0
    for line in lines:
        if line[1] is None:
            rows.append([None, f"Sasaran: {line[0]}"])
            continue
        number += 1
        name, measure, target, quarters = line
        rows.append([number, name, measure, target, *quarters, *[None] * (3 - len(quarters)), None])
    rows += [
        [],
        [None, "Catatan: angka TW III sementara, menunggu validasi data Puskesmas"],
        [],
        [None, None, None, None, None, "Sukamaju, 5 Oktober 2026"],
        [None, None, None, None, None, "Kepala Seksi Kesehatan Masyarakat,"],
        [],
        [None, None, None, None, None, "NIP. 19800101 200501 1 001"],
    ]
    return xlsx({"Capaian 2026": rows}, {"Capaian 2026": ["E5:G5", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "H5:H6"]})


SATU_DATA_HEADER = [
    "kode_skpd",
    "nama_skpd",
    "indikator_sasaran",
    "satuan",
    "target_2026",
    "capaian_2026",
    "sumberdana",
    "jenis",
]
SATU_DATA_ROWS = [
    [
        "1.02.0.00.0.00.01.0000",
        "Dinas Kesehatan",
        "Indeks kepuasan masyarakat terhadap layanan puskesmas",
        "indeks",
        "85",
        "83.5",
        "APBD",
        "Urusan Wajib",
    ],
    [
        "1.02.0.00.0.00.01.0000",
        "Dinas Kesehatan",
        "Persentase puskesmas terakreditasi paripurna",
        "%",
        "60",
        "55",
        "DAK",
        "Urusan Wajib",
    ],
    [
        "1.02.0.00.0.00.01.0000",
        "Dinas Kesehatan",
        "Persentase penduduk terdaftar Jaminan Kesehatan Nasional",
        "%",
        "95",
        "92.25",
        "APBD",
        "Urusan Wajib",
    ],
]
SATU_DATA_FIGURES = {"IK14": 83.5, "IK15": 55.0, "IK18": 92.25}  # what every shape of it stores


def satu_data_realisations(
    header: list[str] = SATU_DATA_HEADER, *, shape: str = "csv", extra: bool = False, title: bool = False
) -> bytes:
    """A year's indicator realisations as a Satu Data portal or an LKPJ annex exports them, with the
    database's column names as headings (none a quarterly file's usual name for the realisation):
    ``shape`` 'csv' (comma, UTF-8, dot decimals), 'csv-id' (';', Windows-1252, comma decimals, as
    Excel saves it in an Indonesian locale) or 'xlsx'; ``header`` in another order moves the
    columns; ``extra`` adds a 'keterangan' column; ``title`` puts title rows above (xlsx)."""
    order = [SATU_DATA_HEADER.index(h) for h in header]
    rows = [[row[i] for i in order] for row in SATU_DATA_ROWS]
    if shape == "csv-id":
        rows = [
            [v.replace(".", ",") if v[:1].isdigit() and "." in v and v.count(".") == 1 else v for v in r] for r in rows
        ]
    rows = [list(header), *rows]
    if extra:
        rows = [
            [*r, note] for r, note in zip(rows, ["keterangan", "survei 400 responden", "", "data BPJS"], strict=True)
        ]
    if shape == "xlsx":
        titles = [["REALISASI INDIKATOR KINERJA DINAS KESEHATAN TAHUN 2026"], []] if title else []
        return xlsx({"Realisasi": titles + rows})
    return csv_bytes(rows, ";", "cp1252") if shape == "csv-id" else csv_bytes(rows, ",", "utf-8")


def first_pk_rows(*, unit_column: bool = True) -> list[list[object]]:
    """An office's first PK as its own performance application exports it (the shape of
    samples/perencanaan-sasaran-iku-template.xlsx): a title, a header over two rows ("SASARAN" over
    the sasaran's columns, "I K U" over the indicator's, merged), a numbering row, each sasaran
    written once, and a signature block. It says no polarity, no aggregation and no IKU flag."""
    rows = [
        ["LAPORAN PERENCANAAN"],
        ["DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN CONTOH TAHUN 2026"],
        [],
        ["SASARAN", None, "I K U", None, None, None, None, None],
        ["No", "Sasaran", "Kode", "Indikator Kinerja", "Bobot", "Target", "Satuan", "Unit Kerja"],
        ["1", "2", "3", "4", "5", "6", "7", "8"],
        [1, "Meningkatnya akses pendidikan dasar", "PD01", "Angka putus sekolah SD", 30, "0,12", "%", "Bidang SD"],
        [None, None, "PD02", "Angka Partisipasi Murni SD", 30, "98,5", "%", "Bidang SD"],
        [None, None, "PD03", "Persentase sekolah terakreditasi minimal B", 20, "85", "%", "Bidang SD"],
        [
            2,
            "Meningkatnya pelestarian kebudayaan",
            "PD04",
            "Jumlah cagar budaya yang ditetapkan",
            20,
            "4",
            "situs",
            "Bidang Kebudayaan",
        ],
        [],
        [None, None, None, None, None, "Contoh, 2 Januari 2026"],
        [None, None, None, None, None, "Kepala Dinas Pendidikan dan Kebudayaan,"],
        [None, None, None, None, None, "NIP. 19700101 199001 1 001"],
    ]
    if not unit_column:
        rows = [row[:7] for row in rows]
    return rows


FIRST_PK_MERGES = ["A1:H1", "A4:B4", "C4:H4"]


def first_pk(*, unit_column: bool = True) -> bytes:
    merges = FIRST_PK_MERGES if unit_column else ["A1:G1", "A4:B4", "C4:G4"]
    return xlsx({"Perencanaan": first_pk_rows(unit_column=unit_column)}, {"Perencanaan": merges})


def sasaran_iku_plan(year: int = 2027) -> bytes:
    """A plan as a regency's own performance application exports it ("LAPORAN PERENCANAAN"): a
    two-level header, "SASARAN" over the sasaran's No | Kode | Sasaran | Bobot and "I K U" over
    the indicator's No | Kode | IKU | Bobot | Target | Satuan | Polarisasi | Unit Kerja, the
    indicator column headed "IKU"; no aggregation column; the sasaran written once, merged down."""
    rows = [
        ["LAPORAN PERENCANAAN"],
        [f"TAHUN {year}"],
        [],
        ["SASARAN", None, None, None, "I K U"],
        [
            "No",
            "Kode",
            "Sasaran",
            "Bobot",
            "No",
            "Kode",
            "IKU",
            "Bobot",
            "Target",
            "Satuan",
            "Polarisasi",
            "Unit Kerja",
        ],
        [
            1,
            "S1",
            "Meningkatnya derajat kesehatan ibu dan anak",
            60,
            1,
            "IK01",
            "Jumlah kematian ibu",
            50,
            8,
            "orang",
            "Minimal",
            "KESMAS",
        ],
        [
            None,
            None,
            None,
            None,
            2,
            "IK03",
            "Persentase persalinan di fasilitas pelayanan kesehatan",
            50,
            "95",
            "%",
            "Maksimal",
            "KESMAS",
        ],
        [
            2,
            "S2",
            "Menurunnya angka kesakitan penyakit menular",
            40,
            1,
            "IK10",
            "Angka kesakitan DBD per 100.000 penduduk",
            100,
            "45,5",
            "per 100.000",
            "Minimal",
            "P2P",
        ],
    ]
    merges = ["A1:L1", "A4:D4", "E4:L4", "A6:A7", "B6:B7", "C6:C7", "D6:D7"]
    return xlsx({"Sheet1": rows}, {"Sheet1": merges})


def fill_template(content: bytes, values: dict[str, dict[str, object]]) -> bytes:
    """Fill a template as a unit would in Excel: {indicator code: {column header: value}}."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Data"]
    headers = {cell.value: cell.column for cell in sheet[5]}
    rows = {sheet.cell(r, 1).value: r for r in range(6, sheet.max_row + 1)}
    for code, cells in values.items():
        for header, value in cells.items():
            sheet.cell(rows[code], headers[header], value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def own_wide_sheet() -> bytes:
    """A unit's own report: title rows, "Realisasi" merged over TW I–II, a numbering row, names
    without codes, Indonesian numbers as text, "-" for no data, notes, and a signature block."""
    rows = [
        ["LAPORAN KINERJA TRIWULAN III TAHUN 2026"],
        ["BIDANG KESEHATAN MASYARAKAT"],
        [],
        ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", None, None, "Kendala", "Upaya"],
        [None, None, None, None, "TW I", "TW II", "TW III", None, None],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
        [1, "Jumlah kematian ibu", "orang", "8", "-", "-", "2", "Rujukan terlambat", "Audit maternal"],
        [2, "Prevalensi  Stunting pada Balita", "%", "14", "-", "-", "14,8", "", ""],
        [3, "Rata-rata partisipasi penimbangan balita (D/S)", "%", "85", "-", "-", "83,5", "", ""],
        [],
        [None, None, None, None, None, None, "Sukamaju, 5 Oktober 2026"],
        [None, None, None, None, None, None, "Kepala Bidang,"],
        [None, None, None, None, None, None, "NIP. 19800101 200501 1 001"],
    ]
    merges = ["A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:G4", "H4:H5", "I4:I5"]
    return xlsx({"Laporan": rows}, {"Laporan": merges})


def own_sheet() -> bytes:
    return xlsx(
        {
            "Capaian": [
                ["CAPAIAN BIDANG YANKES TRIWULAN III TAHUN 2026"],
                ["Uraian", "Nilai TW", "Keterangan"],
                ["Skor kepuasan pasien puskesmas", "83,2", "survei 400 responden"],
            ]
        }
    )


def office_template(extra: str = "") -> bytes:
    """A letterhead template as an office makes one in Word: F4 paper, placeholders in the header."""
    from docx.shared import Cm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.5), Cm(33)
    section.header.paragraphs[0].text = "PEMERINTAH KABUPATEN SUKAMAJU — {{ kantor }}" + extra
    section.footer.paragraphs[0].text = "{{ judul }} {{ periode }}"
    document.add_paragraph("Isi templat ini diganti oleh laporan.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# the demo plan's KESMAS indicators of 2026, one per aggregation, and what the unit writes by month:
# {month: (target, realisation)}; the targets add up (or end) as the Rencana Aksi's quarters do
MONTHLY_CONTENT = [
    (
        "IK07",
        "Jumlah desa lokus stunting yang diintervensi",
        "desa",
        {7: (3, 3), 8: (3, 4), 9: (4, 2), 10: (3, 5), 11: (3, None), 12: (4, None)},
    ),
    ("IK05", "Prevalensi stunting pada balita", "%", {7: (14.5, 14.9), 8: (14.5, 14.7), 9: (14.5, None)}),
    ("IK08", "Rata-rata partisipasi penimbangan balita (D/S)", "%", {7: (85, 84.5), 8: (85, 86), 9: (85, 85.5)}),
    ("IK04", "Cakupan kunjungan ibu hamil K6", "%", {7: (90, 88.2), 8: (90, 89), 9: (90, 90.1)}),
]


def monthly_rows(
    content=MONTHLY_CONTENT,
    months=MONTHS,
    *,
    title=True,
    unit_column=True,
    extra_column=False,
    repeated=False,
    counts=None,
    text=None,
):
    """A monthly Rencana Aksi as the office application lays it out ("LAPORAN RENAKSI", title rows
    over empty merged rows, a header over two rows: each month over Target | Realisasi), filled by a
    unit: a sasaran line, an indicator with nothing filled yet, and a signature block. Returns the
    rows and the merged ranges. ``counts`` ({code: {month: (numerator, denominator)}}) adds
    Pembilang | Penyebut under every month; ``text`` (a decimal mark) writes numbers as text, as a CSV has them."""
    kinds = ["Target", "Realisasi"] + (["Pembilang", "Penyebut"] if counts is not None else [])
    lead = ["No", "Kode", "IKU"] + (["Unit Kerja"] if unit_column else []) + ["Satuan"]
    lead += ["Keterangan"] if extra_column else []
    top = lead + [cell for month in months for cell in [month] + [month if repeated else None] * (len(kinds) - 1)]
    lower = [None] * len(lead) + kinds * 12

    def cell(value):
        return str(value).replace(".", text) if text and isinstance(value, int | float) else value

    rows = [[], [], ["LAPORAN RENAKSI"], [], [], top, lower] if title else [top, lower]
    rows.append([None, None, "Meningkatnya status gizi masyarakat"])  # a sasaran line
    for n, (code, name, unit, by_month) in enumerate(content, start=1):
        row = [n, code, name] + (["KESMAS"] if unit_column else []) + [unit] + (["-"] if extra_column else [])
        for month in range(1, 13):
            target, value = by_month.get(month, (None, None))
            row += [cell(target), cell(value)]
            if counts is not None:
                row += list(counts.get(code, {}).get(month, (None, None)))
        rows.append(row)
    rows.append([len(content) + 1, "IK14", "Indeks kepuasan masyarakat terhadap layanan puskesmas", "YANKES"])
    rows += [[], [None, None, "Kepala Bidang Kesehatan Masyarakat,"], [None, None, "NIP 19700101 199003 1 001"]]
    header = 6 if title else 1
    merges = [f"A1:{get_column_letter(14)}1", f"A3:{get_column_letter(15)}3"] if title else []
    merges += [f"{get_column_letter(c)}{header}:{get_column_letter(c)}{header + 1}" for c in range(1, len(lead) + 1)]
    merges += [
        f"{get_column_letter(c)}{header}:{get_column_letter(c + len(kinds) - 1)}{header}"
        for c in range(len(lead) + 1, len(top) + 1, len(kinds))
    ]
    return rows, merges


def monthly_workbook(**kwargs) -> bytes:
    merged = kwargs.pop("merged", True)
    rows, merges = monthly_rows(**kwargs)
    return xlsx({"Sheet1": rows}, {"Sheet1": merges if merged else []})


def kesmas_upload(store, value=41):
    """KESMAS's TW III 2026 template, filled in and checked: one figure."""
    content = fill_template(unit_template(store, "KESMAS", 2026, 3), {"IK01": {"Realisasi TW III": value}})
    data = check_data(store, read_data_file(content, "kesmas-tw3.xlsx", Period()))
    assert not data.errors, data.problems
    return data


# The heading rows of an office's Evaluasi Hasil Renja form (Permendagri 86/2017) as the shared sample has them:
# the regulation's four-level header, the column numbers, K / Rp. under each group, the banner row
RENJA_FORM_HEAD = [
    ["No", "Sasaran Perangkat daerah", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
     "Indikator Kinerja Program (Outcome)/Kegiatan (Output)", "Satuan",
     "Target Renstra Perangkat Daerah Pada Tahun 2029", None,
     "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun 2024", None,
     "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun 2025) yang dievaluasi", None,
     "Realisasi Kinerja Pada Triwulan", *[None] * 7],
    [None] * 11 + ["I", None, "II", None, "III", None, "IV", None],
    [1, 2, 3, 4, 5, 6, None, 7, None, 8, None, 9, None, 10, None, 11, None, 12, None],
    [None] * 5 + ["K", "Rp."] * 7,
    [None, "Perangkat Daerah : Badan Perencanaan Pembangunan Daerah (BAPPEDA)"],
]  # fmt: skip


def fill_budget(content: bytes, spending: dict[str, object]) -> bytes:
    """Fill a template's Anggaran sheet as a unit would in Excel: {programme code: the quarter's spending}."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Anggaran"]
    rows = {sheet.cell(r, 1).value: r for r in range(6, sheet.max_row + 1)}
    for code, value in spending.items():
        sheet.cell(rows[code], sheet.max_column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# KESMAS's programmes in the demo plan of 2026 and what the unit spent on each in TW III
KESMAS_PROGRAMMES = {
    "P01": "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
    "P02": "Program Pemberdayaan Masyarakat Bidang Kesehatan",
}
KESMAS_SPENDING = {"P01": 1234567.5, "P02": 250000000.0}
KESMAS_PAGU = {"P01": 18500000000, "P02": 2150000000}


def rupiah_text(value: float, mark: str) -> str:
    """1234567.5 → '1.234.567,50' (mark ',') or '1,234,567.50' (mark '.'), as offices type money."""
    written = f"{value:,.2f}"
    return written if mark == "." else written.translate(str.maketrans(",.", ".,"))


def own_budget_sheet(layout: str, spending=KESMAS_SPENDING, earlier=None) -> bytes:
    """A unit's own table of its programmes' spending, as units build one:
    ``judul``: title rows naming the quarter, a header over two rows (merged "Realisasi Keuangan"
    over "Rp | %"), Program before Kode, a numbering row, an extra column, comma decimals as text,
    a signature block; ``titik``: no title, "Nama Program", "Serapan (Rp)" beside "Serapan (%)",
    dot decimals as text; ``per_triwulan``: "Realisasi Anggaran TW I … TW III" with numbers as
    cells (``earlier``: {code: (TW I, TW II)}) and a "Jumlah" row."""
    codes = list(spending)
    if layout == "judul":
        rows = [
            ["LAPORAN REALISASI ANGGARAN TRIWULAN III TAHUN 2026"],
            ["BIDANG KESEHATAN MASYARAKAT"],
            [],
            ["No", "Program", "Kode Program", "Pagu (Rp)", "Realisasi Keuangan", None, "Keterangan"],
            [None, None, None, None, "Rp", "%", None],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        ]
        for n, code in enumerate(codes, start=1):
            value = spending[code] if isinstance(spending[code], str) else rupiah_text(spending[code], ",")
            pagu = KESMAS_PAGU.get(code, 1e9)
            share = (
                f"{spending[code] / pagu * 100:.2f}".replace(".", ",") if not isinstance(spending[code], str) else ""
            )
            rows.append(
                [n, KESMAS_PROGRAMMES.get(code, "Program Fiktif"), code, rupiah_text(pagu, ","), value, share, "SP2D"]
            )
        rows += [[], [None, None, None, None, "Sukamaju, 5 Oktober 2026"], [None, None, None, None, "Kepala Bidang,"]]
        merges = ["A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:G5"]
        return xlsx({"Keuangan": rows}, {"Keuangan": merges})
    if layout == "titik":
        rows = [["Kode Program", "Nama Program", "Serapan (Rp)", "Serapan (%)"]]
        for code in codes:
            value = spending[code] if isinstance(spending[code], str) else rupiah_text(spending[code], ".")
            rows.append([code, KESMAS_PROGRAMMES.get(code, "Program Fiktif"), value, "6.7"])
        return xlsx({"Serapan": rows})
    rows = [["Kode", "Program", "Pagu", *(f"Realisasi Anggaran TW {q}" for q in ("I", "II", "III"))]]
    for code in codes:
        rows.append([code, KESMAS_PROGRAMMES[code], KESMAS_PAGU[code], *earlier[code], spending[code]])
    totals = [sum(earlier[c][0] for c in codes), sum(earlier[c][1] for c in codes), sum(spending.values())]
    rows.append([None, "Jumlah", sum(KESMAS_PAGU.values()), *totals])
    return xlsx({"Anggaran Bidang": rows})
