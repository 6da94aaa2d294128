"""The achievement engine: capaian, to-date figures, roll-ups and categories (DOMAIN.md).

Pure functions over plain numbers. Every page, command and report computes its figures here, so a
number is the same wherever it is shown. ``None`` means "not defined / not reported" and is never
treated as zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kinerja.domain.period import QUARTERS, roman

DEFAULT_SCORE_CAP = 120.0


class Polarity(StrEnum):
    """Which direction is better."""

    POSITIVE = "positif"
    NEGATIVE = "negatif"
    RANGE = "rentang"


class Aggregation(StrEnum):
    """How an indicator's quarters combine into a figure to date."""

    SUM = "SUM"
    LAST = "LAST"
    AVG = "AVG"
    RATIO = "RATIO"


class NegativeFormula(StrEnum):
    """The two formulas in use for lower-is-better indicators; a deployment picks one."""

    DIFFERENCE = "2T-R"  # (2T − R) / T, PermenPAN-RB's guide; the default
    INVERSE = "T/R"  # T / R

    @property
    def label(self) -> str:
        return "(2T − R) / T × 100" if self is NegativeFormula.DIFFERENCE else "T / R × 100"


@dataclass(frozen=True)
class Target:
    """A target: one number, or a range ``low``–``high``."""

    low: float
    high: float | None = None

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def value(self) -> float:
        """The single number of a plain target (the lower bound of a range)."""
        return self.low

    def __add__(self, other: Target) -> Target:
        if self.is_range or other.is_range:
            return Target(self.low + other.low, _upper(self) + _upper(other))
        return Target(self.low + other.low)

    def scaled(self, factor: float) -> Target:
        return Target(self.low * factor, None if self.high is None else self.high * factor)

    def approx_equals(self, other: Target, rel: float = 1e-6) -> bool:
        return math.isclose(self.low, other.low, rel_tol=rel, abs_tol=1e-9) and math.isclose(
            _upper(self), _upper(other), rel_tol=rel, abs_tol=1e-9
        )


def _upper(target: Target) -> float:
    return target.low if target.high is None else target.high


# --- capaian -----------------------------------------------------------------------------------


def achievement(
    realization: float | None,
    target: Target | float | None,
    polarity: Polarity,
    negative_formula: NegativeFormula = NegativeFormula.DIFFERENCE,
    baseline: float | None = None,
) -> float | None:
    """Raw achievement (capaian) in percent, or None where it is undefined.

    - positive: R / T × 100; T = 0 is undefined.
    - negative: (2T − R) / T × 100 or T / R × 100 by ``negative_formula``; with T = 0 the result
      is 100 when R = 0, else 0. Under T / R, R = 0 with T > 0 is infinitely good: ``math.inf``.
    - range: inside the range is 100; below it the lower bound is the target of a positive
      indicator; above it the upper bound is the target of a negative one (overshooting a range
      is as much a miss as falling short of it).
    - with a baseline B: (R − B) / (T − B) × 100, the share of the planned movement achieved.
    """
    if realization is None or target is None:
        return None
    if not isinstance(target, Target):
        target = Target(float(target))
    r = float(realization)
    if polarity is Polarity.RANGE:
        if target.low <= r <= _upper(target):
            return 100.0
        if r < target.low:
            return achievement(r, Target(target.low), Polarity.POSITIVE, negative_formula, baseline)
        return achievement(r, Target(_upper(target)), Polarity.NEGATIVE, negative_formula, baseline)
    t = target.value
    if baseline is not None:
        return None if t == baseline else (r - baseline) / (t - baseline) * 100
    if polarity is Polarity.POSITIVE:
        return None if t == 0 else r / t * 100
    if t == 0:
        return 100.0 if r == 0 else 0.0
    if negative_formula is NegativeFormula.DIFFERENCE:
        return (2 * t - r) / t * 100
    return math.inf if r == 0 else t / r * 100


