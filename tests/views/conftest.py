"""The page tests' app: the router over a private copy of the small office (tests/small_office.py),
or of the full demo for the tests that need its content (``demo_app``)."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.pages import APP


def _app(db_path, monkeypatch):
    monkeypatch.setenv("KINERJA_DB", str(db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield AppTest.from_file(APP, default_timeout=60)
    st.cache_resource.clear()


@pytest.fixture
def app(small_db_path, monkeypatch):
    """The app's router over a private small office, with caches from other tests cleared."""
    yield from _app(small_db_path, monkeypatch)


@pytest.fixture
def demo_app(demo_db_path, monkeypatch):
    """The app's router over a private copy of the full demo, with caches from other tests cleared."""
    yield from _app(demo_db_path, monkeypatch)
