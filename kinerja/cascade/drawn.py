"""Reading a pohon kinerja drawn as boxes of cells, as offices draw it in Excel: each box a cell
"Sasaran : …" (or "Tujuan :", "Program :", "Kegiatan :", "Sub Kegiatan :") with the cells under it
"Indikator : … (100%)", "Penanggung Jawab : …", "Pagu : …"; the boxes of one level on one row, each
level's row under the one above.

A box hangs under the box of the row above whose columns (its merged width) are over its own. The
lines between boxes are shapes or borders a spreadsheet reader does not see, so a box under no box,
or under two, is not guessed: the problem names its cell and what to change. A target is read from
the end of an indicator's text: "(100%)", "(13 Dokumen)", "81 (A)", "(WTP)"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kinerja.cascade.cells import PlanNames
from kinerja.cascade.codes import split_code
from kinerja.cascade.stored import DraftNode, NodeIndicator
from kinerja.cascade.tree import KIND_OF_LEVEL, Level
from kinerja.collection.reading import text_value
from kinerja.collection.spreadsheet import Sheet, column_letter
from kinerja.domain.numbers import parse_number
from kinerja.domain.problems import Problem

# "Sasaran Strategis : …", "Program : 1.02.02 Program …": the label, then the text after the colon
_HEAD = re.compile(
    r"^(tujuan|sasaran|program|kegiatan|sub ?kegiatan)"
    r"(?: (pemda|rpjmd|daerah|strategis|perangkat daerah|pd|opd|program|kegiatan|sub ?kegiatan))?\s*:\s*(.*)$",
    re.I | re.S,
)
_INDICATOR = re.compile(r"^(?:indikator(?: kinerja)?(?: [a-z ]+?)?|ik|iku)\s*:\s*(.*)$", re.I | re.S)
_OFFICIAL = re.compile(r"^(?:penanggung ?jawab|pj|pejabat|eselon [iv]+)\s*:\s*(.*)$", re.I | re.S)
_PAGU = re.compile(r"^(?:pagu|anggaran)(?: \(rp\))?\s*:\s*(.*)$", re.I | re.S)
_SPENT = re.compile(r"^(?:realisasi(?: anggaran| keuangan)?|serapan)(?: \(rp\))?\s*:\s*(.*)$", re.I | re.S)
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


@dataclass
class Box:
    """A box of the drawing: where its first cell is, the columns it spans, its lines."""

    row: int
    col: int
    first: int
    last: int
    label: str
    qualifier: str | None
    text: str
    lines: list[tuple[int, str]] = field(default_factory=list)  # (row, text) of the cells under the head

    @property
    def cell(self) -> str:
        return f"{column_letter(self.col)}{self.row + 1}"

    @property
    def said_level(self) -> Level | None:
        label = self.label.lower().replace(" ", "")
        qualifier = self.qualifier.lower().replace(" ", "") if self.qualifier else None
        found = _SPECIFIC.get((label, qualifier)) or _SPECIFIC.get((label, None))
        if found is None and label == "tujuan":
            return Level.TUJUAN_OPD
        return found


def is_drawn(sheet: Sheet) -> bool:
    """Whether ``sheet`` is a drawn tree: two boxes or more ("Sasaran : …" cells)."""
    return len(_heads(sheet)) >= 2


def read_drawn(sheet: Sheet, file_name: str, plan: PlanNames, found) -> None:
    """Add the drawing's nodes, problems and cell accounting to ``found`` (a ``CascadeRead``)."""
    boxes, used = _boxes(sheet)
    rows = sorted({box.row for box in boxes})
    level_of: dict[int, Level] = {}  # id(box) → its level
    parent_box: dict[int, Box | None] = {}
    code_of: dict[int, str] = {}
    made: dict[str, int] = {}
    at: dict[str, int] = {}

    def problem(box: Box, message: str) -> None:
        found.problems.append(Problem(message, file_name, sheet.name, box.row + 1, column_letter(box.col), box.text))
        found.rows.append((sheet.name, box.row + 1, f"galat: kotak {box.cell}"))

    for tier, row in enumerate(rows):
        above = [b for b in boxes if b.row == rows[tier - 1] and id(b) in code_of] if tier else []
        for box in (b for b in boxes if b.row == row):
            parent = None
            if tier:
                under = [b for b in above if b.first <= box.last and box.first <= b.last]
                if len(under) != 1:
                    problem(box, _unplaced(box, under, above))
                    continue
                parent = under[0]
                if box.said_level is not None and level_of[id(parent)] is box.said_level:
                    parent = parent_box[id(parent)]  # boxes of one level stacked in a column: siblings
            parent_box[id(box)] = parent
            level = box.said_level or _NEXT.get(level_of.get(id(parent)) if parent else None)
            if level is None:
                problem(box, f"kotak {box.cell} berada di bawah sub kegiatan; pohon kinerja berhenti di sub kegiatan")
                continue
            parent_code = code_of.get(id(parent)) if parent else None
            if level is Level.SASARAN_OPD:
                code = plan.sasaran.get(box.text) or plan.sasaran.get(split_code(box.text)[0] or "")
                if code is None:
                    problem(box, f"sasaran pada kotak {box.cell} tidak ada dalam rencana tahun ini; tulis seperti "
                                 "di Perjanjian Kinerja")  # fmt: skip
                    continue
                level_of[id(box)], code_of[id(box)] = level, code
                if parent_code:
                    found.placed[code] = parent_code
                found.rows.append((sheet.name, box.row + 1, f"sasaran {code} (kotak {box.cell})"))
                for line_row, _ in box.lines:
                    found.rows.append((sheet.name, line_row + 1, f"indikator sasaran {code}: dari Perjanjian Kinerja"))
                continue
            known = plan.tujuan.get(box.text) or plan.tujuan.get(split_code(box.text)[0] or "")
            if level is Level.TUJUAN_OPD and known:  # the plan's tujuan, with the indicators drawn on it
                level_of[id(box)], code_of[id(box)] = level, known
                if parent_code:
                    found.placed[known] = parent_code
                found.rows.append((sheet.name, box.row + 1, f"tujuan {known} (kotak {box.cell})"))
                drawn = _with_lines(DraftNode(level, known, box.text), box, file_name, sheet.name, found)
                found.added.setdefault(known, []).extend(drawn.indicators)
                continue
            named = next((t for _, t in box.lines if _HEAD.match(t)), None)  # "Program : …" under "Sasaran : …"
            code, name = split_code(_HEAD.match(" ".join(named.split())).group(3) if named else box.text)
            if code is None:
                code = plan.fresh_code(parent_code, level, made)
                said = f"simpul: {code} (kode dibuat; kotak {box.cell})"
            else:
                said = f"simpul: {code} (kotak {box.cell})"
            node = DraftNode(level, code, name, parent_code, where=Problem("", file_name, sheet.name, box.row + 1))
            found.rows.append((sheet.name, box.row + 1, said))
            node = _with_lines(node, box, file_name, sheet.name, found)
            level_of[id(box)], code_of[id(box)] = level, code
            at[code] = len(found.nodes)
            found.nodes.append(node)
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if (r, c) not in used and text_value(value):
                found.rows.append((sheet.name, r + 1, f"dilewati: teks di luar kotak ({column_letter(c)}{r + 1})"))


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


