"""The boxes of a pohon kinerja drawn in cells, as offices draw it in Excel (DOMAIN.md, "Cascades as
offices draw them"), before any box is placed in the tree.

A box opens at a head cell: "Sasaran : …", "Sasaran Program : …", "Tujuan :", "Program : 1.02.02 …",
"Sub Kegiatan : …"; "Sasaran 1" (no colon: the head's sasaran 1); "Sasaran : 1" (the box supports the
superior's sasaran 1). It holds the cells under it, within its columns, down to a blank row, the next
box or a unit heading. A label ("Sasaran :", "Indikator :", "Penanggung Jawab :", "Pagu :", "Target
:") has its text in the same cell or in the next one: right, below, or one row down and one column
right. "1.1" / "2.1" before an indicator names the superior's sasaran and indicator it supports.
Unit headings ("BAGIAN PERTANIAN", "SUB BAGIAN TATA USAHA", "KEPALA BIRO …") stand over their boxes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kinerja.cascade.tree import Level
from kinerja.workbook.cells import text_value
from kinerja.workbook.spreadsheet import Sheet, column_letter

# "Sasaran Strategis : …", "Program : 1.02.02 Program …": the label, then the text after the colon
HEAD = re.compile(
    r"^(tujuan|sasaran|program|kegiatan|sub ?kegiatan)"
    r"(?: (pemda|rpjmd|daerah|strategis|perangkat daerah|pd|opd|program|kegiatan|sub ?kegiatan))?\s*:\s*(.*)$",
    re.I | re.S,
)
# "Sasaran 1", "SASARAN 2", "Sasaran Strategis 3 : …": the head's own numbered sasaran
_NUMBERED = re.compile(r"^sasaran(?: strategis)?\s+(?:ke[- ]?)?(\d{1,2})\.?\s*(?::\s*(.*))?$", re.I | re.S)
_OFFICIAL = re.compile(r"^(?:penanggung ?jawab|pj|pejabat|eselon [iv]+)\s*:\s*(.*)$", re.I | re.S)
_LINES = (
    ("indicator", re.compile(r"^(?:indikator(?: kinerja)?(?: [a-z ]+?)?|ik|iku)\s*:\s*(.*)$", re.I | re.S)),
    ("official", _OFFICIAL),
    ("pagu", re.compile(r"^(?:pagu|anggaran)(?: \(rp\))?\s*:\s*(.*)$", re.I | re.S)),
    ("spending", re.compile(r"^(?:realisasi(?: anggaran| keuangan)?|serapan)(?: \(rp\))?\s*:\s*(.*)$", re.I | re.S)),
    ("target", re.compile(r"^target(?: kinerja)?\s*:\s*(.*)$", re.I | re.S)),
)
# "1.1", "2.1." alone, or before the indicator's text: the superior's sasaran 2, its indicator 1
_REFERENCE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?(?:\s+(\S.*))?$", re.S)
_BARE_NUMBER = re.compile(r"^(\d{1,2})(?:\.(\d{1,2}))?\.?$")
# a unit's heading: the official's unit, its word saying its eselon
_UNIT = re.compile(
    r"^(?:kepala\s+)?(sub\s*bagian|subbag|sub\s*bidang|subbid|seksi|kasubbag|kasubbid|kasi|"
    r"bagian|bidang|kabag|kabid|sekretariat|sekretaris|biro|dinas|badan|inspektorat)\b",
    re.I,
)
_ESELON = {
    "biro": 2, "dinas": 2, "badan": 2, "inspektorat": 2,
    "bagian": 3, "bidang": 3, "kabag": 3, "kabid": 3, "sekretariat": 3, "sekretaris": 3,
}  # fmt: skip
# the level of a box under the heading of an official of each eselon (the head's boxes: by where they stand)
LEVEL_OF_ESELON = {3: Level.PROGRAM, 4: Level.KEGIATAN}


@dataclass(frozen=True)
class UnitHeading:
    """A unit's heading over its boxes: its cell, the columns it stands over, its eselon."""

    row: int
    col: int
    first: int
    last: int
    text: str
    eselon: int

    @property
    def cell(self) -> str:
        return f"{column_letter(self.col)}{self.row + 1}"

    def covers(self, col: int) -> bool:
        return self.first <= col <= self.last


