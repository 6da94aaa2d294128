"""Plotly figures, each built from a DataFrame, so a page and a report draw the same chart.

Numbers in Indonesian form (85,5%), category colours from the scale (colour-blind safe by default).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from kinerja.achievement import NO_DATA_COLOR, Band
from kinerja.numbers import fmt_percent

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


def _text_color(background: str) -> str:
    """Black on light bars, white on dark ones (relative luminance of the hex colour)."""
    red, green, blue = (int(background.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return "#111111" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5 else "#FFFFFF"


def _wrap(text: str, width: int = 38) -> str:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def achievement_by_goal(
    rollup: pd.DataFrame, scale: Sequence[Band], label_column: str = "goal", title: str = ""
) -> go.Figure:
    """Horizontal bars of each sasaran's (or unit's) score, coloured by category, with the 100% line.

    ``rollup`` has ``label_column``, ``score_pct``, ``category``, ``indicators`` and ``reported``.
    """
    colors = {band.label: band.color for band in scale}
    frame = rollup.iloc[::-1]  # the first sasaran on top
    scores = frame["score_pct"].astype(float)
    figure = go.Figure(
        go.Bar(
            x=scores.fillna(0),
            y=[_wrap(label) for label in frame[label_column]],
            orientation="h",
            marker={
                "color": [colors.get(c, NO_DATA_COLOR) for c in frame["category"]],
                "line": {"color": "#333", "width": 0.5},
            },
            text=[
                f"{fmt_percent(s)} · {c}" if pd.notna(s) else "belum ada data"
                for s, c in zip(scores, frame["category"], strict=True)
            ],
            textposition=["inside" if pd.notna(v) else "outside" for v in scores],
            insidetextanchor="start",
            textfont={
                "color": [
                    _text_color(colors[c]) if pd.notna(v) else "#444444"
                    for v, c in zip(scores, frame["category"], strict=True)
                ]
            },
            customdata=list(zip(frame["indicators"], frame["reported"], strict=True)),
            hovertemplate="%{y}<br>Skor %{x:.1f}%<br>%{customdata[1]} dari %{customdata[0]} indikator berdata<extra></extra>",
        )
    )
    top = max(130.0, float(scores.max()) + 25 if scores.notna().any() else 130.0)
    figure.add_vline(
        x=100,
        line={"color": "#222", "dash": "dash", "width": 1.5},
        annotation_text="Target 100%",
        annotation_position="top",
    )
    figure.update_xaxes(range=[0, top], ticksuffix="%", gridcolor="#e5e5e5", title="Skor capaian (rata-rata indikator)")
    figure.update_yaxes(automargin=True)
    return _layout(figure, title, height=max(320, 90 + 70 * len(frame)))


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
