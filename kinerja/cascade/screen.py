"""One screen of the pohon kinerja: the branch a leader opened, drawn as many levels down as stay
readable on a 1440 px screen, the top grouped by unit when it is too wide to stand side by side;
every box's budget the sum of the sub-kegiatan under it (a program's or kegiatan's amount in a
file is a subtotal of them, never added to them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from kinerja.cascade.budget import with_totals
from kinerja.domain.achievement import category, roll_up
from kinerja.storage.figures import recap
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store

CHART_PX = 940  # the tree's width on a 1440 px screen: the page's column beside the sidebar
BOX_PX = 85  # the narrowest box that holds a name wrapped at 12 px (a dozen characters a line)
ACROSS = CHART_PX // BOX_PX  # boxes that stand side by side on one row: 11
MAP_BOXES = 40  # tiles a treemap of the chart's size holds, each with a readable label
TOP = "pohon:"  # the box above the whole tree (an id with ":" is never a node's code)
UNIT = "unit:"  # a unit group's id: "unit:" and the unit's code ("unit:" alone: no unit known)


@dataclass(frozen=True)
class Window:
    """What one screen draws: ``root`` (TOP, a unit group or a node) and ``depth`` levels under
    it; ``as_map`` when its first row is too wide to stand side by side (drawn as tiles)."""

    root: str
    depth: int
    as_map: bool = False


@dataclass(frozen=True)
class Shape:
    """The tree as a screen walks it: each box's children in order (TOP's are the top nodes, or
    their units when ``grouped``) and each box's parent."""

    children: dict[str, list[str]]
    parent: dict[str, str]
    grouped: bool = False

    def path(self, box: str) -> list[str]:
        """TOP, …, ``box``'s parent, ``box`` (a box outside the tree: TOP alone)."""
        if box != TOP and box not in self.parent:
            return [TOP]
        path = [box]
        while path[-1] != TOP and len(path) <= len(self.parent):
            path.append(self.parent[path[-1]])
        return path[::-1]

    def under(self, box: str) -> int:
        """How many boxes stand under ``box`` (all levels)."""
        count, row = 0, list(self.children.get(box, []))
        while row:
            count += len(row)
            row = [child for each in row for child in self.children.get(each, [])]
        return count


def shape(
    nodes: pd.DataFrame, units: Mapping[str, str] | None = None, across: int = ACROSS, order: Sequence[str] = ()
) -> Shape:
    """The tree of ``nodes`` (:func:`kinerja.cascade.stored.node_frame`); when its top nodes are
    more than ``across`` and ``units`` (top node → unit code) splits them in fewer groups, the
    top nodes hang under their unit's group, the groups in the ``order`` of their units."""
    codes = set(nodes["code"])
    children: dict[str, list[str]] = {TOP: []}
    parent: dict[str, str] = {}
    for code, up in zip(nodes["code"], nodes["parent_code"], strict=True):
        up = up if isinstance(up, str) and up in codes else TOP
        children.setdefault(up, []).append(code)
        parent[code] = up
    top = children[TOP]
    group_of = {code: UNIT + (units or {}).get(code, "") for code in top}
    rank = {UNIT + unit: n for n, unit in enumerate(order)}
    groups = sorted(dict.fromkeys(group_of.values()), key=lambda group: rank.get(group, len(rank)))
    if len(top) <= across or not 1 < len(groups) < len(top):
        return Shape(children, parent)
    children[TOP] = groups
    for group in groups:
        children[group] = [code for code in top if group_of[code] == group]
        parent[group] = TOP
    parent |= group_of
    return Shape(children, parent, grouped=True)


def window(tree: Shape, root: str = TOP, across: int = ACROSS) -> Window:
    """The levels under ``root`` that stand side by side in ``across`` columns (a box without
    children keeps its column to the last row); tiles when its first row alone is wider."""
    row = tree.children.get(root, [])
    if not row:
        return Window(root, 0)
    if len(row) > across:
        return Window(root, 1, as_map=True)
    ended, depth = 0, 1
    while below := [child for box in row for child in tree.children.get(box, [])]:
        ends = sum(1 for box in row if not tree.children.get(box))
        if ended + ends + len(below) > across:
            break
        row, ended, depth = below, ended + ends, depth + 1
    return Window(root, depth)


