"""The SOP "Pengumpulan Data Kinerja" and where each of its steps happens in the app.

The Panduan page shows this table; it grows with every feature (``page`` is None where the app
does not yet support a step).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SopStep:
    number: int
    activity: str
    actor: str
    time_standard: str
    output: str
    page: str | None  # the page's title in the app
    how: str


SOP_STEPS: tuple[SopStep, ...] = (
    SopStep(
        1,
        "Disposisi Perjanjian Kinerja dan Rencana Aksi",
        "Sekretaris",
        "15 menit",
        "Disposisi, catatan pembagian tugas",
        "Perencanaan, Proses SOP",
        "Tetapkan rencana tahun berjalan: unit kerja, sasaran, indikator, target PK dan Rencana Aksi TW I–IV, penanggung jawab tiap indikator. "
        "Sekretaris mencatat disposisi di Proses SOP: siapa mengumpulkan data unit mana, sampai kapan, dengan catatan pembagian tugas; "
        "yang ditugasi melihatnya sebagai daftar tugas.",
    ),
    SopStep(
        2,
        "Mengumpulkan data kinerja triwulan dari subbag/subbid, OPD lain dan instansi",
        "Kepala Bidang / Sub Koordinator",
        "30 menit",
        "Data triwulan",
        "Unggah Data",
        "Unduh templat per unit (atau semua unit sekaligus) dan kirim ke unit; unggah templat terisi, spreadsheet unit "
        "sendiri, atau formulir Evaluasi Renja (Permendagri 86). Setiap masalah ditunjukkan sampai ke sel; perbaiki di "
        "halaman atau unduh berkas yang sel bermasalahnya ditandai.",
    ),
    SopStep(
        3,
        "Mengolah data kinerja triwulan",
        "JF Perencana",
        "2 menit",
        "Draf laporan",
        "Rekap",
        "Rekap capaian triwulan tersedia begitu unggahan terakhir disimpan; kelengkapan per unit dan indikator "
        "dibandingkan dengan batas waktu (atur di Pengaturan). Rekap dapat diunduh sebagai Excel; ringkasannya di Beranda.",
    ),
    SopStep(
        4,
        "Menyusun Laporan Kinerja Triwulan",
        "Penyusun Evaluasi Kinerja",
        "30 menit",
        "Draf laporan",
        "Laporan",
        "Susun draf Laporan Kinerja Triwulan (Word atau Excel) dari data: Bab I–III, tabel pengukuran kinerja, grafik "
        "dasbor dan paragraf analisis setiap indikator dari angka serta catatan unit. Sunting di Word sebelum diedarkan.",
    ),
    SopStep(
        5,
        "Mendistribusikan laporan triwulan kepada pejabat; koreksi bila perlu",
        "Pejabat terkait",
        "30 menit",
        "Draf terkoreksi",
        "Verifikasi",
        "Unit mengajukan data triwulannya; peninjau (Kabid, Sub Koordinator, Sekretaris) memverifikasi atau mengembalikan "
        "dengan catatan per indikator; unit memperbaiki dan mengajukan ulang. Status laporan: draf → terkoreksi → final.",
    ),
    SopStep(
        6,
        "Rekap empat triwulan untuk laporan tahunan",
        "JF Perencana",
        "2 hari",
        "Rekap",
        "Beranda",
        "Pilih TW IV di Beranda: angka s.d. TW IV menurut agregasi tiap indikator.",
    ),
    SopStep(
        7,
        "Menyusun Laporan Kinerja Tahunan (LKjIP)",
        "Penyusun Evaluasi Kinerja",
        "120 hari",
        "Draf laporan tahunan",
        "Laporan",
        "Pilih LKjIP (tahunan) di halaman Laporan: Ringkasan Eksekutif, Bab I–IV dengan tujuh analisis setiap sasaran "
        "(target dan realisasi, tahun sebelumnya, target Renstra, standar nasional, penyebab dan solusi, efisiensi, "
        "program), realisasi anggaran, serta lampiran PK dan formulir pengukuran; Word, Excel atau PDF.",
    ),
    SopStep(
        8,
        "Mendistribusikan laporan tahunan; koreksi bila perlu",
        "Pejabat terkait",
        "60 menit",
        "Draf terkoreksi",
        "Verifikasi",
        "Edarkan draf LKjIP; tandai laporan tahunan terkoreksi di halaman Verifikasi setelah koreksi pejabat.",
    ),
    SopStep(
        9,
        "Finalisasi laporan tahunan",
        "Sekretaris",
        "1 hari",
        "Laporan final",
        "Verifikasi",
        "Finalkan laporan tahunan: data tahun itu terkunci; hanya admin yang dapat membukanya, dengan alasan yang "
        "tercatat di Jejak Audit. Waktu setiap langkah dibandingkan dengan standar SOP di halaman Proses SOP.",
    ),
)
