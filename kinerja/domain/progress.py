"""Annual progress: where an indicator stands against its year's PK target at a quarter, read by
its polarity and aggregation (README, "Progres tahunan").

A count that adds up over the year (SUM) is measured as a share of the annual target beside the
share of the year gone: for more-is-better, the share of the target reached; for less-is-better,
the share of the year's ceiling (kuota) already used, where running ahead of the year is bad. A level
(LAST, AVG, RATIO) is not a share of anything: its value to date is held against the annual target
by the achievement formula. Where progress cannot be computed it says why, never a silent 0.

The numbers are computed for all indicators at once (``annual_progress_array``); the words are
written only where someone reads them (``progress_words``), since a province has thousands.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np

from kinerja.domain.achievement import Aggregation, NegativeFormula, Polarity, achievement_array
from kinerja.domain.numbers import fmt_number, fmt_percent
from kinerja.domain.period import roman


class Reading(StrEnum):
    """What annual progress says about an indicator."""

    REACHED = "reached"  # more-is-better count: the annual target already reached (a range: inside it)
    AHEAD = "ahead"  # more-is-better count: a larger share of the target than of the year
    ON_PACE = "on_pace"  # the same share of the target (or ceiling) as of the year
    BEHIND = "behind"  # more-is-better count: a smaller share of the target than of the year
    UNDER_PACE = "under_pace"  # less-is-better count: a smaller share of the ceiling used than of the year
    OVER_PACE = "over_pace"  # less-is-better count: more of the ceiling used than of the year
    EXCEEDED = "exceeded"  # less-is-better count over its ceiling; a range count over its upper bound
    MET = "met"  # a level at or better than the annual target; a count within its ceiling at year end
    NOT_MET = "not_met"  # a level short of the annual target; a count short of it at year end
    UNDEFINED = "undefined"  # no realisation or no usable target: the words say why


_READING = {reading.value: reading for reading in Reading}  # a value → its Reading, without Enum's call
GOOD = frozenset({Reading.REACHED, Reading.AHEAD, Reading.ON_PACE, Reading.UNDER_PACE, Reading.MET})
BAD = frozenset({Reading.BEHIND, Reading.OVER_PACE, Reading.EXCEEDED, Reading.NOT_MET})


def year_elapsed_pct(quarter: int) -> float:
    """The share of the year gone at the end of ``quarter``: 25, 50, 75, 100."""
    return quarter * 25.0


def annual_progress_array(
    realization: np.ndarray,
    annual_low: np.ndarray,
    annual_high: np.ndarray,
    polarity: np.ndarray,
    aggregation: np.ndarray,
    quarter: int,
    negative_formula: NegativeFormula = NegativeFormula.DIFFERENCE,
    baseline: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Annual progress per row at ``quarter``: (percent, :class:`Reading`); percent NaN where undefined.

    - SUM: realisation to date ÷ the annual target × 100: for a positive indicator the share of the
      target reached, for a negative one the share of the ceiling used, for a range the share of
      its lower bound. Set beside the share of the year gone (:func:`year_elapsed_pct`), rounded as
      shown (one decimal); reaching or exceeding the target itself is exact. A target of 0 has no share: a negative count with none so far is on the
      pace of its zero ceiling, one with any has exceeded it; a positive one is undefined.
      A baseline plays no part: the share is of the year's amount.
    - LAST, AVG, RATIO: the level to date (the latest quarter, the mean, Σ/Σ) against the annual
      target by the achievement formula (polarity, range, baseline, negative formula): met from 100.
    - No realisation to date (a quarter missing) or no annual target: undefined.
    """
    r = np.asarray(realization, dtype=float)
    low, high = np.asarray(annual_low, dtype=float), np.asarray(annual_high, dtype=float)
    upper = np.where(np.isnan(high), low, high)
    summed = aggregation == Aggregation.SUM
    negative = polarity == Polarity.NEGATIVE
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(low == 0, np.nan, r / low * 100)
    level = achievement_array(r, low, high, polarity, negative_formula, baseline)
    percent = np.where(summed, share, level)

    elapsed, shown = year_elapsed_pct(quarter), np.round(percent, 1)
    year_end = quarter == 4
    reading = np.full(r.shape, Reading.UNDEFINED.value, dtype=object)
    # levels
    reading = np.where(~summed & (percent >= 100), Reading.MET, reading)
    reading = np.where(~summed & (percent < 100), Reading.NOT_MET, reading)
    # counts where more is better (a range: inside is reached, above its upper bound exceeded)
    more = summed & ~negative
    pace = np.where(shown > elapsed, Reading.AHEAD, np.where(shown == elapsed, Reading.ON_PACE, Reading.BEHIND))
    reading = np.where(more & (percent < 100), Reading.NOT_MET if year_end else pace, reading)
    reading = np.where(more & (percent >= 100), Reading.REACHED, reading)
    reading = np.where(more & (polarity == Polarity.RANGE) & (r > upper), Reading.EXCEEDED, reading)
    # counts where less is better: the ceiling
    used = np.where(shown > elapsed, Reading.OVER_PACE, np.where(shown == elapsed, Reading.ON_PACE, Reading.UNDER_PACE))
    reading = np.where(summed & negative & (percent <= 100), Reading.MET if year_end else used, reading)
    reading = np.where(summed & negative & ((percent > 100) | ((low == 0) & (r > 0))), Reading.EXCEEDED, reading)
    zero_kept = summed & negative & (low == 0) & (r == 0)
    reading = np.where(zero_kept, Reading.MET if year_end else Reading.ON_PACE, reading)
    reading = np.where(np.isnan(r) | np.isnan(low), Reading.UNDEFINED, reading)
    percent = np.where(reading == Reading.UNDEFINED, np.nan, percent)
    return percent, np.array([_READING[v] for v in reading.tolist()], dtype=object)


