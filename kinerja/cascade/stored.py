"""A year's pohon kinerja in the database: saved whole (a draft with any error is refused whole, and
nothing of the year's tree changes), read back as one row per node and indicator."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from kinerja.access.roles import Action, require
from kinerja.cascade.budget import sums_under, with_totals
from kinerja.cascade.cells import target_value
from kinerja.cascade.export import cascade_workbook, depth_first
from kinerja.cascade.links import links_frame
from kinerja.cascade.tree import KIND_OF_LEVEL, IndicatorKind, Level, may_hang_under
from kinerja.domain.achievement import category, roll_up
from kinerja.domain.numbers import plain_number
from kinerja.domain.problems import InputRejected, Problem
from kinerja.storage.figures import recap
from kinerja.storage.settings import load_settings, office_settings
from kinerja.storage.store import Store
from kinerja.workbook.cells import MARKUP_REFUSED, has_markup
from kinerja.workflow.lock import hold_for_lkjip

# The command line's columns (`python -m kinerja tree`): a public interface, keep them stable.
TREE_COLUMNS = [
    "level",
    "code",
    "name",
    "parent_code",
    "unit_code",
    "official",
    "indicator_code",
    "indicator_name",
    "target",
    "score_pct",
    "pagu",
    "pagu_subtotal",
]


@dataclass(frozen=True)
class NodeIndicator:
    """An indicator on a node: the plan's PK indicator (``indicator_code``) on an office's sasaran,
    or the node's own outcome or output indicator."""

    name: str
    kind: IndicatorKind
    measure_unit: str | None = None
    target: float | None = None
    target_high: float | None = None
    target_text: str | None = None  # a target that is not a number ("WTP", "A")
    indicator_code: str | None = None


@dataclass(frozen=True)
class DraftNode:
    """One node as read from a sheet or a page, before it is saved; ``where`` says where it came from.

    ``pagu`` and ``spending`` are the budget: a sub-kegiatan's. An amount given to a node of any other
    level (a program's or a kegiatan's total in a SIPD list) is a subtotal of the sub-kegiatan under
    it: it is kept in ``pagu_subtotal`` / ``spending_subtotal``, whoever builds the node, checked
    against them and never added (:mod:`kinerja.cascade.budget`)."""

    level: Level
    code: str
    name: str
    parent_code: str | None = None
    unit_code: str | None = None
    official: str | None = None
    official_nip: str | None = None
    goal_code: str | None = None
    pagu: float | None = None
    indicators: tuple[NodeIndicator, ...] = field(default_factory=tuple)
    where: Problem = field(default_factory=lambda: Problem(""))
    spending: float | None = None  # realised spending (rupiah)
    pagu_subtotal: float | None = None
    spending_subtotal: float | None = None

    def __post_init__(self) -> None:
        if self.level is Level.SUB_KEGIATAN:
            return
        for budget in ("pagu", "spending"):  # written on a program or kegiatan: its sub-kegiatan's subtotal
            if getattr(self, budget) is not None:
                if getattr(self, f"{budget}_subtotal") is None:
                    object.__setattr__(self, f"{budget}_subtotal", getattr(self, budget))
                object.__setattr__(self, budget, None)


def with_indicator(node: DraftNode, indicator: NodeIndicator | None) -> DraftNode:
    """``node`` with ``indicator`` added, of the kind the node's level carries."""
    if indicator is None:
        return node
    return replace(node, indicators=(*node.indicators, replace(indicator, kind=KIND_OF_LEVEL[node.level])))


