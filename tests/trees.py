"""Pohon kinerja files as offices make them: SIPD-style lists, Kertas Kerja Cascading matrices, trees drawn as
boxes, built by the tests; and the demo without its own tree."""

import io

import pandas as pd
from openpyxl import Workbook

from kinerja.cascade.stored import DraftNode
from kinerja.cascade.tree import Level

# the one problem of a figure such as 1.250 read where the file shows no decimal mark
TWO_WAYS = "'1.250' dapat berarti 1.250 atau 1,25; dibaca 1.250. Pastikan, atau tulis tanpa pemisah ribuan"


def clear_trees(store) -> None:
    """The demo without its pohon kinerja: these tests build their own trees."""
    with store.write() as w:
        for table in ("cascade_link", "cascade_indicator", "cascade_node"):
            w.execute(f"DELETE FROM {table}")


def sipd_list() -> bytes:
    """A sub-kegiatan list as SIPD-derived sheets come: a title, code and name in one cell, the
    urusan row above the programs, a node's second indicator on a row of its own, pagu in rupiah."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Renja 2026"
    sheet.append(["RENCANA KERJA DINAS KESEHATAN TAHUN 2026"])
    sheet.append([])
    sheet.append(
        ["Program / Kegiatan / Sub Kegiatan", "Sasaran", "Indikator Kinerja", "Target", "Satuan", "Pagu Indikatif (Rp)"]
    )
    sheet.append(["1.02 URUSAN PEMERINTAHAN BIDANG KESEHATAN", "", "", "", "", ""])
    sheet.append(
        [
            "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
            "S1",
            "Persentase fasilitas kesehatan sesuai standar",
            "85",
            "%",
            "",
        ]
    )
    sheet.append(
        [
            "1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan",
            "",
            "Jumlah layanan kesehatan yang disediakan",
            "12",
            "layanan",
            "",
        ]
    )
    sheet.append(
        [
            "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "",
            "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar",
            "1.250",
            "orang",
            "Rp 450.000.000",
        ]
    )
    sheet.append(["", "", "Jumlah dokumen hasil pelayanan ibu hamil", "4", "dokumen", ""])
    sheet.append(
        [
            "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
            "",
            "Jumlah ibu bersalin yang mendapatkan pelayanan sesuai standar",
            "1.180",
            "orang",
            "380.500.000",
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def kertas_kerja_matrix(sasaran_name: str) -> bytes:
    """A Kertas Kerja Cascading as an office keeps it: a title, a column per level with its indicator
    beside it, the sasaran and the program merged down their rows, a program without a code."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Cascading"
    sheet.append(["KERTAS KERJA CASCADING DINAS KESEHATAN TAHUN 2026"])
    sheet.append([])
    sheet.append(["No", "Sasaran Strategis", "Indikator Sasaran", "Program", "Indikator Program", "Kegiatan",
                  "Indikator Kegiatan", "Sub Kegiatan", "Indikator Sub Kegiatan", "Target", "Satuan", "Pagu (Rp)",
                  "Penanggung Jawab"])  # fmt: skip
    sheet.append([1, sasaran_name, "", "Program Pemenuhan Upaya Kesehatan", "Persentase faskes sesuai standar",
                  "1.02.02.2.02 Penyediaan Layanan Kesehatan UKM dan UKP", "Jumlah layanan yang disediakan",
                  "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", "Jumlah ibu hamil dilayani", "1.250",
                  "orang", "450.000.000", "Kepala Seksi Kesga"])  # fmt: skip
    sheet.append(["", "", "", "", "", "", "", "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
                  "Jumlah ibu bersalin dilayani", "1.180", "orang", "380.500.000", "Kepala Seksi Kesga"])  # fmt: skip
    sheet.append(["", "", "", "", "", "", "", "", "Jumlah dokumen persalinan", "12", "dokumen", "", ""])
    sheet.merge_cells("B4:B6")
    sheet.merge_cells("D4:D6")
    sheet.merge_cells("F4:F6")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PLAN_TUJUAN = "Meningkatkan derajat kesehatan masyarakat"  # the demo plan's T1, above S1 to S4


