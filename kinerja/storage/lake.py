"""Where the database lives: one embedded DuckDB file, or a DuckLake (a catalog in PostgreSQL,
SQLite or a DuckDB file, with the data as Parquet files in a shared folder or a bucket) that
several app servers share. The same SQL runs on both; what DuckLake lacks is supplied here.

- ``KINERJA_DB`` (or ``--db``) is a file path, or a DuckLake target as DuckDB writes one:
  ``ducklake:postgres:dbname=kinerja host=…``, ``ducklake:sqlite:PATH``, ``ducklake:PATH.ducklake``.
- ``KINERJA_DATA_PATH`` is where a DuckLake keeps its data files; by default a folder beside a file
  catalog (a PostgreSQL catalog needs it said).
- DuckLake has no primary keys, unique or check constraints, foreign keys or indexes: the schema is
  created without them (:func:`portable_sql`), and writes from every server are serialised by a
  lock that holds across servers (:class:`WriteLock`), so ids taken as max + 1 stay unique.
- Its extensions come from PyPI packages (``duckdb-extension-ducklake`` …), installed with the app:
  nothing is downloaded at run time.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp

from kinerja.storage.config import environment

LAKE_PREFIX = "ducklake:"
CATALOG_NAME = "kinerja"


@dataclass(frozen=True)
class Target:
    """A parsed ``KINERJA_DB``: an embedded file, or a DuckLake catalog with its data path."""

    spec: str
    catalog: str | None = None  # after "ducklake:" (None: an embedded file)
    data_path: str | None = None
    data_beside: bool = False  # the data folder is the default one beside the file catalog

    @property
    def lake(self) -> bool:
        return self.catalog is not None

    @property
    def postgres(self) -> bool:
        return bool(self.catalog and self.catalog.startswith("postgres:"))

    @property
    def local_file(self) -> Path | None:
        """The file on this machine that names the database: the embedded file or a file catalog."""
        if not self.lake:
            return Path(self.spec).expanduser()
        if self.postgres:
            return None
        return Path(self.catalog.removeprefix("sqlite:")).expanduser()

    def describe(self) -> str:
        if not self.lake:
            return str(self.local_file)
        return f"DuckLake {self.catalog} (data: {self.data_path})"


def parse_target(spec: str, data_path: str | None = None) -> Target:
    """``spec`` as given in ``KINERJA_DB``; ``data_path`` from ``KINERJA_DATA_PATH``."""
    if not spec.startswith(LAKE_PREFIX):
        return Target(spec)
    catalog = spec.removeprefix(LAKE_PREFIX)
    if not catalog:
        raise ValueError("KINERJA_DB 'ducklake:' perlu katalog, mis. ducklake:/srv/kinerja/katalog.ducklake")
    if data_path is not None:
        return Target(spec, catalog, data_path if data_path.endswith("/") else data_path + "/")
    if catalog.startswith("postgres:"):
        raise ValueError("DuckLake dengan katalog PostgreSQL memerlukan KINERJA_DATA_PATH (folder bersama atau s3://…)")
    return Target(spec, catalog, str(Path(catalog.removeprefix("sqlite:")).expanduser()) + ".files/", True)


def _load_extension(connection: duckdb.DuckDBPyConnection, name: str) -> None:
    """Install an extension from its PyPI package (never from the network), then load it."""
    from duckdb_extensions import import_extension

    try:
        connection.execute(f"LOAD {name}")
    except duckdb.Error:
        import_extension(name, con=connection)
        connection.execute(f"LOAD {name}")


def connect(target: Target) -> duckdb.DuckDBPyConnection:
    """A connection to the target; for a DuckLake an in-memory DuckDB with the lake attached and in use."""
    if not target.lake:
        return duckdb.connect(str(target.local_file))
    connection = duckdb.connect()
    _load_extension(connection, "ducklake")
    if target.postgres:
        _load_extension(connection, "postgres_scanner")
    elif target.catalog.startswith("sqlite:"):
        _load_extension(connection, "sqlite_scanner")
    if target.data_path.startswith(("s3://", "gs://", "r2://", "https://")):
        _load_extension(connection, "httpfs")
    else:
        Path(target.data_path).mkdir(parents=True, exist_ok=True)
    catalog = target.catalog.replace("'", "''")
    data = target.data_path.replace("'", "''")
    # the default data folder moves with its catalog (a copy, a restore): follow it
    override = ", OVERRIDE_DATA_PATH true" if target.data_beside else ""
    connection.execute(f"ATTACH 'ducklake:{catalog}' AS {CATALOG_NAME} (DATA_PATH '{data}'{override})")
    connection.execute(f"USE {CATALOG_NAME}")
    return connection


_NOT_IN_LAKE = (
    exp.PrimaryKeyColumnConstraint,
    exp.UniqueColumnConstraint,
    exp.CheckColumnConstraint,
    exp.PrimaryKey,
    exp.ForeignKey,
    exp.Reference,
)


def portable_sql(sql: str) -> list[str]:
    """The statements of ``sql`` as DuckLake can run them: primary keys, unique and check
    constraints and references removed, index statements dropped. Everything else (columns, types,
    NOT NULL, defaults, views, data) is kept; tests/storage/test_lake.py compares the two schemas."""
    statements = []
    for statement in sqlglot.parse(sql, read="duckdb"):
        if statement is None or (isinstance(statement, exp.Create) and statement.kind == "INDEX"):
            continue
        _keep_key_columns_not_null(statement)
        for node in list(statement.find_all(*_NOT_IN_LAKE)):
            holder = node.parent if isinstance(node.parent, exp.ColumnConstraint) else node
            holder.pop()
        for check in list(statement.find_all(exp.Check)):
            check.pop()
        statements.append(statement.sql(dialect="duckdb"))
    return statements


def _keep_key_columns_not_null(statement: exp.Expression) -> None:
    """A primary key's columns are NOT NULL; without the key they must say so themselves."""
    keys = {c.name for key in statement.find_all(exp.PrimaryKey) for c in key.find_all(exp.Identifier)}
    for column in statement.find_all(exp.ColumnDef):
        kinds = [c.args.get("kind") for c in column.args.get("constraints") or []]
        inline_key = any(isinstance(k, exp.PrimaryKeyColumnConstraint) for k in kinds)
        if (inline_key or column.name in keys) and not any(isinstance(k, exp.NotNullColumnConstraint) for k in kinds):
            column.append("constraints", exp.ColumnConstraint(kind=exp.NotNullColumnConstraint()))