def tree_problems(store: Store, year: int, nodes: Sequence[DraftNode]) -> list[Problem]:
    """What keeps a draft from being saved: a code twice, a parent that is not in the draft, a
    parent of a level the node may not hang under, a unit, sasaran or PK indicator the year's plan
    does not have."""
    problems: list[Problem] = []
    by_code: dict[str, DraftNode] = {}
    units = {c.upper() for (c,) in store.rows("SELECT code FROM unit")}
    goals = {
        c
        for (c,) in store.rows(
            "SELECT DISTINCT g.code FROM goal g JOIN indicator_plan p ON p.goal_id = g.id WHERE p.year = ?", [year]
        )
    }
    indicators = {
        c
        for (c,) in store.rows(
            "SELECT i.code FROM indicator i JOIN indicator_plan p ON p.indicator_id = i.id WHERE p.year = ?", [year]
        )
    }
    for node in nodes:
        if node.code in by_code:
            problems.append(_at(node, f"kode {node.code} dipakai dua kali (juga di {by_code[node.code].where.place})"))
        by_code.setdefault(node.code, node)
    for node in nodes:
        parent = by_code.get(node.parent_code) if node.parent_code else None
        if node.parent_code and parent is None:
            problems.append(_at(node, f"induk {node.parent_code} tidak ada di pohon ini"))
        elif parent is not None and not may_hang_under(node.level, parent.level):
            problems.append(
                _at(node, f"{node.level.word} tidak dapat berada di bawah {parent.level.word} ({parent.code})")
            )
        if node.unit_code and node.unit_code.upper() not in units:
            problems.append(_at(node, f"unit {node.unit_code} tidak dikenal; tambahkan di Perencanaan › Unit Kerja"))
        if node.goal_code and node.goal_code not in goals:
            problems.append(_at(node, f"sasaran {node.goal_code} tidak ada dalam rencana {year}"))
        for indicator in node.indicators:
            if indicator.indicator_code and indicator.indicator_code not in indicators:
                problems.append(_at(node, f"indikator {indicator.indicator_code} tidak ada dalam rencana {year}"))
        problems += _markup(node)
    return problems


def _markup(node: DraftNode) -> list[Problem]:
    """A name, official, unit or indicator text holding markup (a link, an image, a script) is
    refused wherever the tree comes from (a file, the page's editors), as a plan's names are."""
    texts = [node.code, node.name, node.official, node.official_nip, node.unit_code]
    texts += [t for i in node.indicators for t in (i.name, i.measure_unit, i.target_text)]
    return [_at(node, f"{MARKUP_REFUSED}: '{text}'") for text in texts if has_markup(text)]


def dropped_links(store: Store, year: int, nodes: Sequence[DraftNode]) -> list[str]:
    """The crosscutting links that saving ``nodes`` drops with their node (its code is not among
    them), said as "node ↔ office": shown before the save and recorded in the audit trail."""
    codes = {node.code for node in nodes}
    links = links_frame(store, year)
    return [
        f"{code} ↔ {office}"
        for code, office in zip(links["Kode Simpul"], links["Perangkat Daerah Lain"], strict=True)
        if code not in codes
    ]


