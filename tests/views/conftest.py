"""The page tests' app: the router over a private copy of the small office (tests/small_office.py)."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.pages import APP


@pytest.fixture
def app(small_db_path, monkeypatch):
    """The app's router over a private small office, with caches from other tests cleared."""
    monkeypatch.setenv("KINERJA_DB", str(small_db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield AppTest.from_file(APP, default_timeout=60)
    st.cache_resource.clear()
