"""Reading a pohon kinerja drawn as boxes of cells (``boxes.py`` finds the boxes) into the tree, by
programme ("Sasaran Program :", "Kegiatan : 1.02.02.2.02 …") or by officials (the head's "Sasaran 1",
each Bagian's "Sasaran : 1" under its unit heading, each Sub Bagian's indicators numbered "2.1").

Where a box hangs:
- a box that names its superior's sasaran ("Sasaran : 1", or "2.1" before its indicators) hangs
  under the box of that number: among the boxes of the unit above its own when unit headings say so
  ("SUB BAGIAN …" under "BAGIAN …"), else among the numbered boxes above it (the head's "Sasaran 1");
- a box under a unit heading that names no number hangs under its superior unit's one box, or the
  one over its columns;
- any other box hangs under the box of the nearest row above whose columns (its merged width) are
  over its own, passing over the boxes of its own kind: boxes of one level stacked in a column are
  siblings, never parent and child.
The lines between boxes are shapes or borders a spreadsheet reader does not see, so a box under no
box or under two, or naming a number no box has, is not guessed: the problem names its cell and what
to change.

A box's level is its label's ("Sasaran Program :", "Sub Kegiatan :"), else its unit's official's
(Bagian, Bidang: eselon III, the program's; Sub Bagian, Seksi: eselon IV, the kegiatan's), else one
below its parent's. A target is read from the end of an indicator's text, "(100%)", "(13 Dokumen)",
"81 (A)", "(WTP)", or from a "Target :" line under it."""

from __future__ import annotations

import re
from dataclasses import replace

from kinerja.cascade.boxes import LEVEL_OF_ESELON, Box, Drawing, Line, UnitHeading, is_head, read_boxes
from kinerja.cascade.boxes import superior_heading as _superior_heading
from kinerja.cascade.cells import PlanNames, is_wording
from kinerja.cascade.codes import split_code
from kinerja.cascade.stored import DraftNode, NodeIndicator
from kinerja.cascade.tree import KIND_OF_LEVEL, Level
from kinerja.domain.numbers import parse_number
from kinerja.domain.problems import Problem
from kinerja.workbook.cells import text_value
from kinerja.workbook.spreadsheet import Sheet, column_letter

# a target at the end of an indicator: "(100%)", "(13 Dokumen)", "(WTP)", or "81 (A)"
_TARGET_IN_BRACKETS = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$", re.S)
_NUMBER_AND_UNIT = re.compile(r"^([-+]?[0-9][0-9.,]*)\s*(.*)$", re.S)
_NUMBER_AND_GRADE = re.compile(r"^(.*?)\s+([0-9][0-9.,]*)\s*\(([A-Za-z][A-Za-z+-]{0,2})\)\s*$", re.S)
_NUMBERED = re.compile(r"^\s*(?:[0-9]+[.)]|[-•*])\s+")

_SPECIFIC = {
    ("tujuan", "pemda"): Level.TUJUAN_PEMDA, ("tujuan", "rpjmd"): Level.TUJUAN_PEMDA,
    ("tujuan", "daerah"): Level.TUJUAN_PEMDA, ("sasaran", "pemda"): Level.SASARAN_PEMDA,
    ("sasaran", "rpjmd"): Level.SASARAN_PEMDA, ("sasaran", "daerah"): Level.SASARAN_PEMDA,
    ("tujuan", "perangkat daerah"): Level.TUJUAN_OPD, ("tujuan", "pd"): Level.TUJUAN_OPD,
    ("tujuan", "opd"): Level.TUJUAN_OPD, ("sasaran", "strategis"): Level.SASARAN_OPD,
    ("sasaran", "perangkat daerah"): Level.SASARAN_OPD, ("sasaran", "pd"): Level.SASARAN_OPD,
    ("sasaran", "opd"): Level.SASARAN_OPD, ("sasaran", "program"): Level.PROGRAM,
    ("sasaran", "kegiatan"): Level.KEGIATAN, ("sasaran", "subkegiatan"): Level.SUB_KEGIATAN,
    ("program", None): Level.PROGRAM, ("kegiatan", None): Level.KEGIATAN, ("subkegiatan", None): Level.SUB_KEGIATAN,
}  # fmt: skip
# the level a plain "Sasaran :" box has under a box of each level (and at the top: None)
_NEXT = {
    None: Level.SASARAN_OPD,
    Level.TUJUAN_PEMDA: Level.SASARAN_PEMDA,
    Level.SASARAN_PEMDA: Level.SASARAN_OPD,
    Level.TUJUAN_OPD: Level.SASARAN_OPD,
    Level.SASARAN_OPD: Level.PROGRAM,
    Level.PROGRAM: Level.KEGIATAN,
    Level.KEGIATAN: Level.SUB_KEGIATAN,
}
_ABOVE = {below: above for above, below in _NEXT.items() if above is not None and below is not Level.SASARAN_OPD}


