"""The sidebar every page shares: the office, and the demo-data notice with its remove action."""

from __future__ import annotations

import streamlit as st

from kinerja.demo import remove_demo
from ui import keys
from ui.resources import cached_settings, data_version, flash, get_store


def _demo_notice() -> None:
    st.warning("Aplikasi berisi **data demo** (fiktif).", icon=":material/science:")
    if not st.session_state.get(keys.CONFIRM_REMOVE_DEMO):
        if st.button("Hapus data demo", key="hapus_demo", icon=":material/delete:"):
            st.session_state[keys.CONFIRM_REMOVE_DEMO] = True
            st.rerun()
        return
    st.write("Semua rencana dan data contoh akan dihapus; data yang Anda tambahkan sendiri tetap ada.")
    confirm, cancel = st.columns(2)
    if confirm.button("Ya, hapus", type="primary", key="konfirmasi_hapus_demo"):
        remove_demo(get_store())
        st.session_state[keys.CONFIRM_REMOVE_DEMO] = False
        flash("Data demo telah dihapus.")
        st.rerun()
    if cancel.button("Batal", key="batal_hapus_demo"):
        st.session_state[keys.CONFIRM_REMOVE_DEMO] = False
        st.rerun()


def render_sidebar() -> None:
    settings = cached_settings(data_version())
    with st.sidebar:
        st.caption(settings.office_name)
        if settings.demo_loaded:
            _demo_notice()
