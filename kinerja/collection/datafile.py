"""The rows of quarterly data read from one file, before and after checking: where each came
from, what it says, the rows skipped and why, and the problems found."""

from __future__ import annotations

import functools
import gc
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from kinerja.collection.cells import RowPlace
from kinerja.collection.realization import quarter_value
from kinerja.collection.spreadsheet import (
    ColumnSpec,
    pattern,
)
from kinerja.domain.period import period_name, quarter_in_label, roman
from kinerja.domain.problems import Problem

TEMPLATE_SHEET = "_kinerja"
TEMPLATE_VERSION = 1

# "Capaian" alone is the achievement (%), but "Capaian Realisasi" is a heading of the realisation itself
_NOT_REALISATION = r"target|rencana|\bra\b|capaian(?! realisasi)|%|\brp\b|anggaran|pagu|pembilang|penyebut"


def _quarter_realisation(q: int):
    return lambda label: quarter_in_label(label) == q and not re.search(_NOT_REALISATION, label)


DATA_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("code", "Kode Indikator", pattern(r"^(kode|kode indikator|kode ik|kode iku|no indikator)$")),
    ColumnSpec("name", "Indikator Kinerja", pattern(r"^(indikator|uraian indikator|nama indikator)")),
    ColumnSpec("unit", "Unit", pattern(r"^(unit|unit kerja|kode unit|penanggung ?jawab|pj|bidang)$")),
    ColumnSpec("year", "Tahun", pattern(r"^tahun$")),
    ColumnSpec("quarter", "Triwulan", pattern(r"^(triwulan|tw|trw|periode)$")),
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


@dataclass(frozen=True)
class Period:
    """What the upload says of the file: the page's or command's choices, or the template's."""

    year: int | None = None
    quarter: int | None = None
    unit: str | None = None


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
    """A programme's spending in a quarter, as read (the Renja form's Rp columns)."""

    place: RowPlace
    programme: str
    unit: str | None
    year: int | None
    quarter: int
    spending: float
    programme_code: str | None = None
    unit_code: str | None = None


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

    def accounting(self) -> str:
        """Every data row of the file: how many hold figures, how many were skipped and why."""
        figures = {(r.place.sheet, r.place.row) for r in (*self.rows, *self.unchanged)}
        money = {(b.place.sheet, b.place.row) for b in self.budget} - figures
        reasons: dict[str, int] = defaultdict(int)
        for skipped in self.skipped:
            reasons[skipped.reason] += 1
        text = f"{len(figures) + len(money) + len(self.skipped)} baris data: {len(figures)} berisi angka"
        if money:
            text += f", {len(money)} berisi anggaran program saja"
        if reasons:
            text += ", " + ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items(), key=lambda r: -r[1]))
        if self.unchanged:
            periods = ", ".join(period_name(y, q) for y, q in sorted({(r.year, r.quarter) for r in self.unchanged}))
            text += f"; {len(self.unchanged)} angka {periods} sudah tersimpan, tidak berubah"
        return text

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
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return work(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


def stored_value(row: DataRow) -> float | None:
    return quarter_value(row.value, row.numerator, row.denominator)
