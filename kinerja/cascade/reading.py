"""Reading the cascade offices already keep: a program / kegiatan / sub-kegiatan list keyed by
Kemendagri codes, as SIPD-derived spreadsheets come (code and name in one cell or two, an indicator
per row, continuation rows for a node's further indicators, pagu per sub-kegiatan, a program's or
kegiatan's subtotal on its own row, a "Jumlah" row at the end, parents written again on every row).
Every row is accounted for: a node, the same node again, an indicator of the node above, a target
of the indicator above, or skipped with the reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

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
from kinerja.cascade.codes import level_of, parent_code, split_code
from kinerja.cascade.drawn import is_drawn, read_drawn
from kinerja.cascade.identity import Place, Written, said
from kinerja.cascade.stored import DraftNode, NodeIndicator, with_indicator
from kinerja.cascade.tree import IndicatorKind, Level
from kinerja.cascade.worksheet import matrix_tables, read_matrix
from kinerja.domain.numbers import fmt_rupiah
from kinerja.domain.problems import Problem
from kinerja.workbook.cells import RowPlace, text_value
from kinerja.workbook.spreadsheet import ColumnSpec, Table, find_tables, pattern, read_sheets, visible

_NOT_NAME = r"indikator|target|pagu|satuan|anggaran|kode$"
# the year's group heading a two-row header puts over Target, Satuan and Pagu ("Rencana Tahun 2026")
_YEAR_GROUP = r"(?:(?:rencana )?(?:tahun )?20\d\d )?"
CASCADE_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("code", "Kode", pattern(r"^kode( rekening| program| kegiatan| sub kegiatan)?$")),
    ColumnSpec(
        "name",
        "Program / Kegiatan / Sub Kegiatan",
        pattern(r"^(urusan|program|kegiatan|sub ?kegiatan|uraian|nomenklatur)", unless=_NOT_NAME),
        required=True,
    ),
    ColumnSpec("indicator", "Indikator", pattern(r"^(indikator|tolok ukur|tolak ukur)"), required=True),
    ColumnSpec("target", "Target", pattern(rf"^{_YEAR_GROUP}target", unless=r"\brp\b|pagu|anggaran|keuangan")),
    ColumnSpec("measure_unit", "Satuan", pattern(rf"^{_YEAR_GROUP}(satuan|sat)\b")),
    ColumnSpec("pagu", "Pagu", pattern(rf"^{_YEAR_GROUP}(pagu|anggaran|alokasi|target (rp|keuangan)|rp\b)")),
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
    written: Written = field(default_factory=Written, repr=False)  # each code's node, and how the file wrote it
    named: object = None  # the official names the nomenclature gave nodes given codes only (NamesFilled)

    def take(self, node: DraftNode, place: RowPlace, key: str) -> tuple[int, bool]:
        """Where ``node`` (read at ``place``, its name in column ``key``) is in ``nodes``: appended,
        or joined to the node of the same code read before; and whether it is new."""
        return self.written.take(
            self.nodes, node, Place(place.file, place.sheet, place.row or 0, place.columns.get(key))
        )

    @staticmethod
    def place(place: RowPlace, level: Level) -> Place:
        """Where a matrix's row writes the node of ``level``."""
        return Place(place.file, place.sheet, place.row or 0, place.columns.get(f"level:{level}"))

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
            _read_table(table, file_name, plan, found)
        read_from = ", ".join(dict.fromkeys(t.sheet.name for t in matrices or tables))
        for sheet in drawings:
            if sheet.name not in read_from.split(", "):
                found.rows.append(
                    (sheet.name, 1, f"dilewati: gambar pohon; pohon dibaca dari tabel di sheet {read_from}")
                )
        found.problems += found.written.problems()
        return found
    for sheet in drawings:  # a tree drawn as boxes of cells
        read_drawn(sheet, file_name, plan, found)
    if not drawings:
        found.problems.append(
            Problem("tidak ada tabel dengan kolom Program/Kegiatan/Sub Kegiatan dan Indikator", file_name)
        )
    return found


