"""`make bench`: province-scale figures as ratios against baselines measured in the same run."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from bench.cascade_bench import measure as measure_cascade
from bench.dashboard_bench import measure as measure_dashboard
from bench.import_bench import measure as measure_import
from bench.lake_bench import measure as measure_lake
from bench.nomenclature_bench import measure as measure_nomenclature
from bench.pandas_recap import pandas_achievement
from bench.plan_bench import measure as measure_plan
from bench.province import build
from bench.report_bench import measure as measure_reports
from bench.timing import best_of
from kinerja.access.roles import SYSTEM, set_actor
from kinerja.storage.figures import recap

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"


def main() -> None:
    set_actor(SYSTEM)  # the benchmarks write as the command line does
    db = HERE / "province.duckdb"
    started = time.perf_counter()
    store = build(db)
    print(
        f"province database: {store.scalar('SELECT count(*) FROM unit')} units, "
        f"{store.scalar('SELECT count(*) FROM indicator')} indicators, "
        f"{store.scalar('SELECT count(DISTINCT year) FROM target')} years, "
        f"{store.scalar('SELECT count(*) FROM realization')} realisation rows ({time.perf_counter() - started:.1f} s)"
    )
    year, quarter = 2025, 3
    ours = recap(store, year, quarter).set_index("indicator_code")["achievement_pct"].astype(float)
    theirs = pandas_achievement(store, year, quarter).reindex(ours.index)
    agree = np.isclose(ours.values, theirs.values, equal_nan=True).mean()
    print(f"recap and the pandas baseline agree on {agree:.1%} of {len(ours)} indicators")
    baseline = best_of(5, lambda: pandas_achievement(store, year, quarter))

    def data_changed() -> None:  # as after an upload: the year's plan and figures are read again
        with store.write():
            pass

    results = {
        # the year already read at this data version (another quarter, the headline's quarter before)
        "recap_province": {"value": best_of(5, lambda: recap(store, year, quarter)), "baseline": baseline},
        "recap_province_first_read": {
            "value": best_of(5, lambda: recap(store, year, quarter), before=data_changed),
            "baseline": baseline,
        },
    }
    store.close()
    command = [
        sys.executable,
        "-m",
        "kinerja",
        "recap",
        "--year",
        str(year),
        "--quarter",
        str(quarter),
        "--db",
        str(db),
    ]
    results["recap_command_wall"] = {
        "value": best_of(3, lambda: subprocess.run(command, check=True, capture_output=True)),
        "baseline": best_of(
            3, lambda: subprocess.run([sys.executable, "-c", "import duckdb, pandas, babel.numbers"], check=True)
        ),
    }
    results |= measure_import(db)
    results |= measure_plan()
    results |= measure_dashboard(db)
    results |= measure_reports(db)
    results |= measure_lake(db)
    results |= measure_nomenclature()
    results |= measure_cascade(db)  # last: it writes the province's 2025 tree
    for name, figure in results.items():
        figure["ratio"] = figure["value"] / figure["baseline"]
        print(
            f"{name}: {figure['value']:.3f} s against {figure['baseline']:.3f} s baseline — ratio {figure['ratio']:.2f}"
        )
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
