"""Plotly figures, each built from a DataFrame, so a page and a report draw the same chart.

Numbers in Indonesian form (85,5%), category colours from the scale (colour-blind safe by default).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from kinerja.domain.achievement import NO_DATA_COLOR, Band
from kinerja.domain.numbers import fmt_number, fmt_percent, fmt_rupiah, plain_number

_FONT = "Source Sans Pro, Segoe UI, Arial, sans-serif"


def from_spec(spec: dict) -> go.Figure:
    """A figure again from ``spec``, the ``to_plotly_json()`` of a figure this module built (and so
    checked by Plotly then): built without Plotly's per-property checks, a tenth of their time. A
    page keeps its charts' specs per data version and view and draws them again this way."""
    return go.Figure(spec, _validate=False)


def _layout(figure: go.Figure, title: str, height: int) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        separators=",.",  # decimal comma, thousands dot
        font={"family": _FONT, "size": 14},
        height=height,
        margin={"l": 10, "r": 30, "t": 60, "b": 40},
        plot_bgcolor="white",
        showlegend=False,
    )
    # the margins grow to hold the tick labels and the axis title beside them (a fixed 10 px cut
    # "16" to "6" with the title over it); numbers on the axes grouped the Indonesian way (2.400)
    figure.update_xaxes(automargin=True, title_standoff=8)
    figure.update_yaxes(automargin=True, title_standoff=8)
    for axis in (figure.layout.xaxis, figure.layout.yaxis):
        if axis.type != "category" and not axis.tickformat:
            axis.tickformat = ",~r"
    _on_the_axes(figure)
    return figure


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from its traces and layout written out whole, in the form Plotly's checks leave them
    (test_charts holds every chart to that): built as :func:`from_spec` builds one, without Plotly's
    per-property machinery, which took most of a province dashboard's first run (a fifth of a
    second for its four bar charts) and of a report's charts."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _bar_layout(title: str, height: int, xaxis: dict, yaxis: dict, annotations: list[dict], shapes: list[dict]) -> dict:
    """What :func:`_layout` sets, written out for a bar chart, with its annotations and shapes."""
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "separators": ",.",
        "font": {"family": _FONT, "size": 14},
        "height": height,
        "margin": {"l": 10, "r": 30, "t": 60, "b": 40},
        "plot_bgcolor": "white",
        "showlegend": False,
    }
    for name, axis in (("xaxis", xaxis), ("yaxis", yaxis)):
        axis = {**axis, "automargin": True, "title": {**axis.get("title", {}), "standoff": 8}}
        if axis.get("type") != "category" and not axis.get("tickformat"):
            axis["tickformat"] = ",~r"
        layout[name] = axis
    if annotations:
        layout["annotations"] = annotations
    if shapes:
        layout["shapes"] = shapes
    return layout


_TARGET_LINE = {"color": "#222", "dash": "dash", "width": 1.5}


def _target_line(
    x: float, line: dict, y_range: list[float], text: str = "", color: str | None = None
) -> tuple[dict, list[dict]]:
    """A vertical line at ``x`` between the grid and the bars, across the y axis's fixed range
    (Plotly draws that layer only for shapes on the axes), and its words above the plot: what
    ``add_vline(..., layer="between", annotation_position="top")`` draws. Returns (shape, annotations)."""
    low, high = y_range
    shape = {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": "x",
        "y0": low + (high - low) * 0,
        "y1": low + (high - low) * 1,
        "yref": "y",
        "line": dict(line),
        "layer": "between",
    }
    if not text:
        return shape, []
    words = {"x": x, "xref": "x", "y": 1, "yref": "y domain", "xanchor": "center", "yanchor": "bottom"}
    return shape, [{**words, "text": text, "showarrow": False} | ({"font": {"color": color}} if color else {})]


