"""The page tests' app: the router over a private copy of the small office (tests/small_office.py)."""

import pytest

from tests.pages import app_over


@pytest.fixture
def app(small_db_path, monkeypatch):
    """The app's router over a private small office, with caches from other tests cleared."""
    yield from app_over(small_db_path, monkeypatch)
