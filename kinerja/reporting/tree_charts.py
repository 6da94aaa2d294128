"""The pohon kinerja on screen: the tree top-down (an icicle), a row too wide to stand side by side
as tiles (a treemap), and the budget by branch coloured by absorption. Each label is wrapped to
its own box and never shrunk below 11 px (hidden instead: the hover and a click still tell it);
names come from offices' files and are shown as text, never as markup."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale, unlabel_rgb

from kinerja.cascade.screen import CHART_PX
from kinerja.cascade.tree import Level
from kinerja.domain.achievement import NO_DATA_COLOR, Band
from kinerja.domain.numbers import fmt_percent, fmt_rupiah
from kinerja.reporting.charts import _layout, plain

LABEL_PX, MIN_LABEL_PX = 12, 11  # a box's words, and the smallest they may get before they are hidden
CHAR_PX, LINE_PX = 6.6, 15  # an average character and a line at 12 px
ROW_PX = 112  # one row of the drawn tree: seven lines of a box
PATH_COLOR = "#EEF3F8"  # the boxes above the opened branch: the way back up
NO_BUDGET_COLOR = "#D9D9D9"
# absorption (spending / pagu) from pale yellow (little spent) to dark blue (all spent): ColorBrewer's
# YlGnBu without its near-white end, told apart by colour-blind readers and in grey print alike
ABSORPTION_SCALE = [
    [0.0, "rgb(237,248,177)"],
    [0.2, "rgb(199,233,180)"],
    [0.4, "rgb(127,205,187)"],
    [0.55, "rgb(65,182,196)"],
    [0.7, "rgb(29,145,192)"],
    [0.85, "rgb(34,94,168)"],
    [1.0, "rgb(8,29,88)"],
]
_HOVER = (
    "%{customdata[0]}<br><b>%{customdata[1]}</b><br>Skor capaian: %{customdata[2]}<br>Pagu: %{customdata[3]}"
    "<br>Realisasi anggaran: %{customdata[4]}<br><i>%{customdata[5]}</i><extra></extra>"
)


def _ink(background: str) -> str:
    """Black words on a light box, white on a dark one ("#RRGGBB" or "rgb(r,g,b)")."""
    if background.startswith("#"):
        red, green, blue = (int(background.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    else:
        red, green, blue = unlabel_rgb(background)
    return "#111111" if (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255 > 0.5 else "#FFFFFF"


# Arial's advance widths in thousandths of the font size: a label is wrapped by how wide its words
# are, not by counting characters ("PROGRAM PEMENUHAN" is half as wide again as "program pemenuhan")
_WIDTHS = dict.fromkeys("abdeghnopqu0123456789$", 556) | dict.fromkeys("ckszvxy", 500) | dict.fromkeys("fjilt", 250)
_WIDTHS |= {
    "m": 833,
    "w": 722,
    "r": 333,
    " ": 278,
    "\xa0": 278,
    ".": 278,
    ",": 278,
    ":": 278,
    ";": 278,
    "/": 278,
    "·": 278,
}
_WIDTHS |= {"-": 333, "(": 333, ")": 333, "%": 889, "•": 350, "…": 1000, "I": 278, "J": 500, "L": 556}
_WIDTHS |= dict.fromkeys("ABEKPSVXY", 667) | dict.fromkeys("CDHNRUw", 722) | dict.fromkeys("FTZ", 611)
_WIDTHS |= dict.fromkeys("GOQ", 778) | {"M": 833, "W": 944}


def text_px(text: str, size: float = LABEL_PX) -> float:
    """How wide ``text`` is at ``size`` px (Arial's widths; the screen's Source Sans is narrower)."""
    return sum(_WIDTHS.get(ch, 556) for ch in str(text)) * size / 1000


def wrap_px(text: str, width: float, size: float = LABEL_PX) -> list[str]:
    """``text`` in lines no wider than ``width`` px at ``size`` px, at word breaks (a longer word
    cut with "…")."""
    lines: list[str] = []
    for word in str(text).replace("\n", " ").split(" "):  # not at a no-break space: "Rp\xa02,6\xa0M" stays whole
        if not word:
            continue
        if lines and text_px(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
            continue
        while text_px(word, size) > width and len(word) > 2:
            word = word[:-2] + "…"
        lines.append(word)
    return lines


def _lines(text: str, chars: int) -> list[str]:
    """``text`` in lines about ``chars`` average characters wide."""
    return wrap_px(text, chars * CHAR_PX)


def _label(head: str, name: str, tail: Sequence[str], chars: int, room: int) -> str:
    """A box's words in ``room`` lines of ``chars``: its head (code and score) first, then its tail
    (pagu, what is under it), the name in the lines left, cut with "…" where it runs over (a
    code's head keeps its end, where codes differ; a name's keeps its beginning)."""
    chars = max(chars, 6)
    if len(head) > chars:
        coded = any(ch.isdigit() for ch in head.split(" ")[0]) and "." in head
        head = "…" + head[-(chars - 1) :] if coded else head[: chars - 1] + "…"
    words = _lines(name, chars)
    tail = [line for t in tail if t for line in _lines(t, chars)][: max(room - 1 - min(len(words), 1), 0)]
    left = max(room - 1 - len(tail), 1)
    if len(words) > left:
        words = words[:left]
        words[-1] = (words[-1][: chars - 1] if len(words[-1]) >= chars else words[-1]) + "…"
    shown = [f"<b>{plain(head)}</b>", *(plain(w) for w in words), *(plain(t) for t in tail)]
    return "<br>".join(shown)


def _amount(value: float) -> str:
    """Compact rupiah that never breaks across lines ("Rp 2,6 M")."""
    return fmt_rupiah(value, compact=True).replace(" ", "\xa0")


def _scored(score: float, category: str | None) -> str:
    return f"{fmt_percent(score)} ({category})" if pd.notna(score) else "belum ada angka"


def _spent(spending: float, pagu: float) -> str:
    if pd.isna(spending):
        return "–"
    share = f" ({fmt_percent(spending / pagu * 100)} dari pagu)" if pd.notna(pagu) and pagu > 0 else ""
    return f"{fmt_rupiah(spending)}{share}"


def _word(level: str, kind: str) -> str:
    return {"top": "Seluruh pohon", "unit": "Unit kerja"}.get(kind) or Level(level).word


def _hover(boxes: pd.DataFrame) -> list[list[str]]:
    """What the hover says of each box: its level, code and name, score, pagu and spending in
    rupiah, and what a click does."""
    return [
        [
            _word(level, kind),
            "<br>".join(plain(line) for line in _lines(f"{code} · {name}" if code else name, 60)),
            _scored(score, category),
            fmt_rupiah(pagu) if pd.notna(pagu) else "–",
            _spent(spending, pagu),
            f"Klik untuk membuka; {hidden} simpul di bawahnya" if hidden else "Klik untuk membuka",
        ]
        for level, kind, code, name, score, category, pagu, spending, hidden in zip(
            boxes["level"], boxes["kind"], boxes["code"], boxes["name"], boxes["score_pct"], boxes["category"],
            boxes["pagu_total"], boxes["spending_total"], boxes["hidden"], strict=True,
        )
    ]  # fmt: skip


def _fills(boxes: pd.DataFrame, scale: Sequence[Band]) -> list[str]:
    colors = {band.label: band.color for band in scale}
    return [
        PATH_COLOR if kind == "top" or above else colors.get(category, NO_DATA_COLOR)
        for kind, above, category in zip(boxes["kind"], boxes["above"], boxes["category"], strict=True)
    ]


def _heads(boxes: pd.DataFrame) -> list[str]:
    """A box's first line: its code (a unit's name stands in its name line) and its score."""
    return [
        " · ".join(part for part in (code or _word(level, kind), fmt_percent(s) if pd.notna(s) else "") if part)
        for code, level, kind, s in zip(boxes["code"], boxes["level"], boxes["kind"], boxes["score_pct"], strict=True)
    ]


def _tails(boxes: pd.DataFrame, chars: Sequence[int]) -> list[list[str]]:
    """A box's last lines: its pagu (compact rupiah), and how many boxes a click opens under it."""
    return [
        [
            (f"Pagu {_amount(p)}" if c >= 14 else _amount(p)) if p > 0 else "",
            f"+{h} simpul di bawahnya" if h and c >= 22 else f"+{h} simpul" if h else "",
        ]
        for p, h, c in zip(boxes["pagu_total"].fillna(0), boxes["hidden"], chars, strict=True)
    ]


