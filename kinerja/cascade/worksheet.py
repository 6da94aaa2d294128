"""Reading a Kertas Kerja Cascading as offices keep it beside the drawn tree: a matrix with a column
per level (Sasaran, Program, Kegiatan, Sub Kegiatan) and the indicator of each level beside it, the
upper levels written once (or merged) above the rows under them. A node's level is the column its
name is in; a cell left blank means "the same as above". Codes are Kemendagri codes where the name
cell begins with one; otherwise the node's code is made from its parent's ("S1.2.1") and the summary
says so."""

from __future__ import annotations

import re

from kinerja.cascade.codes import split_code
from kinerja.cascade.stored import DraftNode, NodeIndicator
from kinerja.cascade.tree import KIND_OF_LEVEL, Level
from kinerja.collection.spreadsheet import ColumnSpec, Table, find_tables, pattern
from kinerja.domain.numbers import parse_number
from kinerja.domain.problems import Problem

_LEVELS = (Level.TUJUAN_OPD, Level.SASARAN_OPD, Level.PROGRAM, Level.KEGIATAN, Level.SUB_KEGIATAN)
_LEVEL_HEADINGS = {
    Level.TUJUAN_OPD: r"^tujuan( pd| perangkat daerah| opd| strategis)?$",
    Level.SASARAN_OPD: r"^sasaran( pd| perangkat daerah| opd| strategis)?$",
    Level.PROGRAM: r"^program$",
    Level.KEGIATAN: r"^kegiatan$",
    Level.SUB_KEGIATAN: r"^sub ?kegiatan$",
}
_INDICATOR_WORD = {Level.TUJUAN_OPD: "tujuan", Level.SASARAN_OPD: "sasaran", Level.PROGRAM: "program",
                   Level.KEGIATAN: "kegiatan", Level.SUB_KEGIATAN: r"sub ?kegiatan"}  # fmt: skip
MATRIX_COLUMNS: tuple[ColumnSpec, ...] = (
    *(ColumnSpec(f"level:{level}", level.word, pattern(rx)) for level, rx in _LEVEL_HEADINGS.items()),
    *(
        ColumnSpec(
            f"indicator:{level}",
            f"Indikator {level.word}",
            pattern(rf"^(indikator|ik)( kinerja)? {word}\b"),
        )
        for level, word in _INDICATOR_WORD.items()
    ),
    ColumnSpec("target", "Target", pattern(r"^target", unless=r"\brp\b|pagu|anggaran|keuangan")),
    ColumnSpec("measure_unit", "Satuan", pattern(r"^satuan")),
    ColumnSpec("pagu", "Pagu", pattern(r"^(pagu|anggaran|alokasi|rp\b)")),
    ColumnSpec("official", "Penanggung Jawab", pattern(r"^(penanggung ?jawab|pejabat|pj\b)")),
)


def matrix_tables(sheet) -> list[Table]:
    """The tables of ``sheet`` that are cascading matrices: two level columns or more."""
    found = find_tables(sheet, MATRIX_COLUMNS, min_matches=3)
    return [t for t in found if sum(key.startswith("level:") for key in t.columns) >= 2]


def read_matrix(table: Table, file_name: str, sasaran: dict[str, str], found) -> None:
    """Add the matrix's nodes, problems and row accounting to ``found`` (a ``CascadeRead``)."""
    sheet = table.sheet.name
    levels = [level for level in _LEVELS if f"level:{level}" in table.columns]
    current: dict[Level, DraftNode | str] = {}  # the node each level's blank cells stand for
    made: dict[str, int] = {}  # children numbered under each parent, for codes made here
    for index, cells in table.data_rows():
        row, place = index + 1, Problem("", file_name, sheet, index + 1)
        said = []
        started = None
        for level in levels:
            text = " ".join(str(cells.get(f"level:{level}") or "").split())
            if not text:
                continue
            for deeper in levels[levels.index(level) :]:
                current.pop(deeper, None)
            parent = next((current[p] for p in reversed(levels[: levels.index(level)]) if p in current), None)
            parent_code = parent if isinstance(parent, str) else parent.code if parent else None
            if level is Level.SASARAN_OPD:
                code = sasaran.get(text) or sasaran.get(split_code(text)[0] or "")
                if code is None:
                    found.problems.append(_problem(place, table, f"level:{level}", text,
                                                   "sasaran ini tidak ada dalam rencana tahun ini"))  # fmt: skip
                    continue
                current[level] = code  # the plan's own node, with its PK indicators
                said.append(f"sasaran {code}")
                continue
            code, name = split_code(text)
            if code is None:
                made[parent_code or ""] = made.get(parent_code or "", 0) + 1
                code = f"{parent_code}.{made[parent_code or '']}" if parent_code else f"{level}.{made['']}"
                said.append(f"simpul: {code} (kode dibuat)")
            else:
                said.append(f"simpul: {code}")
            node = DraftNode(level, code, name, parent_code, where=place,
                             official=" ".join(str(cells.get("official") or "").split()) or None)  # fmt: skip
            current[level] = started = node
            found.nodes.append(node)
        named = []  # every level's indicator on the row; the row's target and unit are the deepest one's
        for level in levels:
            name = " ".join(str(cells.get(f"indicator:{level}") or "").split())
            holder = current.get(level)
            if name and isinstance(holder, DraftNode):
                named.append((level, name, holder))
            elif name and holder is None:
                found.problems.append(_problem(place, table, f"indicator:{level}", name,
                                               f"indikator tanpa {level.word} di atasnya"))  # fmt: skip
        for n, (level, name, holder) in enumerate(named):
            measured = (
                (_text(cells, "measure_unit"), *_target(cells)) if n == len(named) - 1 else (None, None, None, None)
            )
            _replace(found.nodes, holder, indicator=NodeIndicator(name, KIND_OF_LEVEL[level], *measured))
            said.append(f"indikator: {holder.code}")
        pagu = _number(cells, "pagu", place, table, found)
        if pagu is not None and started is not None:
            _replace(found.nodes, current[started.level], pagu=pagu)
        found.rows.append((sheet, row, "; ".join(said) if said else "dilewati: baris tanpa nama dan indikator"))


def _replace(nodes: list[DraftNode], node: DraftNode, *, indicator: NodeIndicator | None = None, pagu=None) -> None:
    at = next(i for i in range(len(nodes) - 1, -1, -1) if nodes[i].code == node.code)
    old = nodes[at]
    nodes[at] = DraftNode(
        old.level, old.code, old.name, old.parent_code, old.unit_code, old.official, old.official_nip, old.goal_code,
        old.pagu if pagu is None else pagu, (*old.indicators, indicator) if indicator else old.indicators, old.where,
    )  # fmt: skip


def _text(cells: dict, key: str) -> str | None:
    return " ".join(str(cells.get(key) or "").split()) or None


def _target(cells: dict) -> tuple[float | None, None, str | None]:
    """The row's target: a number, or the text as written ("WTP", "A")."""
    raw = cells.get("target")
    try:
        return parse_number(raw), None, None
    except ValueError:
        return None, None, _text(cells, "target")


def _number(cells: dict, key: str, place: Problem, table: Table, found) -> float | None:
    try:
        return parse_number(cells.get(key))
    except ValueError as exc:
        found.problems.append(_problem(place, table, key, cells.get(key), str(exc)))
        return None


def _problem(place: Problem, table: Table, key: str, value: object, message: str) -> Problem:
    column = re.sub(r"^.*kolom ", "", table.location(place.row - 1, key)) if key in table.columns else None
    return Problem(message, place.file, place.sheet, place.row, column, value)
