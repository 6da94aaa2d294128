import pandas as pd
import streamlit as st

from kinerja.access.roles import Action
from kinerja.domain.numbers import fmt_percent
from kinerja.domain.period import year_in_progress
from kinerja.workflow.sop import SOP_STEPS
from ui.period import open_page
from ui.resources import cached_settings
from ui.tables import show_table

page = open_page(Action.READ, "Panduan", period=False)
settings = cached_settings(page.version, year_in_progress())
st.markdown(
    "Kinerja mengikuti SOP **Pengumpulan Data Kinerja**. Tabel ini menunjukkan di mana setiap langkah dikerjakan."
)
show_table(
    pd.DataFrame(
        [
            {
                "Langkah": s.number,
                "Kegiatan": s.activity,
                "Pelaksana": s.actor,
                "Waktu": s.time_standard,
                "Output": s.output,
                "Halaman": s.page or "menyusul",
                "Caranya": s.how,
            }
            for s in SOP_STEPS
        ]
    ),
    hide_index=True,
)

st.header("Cara menghitung capaian")
st.markdown(
    f"""
R = realisasi, T = target, keduanya **sampai dengan** triwulan yang dipilih.

| Polaritas | Rumus |
|---|---|
| Positif (semakin tinggi semakin baik) | C = R / T × 100 |
| Negatif (semakin rendah semakin baik) | C = {settings.negative_formula.label} *(pengaturan instansi ini untuk tahun {settings.year})* |
| Rentang (mis. 80 – 90) | di dalam rentang = 100; di bawahnya dihitung positif terhadap batas bawah; di atasnya dihitung negatif terhadap batas atas |
| Dengan baseline B | C = (R − B) / (T − B) × 100 |

- **T = 0**: polaritas positif tidak terdefinisi (ditampilkan "–", tidak ikut dirata-rata); polaritas negatif 100 bila R = 0, selain itu 0.
- **Realisasi kosong bukan nol**: indikator tanpa data ditampilkan "belum ada data" dan tidak ikut dirata-rata.
- **Skor** = capaian yang dibatasi 0 – {fmt_percent(settings.score_cap, 0)}; skor sasaran dan unit = rata-rata (berbobot) skor indikatornya.

| Agregasi | Realisasi s.d. TW | Target s.d. TW |
|---|---|---|
| Kumulatif | jumlah TW I s.d. TW ini | jumlah target Rencana Aksi TW I s.d. TW ini |
| Nilai Akhir | nilai TW ini (bukan nilai tertinggi) | target Rencana Aksi TW ini |
| Rata-rata | rata-rata TW I s.d. TW ini | rata-rata target TW I s.d. TW ini |
| Rasio | Σ pembilang / Σ penyebut × 100 | target Rencana Aksi TW ini |

Pada indikator Kumulatif, triwulan tanpa laporan dianggap 0 hanya bila target Rencana Aksi triwulan itu 0.

Rumus polaritas negatif, batas skor, skala kategori dan batas berisiko berlaku **per tahun**: perubahan di halaman
Pengaturan berlaku mulai tahun yang dipilih, dan tahun-tahun sebelumnya tetap dihitung dengan pengaturannya sendiri.
Setiap laporan dan dasbor menyebut pengaturan yang dipakainya.
"""
)
st.subheader("Kategori capaian")
bands = sorted(settings.scale, key=lambda b: b.lower, reverse=True)
show_table(
    pd.DataFrame(
        [
            {"Kategori": b.label, "Skor": f"≥ {b.lower:g}" if b.lower != float("-inf") else f"< {bands[i - 1].lower:g}"}
            for i, b in enumerate(bands)
        ]
    ),
    hide_index=True,
)

st.subheader("Progres tahunan")
st.markdown(
    """
Progres tahunan membandingkan realisasi s.d. triwulan dengan **target tahunan (PK)**, menurut jenis indikatornya.

| Indikator | Progres tahunan | Dibaca |
|---|---|---|
| Kumulatif, positif | bagian target tahunan yang sudah tercapai | dibandingkan bagian tahun yang sudah berlalu (TW I 25%, TW II 50%, TW III 75%): di bawah laju berarti tertinggal |
| Kumulatif, negatif (mis. jumlah kematian) | bagian **kuota** tahunan (batas maksimal) yang sudah terpakai | di atas laju berarti kuota bisa terlampaui sebelum akhir tahun; lebih dari 100% berarti sudah terlampaui |
| Nilai Akhir, Rata-rata, Rasio | nilai s.d. triwulan terhadap target tahunan, dengan rumus capaian | memenuhi target tahunan mulai 100% |

Target tahunan 0 pada indikator kumulatif negatif: satu kejadian saja sudah melampaui kuota. Bila realisasi belum lengkap, progres tidak dihitung dan alasannya disebutkan (bukan 0).
"""
)