def _on_the_axes(figure: go.Figure) -> None:
    """A line drawn between the grid and the traces (``layer="between"``) placed in axis units:
    Plotly draws that layer only for shapes on the axes, and ``add_vline`` spans the axis's domain.
    A line whose axis has no fixed range is drawn under the grid instead."""
    for shape in figure.layout.shapes:
        if shape.layer != "between":
            continue
        for letter, ends in (("x", ("x0", "x1")), ("y", ("y0", "y1"))):
            reference = shape[f"{letter}ref"] or letter
            if not reference.endswith(" domain"):
                continue
            span = figure.layout[f"{letter}axis"].range
            if span is None:
                shape.layer = "below"
                continue
            shape[f"{letter}ref"] = letter
            for end in ends:
                shape[end] = span[0] + (span[1] - span[0]) * shape[end]


_BAR_PX, _LINE_PX, _GAP_PX = 26, 19, 14
NAME_LINE = 40  # characters of a bar's name per line: a line fits the chart on a 390 px phone
PAPER_NAME_LINE = 72  # on the report's page (chart_images.WIDTH, 605 px): fifteen indicators fit a page


def _names_above_bars(names: Sequence[str], width: int) -> tuple[list[dict], dict, float, int]:
    """Each bar's name written above it rather than beside it, so a long sasaran name takes no width
    from its bar: readable on a phone, a laptop and a projector alike. The bars are drawn at
    y = 0, 1, …; returns (the names' annotations, the y axis, the bars' width, the figure's height
    in pixels)."""
    wrapped = [_wrap(name, width) for name in names]
    lines = max((text.count("<br>") + 1 for text in wrapped), default=1)
    slot = _BAR_PX + lines * _LINE_PX + _GAP_PX
    names_above = [
        {
            "x": 0,
            "y": position + _BAR_PX / slot / 2,
            "xref": "x",
            "yref": "y",
            "text": text,
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "bottom",
            "align": "left",
            "font": {"color": "#222222"},
            "bgcolor": "white",  # the lines pass under a name, not through it
        }
        for position, text in enumerate(wrapped)
    ]
    # each bar's slot, bottom up: the gap, the bar, its name; the range holds them all, so the top
    # bar's name stays inside the plot, clear of the labels of the lines drawn above it
    bar, name = _BAR_PX / slot, lines * _LINE_PX / slot
    yaxis = {
        "showticklabels": False,
        "range": [-bar / 2 - _GAP_PX / slot, len(names) - 1 + bar / 2 + name],
        "fixedrange": True,
        "showgrid": False,
    }
    return names_above, yaxis, _BAR_PX / slot, 120 + slot * len(names)


def _category_marker(categories: Sequence[str | None], scale: Sequence[Band]) -> dict:
    """Bar colours by category; the two lowest bands hatched as well (× and /), so that a grey
    printout still tells them from the bands of the same lightness."""
    ordered = sorted(scale, key=lambda band: band.lower)
    hatch = {band.label: shape for band, shape in zip(ordered, ("x", "/"), strict=False)}
    colors = {band.label: band.color for band in scale}
    return {
        "color": [colors.get(c, NO_DATA_COLOR) for c in categories],
        "line": {"color": "#333", "width": 0.5},
        "pattern": {
            "shape": [hatch.get(c, "") for c in categories],
            "fgcolor": "#222222",
            "fgopacity": 0.55,
            "size": 7,
        },
    }


def _bar_text(scores: pd.Series, categories: Sequence[str | None], scale: Sequence[Band]) -> dict:
    """ "85,5% · Tinggi" inside a long plain bar (black or white by its colour); a short or hatched
    bar says it after its end (:func:`_labels_after_bars`), so here its text is empty."""
    colors = {band.label: band.color for band in scale}
    inside = _inside(scores, categories, scale)
    return {
        "text": [f"{fmt_percent(v)} · {c}" if i else "" for v, c, i in zip(scores, categories, inside, strict=True)],
        "textposition": "inside",
        "insidetextanchor": "start",
        "textfont": {
            "color": [_text_color(colors[c]) if i else "#222222" for i, c in zip(inside, categories, strict=True)]
        },
    }


