"""Plotly figures, each built from a DataFrame, so a page and a report draw the same chart.

Numbers in Indonesian form (85,5%), category colours from the scale (colour-blind safe by default).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from kinerja.domain.achievement import NO_DATA_COLOR, Band
from kinerja.domain.numbers import fmt_number, fmt_percent, fmt_rupiah, plain_number

_FONT = "Source Sans Pro, Segoe UI, Arial, sans-serif"


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
    return figure


_BAR_PX, _LINE_PX, _GAP_PX = 26, 19, 14
NAME_LINE = 40  # characters of a bar's name per line: a line fits the chart on a 390 px phone


def _names_above_bars(figure: go.Figure, names: Sequence[str], width: int) -> int:
    """Write each bar's name above it rather than beside it, so a long sasaran name takes no width
    from its bar: readable on a phone, a laptop and a projector alike. The bars are drawn at
    y = 0, 1, …; returns the figure's height in pixels."""
    wrapped = [_wrap(name, width) for name in names]
    lines = max((text.count("<br>") + 1 for text in wrapped), default=1)
    slot = _BAR_PX + lines * _LINE_PX + _GAP_PX
    figure.update_traces(width=_BAR_PX / slot)
    names_above = [  # one update for all: add_annotation one by one costs ~50 ms a bar
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
            "bgcolor": "rgba(255,255,255,0.85)",
        }
        for position, text in enumerate(wrapped)
    ]
    figure.update_layout(annotations=[*figure.layout.annotations, *names_above])
    # each bar's slot, bottom up: the gap, the bar, its name; the range holds them all, so the top
    # bar's name stays inside the plot, clear of the labels of the lines drawn above it
    bar, name = _BAR_PX / slot, lines * _LINE_PX / slot
    figure.update_yaxes(
        showticklabels=False,
        range=[-bar / 2 - _GAP_PX / slot, len(names) - 1 + bar / 2 + name],
        fixedrange=True,
        showgrid=False,
    )
    return 120 + slot * len(names)


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
    """ "85,5% · Tinggi" on each bar: inside a long plain bar (black or white by its colour), after
    a short or hatched one; "belum ada data" where there is no score."""
    colors = {band.label: band.color for band in scale}
    hatched = _category_marker(categories, scale)["pattern"]["shape"]
    inside = [bool(pd.notna(v) and v >= 45 and not h) for v, h in zip(scores, hatched, strict=True)]
    return {
        "text": [
            f"{fmt_percent(v)} · {c}" if pd.notna(v) else "belum ada data"
            for v, c in zip(scores, categories, strict=True)
        ],
        "textposition": ["inside" if i else "outside" for i in inside],
        "insidetextanchor": "start",
        "textfont": {
            "color": [_text_color(colors[c]) if i else "#222222" for i, c in zip(inside, categories, strict=True)]
        },
    }


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


def _score_bars(frame: pd.DataFrame, scale: Sequence[Band], customdata: list, hovertemplate: str) -> go.Figure:
    """Horizontal bars of ``frame``'s ``score_pct`` at y = 0, 1, …, coloured (and hatched) by its
    ``category``, each saying its score and category: the sasaran, unit and indicator charts."""
    scores = frame["score_pct"].astype(float)
    return go.Figure(
        go.Bar(
            x=scores.fillna(0),
            y=list(range(len(frame))),
            orientation="h",
            marker=_category_marker(list(frame["category"]), scale),
            **_bar_text(scores, list(frame["category"]), scale),
            cliponaxis=False,
            customdata=customdata,
            hovertemplate=hovertemplate,
        )
    )


def achievement_by_goal(
    rollup: pd.DataFrame, scale: Sequence[Band], label_column: str = "goal", title: str = ""
) -> go.Figure:
    """Horizontal bars of each sasaran's (or unit's) score, coloured by category, with the 100% line.

    ``rollup`` has ``label_column``, ``score_pct``, ``category``, ``indicators`` and ``reported``.
    """
    frame = rollup.iloc[::-1]  # the first sasaran on top
    scores = frame["score_pct"].astype(float)
    figure = _score_bars(
        frame,
        scale,
        list(zip(frame["indicators"], frame["reported"], map(plain, frame[label_column]), strict=True)),
        "%{customdata[2]}<br>Skor %{x:.1f}%<br>%{customdata[1]} dari %{customdata[0]} indikator berdata<extra></extra>",
    )
    top = max(130.0, float(scores.max()) + 25 if scores.notna().any() else 130.0)
    figure.add_vline(
        x=100,
        line={"color": "#222", "dash": "dash", "width": 1.5},
        annotation_text="Target 100%",
        annotation_position="top",
    )
    figure.update_xaxes(range=[0, top], ticksuffix="%", gridcolor="#e5e5e5", title="Skor capaian (rata-rata indikator)")
    return _layout(figure, title, height=_names_above_bars(figure, list(frame[label_column]), NAME_LINE))


def category_counts(counts: pd.DataFrame, title: str = "") -> go.Figure:
    """Bars of indicators per category (``category``, ``indicators``, ``color``), in the scale's order."""
    figure = go.Figure(
        go.Bar(
            x=counts["category"],
            y=counts["indicators"],
            marker={"color": counts["color"], "line": {"color": "#333", "width": 0.5}},
            text=counts["indicators"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y} indikator<extra></extra>",
        )
    )
    figure.update_yaxes(
        title="Jumlah indikator", gridcolor="#e5e5e5", range=[0, max(1, int(counts["indicators"].max())) * 1.15]
    )
    return _layout(figure, title, height=320)