@dataclass
class Line:
    """A line of a box: what it says (indicator, official, pagu, spending, target, named: the
    program a sasaran's box stands for; loose: text without a label), its text, and the superior's
    sasaran and indicator a "2.1" before it names."""

    row: int
    col: int
    kind: str
    text: str = ""
    reference: tuple[int, int] | None = None

    @property
    def cell(self) -> str:
        return f"{column_letter(self.col)}{self.row + 1}"


@dataclass
class Box:
    """A box of the drawing: its head cell, the columns and rows it spans, its label, its text, its
    number ("Sasaran 1") or the superior's sasaran it supports ("Sasaran : 1"), its lines, and the
    unit heading over it."""

    row: int
    col: int
    first: int
    last: int
    label: str
    qualifier: str | None
    text: str = ""
    numbered: int | None = None
    supports: int | None = None
    lines: list[Line] = field(default_factory=list)
    bottom: int = 0
    unit: UnitHeading | None = None

    @property
    def cell(self) -> str:
        return f"{column_letter(self.col)}{self.row + 1}"

    @property
    def number(self) -> int | None:
        """The number the boxes below name this box by: the head's "Sasaran 1", a unit's "Sasaran : 1"."""
        return self.numbered if self.numbered is not None else self.supports

    def overlaps(self, other: Box) -> bool:
        return self.first <= other.last and other.first <= self.last

    def references(self) -> list[int]:
        """The superior's sasaran this box names: its "Sasaran : 1", else its indicators' "1.1" (a
        numbered head's "1.1" are its own indicators' numbers)."""
        if self.numbered is not None:
            return []
        if self.supports is not None:
            return [self.supports]
        return list(dict.fromkeys(line.reference[0] for line in self.lines if line.reference))

    def indicator_count(self) -> int:
        return sum(line.kind == "indicator" and bool(line.text) for line in self.lines)


@dataclass
class Drawing:
    """A sheet's boxes (in reading order), its unit headings, and the cells they hold."""

    boxes: list[Box]
    headings: list[UnitHeading]
    used: set[tuple[int, int]]


def is_head(value: object) -> bool:
    """Whether a cell opens a box."""
    return isinstance(value, str) and _head(value) is not None


def read_boxes(sheet: Sheet) -> Drawing:
    """The boxes and unit headings of ``sheet``."""
    grid = _Grid(sheet)
    heads = {(r, c) for r, c, text in grid.texts() if _head(text)}
    units = {(r, c) for r, c, text in grid.texts() if (r, c) not in heads and _eselon(text) and not grid.named(r, c)}
    used: set[tuple[int, int]] = set()
    boxes = [_read_box(grid, r, c, heads, units, used) for r, c in sorted(heads) if (r, c) not in used]
    headings = [_heading(grid, r, c) for r, c in sorted(units) if (r, c) not in used]
    used |= {(h.row, h.col) for h in headings}
    for box in boxes:
        box.unit = max(
            (h for h in headings if h.row < box.row and h.covers(box.col)), key=lambda h: h.row, default=None
        )
    return Drawing(boxes, headings, used)


def superior_heading(heading: UnitHeading, headings: list[UnitHeading]) -> UnitHeading | None:
    """The heading of the unit above ``heading``'s: the nearest above it, of a higher official, over its column."""
    above = [h for h in headings if h.row < heading.row and h.eselon < heading.eselon and h.covers(heading.col)]
    return max(above, key=lambda h: h.row, default=None)


def _head(text: str) -> tuple[str, str | None, str, int | None] | None:
    """(label, qualifier, text, number) of a head cell."""
    text = text.strip()
    if found := _NUMBERED.match(text):
        return "sasaran", None, found.group(2) or "", int(found.group(1))
    if found := HEAD.match(text):
        return found.group(1), found.group(2), found.group(3), None
    return None


def _eselon(text: str) -> int | None:
    """The eselon of the official whose unit a heading names ("SUB BAGIAN …" 4, "BAGIAN …" 3, "BIRO …" 2)."""
    if ":" in text or "\n" in text.strip() or len(text.split()) > 12 or not (found := _UNIT.match(text.strip())):
        return None
    return _ESELON.get(found.group(1).lower(), 4)


