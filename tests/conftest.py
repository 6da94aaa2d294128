import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kinerja.access.roles import SYSTEM, set_actor
from kinerja.demo import load_demo
from kinerja.storage.store import Store

set_actor(SYSTEM)  # library calls in tests act as the command line does; role tests say otherwise
# the app as `make run` serves it: the demo's automatic admin for a browser on this machine (the
# servers the browser tests start inherit it; tests/e2e/test_proxy.py shows why it needs the machine)
os.environ["KINERJA_DEMO_OTOMATIS"] = "1"


@pytest.fixture(autouse=True)
def _as_system():
    set_actor(SYSTEM)
    yield
    set_actor(SYSTEM)


# KINERJA_TEST_STORAGE=ducklake runs the tests that use these fixtures on a DuckLake with a file
# catalog (the data files beside it) instead of an embedded file: `make test` does it for a subset.
LAKE = os.environ.get("KINERJA_TEST_STORAGE") == "ducklake"


def db_spec(path: Path) -> str | Path:
    """The database at ``path`` in the storage under test."""
    return f"ducklake:{path.with_suffix('.ducklake')}" if LAKE else path


def copy_db(source: Path, target: Path) -> None:
    """A copy of a database: the file, or a DuckLake's catalog and data files."""
    if not LAKE:
        shutil.copy(source, target)
        return
    shutil.copy(source.with_suffix(".ducklake"), target.with_suffix(".ducklake"))
    shutil.copytree(f"{source.with_suffix('.ducklake')}.files", f"{target.with_suffix('.ducklake')}.files")


@pytest.fixture
def store(tmp_path):
    """An empty, migrated database."""
    opened = Store(db_spec(tmp_path / "kinerja.duckdb"))
    yield opened
    opened.close()


def _built_once(tmp_path_factory, folder: str, name: str, load) -> Path:
    """A database file ``load`` fills, made once per test run."""
    path = tmp_path_factory.mktemp(folder) / name
    built = Store(db_spec(path))
    load(built)
    built.close()
    return path


def _private_copy(source: Path, tmp_path: Path) -> Path | str:
    """A test's own copy of a database built once (its spec on DuckLake)."""
    path = tmp_path / source.name
    copy_db(source, path)
    return db_spec(path) if LAKE else path


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory):
    """A database file with the demo loaded, built once per test run."""
    return _built_once(tmp_path_factory, "demo", "demo.duckdb", load_demo)


@pytest.fixture
def demo_db_path(demo_db_file, tmp_path):
    """A private copy of the demo database file."""
    return _private_copy(demo_db_file, tmp_path)


@pytest.fixture
def demo_store(demo_db_path):
    opened = Store(demo_db_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def small_db_file(tmp_path_factory):
    """A small office (tests/small_office.py: two years, five units, ten indicators, a tiny tree) for
    the page tests that do not need the demo's full content: built once per test run."""
    from tests.small_office import load_small_office

    return _built_once(tmp_path_factory, "small", "kecil.duckdb", load_small_office)


@pytest.fixture
def small_db_path(small_db_file, tmp_path):
    """A private copy of the small office's database."""
    return _private_copy(small_db_file, tmp_path)


@pytest.fixture(scope="session")
def treeless_db_file(demo_db_file, tmp_path_factory):
    """The demo without its pohon kinerja, for the tests that build their own trees: made once per run."""
    from tests.trees import clear_trees

    path = tmp_path_factory.mktemp("treeless") / "demo.duckdb"
    copy_db(demo_db_file, path)
    built = Store(db_spec(path))
    clear_trees(built)
    built.close()
    return path


@pytest.fixture
def treeless_db_path(treeless_db_file, tmp_path):
    """A private copy of the demo without its pohon kinerja."""
    return _private_copy(treeless_db_file, tmp_path)


@pytest.fixture
def treeless_store(treeless_db_path):
    opened = Store(treeless_db_path)
    yield opened
    opened.close()


TABLES = [
    "unit",
    "goal",
    "indicator",
    "target",
    "indicator_year",
    "programme",
    "programme_budget",
    "submission",
    "realization",
    "budget_realization",
    "setting",
    "setting_from_year",
]


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every stored row of the domain's tables, to compare before and after a refused input."""
    return {table: sorted(map(repr, store.rows(f"SELECT * FROM {table}"))) for table in TABLES}


def pytest_terminal_summary(terminalreporter):
    """The robustness figures (tests/figures.py): what was tried and what held."""
    from tests import figures

    found = figures.lines()
    if found:
        terminalreporter.section("ketahanan")
        for line in found:
            terminalreporter.write_line(line)


@contextmanager
def opened(db_path: Path | str) -> Iterator[Store]:
    """The database at ``db_path``, for a test to read or change beside the app it runs under
    AppTest: the app's own store when the app's database is this one (a process attaches a DuckLake
    once; a second store on it is refused), else a store of its own, closed afterwards."""
    from ui.resources import get_store

    if os.environ.get("KINERJA_DB") == str(db_path):
        yield get_store()
        return
    store = Store(db_path)
    try:
        yield store
    finally:
        store.close()
