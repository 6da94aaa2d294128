"""Reports: the demo office's quarterly report with its charts (charts rendered, then cached), the
charts batched in one browser against one browser start per chart, and a province-scale LKjIP.
Each report is built in a child process, so its wall time and peak memory are its own."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from kinerja.access.roles import SYSTEM, set_actor
from kinerja.storage.store import Store
set_actor(SYSTEM)
kind, db, year, quarter, cache = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5])
store = Store(db)
started = time.perf_counter()
if kind == "quarterly":
    from kinerja.reporting.quarterly import quarterly_docx
    size = len(quarterly_docx(store, year, quarter, cache_dir=cache))
elif kind == "annual":
    from kinerja.reporting.lkjip import annual_docx
    size = len(annual_docx(store, year, cache_dir=cache))
elif kind == "per_chart":
    import plotly.io as pio
    from kinerja.reporting.quarterly import quarterly_data, quarterly_figures
    from kinerja.storage.settings import load_settings
    data = quarterly_data(store, year, quarter)
    size = sum(len(pio.to_image(f, format="png", width=1000, scale=2)) for f in quarterly_figures(data, load_settings(store, year).scale).values())
elif kind == "batched":
    from kinerja.reporting.chart_images import chart_images
    from kinerja.reporting.quarterly import quarterly_data, quarterly_figures
    from kinerja.storage.settings import load_settings
    data = quarterly_data(store, year, quarter)
    size = sum(len(b) for b in chart_images(quarterly_figures(data, load_settings(store, year).scale), cache).values())
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "bytes": size}))
"""


def _run(kind: str, db: Path, year: int, quarter: int, cache: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(db), str(year), str(quarter), str(cache)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(province_db: Path) -> dict[str, dict[str, float]]:
    from kinerja.access.roles import SYSTEM, set_actor
    from kinerja.demo import load_demo
    from kinerja.storage.store import Store

    set_actor(SYSTEM)
    with tempfile.TemporaryDirectory() as work:
        demo = Path(work) / "demo.duckdb"
        store = Store(demo)
        load_demo(store)
        store.close()
        cold = _run("quarterly", demo, 2026, 2, Path(work) / "cache-a")
        warm = _run("quarterly", demo, 2026, 2, Path(work) / "cache-a")
        per_chart = _run("per_chart", demo, 2026, 2, Path(work) / "unused")
        batched = _run("batched", demo, 2026, 2, Path(work) / "cache-b")
        province = Path(work) / "province.duckdb"  # a copy: this process may still hold the original open
        shutil.copy(province_db, province)
        annual = _run("annual", province, 2025, 4, Path(work) / "cache-c")
    print(
        f"quarterly report (demo): {cold['seconds']:.2f} s with charts rendered, {warm['seconds']:.2f} s with charts "
        f"cached, peak {cold['peak_mb']:.0f} MB; 3 charts: {per_chart['seconds']:.2f} s one browser each, "
        f"{batched['seconds']:.2f} s batched; province LKjIP {annual['seconds']:.2f} s, peak {annual['peak_mb']:.0f} MB"
    )
    return {
        "report_quarterly_demo_cached_vs_rendered": {"value": warm["seconds"], "baseline": cold["seconds"]},
        "report_charts_batched_vs_browser_each": {"value": batched["seconds"], "baseline": per_chart["seconds"]},
        "report_annual_province_vs_quarterly_demo": {"value": annual["seconds"], "baseline": cold["seconds"]},
        "report_annual_province_peak_mb_vs_demo": {"value": annual["peak_mb"], "baseline": cold["peak_mb"]},
    }
