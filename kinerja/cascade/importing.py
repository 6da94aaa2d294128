"""Importing a cascade file into a year's tree: the office's sasaran come from the year's plan (with
their PK indicators as IKU), the programs, kegiatan and sub-kegiatan from the file. What each row of
the file became is said in the summary."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kinerja.cascade.codes import is_kemendagri
from kinerja.cascade.drawn import unit_key
from kinerja.cascade.kinds import CASCADE_KINDS, FileKind, Recognised, file_kind
from kinerja.cascade.reading import CascadeRead, read_cascade
from kinerja.cascade.stored import (
    DraftNode,
    NodeIndicator,
    draft_from_edited,
    dropped_links,
    nodes_for_editing,
    save_tree,
    tree_problems,
)
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


def unit_names(store: Store) -> dict[str, str]:
    """The units a drawing's unit headings may name, by name or code ("BAGIAN PERTANIAN" → its code)."""
    units: dict[str, str] = {}
    for code, name in store.rows("SELECT code, name FROM unit ORDER BY code"):
        units.setdefault(unit_key(name), code)
        units.setdefault(unit_key(code), code)
    return units


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
    merged: Joined | None = None  # what joining the file to the tree did
    recognised: Recognised | None = None  # what the file was read as

    @property
    def _tujuan(self) -> str:
        return f" (dan {self.plan_tujuan} tujuan di atasnya)" if self.plan_tujuan else ""

    def renamed_line(self) -> str | None:
        """The made codes that took the file's Kemendagri codes, if any."""
        if not (self.merged and self.merged.renamed):
            return None
        pairs = "; ".join(f"{old} → {new}" for old, new in self.merged.renamed)
        return f"Kode Kemendagri dari berkas menggantikan kode buatan (tingkat dan nama sama): {pairs}."

    def dropped_line(self) -> str | None:
        """The crosscutting links the save drops with their nodes, if any."""
        if not self.dropped:
            return None
        return (
            f"Tautan crosscutting yang ikut terhapus karena simpulnya tidak ada di berkas: {'; '.join(self.dropped)}."
        )

    def lines(self) -> list[str]:
        counts = self.read.accounting()
        said = ", ".join(f"{n} {what}" for what, n in counts.items())
        lines = [
            f"Pohon kinerja {self.year} disimpan: {self.from_plan} sasaran{self._tujuan} dari rencana, "
            f"{self.from_file} simpul dari berkas (tujuan, program, kegiatan, sub kegiatan)"
            + (
                f", digabung dengan pohon yang ada: {self.merged.updated} simpul diperbarui, {self.merged.added} "
                f"ditambahkan, {self.merged.kept} tetap."
                if self.merged
                else "."
            ),
            (f"Dibaca sebagai {self.recognised.said()}. " if self.recognised else "") + f"Baris berkas: {said}.",
        ]
        lines += [line for line in (self.renamed_line(), self.dropped_line()) if line]
        lines += [
            f"  {sheet} baris {row}: {what}" for sheet, row, what in self.read.rows if what.startswith("dilewati")
        ]
        return lines


def import_cascade(
    store: Store,
    year: int,
    content: bytes,
    file_name: str,
    *,
    dry_run: bool = False,
    demo: bool = False,
    merge: bool = False,
    recognised: Recognised | None = None,
) -> CascadeSummary:
    """Read ``file_name`` and save the year's tree (all or nothing). A program's "Sasaran" cell may
    name the sasaran by its code or by its name as the plan writes it. With ``merge``, the file's
    nodes join the year's tree instead of replacing it: a node of the same code is updated (what
    the file leaves blank stays as it was), a new code is added, the rest of the tree stays (a
    Kertas Kerja for the upper levels, then SIPD's sub-kegiatan list with the pagu). A file that is
    not a cascade (a plan, quarterly data, the nomenclature, a tree drawn with text boxes) is refused
    with what it is and where it goes (``recognised``: what ``file_kind`` made of it, if known)."""
    recognised = recognised or file_kind(content, file_name)
    if refused := recognised.refusal(CASCADE_KINDS):
        raise InputRejected([refused])
    plan = plan_nodes(store, year)
    names = {
        level: {n.code: n.code for n in plan if n.level is level}
        | {" ".join(n.name.split()): n.code for n in plan if n.level is level}
        for level in (Level.SASARAN_OPD, Level.TUJUAN_OPD)
    }
    read = read_cascade(
        content,
        file_name,
        names[Level.SASARAN_OPD],
        tujuan=names[Level.TUJUAN_OPD],
        taken={n.code for n in plan},
        units=unit_names(store),
    )
    if recognised.kind is FileKind.DRAWING:
        read.rows += [
            (sheet, 1, f"dilewati: {recognised.shapes[sheet]} kotak teks (shape) di sheet ini; isinya tidak dibaca")
            for sheet in recognised.sheets
            if recognised.shapes.get(sheet)
        ]
    plan = [
        replace(
            n,
            parent_code=read.placed.get(n.code, n.parent_code),
            indicators=(*n.indicators, *read.added.get(n.code, ())),
        )
        for n in plan
    ]
    nodes, merged = [*plan, *read.nodes], None
    if merge:
        nodes, merged = joined(draft_from_edited(store, year, nodes_for_editing(store, year)), plan, read)
    problems = read.problems + tree_problems(store, year, nodes)
    if problems:
        raise InputRejected(problems)
    dropped = dropped_links(store, year, nodes)
    if not dry_run:
        save_tree(store, year, nodes, demo=demo)
    counted = [n.level for n in plan]
    return CascadeSummary(
        year,
        counted.count(Level.SASARAN_OPD),
        len(read.nodes),
        read,
        counted.count(Level.TUJUAN_OPD),
        tuple(dropped),
        merged,
        recognised,
    )


