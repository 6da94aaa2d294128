"""Numbers the Indonesian way: reading what people type into spreadsheets, and formatting for display.

Reading accepts "1.234,5", "85,5%", "Rp 1.250.000", "-" and the dot-decimal numbers that leak in from
English-locale exports ("0.85", "1,234.5"). Formatting goes through Babel's ``id`` locale.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_compact_decimal, format_currency, format_percent, parse_pattern
from babel.units import format_unit

LOCALE = "id"
DASH = "–"
_BLANK = {"", "-", "–", "—"}
# what offices write for a figure that is not there yet: not reported (completeness), never 0
NOT_REPORTED = {
    "n/a",
    "na",
    "#n/a",
    "tidak ada",
    "belum ada",
    "belum ada data",
    "belum rilis",
    "belum dirilis",
    "belum tersedia",
    "data belum tersedia",
    "tidak tersedia",
    "belum diukur",
    "belum dilaporkan",
}
_EMPTY = _BLANK | NOT_REPORTED
_NOISE = re.compile(r"(?i)^rp\.?|%|\s|\u00a0|rupiah")
_AMBIGUOUS = re.compile(r"[1-9][0-9]{0,2}[.,][0-9]{3}")  # '11.713', '10,274': a decimal mark, or a thousands one


def is_not_reported(text: object) -> bool:
    """A cell that says its figure is not there yet ("Belum Rilis", "n/a")."""
    return isinstance(text, str) and " ".join(text.lower().split()) in NOT_REPORTED


_DIGITS = re.compile(r"[0-9][0-9.,]*")
_PLAIN = re.compile(r"[0-9]+(?:,[0-9]+)?")  # digits, or digits with one decimal comma: read one way only


def parse_number(text: object, decimal: str | None = None) -> float | None:
    """The number written in ``text`` (a cell value), None for a blank, "-" or "Belum Rilis".

    ``decimal`` (',' or '.') is the column's decimal mark where the caller knows it (see
    ``decimal_mark``): it decides text such as '11.713', which is otherwise read the Indonesian
    way (eleven thousand …) and reported by ``readings`` as ambiguous.
    Raises ValueError, with the reason in Indonesian, when the text is not a number.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError("bukan angka (nilai benar/salah)")
    if isinstance(text, int | float):
        return None if isinstance(text, float) and math.isnan(text) else float(text)
    if type(text) is str:  # the common cells, as the steps below read them, at once
        if not text:
            return None
        if _PLAIN.fullmatch(text) and not (decimal == "." and "," in text):
            return float(text.replace(",", "."))  # '85', '74,1'
    raw = str(text).strip()
    if " ".join(raw.lower().split()) in _EMPTY:
        return None
    cleaned = _NOISE.sub("", raw)
    negative = cleaned.startswith("-") or (cleaned.startswith("(") and cleaned.endswith(")"))
    cleaned = cleaned.strip("-()+")
    if not _DIGITS.fullmatch(cleaned):
        raise ValueError(f"bukan angka: '{raw}'")
    if decimal and _AMBIGUOUS.fullmatch(cleaned):
        value = float(cleaned.replace(decimal, ".") if cleaned[-4] == decimal else cleaned[:-4] + cleaned[-3:])
    else:
        value = float(_normalise_separators(cleaned, raw))
    return -value if negative else value


