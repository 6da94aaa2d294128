"""Sentences drafted from the numbers, in Indonesian: every number in them comes from the recap,
so a draft never states a figure the data does not hold. Planners edit them before export."""

from __future__ import annotations

import pandas as pd

from kinerja.domain.achievement import RATIO_AS_PERCENT
from kinerja.domain.numbers import fmt_number, fmt_percent
from kinerja.domain.period import roman
from kinerja.domain.recap import ANNUAL_ONLY

QUARTER_WORD = {1: "Triwulan I", 2: "Triwulan II", 3: "Triwulan III", 4: "Triwulan IV"}


def amount(value: object, unit: str) -> str:
    """A figure with its measure unit, the Indonesian way ("79,72%", "18 desa"); "–" when missing."""
    if value is None or pd.isna(value):
        return "–"
    text = fmt_number(float(value))
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _sentence(text: str | None) -> str:
    text = (text or "").strip()
    if not text or text in {"-", "–"}:
        return ""
    return text if text.endswith((".", "!", "?")) else text + "."


def indicator_paragraph(record: dict, quarter: int, year: int, notes: dict[str, str | None] | None = None) -> str:
    """One indicator's paragraph: achievement to date with its category, realisation against
    target, the quarter's own figures, then what the unit wrote (drivers, obstacles, follow-up)."""
    name, unit = record["indicator_name"], record.get("measure_unit") or ""
    period = f"{QUARTER_WORD[quarter]} Tahun {year}"
    if pd.isna(record.get("realization_to_date")):
        return f"Indikator {name} belum memiliki data realisasi sampai dengan {period}."
    parts = []
    if pd.notna(record.get("achievement_pct")):
        annual_only = str(record.get("note") or "").startswith(ANNUAL_ONLY)
        against = "target tahunan" if annual_only else "target"
        parts.append(
            f"Capaian indikator {name} sampai dengan {period} sebesar {fmt_percent(record['achievement_pct'])}"
            f" (kategori {record['category']}), dengan realisasi {amount(record['realization_to_date'], unit)}"
            f" dari {against} {amount(record['target_to_date'], unit)}"
            + (" (indikator ini tidak memiliki target Rencana Aksi triwulanan)." if annual_only else ".")
        )
    else:
        parts.append(
            f"Realisasi indikator {name} sampai dengan {period} sebesar {amount(record['realization_to_date'], unit)};"
            f" capaiannya belum dapat dihitung ({record.get('note') or 'target belum lengkap'})."
        )
    if RATIO_AS_PERCENT in str(record.get("note") or ""):
        parts.append(
            "Indikator rasio ini dilaporkan sebagai persentase tanpa pembilang dan penyebut, sehingga realisasinya"
            f" sampai dengan {period} adalah persentase Triwulan {roman(quarter)} yang dilaporkan."
        )
    if record.get("polarity") == "negatif":
        parts.append("Indikator ini berpolaritas negatif: makin kecil realisasi, makin baik capaiannya.")
    q_real, q_target = record.get("quarter_realization"), record.get("quarter_target")
    if quarter > 1 and pd.notna(q_real) and pd.notna(q_target):
        parts.append(
            f"Pada Triwulan {roman(quarter)} sendiri realisasinya {amount(q_real, unit)}"
            f" terhadap target triwulan {amount(q_target, unit)}."
        )
    if pd.notna(record.get("annual_progress_pct")) and record.get("polarity") == "positif":  # "setara X% dari
        # target tahunan" reads wrongly for an indicator where less is better
        parts.append(f"Realisasi ini setara {fmt_percent(record['annual_progress_pct'])} dari target tahunan.")
    notes = notes or {}
    for label, key in (("Faktor pendorong", "drivers"), ("Kendala", "obstacles"), ("Tindak lanjut", "follow_up")):
        said = _sentence(notes.get(key))
        if said:
            parts.append(f"{label}: {said}")  # as the unit wrote it
    return " ".join(parts)


def summary_paragraph(score: float | None, category: str | None, counts: pd.DataFrame, year: int, quarter: int,
                      reported: int, total: int) -> str:  # fmt: skip
    """The period at a glance: the roll-up score and how many indicators fall in each category
    (``quarter`` 0: the whole year, for the LKjIP)."""
    period = f"sampai dengan {QUARTER_WORD[quarter]} Tahun {year}" if quarter else f"pada tahun {year}"
    if score is None:
        return f"{period[0].upper()}{period[1:]} belum ada indikator yang capaiannya dapat dihitung."
    bands = ", ".join(
        f"{int(n)} indikator {c}" for c, n in zip(counts["category"], counts["indicators"], strict=True) if n
    )
    return (
        f"{period[0].upper()}{period[1:]}, skor capaian kinerja secara keseluruhan sebesar {fmt_percent(score)} "
        f"(kategori {category}). Dari {total} indikator, {reported} telah memiliki data realisasi; "
        f"sebarannya: {bands}."
    )
