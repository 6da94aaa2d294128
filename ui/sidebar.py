"""The sidebar every page shares: the office, and the demo-data notice with its remove action."""

from __future__ import annotations

import streamlit as st

from kinerja.access.roles import ROLE_WORD, Action, Actor, can, current
from kinerja.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, remove_demo
from ui import keys
from ui.auth import oidc_configured, sign_out
from ui.resources import cached_office, data_version, flash, get_store
from ui.text import md_escape


def _demo_notice() -> None:
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
        if current() is not None and current().name in {a.name for a in DEMO_ACCOUNTS}:
            sign_out("Data demo telah dihapus, termasuk akun demo yang Anda pakai. Masuk dengan akun Anda sendiri.")
        else:
            flash("Data demo telah dihapus.")
        st.rerun()
    if cancel.button("Batal", key="batal_hapus_demo"):
        st.session_state[keys.CONFIRM_REMOVE_DEMO] = False
        st.rerun()


def _who(actor: Actor) -> None:
    unit = f" · {md_escape(actor.unit)}" if actor.unit else ""
    st.markdown(f"**{md_escape(actor.label)}**  \n{ROLE_WORD[actor.role]}{unit}")
    if st.session_state.get(keys.DEMO_AUTO):
        st.caption(f"Masuk otomatis sebagai admin demo. Akun demo lain: kata sandi `{DEMO_PASSWORD}`.")
    if st.button("Keluar", key="keluar", icon=":material/logout:"):
        sign_out()
        if oidc_configured() and getattr(st.user, "is_logged_in", False):
            st.logout()
        st.rerun()


def render_sidebar(actor: Actor) -> None:
    settings = cached_office(data_version())
    with st.sidebar:
        st.caption(md_escape(settings.office_name))
        _who(actor)
        if settings.demo_loaded:
            st.warning("Aplikasi berisi **data demo** (fiktif).", icon=":material/science:")
            if can(actor, Action.DEMO):
                _demo_notice()