def first_screen(nodes: pd.DataFrame, units: Mapping[str, str] | None = None, across: int = ACROSS) -> Window:
    """What the page opens on: the tree from its top, as many levels as fit; a province's top
    (hundreds of sasaran) as tiles of its units."""
    return window(shape(nodes, units, across), TOP, across)


def window_for(tree: Shape, opened: str | None, across: int = ACROSS) -> Window:
    """The screen that shows the ``opened`` box with its children: the window of the highest box
    above it that still holds both (the box itself at the least), so a click deeper than the
    screen shows opens that branch, and a click on what is already shown leaves the screen be."""
    path = tree.path(opened or TOP)
    box = path[-1]
    for distance, root in zip(range(len(path) - 1, -1, -1), path, strict=True):
        shown = window(tree, root, across)
        reach = 1 if shown.as_map else shown.depth
        if distance <= reach and (distance < reach or not tree.children.get(box)):
            return shown
    return window(tree, box, across)  # not reached: the box's own window holds it


def budget_totals(nodes: pd.DataFrame) -> pd.DataFrame:
    """``nodes`` with ``pagu_total`` and ``spending_total``, counted once: the sub-kegiatan's at and
    under each node (:func:`kinerja.cascade.budget.with_totals`; a file's subtotals are never added)."""
    return with_totals(nodes)


@dataclass(frozen=True)
class Units:
    """The units a tree's top nodes belong to: a node's own unit, else the unit of most of the PK
    indicators on it and under it; each unit's name and roll-up score (TOP's: the whole tree's)."""

    of_top: dict[str, str] = field(default_factory=dict)  # top node → unit code
    names: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)
    categories: dict[str, str | None] = field(default_factory=dict)


_PK_SQL = """
SELECT n.code, i.code AS indicator_code FROM cascade_node n
JOIN cascade_indicator ci ON ci.node_id = n.id JOIN indicator i ON i.id = ci.indicator_id
WHERE n.year = ?
"""


def tree_units(store: Store, year: int, quarter: int, nodes: pd.DataFrame) -> Units:
    """The units of the top nodes of ``nodes`` (the year's :func:`node_frame`), for grouping a
    tree too wide to draw; each unit scored as a sasaran is: the roll-up of its PK indicators."""
    frame = recap(store, year, quarter)
    unit_of = dict(zip(frame["indicator_code"], frame["unit_code"], strict=True))
    parts = dict(zip(frame["indicator_code"], zip(frame["score_pct"], frame["weight"], strict=True), strict=True))
    pk: dict[str, list[str]] = {}
    for code, indicator in store.rows(_PK_SQL, [year]):
        pk.setdefault(code, []).append(indicator)
    tree = shape(nodes)
    own = dict(zip(nodes["code"], nodes["unit_code"], strict=True))
    of_top: dict[str, str] = {}
    indicators: dict[str, list[str]] = {}
    for top in tree.children[TOP]:
        branch, row = list(pk.get(top, [])), list(tree.children.get(top, []))
        while row:
            branch += [c for code in row for c in pk.get(code, [])]
            row = [child for code in row for child in tree.children.get(code, [])]
        counted = Counter(unit_of[c] for c in branch if isinstance(unit_of.get(c), str))  # ties: the first met
        unit = own.get(top) if isinstance(own.get(top), str) else None
        of_top[top] = unit or (counted.most_common(1)[0][0] if counted else "")
        indicators.setdefault(of_top[top], []).extend(branch)
    scale = load_settings(store, year).scale
    indicators[TOP] = [c for codes in indicators.values() for c in codes]
    scores = {unit: roll_up([parts[c] for c in codes if c in parts]) for unit, codes in indicators.items()}
    return Units(
        of_top,
        dict(store.rows("SELECT code, name FROM unit ORDER BY id")),
        scores,
        {unit: category(score, scale) for unit, score in scores.items()},
    )


