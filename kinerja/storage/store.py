"""The embedded database: where it is, its migrations, and the one path every write takes.

One DuckDB connection per process; each thread reads through its own cursor; every write goes
through ``Store.write()``, one transaction at a time, which also bumps the data version that
cached views compare against.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import numpy as np
import pandas as pd

from kinerja.storage.config import environment
from kinerja.storage.lake import CATALOG_NAME, WriteLock, connect, environment_target, portable_sql

# The name the audit trail gives the current writer: kept here so storage needs nobody above it;
# kinerja.access.roles sets it with the actor (set_actor, acting_as).
_writer: ContextVar[str] = ContextVar("kinerja_writer", default="anonim")


def writer_name() -> str:
    """How the audit trail names whoever writes now ("anonim" where nobody said)."""
    return _writer.get()


def writing_as(name: str):
    """Audit this thread's (or context's) writes as ``name``; returns the token to undo it."""
    return _writer.set(name)


def stop_writing_as(token) -> None:
    _writer.reset(token)


PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = PROJECT_ROOT / "data" / "kinerja.duckdb"
MEMO_ENTRIES = 64  # a dashboard view reads a few years; reports read ten
T = TypeVar("T")

_BOOTSTRAP = """
CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS data_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL);
INSERT INTO data_version SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM data_version);
"""


class StoreBusyError(RuntimeError):
    """The database file is held by another process."""


class StoreDamagedError(RuntimeError):
    """The database file is there but cannot be read as a database: damaged, cut short, or another
    kind of file. A backup restores it (the damaged file is kept aside)."""


def open_refused(path: Path, exc: duckdb.IOException) -> RuntimeError:
    """Why DuckDB would not open ``path``, said the way a user can act on: held by another process
    (stop it), or damaged (restore a backup)."""
    text = str(exc)
    if "lock" in text.lower():
        return StoreBusyError(
            f"Basis data {path} sedang dipakai proses lain (mis. aplikasi yang berjalan); "
            "hentikan proses itu atau gunakan --db lain."
        )
    return StoreDamagedError(
        f"Basis data {path} rusak atau bukan basis data Kinerja ({text.split(': ', 1)[-1][:160]}). "
        "Pulihkan dari cadangan: python -m kinerja --db BERKAS restore FOLDER-CADANGAN "
        "(berkas yang rusak disimpan di sampingnya)."
    )


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db``, else ``KINERJA_DB``, else data/kinerja.duckdb in the project."""
    chosen = explicit or environment().db or DEFAULT_DB
    return Path(chosen).expanduser()


