"""The province on a DuckLake (a file catalog here; PostgreSQL adds network round trips) against
the same data in the embedded file: the dashboard's queries and an import; then a national-scale
table of over ten million realisation rows, queried through DuckLake against the embedded file."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.import_bench import build_workbook
from bench.timing import best_of
from kinerja.collection.upload import import_files
from kinerja.reporting.dashboard import View, budget_vs_performance, filtered, headline, projections
from kinerja.storage.figures import recap
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store
from kinerja.storage.transfer import copy_database

NATIONAL_ROWS = 10_000_000


def _view_queries(store: Store) -> float:
    settings, view = load_settings(store, 2025), View(2025, 4)

    def queries() -> None:
        frame = filtered(store, view, settings)
        headline(store, view, settings, frame)
        projections(store, view, frame, settings)
        budget_vs_performance(store, view, frame, settings)

    return best_of(3, queries)


def _import(store: Store, workbook: Path) -> float:
    start = time.perf_counter()
    ((data, saved),) = import_files(store, [(workbook.name, workbook.read_bytes())], confirm_warnings=True)
    if saved is None:
        raise RuntimeError(f"benchmark file refused: {data.errors[:3]}")
    return time.perf_counter() - start


def _grow(store: Store, rows: int) -> int:
    """Add versions of every quarter until the realisation table holds ``rows`` rows: a national
    body's years of uploads and corrections, read through the same current-version view."""
    base = store.scalar("SELECT count(*) FROM realization")
    copies = max(0, -(-(rows - base) // base))
    with store.write() as w:
        first = w.next_id("submission")
        w.execute(
            "INSERT INTO submission SELECT s.id + ? + c * 100000, s.unit_id, s.year, s.quarter, s.version + c + 1, "
            "s.* EXCLUDE (id, unit_id, year, quarter, version) FROM submission s, range(?) r(c)",
            [first, copies],
        )
        w.execute(
            "INSERT INTO realization SELECT r.submission_id + ? + c * 100000, r.* EXCLUDE (submission_id) "
            "FROM realization r, range(?) x(c) WHERE r.submission_id < ?",
            [first, copies, first],
        )
    return store.scalar("SELECT count(*) FROM realization")


def measure(province_db: Path) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        embedded_path = folder / "k.duckdb"
        shutil.copy(province_db, embedded_path)
        embedded, lake = Store(embedded_path), Store(f"ducklake:{folder / 'k.ducklake'}")
        start = time.perf_counter()
        copy_database(embedded, lake)
        moved = time.perf_counter() - start
        results = {"lake_dashboard_view_queries": {"value": _view_queries(lake), "baseline": _view_queries(embedded)}}
        workbook = folder / "data.xlsx"
        build_workbook(embedded, workbook)
        results["lake_import_50k_rows"] = {"value": _import(lake, workbook), "baseline": _import(embedded, workbook)}
        national = _grow(lake, NATIONAL_ROWS)
        _grow(embedded, NATIONAL_ROWS)
        results["lake_national_recap"] = {
            "value": best_of(3, lambda: recap(lake, 2025, 3)),
            "baseline": best_of(3, lambda: recap(embedded, 2025, 3)),
        }
        results["lake_national_view_queries"] = {"value": _view_queries(lake), "baseline": _view_queries(embedded)}
        print(
            f"province copied into a DuckLake in {moved:.1f} s; national table: {national:,} realisation rows "
            f"on each storage"
        )
        lake.close()
        embedded.close()
    return results