def save_tree(store: Store, year: int, nodes: Sequence[DraftNode], *, demo: bool = False) -> int:
    """Replace the year's tree with ``nodes`` (all or nothing) and return how many nodes were saved.
    Once the year's LKjIP (which presents the tree) is final, the tree changes only after an audited
    unlock, as the plan does; a final quarterly report does not hold it (it does not show the tree)."""
    require(Action.PLAN)
    problems = tree_problems(store, year, nodes)
    if problems:
        raise InputRejected(problems)
    unit_ids = {c.upper(): i for i, c in store.rows("SELECT id, code FROM unit")}
    goal_ids = dict(store.rows("SELECT code, id FROM goal"))
    indicator_ids = dict(store.rows("SELECT code, id FROM indicator"))
    with store.write() as w:
        hold_for_lkjip(w, year)
        before = w.scalar("SELECT count(*) FROM cascade_node WHERE year = ?", [year])
        links = w.cursor.execute(
            "SELECT n.code, l.other_office, l.other_code, l.other_name, l.status, l.reason FROM cascade_link l "
            "JOIN cascade_node n ON n.id = l.node_id WHERE n.year = ? ORDER BY l.id",
            [year],
        ).df()
        w.execute("DELETE FROM cascade_link WHERE node_id IN (SELECT id FROM cascade_node WHERE year = ?)", [year])
        w.execute("DELETE FROM cascade_indicator WHERE node_id IN (SELECT id FROM cascade_node WHERE year = ?)", [year])
        w.execute("DELETE FROM cascade_node WHERE year = ?", [year])
        first = w.next_id("cascade_node")
        ids = {node.code: first + n for n, node in enumerate(nodes)}
        w.insert_df(
            "cascade_node",
            pd.DataFrame(
                {
                    "id": [ids[n.code] for n in nodes],
                    "year": year,
                    "level": [str(n.level) for n in nodes],
                    "parent_id": pd.array([ids.get(n.parent_code) for n in nodes], dtype="Int64"),
                    "code": [n.code for n in nodes],
                    "name": [n.name for n in nodes],
                    "unit_id": pd.array([unit_ids.get((n.unit_code or "").upper()) for n in nodes], dtype="Int64"),
                    "official": [n.official for n in nodes],
                    "official_nip": [n.official_nip for n in nodes],
                    "goal_id": pd.array([goal_ids.get(n.goal_code) for n in nodes], dtype="Int64"),
                    "pagu": pd.array([n.pagu for n in nodes], dtype="Float64"),
                    "spending": pd.array([n.spending for n in nodes], dtype="Float64"),
                    "pagu_subtotal": pd.array([n.pagu_subtotal for n in nodes], dtype="Float64"),
                    "spending_subtotal": pd.array([n.spending_subtotal for n in nodes], dtype="Float64"),
                    "position": range(len(nodes)),
                    "demo": demo,
                }
            ),
        )
        rows = [(ids[n.code], i) for n in nodes for i in n.indicators]
        first = w.next_id("cascade_indicator")
        w.insert_df(
            "cascade_indicator",
            pd.DataFrame(
                {
                    "id": range(first, first + len(rows)),
                    "node_id": [node for node, _ in rows],
                    "kind": [str(i.kind) for _, i in rows],
                    "indicator_id": pd.array([indicator_ids.get(i.indicator_code) for _, i in rows], dtype="Int64"),
                    "name": [i.name for _, i in rows],
                    "measure_unit": [i.measure_unit for _, i in rows],
                    "target": pd.array([i.target for _, i in rows], dtype="Float64"),
                    "target_high": pd.array([i.target_high for _, i in rows], dtype="Float64"),
                    "target_text": [i.target_text for _, i in rows],
                    "position": range(len(rows)),
                }
            ),
        )
        dropped = [f"{c} ↔ {o}" for c, o in zip(links["code"], links["other_office"], strict=True) if c not in ids]
        links = links[links["code"].isin(ids)]
        if len(links):  # the crosscutting links stay with their nodes (by code); a node gone takes its own
            first = w.next_id("cascade_link")
            links = links.assign(id=range(first, first + len(links)), node_id=links["code"].map(ids))
            w.insert_df("cascade_link", links[["id", "node_id", "other_office", "other_code", "other_name", "status",
                                               "reason"]])  # fmt: skip
        w.audit(
            "simpan_pohon_kinerja",
            f"pohon kinerja {year}",
            {"simpul": before},
            {"simpul": len(nodes), **({"tautan_dihapus": dropped} if dropped else {})},
        )
    return len(nodes)


# a node with its parent's code and its unit's: what every reading of the tree starts from
_NODE_FROM = """FROM cascade_node n
LEFT JOIN cascade_node p ON p.id = n.parent_id
LEFT JOIN unit u ON u.id = n.unit_id"""

_TREE_SQL = f"""
SELECT n.level, n.code, n.name, p.code AS parent_code, u.code AS unit_code, n.official,
       i.code AS indicator_code, ci.name AS indicator_name, ci.target, ci.target_high, ci.target_text,
       n.pagu, n.pagu_subtotal, n.position, ci.position AS indicator_position
{_NODE_FROM}
LEFT JOIN cascade_indicator ci ON ci.node_id = n.id
LEFT JOIN indicator i ON i.id = ci.indicator_id
WHERE n.year = ?
ORDER BY n.position, ci.position
"""


