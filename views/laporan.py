import streamlit as st

from kinerja.access import Action, can
from kinerja.achievement import roman
from kinerja.reports import quarterly_docx, quarterly_xlsx, record_draft
from kinerja.review import REPORT_WORD, report_state
from ui.auth import page_allows
from ui.period import period_selector, require_plan
from ui.resources import cached_years, data_version, get_store

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
actor = page_allows(Action.READ)
store, version = get_store(), data_version()
years = cached_years(version)
st.title("Laporan")
st.caption(
    "Draf Laporan Kinerja Triwulan sesuai PermenPAN-RB 53/2014, disusun dari data; sunting di Word sebelum diedarkan."
)
require_plan(years)
year, quarter = period_selector(years, version)
st.markdown(f"**Status laporan TW {roman(quarter)} {year}: {REPORT_WORD[report_state(store, year, quarter)]}**")
name = f"laporan-kinerja-{year}-tw{quarter}"
built = st.session_state.get("laporan_dibuat")
left, right = st.columns(2)
if left.button("Susun laporan (Word)", type="primary", icon=":material/description:"):
    bar = st.progress(0.0, "Mulai")
    content = quarterly_docx(store, year, quarter, progress=lambda share, what: bar.progress(share, what))
    if can(actor, Action.REPORT):
        record_draft(store, year, quarter)
    st.session_state["laporan_dibuat"] = built = (year, quarter, "docx", content)
if right.button("Susun tabel (Excel)", icon=":material/table:"):
    st.session_state["laporan_dibuat"] = built = (year, quarter, "xlsx", quarterly_xlsx(store, year, quarter))
if built and built[:2] == (year, quarter):
    kind, content = built[2], built[3]
    st.download_button(
        f"Unduh {name}.{kind}",
        content,
        file_name=f"{name}.{kind}",
        mime=DOCX if kind == "docx" else XLSX,
        icon=":material/download:",
        key="unduh_laporan",
    )
