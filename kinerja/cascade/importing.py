"""Importing a cascade file into a year's tree: the office's sasaran come from the year's plan (with
their PK indicators as IKU), the programs, kegiatan and sub-kegiatan from the file. What each row of
the file became is said in the summary."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kinerja.cascade.checks import draft_warnings
from kinerja.cascade.codes import is_kemendagri
from kinerja.cascade.drawn import unit_key
from kinerja.cascade.identity import said
from kinerja.cascade.kinds import CASCADE_KINDS, FileKind, Recognised, file_kind
from kinerja.cascade.reading import CascadeRead, read_cascade
from kinerja.cascade.reference import NamesFilled, with_official_names
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
from kinerja.domain.problems import InputRejected, Problem, shown
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
    named: NamesFilled | None = None  # official names the nomenclature gave nodes the file gave codes only
    warnings: tuple[Problem, ...] = ()  # what the save does not refuse but the planner should see
    recognised: Recognised | None = None  # what the file was read as

    @property
    def _tujuan(self) -> str:
        return f" (dan {self.plan_tujuan} tujuan di atasnya)" if self.plan_tujuan else ""

    def renamed_line(self) -> str | None:
        """The made codes that took the file's Kemendagri codes, and the file's nodes without one
        joined to the tree's node of the same level and name, if any."""
        said = []
        if self.merged and self.merged.renamed:
            pairs = "; ".join(f"{old} → {new}" for old, new in self.merged.renamed)
            said.append(f"Kode Kemendagri dari berkas menggantikan kode buatan (tingkat dan nama sama): {pairs}.")
        if self.merged and self.merged.by_name:
            pairs = "; ".join(f"{node} → {code}" for node, code in self.merged.by_name)
            said.append(
                f"Simpul berkas tanpa kode Kemendagri digabung ke simpul pohon (tingkat dan nama sama): {pairs}."
            )
        return " ".join(said) or None

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
        lines += self.named.lines() if self.named else []
        lines += [str(problem) for problem in shown(self.warnings)]
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
    existing = draft_from_edited(store, year, nodes_for_editing(store, year)) if merge else []
    taken = {n.code for n in plan} | {n.code for n in existing}  # a code made in the file names no other node
    read = read_cascade(
        content,
        file_name,
        names[Level.SASARAN_OPD],
        tujuan=names[Level.TUJUAN_OPD],
        taken=taken,
        units=unit_names(store),
    )
    read.nodes, named, nameless = with_official_names(store, read.nodes)
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
        nodes, merged = joined(existing, plan, read)
    problems = read.problems + nameless + tree_problems(store, year, nodes)
    if any(p.severity == "error" for p in problems):
        raise InputRejected(problems)
    warnings = problems + draft_warnings(nodes, file_name)
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
        named,
        tuple(warnings),
        recognised,
    )


def joined(existing: list[DraftNode], plan: list[DraftNode], read: CascadeRead) -> tuple[list[DraftNode], Joined]:
    """The year's tree with a file's nodes joined to it, and what the joining did. The plan's
    nodes come from the plan, each where the tree had it unless the file places it (a tujuan keeps
    its indicators unless the file gives some). A file's node is the tree's node of the same code,
    else the tree's node of the same level and name (case and spacing aside) under the same parent
    (any parent where the file names none), where one of the two codes was made: a node the tree
    holds under a made code ("S1.1") takes the file's Kemendagri code ("S1.1 → 1.02.02"), a file's
    node without one takes the tree's code, and the nodes under either follow. The joined node is
    updated in its place with what the file gives; the rest of the tree stays; a new node is added."""
    planned = {node.code for node in plan}
    same = _same_nodes(existing, planned, read.nodes)
    renamed = {tree: file for file, tree in same.items() if is_kemendagri(file) and not is_kemendagri(tree)}

    def final(code: str | None, file: bool = False) -> str | None:
        """A code of the tree (or of the file) as the joined tree writes it."""
        if code is None:
            return None
        code = same.get(code, code) if file else code
        return renamed.get(code, code)

    before = {node.code: node for node in existing}
    given = {final(node.code, file=True): node for node in read.nodes}
    nodes: dict[str, DraftNode] = {}
    for node in plan:
        old = before.get(node.code)
        if node.code in read.placed:
            node = replace(node, parent_code=final(read.placed[node.code], file=True))
        elif old is not None:
            node = replace(node, parent_code=final(old.parent_code))
        if old is not None and node.level is Level.TUJUAN_OPD and not node.indicators:
            node = replace(node, indicators=old.indicators)
        nodes[node.code] = node
    updated = kept = 0
    for old in existing:
        if old.code in nodes:
            continue
        old = replace(old, code=final(old.code), parent_code=final(old.parent_code))
        new = given.get(old.code)
        if new is None:
            kept += 1
            nodes[old.code] = old
            continue
        updated += 1
        nodes[old.code] = replace(
            new,
            code=old.code,
            parent_code=final(new.parent_code, file=True) or old.parent_code,
            unit_code=new.unit_code or old.unit_code,
            official=new.official or old.official,
            official_nip=new.official_nip or old.official_nip,
            pagu=_given(new.pagu, old.pagu),
            spending=_given(new.spending, old.spending),
            pagu_subtotal=_given(new.pagu_subtotal, old.pagu_subtotal),
            spending_subtotal=_given(new.spending_subtotal, old.spending_subtotal),
            indicators=new.indicators or old.indicators,
        )
    fresh = [
        replace(node, code=code, parent_code=final(node.parent_code, file=True))
        for code, node in given.items()
        if code not in nodes
    ]
    nodes.update((node.code, node) for node in fresh)
    by_name = tuple(
        (f'{node.level.word} "{node.name}"', tree)
        for node in read.nodes
        if (tree := same.get(node.code)) and tree not in renamed
    )
    return list(nodes.values()), Joined(updated, len(fresh), kept, tuple(renamed.items()), by_name)


def _given(new: float | None, old: float | None) -> float | None:
    return new if new is not None else old


@dataclass(frozen=True)
class Joined:
    """What joining a file to the tree did: nodes updated, added, kept as they were, the made
    codes that took a file's Kemendagri code (old, new), and the file's nodes without a Kemendagri
    code joined to the tree's node of the same level and name (the file's node, the tree's code)."""

    updated: int
    added: int
    kept: int
    renamed: tuple[tuple[str, str], ...] = ()
    by_name: tuple[tuple[str, str], ...] = ()


_LEVEL_ORDER = {level: n for n, level in enumerate(Level)}


def _same_nodes(existing: list[DraftNode], planned: set[str], read: list[DraftNode]) -> dict[str, str]:
    """A file's node code → the code of the tree's node it is, where the two codes differ: the
    same level and name under the same parent (upper levels first, so that the parent of a node
    is known as the tree's by the time the node is matched), one of the two codes made."""
    codes = {node.code for node in existing}
    waiting: dict[tuple[Level, str], list[DraftNode]] = {}
    for node in existing:
        if node.code not in planned:
            waiting.setdefault((node.level, said(node.name)), []).append(node)
    same: dict[str, str] = {}
    for node in sorted(read, key=lambda n: _LEVEL_ORDER[n.level]):
        if node.code in codes:
            continue
        parent = same.get(node.parent_code, node.parent_code) if node.parent_code else None
        candidates = waiting.get((node.level, said(node.name)), [])
        match = next(
            (
                old
                for old in candidates
                if (parent is None or old.parent_code == parent)
                and not (is_kemendagri(old.code) and is_kemendagri(node.code))
            ),
            None,
        )
        if match is not None:
            candidates.remove(match)
            same[node.code] = match.code
    return same
