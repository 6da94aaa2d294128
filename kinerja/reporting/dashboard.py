"""What the leaders' dashboard shows, as data: the filtered recap, the headline, projections with
"at risk" flags, an indicator's trend, and the spelled-out computation of one figure.
Charts (kinerja.reporting.charts) and pages draw from these; reports can reuse them."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from kinerja.cascade.stored import sasaran_under
from kinerja.domain.achievement import (
    RATIO_AS_PERCENT,
    Aggregation,
    Polarity,
    QuarterFigure,
    Target,
    achievement_array,
    category,
    project_year_end_array,
    score_array,
    to_date,
)
from kinerja.domain.numbers import fmt_number, fmt_percent
from kinerja.domain.period import roman
from kinerja.domain.recap import (
    ANNUAL_ONLY,
    by_quarter,
    overall_score,
    progress_text,
    roll_up_by,
)
from kinerja.domain.vocabulary import AGGREGATION_WORD, POLARITY_WORD
from kinerja.storage.figures import recap, reported_figures
from kinerja.storage.settings import Settings, settings_for
from kinerja.storage.store import Store


@dataclass(frozen=True)
class View:
    """The filters of a dashboard view; every one of them is in the shared link."""

    year: int
    quarter: int
    unit: str | None = None  # the unit and the units below it
    goal: str | None = None  # a sasaran's code
    key_only: bool = False  # IKU only
    branch: str | None = None  # a pohon kinerja node's code: the sasaran under it


def filtered(store: Store, view: View, settings: Settings) -> pd.DataFrame:
    """The recap of the view's period, narrowed to its unit, sasaran, pohon kinerja branch (the
    year's own tree) and IKU filters."""
    frame = recap(store, view.year, view.quarter, view.unit, settings)
    if view.branch:
        frame = frame[frame["goal_code"].isin(sasaran_under(store, view.year, view.branch))]
    if view.goal:
        frame = frame[frame["goal_code"] == view.goal]
    if view.key_only:
        frame = frame[frame["is_key"]]
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class Headline:
    score: float | None
    category: str | None
    previous_score: float | None  # the quarter before (TW IV of last year before TW I)
    indicators: int
    reported: int

    @property
    def change(self) -> float | None:
        return None if self.score is None or self.previous_score is None else self.score - self.previous_score


def headline(store: Store, view: View, settings: Settings, frame: pd.DataFrame | None = None) -> Headline:
    """The view's roll-up score (of ``frame``, the view's recap, when already at hand), and the same
    roll-up one quarter earlier."""
    settings = settings_for(store, view.year, settings)
    frame = filtered(store, view, settings) if frame is None else frame
    year, quarter = (view.year, view.quarter - 1) if view.quarter > 1 else (view.year - 1, 4)
    before = filtered(store, replace(view, year=year, quarter=quarter), settings)
    value = overall_score(frame)
    return Headline(
        value,
        category(value, settings.scale),
        overall_score(before) if len(before) else None,
        len(frame),
        int(frame["realization_to_date"].notna().sum()),
    )


# --- projections ------------------------------------------------------------------------------------

PROJECTION_HISTORY = 3  # earlier years whose seasonality a projection follows


def projections(store: Store, view: View, frame: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Each indicator's projected realisation at TW IV (with the three earlier years' seasonality
    where they exist), its projected achievement against the PK target, and whether it is at risk:
    projected to end the year under the office's risk threshold (``Settings.risk_rule``), all by the
    settings of the view's year."""
    settings = settings_for(store, view.year, settings)
    ids = frame["indicator_id"].to_numpy()
    values, numerators, denominators = by_quarter(ids, reported_figures(store, view.year))
    earlier = range(view.year - PROJECTION_HISTORY, view.year)
    history = np.stack([by_quarter(ids, reported_figures(store, y), ("value",))[0] for y in earlier], axis=1)
    projected = project_year_end_array(
        frame["aggregation"].to_numpy(object), values, numerators, denominators, view.quarter, history
    )
    raw = achievement_array(
        projected,
        frame["annual_target"].to_numpy(float),
        frame["annual_target_high"].to_numpy(float),
        frame["polarity"].to_numpy(object),
        settings.negative_formula,
    )
    capped = score_array(raw, settings.score_cap)
    return pd.DataFrame(
        {
            "indicator_code": frame["indicator_code"],
            "indicator_name": frame["indicator_name"],
            "projection": projected,
            "projected_pct": raw,
            "projected_score": capped,
            "at_risk": capped < settings.risk_threshold,  # NaN (nothing to project from) is not at risk
        }
    )


# --- one indicator -----------------------------------------------------------------------------


