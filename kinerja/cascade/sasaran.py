"""The cascade may come first. SAKIP draws the tree from the Renstra, often before the year's PK is
signed, and its sasaran may be worded a little differently from the PK's. A sasaran a file names that
the year's plan lacks is the tree's own (its code made, its indicators and targets the file's); a PK
sasaran of close wording is proposed as the same, never joined in silence: the planner accepts each
proposal on the page, the command line warns and joins only when told (``--join-similar``). When the
PK arrives, :func:`join_plan` joins its sasaran to the tree's own: the same wording (case and spacing
aside) at once, close wording as proposals, the tree's nodes and indicators kept. One year's tree
and plan only: another year's are never read or changed."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from kinerja.cascade.codes import made_code
from kinerja.cascade.identity import said
from kinerja.cascade.stored import DraftNode, NodeIndicator, draft_from_edited, nodes_for_editing, save_tree
from kinerja.cascade.tree import IndicatorKind, Level
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


# how alike two wordings must be (difflib's ratio, case and spacing aside) to be proposed as one sasaran
CLOSE = 0.8


@dataclass(frozen=True)
class Proposal:
    """A sasaran of the tree (or of a file: ``code``, ``name``) worded close to a PK sasaran
    (``goal``, ``goal_name``): the same sasaran? The planner says."""

    code: str
    name: str
    goal: str
    goal_name: str
    likeness: float

    def said(self) -> str:
        return f'sasaran pohon {self.code} "{self.name}" mirip sasaran PK {self.goal} "{self.goal_name}"'


def likeness(a: str, b: str) -> float:
    """How alike two wordings are, 0 to 1, case and spacing aside."""
    return difflib.SequenceMatcher(None, said(a), said(b)).ratio()


def close_pairs(own: Iterable[tuple[str, str]], plan: Iterable[tuple[str, str]]) -> list[Proposal]:
    """Each of the tree's own sasaran (code, wording) paired with the PK sasaran worded closest to
    it, at least :data:`CLOSE` alike, each PK sasaran proposed once (the closest pairs first)."""
    plan = list(plan)
    pairs = sorted(
        (
            (likeness(name, goal_name), code, name, goal, goal_name)
            for code, name in own
            for goal, goal_name in plan
            if said(name) != said(goal_name)
        ),
        key=lambda pair: -pair[0],
    )
    taken_own: set[str] = set()
    taken_goal: set[str] = set()
    found = []
    for alike, code, name, goal, goal_name in pairs:
        if alike < CLOSE or code in taken_own or goal in taken_goal:
            continue
        taken_own.add(code)
        taken_goal.add(goal)
        found.append(Proposal(code, name, goal, goal_name, alike))
    return sorted(found, key=lambda p: p.code)


@dataclass(frozen=True)
class PlanJoined:
    """What joining the year's PK to its tree did: the tree's sasaran joined to the PK's (tree
    code, PK code, how: "sama" for the same wording, "diterima" for an accepted proposal), the PK's
    sasaran and tujuan added to the tree, the proposals left for the planner, the tree's own
    sasaran still not in the PK, and whether the tree was saved."""

    year: int
    joined: tuple[tuple[str, str, str], ...] = ()
    added: tuple[str, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    own: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()  # a tree node whose made code a PK code took (old, new)
    saved: bool = False

    def lines(self) -> list[str]:
        lines = []
        if self.joined:
            pairs = "; ".join(f"{tree} → {goal}" + (" (usulan diterima)" if how == "diterima" else "")
                              for tree, goal, how in self.joined)  # fmt: skip
            lines.append(f"Pohon kinerja {self.year}: sasaran pohon digabung ke sasaran PK: {pairs}.")
        if self.added:
            lines.append(f"Pohon kinerja {self.year}: sasaran/tujuan PK ditambahkan ke pohon: {', '.join(self.added)}.")
        if self.renamed:
            pairs = "; ".join(f"{old} → {new}" for old, new in self.renamed)
            lines.append(f"Kode buatan pohon yang sama dengan kode PK diganti: {pairs}.")
        lines += [f"Peringatan: {p.said()}: sama? {JOIN_HOW}" for p in self.proposals]
        if self.own:
            lines.append(
                f"Sasaran pohon belum ada di PK {self.year}: {', '.join(self.own)} (tetap sasaran pohon sendiri)."
            )
        return lines


JOIN_HOW = (
    "gabungkan di halaman Pohon Kinerja (tab Pemeriksaan), atau dengan --join-similar; tidak ada yang digabung "
    "tanpa diminta"
)


def _matched(tree: list[tuple[str, str]], plan: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[Proposal]]:
    """The tree's sasaran worded as a PK sasaran (tree code, PK code), and proposals for the rest."""
    by_wording = {said(name): code for code, name in plan}
    same = [(code, by_wording[said(name)]) for code, name in tree if said(name) in by_wording]
    joined = {code for code, _ in same} | {goal for _, goal in same}
    proposals = close_pairs([(c, n) for c, n in tree if c not in joined], [(c, n) for c, n in plan if c not in joined])
    return same, proposals