def migrations() -> list[tuple[int, str, str]]:
    """The numbered schema migrations shipped with the package: (version, name, sql)."""
    found = []
    for entry in resources.files("kinerja.storage.migrations").iterdir():
        if entry.name.endswith(".sql"):
            number, _, name = entry.name.removesuffix(".sql").partition("_")
            found.append((int(number), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Store:
    """One open database with its migrations applied: an embedded DuckDB file, or a DuckLake
    shared by several app servers (see ``kinerja.storage.lake``)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, up_to: int | None = None):
        self.target = environment_target(path, DEFAULT_DB)
        # the local file that names the database (a PostgreSQL catalog has none: data/ holds caches)
        self.path = self.target.local_file or DEFAULT_DB.parent / "kinerja.ducklake"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = connect(self.target)
        except duckdb.IOException as exc:
            raise open_refused(self.path, exc) from exc
        self._write_lock = threading.RLock()
        self._lake_lock = WriteLock(self.target) if self.target.lake else None
        self._local = threading.local()
        self.closed = False
        self._commits = 0  # this process's commits, counted even where the data version is not bumped
        self._memo: dict[Hashable, Any] = {}
        self._memo_state: tuple[int, int] | None = None
        self._memo_lock = threading.Lock()
        self.migrate(up_to)

    def _new_cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = self._conn.cursor()
        if self.target.lake:
            cursor.execute(f"USE {CATALOG_NAME}")  # each cursor is a connection of its own
        return cursor

    @contextmanager
    def _serialised(self) -> Iterator[None]:
        """One writer at a time in this process, and with a DuckLake across every server."""
        with self._write_lock:
            if self._lake_lock is None:
                yield
            else:
                with self._lake_lock.held():
                    yield

    # --- reading ---------------------------------------------------------------------------------

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor over the shared connection."""
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = self._new_cursor()
        return cursor

    def df(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """The result of a query as a DataFrame."""
        return self.cursor().execute(sql, params).df()

    def columns(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> dict[str, np.ndarray]:
        """The result of a query as one numpy array per column, for computing over whole columns:
        numbers as floats with NaN for NULL (integers stay integers where none is NULL), anything
        else as objects with None for NULL."""
        found = self.cursor().execute(sql, params).fetchnumpy()
        return {name: _unmasked(values) for name, values in found.items()}

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[tuple]:
        return self.cursor().execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        rows = self.cursor().execute(sql, params).fetchall()  # all: a pending result keeps its transaction open
        return rows[0][0] if rows else None

    def data_version(self) -> int:
        """Grows with every committed write: the key cached views are invalidated by."""
        return int(self.scalar("SELECT version FROM data_version"))

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``'s result for ``key``, kept until the data changes: a write here or, on a
        DuckLake, by another server (both move the data version). For reads that several figures
        of one view share; the result must not be changed by whoever gets it."""
        state = (self.data_version(), self._commits)
        with self._memo_lock:
            if state != self._memo_state:
                self._memo, self._memo_state = {}, state
            if key in self._memo:
                return self._memo[key]
        value = compute()
        with self._memo_lock:
            if state == self._memo_state:
                if len(self._memo) >= MEMO_ENTRIES:
                    del self._memo[next(iter(self._memo))]  # the oldest
                self._memo[key] = value
        return value

    def schema_version(self) -> int:
        return int(self.scalar("SELECT coalesce(max(version), 0) FROM schema_migration"))

    # --- writing ---------------------------------------------------------------------------------

    @contextmanager
    def write(self, *, bump: bool = True) -> Iterator[Writer]:
        """One all-or-nothing transaction; the only way anything is written. ``bump=False`` for
        bookkeeping no page shows (sign-in counters), so the pages' caches stay valid."""
        with self._serialised():
            cursor = self._new_cursor()
            cursor.begin()
            try:
                yield Writer(cursor)
                if bump:
                    cursor.execute("UPDATE data_version SET version = version + 1")
                cursor.commit()
                self._commits += 1
            except BaseException:
                with suppress(duckdb.TransactionException):  # a failed commit has already ended it
                    cursor.rollback()
                raise
            finally:
                cursor.close()

    @contextmanager
    def hold_writes(self) -> Iterator[None]:
        """No write starts until the block ends (a backup's export and its digests see one state)."""
        with self._serialised():
            yield

    def migrate(self, up_to: int | None = None) -> list[int]:
        """Apply the migrations this database lacks, each in its own transaction."""
        with self._serialised():  # two servers starting at once migrate one after the other
            cursor = self._new_cursor()
            for statement in self._statements(_BOOTSTRAP):
                cursor.execute(statement)
            done = {row[0] for row in cursor.execute("SELECT version FROM schema_migration").fetchall()}
            cursor.close()
            applied = []
            for version, name, sql in migrations():
                if version in done or (up_to is not None and version > up_to):
                    continue
                with self.write() as w:
                    for statement in self._statements(sql):
                        w.execute(statement)
                    w.execute("INSERT INTO schema_migration (version, name) VALUES (?, ?)", [version, name])
                applied.append(version)
            return applied

    def _statements(self, sql: str) -> list[str]:
        return portable_sql(sql) if self.target.lake else [sql]

    def close(self) -> None:
        self.closed = True
        self._conn.close()
        if self._lake_lock is not None:
            self._lake_lock.close()


def _unmasked(values: np.ndarray) -> np.ndarray:
    if not isinstance(values, np.ma.MaskedArray):
        return values
    if not values.mask.any():
        return values.data
    if values.dtype.kind in "fiu":
        return values.astype(float).filled(np.nan)
    return values.astype(object).filled(None)


class Writer:
    """The cursor of an open write transaction, with the few helpers writes need."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection):
        self.cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Writer:
        self.cursor.execute(sql, params)
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Writer:
        if rows:
            self.cursor.executemany(sql, rows)
        return self

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        row = self.cursor.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def audit(
        self,
        action: str,
        entity: str,
        before: Any = None,
        after: Any = None,
        *,
        actor: str | None = None,
        at: dt.datetime | None = None,
    ) -> Writer:
        """Record a change in the audit trail, inside the change's own transaction: who (the
        current actor unless ``actor``), when (now unless ``at``, as the database stores times),
        what, and the state before and after, as JSON."""
        self.execute(
            "INSERT INTO audit_log (id, actor, action, entity, before, after, happened_at) "
            "SELECT coalesce(max(id), 0) + 1, ?, ?, ?, ?, ?, coalesce(?::TIMESTAMP, current_timestamp::TIMESTAMP) "
            "FROM audit_log",
            [actor or writer_name(), action, entity, _json(before), _json(after), at],
        )
        return self

    def audit_many(
        self, entries: list[tuple[str, str, Any, Any]], *, actor: str | None = None, at: dt.datetime | None = None
    ) -> Writer:
        """Several audit entries (action, entity, before, after) at once, for bulk changes; ``at`` as
        :meth:`audit` takes it."""
        first = self.next_id("audit_log")
        who = actor or writer_name()
        rows = [(first + n, who, a, e, _json(b), _json(x), at) for n, (a, e, b, x) in enumerate(entries)]
        frame = pd.DataFrame(rows, columns=["id", "actor", "action", "entity", "before", "after", "happened_at"])
        # one bulk insert: executemany costs about a millisecond a row here
        return self.insert_df("audit_log", frame if at else frame.drop(columns="happened_at"))

    def next_id(self, table: str) -> int:
        """The next free id of ``table``: safe because writes are serialised by ``Store.write``."""
        return int(self.scalar(f"SELECT coalesce(max(id), 0) + 1 FROM {table}"))

    def insert_df(self, table: str, frame: pd.DataFrame) -> Writer:
        """Append a DataFrame whose columns are named as the table's."""
        if len(frame):
            self.cursor.register("_incoming", frame)
            columns = ", ".join(frame.columns)
            self.cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _incoming")
            self.cursor.unregister("_incoming")
        return self


def _json(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, pd.DataFrame):
        value = value.to_dict(orient="records")
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
