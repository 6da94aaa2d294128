"""Backups a planner can trust: the whole database (plan, data, every stored original file,
settings, accounts, the audit trail) in one folder, checked value for value on the way out and on
the way back in.

A backup folder holds DuckDB's own export (``schema.sql``, ``load.sql`` and a Parquet file per
table, readable by any Parquet tool) and ``manifest.json``: each table's row count and a digest of
its rows. A restore builds a new database file beside the target, checks every table against the
manifest, and only then puts it in place; the file it replaces is kept beside it.
"""

from __future__ import annotations

import datetime as dt
import graphlib
import hashlib
import hmac
import io
import json
import logging
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from kinerja.storage.config import environment
from kinerja.storage.store import Store, StoreBusyError, open_refused, writing_as

FORMAT = "kinerja-cadangan"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
log = logging.getLogger(__name__)
DATABASE = "basis-data"
KEY_FILE = ".kunci-cadangan"  # beside the database, never in a backup folder: what signs the manifests


class BackupError(ValueError):
    """A backup that cannot be made or restored; the message is for the user."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    schema_version: int
    data_version: int
    tables: dict[str, dict[str, object]]  # name → {"rows": n, "digest": md5}
    files: dict[str, str] | None = None  # Parquet file name → SHA-256, checked before anything is read
    signature: str | None = None  # HMAC-SHA256 of the rest, with the key beside the database

    @property
    def rows(self) -> int:
        return sum(int(t["rows"]) for t in self.tables.values())


def table_names(cursor: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        name
        for (name,) in cursor.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' ORDER BY 1"
        ).fetchall()
    ]


def referenced_first(cursor: duckdb.DuckDBPyConnection, tables: list[str]) -> list[str]:
    """``tables`` in an order that loads a table after the tables its foreign keys refer to (the
    pohon kinerja's nodes after the units and sasaran they name), otherwise by name."""
    needs: dict[str, set[str]] = {table: set() for table in tables}
    for table, referenced in cursor.execute(
        "SELECT table_name, referenced_table FROM duckdb_constraints() WHERE constraint_type = 'FOREIGN KEY' "
        "AND database_name = current_database() AND schema_name = 'main'"
    ).fetchall():
        if table in needs and referenced in needs and referenced != table:
            needs[table].add(referenced)
    sorter = graphlib.TopologicalSorter(needs)
    sorter.prepare()
    ordered: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        ordered += ready
        sorter.done(*ready)
    return ordered


def table_digests(cursor: duckdb.DuckDBPyConnection) -> dict[str, dict[str, object]]:
    """Each table's row count and an order-independent digest of its rows, every value included
    (a row is digested as its text form, so a changed number, text or file byte changes it)."""
    digests = {}
    for name in table_names(cursor):
        rows, digest = cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg(md5(t::VARCHAR), '' ORDER BY md5(t::VARCHAR))), '') FROM \"{name}\" t"
        ).fetchall()[0]
        digests[name] = {"rows": int(rows), "digest": digest}
    return digests


def snapshot(store: Store) -> dict[str, dict[str, object]]:
    """The database's content as digests: equal snapshots mean byte-for-byte equal data."""
    return table_digests(store.cursor())


def backup(store: Store, directory: str | os.PathLike[str]) -> Manifest:
    """Write the whole database to ``directory`` (new or empty) and check what was written."""
    target = Path(directory)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"Folder {target} sudah berisi berkas; pilih folder baru untuk cadangan")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".cadangan-", dir=target.parent))
    try:
        with store.hold_writes():  # nothing is written while the export and its digests are taken
            cursor = store.cursor()
            cursor.execute(f"EXPORT DATABASE '{_sql_path(work / DATABASE)}' (FORMAT parquet)")
            manifest = Manifest(
                dt.datetime.now().isoformat(timespec="seconds"),
                store.schema_version(),
                store.data_version(),
                table_digests(cursor),
            )
        manifest = Manifest(
            manifest.created_at,
            manifest.schema_version,
            manifest.data_version,
            manifest.tables,
            {path.name: _sha256(path) for path in sorted((work / DATABASE).glob("*.parquet"))},
        )
        content = _manifest_json(manifest)
        content["signature"] = _sign(content, backup_key(key_folder(store), create=True))
        (work / MANIFEST).write_text(json.dumps(content, indent=2), encoding="utf-8")
        _check_parquet_counts(work, manifest)
        if target.exists():
            target.rmdir()
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return manifest


