"""The quarter's recap: every indicator's figures to date, achievement, score and category, and the
roll-ups by sasaran and unit. The `recap` command, the pages and the reports all read it from here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from kinerja.domain.achievement import (
    NO_DATA_COLOR,
    Aggregation,
    Band,
    Polarity,
    QuarterFigure,
    Target,
    ToDate,
    achievement,
    category,
    roll_up,
    score,
    to_date,
)
from kinerja.domain.numbers import fmt_number, fmt_percent
from kinerja.domain.vocabulary import AGGREGATION_WORD, POLARITY_WORD
from kinerja.storage.settings import Settings, load_settings
from kinerja.storage.store import Store

# The command line's columns: a public interface, keep them stable (tests/test_cli.py).
RECAP_COLUMNS = [
    "unit_code",
    "goal",
    "indicator_code",
    "indicator_name",
    "measure_unit",
    "polarity",
    "aggregation",
    "annual_target",
    "target_to_date",
    "realization_to_date",
    "achievement_pct",
    "score_pct",
    "category",
    "annual_progress_pct",
]
EXTRA_COLUMNS = [
    "goal_code",
    "is_key",
    "weight",
    "annual_target_high",
    "target_to_date_high",
    "quarter_target",
    "quarter_realization",
    "note",
]

_PLAN_SQL = """
WITH RECURSIVE scope(id) AS (
    SELECT id FROM unit WHERE $unit IS NULL OR upper(code) = upper($unit)
    UNION
    SELECT u.id FROM unit u JOIN scope s ON u.parent_id = s.id WHERE $unit IS NOT NULL
)
SELECT i.id, i.code, i.name, i.measure_unit, i.polarity, i.aggregation, i.is_key, i.weight, i.position,
       g.code AS goal_code, g.name AS goal, u.code AS unit_code,
       pk.value AS pk_low, pk.value_high AS pk_high, iy.baseline,
       max(ra.value) FILTER (WHERE ra.quarter = 1) AS tw1_low, max(ra.value_high) FILTER (WHERE ra.quarter = 1) AS tw1_high,
       max(ra.value) FILTER (WHERE ra.quarter = 2) AS tw2_low, max(ra.value_high) FILTER (WHERE ra.quarter = 2) AS tw2_high,
       max(ra.value) FILTER (WHERE ra.quarter = 3) AS tw3_low, max(ra.value_high) FILTER (WHERE ra.quarter = 3) AS tw3_high,
       max(ra.value) FILTER (WHERE ra.quarter = 4) AS tw4_low, max(ra.value_high) FILTER (WHERE ra.quarter = 4) AS tw4_high
FROM indicator_in_year i
JOIN target pk ON pk.indicator_id = i.id AND pk.year = $year AND pk.kind = 'pk' AND i.year = $year
JOIN goal g ON g.id = i.goal_id
LEFT JOIN unit u ON u.id = i.unit_id
LEFT JOIN target ra ON ra.indicator_id = i.id AND ra.year = $year AND ra.kind = 'ra'
LEFT JOIN indicator_year iy ON iy.indicator_id = i.id AND iy.year = $year
WHERE $unit IS NULL OR i.unit_id IN (SELECT id FROM scope)
GROUP BY ALL
ORDER BY g.code, i.position, i.code
"""
_FIGURES_SQL = """
SELECT indicator_id, quarter, value, numerator, denominator
FROM realization_current
WHERE year = $year AND quarter <= $quarter
"""


ANNUAL_ONLY = "Tanpa Rencana Aksi: capaian s.d. triwulan ini dihitung terhadap target tahunan"


@dataclass(frozen=True)
class IndicatorPlan:
    """What the recap needs of one indicator's plan for a year."""

    polarity: Polarity
    aggregation: Aggregation
    annual_target: Target
    quarter_targets: tuple[Target | None, ...]
    baseline: float | None = None


def indicator_figures(
    plan: IndicatorPlan, figures: list[QuarterFigure | None], quarter: int, settings: Settings
) -> dict[str, object]:
    """One indicator's recap figures at ``quarter``, by the engine's rules."""
    td = to_date(plan.aggregation, figures, plan.quarter_targets, quarter, plan.polarity)
    annual_only = not any(plan.quarter_targets)
    if annual_only:
        # a PK without Rencana Aksi: every quarter is measured against the annual target, and says so
        # (at TW IV the two agree anyway)
        note = "; ".join(n for n in (ANNUAL_ONLY if quarter < 4 else "", td.note) if n)
        td = ToDate(td.realization, plan.annual_target, td.missing_quarters, note)
    raw = achievement(td.realization, td.target, plan.polarity, settings.negative_formula, plan.baseline)
    capped = score(raw, settings.score_cap)
    progress = achievement(td.realization, plan.annual_target, plan.polarity, settings.negative_formula, plan.baseline)
    this_quarter = figures[quarter - 1] if len(figures) >= quarter else None
    quarter_target = plan.quarter_targets[quarter - 1]
    return {
        "annual_target": plan.annual_target.low,
        "annual_target_high": plan.annual_target.high,
        "target_to_date": None if td.target is None else td.target.low,
        "target_to_date_high": None if td.target is None else td.target.high,
        "realization_to_date": td.realization,
        "achievement_pct": raw,
        "score_pct": capped,
        "category": category(capped, settings.scale),
        "annual_progress_pct": progress,
        "quarter_target": None if quarter_target is None else quarter_target.low,
        "quarter_realization": None if this_quarter is None else this_quarter.value,
        "note": td.note or ("Target Rencana Aksi belum ditetapkan" if td.target is None else ""),
    }