# --- in words ----------------------------------------------------------------------------------------


def progress_words(
    reading: Reading | str,
    percent: float | None,
    realization: float | None,
    annual_low: float | None,
    annual_high: float | None,
    polarity: Polarity | str,
    aggregation: Aggregation | str,
    quarter: int,
    measure_unit: str = "",
    note: str = "",
) -> str:
    """Annual progress as a leader reads it, e.g. "Kuota tahunan terpakai 75,0% (6 dari 8 orang) saat
    50% tahun berlalu — di atas laju: kuota tahunan bisa terlampaui". ``note`` is the recap's note,
    which says why an undefined figure is undefined."""
    reading, polarity, aggregation = Reading(reading), Polarity(polarity), Aggregation(aggregation)
    unit = measure_unit or ""
    if _missing(annual_low):
        return "Progres tahunan belum dapat dihitung: target tahunan belum ditetapkan"
    if _missing(realization):
        return f"Progres tahunan belum dapat dihitung: {_why(note)}"
    target = _target_words(annual_low, annual_high, unit)
    when = "pada akhir tahun" if quarter == 4 else f"saat {fmt_percent(year_elapsed_pct(quarter), 0)} tahun berlalu"
    if aggregation is not Aggregation.SUM:
        return _level_words(reading, percent, realization, target, aggregation, quarter, unit)
    of = f"({_amount(realization, unit, bare=unit != '%')} dari {target})"
    if polarity is Polarity.NEGATIVE:
        return _ceiling_words(reading, percent, realization, annual_low, unit, of, when, quarter)
    if reading is Reading.UNDEFINED:  # a target of 0 where more is better
        return f"Target tahunan 0{_suffix(unit)}: tidak ada bagian target yang dapat dihitung"
    if polarity is Polarity.RANGE:
        return _range_words(reading, percent, realization, target, unit, when)
    if reading is Reading.REACHED:
        return f"Target tahunan sudah tercapai: {_percent(percent)} {of} {when}"
    verdict = _TOWARD_TARGET[reading]
    return f"Target tahunan tercapai {_percent(percent)} {of} {when} — {verdict}"


# where more is better (a count or the lower bound of a range): the pace against the year gone
_TOWARD_TARGET = {
    Reading.AHEAD: "di atas laju",
    Reading.ON_PACE: "sesuai laju",
    Reading.BEHIND: "di bawah laju",
    Reading.NOT_MET: "target tahunan tidak tercapai",
}