def _read_table(table: Table, file_name: str, plan: PlanNames, found: CascadeRead) -> None:
    sheet = table.sheet.name
    current: int | None = None  # the node (its place in ``found.nodes``) the rows below add indicators to
    totals = _Totals()
    made: dict[str, int] = {}
    for place, cells in row_places(table, file_name, found.problems):
        row = place.row
        code_text = text_value(cells.get("code")) or ""
        code, name = split_code(f"{code_text} {cells['name']}" if code_text else str(cells["name"]))
        indicator = _indicator(cells)
        if code is None and not str(cells["name"]).strip():
            found.rows.append((sheet, row, _continued(found, current, cells, indicator)))
            continue
        if code is None and is_total_row(name):
            found.rows.append((sheet, row, totals.row(place, cells, found)))
            continue
        if code is None:
            found.problems.append(place.problem("name", name, "nama tanpa kode Kemendagri (mis. 1.02.02.2.01.0003)"))
            found.rows.append((sheet, row, "galat: tanpa kode"))
            continue
        level = level_of(code)
        if level is None:
            found.rows.append((sheet, row, f"dilewati: {code} kode urusan/bidang, bukan simpul pohon kinerja"))
            continue
        parent, own = parent_code(code), ""
        if level is Level.PROGRAM and (named := text_value(cells.get("sasaran"))):
            parent = plan.sasaran_of(named)
            if parent is None and not is_wording(named):
                found.problems.append(place.problem("sasaran", cells["sasaran"], NOT_A_WORDING.format(text=named)))
            elif parent is None:  # the PK has no such sasaran (yet): the tree's own, its code made
                parent, own = _own_sasaran(named, place, plan, made, found)
        node = DraftNode(
            level,
            code,
            name,
            parent,
            unit_code=text_value(cells.get("unit")),
            official=text_value(cells.get("official")),
            pagu=pagu_value(place, cells, found.problems),
            spending=spending_value(place, cells, found.problems),
            where=origin(place),
        )
        again = current is not None and found.nodes[current].code == code
        current, new = found.take(with_indicator(node, indicator), place, "name")
        if new:
            totals.add(node)
            found.rows.append((sheet, row, f"simpul: {code}{own}"))
        elif again and indicator is not None:  # the same node on the next row: one more of its indicators
            found.rows.append((sheet, row, f"indikator: {code}"))
        else:
            first = found.written.names[code][next(iter(found.written.names[code]))][1][0]
            found.rows.append((sheet, row, f"simpul yang sama: {code} (seperti baris {first.row})"))


def _own_sasaran(
    named: str, place: RowPlace, plan: PlanNames, made: dict[str, int], found: CascadeRead
) -> tuple[str, str]:
    """The code of the tree's own sasaran a program's Sasaran cell names (made the first time the
    file names it), and what the row says of it."""
    key = (None, Level.SASARAN_OPD, said(named))
    code = found.written.made.get(key)
    if code is not None:
        return code, ""
    code = plan.fresh_code(None, Level.SASARAN_OPD, made)
    while code in found.written.at:
        code = plan.fresh_code(None, Level.SASARAN_OPD, made)
    found.written.made[key] = code
    node = DraftNode(Level.SASARAN_OPD, code, " ".join(named.split()), where=origin(place))
    found.take(node, place, "sasaran")
    return code, f"; sasaran pohon: {code} (belum ada di PK)"


class _Totals:
    """The sub-kegiatan's pagu read since the table began and since its last total row, to check a
    total row against (a "Jumlah" per program or one at the end: either may be the one meant)."""

    def __init__(self) -> None:
        self.whole = self.since = 0.0

    def add(self, node: DraftNode) -> None:
        if node.pagu is not None:
            self.whole += node.pagu
            self.since += node.pagu

    def row(self, place: RowPlace, cells: dict[str, object], found: CascadeRead) -> str:
        """What the total row became; a warning where its amount is neither sum above it."""
        written = pagu_value(place, cells, found.problems)
        since, self.since = self.since, 0.0
        if written is None:
            return "dilewati: baris jumlah"
        if min(abs(written - self.whole), abs(written - since)) >= 0.5:
            found.problems.append(
                place.problem(
                    "pagu",
                    cells.get("pagu"),
                    f"baris jumlah {fmt_rupiah(written)} berbeda dari jumlah pagu sub kegiatan di atasnya "
                    f"{fmt_rupiah(self.whole)}; yang dihitung adalah pagu sub kegiatan",
                    "warning",
                )
            )
        return f"dilewati: baris jumlah ({fmt_rupiah(written)}), tidak ditambahkan"


def _continued(found: CascadeRead, current: int | None, cells: dict[str, object], indicator) -> str:
    """A row without a name: one more indicator of the node above, or the target (and satuan) of
    the indicator right above it, written on a row of its own (a merged indicator cell, or SIPD's
    program and kegiatan rows, whose target sits under the indicator); else skipped with why."""
    if indicator is None and _has_target(cells):
        if current is None or not found.nodes[current].indicators:
            return "dilewati: target tanpa indikator di atasnya"
        node = found.nodes[current]
        last = node.indicators[-1]
        if last.target is not None or last.target_text is not None:
            return "dilewati: target tanpa indikator (indikator di atasnya sudah bertarget)"
        low, high, text = target_value(cells.get("target"))
        unit = last.measure_unit or text_value(cells.get("measure_unit"))
        retargeted = replace(last, target=low, target_high=high, target_text=text, measure_unit=unit)
        found.nodes[current] = replace(node, indicators=(*node.indicators[:-1], retargeted))
        return f"target: {node.code}"
    if indicator is None:
        return "dilewati: baris tanpa nama dan indikator"
    if current is None:
        return "dilewati: indikator tanpa program/kegiatan di atasnya"
    found.nodes[current] = with_indicator(found.nodes[current], indicator)
    return f"indikator: {found.nodes[current].code}"


def _has_target(cells: dict[str, object]) -> bool:
    return text_value(cells.get("target")) is not None


def _indicator(cells: dict[str, object]) -> NodeIndicator | None:
    """The row's indicator (its kind is set by the node it joins), with the row's target and unit."""
    name = text_value(cells.get("indicator"))
    if not name:
        return None
    return NodeIndicator(
        name, IndicatorKind.OUTPUT, text_value(cells.get("measure_unit")), *target_value(cells.get("target"))
    )
