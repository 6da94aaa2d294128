"""Reading the cascade offices already keep: a program / kegiatan / sub-kegiatan list keyed by
Kemendagri codes, as SIPD-derived spreadsheets come (code and name in one cell or two, an indicator
per row, continuation rows for a node's further indicators, pagu per sub-kegiatan). Every row is
accounted for: a node, an indicator of the node above, or skipped with the reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kinerja.cascade.cells import (
    SPENDING_HEADING,
    PlanNames,
    origin,
    pagu_value,
    row_places,
    spending_value,
    target_value,
)
from kinerja.cascade.codes import level_of, parent_code, split_code
from kinerja.cascade.drawn import is_drawn, read_drawn
from kinerja.cascade.stored import DraftNode, NodeIndicator, with_indicator
from kinerja.cascade.tree import IndicatorKind, Level
from kinerja.cascade.worksheet import matrix_tables, read_matrix
from kinerja.collection.reading import text_value
from kinerja.collection.spreadsheet import ColumnSpec, Table, find_tables, pattern, read_sheets, visible
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
    ColumnSpec("measure_unit", "Satuan", pattern(r"^(satuan|sat)\b")),
    ColumnSpec("pagu", "Pagu", pattern(r"^(pagu|anggaran|alokasi|target (rp|keuangan)|rp\b)")),
    ColumnSpec("spending", "Realisasi Anggaran", pattern(SPENDING_HEADING)),
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
    placed: dict[str, str] = field(default_factory=dict)  # a plan's node → the node it is drawn under
    added: dict[str, list[NodeIndicator]] = field(default_factory=dict)  # a plan's tujuan → indicators drawn on it

    def accounting(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, _, what in self.rows:  # "sasaran S1 (kotak B5)", "simpul: 1.02.02; indikator: …" → its kind
            key = re.sub(r" [A-Z0-9][A-Za-z0-9.]*$", "", what.split(";")[0].split(":")[0].split(" (")[0])
            counts[key] = counts.get(key, 0) + 1
        return counts


def read_cascade(
    content: bytes,
    file_name: str,
    sasaran: dict[str, str] | None = None,
    *,
    tujuan: dict[str, str] | None = None,
    taken: set[str] | None = None,
    units: dict[str, str] | None = None,
) -> CascadeRead:
    """The nodes of every program / kegiatan / sub-kegiatan table in the file. ``sasaran`` maps a
    sasaran's code and its name (as written in the plan) to its code: a program's "Sasaran" cell
    names the office's sasaran it serves; ``tujuan`` the same for the plan's tujuan, which a
    worksheet or a drawing names; ``taken``: codes a code made here must not repeat; ``units``: the
    units a drawing's unit headings may name (``drawn.unit_key`` → code)."""
    plan = PlanNames(sasaran or {}, tujuan or {}, taken or set(), units or {})
    found = CascadeRead()
    sheets = visible(read_sheets(content, file_name))
    matrices = [t for sheet in sheets for t in matrix_tables(sheet)]
    tables = [] if matrices else [t for sheet in sheets for t in find_tables(sheet, CASCADE_COLUMNS)]
    drawings = [sheet for sheet in sheets if is_drawn(sheet)]
    if matrices or tables:  # a table says plainly what a drawing leaves to the eye: it is read first
        for table in matrices:  # a Kertas Kerja Cascading: a column per level
            read_matrix(table, file_name, plan, found)
        for table in tables:
            _read_table(table, file_name, sasaran or {}, found)
        read_from = ", ".join(dict.fromkeys(t.sheet.name for t in matrices or tables))
        for sheet in drawings:
            if sheet.name not in read_from.split(", "):
                found.rows.append(
                    (sheet.name, 1, f"dilewati: gambar pohon; pohon dibaca dari tabel di sheet {read_from}")
                )
        return found
    for sheet in drawings:  # a tree drawn as boxes of cells
        read_drawn(sheet, file_name, plan, found)
    if not drawings:
        found.problems.append(
            Problem("tidak ada tabel dengan kolom Program/Kegiatan/Sub Kegiatan dan Indikator", file_name)
        )
    return found


def _read_table(table: Table, file_name: str, sasaran: dict[str, str], found: CascadeRead) -> None:
    sheet = table.sheet.name
    current: list[DraftNode] = []  # the node the rows below add indicators to
    for place, cells in row_places(table, file_name):
        row = place.row
        code_text = text_value(cells.get("code")) or ""
        code, name = split_code(f"{code_text} {cells['name']}" if code_text else str(cells["name"]))
        indicator = _indicator(cells)
        if code is None and not str(cells["name"]).strip():
            if indicator is None:
                found.rows.append((sheet, row, "dilewati: baris tanpa nama dan indikator"))
            elif not current:
                found.rows.append((sheet, row, "dilewati: indikator tanpa program/kegiatan di atasnya"))
            else:
                current[-1] = with_indicator(current[-1], indicator)
                found.rows.append((sheet, row, f"indikator: {current[-1].code}"))
            continue
        if code is None:
            found.problems.append(place.problem("name", name, "nama tanpa kode Kemendagri (mis. 1.02.02.2.01.0003)"))
            found.rows.append((sheet, row, "galat: tanpa kode"))
            continue
        level = level_of(code)
        if level is None:
            found.rows.append((sheet, row, f"dilewati: {code} kode urusan/bidang, bukan simpul pohon kinerja"))
            continue
        parent = parent_code(code)
        if level is Level.PROGRAM and cells.get("sasaran"):
            parent = sasaran.get(text_value(cells["sasaran"]) or "")
            if parent is None:
                found.problems.append(
                    place.problem("sasaran", cells["sasaran"], "sasaran ini tidak ada dalam rencana tahun ini")
                )
        pagu = pagu_value(place, cells, found.problems)
        spent = spending_value(place, cells, found.problems)
        if current and current[-1].code == code:  # the same node again: one more of its indicators
            current[-1] = with_indicator(current[-1], indicator)
            found.rows.append((sheet, row, f"indikator: {code}"))
            continue
        current.append(
            with_indicator(
                DraftNode(
                    level,
                    code,
                    name,
                    parent,
                    unit_code=text_value(cells.get("unit")),
                    official=text_value(cells.get("official")),
                    pagu=pagu,
                    spending=spent,
                    where=origin(place),
                ),
                indicator,
            )
        )
        found.rows.append((sheet, row, f"simpul: {code}"))
    found.nodes.extend(current)


def _indicator(cells: dict[str, object]) -> NodeIndicator | None:
    """The row's indicator (its kind is set by the node it joins), with the row's target and unit."""
    name = text_value(cells.get("indicator"))
    if not name:
        return None
    return NodeIndicator(
        name, IndicatorKind.OUTPUT, text_value(cells.get("measure_unit")), *target_value(cells.get("target"))
    )