def _ceiling_words(
    reading: Reading, percent, realization, annual_low, unit: str, of: str, when: str, quarter: int
) -> str:
    """A count where less is better: how much of the year's ceiling is used."""
    if annual_low == 0:
        so_far = "sepanjang tahun" if quarter == 4 else f"s.d. TW {roman(quarter)}"
        if reading is Reading.EXCEEDED:
            return f"Kuota tahunan 0{_suffix(unit)} sudah terlampaui: {_amount(realization, unit)} {so_far}"
        return f"Kuota tahunan 0{_suffix(unit)}: belum ada {so_far} — tidak terlampaui"
    if reading is Reading.EXCEEDED:
        return f"Kuota tahunan sudah terlampaui: terpakai {_percent(percent)} {of} {when}"
    verdict = {
        Reading.UNDER_PACE: "di bawah laju",
        Reading.ON_PACE: "sesuai laju",
        Reading.OVER_PACE: "di atas laju: kuota tahunan bisa terlampaui",
        Reading.MET: "tidak terlampaui",
    }[reading]
    return f"Kuota tahunan terpakai {_percent(percent)} {of} {when} — {verdict}"


def _range_words(reading: Reading, percent, realization, target: str, unit: str, when: str) -> str:
    """A count whose annual target is a range: inside it is reached, above it a miss."""
    realised = _amount(realization, unit)
    if reading is Reading.REACHED:
        return f"Realisasi {realised} sudah di dalam rentang target tahunan {target} {when}"
    if reading is Reading.EXCEEDED:
        return f"Realisasi {realised} melampaui batas atas rentang target tahunan {target} {when}"
    verdict = _TOWARD_TARGET[reading]
    return (
        f"Realisasi {realised}: {_percent(percent)} dari batas bawah rentang target tahunan {target} {when} — {verdict}"
    )


def _level_words(reading: Reading, percent, realization, target: str, aggregation: Aggregation, quarter: int,
                 unit: str) -> str:  # fmt: skip
    """A level (latest value, mean, ratio) against the annual target by the achievement formula."""
    tw = f"TW {roman(quarter)}"
    what = {
        Aggregation.LAST: f"Nilai {tw}",
        Aggregation.AVG: "Rata-rata TW I" if quarter == 1 else f"Rata-rata TW I s.d. {tw}",
        Aggregation.RATIO: f"Rasio s.d. {tw}",
    }[aggregation]
    head = f"{what} ({_amount(realization, unit)}) terhadap target tahunan {target}"
    if reading is Reading.UNDEFINED:  # a target of 0 where more is better
        return f"{head}: capaian terhadap target 0 tidak terdefinisi"
    short = "belum memenuhi" if quarter < 4 else "tidak memenuhi"
    verdict = "memenuhi target tahunan" if reading is Reading.MET else f"{short} target tahunan"
    return f"{head}: capaian {_percent(percent)} — {verdict}"


def _percent(value: float) -> str:
    """One decimal, or as many more as it takes not to read 100,0% for a figure on the other side of
    100 (99,96% of a target is not the target met)."""
    digits = 1
    while digits < 4 and value != 100 and round(value, digits) == 100:
        digits += 1
    return fmt_percent(value, digits)


def _why(note: str) -> str:
    """The part of a recap note that says why a figure is missing ("Belum dilaporkan: TW I")."""
    parts = [p for p in (note or "").split("; ") if p and not p.startswith("Tanpa Rencana Aksi")]
    return parts[0] if parts else "realisasi s.d. triwulan ini belum lengkap"


def _target_words(low: float, high: float | None, unit: str) -> str:
    if _missing(high):
        return _amount(low, unit)
    return f"{fmt_number(low)}–{_amount(high, unit)}"


def _amount(value: float, unit: str, bare: bool = False) -> str:
    """A figure with its measure unit ("18 desa", "81,66%"); ``bare``: the figure alone."""
    text = fmt_number(float(value))
    if bare or not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _suffix(unit: str) -> str:
    return "" if not unit else unit if unit == "%" else f" {unit}"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))
