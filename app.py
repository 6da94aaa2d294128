"""Kinerja's router: page config, navigation over views/, the shared sidebar.

The page scripts live in views/, not pages/: Streamlit runs a folder named pages/ as a legacy
multipage app, bypassing this router, for sessions that open a page's link before any session
has opened the main page (a shared link right after a restart)."""

import streamlit as st

from kinerja.storage.config import ConfigError
from kinerja.storage.store import StoreBusyError, StoreDamagedError
from ui import keys
from ui.auth import start_run, write_cookie
from ui.navigation import pages_for
from ui.resources import get_store, show_flash
from ui.sidebar import render_sidebar

st.set_page_config(page_title="Kinerja", page_icon=":material/monitoring:", layout="wide")

try:
    get_store()
except (StoreBusyError, StoreDamagedError, ConfigError) as exc:
    st.error(str(exc), icon=":material/lock:")
    st.stop()

meeting = st.query_params.get(keys.MEETING) == "1"  # meeting mode: charts only, for a projector
actor, shared = start_run()
write_cookie()
page = st.navigation(  # expanded: every page listed, without Streamlit's English "View 3 more" / "View less"
    pages_for(actor, shared), position="hidden" if meeting or actor is None else "sidebar", expanded=True
)
if meeting:
    st.html(
        "<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] {display: none;}"
        " .stMainBlockContainer {max-width: 100%; padding-top: 1rem;} h1 {font-size: 2.2rem;}</style>"
    )
elif actor is not None:
    render_sidebar(actor)
st.html(  # Streamlit's uploader speaks English and offers no parameter for its words: say them in Indonesian
    "<style>"
    "[data-testid=stFileUploaderDropzone] [data-testid=stBaseButton-secondary] p {font-size: 0;}"
    "[data-testid=stFileUploaderDropzone] [data-testid=stBaseButton-secondary] p::after"
    " {content: 'Pilih berkas'; font-size: 0.875rem;}"
    "[data-testid=stFileUploaderDropzoneInstructions] span {font-size: 0;}"
    "[data-testid=stFileUploaderDropzoneInstructions] span::after"
    " {content: 'atau seret berkas ke sini · paling besar 50 MB per berkas'; font-size: 0.875rem;}"
    # an empty date field's segments say dd / mm / yyyy whatever the locale: hh / bb / tttt
    "[data-testid=stDateInputField] [data-placeholder=true] {font-size: 0;}"
    "[data-testid=stDateInputField] [data-placeholder=true]::after {font-size: 1rem;}"
    "[data-testid=stDateInputField] [data-placeholder=true][data-type=day]::after {content: 'hh';}"
    "[data-testid=stDateInputField] [data-placeholder=true][data-type=month]::after {content: 'bb';}"
    "[data-testid=stDateInputField] [data-placeholder=true][data-type=year]::after {content: 'tttt';}"
    # on a phone Plotly's toolbar stays over the chart's title once touched; its tools need a mouse anyway
    "@media (max-width: 640px) {.modebar-container {display: none;}}"
    # printed (Ctrl+P): A4 landscape, the page's content without the app's controls
    "@page {size: A4 landscape; margin: 10mm;}"
    "@media print {"
    "[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl], [data-testid=stHeader],"
    " [data-testid=stToolbar], [data-testid=stDecoration], [data-testid=stExpander], [data-testid=stFileUploader],"
    " [data-testid=stDownloadButton], [data-testid=stButton], [data-testid=stPopover], [data-testid=stTabs] [role=tablist],"
    " [data-testid=stDataFrameResizable] ~ div, .modebar-container {display: none !important;}"
    " .stMainBlockContainer {padding: 0 !important; max-width: none !important;}"
    " [data-testid=stAppViewContainer], [data-testid=stMain] {overflow: visible !important;}"
    " .stPlotlyChart, [data-testid=stDataFrame] {break-inside: avoid;}"
    "}"
    "</style>"
)
show_flash()
page.run()