def drawn(nodes: pd.DataFrame, tree: Shape, shown: Window, units: Units | None = None) -> pd.DataFrame:
    """The boxes ``shown`` draws, top down: the path from TOP to its root (one box a row), the
    root and its levels. Each with ``kind`` (top, unit or node), ``above`` (on the way up), its budget
    (:func:`budget_totals`), score, the ``columns`` it spans, its drawing ``row`` and ``hidden``,
    how many boxes under it are left for a click."""
    nodes = nodes if "pagu_total" in nodes else budget_totals(nodes)
    units = units or Units()
    by_code = {code: n for n, code in enumerate(nodes["code"])}
    path = tree.path(shown.root)
    rows = [[box] for box in path]
    for _ in range(shown.depth):
        rows.append([child for box in rows[-1] for child in tree.children.get(box, [])])
    columns: dict[str, int] = {}
    for depth in range(len(rows) - 1, len(path) - 2, -1):
        for box in rows[depth]:
            kids = tree.children.get(box, []) if depth < len(rows) - 1 else []
            columns[box] = sum(columns[k] for k in kids) or 1
    last = set(rows[-1]) if shown.depth else set()

    def own(box: str, column: str) -> object:
        if box in by_code:
            return nodes[column].iat[by_code[box]]
        tops = tree.children[TOP] if box == TOP else tree.children.get(box, [])
        if column in ("pagu_total", "spending_total"):
            known = [own(top, column) for top in tops]
            known = [float(v) for v in known if pd.notna(v)]
            return float(sum(known)) if known else float("nan")
        unit = box.removeprefix(UNIT)
        return {
            "score_pct": units.scores.get(unit if box != TOP else TOP),
            "category": units.categories.get(unit if box != TOP else TOP),
            "name": "Pohon Kinerja" if box == TOP else units.names.get(unit, unit or "Tanpa unit"),
            "unit_code": unit if box != TOP else None,
        }.get(column)

    records = []
    for row_number, row in enumerate(rows):
        for box in row:
            kind = "node" if box in by_code else "top" if box == TOP else "unit"
            records.append(
                {
                    "id": box,
                    "parent": "" if row_number == 0 else tree.parent[box],
                    "kind": kind,
                    "level": nodes["level"].iat[by_code[box]] if kind == "node" else kind,
                    "code": box if kind == "node" else "",
                    "name": own(box, "name"),
                    "official": own(box, "official") if kind == "node" else None,
                    "unit_code": own(box, "unit_code"),
                    "score_pct": own(box, "score_pct"),
                    "category": own(box, "category"),
                    "pagu_total": own(box, "pagu_total"),
                    "spending_total": own(box, "spending_total"),
                    "children": len(tree.children.get(box, [])),
                    "child_level": next(
                        (nodes["level"].iat[by_code[c]] for c in tree.children.get(box, []) if c in by_code), None
                    ),
                    "hidden": tree.under(box) if box in last else 0,
                    "columns": columns.get(box, columns[shown.root]),
                    "row": row_number,
                    "above": row_number < len(path) - 1,
                }
            )
    frame = pd.DataFrame.from_records(records)
    frame["score_pct"] = pd.to_numeric(frame["score_pct"], errors="coerce").astype(float)
    return frame


def budget_window(tree: Shape, opened: str | None) -> Window:
    """The budget view of the branch the tree shows for ``opened``: tiles three levels deep at
    most, as many as a treemap holds with a readable label each."""
    shown = window(tree, window_for(tree, opened).root, MAP_BOXES)
    return Window(shown.root, min(shown.depth, 3), shown.as_map)


def choices(nodes: pd.DataFrame, tree: Shape, units: Units | None = None) -> dict[str, str]:
    """What may be opened, in the tree's order (each branch under its parent): id → how it reads."""
    units = units or Units()
    names = dict(zip(nodes["code"], nodes["name"], strict=True))
    said: dict[str, str] = {}
    stack = list(reversed(tree.children[TOP]))
    while stack:
        box = stack.pop()
        if box in said:
            continue
        said[box] = (
            f"{box} · {names[box]}" if box in names else f"Unit: {units.names.get(box[len(UNIT) :], 'Tanpa unit')}"
        )
        stack.extend(reversed(tree.children.get(box, [])))
    return said


def budget_parts(nodes: pd.DataFrame, tree: Shape, box: str | None, units: Units | None = None) -> pd.DataFrame:
    """The budget of ``box`` (None: the whole tree) beside the parts it is the sum of: a row per
    box under it (``code``, ``name``, ``pagu_total``, ``spending_total``), then ``box`` itself."""
    root = box or TOP
    boxes = drawn(nodes, tree, Window(root, 1 if tree.children.get(root) else 0), units)
    columns = ["id", "code", "name", "pagu_total", "spending_total"]
    return pd.concat([boxes.loc[boxes["parent"] == root, columns], boxes.loc[boxes["id"] == root, columns]])