class _Unplaced(Exception):
    """A box that cannot be placed: the message names its cell and what to change."""


def said_level(box: Box) -> Level | None:
    """The level a box's label says ("Sasaran Program :" a program, "Tujuan :" the office's tujuan)."""
    label = box.label.lower().replace(" ", "")
    qualifier = box.qualifier.lower().replace(" ", "") if box.qualifier else None
    found = _SPECIFIC.get((label, qualifier)) or _SPECIFIC.get((label, None))
    if found is None and label == "tujuan":
        return Level.TUJUAN_OPD
    return found


def unit_key(text: str) -> str:
    """A unit's name or code as a heading may write it: case, spacing and "Kepala" aside."""
    return re.sub(r"^kepala ", "", " ".join(str(text).casefold().split()))


def is_drawn(sheet: Sheet) -> bool:
    """Whether ``sheet`` is a drawn tree: two boxes or more ("Sasaran : …", "Sasaran 1" cells)."""
    heads = 0
    for row in sheet.rows:
        for value in row:
            heads += is_head(value)
            if heads >= 2:
                return True
    return False


def read_drawn(sheet: Sheet, file_name: str, plan: PlanNames, found) -> None:
    """Add the drawing's nodes, problems and cell accounting to ``found`` (a ``CascadeRead``)."""
    drawing = read_boxes(sheet)
    placing = _Placing(drawing, sheet.name, file_name, plan, found)
    for box in drawing.boxes:
        placing.place(box)
    for heading in drawing.headings:
        found.rows.append(
            (sheet.name, heading.row + 1, f"unit: {heading.text} ({heading.cell}; {placing.said(heading)})")
        )
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if (r, c) not in drawing.used and text_value(value):
                found.rows.append((sheet.name, r + 1, f"dilewati: teks di luar kotak ({column_letter(c)}{r + 1})"))