def _inside(scores: pd.Series, categories: Sequence[str | None], scale: Sequence[Band]) -> list[bool]:
    hatched = _category_marker(categories, scale)["pattern"]["shape"]
    return [bool(pd.notna(v) and v >= 45 and not h) for v, h in zip(scores, hatched, strict=True)]


def _labels_after_bars(ends: Sequence[float], texts: Sequence[str | None]) -> list[dict]:
    """A label after the end of each bar at y = 0, 1, … that has one (``texts``), on white: the
    target and threshold lines are drawn under the bars (``layer="between"``: over the grid, under the traces) and pass under these
    labels, never through their words."""
    return [
        {
            "x": end,
            "y": position,
            "xref": "x",
            "yref": "y",
            "text": text,
            "showarrow": False,
            "xanchor": "left",
            "xshift": 3,
            "font": {"color": "#222222"},
            "bgcolor": "white",
        }
        for position, (end, text) in enumerate(zip(ends, texts, strict=True))
        if text
    ]


def _text_color(background: str) -> str:
    """Black on light bars, white on dark ones (relative luminance of the hex colour)."""
    red, green, blue = (int(background.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return "#111111" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5 else "#FFFFFF"


def plain(text: object) -> str:
    """``text`` as Plotly shows it word for word: a name from a file ("<b>", "<a href=…>", "<br>")
    is text, not markup (Plotly reads entities back as the characters they stand for)."""
    return html.escape(str(text), quote=False)


def _wrap(text: str, width: int = 38) -> str:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(plain(line) for line in lines)


def _score_bars(
    frame: pd.DataFrame, scale: Sequence[Band], customdata: list, hovertemplate: str
) -> tuple[dict, list[dict]]:
    """Horizontal bars of ``frame``'s ``score_pct`` at y = 0, 1, …, coloured (and hatched) by its
    ``category``, each saying its score and category: the sasaran, unit and indicator charts.
    Returns (the trace, the labels after the bars)."""
    scores = frame["score_pct"].astype(float)
    categories = list(frame["category"])
    bars = {
        "type": "bar",
        "x": scores.fillna(0).to_numpy(float),
        "y": list(range(len(frame))),
        "orientation": "h",
        "marker": _category_marker(categories, scale),
        **_bar_text(scores, categories, scale),
        "cliponaxis": False,
        "customdata": customdata,
        "hovertemplate": hovertemplate,
    }
    outside = [
        None if inside else (f"{fmt_percent(v)} · {c}" if pd.notna(v) else "belum ada data")
        for v, c, inside in zip(scores, categories, _inside(scores, categories, scale), strict=True)
    ]
    return bars, _labels_after_bars(list(scores.fillna(0)), outside)


def achievement_by_goal(
    rollup: pd.DataFrame, scale: Sequence[Band], label_column: str = "goal", title: str = ""
) -> go.Figure:
    """Horizontal bars of each sasaran's (or unit's) score, coloured by category, with the 100% line.

    ``rollup`` has ``label_column``, ``score_pct``, ``category``, ``indicators`` and ``reported``.
    """
    frame = rollup.iloc[::-1]  # the first sasaran on top
    scores = frame["score_pct"].astype(float)
    bars, after = _score_bars(
        frame,
        scale,
        [
            [fmt_number(total, 0), fmt_number(reported, 0), plain(label)]
            for total, reported, label in zip(frame["indicators"], frame["reported"], frame[label_column], strict=True)
        ],
        "%{customdata[2]}<br>Skor %{x:.1f}%<br>%{customdata[1]} dari %{customdata[0]} indikator berdata<extra></extra>",
    )
    top = max(130.0, float(scores.max()) + 25 if scores.notna().any() else 130.0)
    names, yaxis, bars["width"], height = _names_above_bars(list(frame[label_column]), NAME_LINE)
    line, words = _target_line(100, _TARGET_LINE, yaxis["range"], "Target 100%")  # under the bars and their labels
    xaxis = {
        "range": [0, top],
        "ticksuffix": "%",
        "gridcolor": "#e5e5e5",
        "title": {"text": "Skor capaian (rata-rata indikator)"},
    }
    return _figure([bars], _bar_layout(title, height, xaxis, yaxis, [*after, *words, *names], [line]))


def category_counts(counts: pd.DataFrame, title: str = "") -> go.Figure:
    """Bars of indicators per category (``category``, ``indicators``, ``color``), in the scale's order."""
    shown = [fmt_number(n, 0) for n in counts["indicators"]]
    bars = {
        "type": "bar",
        # two-word labels on two lines: level and whole at a phone's or a page's width, not slanted
        "x": [plain(c).replace(" ", "<br>", 1) for c in counts["category"]],
        "y": counts["indicators"].to_numpy(),
        "marker": {"color": counts["color"].to_numpy(object), "line": {"color": "#333", "width": 0.5}},
        "text": shown,
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": list(shown),
        "hovertemplate": "%{x}: %{customdata} indikator<extra></extra>",
    }
    xaxis = {"type": "category", "tickangle": 0}
    yaxis = {
        "title": {"text": "Jumlah indikator"},
        "gridcolor": "#e5e5e5",
        "range": [0, max(1, int(counts["indicators"].max())) * 1.15],
        "rangemode": "tozero",
    }
    return _figure([bars], _bar_layout(title, 340, xaxis, yaxis, [], []))


def indicators_worst_first(
    frame: pd.DataFrame, scale: Sequence[Band], title: str = "", name_line: int = NAME_LINE
) -> go.Figure:
    """Every indicator's score, lowest first (on top), coloured by category; realisation and
    target in the hover text. ``frame`` is a recap, already in the order to show. ``name_line``:
    characters of a name per line (a page's text column holds :data:`PAPER_NAME_LINE`)."""
    shown = frame.iloc[::-1]
    labels = [
        # two lines of a phone's NAME_LINE with its code; one line on paper, where the table has the whole name
        f"{code} · {_short(name, 70 if name_line == NAME_LINE else name_line - len(str(code)) - 3)}"
        for code, name in zip(shown["indicator_code"], shown["indicator_name"], strict=True)
    ]
    bars, after = _score_bars(
        shown,
        scale,
        [
            [fmt_number(r), fmt_number(t), plain(m or ""), plain(label)]
            for r, t, m, label in zip(
                shown["realization_to_date"], shown["target_to_date"], shown["measure_unit"], labels, strict=True
            )
        ],
        "%{customdata[3]}<br>Skor %{x:.1f}%<br>Realisasi %{customdata[0]} %{customdata[2]}"
        "<br>Target %{customdata[1]} %{customdata[2]}<extra></extra>",
    )
    names, yaxis, bars["width"], height = _names_above_bars(labels, name_line)
    line, _ = _target_line(100, _TARGET_LINE, yaxis["range"])
    xaxis = {"range": [0, 135], "ticksuffix": "%", "gridcolor": "#e5e5e5", "title": {"text": "Skor capaian"}}
    return _figure([bars], _bar_layout(title, height, xaxis, yaxis, [*after, *names], [line]))


def _short(name: str, width: int = 70) -> str:  # with its code, two lines of NAME_LINE
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


# Each earlier year its own colour, dash and marker (most recent first), none the current year's
# solid blue or the target's dashed vermilion: 2024 and 2025 told apart on screen and in grey print.
_EARLIER_YEARS = (
    ("#009E73", "dot", "square"),
    ("#CC79A7", "dashdot", "diamond"),
    ("#E69F00", "longdash", "triangle-up"),
    ("#56B4E9", "longdashdot", "x"),
    ("#999999", "dot", "cross"),
)


def year_style(position: int, years: int) -> tuple[str, str, str]:
    """(colour, dash, marker) of the year at ``position`` among ``years`` years, oldest first: the
    last (current) year solid blue with circles, earlier ones each their own."""
    back = years - 1 - position
    if back == 0:
        return "#0072B2", "solid", "circle"
    return _EARLIER_YEARS[(back - 1) % len(_EARLIER_YEARS)]


def trend_chart(
    trend: pd.DataFrame, measure_unit: str = "", title: str = "", target_name: str | None = None
) -> go.Figure:
    """Realisation to date against the Rencana Aksi target to date, quarter by quarter; earlier
    years beside the current one (the last year in ``trend``). A sasaran's score trend
    (:func:`kinerja.reporting.dashboard.score_trend`) is drawn the same way, against the 100% line."""
    figure = go.Figure()
    years = sorted(trend["year"].unique())
    unit = plain(measure_unit)
    for year in years:
        data = trend[trend["year"] == year]
        color, dash, symbol = year_style(years.index(year), len(years))
        figure.add_trace(
            go.Scatter(
                x=data["label"],
                y=data["realization"],
                name=f"Realisasi {year}",
                mode="lines+markers",
                line={"width": 3.5 if year == years[-1] else 2, "color": color, "dash": dash},
                marker={"symbol": symbol, "size": 8, "color": color},
                customdata=[fmt_number(v) for v in data["realization"]],
                hovertemplate=f"{year} %{{x}}: %{{customdata}} {unit}<extra></extra>",
            )
        )
    now = trend[trend["year"] == years[-1]] if years else trend
    figure.add_trace(
        go.Scatter(
            x=now["label"],
            y=now["target"],
            name=target_name or f"Target s.d. triwulan {years[-1] if years else ''}",
            mode="lines",
            line={"width": 2, "color": "#D55E00", "dash": "dash"},
            customdata=[fmt_number(v) for v in now["target"]],
            hovertemplate=f"Target %{{x}}: %{{customdata}} {unit}<extra></extra>",
        )
    )
    figure.update_yaxes(title=plain(measure_unit), gridcolor="#e5e5e5", rangemode="tozero")
    figure = _layout(figure, title, height=360)
    figure.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.2})
    return figure


