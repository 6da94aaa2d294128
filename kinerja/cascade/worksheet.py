"""Reading a Kertas Kerja Cascading as offices keep it beside the drawn tree: a matrix with a column
per level (Sasaran, Program, Kegiatan, Sub Kegiatan) and the indicator of each level beside it, the
upper levels written once (or merged) above the rows under them. A node's level is the column its
name is in; a cell left blank means "the same as above". Codes are Kemendagri codes where the name
cell begins with one; otherwise the node's code is made from its parent's ("S1.2.1") and the summary
says so."""

from __future__ import annotations

from dataclasses import replace

from kinerja.cascade.cells import (
    SPENDING_HEADING,
    PlanNames,
    origin,
    pagu_value,
    row_places,
    spending_value,
    target_value,
)
from kinerja.cascade.codes import split_code
from kinerja.cascade.stored import DraftNode, NodeIndicator, with_indicator
from kinerja.cascade.tree import KIND_OF_LEVEL, Level
from kinerja.collection.reading import text_value
from kinerja.collection.spreadsheet import ColumnSpec, Table, find_tables, pattern

_LEVELS = (
    Level.TUJUAN_PEMDA,
    Level.SASARAN_PEMDA,
    Level.TUJUAN_OPD,
    Level.SASARAN_OPD,
    Level.PROGRAM,
    Level.KEGIATAN,
    Level.SUB_KEGIATAN,
)
_REGION = r"(pemda|rpjmd|daerah|kabupaten|kota|provinsi)"
_LEVEL_HEADINGS = {
    Level.TUJUAN_PEMDA: rf"^tujuan {_REGION}$",
    Level.SASARAN_PEMDA: rf"^sasaran {_REGION}$",
    Level.TUJUAN_OPD: r"^tujuan( pd| perangkat daerah| opd| strategis)?$",
    Level.SASARAN_OPD: r"^sasaran( pd| perangkat daerah| opd| strategis)?$",
    Level.PROGRAM: r"^program$",
    Level.KEGIATAN: r"^kegiatan$",
    Level.SUB_KEGIATAN: r"^sub ?kegiatan$",
}
_INDICATOR_WORD = {Level.TUJUAN_PEMDA: rf"tujuan {_REGION}", Level.SASARAN_PEMDA: rf"sasaran {_REGION}",
                   Level.TUJUAN_OPD: rf"tujuan(?! {_REGION})", Level.SASARAN_OPD: rf"sasaran(?! {_REGION})", Level.PROGRAM: "program",
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
    ColumnSpec("measure_unit", "Satuan", pattern(r"^(satuan|sat)\b")),
    ColumnSpec("pagu", "Pagu", pattern(r"^(pagu|anggaran|alokasi|rp\b)")),
    ColumnSpec("spending", "Realisasi Anggaran", pattern(SPENDING_HEADING)),
    ColumnSpec("official", "Penanggung Jawab", pattern(r"^(penanggung ?jawab|pejabat|pj\b)")),
)


def matrix_tables(sheet) -> list[Table]:
    """The tables of ``sheet`` that are cascading matrices: two level columns or more."""
    found = find_tables(sheet, MATRIX_COLUMNS, min_matches=3)
    return [t for t in found if sum(key.startswith("level:") for key in t.columns) >= 2]


def read_matrix(table: Table, file_name: str, plan: PlanNames, found) -> None:
    """Add the matrix's nodes, problems and row accounting to ``found`` (a ``CascadeRead``)."""
    sheet = table.sheet.name
    levels = [level for level in _LEVELS if f"level:{level}" in table.columns]
    current: dict[Level, str] = {}  # the code each level's blank cells stand for
    written: dict[Level, str] = {}  # the text each level's current node was read from
    at: dict[str, int] = {}  # where each node read here sits in ``found.nodes`` (a plan's sasaran does not)
    made: dict[str, int] = {}  # children numbered under each parent, for codes made here
    for place, cells in row_places(table, file_name):
        said, started = [], None
        for level in levels:
            text = text_value(cells.get(f"level:{level}"))
            if not text or (written.get(level) == text and level in current):
                continue  # blank, or written again on every row instead of merged: the same node as above
            for deeper in levels[levels.index(level) :]:
                current.pop(deeper, None)
                written.pop(deeper, None)
            written[level] = text
            parent = next((current[p] for p in reversed(levels[: levels.index(level)]) if p in current), None)
            known = plan.tujuan.get(text) or plan.tujuan.get(split_code(text)[0] or "")
            if level is Level.TUJUAN_OPD and known:
                current[level] = known  # the plan's tujuan
                if parent:
                    found.placed[known] = parent
                said.append(f"tujuan {known}")
                continue
            if level is Level.SASARAN_OPD:
                code = plan.sasaran.get(text) or plan.sasaran.get(split_code(text)[0] or "")
                if code is None:
                    found.problems.append(
                        place.problem(f"level:{level}", text, "sasaran ini tidak ada dalam rencana tahun ini")
                    )
                    continue
                current[level] = code  # the plan's own node, with its PK indicators
                if parent:
                    found.placed[code] = parent
                said.append(f"sasaran {code}")
                continue
            code, name = split_code(text)
            if code is None:
                code = plan.fresh_code(parent, level, made)
                said.append(f"simpul: {code} (kode dibuat)")
            else:
                said.append(f"simpul: {code}")
            current[level] = started = code
            at[code] = len(found.nodes)
            found.nodes.append(DraftNode(level, code, name, parent, official=text_value(cells.get("official")),
                                         where=origin(place)))  # fmt: skip
        named = []  # every level's indicator on the row; the row's target and unit are the deepest one's
        for level in levels:
            name, holder = text_value(cells.get(f"indicator:{level}")), current.get(level)
            if name and holder in at and name in {i.name for i in found.nodes[at[holder]].indicators}:
                continue  # the node's indicator written again beside it on every row
            if name and (holder in at or holder in plan.tujuan.values()):
                named.append((level, name, holder))
            elif name and holder is not None:  # a plan's sasaran: its indicators are the PK's
                said.append(f"indikator sasaran {holder}: dari Perjanjian Kinerja")
            elif name and holder is None:
                found.problems.append(
                    place.problem(f"indicator:{level}", name, f"indikator tanpa {level.word} di atasnya")
                )
        for n, (level, name, holder) in enumerate(named):
            deepest = n == len(named) - 1
            target = target_value(cells.get("target")) if deepest else (None, None, None)
            unit = text_value(cells.get("measure_unit")) if deepest else None
            indicator = NodeIndicator(name, KIND_OF_LEVEL[level], unit, *target)
            if holder in at:
                found.nodes[at[holder]] = with_indicator(found.nodes[at[holder]], indicator)
            else:  # the plan's tujuan: its indicators come from the sheet
                found.added.setdefault(holder, []).append(indicator)
            said.append(f"indikator: {holder}")
        pagu, spent = pagu_value(place, cells, found.problems), spending_value(place, cells, found.problems)
        if started is not None and (pagu is not None or spent is not None):
            found.nodes[at[started]] = replace(found.nodes[at[started]], pagu=pagu, spending=spent)
        found.rows.append((sheet, place.row, "; ".join(said) if said else "dilewati: baris tanpa nama dan indikator"))