def _category_legend(figure: go.Figure, scale: Sequence[Band]) -> go.Figure:
    """The category colours named under the chart (an icicle or treemap has no legend of its own)."""
    for label, color in [*((band.label, band.color) for band in scale), ("belum ada angka", NO_DATA_COLOR)]:
        figure.add_trace(
            go.Scatter(x=[None], y=[None], mode="markers", name=label, hoverinfo="skip",
                       marker={"color": color, "symbol": "square", "size": 14})
        )  # fmt: skip
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(
        showlegend=True,
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top", "title": {"text": "Warna:"}},
        margin={"b": 50},
        plot_bgcolor="white",
    )
    return figure


def _outline(boxes: pd.DataFrame, opened: str | None) -> dict:
    return {
        "color": ["#111111" if box == opened else "#FFFFFF" for box in boxes["id"]],
        "width": [3 if box == opened else 1 for box in boxes["id"]],
    }


def cascade_chart(boxes: pd.DataFrame, scale: Sequence[Band], title: str = "", opened: str | None = None) -> go.Figure:
    """The drawn tree top-down (an icicle): ``boxes`` is :func:`kinerja.cascade.screen.drawn`, the
    way back up (full-width boxes), the opened branch and its levels under it. Each box coloured by
    its category to date (grey: no figures yet) and saying its code, score, name and pagu; the
    ``opened`` box outlined."""
    rows = int(boxes["row"].max()) + 1 if len(boxes) else 1
    total = max(int(boxes["columns"].max()) if len(boxes) else 1, 1)
    chars = [int(c / total * CHART_PX / CHAR_PX) - 1 for c in boxes["columns"]]
    room = (ROW_PX - 8) // LINE_PX
    fills = _fills(boxes, scale)
    labels = [
        _label(head, name if kind != "top" else "", tail, width, room)
        for head, name, kind, tail, width in zip(
            _heads(boxes), boxes["name"], boxes["kind"], _tails(boxes, chars), chars, strict=True
        )
    ]
    figure = go.Figure(
        go.Icicle(
            ids=boxes["id"],
            parents=boxes["parent"],
            labels=labels,
            marker={"colors": fills, "line": _outline(boxes, opened)},
            leaf={"opacity": 1},  # Plotly fades the last boxes to 0.7: their colours would not be the legend's
            insidetextfont={"color": [_ink(f) for f in fills], "size": LABEL_PX},
            outsidetextfont={"color": _ink(fills[0]) if fills else "#111111", "size": LABEL_PX},  # the top box's
            customdata=_hover(boxes),
            hovertemplate=_HOVER,
            tiling={"orientation": "v"},
            sort=False,
            textinfo="label",
        )
    )
    figure.update_layout(uniformtext={"minsize": MIN_LABEL_PX, "mode": "hide"})
    return _category_legend(_layout(figure, title, height=110 + rows * ROW_PX), scale)


