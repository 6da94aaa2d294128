"""The achievement engine: capaian, to-date figures, roll-ups and categories (DOMAIN.md).

Pure functions over plain numbers. Every page, command and report computes its figures here, so a
number is the same wherever it is shown. ``None`` means "not defined / not reported" and is never
treated as zero.

Each rule is written once, over numpy arrays (the ``*_array`` functions: NaN for "not defined", one
row per indicator), so a province's recap is computed in one pass. The functions over single numbers
(``achievement``, ``to_date``, …) call the same array functions with one row: the recap and the
explanation of one figure cannot drift apart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

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
    """Raw achievement (capaian) in percent, or None where it is undefined (the rules:
    :func:`achievement_array`)."""
    if realization is None or target is None:
        return None
    if not isinstance(target, Target):
        target = Target(float(target))
    result = achievement_array(
        _one(realization), _one(target.low), _one(target.high), np.array([polarity]), negative_formula, _one(baseline)
    )
    return _scalar(result[0])


def achievement_array(
    realization: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    polarity: np.ndarray,
    negative_formula: NegativeFormula = NegativeFormula.DIFFERENCE,
    baseline: np.ndarray | None = None,
) -> np.ndarray:
    """Raw achievement (capaian) in percent per row; NaN where it is undefined.

    - positive: R / T × 100; T = 0 is undefined.
    - negative: (2T − R) / T × 100 or T / R × 100 by ``negative_formula``; with T = 0 the result
      is 100 when R = 0, else 0. Under T / R, R = 0 with T > 0 is infinitely good: ``inf``.
    - range (``low``–``high``): inside the range is 100; below it the lower bound is the target of a
      positive indicator; above it the upper bound is the target of a negative one (overshooting a
      range is as much a miss as falling short of it).
    - with a baseline B: (R − B) / (T − B) × 100, the share of the planned movement achieved.
    """
    r, low = _floats(realization), _floats(low)
    upper = np.where(np.isnan(high), low, high)
    base = np.full(r.shape, np.nan) if baseline is None else _floats(baseline)
    ranged = polarity == Polarity.RANGE
    inside = ranged & (low <= r) & (r <= upper)
    above = ranged & (r > upper)
    t = np.where(above, upper, low)
    with np.errstate(divide="ignore", invalid="ignore"):
        positive = np.where(t == 0, np.nan, r / t * 100)
        if negative_formula is NegativeFormula.DIFFERENCE:
            negative = (2 * t - r) / t * 100
        else:
            negative = np.where(r == 0, np.inf, t / r * 100)
        negative = np.where(t == 0, np.where(r == 0, 100.0, 0.0), negative)
        moved = np.where(t == base, np.nan, (r - base) / (t - base) * 100)
    result = np.where((polarity == Polarity.NEGATIVE) | above, negative, positive)
    result = np.where(np.isnan(base), result, moved)
    result = np.where(inside, 100.0, result)
    return np.where(np.isnan(r) | np.isnan(low), np.nan, result)


def score(raw: float | None, cap: float = DEFAULT_SCORE_CAP) -> float | None:
    """The capped score used for averages and roll-ups: the raw achievement held to [0, cap]."""
    return None if raw is None else _scalar(score_array(_one(raw), cap)[0])


def score_array(raw: np.ndarray, cap: float = DEFAULT_SCORE_CAP) -> np.ndarray:
    """:func:`score` per row; NaN stays NaN, an unbounded achievement scores the cap."""
    return np.clip(_floats(raw), 0.0, cap)


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
    """The Rencana Aksi target to date at ``quarter`` (1–4); ``quarter_targets`` holds TW I–IV (the
    rules: :func:`target_to_date_array`)."""
    low, high = _target_matrix([quarter_targets])
    td_low, td_high = target_to_date_array(np.array([aggregation]), low, high, quarter)
    return _target(td_low[0], td_high[0])


def targets_to_date(
    aggregations: Sequence[Aggregation], quarter_targets: Sequence[Sequence[Target | None]], quarter: int
) -> list[Target | None]:
    """:func:`target_to_date` of many rows at once (a plan's thousands of Rencana Aksi)."""
    if not quarter_targets:
        return []
    low, high = _target_matrix(quarter_targets)
    td_low, td_high = target_to_date_array(np.array(list(aggregations)), low, high, quarter)
    return [_target(a, b) for a, b in zip(td_low, td_high, strict=True)]


def target_to_date_array(
    aggregation: np.ndarray, low: np.ndarray, high: np.ndarray, quarter: int
) -> tuple[np.ndarray, np.ndarray]:
    """The Rencana Aksi target to date per row: (lower bound, upper bound or NaN); ``low`` and
    ``high`` are (rows × 4) matrices of the quarters' targets.

    SUM adds the quarters' targets, AVG averages them; LAST and RATIO take the quarter's own target
    (a LAST target is a level and must never be summed). A missing quarter leaves SUM and AVG
    undefined; where any quarter is a range, both bounds are added.
    """
    _check_quarter(quarter)
    lows, highs = low[:, :quarter], high[:, :quarter]
    total_low = lows.sum(axis=1)
    total_high = np.where(np.isnan(highs).all(axis=1), np.nan, np.where(np.isnan(highs), lows, highs).sum(axis=1))
    total_high = np.where(np.isnan(total_low), np.nan, total_high)
    divisor = np.where(aggregation == Aggregation.AVG, quarter, 1)
    own = (aggregation == Aggregation.LAST) | (aggregation == Aggregation.RATIO)
    return (
        np.where(own, low[:, quarter - 1], total_low / divisor),
        np.where(own, high[:, quarter - 1], total_high / divisor),
    )


def realization_to_date(
    aggregation: Aggregation,
    figures: Sequence[QuarterFigure | None],
    quarter: int,
    quarter_targets: Sequence[Target | None] = (),
) -> tuple[float | None, tuple[int, ...]]:
    """Realisation to date at ``quarter`` and the quarters whose missing figures leave it undefined
    (the rules: :func:`realization_to_date_array`; an unreported SUM quarter counts as 0 only where
    ``quarter_targets`` planned nothing)."""
    values, numerators, denominators = _figure_matrices([figures])
    planned_nothing = _planned_nothing(*_target_matrix([quarter_targets]))
    realization, missing = realization_to_date_array(
        np.array([aggregation]), values, numerators, denominators, planned_nothing, quarter
    )
    return _scalar(realization[0]), tuple(int(q) for q in np.flatnonzero(missing[0]) + 1)


def realization_to_date_array(
    aggregation: np.ndarray,
    values: np.ndarray,
    numerators: np.ndarray,
    denominators: np.ndarray,
    planned_nothing: np.ndarray,
    quarter: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Realisation to date per row, and a (rows × quarter) mask of the quarters whose missing
    figures leave it undefined. The figures are (rows × 4) matrices, NaN where not reported.

    SUM: the sum of the quarters; a quarter with no report counts as 0 only where
    ``planned_nothing`` says its Rencana Aksi target is 0, otherwise the total is undefined. LAST:
    the quarter's own value, not the year's highest. AVG: the mean of the quarters. RATIO:
    Σ numerators / Σ denominators × 100, never an average of percentages; a zero Σ denominator
    leaves it undefined without a missing quarter. A RATIO whose quarters are reported (every one
    to date) but not all with their counts, as units write percentages, is the quarter's own
    percentage, as a level is (see :func:`ratio_as_percent`); a quarter not reported at all still
    leaves it undefined.
    """
    _check_quarter(quarter)
    so_far = values[:, :quarter]
    summed = aggregation == Aggregation.SUM
    filled = np.where(np.isnan(so_far) & planned_nothing[:, :quarter] & summed[:, None], 0.0, so_far)
    last = np.zeros(so_far.shape, dtype=bool)
    last[:, -1] = np.isnan(so_far[:, -1])
    counts = np.isnan(numerators[:, :quarter]) | np.isnan(denominators[:, :quarter])
    is_last, is_ratio = aggregation == Aggregation.LAST, aggregation == Aggregation.RATIO
    as_percent = ratio_as_percent(aggregation, numerators, denominators, quarter)
    denominator = denominators[:, :quarter].sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(denominator == 0, np.nan, numerators[:, :quarter].sum(axis=1) / denominator * 100)
        percent = np.where(np.isnan(so_far), numerators[:, :quarter] / denominators[:, :quarter] * 100, so_far)
    ratio_missing = np.where(as_percent[:, None], np.isnan(percent), counts)
    ratio = np.where(as_percent, percent[:, -1], ratio)
    missing = np.where(is_last[:, None], last, np.where(is_ratio[:, None], ratio_missing, np.isnan(filled)))
    realization = np.select(
        [is_last, is_ratio, summed], [so_far[:, -1], ratio, filled.sum(axis=1)], filled.mean(axis=1)
    )
    return np.where(missing.any(axis=1), np.nan, realization), missing


def ratio_as_percent(aggregation: np.ndarray, numerators: np.ndarray, denominators: np.ndarray, quarter: int):
    """RATIO rows some of whose quarters to date lack their numerator or denominator: units report
    such an indicator as a percentage ("90,4"), which cannot be summed into Σ / Σ, so the row is
    measured by the quarter's own percentage and its note says so."""
    lacking = np.isnan(numerators[:, :quarter]) | np.isnan(denominators[:, :quarter])
    return (aggregation == Aggregation.RATIO) & lacking.any(axis=1)


def _planned_nothing(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Quarters whose Rencana Aksi target is 0 (both bounds): nothing was planned."""
    return (low == 0) & (np.where(np.isnan(high), low, high) == 0)


@dataclass(frozen=True)
class ToDateArrays:
    """Realisation and target to date per row, the quarters that kept them undefined, and a note."""

    realization: np.ndarray
    target_low: np.ndarray
    target_high: np.ndarray
    missing: np.ndarray  # rows × quarter
    note: np.ndarray  # "" where nothing needs saying


def to_date(
    aggregation: Aggregation,
    figures: Sequence[QuarterFigure | None],
    quarter_targets: Sequence[Target | None],
    quarter: int,
    polarity: Polarity = Polarity.POSITIVE,
) -> ToDate:
    """Realisation and target to date at ``quarter`` (the rules: :func:`to_date_array`)."""
    values, numerators, denominators = _figure_matrices([figures])
    low, high = _target_matrix([quarter_targets])
    found = to_date_array(
        np.array([aggregation]), np.array([polarity]), values, numerators, denominators, low, high, quarter
    )
    return ToDate(
        _scalar(found.realization[0]),
        _target(found.target_low[0], found.target_high[0]),
        tuple(int(q) for q in np.flatnonzero(found.missing[0]) + 1),
        str(found.note[0]),
    )


def to_date_array(
    aggregation: np.ndarray,
    polarity: np.ndarray,
    values: np.ndarray,
    numerators: np.ndarray,
    denominators: np.ndarray,
    target_low: np.ndarray,
    target_high: np.ndarray,
    quarter: int,
) -> ToDateArrays:
    """Realisation and target to date per row at ``quarter``, by each row's aggregation mode.

    A zero quarterly target means "nothing planned" only where more is better; for a negative
    indicator it means "none expected" (zero cases), and that quarter must still be reported.
    """
    planned_nothing = _planned_nothing(target_low, target_high) & (polarity != Polarity.NEGATIVE)[:, None]
    realization, missing = realization_to_date_array(
        aggregation, values, numerators, denominators, planned_nothing, quarter
    )
    low, high = target_to_date_array(aggregation, target_low, target_high, quarter)
    pattern = (missing * (1 << np.arange(quarter))).sum(axis=1)
    note = np.array(_MISSING_NOTES, dtype=object)[pattern]
    note = np.where((pattern == 0) & np.isnan(realization), "Penyebut nol: rasio tidak terdefinisi", note)
    as_percent = ratio_as_percent(aggregation, numerators, denominators, quarter) & (pattern == 0)
    note = np.where(as_percent, ratio_as_percent_note(quarter), note)
    return ToDateArrays(realization, low, high, missing, note)


def ratio_as_percent_note(quarter: int) -> str:
    """The note of a RATIO measured by its quarter's own percentage (see :func:`ratio_as_percent`)."""
    return (
        f"{RATIO_AS_PERCENT}: realisasi s.d. TW {roman(quarter)} adalah persentase TW {roman(quarter)} yang "
        "dilaporkan, bukan Σ pembilang / Σ penyebut"
    )


RATIO_AS_PERCENT = "Rasio dilaporkan sebagai persentase tanpa pembilang dan penyebut"


# the note for each set of missing quarters, by bit (TW I = 1, TW II = 2, TW III = 4, TW IV = 8)
_MISSING_NOTES = [
    "Belum dilaporkan: " + ", ".join(f"TW {roman(q)}" for q in QUARTERS if bits & (1 << (q - 1))) if bits else ""
    for bits in range(16)
]


# --- between single numbers and arrays -----------------------------------------------------------


def _floats(values: object) -> np.ndarray:
    return np.asarray(values, dtype=float)


def _one(value: float | None) -> np.ndarray:
    return np.array([np.nan if value is None else float(value)])


def _scalar(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _target(low: float, high: float) -> Target | None:
    return None if np.isnan(low) else Target(float(low), _scalar(high))


def _target_matrix(rows: Iterable[Sequence[Target | None]]) -> tuple[np.ndarray, np.ndarray]:
    """(rows × 4) lower and upper bounds of TW I–IV targets; NaN where a quarter has none."""
    cells = [[(t.low, np.nan if t.high is None else t.high) if t else (np.nan, np.nan) for t in _four(r)] for r in rows]
    bounds = np.array(cells, dtype=float).reshape(-1, 4, 2)
    return bounds[:, :, 0], bounds[:, :, 1]


def _figure_matrices(rows: Iterable[Sequence[QuarterFigure | None]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows × 4) values, numerators and denominators of TW I–IV; NaN where not reported."""
    cells = [[(f.value, f.numerator, f.denominator) if f else (None, None, None) for f in _four(r)] for r in rows]
    figures = np.array(cells, dtype=float).reshape(-1, 4, 3)
    return figures[:, :, 0], figures[:, :, 1], figures[:, :, 2]


def _four(quarters: Sequence) -> list:
    return [*list(quarters)[:4], *[None] * (4 - len(quarters))]


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
    """Projected realisation at TW IV from the quarters reported so far (the rules:
    :func:`project_year_end_array`)."""
    values, numerators, denominators = _figure_matrices([figures])
    history = _figure_matrices(list(earlier_years))[0]
    projected = project_year_end_array(
        np.array([aggregation]), values, numerators, denominators, quarter, history[None, :, :]
    )
    return _scalar(projected[0])


def project_year_end_array(
    aggregation: np.ndarray,
    values: np.ndarray,
    numerators: np.ndarray,
    denominators: np.ndarray,
    quarter: int,
    history: np.ndarray,
) -> np.ndarray:
    """Projected realisation at TW IV per row from the quarters reported so far; ``history`` holds
    earlier years' values as (rows × years × 4), NaN where not reported.

    SUM extrapolates the total so far by the share of the year that earlier complete years had
    reached by the same quarter (their seasonality), or pro rata (× 4 / q) without them. LAST
    scales by earlier complete years' TW IV / TW q, or without them extends the linear trend of the
    quarters reported to TW IV. AVG averages the reported quarters with the trend's values for the
    rest; RATIO keeps the ratio so far. Nothing is projected while a quarter it needs is missing.
    """
    nothing_planned = np.zeros(values.shape, dtype=bool)
    current, missing = realization_to_date_array(
        aggregation, values, numerators, denominators, nothing_planned, quarter
    )
    if quarter == 4:
        return current
    complete = ~np.isnan(history).any(axis=2) if history.size else np.zeros(history.shape[:2], dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        totals = history.sum(axis=2)
        shares = _mean_where(complete & (totals > 0), history[:, :, :quarter].sum(axis=2) / totals)
        seasonal = np.where(shares > 0, current / shares, current * 4 / quarter)
        growth = _mean_where(
            complete & (history[:, :, quarter - 1] != 0), history[:, :, 3] / history[:, :, quarter - 1]
        )
    so_far = values[:, :quarter]
    last = np.where(np.isnan(growth), _trend_at(so_far, 4), current * growth)
    rest = sum(_trend_at(so_far, q) for q in range(quarter + 1, 5))
    averaged = (np.nansum(so_far, axis=1) + rest) / 4
    projected = np.select(
        [aggregation == Aggregation.SUM, aggregation == Aggregation.LAST, aggregation == Aggregation.AVG],
        [seasonal, last, averaged],
        current,
    )
    return np.where(missing.any(axis=1), np.nan, projected)


def _mean_where(counted: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The mean of ``values`` over the years ``counted``, per row; NaN where none is."""
    n = counted.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, np.where(counted, values, 0.0).sum(axis=1) / n, np.nan)


def _trend_at(values: np.ndarray, quarter: int) -> np.ndarray:
    """Per row, the least-squares line through the quarters reported (x = the quarter, 1–4), read
    at ``quarter``; one quarter reported gives a flat line."""
    reported = ~np.isnan(values)
    xs = np.arange(1, values.shape[1] + 1, dtype=float)
    n = reported.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_x = (reported * xs).sum(axis=1) / n
        mean_y = np.where(reported, values, 0.0).sum(axis=1) / n
        dx = np.where(reported, xs - mean_x[:, None], 0.0)
        spread = (dx**2).sum(axis=1)
        slope = np.where(spread > 0, (dx * np.where(reported, values - mean_y[:, None], 0.0)).sum(axis=1) / spread, 0.0)
    return mean_y + slope * (quarter - mean_x)


# --- roll-ups and categories --------------------------------------------------------------------


def roll_up(scores: Iterable[tuple[float | None, float | None]]) -> float | None:
    """Weighted mean of indicators' capped scores, given as (score, weight) pairs (the rule:
    :func:`roll_up_parts`)."""
    pairs = np.array([(np.nan if s is None else s, np.nan if w is None else w) for s, w in scores], dtype=float)
    if not len(pairs):
        return None
    weighted, weights = roll_up_parts(pairs[:, 0], pairs[:, 1])
    return _scalar(np.divide(weighted.sum(), weights.sum()) if weights.sum() > 0 else np.nan)


def roll_up_parts(scores: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each indicator's share of a weighted mean of capped scores: (score × weight, weight).
    A group's roll-up is the sum of the first over the sum of the second (undefined where that is 0).

    Undefined scores are left out (weight 0); a missing weight counts as 1. Roll up from
    indicators, never from percentages that are themselves averages.
    """
    scores = _floats(scores)
    counted = np.where(np.isnan(scores), 0.0, np.where(np.isnan(_floats(weights)), 1.0, weights))
    return np.where(counted > 0, scores * counted, 0.0), counted


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
    return None if value is None else category_array(_one(value), scale)[0]


def category_array(values: np.ndarray, scale: Sequence[Band] = DEFAULT_SCALE) -> np.ndarray:
    """The category label per score (an object array; None where the score is undefined)."""
    values = _floats(values)
    labels = np.full(values.shape, None, dtype=object)
    for band in sorted(scale, key=lambda b: b.lower):  # higher bands overwrite lower ones
        labels[values >= band.lower] = band.label
    return labels