def explain(record: pd.Series, quarter: int, settings: Settings) -> list[str]:
    """How an indicator's achievement was computed, in words and numbers a reader can check."""
    polarity, aggregation = Polarity(record["polarity"]), Aggregation(record["aggregation"])
    tw = f"TW {roman(quarter)}"
    how_r = {
        Aggregation.SUM: f"jumlah realisasi TW I s.d. {tw}",
        Aggregation.LAST: f"realisasi {tw} (nilai terakhir, bukan yang tertinggi)",
        Aggregation.AVG: f"rata-rata realisasi TW I s.d. {tw}",
        Aggregation.RATIO: f"Σ pembilang / Σ penyebut × 100, TW I s.d. {tw}",
    }[aggregation]
    how_t = {
        Aggregation.SUM: f"jumlah target Rencana Aksi TW I s.d. {tw}",
        Aggregation.LAST: f"target Rencana Aksi {tw}",
        Aggregation.AVG: f"rata-rata target Rencana Aksi TW I s.d. {tw}",
        Aggregation.RATIO: f"target Rencana Aksi {tw}",
    }[aggregation]
    if str(record["note"] or "").startswith(ANNUAL_ONLY):
        how_t = "target tahunan (PK), karena indikator ini tanpa target Rencana Aksi triwulanan"
    if RATIO_AS_PERCENT in str(record["note"] or ""):
        how_r = f"persentase {tw} yang dilaporkan unit (tanpa pembilang dan penyebut, tidak dapat dijumlahkan)"
    r, t = record["realization_to_date"], record["target_to_date"]
    lines = [
        f"Polaritas {POLARITY_WORD[polarity]}, agregasi {AGGREGATION_WORD[aggregation]}.",
        f"R (realisasi s.d. {tw}) = {how_r} = {fmt_number(None if pd.isna(r) else r)} {record['measure_unit']}.",
        f"T (target s.d. {tw}) = {how_t} = {_target_text(record)} {record['measure_unit']}.",
    ]
    if pd.isna(r) or pd.isna(t):
        lines.append(f"Capaian belum dapat dihitung: {record['note'] or 'data belum lengkap'}.")
        return [*lines, f"Progres tahunan: {progress_text(record)}."]
    if polarity is Polarity.POSITIVE:
        formula = f"R / T × 100 = {fmt_number(r)} / {fmt_number(t)} × 100"
    elif polarity is Polarity.NEGATIVE:
        formula = f"{settings.negative_formula.label} dengan T = {fmt_number(t)}, R = {fmt_number(r)}"
    else:
        formula = "100 di dalam rentang; di bawahnya R / batas bawah, di atasnya rumus negatif terhadap batas atas"
    lines.append(
        f"Capaian = {formula} = {fmt_percent(record['achievement_pct'])} (kategori {record['category'] or '–'})."
    )
    if record["achievement_pct"] != record["score_pct"]:
        lines.append(
            f"Skor untuk rata-rata dibatasi 0 – {fmt_percent(settings.score_cap, 0)}: {fmt_percent(record['score_pct'])}."
        )
    return [*lines, f"Progres tahunan: {progress_text(record)}."]


def _target_text(record: pd.Series) -> str:
    low, high = record["target_to_date"], record["target_to_date_high"]
    if pd.isna(low):
        return fmt_number(None)
    return fmt_number(low) if pd.isna(high) else f"{fmt_number(low)} – {fmt_number(high)}"


_TREND_SQL = """
SELECT t.year, t.quarter, t.value AS target, r.value, r.numerator, r.denominator, i.aggregation, i.polarity
FROM indicator_in_year i
JOIN target t ON t.indicator_id = i.id AND t.kind = 'ra' AND t.year = i.year AND t.year BETWEEN ? - 2 AND ?
LEFT JOIN realization_current r ON r.indicator_id = i.id AND r.year = t.year AND r.quarter = t.quarter
WHERE i.code = ?
ORDER BY t.year, t.quarter
"""


def trend(store: Store, code: str, year: int, settings: Settings) -> pd.DataFrame:
    """An indicator's realisation and Rencana Aksi target to date, quarter by quarter, this year
    and the two before it, each year by that year's plan (its aggregation and polarity)."""
    raw = store.df(_TREND_SQL, [year, year, code])
    rows = []
    for y, group in raw.groupby("year", sort=True):
        aggregation, polarity = group["aggregation"].iloc[0], group["polarity"].iloc[0]
        targets = [None] * 4
        figures: list[QuarterFigure | None] = [None] * 4
        for record in group.itertuples(index=False):
            targets[record.quarter - 1] = Target(record.target)
            if pd.notna(record.value) or pd.notna(record.numerator):
                figures[record.quarter - 1] = QuarterFigure(
                    *(None if pd.isna(v) else float(v) for v in (record.value, record.numerator, record.denominator))
                )
        for q in (1, 2, 3, 4):
            if targets[q - 1] is None and Aggregation(aggregation) in (Aggregation.LAST, Aggregation.RATIO):
                continue
            td = to_date(Aggregation(aggregation), figures, targets, q, Polarity(polarity))
            rows.append(
                {
                    "year": int(y),
                    "quarter": q,
                    "label": f"TW {roman(q)}",
                    "realization": td.realization,
                    "target": None if td.target is None else td.target.low,
                }
            )
    return pd.DataFrame(rows, columns=["year", "quarter", "label", "realization", "target"])


