"""Reading the cascade offices already keep: a program / kegiatan / sub-kegiatan list keyed by
Kemendagri codes, as SIPD-derived spreadsheets come (code and name in one cell or two, an indicator
per row, continuation rows for a node's further indicators, pagu per sub-kegiatan). Every row is
accounted for: a node, an indicator of the node above, or skipped with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.cascade.codes import level_of, parent_code, split_code
from kinerja.cascade.stored import DraftNode, NodeIndicator
from kinerja.cascade.tree import KIND_OF_LEVEL, Level
from kinerja.cascade.worksheet import matrix_tables, read_matrix
from kinerja.collection.spreadsheet import ColumnSpec, Table, find_tables, pattern, read_sheets, visible
from kinerja.domain.numbers import parse_number
from kinerja.domain.problems import Problem

_NOT_NAME = r"indikator|target|pagu|satuan|anggaran|kode$"
CASCADE_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("code", "Kode", pattern(r"^kode( rekening| program| kegiatan| sub kegiatan)?$")),
    ColumnSpec(
        "name",
        "Program / Kegiatan / Sub Kegiatan",
        pattern(r"^(urusan|program|kegiatan|sub ?kegiatan|uraian|nomenklatur)", unless=_NOT_NAME),
        required=True,
    ),
    ColumnSpec("indicator", "Indikator", pattern(r"^(indikator|tolok ukur|tolak ukur)"), required=True),
    ColumnSpec("target", "Target", pattern(r"^target", unless=r"\brp\b|pagu|anggaran|keuangan")),
    ColumnSpec("measure_unit", "Satuan", pattern(r"^satuan")),
    ColumnSpec("pagu", "Pagu", pattern(r"^(pagu|anggaran|alokasi|target (rp|keuangan)|rp\b)")),
    ColumnSpec("sasaran", "Sasaran", pattern(r"^sasaran")),
    ColumnSpec("unit", "Unit", pattern(r"^(unit|bidang|perangkat daerah|opd|skpd)\b")),
    ColumnSpec("official", "Penanggung Jawab", pattern(r"^(penanggung ?jawab|pejabat|pj\b)")),
)


@dataclass
class CascadeRead:
    """What a cascade file gave: its nodes, the problems that keep it from being saved, and what
    became of every row (``rows``: (sheet, row, what happened))."""

    nodes: list[DraftNode] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: list[tuple[str, int, str]] = field(default_factory=list)

    def accounting(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, _, what in self.rows:
            key = what.split(":")[0]
            counts[key] = counts.get(key, 0) + 1
        return counts


def read_cascade(content: bytes, file_name: str, sasaran: dict[str, str] | None = None) -> CascadeRead:
    """The nodes of every program / kegiatan / sub-kegiatan table in the file. ``sasaran`` maps a
    sasaran's code and its name (as written in the plan) to its code: a program's "Sasaran" cell
    names the office's sasaran it serves."""
    found = CascadeRead()
    sheets = visible(read_sheets(content, file_name))
    matrices = [t for sheet in sheets for t in matrix_tables(sheet)]
    for table in matrices:  # a Kertas Kerja Cascading: a column per level
        read_matrix(table, file_name, sasaran or {}, found)
    if matrices:
        return found
    tables = [t for sheet in sheets for t in find_tables(sheet, CASCADE_COLUMNS)]
    if not tables:
        found.problems.append(
            Problem("tidak ada tabel dengan kolom Program/Kegiatan/Sub Kegiatan dan Indikator", file_name)
        )
    for table in tables:
        _read_table(table, file_name, sasaran or {}, found)
    return found


def is_cascade(content: bytes, file_name: str) -> bool:
    """Whether the file is a cascade list (a program/kegiatan/sub-kegiatan column whose rows begin
    with Kemendagri codes) rather than a PK plan: both have indicator and target columns."""
    try:
        found = read_cascade(content, file_name)
    except ValueError:  # not a readable spreadsheet: the plan reader will say why
        return False
    return any(node.level in (Level.KEGIATAN, Level.SUB_KEGIATAN) for node in found.nodes)


