import streamlit as st

from kinerja.access.roles import Action
from kinerja.domain.numbers import fmt_number, fmt_percent
from kinerja.domain.period import period_name
from kinerja.domain.recap import display_recap
from kinerja.reporting.exports import recap_workbook
from kinerja.workflow.completeness import ARRIVED, LATE, MISSING, status_matrix, unit_completeness
from ui.period import open_page, period_selector
from ui.resources import cached_recap, cached_settings, made_on_click
from ui.tables import show_table

page = open_page(Action.READ, "Rekap dan Kelengkapan")
store, version = page.store, page.version
year, quarter = period_selector(page.years, version)
settings = cached_settings(version, year)
units = unit_completeness(store, year, quarter)
total, arrived = int(units["Indikator"].sum()), int(units["Masuk"].sum())
share, complete, late = st.columns(3)
share.metric(
    "Indikator dilaporkan",
    f"{fmt_number(arrived)} dari {fmt_number(total)} ({fmt_percent(arrived / total * 100 if total else None)})",
    border=True,
)
complete.metric(
    "Unit lengkap",
    f"{fmt_number(int((units['Masuk'] == units['Indikator']).sum()))} dari {fmt_number(len(units))}",
    border=True,
)
late.metric("Unit terlambat", int((units["Tepat Waktu"] == "Terlambat").sum()), border=True)

st.subheader(f"Kelengkapan per unit, {period_name(year, quarter)}")
show_table(
    units,
    hide_index=True,
    column_config={
        "Kelengkapan": st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100),
        "Unggahan Terakhir": st.column_config.DatetimeColumn(format="D MMM YYYY HH:mm"),
    },
)
st.subheader(f"Indikator × triwulan, {year}")
colors = {ARRIVED: "background-color: #d6eaf8", LATE: "background-color: #fde2b8", MISSING: "background-color: #f9d0c4"}
matrix = status_matrix(store, year)
show_table(matrix.style.map(lambda v: colors.get(v, "")), hide_index=True)
st.caption(f"{ARRIVED}: data ada · {LATE}: dikirim setelah batas waktu · {MISSING}: lewat batas waktu tanpa data.")

st.subheader(f"Rekap capaian s.d. {period_name(year, quarter)}")
frame = cached_recap(version, year, quarter)
show_table(display_recap(frame), hide_index=True)
st.caption(settings.statement())
st.download_button(
    "Unduh rekap (Excel)",
    made_on_click(recap_workbook, frame, year, quarter, settings.office_name, units, settings.statement()),
    file_name=f"rekap-kinerja-{year}-tw{quarter}.xlsx",
    icon=":material/download:",
    key="unduh_rekap",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
