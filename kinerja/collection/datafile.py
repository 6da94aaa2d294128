"""The rows of quarterly data read from one file, before and after checking: where each came
from, what it says, the rows skipped and why, and the problems found."""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field, fields
from operator import attrgetter

from kinerja.collection.realization import quarter_value
from kinerja.domain.period import (
    MONTH_WORD,
    MONTHS,
    month_span,
    months_named,
    period_name,
    quarter_in_label,
    quarter_months,
    roman,
)
from kinerja.domain.problems import Problem
from kinerja.workbook import bulk
from kinerja.workbook.cells import RowPlace
from kinerja.workbook.headings import ColumnRead
from kinerja.workbook.spreadsheet import ColumnSpec, pattern

TEMPLATE_SHEET = "_kinerja"
TEMPLATE_VERSION = 1

# "Capaian" alone is the achievement (%), but "Capaian Realisasi" is a heading of the realisation itself
# and money ("Realisasi Keuangan TW I", "Serapan") is a programme's spending (BUDGET_COLUMNS), not an indicator's
_NOT_REALISATION = (
    r"target|rencana|\bra\b|capaian(?! realisasi)|%|\brp\b|anggaran|pagu|pembilang|penyebut|keuangan|serapan|belanja"
)


def _quarter_realisation(q: int):
    return lambda label: quarter_in_label(label) == q and not re.search(_NOT_REALISATION, label)


# --- a monthly sheet's columns: a month's Target | Realisasi (| Pembilang | Penyebut) ------------

MONTH_KINDS = ("value", "target", "numerator", "denominator")  # what a month's column holds
_MONTH_KIND_LABEL = {"value": "Realisasi", "target": "Target", "numerator": "Pembilang", "denominator": "Penyebut"}
_MONTH_KIND_WORDS = (  # the first that a label names decides: "realisasi pembilang" is a numerator
    ("numerator", re.compile(r"\bpembilang\b")),
    ("denominator", re.compile(r"\bpenyebut\b")),
    ("target", re.compile(r"\b(target|rencana)\b")),
    ("value", re.compile(r"\b(realisasi|real)\b")),
)
# a month's column that is not its own figure: to date ("s.d. Juni"), a quarter's, an achievement, money
_NOT_A_MONTHS_FIGURE = re.compile(
    r"\b(s d|sd|sampai|hingga|kumulatif|tw|triwulan|capaian|anggaran|pagu|rp|deviasi|selisih)\b|%"
)


def month_key(month: int, kind: str = "value") -> str:
    """The reader's key of a month's column: 'm1' (Realisasi Januari), 'm1_target', 'm1_numerator' …"""
    return f"m{month}" if kind == "value" else f"m{month}_{kind}"


@functools.lru_cache(maxsize=4096)
def month_column(label: str) -> tuple[int, str] | None:
    """(month, kind) of a normalised header label that names one month and what its column holds:
    'januari realisasi' → (1, 'value'), 'bulan 7 target' → (7, 'target'), 'agu pembilang' →
    (8, 'numerator'); None for anything else ('realisasi s d juni', 'tw i jan mar', 'januari')."""
    months = months_named(label)
    if len(months) != 1 or _NOT_A_MONTHS_FIGURE.search(label):
        return None
    for kind, words in _MONTH_KIND_WORDS:
        if words.search(label):
            return months[0], kind
    return None


def _month_spec(month: int, kind: str) -> ColumnSpec:
    wanted = (month, kind)
    return ColumnSpec(
        month_key(month, kind),
        f"{_MONTH_KIND_LABEL[kind]} {MONTHS[month - 1]}",
        lambda label: month_column(label) == wanted,
        gate=MONTH_WORD,
    )


MONTH_COLUMNS = tuple(_month_spec(month, kind) for month in range(1, 13) for kind in MONTH_KINDS)
MONTH_OF_KEY = {month_key(month, kind): month for month in range(1, 13) for kind in MONTH_KINDS}
MONTH_FIGURE_KEYS = tuple(key for key in MONTH_OF_KEY if not key.endswith("_target"))  # read as figures
MONTH_TARGET_KEYS = tuple(key for key in MONTH_OF_KEY if key.endswith("_target"))  # compared, never stored

