"""An import killed (SIGKILL) at a random moment leaves a database that opens and holds, for every
file, all of it or none of it.

Each round copies the demo, starts the command line importing twelve files one after another
(each file one transaction: sixteen new versions, the original file, the audit entries; about
40 ms each), waits until it reports a random number of them stored, and kills it a random part
of one file's time later (measured on the child's own pace, so the kill lands in the next file's
work on a fast or a slow machine alike). The seed is fixed (KINERJA_CRASH_SEED explores others). File k sets every figure to 100 + k, so after the kill every figure must be the
same number (the last committed file's), and versions, audit entries and stored files must count
exactly as many files.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from kinerja.storage.store import PROJECT_ROOT, Store
from tests import figures
from tests.bad_inputs import workbook
from tests.conftest import copy_db, db_spec

ROUNDS = 20
FILES = 12
# the demo's indicators that take a plain figure (not pembilang/penyebut), of eight units
CODES = ["IK01", "IK02", "IK05", "IK07", "IK08", "IK10", "IK12", "IK14", "IK15", "IK16", "IK17", "IK18", "IK19"]
CODES += ["IK20", "IK21", "IK22", "IK23"]
NOTE = "Faktor Penghambat"


def _file(k: int) -> bytes:
    header = ["Kode", "Realisasi TW III", "Realisasi TW IV", NOTE]
    rows = [[code, 100 + k, 100 + k, f"catatan unggahan {k}"] for code in CODES]
    return workbook({"Data": [["REALISASI KINERJA TAHUN 2026"], header, *rows]})


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("berkas")
    paths = []
    for k in range(1, FILES + 1):
        path = folder / f"unggahan-{k:02d}.xlsx"
        path.write_bytes(_file(k))
        paths.append(path)
    return paths


def _state(path) -> dict[str, object]:
    """What the killed import left: the figures now current, and how many of everything."""
    store = Store(path)  # it must open
    try:
        ours = [f"unggahan-{k:02d}.xlsx" for k in range(1, FILES + 1)]
        marks = ", ".join("?" * len(ours))
        return {
            "values": {
                v
                for (v,) in store.rows(
                    "SELECT c.value FROM realization_current c JOIN indicator i ON i.id = c.indicator_id "
                    f"WHERE c.year = 2026 AND c.quarter IN (3, 4) AND i.code IN ({', '.join('?' * len(CODES))})",
                    CODES,
                )
            },
            "files": store.scalar(f"SELECT count(*) FROM stored_file WHERE file_name IN ({marks})", ours),
            "versions": store.scalar(f"SELECT count(*) FROM submission WHERE file_name IN ({marks})", ours),
            "audits": store.scalar(
                "SELECT count(*) FROM audit_log WHERE action = 'data.unggah' AND after LIKE '%unggahan-%'"
            ),
            "notes": {
                n
                for (n,) in store.rows(
                    "SELECT obstacles FROM realization_current WHERE year = 2026 AND quarter IN (3, 4) "
                    "AND obstacles LIKE 'catatan unggahan %'"
                )
            },
        }
    finally:
        store.close()


def _pace(seen: list[float]) -> float:
    """How long one file takes the child on this machine: between its reports, or before any, a
    twentieth of its start-up (Python and DuckDB loading, then the first file)."""
    if len(seen) >= 3:
        return (seen[-1] - seen[1]) / (len(seen) - 2)
    return (time.monotonic() - seen[0]) / 20 if len(seen) == 1 else (seen[1] - seen[0]) / 20


def test_an_import_killed_mid_write_leaves_the_old_or_the_new_never_a_mix(demo_db_file, tmp_path, files):
    seed = int(os.environ.get("KINERJA_CRASH_SEED", "20261204"))
    chance = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "PYTHONUNBUFFERED": "1"}
    committed_counts = []
    for round_ in range(ROUNDS):
        copy_db(demo_db_file, tmp_path / f"putaran-{round_}.duckdb")
        path = db_spec(tmp_path / f"putaran-{round_}.duckdb")
        child = subprocess.Popen(
            [sys.executable, "-m", "kinerja", "--db", str(path), "import", *map(str, files)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        wanted = chance.randrange(0, FILES)
        reported = []  # a line per file stored (and its "rincian:" line, not counted)
        seen = [time.monotonic()]  # when the child started, then when it reported each file
        while len(reported) < wanted:
            line = child.stdout.readline()
            if not line:
                break
            if not line.startswith(b"  rincian:"):
                reported.append(line)
                seen.append(time.monotonic())
        time.sleep(chance.uniform(0.0, 1.0) * _pace(seen))
        child.send_signal(signal.SIGKILL)
        child.wait()
        state = _state(path)
        committed = state["files"]
        assert committed >= len([line for line in reported if line]), (seed, round_, state)
        groups = 16  # eight units × two quarters per file
        assert state["versions"] == committed * groups, (seed, round_, state)
        assert state["audits"] == committed * groups, (seed, round_, state)
        assert state["values"] == ({100.0 + committed} if committed else set()), (seed, round_, state)
        assert state["notes"] == ({f"catatan unggahan {committed}"} if committed else set()), (seed, round_, state)
        committed_counts.append(committed)
        figures.count("crashes", held=True)
    assert sum(c < FILES for c in committed_counts) >= ROUNDS // 2, f"seed {seed}: the kills came too late"
    figures.NOTES["crashes"] = f"benih {seed}; berkas tersimpan dari {FILES} per putaran: {committed_counts}"