def score(raw: float | None, cap: float = DEFAULT_SCORE_CAP) -> float | None:
    """The capped score used for averages and roll-ups: the raw achievement held to [0, cap]."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    return max(0.0, min(raw, cap))


# --- to date -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterFigure:
    """What a unit reported for one quarter: a value, or a numerator and denominator (RATIO)."""

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None

    @property
    def reported(self) -> bool:
        return self.value is not None or (self.numerator is not None and self.denominator is not None)


@dataclass(frozen=True)
class ToDate:
    """Realisation and target to date at a quarter, with the quarters that kept them undefined."""

    realization: float | None
    target: Target | None
    missing_quarters: tuple[int, ...] = ()
    note: str = ""


def target_to_date(aggregation: Aggregation, quarter_targets: Sequence[Target | None], quarter: int) -> Target | None:
    """The Rencana Aksi target to date at ``quarter`` (1–4); ``quarter_targets`` holds TW I–IV.

    SUM adds the quarters' targets, AVG averages them; LAST and RATIO take the quarter's own target
    (a LAST target is a level and must never be summed).
    """
    _check_quarter(quarter)
    so_far = list(quarter_targets[:quarter])
    if aggregation in (Aggregation.LAST, Aggregation.RATIO):
        return so_far[-1]
    if any(t is None for t in so_far):
        return None
    total = so_far[0]
    for t in so_far[1:]:
        total = total + t
    return total if aggregation is Aggregation.SUM else total.scaled(1 / len(so_far))


def realization_to_date(
    aggregation: Aggregation,
    figures: Sequence[QuarterFigure | None],
    quarter: int,
    quarter_targets: Sequence[Target | None] = (),
) -> tuple[float | None, tuple[int, ...]]:
    """Realisation to date at ``quarter`` and the quarters whose missing figures leave it undefined.

    SUM: the sum of the quarters; a quarter with no report counts as 0 only where its Rencana Aksi
    target is 0 (nothing was planned), otherwise the total is undefined. LAST: the quarter's own
    value, not the year's highest. AVG: the mean of the quarters. RATIO: Σ numerators / Σ
    denominators × 100, never an average of percentages.
    """
    _check_quarter(quarter)
    reported = list(figures[:quarter])
    so_far = list(zip(QUARTERS[:quarter], reported + [None] * (quarter - len(reported)), strict=True))
    if aggregation is Aggregation.LAST:
        last = so_far[-1][1]
        return (last.value, ()) if last is not None and last.value is not None else (None, (quarter,))
    if aggregation is Aggregation.RATIO:
        return _ratio_to_date(so_far)
    values, missing = [], []
    for q, f in so_far:
        if f is not None and f.value is not None:
            values.append(f.value)
        elif aggregation is Aggregation.SUM and _planned_nothing(quarter_targets, q):
            values.append(0.0)
        else:
            missing.append(q)
    if missing:
        return None, tuple(missing)
    return (sum(values) if aggregation is Aggregation.SUM else sum(values) / len(values)), ()


def _ratio_to_date(so_far: list[tuple[int, QuarterFigure | None]]) -> tuple[float | None, tuple[int, ...]]:
    missing = tuple(q for q, f in so_far if f is None or f.numerator is None or f.denominator is None)
    if missing:
        return None, missing
    denominator = sum(f.denominator for _, f in so_far)
    if denominator == 0:
        return None, ()
    return sum(f.numerator for _, f in so_far) / denominator * 100, ()


def _planned_nothing(quarter_targets: Sequence[Target | None], quarter: int) -> bool:
    if len(quarter_targets) < quarter:
        return False
    target = quarter_targets[quarter - 1]
    return target is not None and target.low == 0 and _upper(target) == 0


def to_date(
    aggregation: Aggregation,
    figures: Sequence[QuarterFigure | None],
    quarter_targets: Sequence[Target | None],
    quarter: int,
    polarity: Polarity = Polarity.POSITIVE,
) -> ToDate:
    """Realisation and target to date at ``quarter``, by the indicator's aggregation mode.

    A zero quarterly target means "nothing planned" only where more is better; for a negative
    indicator it means "none expected" (zero cases), and that quarter must still be reported.
    """
    planned = quarter_targets if polarity is not Polarity.NEGATIVE else ()
    realization, missing = realization_to_date(aggregation, figures, quarter, planned)
    note = ""
    if missing:
        note = "Belum dilaporkan: " + ", ".join(f"TW {roman(q)}" for q in missing)
    elif realization is None:
        note = "Penyebut nol: rasio tidak terdefinisi"
    return ToDate(realization, target_to_date(aggregation, quarter_targets, quarter), missing, note)


def _check_quarter(quarter: int) -> None:
    if quarter not in QUARTERS:
        raise ValueError(f"triwulan harus 1–4, bukan {quarter}")


# --- projection ---------------------------------------------------------------------------------


def project_year_end(
    aggregation: Aggregation,
    figures: Sequence[QuarterFigure | None],
    quarter: int,
    earlier_years: Iterable[Sequence[QuarterFigure | None]] = (),
) -> float | None:
    """Projected realisation at TW IV from the quarters reported so far.

    SUM extrapolates the total so far by the share of the year that earlier years had reached by
    the same quarter (their seasonality), or pro rata (× 4 / q) without them. LAST extends the
    quarters' linear trend to TW IV (or scales by earlier years' TW IV / TW q). AVG averages the
    reported quarters with the trend's values for the rest; RATIO keeps the ratio so far.
    """
    current, missing = realization_to_date(aggregation, figures, quarter)
    if current is None or missing:
        return None
    if quarter == 4 or aggregation is Aggregation.RATIO:
        return current
    history = [list(y) for y in earlier_years]
    if aggregation is Aggregation.SUM:
        share = _mean_share_reached(history, quarter)
        return current / share if share else current * 4 / quarter
    values = [f.value for f in figures[:quarter] if f is not None and f.value is not None]
    if aggregation is Aggregation.LAST:
        growth = _mean_growth_to_year_end(history, quarter)
        return current * growth if growth is not None else _trend_at(values, 4)
    rest = [_trend_at(values, q) for q in range(quarter + 1, 5)]
    return (sum(values) + sum(rest)) / 4


def _trend_at(values: Sequence[float], quarter: int) -> float:
    """The least-squares line through (1, v1)…(n, vn), read at ``quarter``."""
    n = len(values)
    if n == 1:
        return values[0]
    xs = range(1, n + 1)
    mean_x, mean_y = (n + 1) / 2, sum(values) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, values, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    return mean_y + slope * (quarter - mean_x)


def _complete_values(year: Sequence[QuarterFigure | None]) -> list[float] | None:
    values = [f.value if f is not None else None for f in list(year)[:4]]
    return values if len(values) == 4 and all(v is not None for v in values) else None


def _mean_share_reached(history: list[list[QuarterFigure | None]], quarter: int) -> float | None:
    shares = []
    for year in history:
        values = _complete_values(year)
        if values and sum(values) > 0:
            shares.append(sum(values[:quarter]) / sum(values))
    return sum(shares) / len(shares) if shares and sum(shares) > 0 else None


def _mean_growth_to_year_end(history: list[list[QuarterFigure | None]], quarter: int) -> float | None:
    ratios = []
    for year in history:
        values = _complete_values(year)
        if values and values[quarter - 1]:
            ratios.append(values[3] / values[quarter - 1])
    return sum(ratios) / len(ratios) if ratios else None


# --- roll-ups and categories --------------------------------------------------------------------


def roll_up(scores: Iterable[tuple[float | None, float | None]]) -> float | None:
    """Weighted mean of indicators' capped scores, given as (score, weight) pairs.

    Undefined scores are left out; a missing weight counts as 1. Roll up from indicators, never
    from percentages that are themselves averages.
    """
    total = weight_sum = 0.0
    for value, weight in scores:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        w = 1.0 if weight is None or (isinstance(weight, float) and math.isnan(weight)) else weight
        total += value * w
        weight_sum += w
    return total / weight_sum if weight_sum > 0 else None


@dataclass(frozen=True)
class Band:
    """One band of a category scale: scores from ``lower`` upwards get ``label``."""

    lower: float
    label: str
    color: str


NO_DATA_COLOR = "#BBBBBB"  # indicators without a score

# Okabe–Ito colours, told apart by colour-blind viewers. In grey print Tinggi and Rendah are the
# same grey: kinerja.reporting.charts hatches the two lowest bands, and bars carry the category's name.
DEFAULT_SCALE: tuple[Band, ...] = (
    Band(91, "Sangat Tinggi", "#0072B2"),
    Band(76, "Tinggi", "#56B4E9"),
    Band(66, "Sedang", "#F0E442"),
    Band(51, "Rendah", "#E69F00"),
    Band(float("-inf"), "Sangat Rendah", "#D55E00"),
)


def category(value: float | None, scale: Sequence[Band] = DEFAULT_SCALE) -> str | None:
    """The category label of a score under ``scale`` (bands by lower bound), None if undefined."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    for band in sorted(scale, key=lambda b: b.lower, reverse=True):
        if value >= band.lower:
            return band.label
    return None