DATA_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("code", "Kode Indikator", pattern(r"^(kode|kode indikator|kode ik|kode iku|no indikator)$")),
    ColumnSpec("name", "Indikator Kinerja", pattern(r"^(indikator|uraian indikator|nama indikator)")),
    ColumnSpec("name", "Indikator Kinerja", pattern(r"^iku$")),  # offices' own systems head it "IKU"
    ColumnSpec("unit", "Unit", pattern(r"^(unit|unit kerja|kode unit|penanggung ?jawab|pj|bidang)$")),
    ColumnSpec("year", "Tahun", pattern(r"^tahun$")),
    ColumnSpec("quarter", "Triwulan", pattern(r"^(triwulan|tw|trw|periode)$")),
    *MONTH_COLUMNS,
    ColumnSpec("numerator", "Pembilang", pattern(r"^(realisasi )?pembilang")),
    ColumnSpec("denominator", "Penyebut", pattern(r"^(realisasi )?penyebut")),
    *(ColumnSpec(f"r{q}", f"Realisasi TW {roman(q)}", _quarter_realisation(q)) for q in (1, 2, 3, 4)),
    ColumnSpec("value", "Realisasi", pattern(r"^(nilai |capaian )?realisasi( kinerja)?( tahun)?( 20\d\d)?$")),
    ColumnSpec("drivers", "Faktor Pendorong", pattern(r"^(faktor )?pendorong")),
    ColumnSpec("obstacles", "Faktor Penghambat", pattern(r"^(faktor )?(penghambat|kendala|hambatan|permasalahan)")),
    ColumnSpec("follow_up", "Tindak Lanjut", pattern(r"^(rencana )?(tindak lanjut|upaya|solusi|langkah)")),
    ColumnSpec("evidence_url", "Bukti Dukung", pattern(r"^(bukti|link|tautan|url)")),
)
LABEL = {spec.key: spec.label for spec in DATA_COLUMNS}
TEXT_KEYS = ("drivers", "obstacles", "follow_up", "evidence_url")

# --- a table of programme spending: the template's Anggaran sheet, or a unit's own ----------------

_SPENDING = r"^(realisasi (anggaran|keuangan|belanja)|serapan( anggaran)?)\b"
_NOT_SPENDING = r"%|persen|\bkas\b|pagu|\bs d\b|\bsd\b|sampai|kumulatif|target|rencana"


def _quarter_spending(q: int):
    spending, unwanted = re.compile(_SPENDING), re.compile(_NOT_SPENDING)
    return lambda label: bool(spending.match(label)) and quarter_in_label(label) == q and not unwanted.search(label)


BUDGET_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("programme_code", "Kode Program", pattern(r"^kode( program)?$")),
    ColumnSpec("programme", "Program", pattern(r"^(nama |uraian )?program\b", unless=r"indikator|sasaran|kode")),
    ColumnSpec("cash_plan", "Anggaran Kas", pattern(r"^(anggaran kas|rencana (penarikan|kas))\b")),
    *(ColumnSpec(f"s{q}", f"Realisasi Anggaran TW {roman(q)}", _quarter_spending(q)) for q in (1, 2, 3, 4)),
    ColumnSpec("spending", "Realisasi Anggaran", pattern(_SPENDING + r"( rp)?$", unless=r"%|persen|\bkas\b")),
    ColumnSpec("pagu", "Pagu", pattern(r"^(pagu|anggaran|alokasi|jumlah anggaran)\b", unless=r"\bkas\b")),
)
BUDGET_LABEL = {spec.key: spec.label for spec in BUDGET_COLUMNS}
SPENDING_KEYS = ("spending", "s1", "s2", "s3", "s4")  # read and stored; pagu and cash plan are context only


@dataclass(frozen=True)
class Period:
    """What the upload says of the file: the page's or command's choices, or the template's."""

    year: int | None = None
    quarter: int | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class MonthFigure:
    """One month of a monthly sheet's row, as read: its realisation (or counts) and its target."""

    month: int  # 1 = Januari
    value: float | None = None
    target: float | None = None
    numerator: float | None = None
    denominator: float | None = None

    @property
    def filled(self) -> bool:
        return self.value is not None or self.numerator is not None or self.denominator is not None


@dataclass(slots=True)
class DataRow:
    """One indicator's figure for one quarter, as read, before it is matched to the plan."""

    place: RowPlace
    code: str | None
    name: str | None
    unit: str | None
    year: int | None
    quarter: int | None
    value: float | None
    numerator: float | None
    denominator: float | None
    text: dict[str, str | None] = field(default_factory=dict)
    value_key: str = "value"  # which column the value came from, for messages
    indicator_id: int | None = None
    unit_code: str | None = None
    # the value's text could be two numbers ('11.713') and its column did not say which: (text, as
    # read, the other reading), decided against the plan's targets when the row is checked
    ambiguous: tuple[str, float, float] | None = None
    # a monthly sheet's row: the quarter's months as read, folded into the quarter's figure by the
    # indicator's aggregation once the row is matched to the plan (monthly.fold_months), and how
    months: tuple[MonthFigure, ...] = ()
    fold: str | None = None

    def copy(self) -> DataRow:
        """A shallow copy of the row: ``dataclasses.replace`` without its look at every field on each
        call (a third of a second for a province's 50,000 rows)."""
        return DataRow(*_ROW_FIELDS(self))


