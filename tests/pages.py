"""Pages under AppTest: the app's router, opened as an account of the demo (or of the small office,
tests/small_office.py, which has the demo's accounts)."""

from collections.abc import Iterator

import streamlit as st
from streamlit.testing.v1 import AppTest

from kinerja.access.accounts import NewAccount, add_account, start_session
from kinerja.access.roles import Role
from kinerja.storage.figures import recap
from kinerja.storage.store import PROJECT_ROOT, Store
from tests.conftest import opened
from ui import keys

APP = str(PROJECT_ROOT / "app.py")


def app_over(db_path, monkeypatch, timeout: float = 60) -> Iterator[AppTest]:
    """For an ``app`` fixture: the app's router over ``db_path`` (signed in as the demo's automatic
    admin), with the caches other tests left cleared before and after."""
    monkeypatch.setenv("KINERJA_DB", str(db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield AppTest.from_file(APP, default_timeout=timeout)
    st.cache_resource.clear()
    st.cache_data.clear()


def as_account(demo_db_path, monkeypatch, name: str | None) -> AppTest:
    monkeypatch.setenv("KINERJA_DB", str(demo_db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=60)
    if name is None:
        app.session_state[keys.SIGNED_OUT] = True  # away from the demo's automatic admin
    else:
        with opened(demo_db_path) as store:
            app.session_state[keys.SESSION_TOKEN] = start_session(store, name)
    return app


def reported(db_path, year: int, quarter: int, sasaran: str | None = None) -> str:
    """'N dari M': the indicators with a realisation to date, as the library's recap counts them."""
    with opened(db_path) as store:
        frame = recap(store, year, quarter)
    if sasaran:
        frame = frame[frame["goal"] == sasaran]
    return f"{int(frame['realization_to_date'].notna().sum())} dari {len(frame)}"


def empty_app(tmp_path, monkeypatch) -> AppTest:
    """The app over an empty database with one admin account, signed in."""
    path = tmp_path / "kosong.duckdb"
    store = Store(path)
    add_account(store, NewAccount("admin.uji", Role.ADMIN, "rahasia-uji-1"))
    token = start_session(store, "admin.uji")
    store.close()
    monkeypatch.setenv("KINERJA_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=60)
    app.session_state[keys.SESSION_TOKEN] = token
    return app
