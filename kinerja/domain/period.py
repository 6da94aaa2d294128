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


MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_MONTH_WORDS = (
    ("januari", "jan"),
    ("februari", "pebruari", "feb", "peb"),
    ("maret", "mar"),
    ("april", "apr"),
    ("mei",),
    ("juni", "jun"),
    ("juli", "jul"),
    ("agustus", "agu", "ags", "agt"),
    ("september", "sept", "sep"),
    ("oktober", "okt"),
    ("november", "nopember", "nov", "nop"),
    ("desember", "des"),
)
_MONTH_NUMBER = {word: n for n, words in enumerate(_MONTH_WORDS, start=1) for word in words}
_MONTH_WORD = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
MONTH_WORD = re.compile(rf"\b(?:({_MONTH_WORD})|(?:bulan|bln)\s*(?:ke\s*)?(1[0-2]|[1-9]))\b")


def months_named(label: str) -> list[int]:
    """Every month a normalised column label names: 'januari target' → [1], 'bulan 7 realisasi' → [7],
    'agu' / 'ags' → [8], 'tw i jan mar' → [1, 3]."""
    return [_MONTH_NUMBER[m.group(1)] if m.group(1) else int(m.group(2)) for m in MONTH_WORD.finditer(label)]


def quarter_months(quarter: int) -> tuple[int, int, int]:
    """The months of a quarter: TW I → (1, 2, 3)."""
    first = 3 * (quarter - 1) + 1
    return first, first + 1, first + 2


def month_span(months) -> str:
    """'Januari–Maret', 'Juli', 'Januari, Maret': the months as a planner would write them."""
    months = sorted(months)
    if len(months) > 2 and months == list(range(months[0], months[-1] + 1)):
        return f"{MONTHS[months[0] - 1]}–{MONTHS[months[-1] - 1]}"
    return ", ".join(MONTHS[m - 1] for m in months)


def year_in_progress(today: dt.date | None = None) -> int:
    """The calendar year under way: the year a settings change applies from unless the admin chooses another."""
    return (today or dt.date.today()).year
