import streamlit as st

from kinerja.access.roles import Action, Role, can
from kinerja.workflow import review
from ui import keys
from ui.period import open_page, period_selector
from ui.tables import show_table
from views.verifikasi_parts.review import reopen_panel, report_panel, state_table, unit_quarter, visible_units

page = open_page(
    Action.READ,
    "Verifikasi",
    "Alur SOP: unit mengajukan data triwulan → peninjau memverifikasi atau mengembalikan dengan catatan.",
)
actor = page.actor
year, quarter = period_selector(page.years, page.version)
units = visible_units(actor, year)
if not units:
    st.info("Tidak ada unit yang menjadi tanggung jawab akun ini pada tahun ini.")
    st.stop()
table = state_table(units, year, quarter)
left, right = st.columns([3, 2])
with left:
    show_table(table, hide_index=True, width="stretch")
with right:
    if actor.role is not Role.OPERATOR:
        report_panel(actor, year, quarter)
waiting = table.loc[table["Status"].isin(["Diajukan", "Dikembalikan"]), "Unit"].tolist()
unit = st.selectbox("Unit", units, index=units.index(waiting[0]) if waiting else 0, key=keys.REVIEW_UNIT)
unit_quarter(actor, unit, year, quarter)
if can(actor, Action.UNLOCK) and review.close_date(page.store, year, quarter):
    reopen_panel(unit, year, quarter)
