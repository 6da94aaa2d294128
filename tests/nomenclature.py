"""The national nomenclature (Kemendagri's bidang, program, kegiatan, sub-kegiatan) in the shapes it comes in."""

import csv
import io
import re
import zipfile

from tests.workbooks import xlsx

HEADER = [
    "JENIS PEMDA", "BIDANG", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "KINERJA", "INDIKATOR", "SATUAN", "TAG",
    "DEFINISI OPERASIONAL", "PELAKSANA", "SPM", "JENIS", "SUBKEGIATAN SEBELUMNYA",
]  # fmt: skip
KESEHATAN = "1.02 URUSAN PEMERINTAHAN BIDANG KESEHATAN"
UKM = "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"
RUJUKAN = "1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota"
SDMK = "1.02.03 PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA KESEHATAN"
SDMK_KEGIATAN = (
    "1.02.03.2.02 Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya Manusia Kesehatan untuk UKP dan UKM di "
    "Wilayah Kabupaten/Kota"
)
XX = "X.XX URUSAN PEMERINTAHAN BIDANG XX"
PENDIDIKAN = "1.01 URUSAN PEMERINTAHAN BIDANG PENDIDIKAN"
DIKDAS = "1.01.02 PROGRAM PENGELOLAAN PENDIDIKAN"
DEFINITION = (
    "Cakupan:\n- Pelayanan antenatal sesuai standar paling sedikit enam kali\n\nOperasionalisasi:\n"
    "1) Pendataan ibu hamil\n2) Pemeriksaan kehamilan\n\nNSPK:\n1) Permenkes Nomor 6 Tahun 2024"
)
SPM_TAGS = '["PENGGUNAAN DANA ALOKASI UMUM YANG TELAH DITENTUKAN PENGGUNAANNYA", "STANDAR PELAYANAN MINIMAL"]'
ROWS = [
    ["KABKOT", KESEHATAN, UKM, RUJUKAN, "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
     "Ibu Hamil yang Mendapatkan Pelayanan Kesehatan sesuai Standar",
     "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan sesuai Standar", "Orang", SPM_TAGS, DEFINITION,
     "Bidang Kesehatan Masyarakat", "SPM", "Layanan", ""],
    ["KABKOT", KESEHATAN, UKM, RUJUKAN, "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
     "Ibu Bersalin yang Mendapatkan Pelayanan Kesehatan sesuai Standar",
     "Jumlah Ibu Bersalin yang Mendapatkan Pelayanan Kesehatan sesuai Standar", "Orang", "[null]",
     "Persalinan di fasilitas pelayanan kesehatan.", "Bidang Kesehatan Masyarakat", "SPM", "Layanan", ""],
    ["KABKOT", KESEHATAN, UKM, RUJUKAN, "1.02.02.2.02.0003 Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir",
     "Bayi Baru Lahir yang Mendapatkan Pelayanan Kesehatan sesuai Standar",
     "Jumlah Bayi Baru Lahir yang Mendapatkan Pelayanan Kesehatan sesuai Standar", "Orang", "[null]", "",
     "Bidang Kesehatan Masyarakat", "SPM", "Layanan", ""],
    ["KABKOT", KESEHATAN, SDMK, SDMK_KEGIATAN, "1.02.03.2.02.0004 Perencanaan Sumber Daya Manusia Kesehatan",
     "Dokumen Perencanaan SDM Kesehatan", "Jumlah Dokumen Perencanaan SDM Kesehatan", "Dokumen", "[null]",
     "Penyusunan rencana kebutuhan SDM kesehatan.", "Bidang SDK", "NON-SPM", "Aktifitas",
     "1.02.03.2.02.0001 Pemenuhan Kebutuhan Sumber Daya Manusia Kesehatan sesuai Standar"],
    ["KABKOT", XX, "X.XX.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "X.XX.01.2.01 Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "X.XX.01.2.01.0001 Penyusunan Dokumen Perencanaan Perangkat Daerah", "Dokumen Perencanaan Perangkat Daerah",
     "Jumlah Dokumen Perencanaan Perangkat Daerah", "Dokumen", "[null]", "Renstra, Renja.", "Sekretariat",
     "NON-SPM", "Aktifitas", ""],
    ["KABKOT", XX, "X.XX.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "X.XX.01.2.01 Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "X.XX.01.2.01.0007 Evaluasi Kinerja Perangkat Daerah", "Laporan Evaluasi Kinerja Perangkat Daerah",
     "Jumlah Laporan Evaluasi Kinerja Perangkat Daerah", "Laporan", "[null]", "LKjIP.", "Sekretariat",
     "NON-SPM", "Aktifitas", ""],
    ["PROV", PENDIDIKAN, DIKDAS, "1.01.02.1.01 Pengelolaan Pendidikan Sekolah Menengah Atas",
     "1.01.02.1.01.0001 Pembangunan USB (Unit Sekolah Baru)", "Sekolah Baru yang Terbangun",
     "Jumlah Sekolah Baru yang Telah Dibangun", "Unit", SPM_TAGS, "Cakupan:\n- daerah 3T", "Bidang SMA", "SPM",
     "Layanan", ""],
    ["PROV", PENDIDIKAN, DIKDAS, "1.01.02.3.05 Peningkatan Mutu Akademi Komunitas",
     "1.01.02.3.05.0001 Penyediaan Beasiswa Status Mahasiswa Jenjang Diploma",
     "Mahasiswa Diploma yang Menerima Beasiswa", "Jumlah Orang yang Menerima Beasiswa", "Orang", "[null]", "",
     "Bidang PT", "NON-SPM", "Layanan", ""],
    ["KABKOT", PENDIDIKAN, DIKDAS, "1.01.02.3.05 Pengelolaan Pendidikan Sekolah Menengah Atas",
     "1.01.02.3.05.0001 Pembangunan USB (Unit Sekolah Baru)", "Sekolah Baru yang Terbangun",
     "Jumlah Sekolah Baru yang Telah Dibangun", "Unit", "[null]", "", "Dinas Pendidikan", "SPM", "Layanan", ""],
]  # fmt: skip


