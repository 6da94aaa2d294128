"""The screens of Dasbor Capaian, each a function of one :class:`Board`: the page draws them one
under another, meeting mode one at a time (views.dasbor_parts.meeting). Long charts are capped to the lowest and
the highest few (kinerja.reporting.screens), with "Lihat semua" to draw the whole list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from kinerja.domain.numbers import fmt_percent, signed_number
from kinerja.domain.period import period_name, roman
from kinerja.domain.recap import category_counts as count_by_category
from kinerja.domain.recap import pace_summary, roll_up_by
from kinerja.planning.stored import unit_names
from kinerja.reporting import screens
from kinerja.reporting.charts import (
    achievement_by_goal,
    budget_quadrant,
    category_counts,
    indicators_worst_first,
    projection_chart,
    trend_chart,
)
from kinerja.reporting.dashboard import View
from kinerja.reporting.period_figures import PeriodFigures
from kinerja.storage.settings import Settings
from ui import keys
from ui.resources import cached_score_trend, get_store
from ui.text import md_escape
from views.dasbor_parts.dashboard import chart, drill_down, indicator_detail

NAMED_AT_RISK = 5  # at-risk indicators the risk line names, each a link to its explanation
ORDERS = {"skor": "Skor terendah dulu", "kode": "Urutan kode"}
# the named indicators read as a list of links, one short line each (a button's height is a tap's)
LINKS_STYLE = (
    "<style>.st-key-tautan_berisiko {row-gap: 0.1rem;} .st-key-tautan_berisiko button {min-height: 1.8rem;}</style>"
)


@dataclass(frozen=True)
class Board:
    """What every screen draws from: the view, its figures (ui.resources.cached_dashboard), the
    office's settings, and whether it is shown in meeting mode."""

    view: View
    shown: PeriodFigures
    settings: Settings
    version: int
    meeting: bool = False

    @property
    def frame(self) -> pd.DataFrame:
        return self.shown.frame

    @property
    def period(self) -> str:
        return period_name(self.view.year, self.view.quarter)

    @property
    def completeness(self) -> str:
        top = self.shown.headline
        return screens.completeness_words(top.reported, top.indicators)


def _cap(board: Board, frame: pd.DataFrame, key: str, code: str, whole_order: str, score: str = "score_pct"):
    """The rows a chart draws: capped to the lowest and highest few (fewer in meeting mode), or
    with "Lihat semua" the whole list in the order chosen. Returns (rows, capped or None)."""
    lowest, highest = (
        (screens.MEETING_LOWEST, screens.MEETING_HIGHEST) if board.meeting else (screens.LOWEST, screens.HIGHEST)
    )
    cut = screens.capped(frame, code, lowest, highest, score)
    if not cut.is_cut:
        rows = screens.in_code_order(frame, code) if whole_order == "kode" else cut.shown
        return rows, None
    if board.meeting:
        return cut.shown, cut
    left, right = st.columns([1, 2], vertical_alignment="center")
    if not left.toggle(f"Lihat semua ({cut.total})", key=keys.SHOW_ALL + key):
        return cut.shown, cut
    order = right.segmented_control(
        "Urutan",
        list(ORDERS),
        format_func=ORDERS.get,
        default="skor",
        key=keys.ORDER + key,
        label_visibility="collapsed",
    )
    return (screens.in_code_order(frame, code) if order == "kode" else screens.worst_first(frame, code, score)), None


def _cut_words(cut, noun: str, **words) -> None:
    if cut is not None and (text := cut.words(noun, **words)):
        st.caption(
            md_escape(
                text + ("" if st.query_params.get(keys.MEETING) == "1" else " «Lihat semua» menggambar semuanya.")
            )
        )


