import streamlit as st

from kinerja.settings import save_settings
from ui.resources import cached_settings, data_version, flash, get_store

store, settings = get_store(), cached_settings(data_version())
st.title("Pengaturan")
st.caption("Pilihan instansi yang berlaku untuk semua perhitungan dan laporan.")
formula = st.radio(
    "Rumus polaritas negatif",
    ["2T-R", "T/R"],
    index=["2T-R", "T/R"].index(settings.negative_formula.value),
    format_func=lambda f: "(2T − R) / T × 100 — pedoman PermenPAN-RB (bawaan)" if f == "2T-R" else "T / R × 100",
)
cap = st.number_input("Batas skor (%)", min_value=100.0, max_value=300.0, value=settings.score_cap, step=5.0)
office = st.text_input("Nama instansi", settings.office_name)
if st.button("Simpan pengaturan", key="simpan_pengaturan"):
    save_settings(
        store,
        {"negative_formula": formula, "score_cap": str(cap), "office_name": office.strip() or settings.office_name},
    )
    flash("Pengaturan disimpan.")
    st.rerun()
