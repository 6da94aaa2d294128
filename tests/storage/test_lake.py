"""The same Kinerja on DuckLake: a schema equal to the embedded one but for the constraints
DuckLake lacks; the demo and its figures identical; writers in several processes serialised so
that no upload is lost and no id is taken twice; a PostgreSQL catalog like a file one."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from kinerja.demo import load_demo
from kinerja.storage.figures import recap
from kinerja.storage.lake import parse_target, portable_sql
from kinerja.storage.store import _BOOTSTRAP, PROJECT_ROOT, Store, migrations
from tests import postgres
from tests.bad_inputs import workbook

COLUMNS = (
    "SELECT table_name, column_name, data_type, is_nullable, lower(column_default) FROM duckdb_columns() "
    "WHERE schema_name = 'main' ORDER BY ALL"
)


def test_the_portable_schema_is_the_embedded_one_without_constraints():
    embedded, portable = duckdb.connect(), duckdb.connect()
    for sql in [_BOOTSTRAP, *(m[2] for m in migrations())]:
        embedded.execute(sql)
        for statement in portable_sql(sql):
            portable.execute(statement)
    assert portable.execute(COLUMNS).fetchall() == embedded.execute(COLUMNS).fetchall()
    views = "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal ORDER BY 1"
    assert portable.execute(views).fetchall() == embedded.execute(views).fetchall()
    kinds = "SELECT DISTINCT constraint_type FROM duckdb_constraints() ORDER BY 1"
    assert [k for (k,) in portable.execute(kinds).fetchall()] == ["NOT NULL"]
    assert {"PRIMARY KEY", "CHECK"} <= {k for (k,) in embedded.execute(kinds).fetchall()}


@pytest.mark.parametrize(
    ("spec", "data", "catalog", "data_path"),
    [
        ("data/kinerja.duckdb", None, None, None),
        ("ducklake:/srv/k/katalog.ducklake", None, "/srv/k/katalog.ducklake", "/srv/k/katalog.ducklake.files/"),
        (
            "ducklake:sqlite:/srv/k/katalog.sqlite",
            "/mnt/bersama/kinerja",
            "sqlite:/srv/k/katalog.sqlite",
            "/mnt/bersama/kinerja/",
        ),
        (
            "ducklake:postgres:dbname=kinerja host=db",
            "s3://kinerja/data/",
            "postgres:dbname=kinerja host=db",
            "s3://kinerja/data/",
        ),
    ],
)
def test_targets_are_read_as_duckdb_writes_them(spec, data, catalog, data_path):
    target = parse_target(spec, data)
    assert (target.catalog, target.data_path) == (catalog, data_path)


def test_a_postgres_catalog_needs_a_data_path():
    with pytest.raises(ValueError, match="KINERJA_DATA_PATH"):
        parse_target("ducklake:postgres:dbname=kinerja")


def test_the_demo_on_a_ducklake_gives_the_embedded_figures(tmp_path):
    lake = Store(f"ducklake:{tmp_path / 'katalog.ducklake'}")
    embedded = Store(tmp_path / "demo.duckdb")  # an embedded file, whichever storage the tests run on
    try:
        load_demo(lake)
        load_demo(embedded)
        for year, quarter in [(2025, 4), (2026, 2)]:
            pd.testing.assert_frame_equal(recap(lake, year, quarter), recap(embedded, year, quarter))
        assert (tmp_path / "katalog.ducklake.files").is_dir(), "the data files sit beside the catalog"
    finally:
        lake.close()
        embedded.close()


@pytest.fixture(scope="module")
def pg():
    if not postgres.available():
        pytest.fail("PostgreSQL not found: `make test` installs it (apt-get install postgresql)")
    server = postgres.Postgres()
    yield server
    server.stop()


IMPORTER = """
import sys
from kinerja.access.roles import SYSTEM, set_actor
from kinerja.collection.datafile import Period
from kinerja.collection.upload import import_files
from kinerja.storage.store import Store
set_actor(SYSTEM)
store = Store(sys.argv[1])
for path in sys.argv[3:]:
    ((data, saved),) = import_files(store, [(path.rsplit('/', 1)[-1], open(path, 'rb').read())], Period(2026, 3, sys.argv[2]), confirm_warnings=True)
    assert saved, data.problems