def _digits(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    cleaned = _NOISE.sub("", text.strip()).strip("-()+")
    return cleaned if _DIGITS.fullmatch(cleaned) else None


def readings(text: object) -> tuple[float, float] | None:
    """The two numbers a text such as '11.713' can be, (as read by default, the other), or None
    when it can be only one: '11.713' → (11713, 11.713), '10,274' → (10.274, 10274)."""
    digits = _digits(text)
    if digits is None or not _AMBIGUOUS.fullmatch(digits):
        return None
    # read by default with ',' as the decimal mark (the Indonesian way), so the other reading has '.'
    return parse_number(text, ","), parse_number(text, ".")  # type: ignore[return-value]


@dataclass(frozen=True)
class Convention:
    """How a column writes its numbers: its decimal mark (',' or '.'), as shown by ``example``."""

    mark: str
    example: str

    @property
    def words(self) -> str:
        """'koma sebagai tanda desimal, mis. '72,97''."""
        return f"{'koma' if self.mark == ',' else 'titik'} sebagai tanda desimal, mis. '{self.example}'"


def column_convention(texts) -> Convention | None:
    """The decimal mark a column's numbers show, from the texts that can be read only one way
    ('97,6', '11.58', '1.234,5', '10,274,076'): the mark most of them show (a slip in a few cells
    does not outvote the column; those cells are named by the reader), None when none shows one or
    as many show one mark as the other."""
    votes: dict[str, int] = {}
    examples: dict[str, str] = {}
    seen = 0
    for text in texts:
        if type(text) is not str or not text:  # a number cell of a workbook says nothing of marks
            continue
        seen += 1
        if seen > 1000:  # a column keeps its convention; enough has been seen
            break
        mark = _own_mark(text)
        if mark is not None:
            votes[mark] = votes.get(mark, 0) + 1
            examples.setdefault(mark, text.strip())
    if not votes:
        return None
    best = max(votes, key=votes.get)
    return Convention(best, examples[best]) if votes[best] * 2 > sum(votes.values()) else None


def decimal_mark(texts) -> str | None:
    """The decimal mark of a column (see :func:`column_convention`), ',' or '.', or None."""
    found = column_convention(texts)
    return found.mark if found else None


def _own_mark(text: str) -> str | None:
    """The decimal mark one text shows by itself, or None ('11.713' and '12' show none)."""
    digits = _digits(text)
    if digits is None or _AMBIGUOUS.fullmatch(digits):
        return None
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        mark = "," if digits.rfind(",") > digits.rfind(".") else "."
    elif dots + commas == 1:
        mark = "." if dots else ","
    elif dots > 1 or commas > 1:  # repeated: the thousands mark, so the other is the decimal one
        mark = "," if dots else "."
    else:
        return None
    return mark if fits_convention(digits, mark) else None  # '1.23.4' is no evidence of anything


def fits_convention(text: object, mark: str) -> bool:
    """Whether a text is written as a column with decimal ``mark`` writes numbers: at most one
    decimal mark, thousands marks only before it and in groups of three. '59.89' does not fit a
    column of '72,97' (its dot cannot be a thousands mark), nor '10,274,076'."""
    digits = _digits(text)
    return True if digits is None else _fits(digits, mark)  # not a number at all: the reader says so


def _fits(digits: str, mark: str) -> bool:
    thousands = "." if mark == "," else ","
    whole, _, fraction = digits.partition(mark)
    if mark in fraction or thousands in fraction:
        return False
    groups = whole.split(thousands)
    return len(groups) == 1 or (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]))


def read_by_mark(value: object, mark: str | None) -> object:
    """A number written as text, read by its column's decimal ``mark`` ('1,200' in a column of
    '85.5' is 1200); other values as they are: numbers, blanks, ranges, words, and a text written
    against the mark (which its reader reads, or refuses, on its own)."""
    if mark is None:
        return value
    if type(value) is str and _PLAIN.fullmatch(value) and (mark == "," or "," not in value):
        return float(value.replace(",", "."))  # '85', '74,1' (in a column of decimal commas): as below, at once
    digits = _digits(value)
    if digits is None or not _fits(digits, mark):
        return value
    try:
        return parse_number(value, mark)
    except ValueError:
        return value


