"""The pohon kinerja on A4 landscape paper, drawn as offices draw it: a box per node in rows by
level, lines from each box down to the boxes under it, and in each box its code and score, its
name, its indicators with their targets, its official and its pagu. The deepest rows that do not
fit the page are left for the branch's own page (each box says how many nodes it holds)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from kinerja.domain.achievement import NO_DATA_COLOR, Band
from kinerja.domain.numbers import fmt_percent, fmt_rupiah
from kinerja.reporting.charts import plain
from kinerja.reporting.tree_charts import _ink, text_px, wrap_px

PAGE = (1123, 794)  # A4 landscape at 96 px an inch
MARGIN, TITLE_PX, FOOT_PX = 28, 58, 40
TEXT_PX, LINE_PX = 10, 13  # 10 px on A4 landscape prints at 7.5 pt
GAP_X, GAP_Y, PAD = 8, 26, 5
MAX_BOX = 330  # a box spanning many columns is no wider than this (its words stay a column)
MAX_INDICATORS = 6  # indicators written in one box; the rest counted
GRID_LINES = 5  # lines of a tile when a row too wide is printed as a grid


@dataclass(frozen=True)
class _Box:
    id: str
    x: float
    width: float
    row: int
    header: str
    lines: list[str]
    fill: str


def _lines(text: str, room: float, most: int | None = None) -> list[str]:
    """``text`` in lines ``room`` px wide, at most ``most`` of them (the last cut with "…")."""
    lines = wrap_px(text, room, TEXT_PX)
    if most is not None and len(lines) > most:
        lines = lines[:most]
        while text_px(lines[-1] + "…", TEXT_PX) > room and " " in lines[-1]:
            lines[-1] = lines[-1].rsplit(" ", 1)[0]
        lines[-1] += "…"
    return lines


def _indicator_lines(rows: pd.DataFrame, room: float) -> list[str]:
    """Each indicator with its target ("• Jumlah ibu hamil: 1.250 orang"), at most
    ``MAX_INDICATORS``, the rest counted."""
    lines: list[str] = []
    for name, target, unit in list(zip(rows["indicator_name"], rows["target"], rows["measure_unit"], strict=True))[
        :MAX_INDICATORS
    ]:
        aim = " ".join(str(part) for part in (target, unit) if isinstance(part, str) and part) or "tanpa target"
        lines += _lines(f"• {name}: {aim}", room, 3)
    if len(rows) > MAX_INDICATORS:
        lines.append(f"+{len(rows) - MAX_INDICATORS} indikator lain")
    return lines


def _words(box: pd.Series, rows: pd.DataFrame, room: float, brief: bool) -> list[str]:
    """A box's lines under its header: name, indicators with targets, official, pagu, and how
    many nodes under it are left for its own page."""
    lines = _lines(box["name"], room, 2 if brief else 3)
    if not brief:
        lines += _indicator_lines(rows, room)
        if isinstance(box["official"], str) and box["official"]:
            lines += _lines(f"PJ: {box['official']}", room, 2)
    pagu = box["pagu_total"]
    if pd.notna(pagu) and pagu > 0:
        full = f"Pagu {fmt_rupiah(pagu)}"
        lines.append(full if text_px(full, TEXT_PX) <= room else f"Pagu {fmt_rupiah(pagu, compact=True)}")
    if box["hidden"]:
        lines += _lines(f"+{box['hidden']} simpul di bawahnya", room)
    return lines


def _header(box: pd.Series, room: float) -> str:
    """A box's header line: its code (a unit: "Unit") and score with its category, shortened to
    ``room`` px (the category's word first, then the code's beginning)."""
    code = box["code"] or "Unit"
    score = fmt_percent(box["score_pct"]) if pd.notna(box["score_pct"]) else ""
    for said in (f"{score} {box['category']}" if score else "", score):
        header = " · ".join(part for part in (str(code), said) if part)
        if text_px(header, TEXT_PX) * 1.1 <= room:  # bold is a tenth wider
            return header
    while text_px(f"…{code} · {score}", TEXT_PX) * 1.1 > room and len(code) > 3:
        code = code[1:]
    return " · ".join(part for part in (f"…{code}" if code != (box["code"] or "Unit") else code, score) if part)


def _layout(boxes: pd.DataFrame, indicators: pd.DataFrame, scale: Sequence[Band], width: float) -> list[_Box]:
    """Each box over the columns of the boxes under it (at most ``MAX_BOX`` wide, centred)."""
    colors = {band.label: band.color for band in scale}
    total = max(int(boxes.loc[boxes["row"].eq(boxes["row"].min()), "columns"].sum()), 1)
    slot = width / total
    start: dict[str, float] = {}
    laid: list[_Box] = []
    for _, box in boxes.sort_values("row", kind="stable").iterrows():
        left = start.get(box["parent"], 0.0)
        start[box["parent"]] = left + box["columns"] * slot
        start[box["id"]] = left
        span = box["columns"] * slot
        wide = min(span, MAX_BOX) - GAP_X
        rows = indicators[indicators["code"] == box["id"]]
        laid.append(
            _Box(
                box["id"], left + (span - wide) / 2, wide, int(box["row"]), _header(box, wide - 2 * PAD),
                _words(box, rows, wide - 2 * PAD, brief=False), colors.get(box["category"], NO_DATA_COLOR),
            )
        )  # fmt: skip
    return laid


def _grid(boxes: pd.DataFrame, scale: Sequence[Band], width: float, across: int) -> list[_Box]:
    """A row too wide for the page (a province's units, a kegiatan's many sub-kegiatan): its boxes
    as tiles, ``across`` a line, under the box they hang from (each tile without indicators)."""
    colors = {band.label: band.color for band in scale}
    last = boxes["row"].max()
    laid: list[_Box] = []
    slot = width / across
    for _, box in boxes[boxes["row"] < last].iterrows():
        wide = min(width, MAX_BOX * 2)
        laid.append(_Box(box["id"], (width - wide) / 2, wide, 0, _header(box, wide - 2 * PAD), _words(box, box[:0], wide - 2 * PAD, True),
                         colors.get(box["category"], NO_DATA_COLOR)))  # fmt: skip
    first = 1 if laid else 0
    for n, (_, box) in enumerate(boxes[boxes["row"] == last].iterrows()):
        laid.append(
            _Box(
                box["id"], (n % across) * slot, slot - GAP_X, first + n // across, _header(box, slot - GAP_X - 2 * PAD),
                _words(box, box[:0], slot - GAP_X - 2 * PAD, True)[:GRID_LINES],
                colors.get(box["category"], NO_DATA_COLOR),
            )
        )  # fmt: skip
    return laid


def _row_heights(laid: list[_Box]) -> dict[int, float]:
    heights: dict[int, float] = {}
    for box in laid:
        heights[box.row] = max(heights.get(box.row, 0.0), (len(box.lines) + 1) * LINE_PX + 3 * PAD + 4)
    return heights


def _drop_last_row(boxes: pd.DataFrame) -> pd.DataFrame:
    """``boxes`` without their deepest row, each box of the new last row counting what it hid."""
    last = boxes["row"].max()
    gone = boxes[boxes["row"] == last]
    kept = boxes[boxes["row"] < last].copy()
    more = (gone["hidden"] + 1).groupby(gone["parent"]).sum()
    kept["hidden"] = kept["hidden"] + kept["id"].map(more).fillna(0).astype(int)
    kept["columns"] = [1 if i in set(more.index) else c for i, c in zip(kept["id"], kept["columns"], strict=True)]
    for row in sorted(kept["row"].unique(), reverse=True)[1:]:  # spans follow the new last row
        under = kept[kept["row"] == row + 1].groupby("parent")["columns"].sum()
        at = kept["row"] == row
        kept.loc[at, "columns"] = kept.loc[at, "id"].map(under).fillna(1).astype(int)
    return kept


def paper_tree(
    boxes: pd.DataFrame,
    indicators: pd.DataFrame,
    scale: Sequence[Band],
    title: str,
    note: str = "",
    across: int = 10,
) -> go.Figure:
    """The A4 landscape page of ``boxes`` (:func:`kinerja.cascade.screen.drawn`, the path above the
    printed branch left out) with ``indicators`` (:func:`kinerja.cascade.detail.node_indicators`):
    as many rows as fit the page's height, the deepest left out and counted in the boxes above; a
    row of more than ``across`` boxes printed as tiles (as many lines of them as the page holds)."""
    width, height = PAGE[0] - 2 * MARGIN, PAGE[1] - TITLE_PX - FOOT_PX - MARGIN
    tiles = boxes[boxes["row"] == boxes["row"].max()]
    if len(tiles) > across:  # tiles, as many lines as the page holds; the rest counted
        shown = len(tiles)
        while True:
            laid = _grid(boxes.drop(tiles.index[shown:]), scale, width, across)
            heights = _row_heights(laid)
            if sum(heights.values()) + GAP_Y * (len(heights) - 1) <= height or shown <= across:
                break
            shown -= across if shown % across == 0 else shown % across
        if shown < len(tiles):
            note = f"{note} {len(tiles) - shown} kotak lagi tidak muat di halaman ini: cetak cabangnya.".strip()
    else:
        while True:
            laid = _layout(boxes, indicators, scale, width)
            heights = _row_heights(laid)
            if sum(heights.values()) + GAP_Y * (len(heights) - 1) <= height or boxes["row"].nunique() == 1:
                break
            boxes = _drop_last_row(boxes)
    hidden = int(boxes.loc[boxes["id"].isin([b.id for b in laid]), "hidden"].sum())
    if hidden:
        note = f"{note} {hidden} simpul lebih dalam tercetak pada halaman cabangnya.".strip()
    top, tops = TITLE_PX, {}
    for row in sorted(heights):
        tops[row] = top
        top += heights[row] + GAP_Y
    shapes, notes = [], []
    where = {box.id: box for box in laid}
    parents = dict(zip(boxes["id"], boxes["parent"], strict=True))
    for box in laid:
        x, y, h = MARGIN + box.x, tops[box.row], heights[box.row]
        shapes.append(_rect(x, y, box.width, h, "#FFFFFF", "#555555"))
        shapes.append(_rect(x, y, box.width, LINE_PX + 2 * PAD - 2, box.fill, "#555555"))
        notes.append(_text(x + PAD, y + PAD - 1, f"<b>{plain(box.header)}</b>", _ink(box.fill)))
        body = "<br>".join(plain(line) for line in box.lines)
        notes.append(_text(x + PAD, y + LINE_PX + 2 * PAD, body, "#111111"))
        up = where.get(parents.get(box.id, ""))
        if up is not None:  # an elbow from the box above: down, across, down
            ux, uy = MARGIN + up.x + up.width / 2, tops[up.row] + heights[up.row]
            mid = y - GAP_Y / 2
            cx = x + box.width / 2
            shapes.append(_line([(ux, uy), (ux, mid), (cx, mid), (cx, y)]))
    figure = go.Figure()
    figure.update_layout(
        width=PAGE[0], height=PAGE[1], margin={"l": 0, "r": 0, "t": 0, "b": 0}, plot_bgcolor="white",
        paper_bgcolor="white", shapes=shapes, font={"family": "Arial, sans-serif", "size": TEXT_PX},
        annotations=[
            *notes,
            _text(MARGIN, 18, f"<b>{plain(title)}</b>", "#111111", size=15),
            _text(MARGIN, PAGE[1] - FOOT_PX + 2, "<br>".join(map(plain, wrap_px(note, width, 9))), "#444444", 9),
        ],
    )  # fmt: skip
    figure.update_xaxes(range=[0, PAGE[0]], visible=False, fixedrange=True)
    figure.update_yaxes(range=[PAGE[1], 0], visible=False, fixedrange=True)
    return figure


def _rect(x: float, y: float, w: float, h: float, fill: str, line: str) -> dict:
    return {"type": "rect", "x0": x, "y0": y, "x1": x + w, "y1": y + h, "fillcolor": fill,
            "line": {"color": line, "width": 0.8}, "layer": "below"}  # fmt: skip


def _line(points: list[tuple[float, float]]) -> dict:
    path = "M " + " L ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return {"type": "path", "path": path, "line": {"color": "#555555", "width": 1}, "layer": "below"}


def _text(x: float, y: float, text: str, color: str, size: int = TEXT_PX) -> dict:
    return {"x": x, "y": y, "xref": "x", "yref": "y", "xanchor": "left", "yanchor": "top", "align": "left",
            "showarrow": False, "text": text, "font": {"color": color, "size": size}}  # fmt: skip
