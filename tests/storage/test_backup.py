"""`backup -o DIR` and `restore DIR`: the whole database, original files and settings included,
round-tripped value for value; a damaged backup or a database in use is refused with the target
untouched."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from kinerja.reporting.office_template import save_template
from kinerja.storage.backup import KEY_FILE, BackupError, backup, restore, snapshot
from kinerja.storage.figures import recap
from kinerja.storage.store import PROJECT_ROOT, Store, StoreBusyError
from tests.cli import kinerja
from tests.workbooks import office_template


def _tables(store: Store) -> dict[str, pd.DataFrame]:
    names = [n for (n,) in store.rows("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'")]
    return {n: store.df(f'SELECT * FROM "{n}" ORDER BY ALL') for n in names}


def test_a_backup_restores_value_for_value(demo_store, tmp_path):
    save_template(demo_store, office_template(), "kop.docx")  # a setting with a stored file behind it
    files = demo_store.scalar("SELECT count(*) FROM stored_file")
    manifest = backup(demo_store, tmp_path / "cadangan")
    moved = tmp_path / "dipindah"
    shutil.move(tmp_path / "cadangan", moved)  # a backup is often copied elsewhere before it is needed
    _, kept = restore(moved, tmp_path / "pulih.duckdb")
    assert kept is None
    restored = Store(tmp_path / "pulih.duckdb")
    try:
        assert snapshot(restored) == snapshot(demo_store) == manifest.tables
        before, after = _tables(demo_store), _tables(restored)
        assert before.keys() == after.keys()
        for name, frame in before.items():
            pd.testing.assert_frame_equal(frame, after[name], check_dtype=False, obj=name)
        assert restored.scalar("SELECT count(*) FROM stored_file") == files > 0
        pd.testing.assert_frame_equal(recap(restored, 2026, 2), recap(demo_store, 2026, 2))
    finally:
        restored.close()


def test_restoring_over_a_database_keeps_the_old_file_beside_it(demo_store, tmp_path):
    backup(demo_store, tmp_path / "cadangan")
    target = tmp_path / "kinerja.duckdb"
    Store(target).close()
    _, kept = restore(tmp_path / "cadangan", target)
    assert kept.exists() and kept.name.startswith("kinerja.sebelum-pulih-")
    assert Store(kept).scalar("SELECT count(*) FROM unit") == 0


def test_a_damaged_backup_is_refused_and_the_database_is_untouched(demo_store, tmp_path):
    backup(demo_store, tmp_path / "cadangan")
    part = tmp_path / "cadangan" / "basis-data" / "realization.parquet"
    connection = duckdb.connect()
    connection.execute(
        f"COPY (SELECT * REPLACE (value + 1 AS value) FROM '{part}') TO '{tmp_path / 'x.parquet'}' (FORMAT parquet)"
    )
    shutil.move(tmp_path / "x.parquet", part)
    target = tmp_path / "kinerja.duckdb"
    shutil.copy(demo_store.path, target)
    before = target.read_bytes()
    with pytest.raises(BackupError, match=r"isi berkas realization\.parquet tidak sama dengan yang tercatat"):
        restore(tmp_path / "cadangan", target)
    assert target.read_bytes() == before
    # a backup made before files had digests (and signatures): caught table by table, in the copy
    # that is thrown away
    manifest = tmp_path / "cadangan" / "manifest.json"
    older = {k: v for k, v in json.loads(manifest.read_text()).items() if k != "signature"} | {"files": {}}
    manifest.write_text(json.dumps(older))
    with pytest.raises(BackupError, match="tidak cocok dengan manifesnya: realization"):
        restore(tmp_path / "cadangan", target, accept_unsigned=True)
    assert target.read_bytes() == before
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and p.name != KEY_FILE]
    assert left == [], "no half-built file left"


def test_a_tampered_backup_runs_no_sql_on_restore(demo_store, tmp_path):
    """The attack of issue 15: a COPY line in load.sql edited to attach the live database and make
    every account admin. Restore reads no SQL from a backup, so the live database is untouched."""
    live = tmp_path / "live.duckdb"  # a database file the attack can reach, on either storage
    with duckdb.connect(str(live)) as connection:
        connection.execute("CREATE TABLE account (name VARCHAR, role VARCHAR)")
        connection.executemany("INSERT INTO account VALUES (?, ?)", demo_store.rows("SELECT name, role FROM account"))
    backup(demo_store, tmp_path / "cadangan")
    load = tmp_path / "cadangan" / "basis-data" / "load.sql"
    attack = (
        f"COPY unit;ATTACH/**/'{live}'/**/AS/**/live;UPDATE/**/live.account/**/SET/**/role='admin';"
        "DETACH/**/live;--/**/ FROM 'unit.parquet' (FORMAT 'parquet');"
    )
    load.write_text(attack + "\n" + load.read_text())
    roles_before = duckdb.connect(str(live)).execute("SELECT name, role FROM account ORDER BY 1").fetchall()
    try:
        restore(tmp_path / "cadangan", tmp_path / "pulih.duckdb")
        restored = True
    except BackupError:  # what restore said before: "damaged", after the attack had run
        restored = False
    connection = duckdb.connect(str(live))
    assert connection.execute("SELECT name, role FROM account ORDER BY 1").fetchall() == roles_before
    connection.close()
    assert any(role != "admin" for _, role in roles_before), "the demo has accounts the attack would promote"
    assert restored, "load.sql is not read at all: the backup itself is sound and restores"


@pytest.mark.parametrize("tamper", ["a table the schema does not have", "a file name with a path"])
def test_a_manifest_naming_what_kinerja_does_not_have_is_refused(demo_store, tmp_path, tamper):
    backup(demo_store, tmp_path / "cadangan")
    manifest = tmp_path / "cadangan" / "manifest.json"
    raw = json.loads(manifest.read_text())
    if tamper == "a table the schema does not have":
        raw["tables"]["rahasia"] = {"rows": 0, "digest": ""}
    else:
        raw["files"]["../../live.parquet"] = "0" * 64
    manifest.write_text(json.dumps(raw))
    with pytest.raises(BackupError):
        restore(tmp_path / "cadangan", tmp_path / "pulih.duckdb")
    assert not (tmp_path / "pulih.duckdb").exists()


def test_a_backup_goes_only_into_a_new_or_empty_folder(demo_store, tmp_path):
    (tmp_path / "isi").mkdir()
    (tmp_path / "isi" / "catatan.txt").write_text("x")
    with pytest.raises(BackupError, match="sudah berisi berkas"):
        backup(demo_store, tmp_path / "isi")
    with pytest.raises(BackupError, match="bukan folder cadangan Kinerja"):
        restore(tmp_path / "isi", tmp_path / "k.duckdb")


def test_restore_refuses_a_database_another_process_holds(demo_db_path, tmp_path):
    store = Store(demo_db_path)
    backup(store, tmp_path / "cadangan")
    store.close()
    held = tmp_path / "dipakai.duckdb"  # a database file (a DuckLake is shared by design, never held)
    restore(tmp_path / "cadangan", held)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from kinerja.storage.store import Store; s = Store({str(held)!r}); print('ok', flush=True); input()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=PROJECT_ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreBusyError, match="sedang dipakai proses lain"):
            restore(tmp_path / "cadangan", held)
    finally:
        holder.communicate("\n", timeout=30)


def test_the_command_line_backs_up_and_restores(demo_db_path, tmp_path):
    made = kinerja("backup", "-o", str(tmp_path / "cadangan"), db=demo_db_path)
    assert made.returncode == 0, made.stderr
    assert "Cadangan ditulis ke" in made.stdout and "diperiksa" in made.stdout
    again = kinerja("backup", "-o", str(tmp_path / "cadangan"), db=demo_db_path)
    assert again.returncode == 2 and "sudah berisi berkas" in again.stderr
    target = tmp_path / "pulih.duckdb"
    done = kinerja("restore", str(tmp_path / "cadangan"), db=target)
    assert done.returncode == 0, done.stderr
    assert "cocok nilai demi nilai" in done.stdout
    same = kinerja("recap", "--year", "2026", "--quarter", "2", db=target).stdout
    assert same == kinerja("recap", "--year", "2026", "--quarter", "2", db=demo_db_path).stdout


def test_the_daily_backup_is_made_once_a_day_and_keeps_the_newest(demo_store, tmp_path):
    import datetime as dt

    from kinerja.storage.backup import daily_backup

    days = [dt.date(2026, 11, d) for d in (20, 21, 21, 22, 23)]
    folder = tmp_path / "cadangan"
    made = [daily_backup(demo_store, folder, keep=2, today=day) for day in days]
    assert [m.name if m else None for m in made] == [
        "kinerja-2026-11-20",
        "kinerja-2026-11-21",
        None,
        "kinerja-2026-11-22",
        "kinerja-2026-11-23",
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["kinerja-2026-11-22", "kinerja-2026-11-23"]


def test_a_backup_with_whole_tables_removed_is_refused_not_restored_empty(demo_store, tmp_path):
    """Issue 26's attack: realization, account and audit_log taken out of the files and the manifest
    (the manifest re-signed with the key, as an insider could): the backup is incomplete."""
    from kinerja.storage.backup import _sign, backup_key

    backup(demo_store, tmp_path / "cadangan")
    manifest = tmp_path / "cadangan" / "manifest.json"
    raw = json.loads(manifest.read_text())
    for table in ("realization", "account", "audit_log"):
        del raw["tables"][table]
        del raw["files"][f"{table}.parquet"]
        (tmp_path / "cadangan" / "basis-data" / f"{table}.parquet").unlink()
    raw["signature"] = _sign(raw, backup_key(tmp_path))
    manifest.write_text(json.dumps(raw))
    with pytest.raises(BackupError, match="tidak lengkap: tabel account, audit_log, realization dari skema versi"):
        restore(tmp_path / "cadangan", tmp_path / "pulih.duckdb")
    assert not (tmp_path / "pulih.duckdb").exists()


def test_an_edited_backup_with_its_digests_recomputed_is_refused_by_its_signature(demo_store, tmp_path):
    """An admin account added to account.parquet, its row digest and SHA-256 recomputed: without the
    key (kept beside the database, never in the backup) the manifest cannot be signed again."""
    from kinerja.storage.backup import _sha256, table_digests

    backup(demo_store, tmp_path / "cadangan")
    folder = tmp_path / "cadangan" / "basis-data"
    connection = duckdb.connect()
    connection.execute(
        f"COPY (SELECT * FROM '{folder / 'account.parquet'}' UNION ALL "
        f"SELECT * REPLACE ('penyusup' AS name, 'admin' AS role) FROM '{folder / 'account.parquet'}' LIMIT 1) "
        f"TO '{tmp_path / 'a.parquet'}' (FORMAT parquet)"
    )
    shutil.move(tmp_path / "a.parquet", folder / "account.parquet")
    scratch = duckdb.connect()
    scratch.execute(f"CREATE TABLE account AS SELECT * FROM '{folder / 'account.parquet'}'")
    manifest = tmp_path / "cadangan" / "manifest.json"
    raw = json.loads(manifest.read_text())
    raw["tables"]["account"] = table_digests(scratch)["account"]
    raw["files"]["account.parquet"] = _sha256(folder / "account.parquet")
    manifest.write_text(json.dumps(raw))  # the old signature kept: nobody without the key can redo it
    with pytest.raises(BackupError, match="Tanda tangan cadangan tidak cocok"):
        restore(tmp_path / "cadangan", tmp_path / "pulih.duckdb")
    del raw["signature"]
    manifest.write_text(json.dumps(raw))
    with pytest.raises(BackupError, match="tidak bertanda tangan"):
        restore(tmp_path / "cadangan", tmp_path / "pulih.duckdb")
    assert not (tmp_path / "pulih.duckdb").exists()


def test_a_backup_restores_only_with_its_key(demo_store, tmp_path, monkeypatch):
    backup(demo_store, tmp_path / "cadangan")
    elsewhere = tmp_path / "server-baru"
    with pytest.raises(BackupError, match="Kunci cadangan tidak ditemukan"):
        restore(tmp_path / "cadangan", elsewhere / "kinerja.duckdb")
    monkeypatch.setenv("KINERJA_BACKUP_KEY", (tmp_path / KEY_FILE).read_text())
    restore(tmp_path / "cadangan", elsewhere / "kinerja.duckdb")
    assert (tmp_path / KEY_FILE).stat().st_mode & 0o077 == 0, "the key is readable by its owner only"


def test_a_restore_killed_midway_leaves_the_database_in_place_and_the_next_one_tidies(demo_store, tmp_path):
    backup(demo_store, tmp_path / "cadangan")
    target = tmp_path / "kinerja.duckdb"
    shutil.copy(demo_store.path, target)
    stale = tmp_path / f".{target.name}.pulih-999999"  # a restore's unfinished copy whose process is gone
    stale.write_bytes(b"setengah")
    restore(tmp_path / "cadangan", target)
    assert not stale.exists() and target.exists()
