"""Importing a cascade file into a year's tree: the office's sasaran come from the year's plan (with
their PK indicators as IKU), the programs, kegiatan and sub-kegiatan from the file. What each row of
the file became is said in the summary."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kinerja.cascade.reading import CascadeRead, read_cascade
from kinerja.cascade.stored import DraftNode, NodeIndicator, dropped_links, save_tree, tree_problems
from kinerja.cascade.tree import IndicatorKind, Level
from kinerja.domain.problems import InputRejected
from kinerja.storage.store import Store

_SASARAN_SQL = """
SELECT g.code, g.name, i.code AS indicator_code, p.name AS indicator_name, p.measure_unit,
       t.value AS target, t.value_high AS target_high
FROM indicator_plan p
JOIN indicator i ON i.id = p.indicator_id
JOIN goal g ON g.id = p.goal_id
LEFT JOIN target t ON t.indicator_id = p.indicator_id AND t.year = p.year AND t.kind = 'pk'
WHERE p.year = ?
ORDER BY g.code, p.position, i.code
"""


_TUJUAN_SQL = """
SELECT DISTINCT t.code, t.name, g.code AS sasaran
FROM indicator_plan p JOIN goal g ON g.id = p.goal_id JOIN goal t ON t.id = g.parent_id
WHERE p.year = ?
ORDER BY t.code, g.code
"""


def plan_nodes(store: Store, year: int) -> list[DraftNode]:
    """The year's plan as the top of its tree: the office's tujuan (the plan's sasaran's parents),
    then its sasaran under them, each with its PK indicators (IKU)."""
    tujuan: dict[str, DraftNode] = {}
    above: dict[str, str] = {}
    for code, name, sasaran in store.rows(_TUJUAN_SQL, [year]):
        tujuan.setdefault(code, DraftNode(Level.TUJUAN_OPD, code, name))
        above[sasaran] = code
    return [*tujuan.values(), *(replace(n, parent_code=above.get(n.code)) for n in plan_sasaran_nodes(store, year))]


def plan_sasaran_nodes(store: Store, year: int) -> list[DraftNode]:
    """The office's sasaran of the year's plan as nodes, each with its PK indicators (IKU)."""
    nodes: dict[str, DraftNode] = {}
    for code, name, indicator, indicator_name, unit, low, high in store.rows(_SASARAN_SQL, [year]):
        node = nodes.get(code) or DraftNode(Level.SASARAN_OPD, code, name, goal_code=code)
        pk = NodeIndicator(indicator_name, IndicatorKind.IKU, unit, low, high, indicator_code=indicator)
        nodes[code] = DraftNode(node.level, node.code, node.name, goal_code=code, indicators=(*node.indicators, pk))
    return list(nodes.values())


@dataclass(frozen=True)
class CascadeSummary:
    """What an import did: the nodes saved (sasaran from the plan, the rest from the file), and
    what became of each of the file's rows."""

    year: int
    from_plan: int  # the plan's sasaran
    from_file: int
    read: CascadeRead

    plan_tujuan: int = 0  # the plan's tujuan above its sasaran
    dropped: tuple[str, ...] = ()  # crosscutting links whose node the file no longer has

    @property
    def _tujuan(self) -> str:
        return f" (dan {self.plan_tujuan} tujuan di atasnya)" if self.plan_tujuan else ""

    def lines(self) -> list[str]:
        counts = self.read.accounting()
        said = ", ".join(f"{n} {what}" for what, n in counts.items())
        lines = [
            f"Pohon kinerja {self.year} disimpan: {self.from_plan} sasaran{self._tujuan} dari rencana, "
            f"{self.from_file} simpul dari berkas (tujuan, program, kegiatan, sub kegiatan).",
            f"Baris berkas: {said}.",
        ]
        if self.dropped:
            lines.append(
                f"Tautan crosscutting yang ikut terhapus karena simpulnya tidak ada di berkas: {'; '.join(self.dropped)}."
            )
        lines += [
            f"  {sheet} baris {row}: {what}" for sheet, row, what in self.read.rows if what.startswith("dilewati")
        ]
        return lines


def import_cascade(
    store: Store, year: int, content: bytes, file_name: str, *, dry_run: bool = False, demo: bool = False
) -> CascadeSummary:
    """Read ``file_name`` and save the year's tree (all or nothing). A program's "Sasaran" cell may
    name the sasaran by its code or by its name as the plan writes it."""
    plan = plan_nodes(store, year)
    names = {
        level: {n.code: n.code for n in plan if n.level is level}
        | {" ".join(n.name.split()): n.code for n in plan if n.level is level}
        for level in (Level.SASARAN_OPD, Level.TUJUAN_OPD)
    }
    read = read_cascade(
        content, file_name, names[Level.SASARAN_OPD], tujuan=names[Level.TUJUAN_OPD], taken={n.code for n in plan}
    )
    plan = [
        replace(
            n,
            parent_code=read.placed.get(n.code, n.parent_code),
            indicators=(*n.indicators, *read.added.get(n.code, ())),
        )
        for n in plan
    ]
    nodes = [*plan, *read.nodes]
    problems = read.problems + tree_problems(store, year, nodes)
    if problems:
        raise InputRejected(problems)
    dropped = dropped_links(store, year, nodes)
    if not dry_run:
        save_tree(store, year, nodes, demo=demo)
    counted = [n.level for n in plan]
    return CascadeSummary(
        year, counted.count(Level.SASARAN_OPD), len(read.nodes), read, counted.count(Level.TUJUAN_OPD), tuple(dropped)
    )