def tree_frame(store: Store, year: int, quarter: int = 4) -> pd.DataFrame:
    """One row per node and indicator (a node without indicators has one row), in the tree's order,
    with ``TREE_COLUMNS``. ``score_pct`` is the recap's score at ``quarter`` for the plan's PK
    indicators; the tree's own outcome and output indicators have no figures collected yet. ``pagu``
    (a sub-kegiatan's, the budget) and ``pagu_subtotal`` (an amount a file wrote on a node above)
    are on a node's first row only, so the ``pagu`` column sums to the budget."""
    raw = store.df(_TREE_SQL, [year])
    first = ~raw["code"].duplicated()
    scores = recap(store, year, quarter).set_index("indicator_code")["score_pct"] if len(raw) else pd.Series()
    target = [
        text if isinstance(text, str) and text else _target_text(low, high)
        for low, high, text in zip(raw["target"], raw["target_high"], raw["target_text"], strict=True)
    ]
    return pd.DataFrame(
        {
            **{c: raw[c] for c in ("level", "code", "name", "parent_code", "unit_code", "official")},
            "indicator_code": raw["indicator_code"],
            "indicator_name": raw["indicator_name"],
            "target": target,
            "score_pct": raw["indicator_code"].map(scores),
            "pagu": raw["pagu"].where(first),
            "pagu_subtotal": raw["pagu_subtotal"].where(first),
        },
        columns=TREE_COLUMNS,
    )


def _target_text(low: float | None, high: float | None) -> str | None:
    if low is None or pd.isna(low):
        return None
    return plain_number(low) if high is None or pd.isna(high) else f"{plain_number(low)} - {plain_number(high)}"


def _at(node: DraftNode, message: str) -> Problem:
    where = node.where
    return Problem(message, where.file, where.sheet, where.row, where.column, node.code)


_NODES_SQL = f"""
SELECT n.id, n.level, n.code, n.name, p.code AS parent_code, u.code AS unit_code, n.official, n.pagu, n.spending,
       n.pagu_subtotal, n.spending_subtotal, n.position,
       list(i.code ORDER BY ci.position) FILTER (WHERE i.code IS NOT NULL) AS pk_codes,
       count(ci.id) AS indicators
{_NODE_FROM}
LEFT JOIN cascade_indicator ci ON ci.node_id = n.id
LEFT JOIN indicator i ON i.id = ci.indicator_id
WHERE n.year = ?
GROUP BY ALL
ORDER BY n.position
"""


def node_frame(store: Store, year: int, quarter: int = 4) -> pd.DataFrame:
    """One row per node of the year's tree, in the tree's order, with its achievement to date: the
    roll-up of the recap's scores of the PK indicators on it and under it (an office's sasaran and
    every level above). Programs and below carry outcome and output indicators whose figures are
    not collected yet: their score is empty, not a guess. ``pagu_total`` and ``spending_total`` are
    the sub-kegiatan's at and under each node (:mod:`kinerja.cascade.budget`)."""
    nodes = with_totals(store.df(_NODES_SQL, [year]))
    if nodes.empty:
        return nodes.assign(score_pct=pd.Series(dtype=float), category=pd.Series(dtype=object))
    frame = recap(store, year, quarter)
    parts = dict(zip(frame["indicator_code"], zip(frame["score_pct"], frame["weight"], strict=True), strict=True))
    children: dict[str, list[str]] = {}
    for code, parent in zip(nodes["code"], nodes["parent_code"], strict=True):
        if isinstance(parent, str):
            children.setdefault(parent, []).append(code)
    own = {code: _codes(codes) for code, codes in zip(nodes["code"], nodes["pk_codes"], strict=True)}

    def under(code: str, seen: frozenset = frozenset()) -> list[str]:
        if code in seen:
            return []
        return own.get(code, []) + [c for child in children.get(code, []) for c in under(child, seen | {code})]

    scores = []
    for code, level in zip(nodes["code"], nodes["level"], strict=True):
        scored = [parts[c] for c in under(code) if c in parts] if Level(level) in _SCORED else []
        scores.append(roll_up(scored) if scored else None)
    scale = load_settings(store, year).scale
    nodes["score_pct"] = pd.array(scores, dtype="Float64").astype(float)
    nodes["category"] = [category(s, scale) for s in scores]
    return nodes.drop(columns=["pk_codes", "position"])


def _codes(listed: object) -> list[str]:
    """A node's PK indicator codes, as DuckDB's list arrives (a list, an array, or NULL)."""
    return [str(c) for c in listed] if pd.api.types.is_list_like(listed) else []


