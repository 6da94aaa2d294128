"""storage.figures reads a year's plan and figures fast (ordered and deduplicated in numpy): the same
YearInputs and recaps as the SQL it replaced (ORDER BY in the query, the realization_current view)."""

import numpy as np
import pandas as pd
import pytest

from bench.province import build
from kinerja.domain.recap import TEXT_COLUMNS, YearInputs, by_quarter, recap_frame
from kinerja.storage.figures import recap, year_inputs
from kinerja.storage.settings import load_settings

# the reads as they were before the fast path: the reference the fast path must equal
_OLD_PLAN_SQL = """
WITH RECURSIVE scope(id) AS (
    SELECT id FROM unit WHERE $unit IS NULL OR upper(code) = upper($unit)
    UNION
    SELECT u.id FROM unit u JOIN scope s ON u.parent_id = s.id WHERE $unit IS NOT NULL
)
SELECT i.id, i.code, i.name, i.measure_unit, i.polarity, i.aggregation, coalesce(i.is_key, false) AS is_key,
       CAST(i.weight AS DOUBLE) AS weight, g.code AS goal_code, g.name AS goal, u.code AS unit_code,
       CAST(pk.value AS DOUBLE) AS pk_low, CAST(pk.value_high AS DOUBLE) AS pk_high,
       CAST(iy.baseline AS DOUBLE) AS baseline
FROM indicator_in_year i
JOIN target pk ON pk.indicator_id = i.id AND pk.year = $year AND pk.kind = 'pk'
JOIN goal g ON g.id = i.goal_id
LEFT JOIN unit u ON u.id = i.unit_id
LEFT JOIN indicator_year iy ON iy.indicator_id = i.id AND iy.year = $year
WHERE i.year = $year AND ($unit IS NULL OR i.unit_id IN (SELECT id FROM scope))
ORDER BY g.code, i.position, i.code
"""
_OLD_TARGETS_SQL = """
SELECT indicator_id, quarter, CAST(value AS DOUBLE) AS low, CAST(value_high AS DOUBLE) AS high
FROM target WHERE year = $year AND kind = 'ra' AND quarter BETWEEN 1 AND 4
"""
_OLD_FIGURES_SQL = """
SELECT indicator_id, quarter, CAST(value AS DOUBLE) AS value, CAST(numerator AS DOUBLE) AS numerator,
       CAST(denominator AS DOUBLE) AS denominator
FROM realization_current
WHERE year = $year AND quarter BETWEEN 1 AND 4
"""


def _old_inputs(store, year, unit=None) -> YearInputs:
    plan = store.columns(_OLD_PLAN_SQL, {"year": year, "unit": unit})
    plan["is_key"] = plan["is_key"].astype(bool)
    targets = by_quarter(plan["id"], store.columns(_OLD_TARGETS_SQL, {"year": year}), ("low", "high"))
    figures = by_quarter(plan["id"], store.columns(_OLD_FIGURES_SQL, {"year": year}))
    texts = {column: pd.array(plan[source], dtype="str") for column, source in TEXT_COLUMNS.items()}
    return YearInputs(plan, texts, *targets, *figures)


def _assert_same(store, year, unit=None):
    new, old = year_inputs(store, year, unit), _old_inputs(store, year, unit)
    assert new.plan.keys() <= old.plan.keys()
    for name in new.plan:
        np.testing.assert_array_equal(new.plan[name], old.plan[name], err_msg=name)
    for name in old.texts:
        pd.testing.assert_extension_array_equal(new.texts[name], old.texts[name])
    for name in ("ra_low", "ra_high", "values", "numerators", "denominators"):
        np.testing.assert_array_equal(getattr(new, name), getattr(old, name), err_msg=name)
    settings = load_settings(store, year)
    for quarter in (1, 2, 3, 4):
        pd.testing.assert_frame_equal(
            recap(store, year, quarter, unit), recap_frame(old, quarter, settings), check_exact=True
        )
    return len(old.plan["id"])


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """The benchmark's province, smaller, with figures sent again: later versions of some quarters."""
    store = build(tmp_path_factory.mktemp("provinsi") / "provinsi.duckdb", units=12, indicators=300,
                  years=range(2024, 2026))  # fmt: skip
    with store.write() as w:
        w.execute(
            "INSERT INTO submission (id, unit_id, year, quarter, version, source) "
            "VALUES (90002, 1, 2025, 2, 2, 'bench'), (90003, 1, 2025, 3, 2, 'bench')"
        )
        for submission, quarter in ((90002, 2), (90003, 3)):  # a new version of every third indicator
            w.execute(
                "INSERT INTO realization (submission_id, indicator_id, year, quarter, value, numerator, denominator) "
                "SELECT ?, indicator_id, year, quarter, value + 7, numerator, denominator FROM realization "
                "WHERE year = 2025 AND quarter = ? AND indicator_id % 3 = 0",
                [submission, quarter],
            )
    yield store
    store.close()


def test_the_fast_reads_equal_the_old_on_the_province(province):
    assert _assert_same(province, 2025) == 300
    assert _assert_same(province, 2024) == 300
    assert _assert_same(province, 2025, "u003") > 0, "a unit's plan, the code in any case"


def test_the_fast_reads_equal_the_old_on_the_demo(demo_store):
    units = [code for (code,) in demo_store.rows("SELECT code FROM unit ORDER BY code")]
    for year in (2024, 2025, 2026):
        assert _assert_same(demo_store, year) > 0
        for unit in units:
            _assert_same(demo_store, year, unit)


def test_a_year_without_a_plan_reads_empty(demo_store):
    assert _assert_same(demo_store, 2019) == 0