def _tile_chars(shares: Sequence[float], area: float) -> list[tuple[int, int]]:
    """For tiles taking ``shares`` of ``area`` square pixels: the characters a line and the lines
    each holds. A treemap's tiles run up to twice as high as wide (or wide as high): a line is
    taken at two thirds of a square's side, and a square's lines one and a half times as many."""
    sides = [math.sqrt(area * max(share, 0.0)) for share in shares]
    return [(int(side * 0.66 / CHAR_PX) - 1, int((side * 1.5 - 24) / LINE_PX)) for side in sides]


def _header_line(code: str, name: str, amount: str, chars: int) -> str:
    """A parent tile's one line: its code, its name as far as it fits, its amount."""
    fixed = [part for part in (code, amount) if part]
    room = chars - sum(len(part) + 3 for part in fixed)
    if room < 6 or not name:
        return " · ".join(fixed)[: max(chars, 6)]
    said = name if len(name) <= room else name[: room - 1].rstrip() + "…"
    return " · ".join(part for part in (code, said, amount) if part)


_CHILDREN_WORD = {"sasaran_opd": "sasaran", "tujuan_opd": "tujuan", "sasaran_pemda": "sasaran", "program": "program"}


def cascade_map(boxes: pd.DataFrame, scale: Sequence[Band], title: str = "", opened: str | None = None) -> go.Figure:
    """A row too wide to stand side by side (a province's units, a kegiatan's many sub-kegiatan)
    as tiles of one size under the way back up (a treemap), coloured and labelled as in
    :func:`cascade_chart`; a unit's tile says its score and how many sasaran it holds."""
    last = int(boxes["row"].max()) if len(boxes) else 0
    tiles = boxes["row"].eq(last)
    values = [1.0 if tile else 0.0 for tile in tiles]
    height = 620
    side = math.sqrt(CHART_PX * (height - 140) / max(int(tiles.sum()), 1))  # tiles of one size: about square
    fitted = dict.fromkeys(boxes.index[tiles], (int(side * 0.85 / CHAR_PX), int((side - 10) / LINE_PX)))
    colors = {band.label: band.color for band in scale}
    fills = [
        colors.get(c, NO_DATA_COLOR) if tile else PATH_COLOR for c, tile in zip(boxes["category"], tiles, strict=True)
    ]
    labels = []
    for index, head, kind, name, children, under, score, pagu in zip(
        boxes.index, _heads(boxes), boxes["kind"], boxes["name"], boxes["children"], boxes["child_level"],
        boxes["score_pct"], boxes["pagu_total"].fillna(0), strict=True,
    ):  # fmt: skip
        if index not in fitted:  # the way back up: one line
            labels.append(plain(head if kind != "unit" else name))
            continue
        chars, room = fitted[index]
        tail = [_amount(pagu) if pagu > 0 else ""]
        if kind == "unit":  # its name first, then its score and sasaran
            scored = fmt_percent(score) if pd.notna(score) else ""
            said = _CHILDREN_WORD.get(under, "simpul")
            head, name, tail = name, "", [scored, f"{children}\xa0{said}", *tail]
        labels.append(_label(head, name, tail, chars, max(room, 1)))
    figure = go.Figure(_treemap(boxes, labels, values, fills, opened, sort=False))
    figure.update_layout(uniformtext={"minsize": MIN_LABEL_PX, "mode": "hide"})
    return _category_legend(_layout(figure, title, height=height), scale)