_SCORED = {Level.TUJUAN_PEMDA, Level.SASARAN_PEMDA, Level.TUJUAN_OPD, Level.SASARAN_OPD}


SHOWN_BOXES = 600  # boxes a drawn tree holds and a browser draws at once in well under a second


def branch(nodes: pd.DataFrame, root: str | None = None, limit: int = SHOWN_BOXES) -> pd.DataFrame:
    """The part of ``nodes`` (:func:`node_frame`) a chart draws: ``root`` and the nodes under it
    (the whole tree's top nodes when None), as many levels down as fit in ``limit`` boxes (at
    least one), each with ``pagu_total``, the pagu of the sub-kegiatan at and under it (the whole
    tree's, as :func:`node_frame` gives it, even where ``nodes`` was filtered before),
    ``spending_total`` the same for realised spending, and ``hidden``, how many nodes under it are
    left for a click on its branch."""
    nodes = nodes.reset_index(drop=True)  # rows by position, whatever was filtered out before
    children: dict[str | None, list[int]] = {}
    codes = set(nodes["code"])
    for index, parent in enumerate(nodes["parent_code"]):
        children.setdefault(parent if isinstance(parent, str) and parent in codes else None, []).append(index)
    code_of = nodes["code"].tolist()
    position = {code: index for index, code in enumerate(code_of)}
    if "pagu_total" not in nodes:
        nodes = with_totals(nodes)
    sizes = _sizes(nodes)
    if root in position:
        shown, level = [position[root]], children.get(root, [])
    else:
        shown, level = [], children.get(None, [])
    levels = 0
    while level and (levels == 0 or len(shown) + len(level) <= limit):
        shown += level
        levels += 1
        level = [c for i in level for c in children.get(code_of[i], [])]
    drawn = nodes.iloc[sorted(shown)].copy()
    kept = set(drawn.index)
    drawn["hidden"] = [sum(sizes[c] for c in children.get(code, []) if c not in kept) for code in drawn["code"]]
    return drawn


def _sizes(nodes: pd.DataFrame) -> list[int]:
    """How many nodes each node's branch holds (itself included)."""
    code_of = nodes["code"].tolist()
    return [int(n) for n in sums_under(code_of, nodes["parent_code"].tolist(), [1] * len(code_of))]


def kertas_kerja(store: Store, year: int, quarter: int = 4) -> bytes:
    """The year's Kertas Kerja Cascading as an xlsx, scores to date at ``quarter``: its Pagu and
    Realisasi columns are the sub-kegiatan's (they sum to the budget), a node above them has the sum
    of the sub-kegiatan under it in the subtotal columns."""
    money = with_totals(store.df(_MONEY_SQL, [year])).set_index("code")
    return cascade_workbook(
        tree_frame(store, year, quarter), year, office_settings(store).office_name, links_frame(store, year), money
    )


_MONEY_SQL = f"SELECT n.code, n.level, p.code AS parent_code, n.pagu, n.spending {_NODE_FROM} WHERE n.year = ?"


# The page's table of nodes to edit: its columns, in Indonesian
EDIT_COLUMNS = [
    "Tingkat",
    "Kode",
    "Nama",
    "Kode Induk",
    "Unit",
    "Penanggung Jawab",
    "NIP",
    "Pagu (Rp)",
    "Realisasi (Rp)",
]
_EDIT_SQL = f"""
SELECT n.level, n.code, n.name, p.code AS parent_code, u.code AS unit_code, n.official, n.official_nip,
       coalesce(n.pagu, n.pagu_subtotal) AS pagu, coalesce(n.spending, n.spending_subtotal) AS spending
{_NODE_FROM}
WHERE n.year = ? ORDER BY n.position
"""