def summary(board: Board) -> None:
    """Are we on track, and what is at risk: the score, its category, the data's completeness,
    the at-risk indicators named (each a link to its explanation) and the counts' pace."""
    top, frame = board.shown.headline, board.frame
    score, grade, reported = st.columns(3)
    before = f"TW {roman(board.view.quarter - 1)}" if board.view.quarter > 1 else f"TW IV {board.view.year - 1}"
    delta = None if top.change is None else f"{signed_number(top.change)} poin dibanding {before}"
    score.metric(f"Skor capaian {board.period}", fmt_percent(top.score), delta, border=True)
    grade.metric("Kategori", top.category or "–", border=True)
    reported.metric("Indikator berdata", board.completeness.split(" indikator")[0], border=True)
    projected = board.shown.projections
    risky = board.shown.at_risk
    sentence = md_escape(screens.risk_headline(projected, frame, board.settings))
    st.markdown(f":material/warning: {sentence}" if len(risky) else sentence)
    if len(risky):
        _risk_links(risky.head(NAMED_AT_RISK), board.meeting)
    if pace := pace_summary(frame, limit=NAMED_AT_RISK):  # a ceiling used too fast is no good news
        st.markdown(md_escape(pace))


def _risk_links(risky: pd.DataFrame, meeting: bool) -> None:
    """The worst at-risk indicators by name; on the page each opens its explanation and the unit's note."""
    labels = [
        screens.risk_label(c, n, s)
        for c, n, s in zip(risky["indicator_code"], risky["indicator_name"], risky["projected_score"], strict=True)
    ]
    if meeting:
        st.markdown("\n".join(f"- {md_escape(label)}" for label in labels))
        return
    st.html(LINKS_STYLE)
    with st.container(horizontal=True, gap="small", key="tautan_berisiko"):
        for code, label in zip(risky["indicator_code"], labels, strict=True):
            st.button(
                md_escape(label),
                key=f"berisiko_{code}",
                type="tertiary",
                icon=":material/arrow_outward:",
                on_click=st.session_state.__setitem__,
                args=(keys.RISK_OPENED, code),
            )


def goals(board: Board) -> None:
    """Each sasaran's score; at province scale grouped under the unit that holds it."""
    by_goal = roll_up_by(board.frame, "goal", board.settings.scale)
    by_goal["goal_code"] = by_goal["goal"].map(board.frame.drop_duplicates("goal").set_index("goal")["goal_code"])
    grouped = len(by_goal) > screens.LOWEST + screens.HIGHEST and board.frame["unit_code"].nunique() > 1
    label = "goal"
    if grouped:
        by_goal = screens.group_by_unit(by_goal, board.frame, unit_names(get_store()))
        label = "label"
    rows, cut = _cap(board, by_goal, "grafik_sasaran", "goal_code", "kode")
    if grouped:  # in code order the units' sasaran stand together
        rows = (
            rows if cut or not _code_order("grafik_sasaran") else screens.in_code_order(rows, "unit_code", "goal_code")
        )
    title = f"Capaian per sasaran s.d. {board.period}" + (f": {cut.title('sasaran')}" if cut else "")
    chart(
        achievement_by_goal(rows, board.settings.scale, label, title),
        "grafik_sasaran",
        board.meeting,
        selection_mode="points",
        on_select=drill_down("grafik_sasaran", list(rows["goal"].iloc[::-1]), keys.GOAL),
    )
    _cut_words(cut, "sasaran", indicators="indicators")
    if grouped:
        st.caption(screens.GROUPING_WORDS)


def _code_order(key: str) -> bool:
    return st.session_state.get(keys.ORDER + key) == "kode"


def score_trend(board: Board) -> None:
    """A drilled-down sasaran, unit or branch: how its score went, quarter by quarter."""
    view = board.view
    chart(
        trend_chart(
            cached_score_trend(board.version, view),
            "%",
            f"Skor capaian per triwulan, {view.year - 2}–{view.year}",
            "Target 100%",
        ),
        "grafik_tren_skor",
        board.meeting,
    )


