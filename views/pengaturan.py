import datetime as dt

import streamlit as st

from kinerja.access.roles import Action
from kinerja.domain.period import roman, year_in_progress
from kinerja.workflow.completeness import quarter_dates, save_quarter_dates
from ui.nomenclature import nomenclature_panel
from ui.period import open_page
from ui.report import office_template_panel
from ui.resources import flash
from ui.tables import edit_table
from views.pengaturan_parts.backups import backup_panel
from views.pengaturan_parts.settings_panel import year_settings_panel

page = open_page(
    Action.SETTINGS,
    "Pengaturan",
    "Rumus, batas skor, skala kategori dan batas berisiko berlaku per tahun: perubahan berlaku mulai tahun yang "
    "dipilih, tahun-tahun sebelumnya tetap dihitung dengan pengaturannya sendiri.",
    period=False,
)
store, version, years = page.store, page.version, page.years
year_settings_panel(store, version, years, year_in_progress())

st.subheader("Batas waktu pengiriman data triwulan")
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
