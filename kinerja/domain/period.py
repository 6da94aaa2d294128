"""Periods: the four quarters of a year and the annual report, their names (TW I … TW IV, 'tahun
2026'), the quarter a column label or a date names, and the usual dates of a quarter."""

from __future__ import annotations

import datetime as dt
import re

QUARTERS = (1, 2, 3, 4)
ANNUAL = 0  # the quarter number of the annual report (LKjIP)
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def roman(quarter: int) -> str:
    """1 → 'I' … 4 → 'IV', as in 'TW II'."""
    return ("I", "II", "III", "IV")[quarter - 1]


def period_name(year: int, quarter: int) -> str:
    """'TW II 2026', or 'tahun 2026' for the annual report."""
    return f"tahun {year}" if quarter == ANNUAL else f"TW {roman(quarter)} {year}"


def quarter_of(day: dt.date) -> int:
    """The quarter a date falls in."""
    return (day.month - 1) // 3 + 1


def usual_due_date(year: int, quarter: int) -> dt.date:
    """The 15th of the month after the quarter, when units usually send its figures."""
    return dt.date(year + 1, 1, 15) if quarter == 4 else dt.date(year, 3 * quarter + 1, 15)


_QUARTER = re.compile(
    r"(?:\b(?:tw|triwulan|trw|q)\s*(iv|iii|ii|i|[1-4])\b)|(?:^(?:target|rencana aksi|ra|realisasi)\s+(iv|iii|ii|i)$)"
)
_QUARTER_NUMBER = ROMAN | {"1": 1, "2": 2, "3": 3, "4": 4}


def quarter_in_label(label: str) -> int | None:
    """In a normalised column label: 'target tw ii' → 2, 'rencana aksi triwulan 3' → 3, 'tw i' → 1,
    'realisasi iii' → 3 (I–IV under a merged "Realisasi" heading); None where no quarter is named."""
    match = _QUARTER.search(label)
    if not match:
        return None
    return _QUARTER_NUMBER[match.group(1) or match.group(2)]