def units(board: Board) -> None:
    """Each unit's score, by name (the code stays in the link)."""
    by_unit = roll_up_by(board.frame, "unit_code", board.settings.scale)
    names = unit_names(get_store())
    by_unit["unit"] = [f"{names.get(c, c)} ({c})" for c in by_unit["unit_code"]]
    rows, cut = _cap(board, by_unit, "grafik_unit", "unit_code", "kode")
    chart(
        achievement_by_goal(
            rows, board.settings.scale, "unit", "Capaian per unit" + (f": {cut.title('unit')}" if cut else "")
        ),
        "grafik_unit",
        board.meeting,
        selection_mode="points",
        on_select=drill_down("grafik_unit", list(rows["unit_code"].iloc[::-1]), keys.UNIT),
    )
    _cut_words(cut, "unit", indicators="indicators")


def indicators(board: Board) -> None:
    """Every indicator's score, lowest on top."""
    rows, cut = _cap(board, board.frame, "grafik_indikator", "indicator_code", "skor")
    title = "Capaian setiap indikator, terendah di atas" + (f": {cut.title('indikator')}" if cut else "")
    chart(
        indicators_worst_first(rows, board.settings.scale, title),
        "grafik_indikator",
        board.meeting,
        selection_mode="points",
        on_select=drill_down("grafik_indikator", list(rows["indicator_code"].iloc[::-1]), keys.INDICATOR),
    )
    _cut_words(cut, "indikator")


def projection(board: Board) -> None:
    """Each indicator's projected year-end score, those at risk marked."""
    rows, cut = _cap(board, board.shown.projections, "grafik_proyeksi", "indicator_code", "skor", "projected_score")
    title = "Proyeksi akhir tahun" + (f": {cut.title('indikator')}" if cut else "")
    chart(projection_chart(rows, title, board.settings.risk_threshold), "grafik_proyeksi", board.meeting)
    _cut_words(cut, "indikator", score="projected_score", measure="proyeksinya")
    st.caption(
        f"Berisiko = {board.settings.risk_rule()}; garis putus-putus hitam adalah target (100%). "
        + md_escape(board.settings.statement())
    )


def budget(board: Board) -> None:
    """Performance beside budget absorption, per sasaran."""
    rows, cut = _cap(board, board.shown.budget, "grafik_anggaran", "goal", "kode")
    title = "Kinerja dan serapan anggaran per sasaran" + (f": {cut.title('sasaran')}" if cut else "")
    chart(budget_quadrant(rows.reset_index(drop=True), title), "grafik_anggaran", board.meeting)
    _cut_words(cut, "sasaran")


def categories(board: Board) -> None:
    chart(
        category_counts(count_by_category(board.frame, board.settings.scale), "Jumlah indikator per kategori"),
        "grafik_kategori",
        board.meeting,
    )


def screens_of(board: Board) -> list[tuple[str, Callable[[Board], None]]]:
    """The screens this view has, in the order a meeting goes through them."""
    view, frame = board.view, board.frame
    found = [("Ringkasan", summary), ("Capaian per sasaran", goals)]
    if view.goal or view.unit or view.branch:
        found.append(("Tren skor", score_trend))
    if frame["unit_code"].nunique() > 1:
        found.append(("Capaian per unit", units))
    found += [("Capaian setiap indikator", indicators), ("Proyeksi akhir tahun", projection)]
    if board.shown.budget is not None and len(board.shown.budget):
        found.append(("Kinerja dan anggaran", budget))
    return [*found, ("Jumlah per kategori", categories)]


def risk_dialog(board: Board) -> None:
    """The at-risk indicator opened from the risk line: its explanation and the unit's note."""
    code = st.session_state.get(keys.RISK_OPENED)
    frame = board.frame.set_index("indicator_code")
    if not code or code not in frame.index:
        return

    def closed() -> None:
        st.session_state.pop(keys.RISK_OPENED, None)

    @st.dialog("Indikator berisiko", width="large", on_dismiss=closed)
    def show() -> None:
        record = frame.loc[code].to_dict() | {"indicator_code": code}
        indicator_detail(
            record, board.view.year, board.view.quarter, board.settings, board.shown.projections, "dialog_"
        )

    show()