_ROW_FIELDS = attrgetter(*(f.name for f in fields(DataRow)))


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row of the file that holds no figure to store, and why: every row is accounted for."""

    place: RowPlace
    reason: str
    value: object = None

    def as_dict(self) -> dict[str, object]:
        return {"Sheet": self.place.sheet or "", "Baris": self.place.row, "Alasan": self.reason, "Isi": self.value}


@dataclass
class BudgetLine:
    """A programme's spending in a quarter, as read (the Renja form's Rp columns, a budget table); or a kegiatan's or
    sub-kegiatan's, kept with the indicator its row carries (``indicator``, the row's name in Kinerja)."""

    place: RowPlace
    programme: str
    unit: str | None
    year: int | None
    quarter: int
    spending: float
    programme_code: str | None = None  # the plan's programme, once checking has found it
    unit_code: str | None = None
    indicator: str | None = None
    indicator_id: int | None = None
    # read from a table of programme spending (the template's Anggaran sheet, a unit's own): the code
    # it writes (found by code first, else by name) and, being the unit's own list, a programme the
    # plan does not know for the year is an error there, where the Renja form's is only passed over
    code: str | None = None
    table: bool = False


@dataclass
class DataFile:
    """One uploaded file: what was read from it and everything wrong with it."""

    file_name: str
    content: bytes
    rows: list[DataRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    template: Period | None = None
    budget: list[BudgetLine] = field(default_factory=list)
    narrative: bool = True  # the file has columns for drivers/obstacles (the Renja form has none)
    skipped: list[SkippedRow] = field(default_factory=list)  # rows read that hold no figure, with why
    # figures equal to the stored ones (found by checking): accounted for, not saved again
    unchanged: list[DataRow] = field(default_factory=list)
    unchanged_budget: list[BudgetLine] = field(default_factory=list)  # spending equal to the stored, likewise
    columns: list[ColumnRead] = field(default_factory=list)  # which column of a table was read as what

    @property
    def programme_spending(self) -> int:
        """The programmes' quarters of spending read from the file (a budget table, the Renja form), not a kegiatan's."""
        return sum(line.indicator is None for line in self.budget)

    def accounting(self) -> str:
        """Every data row of the file: how many hold figures, how many were skipped and why."""
        figures = {(r.place.sheet, r.place.row) for r in (*self.rows, *self.unchanged)}
        money = {(b.place.sheet, b.place.row) for b in (*self.budget, *self.unchanged_budget)} - figures
        reasons: dict[str, int] = defaultdict(int)
        for skipped in self.skipped:
            reasons[skipped.reason] += 1
        text = f"{len(figures) + len(money) + len(self.skipped)} baris data: {len(figures)} berisi angka"
        if money:
            text += f", {len(money)} berisi anggaran saja"
        if reasons:
            text += ", " + ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items(), key=lambda r: -r[1]))
        if self.unchanged:
            text += f"; {self.unchanged_summary()}"
        programmes = sum(b.indicator is None for b in self.unchanged_budget)
        if programmes:
            text += f"; {programmes} realisasi anggaran program sudah tersimpan, tidak berubah"
        if len(self.unchanged_budget) > programmes:
            text += (
                f"; {len(self.unchanged_budget) - programmes} realisasi anggaran kegiatan/sub kegiatan sudah "
                "tersimpan, tidak berubah"
            )
        monthly = self.monthly_note()
        return f"{text}; {monthly}" if monthly else text

    def monthly_note(self) -> str:
        """How a monthly sheet became quarters: 'dibaca dari kolom bulanan: TW III = Juli–September;
        dijumlahkan (kumulatif): 2 indikator', one rule per aggregation met; "" for other files."""
        quarters = sorted({r.quarter for r in self.rows if r.months and r.quarter})
        if not quarters:
            return ""
        spans = ", ".join(f"TW {roman(q)} = {month_span(quarter_months(q))}" for q in quarters)
        rules: dict[str, set] = defaultdict(set)
        for row in self.rows:
            if row.fold:
                rules[row.fold].add((row.place.sheet, row.place.row))
        folded = "".join(f"; {how}: {len(rows)} indikator" for how, rows in rules.items())
        return f"dibaca dari kolom bulanan: {spans}{folded}"

    def unchanged_summary(self) -> str:
        """'16 angka TW I 2026, TW II 2026 sudah tersimpan, tidak berubah' (checking found them)."""
        periods = ", ".join(period_name(y, q) for y, q in sorted({(r.year, r.quarter) for r in self.unchanged}))
        return f"{len(self.unchanged)} angka {periods} sudah tersimpan, tidak berubah"

    @functools.cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def collector_paused(work):
    """Run ``work`` with Python's cyclic garbage collector paused. Reading a large file allocates
    hundreds of thousands of small, acyclic objects, which the collector would otherwise rescan
    again and again (about a sixth of a 50,000-row import); reference counting still frees them."""

    @functools.wraps(work)
    def paused(*args, **kwargs):
        with bulk.collector_paused():  # the plan's import pauses it the same way
            return work(*args, **kwargs)

    return paused


def stored_value(row: DataRow) -> float | None:
    return quarter_value(row.value, row.numerator, row.denominator)
