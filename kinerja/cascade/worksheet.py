"""Reading a Kertas Kerja Cascading as offices keep it beside the drawn tree: a matrix with a column
per level (Sasaran, Program, Kegiatan, Sub Kegiatan) and the indicator of each level beside it, the
upper levels written once (or merged) above the rows under them. A node's level is the column its
name is in; a cell left blank means "the same as above". Codes are Kemendagri codes where the name
cell begins with one; otherwise the node's code is made from its parent's ("S1.2.1") and the summary
says so."""

from __future__ import annotations

from dataclasses import replace

from kinerja.cascade.cells import (
    NOT_A_WORDING,
    SPENDING_HEADING,
    PlanNames,
    is_total_row,
    is_wording,
    origin,
    pagu_value,
    row_places,
    spending_value,
    target_value,
)
from kinerja.cascade.codes import split_code
from kinerja.cascade.identity import said as compared
from kinerja.cascade.stored import DraftNode, NodeIndicator, with_indicator
from kinerja.cascade.tree import KIND_OF_LEVEL, Level
from kinerja.workbook.cells import text_value
from kinerja.workbook.spreadsheet import ColumnSpec, Table, find_tables, pattern

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
    # one Indikator column for every level: a row's indicator is its deepest node's
    ColumnSpec("indicator", "Indikator", pattern(r"^(indikator|tolok ukur|tolak ukur)( kinerja)?( utama)?$")),
    ColumnSpec("target", "Target", pattern(r"^target", unless=r"\brp\b|pagu|anggaran|keuangan")),
    ColumnSpec("measure_unit", "Satuan", pattern(r"^(satuan|sat)\b")),
    ColumnSpec("pagu", "Pagu", pattern(r"^(pagu|anggaran|alokasi|rp\b)")),
    ColumnSpec("spending", "Realisasi Anggaran", pattern(SPENDING_HEADING)),
    ColumnSpec("official", "Penanggung Jawab", pattern(r"^(penanggung ?jawab|pejabat|pj\b)")),
)


def matrix_tables(sheet) -> list[Table]:
    """The tables of ``sheet`` that are cascading matrices: two level columns or more."""
    found = find_tables(sheet, MATRIX_COLUMNS, min_matches=3)
    return [_level_targets(t) for t in found if sum(key.startswith("level:") for key in t.columns) >= 2]


_TARGET = pattern(r"^target", unless=r"\brp\b|pagu|anggaran|keuangan")
_UNIT = pattern(r"^(satuan|sat)\b")


def _level_targets(table: Table) -> Table:
    """``table`` with a Target (and Satuan) column of each level's own where the matrix pairs them
    ("Indikator Program | Target | Kegiatan | Indikator Kegiatan | Target …"): keys ``target:<level>``
    and ``unit:<level>``, the columns between a level's indicator column and the next level's. A
    single Target column (after the deepest indicator) stays the row's."""
    placed = sorted((col, key) for key, col in table.columns.items() if key.startswith(("level:", "indicator:")))
    own: dict[str, int] = {}
    for n, (col, key) in enumerate(placed):
        if not key.startswith("indicator:"):
            continue
        level = key.removeprefix("indicator:")
        stop = placed[n + 1][0] if n + 1 < len(placed) else max(table.labels) + 1
        for between in range(col + 1, stop):
            label = table.labels.get(between, "")
            for kind, test in (("target", _TARGET), ("unit", _UNIT)):
                if f"{kind}:{level}" not in own and test(label):
                    own[f"{kind}:{level}"] = between
    if sum(key.startswith("target:") for key in own) < 2:
        return table
    columns = {k: c for k, c in table.columns.items() if c not in own.values()} | own
    return replace(table, columns=columns)