def _treemap(boxes: pd.DataFrame, labels, values, fills: list[str], opened: str | None, *, sort: bool) -> go.Treemap:
    """The boxes as a treemap, each box its own part (``values``) of its branch, coloured ``fills``
    as the chart's legend says, its words in ink that reads on its colour."""
    return go.Treemap(
        ids=boxes["id"],
        parents=boxes["parent"],
        labels=labels,
        values=values,
        branchvalues="remainder",
        marker={"colors": fills, "line": _outline(boxes, opened), "depthfade": False},
        insidetextfont={"color": [_ink(f) for f in fills], "size": LABEL_PX},
        outsidetextfont={"color": _ink(fills[0]) if fills else "#111111", "size": LABEL_PX},  # the top box's
        customdata=_hover(boxes),
        hovertemplate=_HOVER,
        textinfo="label",
        tiling={"pad": 2},
        sort=sort,
    )


def absorption_colors(boxes: pd.DataFrame) -> list[str]:
    """Each box's colour by its absorption (spending / pagu, 0–100%, above it as 100%); grey where
    it has no pagu."""
    return [
        sample_colorscale(ABSORPTION_SCALE, [min(max(s / p, 0.0), 1.0)])[0]
        if p > 0 and pd.notna(s)
        else NO_BUDGET_COLOR
        for s, p in zip(boxes["spending_total"], boxes["pagu_total"].fillna(0), strict=True)
    ]


def budget_chart(boxes: pd.DataFrame, title: str = "", opened: str | None = None) -> go.Figure:
    """The budget by branch (a treemap): ``boxes`` as :func:`kinerja.cascade.screen.drawn`, each
    sized by its pagu (the sum of its sub-kegiatan) and coloured by its absorption, the scale
    explained beneath; a box's words: its code and name, its pagu and absorption."""
    drawn_children = set(boxes["parent"])
    pagu = boxes["pagu_total"].fillna(0.0)
    under = pagu.groupby(boxes["parent"]).sum()
    values = [  # each box's own part (the boxes drawn under it add theirs); the way up adds nothing
        0.0 if above else max(p - under.get(box, 0.0), 0.0)
        for box, p, above in zip(boxes["id"], pagu, boxes["above"], strict=True)
    ]
    height = 640
    whole = float(pagu[~boxes["above"]].max() or 1.0)  # the opened branch's: the largest box below the way up
    fitted = _tile_chars([p / whole for p in pagu], CHART_PX * (height - 200))
    fills = absorption_colors(boxes)
    labels = []
    for box, code, name, p, spending, (chars, room) in zip(
        boxes["id"], boxes["code"], boxes["name"], pagu, boxes["spending_total"], fitted, strict=True
    ):
        share = fmt_percent(spending / p * 100) if p > 0 and pd.notna(spending) else ""
        absorbed = f"serapan {share}" if share and chars >= 14 else share
        if box in drawn_children:  # a header over its children: one line
            labels.append(plain(_header_line(code, name, _amount(p), max(chars, 6))))
        else:
            labels.append(
                _label(
                    code or name, name if code else "", [_amount(p), absorbed.replace(" ", "\xa0")], chars, max(room, 1)
                )
            )
    figure = go.Figure(_treemap(boxes, labels, values, fills, opened, sort=True))
    figure.add_trace(  # the colour scale's legend: a treemap has none of its own
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            hoverinfo="skip",
            showlegend=False,
            marker={
                "color": [0],
                "cmin": 0,
                "cmax": 100,
                "colorscale": ABSORPTION_SCALE,
                "showscale": True,
                "colorbar": {
                    "title": {
                        "text": "Warna: serapan anggaran (realisasi ÷ pagu); abu-abu: belum ada pagu",
                        "side": "top",
                        "font": {"size": 13},
                    },
                    "ticksuffix": "%",
                    "orientation": "h",
                    "x": 0,
                    "xanchor": "left",
                    "y": -0.02,
                    "yanchor": "top",
                    "len": 0.6,
                    "thickness": 14,
                },
            },
        )
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(uniformtext={"minsize": MIN_LABEL_PX, "mode": "hide"})
    figure = _layout(figure, title, height=height)
    figure.update_layout(margin={"b": 110})
    return figure
