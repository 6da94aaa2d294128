"""The quarter's recap: every indicator's figures to date, achievement, score and category, and the
roll-ups by sasaran and unit, computed from the year's plan and figures as arrays (read by
:mod:`kinerja.storage.figures`, where the `recap` command, the pages and the reports get it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from kinerja.domain.achievement import (
    NO_DATA_COLOR,
    Aggregation,
    Band,
    NegativeFormula,
    Polarity,
    achievement_array,
    category_array,
    roll_up_parts,
    score_array,
    to_date_array,
)
from kinerja.domain.numbers import fmt_number, fmt_percent
from kinerja.domain.period import roman
from kinerja.domain.progress import GOOD, Reading, annual_progress_array, progress_words
from kinerja.domain.vocabulary import AGGREGATION_WORD, POLARITY_WORD

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
    "indicator_id",
    "annual_progress_reading",
    "quarter",
]
# the command line adds annual progress in words (``with_progress_words``) after the recap's columns
CLI_COLUMNS = [*RECAP_COLUMNS, "annual_progress_text"]

ANNUAL_ONLY = "Tanpa Rencana Aksi: capaian s.d. triwulan ini dihitung terhadap target tahunan"
NO_QUARTER_TARGET = "Target Rencana Aksi belum ditetapkan"


class Scoring(Protocol):
    """The settings a year's figures are computed with (:class:`kinerja.storage.settings.Settings`)."""

    negative_formula: NegativeFormula
    score_cap: float
    scale: tuple[Band, ...]


