"""The pages each kind of session is offered. A page left out cannot be opened by its URL either:
st.navigation serves only the pages it is given; each page also checks the role itself."""

from __future__ import annotations

import streamlit as st

from kinerja.access.roles import Action, Actor, may_ever
from kinerja.access.sharing import SharedView
from ui.signin import sign_in_page

_PAGES = {  # file: (title, icon, the action that opens it)
    "beranda": ("Beranda", ":material/home:", Action.READ),
    "dasbor": ("Dasbor Capaian", ":material/monitoring:", Action.READ),
    "pohon": ("Pohon Kinerja", ":material/account_tree:", Action.READ),
    "perencanaan": ("Perencanaan", ":material/edit_note:", Action.PLAN),
    "unggah": ("Unggah Data", ":material/upload_file:", Action.UPLOAD),
    "verifikasi": ("Verifikasi", ":material/task_alt:", Action.READ),
    "rekap": ("Rekap", ":material/fact_check:", Action.READ),
    "proses": ("Proses SOP", ":material/route:", Action.READ),
    "laporan": ("Laporan", ":material/article:", Action.READ),
    "lke": ("Evaluasi AKIP", ":material/grading:", Action.READ),
    "pengaturan": ("Pengaturan", ":material/settings:", Action.SETTINGS),
    "akun": ("Akun", ":material/group:", Action.ACCOUNTS),
    "audit": ("Jejak Audit", ":material/history:", Action.AUDIT),
    "panduan": ("Panduan", ":material/menu_book:", Action.READ),
}


def _page(name: str, default: bool = False) -> st.Page:
    title, icon, _ = _PAGES[name]
    return st.Page(f"views/{name}.py", title=title, icon=icon, default=default)


def pages_for(actor: Actor | None, shared: SharedView | None) -> list[st.Page]:
    if actor is None:
        if shared is not None:  # a read-only link: its dashboard and nothing else
            return [_page("dasbor", default=True)]
        # every address shows the sign-in form, and after signing in the page it names
        return [st.Page(sign_in_page, title="Masuk", url_path=name, default=name == "beranda") for name in _PAGES]
    return [
        _page(name, default=name == "beranda") for name, (_, _, action) in _PAGES.items() if may_ever(actor, action)
    ]
