"""A year's figures as the store holds them: the plan, its Rencana Aksi targets and the figures
reported, read once per data version, and the quarter's recap computed from them by the rules of
:mod:`kinerja.domain.recap`. The `recap` command, the pages and the reports all read it from here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from kinerja.domain.recap import TEXT_COLUMNS, YearInputs, by_quarter, read_only, recap_frame
from kinerja.storage.settings import Settings, settings_for
from kinerja.storage.store import Store

# The plan comes as Arrow (its words become the recap's text columns without a Python string each),
# joined to its PK targets and put in the recap's order (sasaran code, PK position, indicator code)
# here: an ORDER BY over text made DuckDB spend most of a first read sorting 2,400 rows, and the year's
# targets are read once, PK and Rencana Aksi together (bench/, recap_province_first_read).
_PLAN_SQL = """
SELECT i.id, i.code, i.name, i.measure_unit, i.polarity, i.aggregation, coalesce(i.is_key, false) AS is_key,
       CAST(i.weight AS DOUBLE) AS weight, g.code AS goal_code, g.name AS goal, u.code AS unit_code,
       CAST(iy.baseline AS DOUBLE) AS baseline, i.position
FROM indicator_in_year i
JOIN goal g ON g.id = i.goal_id
LEFT JOIN unit u ON u.id = i.unit_id
LEFT JOIN indicator_year iy ON iy.indicator_id = i.id AND iy.year = $year
WHERE i.year = $year
"""
# a unit's plan: its own indicators and those of the units under it
_UNIT_PLAN_SQL = (
    """
WITH RECURSIVE scope(id) AS (
    SELECT id FROM unit WHERE upper(code) = upper($unit)
    UNION
    SELECT u.id FROM unit u JOIN scope s ON u.parent_id = s.id
)"""
    + _PLAN_SQL
    + "AND i.unit_id IN (SELECT id FROM scope)\n"
)
# the year's PK targets (an indicator of the plan without one is not in the recap) and Rencana Aksi targets
_TARGETS_SQL = """
SELECT indicator_id, kind = 'pk' AS is_pk, quarter, CAST(value AS DOUBLE) AS low, CAST(value_high AS DOUBLE) AS high
FROM target WHERE year = $year AND (kind = 'pk' OR (kind = 'ra' AND quarter BETWEEN 1 AND 4))
"""
# Every version of the year's figures: the current one of each indicator and quarter is picked in numpy
# (:func:`_current`), by realization_current's rule; the view's window ran over every year's rows.
_FIGURE_VERSIONS_SQL = """
SELECT indicator_id, quarter, submission_id, CAST(value AS DOUBLE) AS value, CAST(numerator AS DOUBLE) AS numerator,
       CAST(denominator AS DOUBLE) AS denominator
FROM realization
WHERE year = $year AND quarter BETWEEN 1 AND 4
"""
_FIGURES = ("indicator_id", "quarter", "value", "numerator", "denominator")
# text compared by its bytes, as DuckDB's ORDER BY compares it (the codes are never NULL, an indicator's unique)
_PLAN_ORDER = [("goal_code", "ascending"), ("position", "ascending"), ("code", "ascending")]
_PLAN_NUMBERS = ("id", "is_key", "weight", "baseline")
_PLAN_TERMS = ("polarity", "aggregation")


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
        targets = store.columns(_TARGETS_SQL, {"year": year})
        is_pk = targets.pop("is_pk").astype(bool)
        plan, texts = _plan(store, year, unit, {name: values[is_pk] for name, values in targets.items()})
        quarters = by_quarter(plan["id"], {name: values[~is_pk] for name, values in targets.items()}, ("low", "high"))
        figures = by_quarter(plan["id"], reported_figures(store, year))
        return YearInputs(read_only(plan), texts, *(read_only(m) for m in (*quarters, *figures)))

    return store.memo(("year_inputs", year, unit), read)


def reported_figures(store: Store, year: int) -> dict[str, np.ndarray]:
    """The year's current figures, one row per indicator and quarter reported (indicator_id,
    quarter, value, numerator, denominator); read once per data version."""
    return store.memo(
        ("reported_figures", year), lambda: read_only(_current(store.columns(_FIGURE_VERSIONS_SQL, {"year": year})))
    )


def _plan(
    store: Store, year: int, unit: str | None, pk: dict[str, np.ndarray]
) -> tuple[dict[str, np.ndarray], dict[str, pd.api.extensions.ExtensionArray]]:
    """The year's plan joined to its PK targets (``pk``), in the recap's order: the numbers and terms
    the rules compute with, and the words the recap shows (:data:`~kinerja.domain.recap.TEXT_COLUMNS`)."""
    if unit is None:
        found = store.cursor().execute(_PLAN_SQL, {"year": year}).to_arrow_table()
    else:
        found = store.cursor().execute(_UNIT_PLAN_SQL, {"year": year, "unit": unit}).to_arrow_table()
    rows, targets = _matches(found.column("id").to_numpy(), pk["indicator_id"])
    order = pc.sort_indices(found.take(rows), sort_keys=_PLAN_ORDER).to_numpy()
    rows, targets = rows[order], targets[order]
    found = found.take(rows)
    plan = {name: found.column(name).to_numpy() for name in _PLAN_NUMBERS}
    plan |= {"pk_low": pk["low"][targets], "pk_high": pk["high"][targets]}
    plan |= {name: found.column(name).to_numpy(zero_copy_only=False).astype(object) for name in _PLAN_TERMS}
    plan["is_key"] = plan["is_key"].astype(bool)
    texts = {column: pd.array(found.column(source), dtype="str") for column, source in TEXT_COLUMNS.items()}
    return plan, texts


def _matches(ids: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i, j) with ``ids[i] == keys[j]``, as two index arrays in the order of ``ids``: an
    inner join (an id without a key is left out; one with two keys comes twice)."""
    order = np.argsort(keys, kind="stable")
    start = np.searchsorted(keys[order], ids, "left")
    counts = np.searchsorted(keys[order], ids, "right") - start
    left = np.repeat(np.arange(len(ids)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return left, order[np.repeat(start, counts) + offsets]


def _current(versions: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Of every version of the figures, each indicator's and quarter's latest (the highest
    submission): realization_current's rule, one row per indicator and quarter reported."""
    order = np.lexsort((versions["submission_id"], versions["quarter"], versions["indicator_id"]))
    ids, quarters = versions["indicator_id"][order], versions["quarter"][order]
    latest = np.ones(len(order), dtype=bool)
    latest[:-1] = (ids[1:] != ids[:-1]) | (quarters[1:] != quarters[:-1])
    return {name: versions[name][order][latest] for name in _FIGURES}