class _Grid:
    """A sheet's cells with their merged spans: a merged range's cells are covered by its first."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.span = {(r0, c0): (r1, c1) for (r0, c0), (r1, c1) in sheet.merged}
        self.covered = {
            (r, c): (r0, c0)
            for (r0, c0), (r1, c1) in sheet.merged
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)
        }

    def texts(self):
        for r, row in enumerate(self.sheet.rows):
            for c, value in enumerate(row):
                if value not in (None, "") and (text := self.text(r, c)) is not None:
                    yield r, c, text

    def text(self, r: int, c: int) -> str | None:
        value = self.sheet.cell(r, c)
        if value is None or value == "" or (r, c) in self.covered:
            return None
        return str(value).strip() if isinstance(value, str) else text_value(value)

    def named(self, r: int, c: int) -> bool:
        """Whether the cell is the text of a "Penanggung Jawab :" beside it (left, above, above left)."""
        for cell in ((r, c - 1), (r - 1, c), (r - 1, c - 1)):
            text = self.text(*self.covered.get(cell, cell)) if min(cell) >= 0 else None
            if text and (found := _OFFICIAL.match(text)) and not found.group(1).strip():
                return True
        return False

    def end(self, r: int, c: int) -> tuple[int, int]:
        return self.span.get((r, c), (r, c))

    def occupied(self, r: int, c: int) -> bool:
        origin = self.covered.get((r, c), (r, c))
        return self.text(*origin) is not None


def _heading(grid: _Grid, r: int, c: int) -> UnitHeading:
    """A unit heading's columns: its merged width, or (not merged) up to the next text on its row."""
    text = " ".join((grid.text(r, c) or "").split())
    last = grid.end(r, c)[1]
    if last == c:
        width = len(grid.sheet.rows[r]) if r < len(grid.sheet.rows) else c + 1
        last = next((k - 1 for k in range(c + 1, width) if grid.occupied(r, k)), max(width - 1, c))
    return UnitHeading(r, c, c, last, text, _eselon(text) or 4)


def _read_box(grid: _Grid, r: int, c: int, heads: set, units: set, used: set) -> Box:
    """The box whose head is at (r, c): its cells row by row, left to right, each label taking its text."""
    label, qualifier, text, number = _head(grid.text(r, c) or "")
    reader = _BoxReader(Box(r, c, c, grid.end(r, c)[1], label, qualifier, numbered=number, bottom=grid.end(r, c)[0]))
    reader.grid = grid
    used.add((r, c))
    reader.head_text(text, (r, c))

    def free(cell: tuple[int, int]) -> bool:
        text = grid.text(*cell)
        return (
            cell not in used
            and cell not in heads
            and _is_value(text)
            and (cell not in units or reader.awaits("official"))
        )

    row = r
    while row < len(grid.sheet.rows):
        columns = range(c, reader.box.last + 1)
        cells = [(row, k) for k in columns if row > r and grid.text(row, k) is not None and (row, k) not in used]
        if any(cell in heads and not reader.names_program(grid.text(*cell)) for cell in cells):
            break  # the next box, stacked right under this one
        if any(cell in units and not reader.awaits("official") for cell in cells):
            break  # a unit heading: its boxes follow
        cells = sorted({*cells, *(cell for cell in reader.cells_below(row) if free(cell))})
        if row > reader.box.bottom and not cells and not any(grid.occupied(row, k) for k in columns):
            break
        for cell in [None, *cells]:  # None: the head's own text may sit right of it
            if cell is not None and cell not in used:
                reader.take(cell, grid.text(*cell) or "", used)
            if (right := reader.cell_right(row)) and free(right):
                reader.take(right, grid.text(*right) or "", used)
        row += 1
    return reader.box


def _is_value(text: str | None) -> bool:
    return text is not None and not any(pattern.match(text) for _, pattern in _LINES)


