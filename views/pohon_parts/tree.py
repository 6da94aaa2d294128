"""The pohon kinerja as leaders read it: a click on a box opens that node under the tree (its
indicators with targets, realisation and score, its pagu and spending in rupiah, its unit and
official), and the screen follows the opened branch down; a select box does the same for keyboards."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from kinerja.cascade.budget import money_facts
from kinerja.cascade.detail import indicator_table
from kinerja.cascade.screen import TOP, Shape, Units, Window, budget_parts, budget_window, choices, drawn
from kinerja.cascade.tree import Level
from kinerja.domain.achievement import Band
from kinerja.domain.numbers import fmt_percent, fmt_rupiah
from kinerja.reporting.tree_charts import budget_chart, cascade_chart, cascade_map
from ui import keys
from ui.tables import show_table
from ui.text import md_escape


def node_choice(nodes: pd.DataFrame, units: Units, tree: Shape) -> str | None:
    """The node opened (None: the whole tree), chosen by a click on a box or, for keyboards, in
    this select box; bound to the link, so a shared link opens the same node."""
    said = choices(nodes, tree, units)
    return st.selectbox(
        "Buka simpul (atau klik kotaknya pada pohon)", list(said), index=None, placeholder="Seluruh pohon",
        format_func=said.get, key=keys.TREE_NODE, bind="query-params",
    )  # fmt: skip


def _open_clicked(chart_key: str, known: set[str]) -> Callable[[], None]:
    """An ``on_select`` callback: the box clicked in chart ``chart_key`` becomes the node opened
    (the box above all: the whole tree). It runs before the next run, when the select box may
    still be set."""

    def choose() -> None:
        points = st.session_state[chart_key]["selection"]["points"]
        box = points[0].get("id") if points else None
        if box == TOP:
            st.session_state[keys.TREE_NODE] = None
        elif box in known:
            st.session_state[keys.TREE_NODE] = box

    return choose


def _clickable(figure, name: str, opened: str | None, known: set[str]) -> None:
    # a chart of its own for each node opened: Plotly zooms into a clicked box in the browser, and a
    # new chart, drawn afresh, shows the screen the click chose instead
    key = f"{name}_{opened or 'pohon'}"
    st.plotly_chart(figure, key=key, on_select=_open_clicked(key, known), selection_mode="points", theme="streamlit")


def tree_chart(
    nodes: pd.DataFrame, units: Units, tree: Shape, shown: Window, opened: str | None, scale: list[Band], title: str
) -> None:
    """The tree's screen: the opened branch and the levels that fit under it (tiles when its first
    row is too wide), a click opening a box."""
    boxes = drawn(nodes, tree, shown, units)
    figure = (cascade_map if shown.as_map else cascade_chart)(boxes, scale, title, opened)
    _clickable(figure, "grafik_pohon", opened, set(choices(nodes, tree, units)))
    hidden = int(boxes["hidden"].sum())
    deeper = f" {hidden} simpul lebih dalam terbuka dengan klik pada kotak di atasnya." if hidden else ""
    st.caption(
        "Warna: kategori capaian s.d. triwulan (sasaran ke atas, dari indikator PK di bawahnya); abu-abu: belum ada "
        "angka (indikator program ke bawah belum dikumpulkan). Pagu tiap kotak: jumlah pagu sub kegiatan di bawahnya. "
        f"Klik kotak untuk membuka simpulnya di bawah; klik kotak paling atas untuk kembali.{deeper}"
    )


def budget_view(nodes: pd.DataFrame, units: Units, tree: Shape, opened: str | None, title: str) -> None:
    """The budget by branch (tiles sized by pagu, coloured by absorption), and the opened box's
    budget beside the parts it adds up from."""
    shown = budget_window(tree, opened)
    boxes = drawn(nodes, tree, shown, units)
    _clickable(budget_chart(boxes, title, opened), "grafik_pagu", opened, set(choices(nodes, tree, units)))
    parts = budget_parts(nodes, tree, opened, units)
    name = parts["name"].iloc[-1]
    st.markdown(f"**Anggaran {md_escape(parts['code'].iloc[-1] or '')} {md_escape(name)}**")
    if len(parts) == 1:
        return
    table = parts.assign(
        Serapan=[_share(s, p) for s, p in zip(parts["spending_total"], parts["pagu_total"], strict=True)],
        pagu_total=parts["pagu_total"].map(_rupiah),
        spending_total=parts["spending_total"].map(_rupiah),
    )
    table.iloc[-1, table.columns.get_loc("code")] = "Jumlah"
    table.iloc[-1, table.columns.get_loc("name")] = f"{len(parts) - 1} bagian di bawahnya"
    show_table(
        table.drop(columns="id").rename(
            columns={"code": "Kode", "name": "Nama", "pagu_total": "Pagu", "spending_total": "Realisasi anggaran"}
        ),
        hide_index=True,
        width="stretch",
        key=f"anggaran_{opened or 'pohon'}",
    )


def _rupiah(value: float) -> str | None:
    return fmt_rupiah(value) if pd.notna(value) else None


def _share(spending: float, pagu: float) -> str | None:
    return fmt_percent(spending / pagu * 100) if pd.notna(spending) and pd.notna(pagu) and pagu > 0 else None


def node_detail(
    nodes: pd.DataFrame, units: Units, tree: Shape, opened: str | None, indicators: pd.DataFrame, period: str
) -> None:
    """The opened node: where it hangs, its unit and official, score, pagu and spending in
    rupiah, and its indicators with targets and figures to date (a unit: its sasaran)."""
    box = drawn(nodes, tree, Window(opened or TOP, 0), units).iloc[-1]
    if box["kind"] == "top":
        st.subheader("Seluruh pohon kinerja")
    else:
        word = "Unit kerja" if box["kind"] == "unit" else Level(box["level"]).word
        st.subheader(f"{word}: {md_escape(box['name'])}")
    facts = _facts(nodes, units, tree, box, indicators)
    if facts:
        st.markdown(" · ".join(md_escape(fact) for fact in facts))
    score, pagu, spent = st.columns(3)
    score.metric(f"Skor capaian s.d. {period}", fmt_percent(box["score_pct"]) if pd.notna(box["score_pct"]) else "–",
                 box["category"] if isinstance(box["category"], str) else None, delta_color="off",
                 delta_arrow="off")  # fmt: skip
    pagu.metric("Pagu", _rupiah(box["pagu_total"]) or "–")
    spent.metric("Realisasi anggaran", _rupiah(box["spending_total"]) or "–",
                 _share(box["spending_total"], box["pagu_total"]) and f"serapan {_share(box['spending_total'], box['pagu_total'])}",
                 delta_color="off", delta_arrow="off")  # fmt: skip
    if box["children"]:
        st.caption(f"Pagu dan realisasi: jumlah {box['children']} simpul di bawahnya (tab Anggaran per cabang).")
    if box["kind"] == "node":  # a subtotal its file wrote that the sub-kegiatan under it do not make
        node = nodes.loc[nodes["code"] == box["code"]].iloc[0]
        for fact in (f for f in money_facts(node) if f.startswith("subtotal")):
            st.caption(md_escape(fact[0].upper() + fact[1:] + " (anggaran = jumlah pagu sub kegiatan)."))
    if box["kind"] == "unit":  # its sasaran (the tree's top nodes of the unit), each with its score and pagu
        under = drawn(nodes, tree, Window(box["id"], 1), units)
        under = under[under["parent"] == box["id"]]
        show_table(
            pd.DataFrame(
                {
                    "Kode": under["code"],
                    "Nama": under["name"],
                    "Skor": [fmt_percent(v) if pd.notna(v) else None for v in under["score_pct"]],
                    "Kategori": under["category"],
                    "Pagu": under["pagu_total"].map(_rupiah),
                }
            ),
            hide_index=True,
            width="stretch",
            key=f"isi_unit_{box['id']}",
        )
    if box["kind"] != "node":
        return
    rows = indicators[indicators["code"] == box["id"]]
    if rows.empty:
        st.info("Simpul ini belum punya indikator.")
        return
    show_table(indicator_table(rows, period), hide_index=True, width="stretch", key=f"indikator_simpul_{box['id']}")
    if rows["indicator_code"].notna().any():
        st.caption(
            "Indikator berkode IK adalah indikator PK: cara menghitung dan catatan unitnya ada di Dasbor Capaian."
        )


def _facts(nodes: pd.DataFrame, units: Units, tree: Shape, box: pd.Series, indicators: pd.DataFrame) -> list[str]:
    """Where a box hangs, its unit(s) and official."""
    names = dict(zip(nodes["code"], nodes["name"], strict=True))
    facts = [f"Kode {box['code']}"] if box["code"] else []
    parent = tree.parent.get(box["id"])
    if parent in names:
        facts.append(f"di bawah {parent} · {names[parent]}")
    if box["kind"] == "node":
        own = box["unit_code"] if isinstance(box["unit_code"], str) else None
        reporting = indicators.loc[indicators["code"] == box["id"], "unit_code"].dropna().unique().tolist()
        shown = [own] if own else reporting
        if shown:
            facts.append("Unit: " + ", ".join(units.names.get(u, u) for u in shown))
        if isinstance(box["official"], str) and box["official"]:
            facts.append(f"Penanggung jawab: {box['official']}")
    return facts