def score_trend(store: Store, view: View, settings: Settings, years: int = 3) -> pd.DataFrame:
    """The view's roll-up score (a sasaran, a unit, IKU only: whatever it filters) quarter by
    quarter, this year up to the view's quarter and the ``years - 1`` years before it in full.
    The same shape as :func:`trend`, so :func:`kinerja.reporting.charts.trend_chart` draws both."""
    rows = []
    for year in range(view.year - years + 1, view.year + 1):
        for quarter in range(1, (view.quarter if year == view.year else 4) + 1):
            frame = filtered(store, replace(view, year=year, quarter=quarter), settings)
            if frame.empty:
                continue
            rows.append(
                {
                    "year": year,
                    "quarter": quarter,
                    "label": f"TW {roman(quarter)}",
                    "realization": overall_score(frame),
                    "target": 100.0,
                }
            )
    return pd.DataFrame(rows, columns=["year", "quarter", "label", "realization", "target"])


def narrative(store: Store, code: str, year: int, quarter: int) -> dict[str, str | None]:
    """What the unit wrote with its figure for the quarter: drivers, obstacles, follow-up, evidence."""
    found = store.rows(
        "SELECT r.drivers, r.obstacles, r.follow_up, r.evidence_url FROM realization_current r "
        "JOIN indicator i ON i.id = r.indicator_id WHERE i.code = ? AND r.year = ? AND r.quarter = ?",
        [code, year, quarter],
    )
    keys = ("drivers", "obstacles", "follow_up", "evidence_url")
    return dict(zip(keys, found[0], strict=True)) if found else dict.fromkeys(keys)


_BUDGET_SQL = """
SELECT g.name AS goal, sum(b.pagu) AS pagu,
       sum(s.spending) AS spending, sum(c.cash_plan) AS cash_plan
FROM programme p
JOIN goal g ON g.id = p.goal_id
JOIN programme_budget b ON b.programme_id = p.id AND b.year = $year
LEFT JOIN (
    SELECT programme_id, sum(spending) AS spending
    FROM budget_current WHERE year = $year AND quarter <= $quarter GROUP BY 1
) s ON s.programme_id = p.id
LEFT JOIN (  -- the plan's anggaran kas up to the quarter
    SELECT programme_id, sum(amount) AS cash_plan
    FROM programme_cash_plan WHERE year = $year AND quarter <= $quarter GROUP BY 1
) c ON c.programme_id = p.id
GROUP BY ALL
ORDER BY min(g.id)  -- the plan's order, every time: the chart numbers its bubbles in this order
"""


def budget_vs_performance(
    store: Store, view: View, frame: pd.DataFrame, settings: Settings, by_goal: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per sasaran: the performance score beside budget absorption to date (spending ÷ pagu), and
    the absorption the cash plan expected by now. No efficiency formula is mandated: both are shown.
    ``by_goal``: ``frame``'s sasaran roll-up (``roll_up_by(frame, "goal", …)``) when already at hand."""
    settings = settings_for(store, view.year, settings)
    scores = (roll_up_by(frame, "goal", settings.scale) if by_goal is None else by_goal).set_index("goal")
    budget = store.df(_BUDGET_SQL, {"year": view.year, "quarter": view.quarter})
    budget = budget[budget["goal"].isin(scores.index)]
    budget["score_pct"] = budget["goal"].map(scores["score_pct"])
    budget["absorption_pct"] = budget["spending"] / budget["pagu"] * 100
    budget["expected_pct"] = budget["cash_plan"] / budget["pagu"] * 100
    return budget.reset_index(drop=True)


_RENSTRA_SQL = """
SELECT t.year, max(t.value) FILTER (WHERE t.kind = 'renstra') AS renstra, max(t.value) FILTER (WHERE t.kind = 'pk') AS pk
FROM target t JOIN indicator i ON i.id = t.indicator_id
WHERE i.code = ? AND t.year <= ?
GROUP BY 1 ORDER BY 1
"""


def against_renstra(store: Store, code: str, year: int, settings: Settings) -> pd.DataFrame:
    """Each year of the plan: the year's realisation (to date at TW IV, or so far this year), the
    PK target and the Renstra target of that year: the comparisons LKjIP asks for."""
    rows = []
    for y, renstra, pk in store.rows(_RENSTRA_SQL, [code, year]):
        frame = recap(store, y, 4, settings=settings)
        row = frame[frame["indicator_code"] == code]
        realised = row["realization_to_date"].iloc[0] if len(row) else None
        if (realised is None or pd.isna(realised)) and y == year:
            so_far = trend(store, code, year, settings)
            reported = so_far[(so_far["year"] == year) & so_far["realization"].notna()]
            realised = reported["realization"].iloc[-1] if len(reported) else None
        rows.append(
            {
                "year": y,
                "realization": None if realised is None or pd.isna(realised) else float(realised),
                "pk": pk,
                "renstra": renstra,
            }
        )
    return pd.DataFrame(rows, columns=["year", "realization", "pk", "renstra"])