def _normalise_separators(digits: str, raw: str) -> str:
    """'1.234,5' → '1234.5'. The last separator of two kinds is the decimal one; a lone '.' before
    exactly three digits is a thousands separator (Indonesian '1.234' is one thousand …)."""
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return digits.replace(thousands, "").replace(decimal, ".")
    if commas:
        if commas > 1:
            return _grouped(digits, ",", raw)
        return digits.replace(",", ".")
    if dots > 1:
        return _grouped(digits, ".", raw)
    if dots == 1 and re.fullmatch(r"[1-9][0-9]{0,2}\.[0-9]{3}", digits):  # '0.850' is a fraction
        return digits.replace(".", "")
    return digits


def _grouped(digits: str, separator: str, raw: str) -> str:
    groups = digits.split(separator)
    if any(len(g) != 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3:
        raise ValueError(f"pemisah ribuan tidak wajar: '{raw}'")
    return "".join(groups)


# --- display -------------------------------------------------------------------------------------


@functools.cache
def _pattern(text: str):
    """Babel's parsed number pattern, parsed once (parsing dominates formatting many numbers)."""
    return parse_pattern(text)


_ID = Locale.parse(LOCALE)


def fmt_number(value: float | None, digits: int = 2) -> str:
    """1234.5 → '1.234,5' (up to ``digits`` decimals); None → '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    if math.isinf(value):
        return "∞"
    pattern = _pattern("#,##0" + ("." + "#" * digits if digits else ""))
    return pattern.apply(value, _ID)


_SYMBOLS = _ID.number_symbols["latn"]
_TO_ID = str.maketrans({",": _SYMBOLS["group"], ".": _SYMBOLS["decimal"]})


def message_number(value: float, digits: int = 2) -> str:
    """1234.5 → '1.234,5' for messages made by the thousand (a warning per row of a large file):
    the id locale's symbols from Babel, Python's rounding. Reports and tables use ``fmt_number``."""
    text = f"{value:,.{digits}f}"
    if digits:
        text = text.rstrip("0").rstrip(".")
    return text.translate(_TO_ID)


def plain_number(value: float) -> str:
    """A number as a person types it in Indonesia: decimal comma, no thousands separator (83,5), up
    to six decimals. Written for plans of thousands of targets: rounded to six decimals first, the
    number prints the same through Python's formatting as through Babel's "0.######" pattern
    (tests/domain/test_numbers.py holds the two side by side), with the id locale's symbols."""
    return f"{round(value, 6):.6f}".rstrip("0").rstrip(".").translate(_TO_ID)


def signed_number(value: float, digits: int = 1) -> str:
    """+2,5 or −1,0: a change, always with its sign."""
    body = "0." + "0" * digits if digits else "0"
    return _pattern(f"+{body};-{body}").apply(value, _ID)


def fmt_percent(value: float | None, digits: int = 1) -> str:
    """85.5 (already in percent) → '85,5%'; None → '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    if math.isinf(value):
        return "∞"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(value / 100, format=pattern, locale=LOCALE)


def fmt_rupiah(value: float | None, compact: bool = False) -> str:
    """1250000 → 'Rp 1.250.000'; compact: 1.24e9 → 'Rp 1,2 M'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    if compact:
        return "Rp " + format_compact_decimal(value, locale=LOCALE, fraction_digits=1).replace("\u00a0", " ")
    return format_currency(value, "IDR", format="¤ #,##0", locale=LOCALE, currency_digits=False)


def fmt_date(value: dt.date) -> str:
    """25 November 2026."""
    return format_date(value, format="long", locale=LOCALE)


def fmt_datetime(value: dt.datetime) -> str:
    """25 November 2026 14.05."""
    return format_datetime(value, "d MMMM y HH.mm", locale=LOCALE)


def fmt_duration(value: dt.timedelta | None) -> str:
    """2 hari 3 jam; 45 menit; under a minute: < 1 menit; blank for none."""
    if value is None or value != value:  # None or NaT
        return ""
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return "< " + format_unit(1, "duration-minute", locale=LOCALE)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "duration-day"), (hours, "duration-hour"), (0 if days else minutes, "duration-minute")]
    return " ".join(format_unit(n, unit, locale=LOCALE) for n, unit in parts if n)