class _BoxReader:
    """Reads a box's cells in order: a label awaits its text; plain text fills what awaits it."""

    def __init__(self, box: Box) -> None:
        self.box = box
        self.grid: _Grid
        self.waiting: tuple[str, Line | None, tuple[int, int]] | None = None  # (what, its line, its cell)
        self.reference: tuple[int, int] | None = None  # a "1.1" cell before the indicator beside it
        self.last_kind: str | None = None

    def awaits(self, what: str) -> bool:
        return self.waiting is not None and self.waiting[0] == what

    def names_program(self, text: str | None) -> bool:
        """A "Program : …" (or kegiatan) cell under a sasaran's head names the program the box stands for."""
        head = _head(text or "")
        return bool(
            head and head[3] is None and head[0].lower() not in ("sasaran", "tujuan")
            and self.box.label.lower() in ("sasaran", "tujuan")
        )  # fmt: skip

    def cells_below(self, row: int) -> list[tuple[int, int]]:
        """Where the text of the label that awaits it may be on ``row``: below it, or below and right."""
        if self.waiting is None:
            return []
        r, c = self.waiting[2]
        return [(row, c), (row, c + 1)] if row == self.grid.end(r, c)[0] + 1 else []

    def cell_right(self, row: int) -> tuple[int, int] | None:
        """The cell right of the label that awaits its text, when the label is on ``row``."""
        if self.waiting is None or self.waiting[2][0] != row:
            return None
        r, c = self.waiting[2]
        return (r, self.grid.end(r, c)[1] + 1)

    def head_text(self, text: str, cell: tuple[int, int]) -> None:
        text = text.strip()
        if (number := _BARE_NUMBER.match(text)) and self.box.numbered is None:
            self.box.supports = int(number.group(1))
            text = ""
        if text:
            self.box.text = " ".join(text.split())
        else:
            self.waiting = ("name", None, cell)

    def take(self, cell: tuple[int, int], text: str, used: set) -> None:
        used.add(cell)
        r, c = cell
        self.box.last = max(self.box.last, self.grid.end(r, c)[1])
        self.box.bottom = max(self.box.bottom, self.grid.end(r, c)[0])
        head = _head(text)
        if head is not None:  # "Program : 1.02.02 …" under a sasaran's head
            self._line(Line(r, c, "named", head[2].strip()), cell)
            return
        for kind, pattern in _LINES:
            if found := pattern.match(text):
                self._line(Line(r, c, kind, found.group(1).strip()), cell)
                return
        self._value(cell, text)

    def _line(self, line: Line, cell: tuple[int, int]) -> None:
        self.box.lines.append(line)
        self.last_kind = line.kind
        if line.kind == "indicator" and (numbered := _REFERENCE.match(line.text)) and numbered.group(3):
            line.reference, line.text = (int(numbered.group(1)), int(numbered.group(2))), numbered.group(3)
        if line.kind == "indicator" and self.reference:
            line.reference, self.reference = self.reference, None
        self.waiting = None if line.text else (line.kind, line, cell)

    def _value(self, cell: tuple[int, int], text: str) -> None:
        r, c = cell
        what, line, _ = self.waiting or (None, None, None)
        reference = _REFERENCE.match(text) if what in (None, "indicator") else None
        if reference:
            number = (int(reference.group(1)), int(reference.group(2)))
            if not reference.group(3):  # "1.1" alone: the indicator follows it
                self.reference = number
                self.waiting = ("indicator", None, cell) if self.waiting is None else self.waiting
                return
            text = reference.group(3)
        else:
            number, self.reference = self.reference, None
        if what == "name" and (bare := _BARE_NUMBER.match(text)) and self.box.supports is None:
            self.box.supports = int(bare.group(1))  # "Sasaran :" | "1": the superior's sasaran 1
            self.waiting = ("name", None, cell)
            return
        if what == "name" and not self.box.text:
            self.box.text, self.waiting = " ".join(text.split()), None
        elif line is not None and not line.text:
            line.text, line.reference, self.waiting = text, line.reference or number, None
        elif what == "indicator" or self.last_kind == "indicator" or number:
            self._line(Line(r, c, "indicator", text, number), cell)  # a further indicator without its label
        elif not self.box.text:
            self.box.text = " ".join(text.split())
        else:
            self.box.lines.append(Line(r, c, "loose", text))