def projection_chart(projection: pd.DataFrame, title: str = "", threshold: float | None = None) -> go.Figure:
    """Projected year-end score per indicator, those at risk (``at_risk``: under the office's risk
    threshold, drawn as a dotted line) marked and first; the dashed line is the target, 100%."""
    shown = projection.sort_values("projected_score", na_position="last").iloc[::-1]
    at_risk = shown["at_risk"].astype(bool)
    labels = [f"{c} · {_short(n)}" for c, n in zip(shown["indicator_code"], shown["indicator_name"], strict=True)]
    ends = shown["projected_score"].astype(float).fillna(0)
    bars = {
        "type": "bar",
        "x": ends.to_numpy(float),
        "y": list(range(len(shown))),
        "orientation": "h",
        "marker": {
            "color": ["#D55E00" if r else "#0072B2" for r in at_risk],
            "pattern": {"shape": ["/" if r else "" for r in at_risk]},
        },
        "cliponaxis": False,
        "customdata": [plain(label) for label in labels],
        "hovertemplate": "%{customdata}<br>Proyeksi skor akhir tahun %{x:.1f}%<extra></extra>",
    }
    after = _labels_after_bars(
        list(ends),
        [
            f"{fmt_percent(s)}{' · berisiko' if r else ''}" if pd.notna(s) else "–"
            for s, r in zip(shown["projected_score"], at_risk, strict=True)
        ],
    )
    names, yaxis, bars["width"], height = _names_above_bars(labels, NAME_LINE)
    line, _ = _target_line(100, _TARGET_LINE, yaxis["range"])
    lines, words = [line], []
    if threshold is not None:
        at_risk_line = {"color": "#D55E00", "dash": "dot", "width": 1.5}
        risk, words = _target_line(
            threshold, at_risk_line, yaxis["range"], f"batas berisiko {plain_number(threshold)}%", "#D55E00"
        )
        lines.append(risk)
    top = max(140.0, float(ends.max()) + 40 if len(ends) else 140.0)  # room for the label after the longest bar
    xaxis = {
        "range": [0, top],
        "ticksuffix": "%",
        "gridcolor": "#e5e5e5",
        "title": {"text": "Proyeksi skor akhir tahun"},
    }
    return _figure([bars], _bar_layout(title, height, xaxis, yaxis, [*after, *words, *names], lines))


