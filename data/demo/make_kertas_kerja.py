"""Writes data/demo/kertas-kerja-cascading-2026.xlsx, the demo office's Kertas Kerja Cascading, once.

The workbook is committed; the demo reads it through the planners' cascade import (kinerja.demo). Run
again only to change the demo's tree (from the repository's root):

    PYTHONPATH=. python data/demo/make_kertas_kerja.py
"""

from __future__ import annotations

import io

from openpyxl import Workbook

from kinerja.demo import CURRENT_YEAR, OFFICE, tree_file
from kinerja.domain.numbers import parse_number

# The demo office's Kertas Kerja Cascading 2026, one node (or one more indicator) per row, as an office
# keeps it: (column, name, indicator, target, satuan, pagu, penanggung jawab). Kemendagri codes from
# the 050-5889 nomenclature; budgets fictional. Sasaran S3 has no program yet: the checks say so.
_TREE_ROWS = [
    ("Tujuan", "Meningkatkan derajat kesehatan masyarakat", "Usia Harapan Hidup", "72,8", "tahun", None, None),
    ("Sasaran Strategis", "Menurunnya angka kematian ibu dan bayi", None, None, None, None, None),
    ("Program", "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
     "Persentase fasilitas pelayanan kesehatan yang memenuhi standar", "85", "%", None, "Kepala Bidang Kesehatan Masyarakat"),
    ("Kegiatan", "1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
     "Jumlah layanan kesehatan ibu dan anak yang disediakan", "4", "layanan", None, "Kepala Seksi Kesehatan Keluarga"),
    ("Sub Kegiatan", "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
     "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar", "1.250", "orang", "450.000.000", None),
    ("Sub Kegiatan", "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
     "Jumlah ibu bersalin yang mendapatkan pelayanan kesehatan sesuai standar", "1.180", "orang", "380.500.000", None),
    ("Sub Kegiatan", "1.02.02.2.02.0003 Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir",
     "Jumlah bayi baru lahir yang mendapatkan pelayanan kesehatan sesuai standar", "1.150", "bayi", "295.000.000", None),
    ("Kegiatan", "1.02.02.2.01 Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota",
     "Jumlah fasilitas pelayanan kesehatan yang direhabilitasi", "3", "unit", None, "Kepala Seksi Pelayanan Kesehatan Rujukan"),
    ("Sub Kegiatan", "1.02.02.2.01.0014 Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan",
     "Jumlah alat kesehatan yang disediakan", "40", "unit", "1.250.000.000", None),
    ("Sasaran Strategis", "Menurunnya prevalensi stunting dan gizi buruk", None, None, None, None, None),
    ("Program", "1.02.05 PROGRAM PEMBERDAYAAN MASYARAKAT BIDANG KESEHATAN",
     "Persentase desa yang melaksanakan STBM", "75", "%", None, "Kepala Bidang Kesehatan Masyarakat"),
    ("Kegiatan", "1.02.05.2.01 Advokasi, Pemberdayaan, Kemitraan, Peningkatan Peran serta Masyarakat dan Lintas Sektor",
     "Jumlah desa yang menjadi lokus intervensi stunting", "25", "desa", None, "Kepala Seksi Promosi Kesehatan"),
    ("Sub Kegiatan", "1.02.05.2.01.0001 Peningkatan Upaya Advokasi Kesehatan, Pemberdayaan, Penggalangan Kemitraan",
     "Jumlah dokumen hasil advokasi percepatan penurunan stunting", "4", "dokumen", "185.000.000", None),
    ("Kegiatan", "1.02.05.2.03 Pengembangan dan Pelaksanaan Upaya Kesehatan Bersumber Daya Masyarakat (UKBM)",
     "Jumlah posyandu aktif", "320", "posyandu", None, "Kepala Seksi Promosi Kesehatan"),
    ("Sub Kegiatan", "1.02.05.2.03.0001 Bimbingan Teknis dan Supervisi UKBM",
     "Jumlah UKBM yang dibina", None, "UKBM", "96.500.000", None),
    ("Sasaran Strategis", "Terkendalinya penyakit menular dan tidak menular", None, None, None, None, None),
    ("Sasaran Strategis", "Meningkatnya mutu dan akses pelayanan kesehatan", None, None, None, None, None),
    ("Program", "1.02.03 PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA KESEHATAN",
     "Persentase puskesmas dengan sembilan jenis tenaga kesehatan", "80", "%", None, "Kepala Bidang Sumber Daya Kesehatan"),
    ("Kegiatan", "1.02.03.2.02 Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya Manusia Kesehatan",
     "Jumlah tenaga kesehatan yang didayagunakan", "60", "orang", None, "Kepala Seksi Sumber Daya Manusia Kesehatan"),
    ("Sub Kegiatan", "1.02.03.2.02.0001 Pemenuhan Kebutuhan Sumber Daya Manusia Kesehatan sesuai Standar",
     "Jumlah tenaga kesehatan yang memenuhi standar", "60", "orang", "720.000.000", None),
    ("Tujuan", "Meningkatkan tata kelola pemerintahan yang akuntabel", "Nilai SAKIP perangkat daerah", "75", "nilai", None, None),
    ("Sasaran Strategis", "Meningkatnya akuntabilitas kinerja dan keuangan perangkat daerah", None, None, None, None, None),
    ("Program", "1.02.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "Nilai evaluasi SAKIP", "75", "nilai", None, "Sekretaris Dinas"),
    ("Kegiatan", "1.02.01.2.01 Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "Jumlah dokumen perencanaan dan pelaporan kinerja", "6", "dokumen", None, "Kepala Subbagian Perencanaan dan Keuangan"),
    ("Sub Kegiatan", "1.02.01.2.01.0001 Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah dokumen perencanaan perangkat daerah", "3", "dokumen", "85.000.000", None),
    ("Sub Kegiatan", "1.02.01.2.01.0007 Evaluasi Kinerja Perangkat Daerah",
     "Jumlah laporan evaluasi kinerja perangkat daerah", "3", "laporan", "64.000.000", None),
]  # fmt: skip
_SPENT_BY_TW2 = [0.46, 0.38, 0.51, 0.29, 0.44, 0.35, 0.48, 0.41, 0.33, 0.5]  # share of each sub-kegiatan's pagu spent
_TREE_LEVELS = ["Tujuan", "Sasaran Strategis", "Program", "Kegiatan", "Sub Kegiatan"]


def kertas_kerja() -> bytes:
    """The demo office's Kertas Kerja Cascading as an xlsx: a column per level, each with its
    indicator column ("Indikator Sasaran" left empty: the sasaran's indicators are the PK's)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Cascading 2026"
    sheet.append([f"KERTAS KERJA CASCADING {OFFICE.upper()} TAHUN {CURRENT_YEAR}"])
    sheet.append([])
    heading = [c for level in _TREE_LEVELS for c in (level, f"Indikator {level.split()[0]}" if level != "Sub Kegiatan"
               else "Indikator Sub Kegiatan")]  # fmt: skip
    sheet.append([*heading, "Target", "Satuan", "Pagu (Rp)", "Realisasi Anggaran (Rp)", "Penanggung Jawab"])
    spent = iter(_SPENT_BY_TW2)
    for column, name, indicator, target, unit, pagu, official in _TREE_ROWS:
        row = [None] * len(heading)
        at = _TREE_LEVELS.index(column) * 2
        row[at], row[at + 1] = name, indicator
        spending = f"{round(parse_number(pagu) * next(spent), -3):,.0f}".replace(",", ".") if pagu else None
        sheet.append([*row, target, unit, pagu, spending, official])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    tree_file().write_bytes(kertas_kerja())
    print(f"{tree_file()} ditulis.")