class _Placing:
    """The boxes placed so far: each one's level and code (None: it could not be read)."""

    def __init__(self, drawing: Drawing, sheet: str, file_name: str, plan: PlanNames, found) -> None:
        self.drawing, self.sheet, self.file_name, self.plan, self.found = drawing, sheet, file_name, plan, found
        self.done: list[Box] = []
        self.level: dict[int, Level] = {}
        self.code: dict[int, str | None] = {}
        self.made: dict[str, int] = {}

    def said(self, heading: UnitHeading) -> str:
        """What a unit heading gives its boxes."""
        if heading.eselon < 3:
            return "kepala, eselon II"
        code = self.plan.units.get(unit_key(heading.text))
        level = LEVEL_OF_ESELON[heading.eselon]
        given = f"unit {code}" if code else "penanggung jawab (belum ada di daftar unit)"
        return f"eselon {'III' if heading.eselon == 3 else 'IV'}, tingkat {level.word}, {given}"

    def problem(self, box: Box, message: str, line: Line | None = None) -> None:
        at = line or box
        self.found.problems.append(
            Problem(
                message, self.file_name, self.sheet, at.row + 1, column_letter(at.col), line.text if line else box.text
            )
        )
        self.found.rows.append((self.sheet, box.row + 1, f"galat: kotak {box.cell}"))

    def place(self, box: Box) -> None:
        self.done.append(box)
        self.code[id(box)] = None
        try:
            parents = self._parents(box)
        except _Unplaced as exc:
            self.problem(box, str(exc))
            return
        first = next(iter(parents.values()))
        if any(parent is not None and self.code[id(parent)] is None for parent in parents.values()):
            self.found.rows.append(
                (self.sheet, box.row + 1, f"galat: kotak {box.cell} di bawah kotak yang tidak terbaca")
            )
            return
        level = said_level(box) or self._unit_level(box) or _NEXT.get(self.level[id(first)] if first else None)
        if level is None:
            self.problem(box, f"kotak {box.cell} berada di bawah sub kegiatan; pohon kinerja berhenti di sub kegiatan")
            return
        self.level[id(box)] = level
        if not self._numbers_fit(box, parents):
            return
        if level is Level.SASARAN_OPD and is_wording(box.text) and not self.plan.sasaran_of(box.text):
            self._node(box, level, first, None, own=True)  # the PK has no such sasaran (yet): the tree's own
        elif level is Level.SASARAN_OPD:
            self._plan_sasaran(box, first)
        elif level is Level.TUJUAN_OPD and (known := self._plan_tujuan(box)):
            self._tujuan(box, first, known)
        else:
            for number, parent in parents.items():
                self._node(box, level, parent, number if len(parents) > 1 else None)

    # --- where a box hangs -------------------------------------------------------------------------

    def _parents(self, box: Box) -> dict[int | None, Box | None]:
        """The box's superior for each sasaran it names (one, None: at the top), or _Unplaced."""
        numbers = box.references()
        if box.unit is not None and box.unit.eselon >= 3:
            pool, whose = self._unit_pool(box)
            if numbers:
                return {n: self._numbered(box, n, pool, whose) for n in numbers}
            over = [b for b in pool if b.overlaps(box)]
            if len(over) == 1 or len(pool) == 1:
                return {None: (over or pool)[0]}
            raise _Unplaced(_unnumbered(box, pool, whose))
        if numbers:
            pool = [b for b in self.done[:-1] if b.number is not None and _kind(b) != _kind(box)]
            return {n: self._numbered(box, n, pool, "atasannya") for n in numbers}
        return {None: self._nested(box)}

    def _unit_pool(self, box: Box) -> tuple[list[Box], str]:
        """The boxes a box under a unit heading may hang under (of the level above its own, in its
        unit or the unit above it), and how to name them."""
        superior = _superior_heading(box.unit, self.drawing.headings)
        above = _ABOVE.get(said_level(box) or LEVEL_OF_ESELON[box.unit.eselon])
        pool = [b for b in self.done[:-1] if self.level.get(id(b)) is above]
        if superior is not None:
            pool = [b for b in pool if b.unit in (box.unit, superior)] or pool
        return pool, (f"{superior.text} ({superior.cell})" if superior is not None else "atasannya")

    def _numbered(self, box: Box, number: int, pool: list[Box], whose: str) -> Box:
        """The box of ``pool`` numbered ``number``: one, or the one over the box's columns nearest above it."""
        matches = [b for b in pool if b.number == number]
        if len(matches) > 1:
            matches = [b for b in matches if b.overlaps(box)] or matches
            nearest = max(b.row for b in matches)
            matches = [b for b in matches if b.row == nearest] if len(matches) > 1 else matches
        if len(matches) == 1:
            return matches[0]
        numbers = sorted({b.number for b in pool if b.number is not None})
        if not matches:
            have = f"sasaran bernomor {', '.join(map(str, numbers))}" if numbers else "tidak ada sasaran bernomor"
            raise _Unplaced(
                f"kotak {box.cell} menunjuk sasaran {number} {whose}, yang tidak ada di gambar ({have}); perbaiki "
                f'nomornya ("Sasaran : {numbers[0] if numbers else 1}" atau "{numbers[0] if numbers else 1}.1" '
                "di depan indikatornya)"
            )
        cells = ", ".join(b.cell for b in matches)
        raise _Unplaced(
            f"kotak {box.cell} menunjuk sasaran {number} {whose}, tetapi ada {len(matches)} kotak bernomor {number} "
            f"({cells}); beri setiap sasaran atasan nomor sendiri"
        )

    def _nested(self, box: Box) -> Box | None:
        """The box of the nearest row above over its columns, passing over boxes of its own kind."""
        kind = _kind(box)
        above = [b for b in self.done[:-1] if b.row < box.row and (kind is None or _kind(b) != kind)]
        if not above:
            return None
        nearest = max(b.row for b in above)
        row = [b for b in above if b.row == nearest]
        under = [b for b in row if b.overlaps(box)]
        if len(under) == 1:
            return under[0]
        raise _Unplaced(_unplaced(box, under, row))

    def _unit_level(self, box: Box) -> Level | None:
        return LEVEL_OF_ESELON.get(box.unit.eselon) if box.unit is not None else None

    def _numbers_fit(self, box: Box, parents: dict[int | None, Box | None]) -> bool:
        """Whether each "2.1" of the box names an indicator its superior's sasaran has."""
        fits = True
        for line in box.lines:
            if line.reference and None not in parents and line.reference[0] not in parents:
                a, b = line.reference
                self.problem(box, f"indikator {a}.{b} pada sel {line.cell} menunjuk sasaran {a} atasannya, tetapi "
                                  f"kotak {box.cell} mendukung sasaran {box.supports}; perbaiki salah satunya", line)  # fmt: skip
                fits = False
                continue
            parent = parents.get(line.reference[0]) if line.reference else None
            count = parent.indicator_count() if parent is not None else 0
            if line.reference and count and line.reference[1] > count:
                a, b = line.reference
                self.problem(
                    box,
                    f"indikator {a}.{b} pada sel {line.cell} menunjuk indikator ke-{b} sasaran {a} atasannya "
                    f"(kotak {parent.cell}), yang hanya punya {count} indikator; perbaiki nomornya",
                    line,
                )
                fits = False
        return fits

    # --- the nodes ---------------------------------------------------------------------------------

    def _plan_sasaran(self, box: Box, parent: Box | None) -> None:
        code = self.plan.sasaran_of(box.text)
        if code is None:
            what = f'"{box.text}"' if box.text else "tanpa teks"
            self.problem(box, f"sasaran pada kotak {box.cell} ({what}) tidak ada dalam rencana tahun ini; tulis "
                              "seperti di Perjanjian Kinerja")  # fmt: skip
            return
        self.code[id(box)] = code
        if parent is not None:
            self.found.placed[code] = self.code[id(parent)]
        self.found.rows.append((self.sheet, box.row + 1, f"sasaran {code} (kotak {box.cell})"))
        for line in box.lines:
            said = (
                f"indikator sasaran {code}: dari Perjanjian Kinerja"
                if line.kind == "indicator"
                else f"dilewati: baris kotak sasaran {code} (sasaran dan indikatornya dari Perjanjian Kinerja)"
            )
            self.found.rows.append((self.sheet, line.row + 1, said))

    def _plan_tujuan(self, box: Box) -> str | None:
        return self.plan.tujuan_of(box.text)

    def _tujuan(self, box: Box, parent: Box | None, known: str) -> None:
        """The plan's tujuan, with the indicators drawn on it."""
        self.code[id(box)] = known
        if parent is not None:
            self.found.placed[known] = self.code[id(parent)]
        self.found.rows.append((self.sheet, box.row + 1, f"tujuan {known} (kotak {box.cell})"))
        drawn = self._with_lines(DraftNode(Level.TUJUAN_OPD, known, box.text), box.lines)
        self.found.added.setdefault(known, []).extend(drawn.indicators)

    def _node(self, box: Box, level: Level, parent: Box | None, number: int | None, own: bool = False) -> None:
        """A node of the file: one per box, or one per superior sasaran its indicators name (``own``:
        a sasaran the PK does not have, the tree's own, its code made)."""
        named = next((line for line in box.lines if line.kind == "named"), None)  # "Program : …" under "Sasaran : …"
        code, name = split_code(named.text if named and named.text else box.text)
        parent_code = self.code[id(parent)] if parent is not None else None
        where = f"kotak {box.cell}" + (f", sasaran atasan {number}" if number is not None else "")
        if own:
            code = self.plan.fresh_code(parent_code, level, self.made)
            said = f"simpul: {code} (sasaran pohon, belum ada di PK; {where})"
        elif code is None:
            code = self.plan.fresh_code(parent_code, level, self.made)
            said = f"simpul: {code} (kode dibuat; {where})"
        else:
            said = f"simpul: {code} ({where})"
        unit_code, official = self._unit(box)
        node = DraftNode(level, code, name, parent_code, unit_code=unit_code, official=official,
                         where=Problem("", self.file_name, self.sheet, box.row + 1))  # fmt: skip
        self.found.rows.append((self.sheet, box.row + 1, said))
        lines = [line for line in box.lines if number is None or (line.reference or (number,))[0] == number]
        if number is not None and number != box.references()[0]:
            lines = [line for line in lines if line.reference]  # the box's other lines are its first node's
        self.found.nodes.append(self._with_lines(node, lines))
        self.code[id(box)] = self.code.get(id(box)) or code

    def _unit(self, box: Box) -> tuple[str | None, str | None]:
        """The unit code and official a unit heading gives a box (its name as written where the unit
        list does not have it)."""
        if box.unit is None or box.unit.eselon < 3:
            return None, None
        code = self.plan.units.get(unit_key(box.unit.text))
        return code, (None if code else box.unit.text)

    def _with_lines(self, node: DraftNode, lines: list[Line]) -> DraftNode:
        """``node`` with its box's indicators, targets, official and pagu; each line accounted for."""
        indicators = list(node.indicators)
        for line in lines:
            flat = " ".join(line.text.split())
            said = {"indicator": "indikator", "official": "penanggung jawab", "pagu": "pagu", "named": "nama",
                    "spending": "realisasi anggaran", "target": "target"}.get(line.kind)  # fmt: skip
            if line.kind == "indicator":
                parts = [p for p in re.split(r"\n|(?<=\))\s*;\s*", line.text) if p.strip()] or [""]
                for part in parts:
                    if indicator := drawn_indicator(_NUMBERED.sub("", part), KIND_OF_LEVEL[node.level]):
                        indicators.append(indicator)
            elif line.kind == "target" and not indicators:
                said = f"dilewati: target tanpa indikator di kotak {node.code} ({flat[:40]})"
            elif line.kind == "target" and flat:
                last = indicators[-1]
                written = f"{last.name} {flat}" if "(" in flat else f"{last.name} ({flat})"
                indicators[-1] = drawn_indicator(written, last.kind) or last
            elif line.kind == "official" and flat:
                node = replace(node, official=flat)
            elif line.kind in ("pagu", "spending"):
                try:
                    node = replace(node, **{"pagu" if line.kind == "pagu" else "spending": parse_number(flat)})
                except ValueError as exc:
                    self.found.problems.append(Problem(f"{said} kotak harus berupa angka ({exc})", self.file_name,
                                                       self.sheet, line.row + 1, column_letter(line.col), flat))  # fmt: skip
                    said = f"galat: {said} {node.code}"
            elif line.kind not in ("named", "official"):
                said = f"dilewati: baris kotak {node.code} tanpa label ({flat[:40]})"
            done = said.startswith(("dilewati", "galat"))
            self.found.rows.append((self.sheet, line.row + 1, said if done else f"{said}: {node.code}"))
        return replace(node, indicators=tuple(indicators))