def join_plan(
    store: Store, year: int, accepted: Mapping[str, str] | None = None, *, similar: bool = False,
    dry_run: bool = False,
) -> PlanJoined:  # fmt: skip
    """Join the year's PK to the year's tree, if it has one: a tree's own sasaran worded as a PK
    sasaran (case and spacing aside) becomes it (the PK's wording, code and indicators, its own
    indicators the PK does not have kept, the nodes under it staying under it); one of close
    wording does only where ``accepted`` (tree code → PK code) says so, or every proposal with
    ``similar``; the others are proposals. The PK's sasaran still not in the tree are added (under
    their tujuan), as an import adds them; a tree's own tujuan worded as the PK's is joined to it.
    A tree node whose made code a PK code would take gets another made code. Nothing is saved when
    nothing changes; another year's tree and plan are never read."""
    tree = draft_from_edited(store, year, nodes_for_editing(store, year))
    if not tree:
        return PlanJoined(year)
    plan = plan_nodes(store, year)
    by_code = {n.code: n for n in plan}
    same_tujuan = {  # a tujuan of the tree under a PK tujuan's code, worded alike: the PK's
        n.code
        for n in tree
        if n.level is Level.TUJUAN_OPD and n.code in by_code and likeness(n.name, by_code[n.code].name) >= CLOSE
    }
    is_plan = same_tujuan | {n.code for n in tree if n.goal_code}
    parents = {n.parent_code for n in tree}
    bare = {n.code for n in tree if n.goal_code and n.code not in parents}  # a PK sasaran nothing hangs under yet
    own = [(n.code, n.name) for n in tree if n.level is Level.SASARAN_OPD and not n.goal_code]
    waiting = [
        (n.code, n.name) for n in plan if n.level is Level.SASARAN_OPD and (n.code not in is_plan or n.code in bare)
    ]
    same, proposals = _matched(own, waiting)
    joins = {code: (goal, "sama") for code, goal in same}
    for proposal in proposals:
        if similar or (accepted or {}).get(proposal.code) == proposal.goal:
            joins[proposal.code] = (proposal.goal, "diterima")
    plan_tujuan = {said(n.name): n.code for n in plan if n.level is Level.TUJUAN_OPD and n.code not in is_plan}
    tujuan = {
        n.code: plan_tujuan[said(n.name)]
        for n in tree
        if n.level is Level.TUJUAN_OPD and n.code not in is_plan and said(n.name) in plan_tujuan
    }
    renames = {code: goal for code, (goal, _) in joins.items()} | tujuan
    added = [n for n in plan if n.code not in is_plan and n.code not in renames.values()]
    wanted = set(renames.values()) | {n.code for n in added}
    taken = {n.code for n in tree} | wanted
    moved = {}
    for node in tree:  # a made code of the tree that a PK code now names: the tree's node takes another
        if node.code in wanted and node.code not in renames and node.code not in is_plan:
            number = 1
            while (fresh := made_code(None, node.level, number)) in taken:
                number += 1
            taken.add(fresh)
            moved[node.code] = fresh
    renames |= moved
    left = tuple(replace(p, code=renames.get(p.code, p.code)) for p in proposals if p.code not in joins)
    own_left = tuple(renames.get(c, c) for c, _ in own if c not in joins)
    if not (joins or tujuan or added):
        return PlanJoined(year, proposals=left, own=own_left)
    taking = {goal for goal, _ in joins.values()} & bare  # the bare PK node gives way to the tree's sasaran
    extra = {n.code: n.indicators for n in tree if n.code in taking}
    nodes = []
    for node in tree:
        if node.code in taking:
            continue
        becomes = renames.get(node.code, node.code)
        pk = by_code.get(becomes) if node.code not in moved else None
        node = replace(node, code=becomes, parent_code=renames.get(node.parent_code, node.parent_code))
        if pk is not None:
            mine = (*node.indicators, *extra.get(becomes, ()))
            node = replace(node, name=pk.name, goal_code=pk.goal_code, indicators=_with_pk(pk.indicators, mine))
        nodes.append(node)
    present = {n.code for n in nodes}
    for node in added:
        nodes.append(replace(node, parent_code=node.parent_code if node.parent_code in present | wanted else None))
        present.add(node.code)
    if not dry_run:
        save_tree(store, year, nodes)
    joined = [(code, goal, how) for code, (goal, how) in joins.items()] + [(c, g, "sama") for c, g in tujuan.items()]
    return PlanJoined(
        year, tuple(joined), tuple(n.code for n in added), left, own_left, tuple(moved.items()), saved=not dry_run
    )


def _with_pk(pk: tuple[NodeIndicator, ...], own: tuple[NodeIndicator, ...]) -> tuple[NodeIndicator, ...]:
    """A joined sasaran's indicators: the PK's, then the tree's own the PK does not name (by wording)."""
    names = {said(i.name) for i in pk}
    return (*pk, *(i for i in own if not i.indicator_code and said(i.name) not in names))
