"""Pieces of the Dasbor Capaian page: the share link, drill-down from a chart, and the detail of
one indicator."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from kinerja.achievement import roman
from kinerja.charts import renstra_chart, trend_chart
from kinerja.dashboard import against_renstra, explain, narrative, trend
from ui import keys
from ui.resources import get_store


def share_link() -> None:
    """The link that reopens exactly this view, to copy."""
    query = urlencode({k: v for k, v in st.query_params.to_dict().items()})
    link = f"{st.context.url or ''}?{query}" if query else (st.context.url or "")
    with st.popover("Bagikan", icon=":material/share:"):
        st.caption("Salin tautan ini: siapa pun yang membukanya melihat tampilan yang sama.")
        st.code(link, language=None)
        st.code(f"{link}{'&' if query else '?'}{keys.MEETING}=1", language=None)
        st.caption("Tautan kedua membuka mode rapat: grafik besar tanpa kontrol, untuk proyektor.")


def drill_down(chart_key: str, choices: list[str], target_key: str):
    """An ``on_select`` callback: the bar clicked in chart ``chart_key`` becomes the filter
    ``target_key`` (``choices`` listed as the chart draws them, bottom up). A callback runs before
    the next script run, when a widget's value may still be set."""

    def choose() -> None:
        points = st.session_state[chart_key]["selection"]["points"]
        index = points[0].get("point_index") if points else None
        if index is not None and 0 <= index < len(choices):
            st.session_state[target_key] = choices[index]

    return choose


def indicator_detail(record, year: int, quarter: int, settings) -> None:
    """History, the quarter's figures and how they were computed, and what the unit wrote."""
    code = record["indicator_code"]
    st.subheader(f"{code} · {record['indicator_name']}")
    left, right = st.columns([3, 2])
    with left:
        figure = trend_chart(
            trend(get_store(), code, year, settings),
            record["measure_unit"],
            f"Realisasi dan target s.d. triwulan, {year - 2}–{year}",
        )
        st.plotly_chart(figure, key="grafik_tren")
    with right:
        st.markdown("**Bagaimana angka ini dihitung**")
        for line in explain(record, quarter, settings):
            st.markdown(f"- {line}")
    st.plotly_chart(
        renstra_chart(
            against_renstra(get_store(), code, year, settings),
            record["measure_unit"],
            "Realisasi tahunan, target PK dan target Renstra",
        ),
        key="grafik_renstra",
    )
    notes = narrative(get_store(), code, year, quarter)
    st.markdown(f"**Catatan unit {record['unit_code'] or ''}, TW {roman(quarter)} {year}**")
    labels = {"drivers": "Faktor pendorong", "obstacles": "Faktor penghambat", "follow_up": "Tindak lanjut"}
    for name, label in labels.items():
        st.markdown(f"*{label}:* {notes[name] or '—'}")
    if notes["evidence_url"]:
        st.link_button("Buka bukti dukung", notes["evidence_url"], icon=":material/open_in_new:")


def for_screen(figure, meeting: bool):
    """In meeting mode a chart fills a projector's screen, with type readable from the back."""
    if meeting:
        figure.update_layout(
            height=max(figure.layout.height or 0, 640), font={"size": 20}, title={"font": {"size": 26}}
        )
    return figure


def chart(figure, key: str, meeting: bool, **selection) -> None:
    """Draw ``figure``; in meeting mode projector-sized and without Streamlit's chart theme, which
    would shrink its axis labels. ``selection``: ``selection_mode`` and ``on_select`` for drill-down."""
    st.plotly_chart(for_screen(figure, meeting), theme=None if meeting else "streamlit", key=key, **selection)