def drawn_tree(sasaran_name: str, stray: bool = False, tujuan: str = PLAN_TUJUAN) -> bytes:
    """A pohon kinerja drawn as boxes of merged cells, as offices draw it: a title, eselon labels at
    the left, "Sasaran :" / "Indikator :" cells with the target in the text, a box's indicators
    numbered in one cell, the program's name under its sasaran, pagu in a sub-kegiatan's box."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Pohon Kinerja"
    cells = {
        "A1": "POHON KINERJA DINAS KESEHATAN TAHUN 2026",
        "B3": f"Tujuan : {tujuan}",
        "B4": "Indikator : Usia Harapan Hidup (72,5 Tahun)",
        "A6": "ESELON II",
        "B6": f"Sasaran : {sasaran_name}",
        "B7": "Indikator : Indeks Kepuasan Masyarakat 81 (A)",
        "A9": "ESELON III",
        "B9": "Sasaran Program : Meningkatnya mutu layanan kesehatan",
        "B10": "Indikator : Persentase fasilitas kesehatan terakreditasi (100%)",
        "B11": "Program : 1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
        "B12": "Penanggung Jawab : Kepala Bidang Pelayanan Kesehatan",
        "H9": "Sasaran Program : Meningkatnya akuntabilitas kinerja",
        "H10": "Indikator : Nilai AKIP 70 (BB)",
        "A14": "ESELON IV",
        "B14": "Sasaran Kegiatan : Tersedianya layanan kesehatan rujukan",
        "B15": "Indikator :\n1. Jumlah dokumen layanan rujukan (13 Dokumen)\n2. Persentase rumah sakit rujukan (100%)",
        "B16": "Kegiatan : 1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan",
        "E14": "Sasaran Kegiatan : Meningkatnya sarana puskesmas",
        "E15": "Indikator : Jumlah puskesmas direhabilitasi",
        "H14": "Sasaran Kegiatan : Tersusunnya dokumen perencanaan",
        "H15": "Indikator : Opini BPK (WTP)",
        "B18": "Sub Kegiatan : 1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "B19": "Indikator : Jumlah ibu hamil yang mendapatkan pelayanan (1.250 Orang)",
        "B20": "Pagu : Rp 450.000.000",
        "N18" if stray else "C22": "Sub Kegiatan : 1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
    }
    for ref, text in cells.items():
        sheet[ref] = text
    for span in ("B3:M3", "B4:M4", "B6:M6", "B7:M7", "B9:G9", "B10:G10", "B11:G11", "B12:G12", "H9:M9", "H10:M10",
                 "B14:D14", "B15:D15", "B16:D16", "E14:G14", "E15:G15", "H14:M14", "H15:M15", "B18:D18", "B19:D19",
                 "B20:D20"):  # fmt: skip
        sheet.merge_cells(span)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sub_kegiatan_list(second_pagu: str = "380.500.000") -> bytes:
    """SIPD's sub-kegiatan list of one kegiatan: code and name in one cell, output indicator, pagu."""
    book = Workbook()
    rows = book.active
    rows.append(["Sub Kegiatan", "Indikator Kinerja", "Target", "Satuan", "Pagu (Rp)"])
    rows.append(["1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", "Jumlah ibu hamil", "1.250", "orang",
                 "450.000.000"])  # fmt: skip
    rows.append(["1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin", "Jumlah ibu bersalin", "1.180",
                 "orang", second_pagu])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sipd_with_subtotals(sasaran: str = "S1", program_subtotal: str = "3.961.000.000") -> bytes:
    """A Renja list as SIPD-derived sheets come: two title rows, a two-row header ("Rencana Tahun
    2026" merged over Target, Satuan and Pagu), a numbering row, code and name in one cell,
    the urusan row, a program's and each kegiatan's pagu and spending on their own rows (the
    program's a stale 3,961 M), a sub-kegiatan written again on its second indicator's row with its
    pagu repeated, a "JUMLAH" row and a signature block. Summed naively: Rp 12.202.000.000."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Renja 2026"
    sheet.append(["RENCANA KERJA PERANGKAT DAERAH TAHUN 2026"])
    sheet.append(["DINAS KESEHATAN KABUPATEN SUKAMAJU"])
    sheet.append(["Urusan / Program / Kegiatan / Sub Kegiatan", "Sasaran", "Indikator Kinerja", "Rencana Tahun 2026",
                  None, None, "Realisasi Anggaran (Rp)"])  # fmt: skip
    sheet.append([None, None, None, "Target", "Satuan", "Pagu Indikatif (Rp)", None])
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    for cells in ("A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:G4"):
        sheet.merge_cells(cells)
    rows = [
        ["1.02 URUSAN PEMERINTAHAN BIDANG KESEHATAN", None, None, None, None, None, None],
        ["1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT", sasaran,
         "Persentase fasilitas kesehatan sesuai standar", "85", "%", program_subtotal, "1.717.650.000"],
        ["1.02.02.2.01 Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah", None,
         "Jumlah fasilitas pelayanan kesehatan yang direhabilitasi", "3", "unit", "2.550.000.000", "1.020.000.000"],
        ["1.02.02.2.01.0014 Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan", None,
         "Jumlah alat kesehatan yang disediakan", "40", "unit", "2.550.000.000", "1.020.000.000"],
        ["1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan", None,
         "Jumlah layanan kesehatan yang disediakan", "12", "layanan", "1.570.500.000", "697.650.000"],
        ["1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", None,
         "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar", "1.250", "orang", "450.000.000",
         "202.500.000"],
        ["1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", None,
         "Jumlah dokumen hasil pelayanan ibu hamil", "4", "dokumen", "450.000.000", "202.500.000"],
        ["1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin", None,
         "Jumlah ibu bersalin yang mendapatkan pelayanan sesuai standar", "1.180", "orang", "380.500.000",
         "171.150.000"],
        ["1.02.02.2.02.0003 Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir", None,
         "Jumlah bayi baru lahir yang mendapatkan pelayanan kesehatan", "1.150", "bayi", "740.000.000",
         "324.000.000"],
        ["JUMLAH", None, None, None, None, "4.120.500.000", "1.717.650.000"],
        [],
        [None, None, None, None, "Sukamaju, 2 Januari 2026"],
        [None, None, None, None, "Kepala Dinas Kesehatan,"],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# a Kertas Kerja Cascading drawn from the Renstra before the year's PK is signed
TUJUAN = "Meningkatnya derajat kesehatan masyarakat"
SASARAN = "Meningkatnya kualitas pelayanan kesehatan ibu dan anak"
SASARAN_2 = "Menurunnya angka kesakitan penyakit menular"
PROGRAM = "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"
KEGIATAN = "1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah"
SUB_1 = "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil"
SUB_2 = "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin"
P2 = "1.02.03 PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA KESEHATAN"
HEADER = ["Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan", "Indikator", "Satuan", "Target", "Pagu",
          "Penanggung Jawab"]  # fmt: skip


def kertas_kerja(
    *,
    title: bool = True,
    merged: bool = False,
    repeated: bool = False,
    decimal: str = ",",
    extra: bool = False,
    moved: bool = False,
    second_tujuan: bool = True,
    sasaran: str = SASARAN,
) -> bytes:
    """A Kertas Kerja Cascading as an office draws it from its Renstra: Tujuan | Sasaran | Program |
    Kegiatan | Sub Kegiatan | Indikator | Satuan | Target | Pagu | Penanggung Jawab, each node on a
    row of its own with its indicator and target (the tujuan's and the sasaran's too), the upper
    levels written once, merged down, or written again on every row; a second tujuan of its own."""
    t = decimal  # the decimal mark of "72,8"; with dot decimals, thousands are written "1,250"
    k = "," if decimal == "." else "."
    rows = [
        [TUJUAN, "", "", "", "", "Usia Harapan Hidup", "tahun", f"72{t}8", "", "Kepala Dinas Kesehatan"],
        ["", sasaran, "", "", "", "Angka Kematian Ibu", "per 100.000 KH", "85", "", "Kepala Dinas Kesehatan"],
        ["", "", "", "", "", "Angka Kematian Bayi", "per 1.000 KH", f"7{t}5", "", ""],
        ["", "", PROGRAM, "", "", "Persentase fasilitas kesehatan sesuai standar", "%", "90", "", "Kabid Yankes"],
        ["", "", "", KEGIATAN, "", "Jumlah layanan kesehatan yang disediakan", "layanan", "12", "", "Kasi Kesga"],
        [
            "",
            "",
            "",
            "",
            SUB_1,
            "Jumlah ibu hamil yang dilayani",
            "orang",
            f"1{k}250",
            f"450{k}000{k}000",
            "Kasi Kesga",
        ],
        [
            "",
            "",
            "",
            "",
            SUB_2,
            "Jumlah ibu bersalin yang dilayani",
            "orang",
            f"1{k}180",
            f"380{k}500{k}000",
            "Kasi Kesga",
        ],
        ["", SASARAN_2, "", "", "", "Angka kesakitan DBD", "per 100.000", f"49{t}5", "", "Kepala Dinas Kesehatan"],
        ["", "", P2, "", "", "Persentase tenaga kesehatan sesuai standar", "%", "95", "", "Kabid SDK"],
    ]
    if second_tujuan:
        rows.append(["Meningkatnya tata kelola perangkat daerah", "", "", "", "", "Nilai SAKIP", "nilai", "B", "",
                     "Sekretaris"])  # fmt: skip
    if repeated:  # the upper levels written again on every row under them instead of merged
        above = ["", "", "", ""]
        for row in rows:
            for n in range(4):
                if row[n]:
                    above[n] = row[n]
                    above[n + 1 :] = [""] * (3 - n)
                elif any(row[m] for m in range(n + 1, 5)):
                    row[n] = above[n]
    header = list(HEADER)
    if extra:  # a column the reader does not know
        header.append("Keterangan")
        rows = [[*row, "Renstra 2025-2029"] for row in rows]
    if moved:  # Pagu and Penanggung Jawab before the indicator
        order = [0, 1, 2, 3, 4, 8, 9, 5, 6, 7, *range(10, len(header))]
        header = [header[n] for n in order]
        rows = [[row[n] for n in order] for row in rows]
    book = Workbook()
    sheet = book.active
    sheet.title = "Kertas Kerja"
    if title:
        sheet.append(["KERTAS KERJA CASCADING DINAS KESEHATAN TAHUN 2026"])
        sheet.append(["Disusun dari Renstra 2025-2029"])
        sheet.append([])
    sheet.append(header)
    first = sheet.max_row + 1
    for row in rows:
        sheet.append(row)
    if merged:
        column = header.index("Sasaran") + 1
        sheet.merge_cells(start_row=first + 1, end_row=first + 6, start_column=column, end_column=column)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sasaran_nodes(store, year):
    return [DraftNode(Level.SASARAN_OPD, c, n, goal_code=c) for c, n in store.rows(
        "SELECT DISTINCT g.code, g.name FROM goal g JOIN indicator_plan p ON p.goal_id = g.id WHERE p.year = ? ORDER BY 1", [year])]  # fmt: skip


def with_sasaran(content: bytes, name: str) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    book.active["B5"] = f"  {name} "
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def links_table(*rows) -> pd.DataFrame:
    from kinerja.cascade.links import LINK_COLUMNS

    return pd.DataFrame(list(rows), columns=LINK_COLUMNS)
