"""The sign-in page: local accounts, OpenID Connect when configured, and the first admin of an
empty Kinerja. Served at every page's address while nobody is signed in, so that a link to a
view opens that view right after signing in."""

import streamlit as st

from kinerja.access.accounts import AccountError, NewAccount, SignInRefused, add_account, sign_in
from kinerja.access.roles import Role
from ui import keys
from ui.auth import first_run, oidc_configured, share_token, signed_in
from ui.resources import cached_office, data_version, get_store
from ui.text import md_escape


def sign_in_page() -> None:
    store = get_store()
    settings = cached_office(data_version())
    st.title("Kinerja")
    st.caption(md_escape(settings.office_name))
    if share_token():
        st.error("Tautan ini tidak berlaku lagi: sudah dicabut atau kedaluwarsa.", icon=":material/link_off:")
        return
    message = st.session_state.pop(keys.SIGN_IN_MESSAGE, None)
    if message:
        st.info(message, icon=":material/info:")

    if first_run():
        st.subheader("Buat akun admin pertama")
        st.write("Belum ada akun. Akun pertama adalah admin: ia menambahkan akun lain di halaman Akun.")
        with st.form("admin_pertama"):
            name = st.text_input("Nama akun", placeholder="mis. perencana")
            display = st.text_input("Nama lengkap dan jabatan", placeholder="mis. Budi Santoso, JF Perencana")
            password = st.text_input("Kata sandi (minimal 8 karakter)", type="password")
            again = st.text_input("Ulangi kata sandi", type="password")
            if st.form_submit_button("Buat akun admin", type="primary"):
                if password != again:
                    st.error("Kedua kata sandi tidak sama.")
                else:
                    try:
                        add_account(store, NewAccount(name, Role.ADMIN, password, None, display))
                        signed_in(sign_in(store, name, password))
                        st.rerun()
                    except (AccountError, SignInRefused) as exc:
                        st.error(str(exc))
        return

    if oidc_configured():
        st.button("Masuk dengan akun instansi", type="primary", icon=":material/badge:", on_click=st.login)
        st.caption("Atau masuk dengan akun lokal:")
    with st.form("masuk"):
        name = st.text_input("Nama akun")
        password = st.text_input("Kata sandi", type="password")
        if st.form_submit_button("Masuk", type="primary", icon=":material/login:"):
            try:
                signed_in(sign_in(store, name, password))
                st.rerun()
            except SignInRefused as exc:
                st.error(str(exc), icon=":material/error:")
    if settings.demo_loaded:
        st.info(
            "Data demo: masuk sebagai `admin.demo`, `operator.kesmas`, `operator.p2p`, `kabid.kesmas`, `sekretaris` "
            "atau `kadis`, kata sandi `sukamaju2026`.",
            icon=":material/science:",
        )