def indicators_worst_first(frame: pd.DataFrame, scale: Sequence[Band], title: str = "") -> go.Figure:
    """Every indicator's score, lowest first (on top), coloured by category; realisation and
    target in the hover text. ``frame`` is a recap, already in the order to show."""
    shown = frame.iloc[::-1]
    labels = [
        f"{code} · {_short(name)}" for code, name in zip(shown["indicator_code"], shown["indicator_name"], strict=True)
    ]
    figure = _score_bars(
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
    figure.add_vline(x=100, line={"color": "#222", "dash": "dash", "width": 1.5})
    figure.update_xaxes(range=[0, 135], ticksuffix="%", gridcolor="#e5e5e5", title="Skor capaian")
    return _layout(figure, title, height=_names_above_bars(figure, labels, NAME_LINE))


def _short(name: str, width: int = 70) -> str:  # with its code, two lines of NAME_LINE
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def trend_chart(
    trend: pd.DataFrame, measure_unit: str = "", title: str = "", target_name: str | None = None
) -> go.Figure:
    """Realisation to date against the Rencana Aksi target to date, quarter by quarter; earlier
    years beside the current one (the last year in ``trend``). A sasaran's score trend
    (:func:`kinerja.reporting.dashboard.score_trend`) is drawn the same way, against the 100% line."""
    figure = go.Figure()
    years = sorted(trend["year"].unique())
    for year in years:
        data = trend[trend["year"] == year]
        current = year == years[-1]
        figure.add_trace(
            go.Scatter(
                x=data["label"],
                y=data["realization"],
                name=f"Realisasi {year}",
                mode="lines+markers",
                line={
                    "width": 3.5 if current else 1.5,
                    "color": "#0072B2" if current else "#999999",
                    "dash": "solid" if current else "dot",
                },
                hovertemplate=f"{year} %{{x}}: %{{y:,.2f}} {plain(measure_unit)}<extra></extra>",
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
            hovertemplate=f"Target %{{x}}: %{{y:,.2f}} {plain(measure_unit)}<extra></extra>",
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
    figure = go.Figure(
        go.Bar(
            x=shown["projected_score"].astype(float).fillna(0),
            y=list(range(len(shown))),
            orientation="h",
            marker={
                "color": ["#D55E00" if r else "#0072B2" for r in at_risk],
                "pattern": {"shape": ["/" if r else "" for r in at_risk]},
            },
            text=[
                f"{fmt_percent(s)}{' · berisiko' if r else ''}" if pd.notna(s) else "–"
                for s, r in zip(shown["projected_score"], at_risk, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            customdata=[plain(label) for label in labels],
            hovertemplate="%{customdata}<br>Proyeksi skor akhir tahun %{x:.1f}%<extra></extra>",
        )
    )
    figure.add_vline(x=100, line={"color": "#222", "dash": "dash", "width": 1.5})
    if threshold is not None:
        figure.add_vline(
            x=threshold,
            line={"color": "#D55E00", "dash": "dot", "width": 1.5},
            annotation={"text": f"batas berisiko {plain_number(threshold)}%", "font": {"color": "#D55E00"}},
            annotation_position="top",
        )
    figure.update_xaxes(range=[0, 140], ticksuffix="%", gridcolor="#e5e5e5", title="Proyeksi skor akhir tahun")
    return _layout(figure, title, height=_names_above_bars(figure, labels, NAME_LINE))


def budget_quadrant(budget: pd.DataFrame, title: str = "") -> go.Figure:
    """Performance score (x) against budget absorption to date (y) per sasaran, sized by pagu; the
    100% target line and the absorption the cash plan expected by now divide it into quadrants."""
    expected = float(budget["expected_pct"].dropna().mean()) if budget["expected_pct"].notna().any() else None
    # sasaran sit close together (scores 85–100, similar absorption): names beside the bubbles would
    # overlap, so each bubble carries a number and the legend below names it
    figure = go.Figure()
    biggest = budget["pagu"].max()
    for number, row in enumerate(budget.itertuples(index=False), start=1):
        figure.add_trace(
            go.Scatter(
                x=[row.score_pct],
                y=[row.absorption_pct],
                mode="markers+text",
                text=[str(number)],
                textposition="middle center",
                textfont={"color": "white"},
                name=f"{number} · {_wrap(row.goal, NAME_LINE)}",
                marker={
                    "size": 16 + 30 * (row.pagu / biggest) ** 0.5,
                    "color": "#0072B2",
                    "opacity": 0.8,
                    "line": {"color": "#222", "width": 1},
                },
                customdata=[
                    [plain(row.goal), fmt_rupiah(row.pagu, compact=True), fmt_rupiah(row.spending or 0, compact=True)]
                ],
                hovertemplate="%{customdata[0]}<br>Skor kinerja %{x:.1f}%<br>"
                "Serapan %{y:.1f}% (%{customdata[2]} dari %{customdata[1]})<extra></extra>",
            )
        )
    figure.add_vline(
        x=100,
        line={"color": "#222", "dash": "dash", "width": 1.2},
        annotation_text="Target kinerja",
        annotation_position="bottom left",
    )
    if expected is not None:
        figure.add_hline(
            y=expected,
            line={"color": "#D55E00", "dash": "dot", "width": 1.2},
            annotation_text="Serapan sesuai anggaran kas",
            annotation_position="top left",
        )
    figure.update_xaxes(title="Skor capaian kinerja", ticksuffix="%", gridcolor="#e5e5e5", range=[0, 130])
    figure.update_yaxes(title="Serapan anggaran s.d. triwulan", ticksuffix="%", gridcolor="#e5e5e5", rangemode="tozero")
    figure = _layout(figure, title, height=440 + 26 * len(budget))
    figure.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.18, "yanchor": "top", "x": 0})
    return figure


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
            hovertemplate=f"%{{x}}: %{{y:,.2f}} {plain(measure_unit)}<extra>Realisasi</extra>",
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
