"""A generated province-scale database: many units, thousands of indicators, ten years of quarters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.storage.store import Store

AGGREGATIONS = np.array(["SUM", "LAST", "AVG", "RATIO"])
POLARITIES = np.array(["positif", "positif", "negatif", "rentang"])


def build(
    path: Path,
    units: int = 60,
    indicators: int = 2400,
    years: range = range(2016, 2026),
    seed: int = 7,
    *,
    tree: bool = False,
) -> Store:
    """Create (or reuse) the database at ``path`` and return it open; with ``tree``, the last year
    has its pohon kinerja (``bench.cascade_bench.province_tree``), as a province's plan has, so every
    run measures the same database whether or not the tree's own benchmark ran before."""
    existing = path.exists()
    store = Store(path)
    if existing and store.scalar("SELECT count(*) FROM indicator_plan") == indicators * len(years):
        if tree and not store.scalar("SELECT count(*) FROM cascade_node WHERE year = ?", [years[-1]]):
            _plant(store, years[-1])
        return store
    rng = np.random.default_rng(seed)
    ids = np.arange(1, indicators + 1)
    unit_of = rng.integers(1, units + 1, indicators)
    goal_of = rng.integers(1, units * 3 + 1, indicators)
    aggregation = AGGREGATIONS[rng.integers(0, 4, indicators)]
    polarity = POLARITIES[rng.integers(0, 4, indicators)]
    with store.write() as w:
        w.insert_df(
            "unit",
            pd.DataFrame(
                {
                    "id": range(1, units + 1),
                    "code": [f"U{i:03d}" for i in range(1, units + 1)],
                    "name": [f"Unit {i}" for i in range(1, units + 1)],
                }
            ),
        )
        w.insert_df(
            "goal",
            pd.DataFrame(
                {
                    "id": range(1, units * 3 + 1),
                    "code": [f"S{i}" for i in range(1, units * 3 + 1)],
                    "level": "sasaran",
                    "name": [f"Sasaran {i}" for i in range(1, units * 3 + 1)],
                }
            ),
        )
        w.insert_df(
            "indicator",
            pd.DataFrame(
                {
                    "id": ids,
                    "code": [f"IK{i:05d}" for i in ids],
                    "goal_id": goal_of,
                    "name": [f"Indikator {i}" for i in ids],
                    "polarity": polarity,
                    "aggregation": aggregation,
                    "unit_id": unit_of,
                }
            ),
        )
        for year in years:
            w.execute(  # each year's plan says what the indicator is that year (kinerja.planning.saving)
                "INSERT INTO indicator_plan (indicator_id, year, goal_id, name, measure_unit, polarity, aggregation, "
                "is_key, weight, definition, data_source, unit_id, position) SELECT id, ?, goal_id, name, "
                "measure_unit, polarity, aggregation, is_key, weight, definition, data_source, unit_id, position "
                "FROM indicator",
                [year],
            )
            w.insert_df("target", _targets(rng, ids, year, aggregation, polarity))
            w.insert_df(
                "submission",
                pd.DataFrame(
                    {
                        "id": [year * 10 + q for q in range(1, 5)],
                        "unit_id": 1,
                        "year": year,
                        "quarter": range(1, 5),
                        "version": 1,
                        "source": "bench",
                    }
                ),
            )
            w.insert_df("realization", _realizations(rng, ids, year, aggregation))
    if tree:
        _plant(store, years[-1])
    return store


def _plant(store: Store, year: int) -> None:
    from bench.cascade_bench import province_tree
    from kinerja.cascade.stored import save_tree

    save_tree(store, year, province_tree(store, year))


def _targets(rng, ids, year, aggregation, polarity) -> pd.DataFrame:
    level = rng.uniform(50, 100, len(ids)).round(1)
    frames = []
    for q in range(1, 5):
        quarterly = np.where(aggregation == "SUM", (level / 4).round(1), level)
        high = np.where(polarity == "rentang", np.where(aggregation == "SUM", quarterly + 2.5, quarterly + 10), np.nan)
        frames.append(
            pd.DataFrame(
                {"indicator_id": ids, "year": year, "kind": "ra", "quarter": q, "value": quarterly, "value_high": high}
            )
        )
    annual = np.where(aggregation == "SUM", (level / 4).round(1) * 4, level)
    frames.append(
        pd.DataFrame(
            {
                "indicator_id": ids,
                "year": year,
                "kind": "pk",
                "quarter": 0,
                "value": annual,
                "value_high": np.where(polarity == "rentang", annual + 10, np.nan),
            }
        )
    )
    return pd.concat(frames, ignore_index=True)


def _realizations(rng, ids, year, aggregation) -> pd.DataFrame:
    frames = []
    for q in range(1, 5):
        value = rng.uniform(10, 110, len(ids)).round(2)
        ratio = aggregation == "RATIO"
        denominator = np.where(ratio, rng.integers(50, 500, len(ids)), np.nan)
        numerator = np.where(ratio, (denominator * rng.uniform(0.5, 1.0, len(ids))).round(), np.nan)
        value = np.where(ratio, numerator / denominator * 100, value)
        frames.append(
            pd.DataFrame(
                {
                    "submission_id": year * 10 + q,
                    "indicator_id": ids,
                    "year": year,
                    "quarter": q,
                    "value": value,
                    "numerator": numerator,
                    "denominator": denominator,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