def recap(
    store: Store, year: int, quarter: int, unit: str | None = None, settings: Settings | None = None
) -> pd.DataFrame:
    """One row per indicator of the year's plan (of ``unit`` and the units under it, if given)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"triwulan harus 1–4, bukan {quarter}")
    settings = settings or load_settings(store)
    plan = store.df(_PLAN_SQL, {"year": year, "unit": unit})
    figures = _figures_by_indicator(store.df(_FIGURES_SQL, {"year": year, "quarter": quarter}))
    rows = []
    for record in plan.itertuples(index=False):
        indicator_plan = _indicator_plan(record)
        computed = indicator_figures(indicator_plan, figures.get(record.id, [None] * 4), quarter, settings)
        rows.append(
            {
                "unit_code": record.unit_code,
                "goal": record.goal,
                "indicator_code": record.code,
                "indicator_name": record.name,
                "measure_unit": record.measure_unit,
                "polarity": record.polarity,
                "aggregation": record.aggregation,
                "goal_code": record.goal_code,
                "is_key": bool(record.is_key),
                "weight": record.weight,
                **computed,
            }
        )
    return pd.DataFrame(rows, columns=RECAP_COLUMNS + EXTRA_COLUMNS)


def _indicator_plan(record) -> IndicatorPlan:
    quarters = tuple(_target(getattr(record, f"tw{q}_low"), getattr(record, f"tw{q}_high")) for q in (1, 2, 3, 4))
    return IndicatorPlan(
        Polarity(record.polarity),
        Aggregation(record.aggregation),
        _target(record.pk_low, record.pk_high),
        quarters,
        _opt(record.baseline),
    )


def _target(low: float, high: float) -> Target | None:
    return None if pd.isna(low) else Target(float(low), _opt(high))


def _figures_by_indicator(frame: pd.DataFrame) -> dict[int, list[QuarterFigure | None]]:
    figures: dict[int, list[QuarterFigure | None]] = {}
    for indicator_id, quarter, value, numerator, denominator in frame.itertuples(index=False):
        slots = figures.setdefault(indicator_id, [None] * 4)
        slots[quarter - 1] = QuarterFigure(_opt(value), _opt(numerator), _opt(denominator))
    return figures


def _opt(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


# --- roll-ups ----------------------------------------------------------------------------------


def roll_up_by(recap_frame: pd.DataFrame, by: str, scale: Sequence[Band]) -> pd.DataFrame:
    """Weighted mean of the indicators' capped scores per ``by`` (e.g. 'goal', 'unit_code').

    Each group's score is computed from its indicators, never from averages of averages.
    """
    groups = []
    for key, group in recap_frame.groupby(by, sort=False, dropna=False):
        value = roll_up(zip(group["score_pct"], group["weight"], strict=True))
        groups.append(
            {
                by: key,
                "score_pct": value,
                "category": category(value, scale),
                "indicators": len(group),
                "reported": int(group["realization_to_date"].notna().sum()),
            }
        )
    return pd.DataFrame(groups, columns=[by, "score_pct", "category", "indicators", "reported"])


def overall_score(recap_frame: pd.DataFrame) -> float | None:
    """The period's roll-up over all indicators."""
    return roll_up(zip(recap_frame["score_pct"], recap_frame["weight"], strict=True))


NOT_REPORTED = "Belum ada data"


def category_counts(recap_frame: pd.DataFrame, scale: Sequence[Band]) -> pd.DataFrame:
    """Indicators per category in the scale's order, then those without a score."""
    labels = [band.label for band in scale]
    counts = recap_frame["category"].fillna(NOT_REPORTED).value_counts()
    order = [*labels, NOT_REPORTED]
    colors = [*(band.color for band in scale), NO_DATA_COLOR]
    return pd.DataFrame(
        {"category": order, "indicators": [int(counts.get(label, 0)) for label in order], "color": colors}
    )


def _with_high(low: object, high: object) -> str:
    if pd.isna(low):
        return fmt_number(None)
    return fmt_number(low) if pd.isna(high) else f"{fmt_number(low)} – {fmt_number(high)}"


def display_recap(recap_frame: pd.DataFrame) -> pd.DataFrame:
    """The recap as people read it: Indonesian headings, numbers and words."""
    f = recap_frame
    return pd.DataFrame(
        {
            "Unit": f["unit_code"].fillna(""),
            "Kode": f["indicator_code"],
            "Indikator": f["indicator_name"],
            "Satuan": f["measure_unit"],
            "Polaritas": f["polarity"].map(lambda p: POLARITY_WORD[Polarity(p)]),
            "Agregasi": f["aggregation"].map(lambda a: AGGREGATION_WORD[Aggregation(a)]),
            "Target Tahunan": [
                _with_high(lo, hi) for lo, hi in zip(f["annual_target"], f["annual_target_high"], strict=True)
            ],
            "Target s.d. TW": [
                _with_high(lo, hi) for lo, hi in zip(f["target_to_date"], f["target_to_date_high"], strict=True)
            ],
            "Realisasi s.d. TW": f["realization_to_date"].map(lambda v: fmt_number(None if pd.isna(v) else v)),
            "Capaian": f["achievement_pct"].map(lambda v: fmt_percent(None if pd.isna(v) else v)),
            "Skor": f["score_pct"].map(lambda v: fmt_percent(None if pd.isna(v) else v)),
            "Kategori": f["category"].fillna("–"),
            "Progres Tahunan": f["annual_progress_pct"].map(lambda v: fmt_percent(None if pd.isna(v) else v)),
            "Catatan": f["note"],
        }
    )