def _read_table(table: Table, file_name: str, sasaran: dict[str, str], found: CascadeRead) -> None:
    sheet = table.sheet.name
    current: list[DraftNode] = []  # the node the rows below add indicators to
    for index, cells in table.data_rows():
        row = index + 1
        place = Problem("", file_name, sheet, row)
        code_text = str(cells.get("code", "") or "")
        code, name = split_code(f"{code_text} {cells['name']}" if code_text else str(cells["name"]))
        indicator = _indicator(cells, place, found)
        if code is None and not str(cells["name"]).strip():
            if indicator is None:
                found.rows.append((sheet, row, "dilewati: baris tanpa nama dan indikator"))
            elif not current:
                found.rows.append((sheet, row, "dilewati: indikator tanpa program/kegiatan di atasnya"))
            else:
                node = current[-1]
                current[-1] = _with_indicator(node, indicator)
                found.rows.append((sheet, row, f"indikator: {node.code}"))
            continue
        if code is None:
            found.problems.append(_problem(place, "nama tanpa kode Kemendagri (mis. 1.02.02.2.01.0003)", name, table))
            found.rows.append((sheet, row, "galat: tanpa kode"))
            continue
        level = level_of(code)
        if level is None:
            found.rows.append((sheet, row, f"dilewati: {code} kode urusan/bidang, bukan simpul pohon kinerja"))
            continue
        parent = parent_code(code)
        if level is Level.PROGRAM and cells.get("sasaran"):
            parent = sasaran.get(str(cells["sasaran"]).strip()) or sasaran.get(" ".join(str(cells["sasaran"]).split()))
            if parent is None:
                found.problems.append(
                    _problem(place, "sasaran ini tidak ada dalam rencana tahun ini", cells["sasaran"], table, "sasaran")
                )
        node = DraftNode(
            level,
            code,
            name,
            parent,
            unit_code=str(cells.get("unit") or "").strip() or None,
            official=str(cells.get("official") or "").strip() or None,
            pagu=_number(cells.get("pagu"), place, found, table, "pagu"),
            indicators=(indicator,) if indicator else (),
            where=place,
        )
        if current and current[-1].code == code:  # the same node again: one more of its indicators
            current[-1] = _with_indicator(current[-1], indicator) if indicator else current[-1]
            found.rows.append((sheet, row, f"indikator: {code}"))
            continue
        current.append(node)
        found.rows.append((sheet, row, f"simpul: {code}"))
    found.nodes.extend(current)


def _indicator(cells: dict[str, object], place: Problem, found: CascadeRead) -> NodeIndicator | None:
    name = " ".join(str(cells.get("indicator") or "").split())
    if not name:
        return None
    raw = cells.get("target")
    try:
        target, text = parse_number(raw), None
    except ValueError:
        target, text = None, " ".join(str(raw).split())
    unit = " ".join(str(cells.get("measure_unit") or "").split()) or None
    return NodeIndicator(name, KIND_OF_LEVEL[Level.SUB_KEGIATAN], unit, target, None, text)


def _with_indicator(node: DraftNode, indicator: NodeIndicator | None) -> DraftNode:
    if indicator is None:
        return node
    kind = KIND_OF_LEVEL[node.level]
    return DraftNode(
        node.level, node.code, node.name, node.parent_code, node.unit_code, node.official, node.official_nip,
        node.goal_code, node.pagu, (*node.indicators, NodeIndicator(
            indicator.name, kind, indicator.measure_unit, indicator.target, indicator.target_high, indicator.target_text
        )), node.where,
    )  # fmt: skip


def _number(value: object, place: Problem, found: CascadeRead, table: Table, key: str) -> float | None:
    try:
        return parse_number(value)
    except ValueError as exc:
        found.problems.append(_problem(place, str(exc), value, table, key))
        return None


def _problem(place: Problem, message: str, value: object, table: Table, key: str = "name") -> Problem:
    column = table.location(place.row - 1, key).split("kolom ")[-1] if key in table.columns else None
    return Problem(message, place.file, place.sheet, place.row, column, value)