def recap_frame(year_read: YearInputs, quarter: int, settings: Scoring) -> pd.DataFrame:
    """One row per indicator of ``year_read``'s plan: its figures to date at ``quarter``, computed
    for all indicators at once by the engine's rules, with the year's ``settings``."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"triwulan harus 1–4, bukan {quarter}")
    plan, texts = year_read.plan, year_read.texts
    ra_low, ra_high, values = year_read.ra_low, year_read.ra_high, year_read.values
    # the figures of later quarters are there too, but nothing to date at ``quarter`` reads past it
    polarity, aggregation = plan["polarity"], plan["aggregation"]
    td = to_date_array(
        aggregation, polarity, values, year_read.numerators, year_read.denominators, ra_low, ra_high, quarter
    )
    # a PK without Rencana Aksi: every quarter is measured against the annual target, and says so
    # (at TW IV the two agree anyway)
    annual_only = np.isnan(ra_low).all(axis=1)
    target_low = np.where(annual_only, plan["pk_low"], td.target_low)
    target_high = np.where(annual_only, plan["pk_high"], td.target_high)
    note = _notes(td.note, annual_only, np.isnan(target_low), quarter)
    nf, baseline = settings.negative_formula, plan["baseline"]
    raw = achievement_array(td.realization, target_low, target_high, polarity, nf, baseline)
    capped = score_array(raw, settings.score_cap)
    progress, reading = annual_progress_array(
        td.realization, plan["pk_low"], plan["pk_high"], polarity, aggregation, quarter, nf, baseline
    )
    columns = {
        **texts,
        "annual_target": plan["pk_low"],
        "target_to_date": target_low,
        "realization_to_date": td.realization,
        "achievement_pct": raw,
        "score_pct": capped,
        "category": category_array(capped, settings.scale),
        "annual_progress_pct": progress,
        "is_key": plan["is_key"],
        "weight": plan["weight"],
        "annual_target_high": plan["pk_high"],
        "target_to_date_high": target_high,
        "quarter_target": ra_low[:, quarter - 1],
        "quarter_realization": values[:, quarter - 1],
        "note": note,
        "indicator_id": plan["id"],
        "annual_progress_reading": reading,
        "quarter": np.full(len(reading), quarter),
    }
    return pd.DataFrame(columns, columns=RECAP_COLUMNS + EXTRA_COLUMNS)


# the recap's columns of words, and the plan's columns they come from
TEXT_COLUMNS = {
    "unit_code": "unit_code",
    "goal": "goal",
    "indicator_code": "code",
    "indicator_name": "name",
    "measure_unit": "measure_unit",
    "polarity": "polarity",
    "aggregation": "aggregation",
    "goal_code": "goal_code",
}


@dataclass(frozen=True)
class YearInputs:
    """What every quarter's recap of a year reads: the plan, one row per indicator with a PK
    target in the recap's order, with its Rencana Aksi targets and the figures reported as
    (indicators × 4) matrices, NaN where there are none."""

    plan: dict[str, np.ndarray]  # id, polarity, aggregation, is_key, weight, pk_low, pk_high, baseline
    texts: dict[str, pd.api.extensions.ExtensionArray]  # the plan's words as the recap's frame holds them
    ra_low: np.ndarray
    ra_high: np.ndarray
    values: np.ndarray
    numerators: np.ndarray
    denominators: np.ndarray


def by_quarter(
    ids: np.ndarray, found: dict[str, np.ndarray], names: Sequence[str] = ("value", "numerator", "denominator")
) -> list[np.ndarray]:
    """Per-quarter rows (indicator_id, quarter, …) laid out as (indicators × 4) matrices in the order
    of ``ids``; NaN where an indicator has no row for a quarter."""
    ids = np.asarray(ids)
    order = np.argsort(ids)
    place = np.searchsorted(ids, found["indicator_id"], sorter=order).clip(0, max(len(ids) - 1, 0))
    known = ids[order[place]] == found["indicator_id"] if len(ids) else np.zeros(len(place), dtype=bool)
    rows, quarters = order[place[known]], found["quarter"][known].astype(int) - 1
    matrices = []
    for name in names:
        matrix = np.full((len(ids), 4), np.nan)
        matrix[rows, quarters] = found[name][known]
        matrices.append(matrix)
    return matrices


def read_only(values: np.ndarray | dict[str, np.ndarray]) -> np.ndarray | dict[str, np.ndarray]:
    """Arrays shared through a memo: whoever gets them cannot change them for the next reader."""
    for array in values.values() if isinstance(values, dict) else (values,):
        array.flags.writeable = False
    return values


def _notes(to_date_note: np.ndarray, annual_only: np.ndarray, no_target: np.ndarray, quarter: int) -> np.ndarray:
    """What a reader must know beside each figure: the quarters not reported, the zero denominator,
    the annual target standing in for a missing Rencana Aksi, or the missing target itself."""
    plain = np.where((to_date_note == "") & no_target, NO_QUARTER_TARGET, to_date_note)
    if quarter == 4:
        return np.where(annual_only, to_date_note, plain)
    annual = np.where(to_date_note == "", ANNUAL_ONLY, ANNUAL_ONLY + "; " + to_date_note)
    return np.where(annual_only, annual, plain)


# --- roll-ups ----------------------------------------------------------------------------------


def roll_up_by(recap_frame: pd.DataFrame, by: str, scale: Sequence[Band]) -> pd.DataFrame:
    """Weighted mean of the indicators' capped scores per ``by`` (e.g. 'goal', 'unit_code'), in the
    order the groups first appear.

    Each group's score is computed from its indicators, never from averages of averages.
    """
    weighted, weights = roll_up_parts(recap_frame["score_pct"].to_numpy(float), recap_frame["weight"].to_numpy(float))
    parts = pd.DataFrame(
        {
            by: recap_frame[by],
            "weighted": weighted,
            "weights": weights,
            "reported": recap_frame["realization_to_date"].notna(),
        }
    )
    grouped = parts.groupby(by, sort=False, dropna=False)
    groups = grouped[["weighted", "weights", "reported"]].sum()  # one sum of three columns: a third of .agg's time
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(groups["weights"] > 0, groups["weighted"] / groups["weights"], np.nan)
    return pd.DataFrame(
        {
            by: groups.index,
            "score_pct": value,
            "category": category_array(value, scale),
            "indicators": grouped.size().to_numpy(int),
            "reported": groups["reported"].to_numpy(int),
        }
    )


def overall_score(recap_frame: pd.DataFrame) -> float | None:
    """The period's roll-up over all indicators."""
    weighted, weights = roll_up_parts(recap_frame["score_pct"].to_numpy(float), recap_frame["weight"].to_numpy(float))
    return float(weighted.sum() / weights.sum()) if weights.sum() > 0 else None


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