def budget_quadrant(budget: pd.DataFrame, title: str = "") -> go.Figure:
    """Performance score (x) against budget absorption to date (y) per sasaran, sized by pagu; the
    100% target line and the absorption the cash plan expected by now divide it into quadrants.
    The axes span the sasaran (and the two lines), not 0–130%: sasaran sit close together."""
    expected = float(budget["expected_pct"].dropna().mean()) if budget["expected_pct"].notna().any() else None
    # names beside the bubbles would overlap, so each bubble carries a number and the legend below
    # names it; a number whose bubble touches another is set beside it on a leader line
    x_range = _span([*budget["score_pct"].dropna(), 100.0])
    y_range = _span([*budget["absorption_pct"].dropna(), *([expected] if expected is not None else [])])
    biggest = budget["pagu"].max()
    sizes = [16 + 24 * (p / biggest) ** 0.5 if biggest else 16 for p in budget["pagu"]]
    offsets = _number_offsets(list(budget["score_pct"]), list(budget["absorption_pct"]), sizes, x_range, y_range)
    figure = go.Figure()
    for number, (row, size, offset) in enumerate(zip(budget.itertuples(index=False), sizes, offsets, strict=True), 1):
        figure.add_trace(
            go.Scatter(
                x=[row.score_pct],
                y=[row.absorption_pct],
                mode="markers" if offset else "markers+text",
                text=[str(number)],
                textposition="middle center",
                textfont={"color": "white"},
                name=f"{number} · {_wrap(row.goal, NAME_LINE)}",
                marker={"size": size, "color": "#0072B2", "opacity": 0.75, "line": {"color": "#222", "width": 1}},
                customdata=[
                    [plain(row.goal), fmt_rupiah(row.pagu, compact=True), fmt_rupiah(row.spending or 0, compact=True)]
                ],
                hovertemplate="%{customdata[0]}<br>Skor kinerja %{x:.1f}%<br>"
                "Serapan %{y:.1f}% (%{customdata[2]} dari %{customdata[1]})<extra></extra>",
            )
        )
        if offset:
            figure.add_annotation(
                x=row.score_pct, y=row.absorption_pct, ax=offset[0], ay=offset[1], text=f"<b>{number}</b>",
                showarrow=True, arrowhead=0, arrowwidth=1, arrowcolor="#222", bgcolor="white",
                bordercolor="#222", borderwidth=1, borderpad=2,
            )  # fmt: skip
    figure.add_vline(
        x=100,
        line={"color": "#222", "dash": "dash", "width": 1.2},
        layer="between",
        annotation_text="Target kinerja",
        annotation_position="top left",
    )
    if expected is not None:
        figure.add_hline(
            y=expected,
            line={"color": "#D55E00", "dash": "dot", "width": 1.2},
            layer="between",
            annotation_text="Serapan sesuai anggaran kas",
            annotation_position="bottom left",
        )
    figure.update_xaxes(title="Skor capaian kinerja", ticksuffix="%", gridcolor="#e5e5e5", range=x_range)
    figure.update_yaxes(title="Serapan anggaran s.d. triwulan", ticksuffix="%", gridcolor="#e5e5e5", range=y_range)
    figure = _layout(figure, title, height=400 + 26 * len(budget))
    # the legend under the x-axis title, in the figure's own space (container), never over the title
    figure.update_layout(
        showlegend=True,
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        margin={"b": 50 + 40 * len(budget)},
    )
    return figure