def nodes_for_editing(store: Store, year: int) -> pd.DataFrame:
    """The year's nodes as the page edits them: one row per node, each branch under its parent. A
    node above the sub-kegiatan shows the subtotal its file wrote as its pagu (kept apart when saved)."""
    raw = store.df(_EDIT_SQL, [year])
    ordered = depth_first(raw) if len(raw) else raw
    return pd.DataFrame(
        {
            "Tingkat": [Level(v).word for v in ordered["level"]],
            "Kode": ordered["code"],
            "Nama": ordered["name"],
            "Kode Induk": ordered["parent_code"],
            "Unit": ordered["unit_code"],
            "Penanggung Jawab": ordered["official"],
            "NIP": ordered["official_nip"],
            "Pagu (Rp)": ordered["pagu"].astype(float),
            "Realisasi (Rp)": ordered["spending"].astype(float),
        },
        columns=EDIT_COLUMNS,
    ).reset_index(drop=True)


def draft_from_edited(store: Store, year: int, edited: pd.DataFrame) -> list[DraftNode]:
    """The nodes of the edited table, each keeping the indicators it had (by its code); a sasaran
    of the plan stays the plan's, the tree's own sasaran (the PK lacks it) stays the tree's, a new
    row of a sasaran under a code of the year's plan is the plan's. Rows the table cannot give a
    node for are refused with their row."""
    words = {level.word.lower(): level for level in Level}
    kept = _indicators_by_code(store, year)
    stored = dict(store.rows("SELECT code, goal_id IS NOT NULL FROM cascade_node WHERE year = ?", [year]))
    planned = {c for (c,) in store.rows(
        "SELECT DISTINCT g.code FROM goal g JOIN indicator_plan p ON p.goal_id = g.id WHERE p.year = ?", [year])}  # fmt: skip
    goals = {c for c in stored if stored[c]} | {c for c in planned if c not in stored}
    nodes, problems = [], []
    for number, row in enumerate(edited.itertuples(index=False), start=1):
        place = Problem("", "Tabel pohon kinerja", None, number)
        values = dict(zip(EDIT_COLUMNS, row, strict=True))
        if all(_blank(v) for v in values.values()):
            continue
        level = words.get(str(values["Tingkat"] or "").strip().lower())
        code, name = _cell(values["Kode"]), _cell(values["Nama"])
        if level is None or not code or not name:
            problems.append(Problem("isi Tingkat (" + ", ".join(lv.word for lv in Level) + "), Kode dan Nama",
                                    place.file, row=number, value=values["Kode"]))  # fmt: skip
            continue
        pagu, spent = values["Pagu (Rp)"], values["Realisasi (Rp)"]
        nodes.append(DraftNode(
            level, code, name, _cell(values["Kode Induk"]), _cell(values["Unit"]), _cell(values["Penanggung Jawab"]),
            _cell(values["NIP"]), code if level is Level.SASARAN_OPD and code in goals else None,
            None if _blank(pagu) else float(pagu), kept.get(code, ()), place, None if _blank(spent) else float(spent),
        ))  # fmt: skip
    if problems:
        raise InputRejected(problems)
    return nodes


def _indicators_by_code(store: Store, year: int) -> dict[str, tuple[NodeIndicator, ...]]:
    found: dict[str, tuple[NodeIndicator, ...]] = {}
    for code, kind, indicator, name, unit, low, high, text in store.rows(
        "SELECT n.code, ci.kind, i.code, ci.name, ci.measure_unit, ci.target, ci.target_high, ci.target_text "
        "FROM cascade_indicator ci JOIN cascade_node n ON n.id = ci.node_id LEFT JOIN indicator i ON i.id = ci.indicator_id "
        "WHERE n.year = ? ORDER BY ci.position",
        [year],
    ):
        found[code] = (*found.get(code, ()), NodeIndicator(name, IndicatorKind(kind), unit, low, high, text, indicator))
    return found


def _cell(value: object) -> str | None:
    return None if _blank(value) else " ".join(str(value).split()) or None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA or str(value).strip() == ""


_UNDER_SQL = """
WITH RECURSIVE under(id, level, goal_id) AS (
    SELECT id, level, goal_id FROM cascade_node WHERE year = ? AND code = ?
    UNION ALL
    SELECT n.id, n.level, n.goal_id FROM cascade_node n JOIN under u ON n.parent_id = u.id
)
SELECT DISTINCT g.code FROM under u JOIN goal g ON g.id = u.goal_id WHERE u.level = 'sasaran_opd' ORDER BY 1
"""


