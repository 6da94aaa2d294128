"""The sidebar every page shares: the office, and the demo-data notice with its remove action."""

from __future__ import annotations

import streamlit as st

from kinerja.demo import remove_demo
from ui.resources import cached_settings, data_version, flash, get_store


@st.dialog("Hapus data demo?")
def _confirm_remove_demo() -> None:
    st.write("Semua rencana, unit dan data contoh Dinas Kesehatan Kabupaten Sukamaju akan dihapus. "
             "Data yang Anda tambahkan sendiri tetap ada.")
    if st.button("Ya, hapus data demo", type="primary", key="konfirmasi_hapus_demo"):
        remove_demo(get_store())
        flash("Data demo telah dihapus.")
        st.rerun()


def render_sidebar() -> None:
    settings = cached_settings(data_version())
    with st.sidebar:
        st.caption(settings.office_name)
        if settings.demo_loaded:
            st.warning("Aplikasi berisi **data demo** (fiktif).", icon=":material/science:")
            if st.button("Hapus data demo", key="hapus_demo", icon=":material/delete:"):
                _confirm_remove_demo()
