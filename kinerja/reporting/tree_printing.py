"""The pohon kinerja on paper: one A4 landscape page of a branch as offices draw it (boxes with
their indicators, targets and pagu, lines between them), as many levels down as stay readable;
a deeper level prints on the page of its own branch."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kinerja.cascade.detail import node_indicators
from kinerja.cascade.screen import TOP, UNIT, Units, budget_totals, drawn, shape, tree_units, window
from kinerja.cascade.stored import node_frame
from kinerja.domain.period import period_name
from kinerja.reporting.chart_images import figure_pdf
from kinerja.reporting.tree_paper import paper_tree
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store

PRINTED_ROW = 10  # boxes side by side on an A4 landscape page that still hold their words at 7.5 pt


def printable(
    nodes: pd.DataFrame, root: str | None = None, row: int = PRINTED_ROW, units: Units | None = None
) -> pd.DataFrame:
    """The boxes printed for ``root`` (a node, a unit group, or None: the whole tree): it and its
    levels down to the last that stands in ``row`` columns (the first level at least), with each
    box's budget (the sum of its sub-kegiatan) and ``hidden``, the nodes under it left out."""
    nodes = nodes if "pagu_total" in nodes else budget_totals(nodes)
    tree = shape(nodes, units.of_top if units else None, row, list(units.names) if units else ())
    boxes = drawn(nodes, tree, window(tree, root if root in tree.parent else TOP, row), units)
    return boxes[~boxes["above"] & boxes["kind"].ne("top")]


def tree_pdf(store: Store, year: int, quarter: int, root: str | None = None) -> bytes:
    """The year's tree (or the branch under ``root``) with its achievement to date at
    ``quarter``, as one A4 landscape PDF page."""
    return figure_pdf(tree_figure(store, year, quarter, root))


def tree_figure(store: Store, year: int, quarter: int, root: str | None = None) -> go.Figure:
    """The A4 landscape page of :func:`tree_pdf` as a figure (the LKjIP shows it as a picture)."""
    nodes = budget_totals(node_frame(store, year, quarter))
    units = tree_units(store, year, quarter, nodes)
    settings = load_settings(store, year)
    boxes = printable(nodes, root, units=units)
    tree = shape(nodes, units.of_top, PRINTED_ROW, list(units.names))
    names = {**{UNIT + u: n for u, n in units.names.items()}, **dict(zip(nodes["code"], nodes["code"], strict=True))}
    path = " › ".join(names.get(box, box) for box in tree.path(root or TOP)[1:])  # where the branch hangs
    named = f" · cabang {path}" if path and len(boxes) else ""
    words = ", ".join(band.label for band in settings.scale)
    return paper_tree(
        boxes,
        node_indicators(store, year, quarter),
        settings.scale,
        f"Pohon Kinerja {settings.office_name} {year}{named} · capaian s.d. {period_name(year, quarter)}",
        f"Warna kepala kotak: kategori capaian ({words}); abu-abu: belum ada angka. Pagu: jumlah pagu sub kegiatan "
        f"di bawahnya. PJ: penanggung jawab. Cabang dicetak dari simpul yang dibuka di halaman Pohon Kinerja.",
        PRINTED_ROW,
    )
