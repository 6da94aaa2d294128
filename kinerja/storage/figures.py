"""A year's figures as the store holds them: the plan, its Rencana Aksi targets and the figures
reported, read once per data version, and the quarter's recap computed from them by the rules of
:mod:`kinerja.domain.recap`. The `recap` command, the pages and the reports all read it from here."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain.recap import TEXT_COLUMNS, YearInputs, by_quarter, read_only, recap_frame
from kinerja.storage.settings import Settings, settings_for
from kinerja.storage.store import Store

_PLAN_SQL = """
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
_QUARTER_TARGETS_SQL = """
SELECT indicator_id, quarter, CAST(value AS DOUBLE) AS low, CAST(value_high AS DOUBLE) AS high
FROM target WHERE year = $year AND kind = 'ra' AND quarter BETWEEN 1 AND 4
"""
_FIGURES_SQL = """
SELECT indicator_id, quarter, CAST(value AS DOUBLE) AS value, CAST(numerator AS DOUBLE) AS numerator,
       CAST(denominator AS DOUBLE) AS denominator
FROM realization_current
WHERE year = $year AND quarter BETWEEN 1 AND 4
"""


def recap(
    store: Store, year: int, quarter: int, unit: str | None = None, settings: Settings | None = None
) -> pd.DataFrame:
    """One row per indicator of the year's plan (of ``unit`` and the units under it, if given):
    its figures to date at ``quarter`` (:func:`kinerja.domain.recap.recap_frame`), with the settings
    in force for ``year`` (``settings`` when they are that year's)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"triwulan harus 1–4, bukan {quarter}")
    return recap_frame(year_inputs(store, year, unit), quarter, settings_for(store, year, settings))


def year_inputs(store: Store, year: int, unit: str | None = None) -> YearInputs:
    """The year's :class:`~kinerja.domain.recap.YearInputs` (of ``unit`` and the units under it, if
    given), read once per data version (``Store.memo``): the dashboard's quarters, the headline's
    quarter before and a report's tables all share one read."""

    def read() -> YearInputs:
        plan = store.columns(_PLAN_SQL, {"year": year, "unit": unit})
        plan["is_key"] = plan["is_key"].astype(bool)
        targets = by_quarter(plan["id"], store.columns(_QUARTER_TARGETS_SQL, {"year": year}), ("low", "high"))
        figures = by_quarter(plan["id"], reported_figures(store, year))
        texts = {column: pd.array(plan[source], dtype="str") for column, source in TEXT_COLUMNS.items()}
        return YearInputs(read_only(plan), texts, *(read_only(m) for m in (*targets, *figures)))

    return store.memo(("year_inputs", year, unit), read)


def reported_figures(store: Store, year: int) -> dict[str, np.ndarray]:
    """The year's current figures, one row per indicator and quarter reported (indicator_id,
    quarter, value, numerator, denominator); read once per data version."""
    return store.memo(("reported_figures", year), lambda: read_only(store.columns(_FIGURES_SQL, {"year": year})))