def nomenclature_file(shape: str = "plain", rows: list[list[str]] = ROWS) -> tuple[bytes, str]:
    """The nomenclature in one of the shapes it comes in: as Kemendagri publishes it, with a title,
    columns moved and an extra one, parents written once over merged cells, headings in other
    words with a numbering row, Windows line breaks, or a semicolon CSV exported from Excel."""
    header, body = list(HEADER), [list(r) for r in rows]
    merges: list[str] = []
    top: list[list[object]] = []
    if shape == "title":
        top = [["NOMENKLATUR SUB KEGIATAN PEMERINTAHAN DAERAH (KEPMENDAGRI 900.1.15.5-3406/2024)"], []]
    if shape == "moved":
        order = [4, 1, 2, 3, 0, 6, 5, 7, 9, 8, 13, 11, 10, 12]
        header = ["NO", *(header[i] for i in order), "KETERANGAN"]
        body = [[n, *(r[i] for i in order), "-"] for n, r in enumerate(body, start=1)]
    if shape == "merged":  # bidang, program and kegiatan once per group, merged down over its rows
        for col in (1, 2, 3):
            start = 0
            for n in range(1, len(body) + 1):
                if n == len(body) or body[n][col] != body[start][col]:
                    if n - start > 1:
                        letter = "ABCD"[col]
                        merges.append(f"{letter}{start + 2}:{letter}{n + 1}")
                    for r in range(start + 1, n):
                        body[r][col] = None
                    start = n
    if shape == "words":
        header = [
            "Jenis Pemda", "Urusan", "Program", "Kegiatan", "Sub Kegiatan", "Kinerja",
            "Indikator Kinerja", "Satuan", "Tag", "Definisi Operasional", "Pelaksana", "SPM", "Jenis",
            "Sub Kegiatan Sebelumnya",
        ]  # fmt: skip
        top = [header]
        header = [str(n) for n in range(1, 15)]  # a numbering row under the heading
    if shape == "crlf":
        body = [[v.replace("\n", "\r\n") if isinstance(v, str) else v for v in r] for r in body]
    if shape == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([header, *body])
        return buffer.getvalue().encode("cp1252"), "nomenklatur-subkegiatan.csv"
    return dated(xlsx({"Worksheet": [*top, header, *body]}, {"Worksheet": merges})), "nomenklatur-subkegiatan.xlsx"


FILE_DATE = "1 September 2025"


def dated(content: bytes, stamp: str = "2025-09-01T08:00:00Z") -> bytes:
    """The workbook with its own date (its properties' created and modified) set, as a published file has."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            out.writestr(item, data)
    return target.getvalue()
