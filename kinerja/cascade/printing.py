"""The pohon kinerja on paper: one A4 landscape page of a branch, as many levels down as stay
readable (a row of boxes narrower than a name is not printed; its branch prints on its own page)."""

from __future__ import annotations

import pandas as pd

from kinerja.cascade.stored import branch, node_frame
from kinerja.domain.period import period_name
from kinerja.reporting.chart_images import figure_pdf
from kinerja.reporting.charts import cascade_chart
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store

PRINTED_ROW = 14  # boxes across an A4 landscape page that still hold a readable name


def printable(nodes: pd.DataFrame, root: str | None = None, row: int = PRINTED_ROW) -> pd.DataFrame:
    """The part of ``nodes`` (:func:`node_frame`) printed for ``root``: its levels down to the last
    one whose row holds at most ``row`` boxes (the first level at least)."""
    children: dict[str | None, list[str]] = {}
    codes = set(nodes["code"])
    for code, parent in zip(nodes["code"], nodes["parent_code"], strict=True):
        children.setdefault(parent if isinstance(parent, str) and parent in codes else None, []).append(code)
    shown = 1 if root in codes else 0
    level = children.get(root if root in codes else None, [])
    first = True
    while level and (first or len(level) <= row):
        shown += len(level)
        first = False
        level = [c for code in level for c in children.get(code, [])]
    return branch(nodes, root, limit=shown)


def tree_pdf(store: Store, year: int, quarter: int, root: str | None = None) -> bytes:
    """The year's tree (or the branch under ``root``) coloured by achievement to date at
    ``quarter``, as one A4 landscape PDF page."""
    nodes = node_frame(store, year, quarter)
    settings = load_settings(store)
    shown = printable(nodes, root)
    named = f" · cabang {root}" if root in set(nodes["code"]) else ""
    figure = cascade_chart(
        shown,
        settings.scale,
        f"Pohon kinerja {settings.office_name} {year}{named}, capaian s.d. {period_name(year, quarter)}",
    )
    words = " · ".join(f"{band.label}" for band in settings.scale)
    hidden = int(shown["hidden"].sum())
    deeper = f" {hidden} simpul lebih dalam tercetak bila cabangnya dipilih." if hidden else ""
    figure.add_annotation(
        text=f"Warna: kategori capaian ({words}); abu-abu: belum ada angka.{deeper}",
        x=0,
        y=-0.02,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 11, "color": "#555555"},
    )
    figure.update_layout(margin={"l": 20, "r": 20, "t": 60, "b": 40})
    return figure_pdf(figure)