def _span(values: Sequence[float]) -> list[float]:
    """An axis range around ``values``, 8 points clear of the outermost, from 0 up; its ends 3 points
    past whole tens, so no tick sits in a corner where the x and y labels would run into each other.
    No values yet (nothing spent and no cash plan at the year's start): 0 to 100."""
    low, high = (min(values), max(values)) if len(values) else (0.0, 100.0)
    return [max(0.0, math.floor((low - 8) / 10) * 10) - 3, math.ceil((high + 8) / 10) * 10 + 3]


_PLOT_PX = (480, 300)  # the plotting area a quadrant chart gets, about, on a page or a laptop
_DIRECTIONS = ((1, -1), (-1, -1), (1, 1), (-1, 1), (0, -1), (0, 1), (1, 0), (-1, 0))


def _number_offsets(
    xs: Sequence[float], ys: Sequence[float], sizes: Sequence[float], x_range: list[float], y_range: list[float]
) -> list[tuple[float, float] | None]:
    """For each bubble, None where its number fits inside it (no other bubble touches it), else the
    offset in pixels (right, down) of a label beside it, in the direction farthest from the other
    bubbles and the labels already set."""

    def px(x: float, y: float) -> tuple[float, float]:
        return (
            (x - x_range[0]) / (x_range[1] - x_range[0]) * _PLOT_PX[0],
            (y_range[1] - y) / (y_range[1] - y_range[0]) * _PLOT_PX[1],
        )

    centres = [px(x if pd.notna(x) else 0, y if pd.notna(y) else 0) for x, y in zip(xs, ys, strict=True)]
    placed: list[tuple[float, float]] = []
    offsets: list[tuple[float, float] | None] = []
    for i, ((cx, cy), size) in enumerate(zip(centres, sizes, strict=True)):
        touching = any(math.dist((cx, cy), other) < (size + sizes[j]) / 2 for j, other in enumerate(centres) if j != i)
        if not touching:
            offsets.append(None)
            continue
        reach = size / 2 + 22
        spots = [(cx + dx * reach, cy + dy * reach) for dx, dy in _DIRECTIONS]
        clearances = [
            min(
                [math.dist(spot, c) - sizes[j] / 2 for j, c in enumerate(centres)]
                + [math.dist(spot, p) - 12 for p in placed]
            )
            for spot in spots
        ]
        best = _DIRECTIONS[clearances.index(max(clearances))]
        placed.append((cx + best[0] * reach, cy + best[1] * reach))
        offsets.append((best[0] * reach, best[1] * reach))
    return offsets


def renstra_chart(comparison: pd.DataFrame, measure_unit: str = "", title: str = "") -> go.Figure:
    """Each year's realisation beside its PK target and the Renstra target for that year."""
    years = [str(y) for y in comparison["year"]]
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=years,
            y=comparison["realization"],
            name="Realisasi",
            marker={"color": "#0072B2"},
            customdata=[fmt_number(v) for v in comparison["realization"]],
            hovertemplate=f"%{{x}}: %{{customdata}} {plain(measure_unit)}<extra>Realisasi</extra>",
        )
    )
    figure.add_trace(
        go.Scatter(x=years, y=comparison["pk"], name="Target PK", mode="lines+markers", line={"color": "#E69F00"})
    )
    figure.add_trace(
        go.Scatter(
            x=years,
            y=comparison["renstra"],
            name="Target Renstra",
            mode="lines+markers",
            line={"color": "#D55E00", "dash": "dash"},
        )
    )
    figure.update_yaxes(title=plain(measure_unit), gridcolor="#e5e5e5", rangemode="tozero")
    figure.update_xaxes(type="category")  # years are names here: Plotly would read "2023" as a number, 2.023,5
    figure = _layout(figure, title, height=340)
    figure.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.2})
    return figure
