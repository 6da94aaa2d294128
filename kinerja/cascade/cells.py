"""What both cascade readers take from a row: where it is (``RowPlace``, the importers' own), a pagu
read as a number or a problem at its cell, and a target that is a number or else the text as
written ("WTP", "A")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kinerja.cascade.codes import made_code, split_code
from kinerja.cascade.identity import said
from kinerja.cascade.tree import Level
from kinerja.domain.numbers import message_number, parse_number, read_by_mark, readings
from kinerja.domain.problems import Problem
from kinerja.workbook.cells import RowPlace, parse_cell, text_value
from kinerja.workbook.spreadsheet import Table, column_letter


def row_places(
    table: Table, file_name: str, problems: list[Problem] | None = None
) -> Iterator[tuple[RowPlace, dict[str, object]]]:
    """Each data row of ``table`` with its place; a problem names the column by its letter. A figure
    written as text is read by its column's decimal mark ('1,250' among '85.5' is 1250); where the
    column's figures show no mark, a figure that reads two ways ('1,250': 1,25 or 1250) is read the
    Indonesian way and named at its cell among ``problems``, as a warning the planner checks."""
    columns = {key: column_letter(col) for key, col in table.columns.items()}
    figures = {k for k in table.columns if k.startswith("target")} | {"pagu", "spending"}
    marks = table.decimal_marks(figures)
    undecided = sorted((figures & table.columns.keys()) - marks.keys())
    for index, cells in table.data_rows():
        place = RowPlace(file_name, table.sheet.name, index + 1, columns)
        if problems is not None:
            problems += _two_ways(place, cells, undecided)
        if marks:
            cells = {k: read_by_mark(v, marks.get(k)) for k, v in cells.items()}
        yield place, cells


def _two_ways(place: RowPlace, cells: dict[str, object], keys: list[str]) -> list[Problem]:
    found = []
    for key in keys:
        both = readings(cells.get(key))
        if both:
            read, other = (message_number(v, 6) for v in both)
            message = (
                f"'{cells[key]}' dapat berarti {read} atau {other}; dibaca {read}. Pastikan, atau tulis tanpa "
                "pemisah ribuan"
            )
            found.append(place.problem(key, cells[key], message, "warning"))
    return found


def pagu_value(place: RowPlace, cells: dict[str, object], problems: list[Problem]) -> float | None:
    return parse_cell(place, "pagu", cells.get("pagu"), problems, parse_number, "angka", "Pagu")


def spending_value(place: RowPlace, cells: dict[str, object], problems: list[Problem]) -> float | None:
    """The row's realised spending (rupiah), a number or a problem at its cell."""
    return parse_cell(place, "spending", cells.get("spending"), problems, parse_number, "angka", "Realisasi anggaran")


# "Realisasi Anggaran", "Realisasi (Rp)", "Realisasi Keuangan": spent money, not a performance figure
SPENDING_HEADING = r"^(realisasi (anggaran|keuangan|belanja|\(rp\)|rp\b)|serapan( anggaran)?( \(rp\))?$)"


_RANGE = re.compile(r"^\s*([0-9][0-9.,]*)\s*[-–]\s*([0-9][0-9.,]*)\s*$")


def target_value(value: object) -> tuple[float | None, float | None, str | None]:
    """A target as a sheet or a person writes it: (number, None, None), a range "80 - 90" as
    (80, 90, None), or (None, None, the text as written) where it is not a number ("WTP")."""
    if isinstance(value, str) and (found := _RANGE.match(value)):
        try:
            return parse_number(found.group(1)), parse_number(found.group(2)), None
        except ValueError:
            return None, None, text_value(value)
    try:
        return parse_number(value), None, None
    except ValueError:
        return None, None, text_value(value)


# a row that totals the rows above it ("JUMLAH", "Total Belanja", "Sub Total"), not a node
_TOTAL_ROW = re.compile(r"^(jumlah|total|sub ?total|grand total)\b", re.I)


def is_total_row(name: str) -> bool:
    """Whether a row named ``name`` (no code) is a total of the rows above it."""
    return _TOTAL_ROW.match(name.strip()) is not None


def origin(place: RowPlace) -> Problem:
    """Where a node came from, for the problems the whole tree's checks find later."""
    return Problem("", place.file, place.sheet, place.row)


@dataclass(frozen=True)
class PlanNames:
    """What a sheet's words are matched against: the plan's sasaran and tujuan (name or code →
    code; a name as written or case and spacing aside), the codes already taken (a code made for a
    node the sheet gives none skips them), and the units (``drawn.unit_key`` of a name or code →
    code) a drawing's unit headings may name."""

    sasaran: dict[str, str]
    tujuan: dict[str, str]
    taken: set[str]
    units: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for which in ("sasaran", "tujuan"):  # a wording as written, and case and spacing aside
            names = getattr(self, which)
            object.__setattr__(self, which, names | {said(key): code for key, code in names.items()})

    def sasaran_of(self, text: str | None) -> str | None:
        """The plan's sasaran ``text`` names (its wording, case and spacing aside, or its code), if any."""
        return _named(self.sasaran, text)

    def tujuan_of(self, text: str | None) -> str | None:
        """The plan's tujuan ``text`` names, if any."""
        return _named(self.tujuan, text)

    def fresh_code(self, parent: str | None, level: Level, made: dict[str, int]) -> str:
        """The next code for a node without one under ``parent`` ("S1.2", or "T3" at the top)."""
        key = parent or str(level)
        while True:
            made[key] = made.get(key, 0) + 1
            code = made_code(parent, level, made[key])
            if code not in self.taken:
                return code


_CODE_ONLY = re.compile(r"[A-Za-z]{0,3}[ .-]?[0-9]+(\.[0-9]+)*\.?")

NOT_A_WORDING = (
    "sasaran {text} tidak ada dalam rencana tahun ini; tulis kalimat sasarannya (sasaran yang belum ada di PK "
    "menjadi sasaran pohon) atau kode sasaran PK tahun ini"
)


def is_wording(text: str | None) -> bool:
    """Whether ``text`` is a sasaran's wording, not only a code or number ("S1", "1.2"): a sasaran
    the plan lacks becomes the tree's own only from its wording."""
    return bool(text) and _CODE_ONLY.fullmatch(str(text).strip()) is None


def _named(names: dict[str, str], text: str | None) -> str | None:
    """The code ``names`` (wording or code → code, with each key also case and spacing aside)
    gives ``text``: as written, case and spacing aside, or by the code in front of it."""
    if not text:
        return None
    found = names.get(text) or names.get(said(text))
    if found is None and (code := split_code(text)[0]):
        found = names.get(code) or names.get(said(code))
    return found