def read_matrix(table: Table, file_name: str, plan: PlanNames, found) -> None:
    """Add the matrix's nodes, problems and row accounting to ``found`` (a ``CascadeRead``)."""
    sheet = table.sheet.name
    levels = [level for level in _LEVELS if f"level:{level}" in table.columns]
    current: dict[Level, str] = {}  # the code each level's blank cells stand for
    written: dict[Level, str] = {}  # the text each level's current node was read from
    at: dict[str, int] = {}  # where each node read here sits in ``found.nodes`` (a plan's sasaran does not)
    made: dict[str, int] = {}  # children numbered under each parent, for codes made here
    for place, cells in row_places(table, file_name, found.problems):
        said, deepest = [], None
        texts = {level: text_value(cells.get(f"level:{level}")) for level in levels}
        if any(text and is_total_row(text) and split_code(text)[0] is None for text in texts.values()):
            found.rows.append((sheet, place.row, "dilewati: baris jumlah, tidak ditambahkan"))
            continue
        for level in levels:
            text = texts[level]
            if not text:
                continue
            if written.get(level) == text and level in current:
                deepest = level  # written again on every row instead of merged: the same node as above
                if current[level] in found.written.names:
                    found.written.again(current[level], level, split_code(text)[1], found.place(place, level))
                continue
            for deeper in levels[levels.index(level) :]:
                current.pop(deeper, None)
                written.pop(deeper, None)
            written[level] = text
            parent = next((current[p] for p in reversed(levels[: levels.index(level)]) if p in current), None)
            known = plan.tujuan_of(text)
            if level is Level.TUJUAN_OPD and known:
                current[level] = known  # the plan's tujuan
                if parent:
                    found.placed[known] = parent
                said.append(f"tujuan {known}")
                continue
            if level is Level.SASARAN_OPD and (code := plan.sasaran_of(text)):
                current[level] = code  # the plan's own node, with its PK indicators
                if parent:
                    found.placed[code] = parent
                said.append(f"sasaran {code}")
                continue
            if level is Level.SASARAN_OPD and not is_wording(text):
                found.problems.append(place.problem(f"level:{level}", text, NOT_A_WORDING.format(text=text)))
                continue
            code, name = split_code(text)
            how = ""
            if level is Level.SASARAN_OPD:  # the PK has no such sasaran (yet): the tree's own, its code made
                code, how = None, " (sasaran pohon, belum ada di PK)"
            if code is None:  # the same name under the same parent is the node made for it before
                code = found.written.made.get((parent, level, compared(name)))
                if code is None:
                    code = plan.fresh_code(parent, level, made)
                    while code in found.written.at:  # made in another table of the workbook
                        code = plan.fresh_code(parent, level, made)
                    found.written.made[parent, level, compared(name)] = code
                    how = how or " (kode dibuat)"
            node = DraftNode(level, code, name, parent, official=text_value(cells.get("official")), where=origin(place))
            at[code], new = found.take(node, place, f"level:{level}")
            said.append(f"simpul: {code}{how}" if new else f"simpul yang sama: {code}")
            current[level] = code
            deepest = level
        _indicators(levels, cells, current, at, plan, place, found, said, deepest)
        pagu, spent = pagu_value(place, cells, found.problems), spending_value(place, cells, found.problems)
        holder = current.get(deepest) if deepest else next((current[v] for v in reversed(levels) if v in current), None)
        if holder in at and (pagu is not None or spent is not None):  # the row's money: its deepest node's
            node = found.nodes[at[holder]]
            found.take(DraftNode(node.level, node.code, node.name, pagu=pagu, spending=spent), place, "pagu")
            said = said or [f"pagu: {holder}"]
        # what is new first: the row is counted by it
        said = sorted(said, key=lambda what: what.startswith("simpul yang sama"))
        found.rows.append((sheet, place.row, "; ".join(said) if said else "dilewati: baris tanpa nama dan indikator"))


def _indicators(levels, cells, current, at, plan, place, found, said: list[str], deepest=None) -> None:
    """The row's indicators, each on the node of its level written on or above the row (a single
    Indikator column: the deepest node written on the row, or on a row naming no node, the deepest
    node above it). A target in a level's own Target column is that indicator's; the row's single
    Target and Satuan belong to its deepest indicator; a target on a row with no indicator belongs
    to the indicator right above it (the indicator's cell merged over two rows), if that has none yet."""
    named = []
    owner = deepest or next((level for level in reversed(levels) if level in current), None)
    for level in levels:
        name, holder = text_value(cells.get(f"indicator:{level}")), current.get(level)
        if level is owner and not name:
            name = text_value(cells.get("indicator"))
        if name and holder in at and name in {i.name for i in found.nodes[at[holder]].indicators}:
            continue  # the node's indicator written again beside it on every row
        if name and (holder in at or holder in plan.tujuan.values()):
            named.append((level, name, holder))
        elif name and holder is not None:  # a plan's sasaran: its indicators are the PK's
            said.append(f"indikator sasaran {holder}: dari Perjanjian Kinerja")
        elif name and holder is None:
            found.problems.append(place.problem(f"indicator:{level}", name, f"indikator tanpa {level.word} di atasnya"))
    shared = [n for n, (level, _, _) in enumerate(named) if f"target:{level}" not in cells]
    for n, (level, name, holder) in enumerate(named):
        target, unit = _target_of(cells, level, n == (shared[-1] if shared else None))
        indicator = NodeIndicator(name, KIND_OF_LEVEL[level], unit, *target)
        if holder in at:
            found.nodes[at[holder]] = with_indicator(found.nodes[at[holder]], indicator)
        else:  # the plan's tujuan: its indicators come from the sheet
            found.added.setdefault(holder, []).append(indicator)
        said.append(f"indikator: {holder}")
    if not named and not said:
        for level in reversed(levels):
            target, unit = _target_of(cells, level, f"target:{level}" not in cells)
            if target != (None, None, None) and current.get(level) in at:
                said.append(_target_above(found, at[current[level]], target, unit))
                break


def _target_of(cells, level: Level, row_target: bool) -> tuple[tuple, str | None]:
    """The target and satuan of an indicator of ``level``: its level's own columns, or the row's."""
    if f"target:{level}" in cells:
        return target_value(cells.get(f"target:{level}")), text_value(cells.get(f"unit:{level}"))
    if row_target:
        return target_value(cells.get("target")), text_value(cells.get("measure_unit"))
    return (None, None, None), None


def _target_above(found, index: int, target: tuple, unit: str | None) -> str:
    """A target on a row of its own: the indicator right above it, if that has none yet."""
    node = found.nodes[index]
    if not node.indicators:
        return "dilewati: target tanpa indikator di atasnya"
    last = node.indicators[-1]
    if last.target is not None or last.target_text is not None:
        return "dilewati: target tanpa indikator (indikator di atasnya sudah bertarget)"
    retargeted = replace(last, target=target[0], target_high=target[1], target_text=target[2],
                         measure_unit=last.measure_unit or unit)  # fmt: skip
    found.nodes[index] = replace(node, indicators=(*node.indicators[:-1], retargeted))
    return f"target: {node.code}"