def sasaran_under(store: Store, year: int, code: str) -> list[str]:
    """The codes of the plan's sasaran at or under the node ``code`` of the year's tree (none when
    the year's tree has no such node: a year's tree is its own)."""
    return [c for (c,) in store.rows(_UNDER_SQL, [year, code])]


_BRANCHES_SQL = """
WITH RECURSIVE under(top, id, level) AS (
    SELECT id, id, level FROM cascade_node WHERE year = ? AND level IN ('tujuan_pemda', 'sasaran_pemda', 'tujuan_opd')
    UNION ALL
    SELECT u.top, n.id, n.level FROM cascade_node n JOIN under u ON n.parent_id = u.id
)
SELECT t.code, t.level, t.name FROM cascade_node t
WHERE t.id IN (SELECT top FROM under WHERE level = 'sasaran_opd')
ORDER BY t.position
"""


def branch_choices(store: Store, year: int) -> dict[str, str]:
    """The branches above the office's sasaran a dashboard may be narrowed to (the region's tujuan
    and sasaran, the office's tujuan), each with a sasaran under it: label → code."""
    return {f"{code} · {Level(level).word}: {name}": code for code, level, name in store.rows(_BRANCHES_SQL, [year])}


# The page's table of the tree's own indicators (a sasaran's PK indicators stay the plan's)
INDICATOR_COLUMNS = ["Kode Simpul", "Jenis", "Indikator", "Satuan", "Target"]
_KIND_WORD = {IndicatorKind.IKU: "IKU", IndicatorKind.OUTCOME: "Outcome", IndicatorKind.OUTPUT: "Output"}


def indicators_for_editing(store: Store, year: int) -> pd.DataFrame:
    """The tree's own indicators (not the plan's PK indicators), one row each, in the tree's order;
    a target as people write it ("1.250", "80 - 90", "WTP")."""
    order = {code: n for n, code in enumerate(nodes_for_editing(store, year)["Kode"])}
    rows = [
        (code, _KIND_WORD[i.kind], i.name, i.measure_unit, i.target_text or _target_text(i.target, i.target_high))
        for code, indicators in sorted(_indicators_by_code(store, year).items(), key=lambda kv: order.get(kv[0], 0))
        for i in indicators
        if i.indicator_code is None
    ]
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def draft_with_indicators(store: Store, year: int, edited: pd.DataFrame) -> list[DraftNode]:
    """The year's nodes, each with the PK indicators it has and the rows of ``edited`` that name it
    (in their order). A row naming no node, without a name, of an unknown kind or with a range
    written backwards is refused with its row."""
    nodes = draft_from_edited(store, year, nodes_for_editing(store, year))
    codes = {node.code for node in nodes}
    kinds = {word.lower(): kind for kind, word in _KIND_WORD.items()}
    added: dict[str, list[NodeIndicator]] = {}
    problems = []
    for number, values in enumerate(edited[INDICATOR_COLUMNS].itertuples(index=False), start=1):
        code, kind, name, unit, target = (_cell(v) for v in values)
        if not any((code, name, unit, target)):
            continue

        def refuse(column: str, value: object, message: str, number: int = number) -> None:
            problems.append(Problem(message, "Tabel indikator pohon kinerja", None, number, column, value))

        if code not in codes:
            refuse("Kode Simpul", code, f"simpul {code or '(kosong)'} tidak ada di pohon kinerja {year}")
        if not name:
            refuse("Indikator", name, "isi nama indikator")
        if (kind or "").lower() not in kinds:
            refuse("Jenis", kind, "jenis harus IKU, Outcome atau Output")
        low, high, text = target_value(target)
        if low is not None and high is not None and high < low:
            refuse("Target", target, "rentang target terbalik: batas bawah lebih besar dari batas atas")
        if code in codes and name and (kind or "").lower() in kinds:
            added.setdefault(code, []).append(NodeIndicator(name, kinds[kind.lower()], unit, low, high, text))
    if problems:
        raise InputRejected(problems)
    return [
        replace(n, indicators=(*(i for i in n.indicators if i.indicator_code), *added.get(n.code, ()))) for n in nodes
    ]
