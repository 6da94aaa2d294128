"""Kinerja's router: page config, navigation over views/, the shared sidebar.

The page scripts live in views/, not pages/: Streamlit runs a folder named pages/ as a legacy
multipage app, bypassing this router, for sessions that open a page's link before any session
has opened the main page (a shared link right after a restart)."""

import streamlit as st

from kinerja.store import StoreBusyError
from ui import keys
from ui.resources import get_store, show_flash
from ui.sidebar import render_sidebar

st.set_page_config(page_title="Kinerja", page_icon=":material/monitoring:", layout="wide")

try:
    get_store()
except StoreBusyError as exc:
    st.error(str(exc), icon=":material/lock:")
    st.stop()

meeting = st.query_params.get(keys.MEETING) == "1"  # meeting mode: charts only, for a projector
page = st.navigation(
    [
        st.Page("views/beranda.py", title="Beranda", icon=":material/home:", default=True),
        st.Page("views/dasbor.py", title="Dasbor Capaian", icon=":material/monitoring:"),
        st.Page("views/perencanaan.py", title="Perencanaan", icon=":material/edit_note:"),
        st.Page("views/unggah.py", title="Unggah Data", icon=":material/upload_file:"),
        st.Page("views/rekap.py", title="Rekap", icon=":material/fact_check:"),
        st.Page("views/pengaturan.py", title="Pengaturan", icon=":material/settings:"),
        st.Page("views/panduan.py", title="Panduan", icon=":material/menu_book:"),
    ],
    position="hidden" if meeting else "sidebar",
)
if meeting:
    st.html(
        "<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] {display: none;}"
        " .stMainBlockContainer {max-width: 100%; padding-top: 1rem;} h1 {font-size: 2.2rem;}</style>"
    )
else:
    render_sidebar()
show_flash()
page.run()
