"""Pages under AppTest: the app's router, opened as an account of the demo."""

import streamlit as st
from streamlit.testing.v1 import AppTest

from kinerja.access.accounts import start_session
from kinerja.storage.store import PROJECT_ROOT
from tests.conftest import opened
from ui import keys

APP = str(PROJECT_ROOT / "app.py")


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
