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
# the most each ratio may be (issue 28's floors); a ratio without one is measured for reference
GOALS = {
    "recap_province": 0.2,
    "recap_province_first_read": 0.3,
    "import_50k_rows": 0.3,
    "import_plan_province": 1.0,
    "dashboard_page_vs_floor": 1.5,
    "dashboard_other_quarter_vs_floor": 1.5,
    "dashboard_sasaran_filter_vs_floor": 1.5,
    "meeting_mode_vs_floor": 1.5,
    "report_annual_province_vs_quarterly_demo": 5.0,
}
PARTS = ("recap", "import", "plan", "dashboard", "reports", "lake", "nomenclature", "cascade")


def main(parts: tuple[str, ...] = PARTS) -> None:
    set_actor(SYSTEM)  # the benchmarks write as the command line does
    db = HERE / "province.duckdb"
    started = time.perf_counter()
    store = build(db, tree=True)
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
    results = _recap(store, year, quarter) if "recap" in parts else {}
    store.close()
    if "recap" in parts:
        results["recap_command_wall"] = _recap_command(db, year, quarter)
    measures = {
        "import": measure_import,
        "plan": lambda _: measure_plan(),
        "dashboard": measure_dashboard,
        "reports": measure_reports,
        "lake": measure_lake,
        "nomenclature": lambda _: measure_nomenclature(),
        "cascade": measure_cascade,  # last: it writes the province's 2025 tree again
    }
    for part, measure in measures.items():
        if part in parts:
            results |= measure(db)
    for name, figure in results.items():
        figure["ratio"] = figure["value"] / figure["baseline"]
        goal = GOALS.get(name)
        if goal is not None:
            figure["goal"] = goal
            verdict = f"goal ≤ {goal:.2f}: {'met' if figure['ratio'] <= goal else 'NOT MET'}"
        else:
            verdict = "no goal"
        unit = "MB" if "_mb" in name else "s"
        print(
            f"{name}: {figure['value']:.3f} {unit} against {figure['baseline']:.3f} {unit} baseline — "
            f"ratio {figure['ratio']:.2f} ({verdict})"
        )
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(HERE.parent)}")
    missed = [name for name, figure in results.items() if figure["ratio"] > figure.get("goal", float("inf"))]
    print(f"goals: {len([n for n in results if n in GOALS]) - len(missed)} met, {len(missed)} not met {missed or ''}")


def _recap(store, year: int, quarter: int) -> dict[str, dict[str, float]]:
    baseline = best_of(5, lambda: pandas_achievement(store, year, quarter))

    def data_changed() -> None:  # as after an upload: the year's plan and figures are read again
        with store.write():
            pass

    return {
        # the year already read at this data version (another quarter, the headline's quarter before)
        "recap_province": {"value": best_of(5, lambda: recap(store, year, quarter)), "baseline": baseline},
        "recap_province_first_read": {
            "value": best_of(5, lambda: recap(store, year, quarter), before=data_changed),
            "baseline": baseline,
        },
    }


def _recap_command(db: Path, year: int, quarter: int) -> dict[str, float]:
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
    return {
        "value": best_of(3, lambda: subprocess.run(command, check=True, capture_output=True)),
        "baseline": best_of(
            3, lambda: subprocess.run([sys.executable, "-c", "import duckdb, pandas, babel.numbers"], check=True)
        ),
    }


if __name__ == "__main__":
    chosen = tuple(sys.argv[1:]) or PARTS
    unknown = set(chosen) - set(PARTS)
    if unknown:
        sys.exit(f"unknown parts {sorted(unknown)}; choose among {', '.join(PARTS)}")
    main(chosen)