def daily_backup(store: Store, folder: str | os.PathLike[str], keep: int, today: dt.date | None = None) -> Path | None:
    """Today's backup in ``folder`` (``kinerja-YYYY-MM-DD``) unless it exists, keeping the newest
    ``keep``; returns the folder written, or None when today's was already there. The running app
    calls this, because the command line cannot open a database the app holds."""
    root = Path(folder)
    target = root / f"kinerja-{(today or dt.date.today()).isoformat()}"
    if target.exists():
        return None
    backup(store, target)
    for old in sorted(p for p in root.glob("kinerja-????-??-??") if p.is_dir())[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    return target


def backup_folder(store: Store) -> Path:
    """Where the app keeps its backups: ``KINERJA_BACKUP_DIR``, else ``cadangan/`` beside the database."""
    return environment().backup_dir or store.path.parent / "cadangan"


def backup_plan_words(store: Store) -> str:
    """Where backups go and whether the app makes one every day, in words an office's admin reads
    (the folder named; the server setting named only for whoever runs the server)."""
    settings = environment()
    folder = backup_folder(store)
    if settings.backup_dir:
        return (
            f"Cadangan harian aktif: aplikasi membuat satu cadangan setiap hari di folder {folder} dan menyimpan "
            f"{settings.backup_keep} cadangan terbaru. Salin folder itu ke komputer atau penyimpanan lain secara "
            "berkala, agar data tetap ada bila server rusak."
        )
    return (
        f"Cadangan harian belum aktif: cadangan hanya dibuat saat tombol di bawah ditekan, di folder {folder} "
        "(di samping berkas data). Agar aplikasi membuat cadangan sendiri setiap hari, minta pengelola server "
        "menentukan folder cadangan harian (pengaturan server KINERJA_BACKUP_DIR). Salin cadangan ke tempat lain "
        "secara berkala."
    )


def start_daily_backups(store: Store, folder: Path, keep: int, every_seconds: float = 3600) -> threading.Thread:
    """A daemon thread that makes the day's backup (checking every hour) for as long as the app runs
    (until ``store`` is closed)."""

    def run() -> None:
        writing_as("sistem")  # the app itself, not a user's session (access.roles.SYSTEM)
        while not store.closed:
            try:
                made = daily_backup(store, folder, keep)
                if made:
                    log.info("cadangan harian ditulis ke %s", made)
            except Exception:  # a full disk must not stop the app; it is logged and retried
                log.exception("cadangan harian gagal; dicoba lagi dalam satu jam")
            time.sleep(every_seconds)

    thread = threading.Thread(target=run, name="cadangan-harian", daemon=True)
    thread.start()
    return thread


def backups(folder: Path) -> list[tuple[Path, Manifest]]:
    """The backups in ``folder``, newest first."""
    found = []
    for path in sorted(folder.glob("kinerja-*"), reverse=True):
        try:
            found.append((path, read_manifest(path)))
        except BackupError:
            continue
    return found


def zipped(folder: Path) -> bytes:
    """A backup folder as one zip, for download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder.name}/{path.relative_to(folder)}")
    return buffer.getvalue()


def key_folder(store: Store) -> Path:
    """The folder whose key signs the store's backups: the database's own."""
    return store.path.parent


def backup_key(folder: Path, *, create: bool = False) -> bytes | None:
    """The key that signs and checks backups: ``KINERJA_BACKUP_KEY``, else the file ``.kunci-cadangan``
    in the database's folder (made, readable by its owner only, on the first backup), else None. It
    is never written into a backup: whoever edits a backup cannot sign it again."""
    given = environment().backup_key
    if given:
        return given.encode("utf-8")
    path = folder / KEY_FILE
    if path.is_file():
        return path.read_bytes().strip()
    if not create:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode("ascii")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key)
    return key


def _sign(content: dict[str, object], key: bytes | None) -> str:
    unsigned = {k: v for k, v in content.items() if k != "signature"}
    canonical = json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("utf-8")
    return hmac.new(key or b"", canonical, hashlib.sha256).hexdigest()


def _check_signature(directory: Path, target_folder: Path, accept_unsigned: bool) -> None:
    """A restore proves the backup was written by a Kinerja holding this key and is unchanged since:
    its manifest's signature, then (``_check_files``, ``_compare``) every file and every row."""
    content = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    signature = content.get("signature")
    if accept_unsigned and not signature:
        return
    if not signature:
        raise BackupError(
            "Cadangan ini tidak bertanda tangan (dibuat versi lama Kinerja, atau tanda tangannya dihapus): "
            "pulihkan dengan --accept-unsigned bila Anda yakin asalnya"
        )
    key = backup_key(target_folder)
    if key is None:
        raise BackupError(
            f"Kunci cadangan tidak ditemukan ({target_folder / KEY_FILE} atau KINERJA_BACKUP_KEY): salin berkas "
            "kunci dari server asal cadangan ke folder basis data, atau berikan KINERJA_BACKUP_KEY"
        )
    if not hmac.compare_digest(str(signature), _sign(content, key)):
        raise BackupError(
            "Tanda tangan cadangan tidak cocok: manifesnya diubah setelah dibuat, atau dibuat dengan kunci lain. "
            "Cadangan ditolak; tidak ada yang diubah"
        )


def read_manifest(directory: str | os.PathLike[str]) -> Manifest:
    path = Path(directory) / MANIFEST
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(f"{directory} bukan folder cadangan Kinerja: {MANIFEST} tidak ada") from exc
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} tidak dapat dibaca: {exc}") from exc
    if raw.get("format") != FORMAT or raw.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{path} bukan manifes cadangan Kinerja versi {FORMAT_VERSION}")
    try:
        return Manifest(
            str(raw["created_at"]),
            int(raw["schema_version"]),
            int(raw["data_version"]),
            {str(k): dict(v) for k, v in dict(raw["tables"]).items()},
            {str(k): str(v) for k, v in dict(raw.get("files") or {}).items()} or None,
            str(raw["signature"]) if raw.get("signature") else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupError(f"{path} rusak: {exc}") from exc


def restore(
    directory: str | os.PathLike[str], db_path: str | os.PathLike[str], *, accept_unsigned: bool = False
) -> tuple[Manifest, Path | None]:
    """Rebuild the database at ``db_path`` from a backup folder, checked before it replaces
    anything: the manifest's signature (unless ``accept_unsigned`` and there is none), every file's
    SHA-256, every table of the backup's schema version present, every table's rows. Returns the
    manifest and where a copy of the replaced file was kept."""
    if str(db_path).startswith("ducklake:"):
        raise BackupError(
            "Pulihkan ke berkas .duckdb dulu, lalu pindahkan ke DuckLake dengan `migrate --to ducklake:…`"
        )
    source, target = Path(directory), Path(db_path)
    manifest = read_manifest(source)
    _check_signature(source, target.parent, accept_unsigned)
    _refuse_if_in_use(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    fresh = target.with_name(f".{target.name}.pulih-{os.getpid()}")
    _remove_database(fresh)
    try:
        _check_files(manifest, source / DATABASE)
        Store(fresh, up_to=manifest.schema_version).close()  # Kinerja's own schema, constraints and all
        connection = duckdb.connect(str(fresh))
        try:
            _load(connection, source / DATABASE, manifest)
            _compare(manifest, table_digests(connection))
            connection.execute("CHECKPOINT")
        finally:
            connection.close()
        kept = _copy_aside(target)
        os.replace(fresh, target)  # one step: the path holds the old database or the new, never nothing
    except BaseException:
        _remove_database(fresh)
        raise
    Store(target).close()  # a backup from an older version gets this version's migrations
    return manifest, kept


def _remove_stale(target: Path) -> None:
    """A restore killed before it finished leaves its unfinished copy (``.name.pulih-PID``): gone
    once its process is."""
    for leftover in target.parent.glob(f".{target.name}.pulih-*"):
        pid = leftover.name.rsplit("-", 1)[-1].removesuffix(".wal")
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _check_files(manifest: Manifest, exported: Path) -> None:
    """Every Parquet file the manifest names is there, a plain file inside the folder, with the
    digest the backup recorded (backups made before digests were recorded are checked table by
    table after loading, in the copy that is discarded when anything differs)."""
    for name in manifest.tables:
        if not _SAFE_NAME.fullmatch(name):
            raise BackupError(f"Manifes cadangan menyebut tabel yang tidak sah: '{name}'")
    for file, digest in (manifest.files or {}).items():
        path = exported / file
        if not _SAFE_NAME.fullmatch(file.removesuffix(".parquet")) or path.is_symlink() or not path.is_file():
            raise BackupError(f"Cadangan tidak lengkap atau rusak: berkas '{file}' tidak ada atau bukan berkas biasa")
        if _sha256(path) != digest:
            raise BackupError(
                f"Cadangan rusak atau diubah: isi berkas {file} tidak sama dengan yang tercatat di manifes"
            )


_SAFE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _load(connection: duckdb.DuckDBPyConnection, exported: Path, manifest: Manifest) -> None:
    """The rows of each of Kinerja's own tables from its Parquet file (``<table>.parquet`` beside the
    manifest), into a database whose schema Kinerja's migrations made, so a backup of a DuckLake,
    whose schema has no keys, restores with them. Nothing written in the backup is run as SQL: the
    table names come from the schema, and only a file's rows are read."""
    own = referenced_first(connection, table_names(connection))
    unknown = sorted(set(manifest.tables) - set(own))
    if unknown:
        raise BackupError(f"Cadangan berisi tabel yang tidak dikenal skema Kinerja: {', '.join(unknown)}")
    missing = [table for table in own if table not in manifest.tables]  # the schema is the backup's own version
    if missing:
        raise BackupError(
            f"Cadangan tidak lengkap: tabel {', '.join(missing)} dari skema versi {manifest.schema_version} tidak "
            "ada di manifesnya. Cadangan ditolak; tidak ada yang diubah"
        )
    try:
        for table in own:
            parquet = exported / f"{table}.parquet"
            if parquet.is_symlink() or not parquet.is_file():
                raise BackupError(f"Cadangan di {exported.parent} tidak lengkap: berkas {parquet.name} tidak ada")
            connection.execute(f'DELETE FROM "{table}"')  # the schema's own defaults (category bands …)
            connection.execute(f"INSERT INTO \"{table}\" SELECT * FROM read_parquet('{_sql_path(parquet)}')")
    except duckdb.Error as exc:
        raise BackupError(f"Cadangan di {exported.parent} tidak lengkap atau rusak: {exc}") from exc


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _compare(manifest: Manifest, found: dict[str, dict[str, object]]) -> None:
    wrong = [
        f"{name} (tercatat {want['rows']} baris, terbaca {found.get(name, {}).get('rows', 0)})"
        for name, want in manifest.tables.items()
        if found.get(name) != want
    ]
    if wrong:
        raise BackupError("Isi cadangan tidak cocok dengan manifesnya: " + "; ".join(wrong))


def _check_parquet_counts(work: Path, manifest: Manifest) -> None:
    connection = duckdb.connect()
    try:
        for name, want in manifest.tables.items():
            path = work / DATABASE / f"{name}.parquet"
            rows = connection.execute(f"SELECT count(*) FROM read_parquet('{_sql_path(path)}')").fetchone()[0]
            if rows != want["rows"]:
                raise BackupError(f"Cadangan tabel {name} berisi {rows} baris, seharusnya {want['rows']}")
    finally:
        connection.close()


def _refuse_if_in_use(target: Path) -> None:
    """Refuse a target another process holds; a damaged one is what a restore is for."""
    if not target.exists():
        return
    try:
        duckdb.connect(str(target)).close()
    except duckdb.IOException as exc:
        refused = open_refused(target, exc)
        if isinstance(refused, StoreBusyError):
            raise StoreBusyError(f"{refused} Hentikan dulu sebelum memulihkan.") from exc


def _copy_aside(target: Path) -> Path | None:
    """A copy of the database about to be replaced (the original stays at its path until the new
    one takes its place). Its write-ahead log goes with the copy, so none is left beside the new file."""
    if not target.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.stem}.sebelum-pulih-{stamp}{target.suffix}")
    shutil.copy2(target, kept)
    wal = target.with_name(target.name + ".wal")
    if wal.exists():
        os.replace(wal, kept.with_name(kept.name + ".wal"))
    return kept


def _remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _manifest_json(manifest: Manifest) -> dict[str, object]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": manifest.created_at,
        "schema_version": manifest.schema_version,
        "data_version": manifest.data_version,
        "duckdb": duckdb.__version__,
        "tables": manifest.tables,
        "files": manifest.files or {},
    }


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