def _kind(box: Box) -> tuple | None:
    """What makes boxes of one level in a column siblings: the level their label says, or their
    numbering ("Sasaran 1" heads, "Sasaran : 1" boxes); plain boxes have none."""
    if (level := said_level(box)) is not None:
        return ("said", level)
    if box.numbered is not None:
        return ("numbered",)
    if box.supports is not None:
        return ("supports",)
    return None


def _unnumbered(box: Box, pool: list[Box], whose: str) -> str:
    if not pool:
        return f"kotak {box.cell} ({box.unit.text}) tidak dapat ditempatkan: tidak ada kotak {whose} di atasnya"
    cells = ", ".join(b.cell for b in pool)
    return (
        f"kotak {box.cell} ({box.unit.text}) tidak dapat ditempatkan: {whose} punya {len(pool)} sasaran ({cells}); "
        'tulis nomor sasaran atasan yang didukung, mis. "Sasaran : 1" atau "1.1" di depan indikatornya'
    )


def _unplaced(box: Box, under: list[Box], above: list[Box]) -> str:
    where = f"kolom {column_letter(box.first)}–{column_letter(box.last)}"
    if under:
        cells = ", ".join(b.cell for b in under)
        return (
            f"kotak {box.cell} tidak dapat ditempatkan: {where} berada di bawah beberapa kotak ({cells}); "
            "persempit kotak ini agar hanya di bawah induknya"
        )
    nearest = ", ".join(b.cell for b in above) or "tidak ada"
    return (
        f"kotak {box.cell} tidak dapat ditempatkan: tidak ada kotak di baris atasnya yang berada di atas {where} "
        f"(kotak di baris atas: {nearest}); gabungkan sel kotak induk selebar kotak-kotak di bawahnya, "
        "atau gunakan Kertas Kerja Cascading"
    )


def drawn_indicator(text: str, kind) -> NodeIndicator | None:
    """An indicator as a box writes it, its target at the end: "Persentase … (100%)" → 100 %,
    "Jumlah dokumen (13 Dokumen)" → 13 Dokumen, "Indeks Kepuasan Masyarakat 81 (A)" → 81 written
    "81 (A)", "Opini BPK (WTP)" → "WTP"; no target in brackets → no target (the checks say so)."""
    text = " ".join(text.split())
    if not text:
        return None
    if m := _NUMBER_AND_GRADE.match(text):
        return NodeIndicator(m.group(1), kind, None, _number(m.group(2)), None, f"{m.group(2)} ({m.group(3)})")
    if m := _TARGET_IN_BRACKETS.match(text):
        name, inside = m.group(1), m.group(2).strip()
        if number := _NUMBER_AND_UNIT.match(inside):
            value = _number(number.group(1))
            if value is not None:
                return NodeIndicator(name, kind, number.group(2).strip() or None, value)
        if inside and name:
            return NodeIndicator(name, kind, None, None, None, inside)
    return NodeIndicator(text, kind)


def _number(text: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None