def joined(existing: list[DraftNode], plan: list[DraftNode], read: CascadeRead) -> tuple[list[DraftNode], Joined]:
    """The year's tree with a file's nodes joined to it, and what the joining did. The plan's
    nodes come from the plan, each where the tree had it unless the file places it (a tujuan keeps
    its indicators unless the file gives some); a file's node of an existing code updates it, in its
    place, with what the file gives. A node the tree holds under a code made for it ("S1.1") takes
    the Kemendagri code of the file's node of the same level and name (said in the summary), and
    the nodes under it follow."""
    before = {node.code: node for node in existing}
    given = {node.code: node for node in read.nodes}
    renamed = _same_names(existing, {node.code for node in plan}, read.nodes)
    nodes: dict[str, DraftNode] = {}
    for node in plan:
        old = before.get(node.code)
        if old is not None and node.code not in read.placed:
            node = replace(node, parent_code=renamed.get(old.parent_code, old.parent_code))
        if old is not None and node.level is Level.TUJUAN_OPD and not node.indicators:
            node = replace(node, indicators=old.indicators)
        nodes[node.code] = node
    updated = kept = 0
    for old in existing:
        if old.code in nodes:
            continue
        old = replace(
            old, code=renamed.get(old.code, old.code), parent_code=renamed.get(old.parent_code, old.parent_code)
        )
        new = given.get(old.code)
        if new is None:
            kept += 1
            nodes[old.code] = old
            continue
        updated += 1
        nodes[old.code] = replace(
            new,
            parent_code=new.parent_code or old.parent_code,
            unit_code=new.unit_code or old.unit_code,
            official=new.official or old.official,
            official_nip=new.official_nip or old.official_nip,
            pagu=new.pagu if new.pagu is not None else old.pagu,
            spending=new.spending if new.spending is not None else old.spending,
            indicators=new.indicators or old.indicators,
        )
    fresh = [node for node in read.nodes if node.code not in nodes]
    nodes.update((node.code, node) for node in fresh)
    return list(nodes.values()), Joined(updated, len(fresh), kept, tuple(renamed.items()))


@dataclass(frozen=True)
class Joined:
    """What joining a file to the tree did: nodes updated, added, kept as they were, and the made
    codes that took a file's Kemendagri code (old, new)."""

    updated: int
    added: int
    kept: int
    renamed: tuple[tuple[str, str], ...] = ()


def _same_names(existing: list[DraftNode], planned: set[str], read: list[DraftNode]) -> dict[str, str]:
    """Made code → the Kemendagri code of the file's one node of the same level and name (in any
    case and spacing), for the tree's nodes whose code was made for them."""
    codes = {node.code for node in existing}
    made: dict[tuple[Level, str], list[str]] = {}
    for node in existing:
        if node.code not in planned and not is_kemendagri(node.code):
            made.setdefault((node.level, _said(node.name)), []).append(node.code)
    found: dict[tuple[Level, str], list[str]] = {}
    for node in read:
        if node.code not in codes and is_kemendagri(node.code):
            found.setdefault((node.level, _said(node.name)), []).append(node.code)
    return {olds[0]: found[key][0] for key, olds in made.items() if len(olds) == 1 and len(found.get(key, ())) == 1}


def _said(name: str) -> str:
    return " ".join(name.casefold().split())