store.close()
"""


def _holding_the_demo(spec: str, demo_db_path) -> Store:
    """A lake holding the demo, copied from the demo file built once per run (loading the demo into a
    lake is tested on its own: here it is only the data the test works on)."""
    from kinerja.storage.transfer import copy_database

    lake, demo = Store(spec), Store(demo_db_path)
    try:
        copy_database(demo, lake)
    finally:
        demo.close()
    return lake


@pytest.mark.parametrize("catalog", ["postgres", "sqlite"])
def test_writers_in_two_processes_lose_nothing_and_take_no_id_twice(catalog, pg, tmp_path, monkeypatch, demo_db_path):
    """Two processes (two app servers) upload into one DuckLake at the same time, with a PostgreSQL
    catalog (several machines) or a SQLite one (one machine). A DuckDB-file catalog, like an
    embedded database, is one process's alone."""
    monkeypatch.setenv("KINERJA_DATA_PATH", str(tmp_path / "data"))
    if catalog == "postgres":
        pg.create_database("duaproses")
        spec = f"ducklake:postgres:{pg.dsn.replace('dbname=kinerja', 'dbname=duaproses')}"
    else:
        spec = f"ducklake:sqlite:{tmp_path / 'katalog.sqlite'}"
    _holding_the_demo(spec, demo_db_path).close()
    units = {"KESMAS": ["IK02", "IK05"], "P2P": ["IK10", "IK12"]}
    uploads = 8
    children = []
    for unit, codes in units.items():
        files = []
        for k in range(uploads):
            path = tmp_path / f"{unit}-{k}.xlsx"
            path.write_bytes(
                workbook({"Data": [["Kode", "Realisasi", "Faktor Penghambat"], *[[c, k + 0.5, "x"] for c in codes]]})
            )
            files.append(str(path))
        children.append(
            subprocess.Popen(
                [sys.executable, "-c", IMPORTER, spec, unit, *files],
                cwd=PROJECT_ROOT,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for child in children:
        assert child.wait(timeout=300) == 0, child.stderr.read()
    store = Store(spec)
    try:
        for unit in units:
            versions = store.rows(
                "SELECT s.version FROM submission s JOIN unit u ON u.id = s.unit_id WHERE u.code = ? AND s.year = 2026 "
                "AND s.quarter = 3 ORDER BY 1",
                [unit],
            )
            assert [v for (v,) in versions] == list(range(1, uploads + 1))
        for table in ("submission", "audit_log", "unit", "indicator"):
            total, distinct = store.rows(f"SELECT count(*), count(DISTINCT id) FROM {table}")[0]
            assert total == distinct, f"{table}: an id taken twice"
        assert store.scalar("SELECT count(*) FROM stored_file") == store.scalar(
            "SELECT count(DISTINCT sha256) FROM stored_file"
        )
    finally:
        store.close()


def test_a_postgres_catalog_holds_the_same_kinerja(pg, tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_DATA_PATH", str(tmp_path / "data"))
    lake = Store(f"ducklake:postgres:{pg.dsn}")
    try:
        load_demo(lake)
        assert lake.scalar("SELECT count(*) FROM unit") == 9
        figures = recap(lake, 2026, 2)
    finally:
        lake.close()
    again = Store(f"ducklake:postgres:{pg.dsn}")  # a second server opening the same catalog
    try:
        pd.testing.assert_frame_equal(recap(again, 2026, 2), figures)
        assert again.schema_version() == migrations()[-1][0]
    finally:
        again.close()


def test_migrate_copies_into_a_ducklake_and_back_value_for_value(pg, tmp_path, monkeypatch):
    from kinerja.storage.backup import snapshot
    from tests.cli import kinerja

    demo_db_path = tmp_path / "demo.duckdb"  # an embedded file moves to DuckLake, whichever storage the tests run on
    made = Store(demo_db_path)
    load_demo(made)
    made.close()
    monkeypatch.setenv("KINERJA_DATA_PATH", str(tmp_path / "data"))
    pg.create_database("pindahan")
    lake = f"ducklake:postgres:{pg.dsn.replace('dbname=kinerja', 'dbname=pindahan')}"
    there = kinerja("migrate", "--to", lake, db=demo_db_path)
    assert there.returncode == 0, there.stderr
    assert "cocok nilai demi nilai" in there.stdout
    back = kinerja("migrate", "--to", str(tmp_path / "kembali.duckdb"), db=lake)
    assert back.returncode == 0, back.stderr
    original, returned = Store(demo_db_path), Store(tmp_path / "kembali.duckdb")
    try:
        assert snapshot(returned) == snapshot(original)
    finally:
        original.close()
        returned.close()
    again = kinerja("migrate", "--to", lake, db=demo_db_path)
    assert again.returncode == 2 and "Tujuan sudah berisi data" in again.stderr


def test_a_ducklake_backup_restores_into_a_file_with_its_keys(tmp_path, demo_db_path):
    from kinerja.storage.backup import backup, restore, snapshot

    lake = _holding_the_demo(f"ducklake:{tmp_path / 'katalog.ducklake'}", demo_db_path)
    try:
        backup(lake, tmp_path / "cadangan")
        expected = snapshot(lake)
    finally:
        lake.close()
    restore(tmp_path / "cadangan", tmp_path / "pulih.duckdb")
    restored = Store(tmp_path / "pulih.duckdb")
    try:
        assert snapshot(restored) == expected
        keys = restored.scalar("SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'")
        assert keys >= 20, "the embedded schema's keys, which the lake's export does not have"
    finally:
        restored.close()
