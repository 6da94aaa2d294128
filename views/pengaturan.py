import datetime as dt

import streamlit as st

from kinerja.access.roles import Action
from kinerja.collection.completeness import quarter_dates, save_quarter_dates
from kinerja.domain.office_time import ZONE_WORDS
from kinerja.domain.period import roman
from kinerja.storage.settings import save_settings
from ui.auth import page_allows
from ui.backups import backup_panel
from ui.nomenclature import nomenclature_panel
from ui.report import office_template_panel
from ui.resources import cached_settings, cached_years, data_version, flash, get_store
from ui.tables import edit_table

page_allows(Action.SETTINGS)

store, settings = get_store(), cached_settings(data_version())
st.title("Pengaturan")
st.caption("Pilihan instansi yang berlaku untuk semua perhitungan dan laporan.")
formula = st.radio(
    "Rumus polaritas negatif",
    ["2T-R", "T/R"],
    index=["2T-R", "T/R"].index(settings.negative_formula.value),
    format_func=lambda f: "(2T − R) / T × 100 — pedoman PermenPAN-RB (bawaan)" if f == "2T-R" else "T / R × 100",
)
cap = st.number_input(
    "Batas skor (%)", min_value=100.0, max_value=300.0, value=settings.score_cap, step=5.0, format="%.0f"
)
risk = st.number_input(
    "Batas berisiko (%)",
    min_value=1.0,
    max_value=100.0,
    value=settings.risk_threshold,
    step=1.0,
    format="%.0f",
    help="Indikator yang proyeksi skor akhir tahunnya di bawah batas ini ditandai berisiko di dasbor dan laporan. "
    "Bawaan: batas bawah kategori kedua skala (Tinggi).",
)
office = st.text_input("Nama instansi", settings.office_name)
head, nip = st.columns(2)
head_name = head.text_input("Nama kepala instansi", settings.head_name, help="Penanda tangan Kata Pengantar dan PK.")
head_nip = nip.text_input("NIP kepala instansi", settings.head_nip)
zone = st.selectbox(
    "Zona waktu kantor",
    list(ZONE_WORDS),
    index=list(ZONE_WORDS).index(settings.office_time_zone),
    format_func=ZONE_WORDS.get,
    help="Waktu di Jejak Audit, riwayat verifikasi dan versi data ditampilkan menurut zona ini.",
)
if st.button("Simpan pengaturan", key="simpan_pengaturan"):
    save_settings(
        store,
        {
            "negative_formula": formula,
            "score_cap": str(cap),
            "office_name": office.strip() or settings.office_name,
            "office_time_zone": zone,
            "head_name": head_name.strip(),
            "head_nip": head_nip.strip(),
            "risk_threshold": str(risk) if settings.risk_threshold_set or risk != settings.risk_threshold else "",
        },
    )
    flash("Pengaturan disimpan.")
    st.rerun()

st.subheader("Batas waktu pengiriman data triwulan")
years = cached_years(data_version())
if years:
    year = st.selectbox("Tahun", years, key="batas_tahun")
    st.caption(
        "Dibuka: unit mulai dapat mengirim. Batas kirim: lewat tanggal ini unit terhitung terlambat dan muncul di "
        "pengingat. Ditutup: sesudahnya operator tidak dapat mengubah data kecuali admin membukanya kembali."
    )
    within = {"min_value": dt.date(year, 1, 1), "max_value": dt.date(year + 1, 12, 31)}  # TW IV's fall in the next
    dates = quarter_dates(store, year).assign(label=lambda f: [f"TW {roman(q)}" for q in f["quarter"]])
    edited = edit_table(
        dates,
        hide_index=True,
        column_order=["label", "opens_on", "due_on", "closes_on"],
        disabled=["label"],
        column_config={
            "label": "Triwulan",
            "opens_on": st.column_config.DateColumn("Dibuka", format="DD-MM-YYYY", **within),
            "due_on": st.column_config.DateColumn("Batas kirim", format="DD-MM-YYYY", **within),
            "closes_on": st.column_config.DateColumn("Ditutup", format="DD-MM-YYYY", **within),
        },
        key=f"periode_{year}",
    )
    if st.button("Simpan batas waktu", key="simpan_batas"):
        try:
            save_quarter_dates(store, year, edited)
            flash(f"Batas waktu tahun {year} disimpan.")
            st.rerun()
        except ValueError as exc:
            st.error(str(exc))

st.subheader("Nomenklatur Kemendagri")
nomenclature_panel()

st.subheader("Templat Word laporan")
office_template_panel()

st.subheader("Cadangan")
backup_panel()