def _with_lines(node: DraftNode, box: Box, file_name: str, sheet: str, found) -> DraftNode:
    """``node`` with its box's indicators, official and pagu; each line accounted for."""
    indicators, previous = list(node.indicators), None
    for row, text in box.lines:
        flat = " ".join(text.split())
        if m := _INDICATOR.match(text):
            parts = [p for p in re.split(r"\n|(?<=\))\s*;\s*", m.group(1)) if p.strip()] or [""]
            for part in parts:
                if indicator := drawn_indicator(_NUMBERED.sub("", part), KIND_OF_LEVEL[node.level]):
                    indicators.append(indicator)
            previous = "indicator"
            found.rows.append((sheet, row + 1, f"indikator: {node.code}"))
        elif m := _OFFICIAL.match(flat):
            node = replace(node, official=text_value(m.group(1)))
            found.rows.append((sheet, row + 1, f"penanggung jawab: {node.code}"))
        elif (m := _PAGU.match(flat)) or (spent := _SPENT.match(flat)):
            what, field = ("pagu", "pagu") if m else ("realisasi anggaran", "spending")
            try:
                node = replace(node, **{field: parse_number((m or spent).group(1))})
                found.rows.append((sheet, row + 1, f"{what}: {node.code}"))
            except ValueError as exc:
                found.problems.append(Problem(f"{what} kotak harus berupa angka ({exc})", file_name, sheet, row + 1,
                                              None, flat))  # fmt: skip
                found.rows.append((sheet, row + 1, f"galat: {what} {node.code}"))
        elif _HEAD.match(flat):
            found.rows.append((sheet, row + 1, f"nama: {node.code}"))
        elif previous == "indicator" and (
            indicator := drawn_indicator(_NUMBERED.sub("", flat), KIND_OF_LEVEL[node.level])
        ):
            indicators.append(indicator)  # a further indicator under "Indikator :" without its label
            found.rows.append((sheet, row + 1, f"indikator: {node.code}"))
        else:
            found.rows.append((sheet, row + 1, f"dilewati: baris kotak {node.code} tanpa label ({flat[:40]})"))
    return replace(node, indicators=tuple(indicators))


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


def _heads(sheet: Sheet) -> list[tuple[int, int, re.Match]]:
    return [
        (r, c, m)
        for r, row in enumerate(sheet.rows)
        for c, value in enumerate(row)
        if isinstance(value, str) and (m := _HEAD.match(value.strip()))
    ]


def _boxes(sheet: Sheet) -> tuple[list[Box], set[tuple[int, int]]]:
    """The boxes of the sheet, and the cells they hold. A box is its head cell and the cells under
    it in its column down to a blank cell or the next box's head ("Program :" under "Sasaran :"
    names the program the sasaran's box stands for)."""
    merged = {(r0, c0): (r1, c1) for (r0, c0), (r1, c1) in sheet.merged}
    boxes: list[Box] = []
    used: set[tuple[int, int]] = set()
    for r, c, m in _heads(sheet):
        if (r, c) in used:
            continue
        last_row, last_col = merged.get((r, c), (r, c))
        box = Box(r, c, c, last_col, m.group(1), m.group(2), text_value(m.group(3)) or "")
        used.add((r, c))
        row = last_row + 1
        while row < len(sheet.rows):
            text = text_value(sheet.cell(row, c))
            if not text:
                break
            head = _HEAD.match(text)
            if head and (
                head.group(1).lower() in ("sasaran", "tujuan") or box.label.lower() not in ("sasaran", "tujuan")
            ):
                break  # the next box's head, right under this one
            box.lines.append((row, str(sheet.cell(row, c)).strip()))
            used.add((row, c))
            end_row, end_col = merged.get((row, c), (row, c))
            box.last = max(box.last, end_col)
            row = end_row + 1
        boxes.append(box)
    return boxes, used