def annual_progress_text(recap_frame: pd.DataFrame) -> list[str]:
    """Each indicator's annual progress in words (:func:`kinerja.domain.progress.progress_words`),
    e.g. "Kuota tahunan terpakai 50,0% (4 dari 8 orang) saat 50% tahun berlalu — sesuai laju"."""
    return [progress_text(r) for r in recap_frame.to_dict(orient="records")]


def progress_text(record: Mapping[str, object]) -> str:
    """One recap row's annual progress in words."""
    unit, note = record["measure_unit"], record["note"]
    return progress_words(
        record["annual_progress_reading"],
        _number(record["annual_progress_pct"]),
        _number(record["realization_to_date"]),
        _number(record["annual_target"]),
        _number(record["annual_target_high"]),
        record["polarity"],
        record["aggregation"],
        int(record["quarter"]),
        unit if isinstance(unit, str) else "",
        note if isinstance(note, str) else "",
    )


# what a leader must hear about the counts (SUM), worst first, as a summary says it
_PACE_PROBLEMS = (
    (Reading.EXCEEDED, "kuota tahunan sudah terlampaui"),
    (Reading.OVER_PACE, "kuota tahunan terpakai di atas laju"),
    (Reading.BEHIND, "di bawah laju target tahunan"),
    (Reading.NOT_MET, "target tahunan tidak tercapai"),
)


def pace_summary(recap_frame: pd.DataFrame, label: str = "indicator_code", limit: int | None = None) -> str | None:
    """One sentence on the counts' (SUM) annual progress: which are off the year's pace, named by
    ``label`` (up to ``limit`` of each, the rest counted), how many are not, how many cannot be told
    yet; None where the frame has no count."""
    counts = recap_frame[recap_frame["aggregation"] == Aggregation.SUM]
    if counts.empty:
        return None
    quarter = int(counts["quarter"].iloc[0])
    period = "pada akhir tahun" if quarter == 4 else f"s.d. TW {roman(quarter)}"
    readings = counts["annual_progress_reading"]
    undefined = int((readings == Reading.UNDEFINED).sum())
    if undefined == len(counts):
        return f"Progres tahunan indikator kumulatif {period} belum dapat dihitung: datanya belum lengkap."
    parts = [
        f"{int(off.sum())} {words} ({_some(counts.loc[off, label], limit)})"
        for reading, words in _PACE_PROBLEMS
        if (off := readings == reading).any()
    ]
    fine = int(readings.isin(GOOD).sum())
    good = "sesuai laju atau lebih baik" if quarter < 4 else "mencapai target atau tetap dalam kuota tahunan"
    parts += [f"{fine} {'lainnya ' if parts else ''}{good}"] if fine else []
    parts += [f"{undefined} belum dapat dihitung"] if undefined else []
    return f"Progres tahunan indikator kumulatif {period}: {'; '.join(parts)}."


def _some(names: pd.Series, limit: int | None) -> str:
    """``names`` joined; past ``limit``, the first ones and how many more ("… dan 290 lainnya")."""
    if limit is None or len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names.iloc[:limit])} dan {fmt_number(len(names) - limit)} lainnya"


def _number(value: object) -> float | None:
    return None if pd.isna(value) else float(value)


def with_progress_text(recap_frame: pd.DataFrame) -> pd.DataFrame:
    """The recap with ``annual_progress_text``, the words the command line and the exports add."""
    return recap_frame.assign(annual_progress_text=annual_progress_text(recap_frame))


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
            "Keterangan Progres Tahunan": annual_progress_text(f),
            "Catatan": f["note"],
        }
    )