class WriteLock:
    """One writer at a time across every server of a DuckLake: a PostgreSQL advisory lock for a
    PostgreSQL catalog, else an exclusive lock on a file beside the catalog. Taken before a write
    transaction begins, so the transaction's snapshot already holds every earlier write."""

    def __init__(self, target: Target):
        self.target = target
        self._pg = None
        if not target.postgres:
            path = Path(f"{target.local_file}.kunci")
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("a+")

    @contextmanager
    def held(self) -> Iterator[None]:
        if self.target.postgres:
            connection = self._postgres()
            # keyed by the catalog database itself, however a server spells its connection string
            key = "hashtext('kinerja:' || current_database())"
            connection.execute(f"SELECT pg_advisory_lock({key})")
            try:
                yield
            finally:
                connection.execute(f"SELECT pg_advisory_unlock({key})")
        else:
            fcntl.flock(self._file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._file, fcntl.LOCK_UN)

    def _postgres(self):
        if self._pg is None or self._pg.closed:
            import psycopg

            self._pg = psycopg.connect(self.target.catalog.removeprefix("postgres:"), autocommit=True)
        return self._pg

    def close(self) -> None:
        if self._pg is not None:
            self._pg.close()
        if not self.target.postgres:
            self._file.close()


def environment_target(explicit: str | os.PathLike[str] | None, default: Path) -> Target:
    """``--db``, else ``KINERJA_DB``, else the default file, with ``KINERJA_DATA_PATH``."""
    settings = environment()
    chosen = str(explicit or settings.db or default)
    return parse_target(chosen, settings.data_path)
