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
from views.dasbor_parts.dashboard import chart, chart_spec, drill_down, for_screen, indicator_detail

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


def _choice(board: Board, key: str, total: int) -> tuple[bool, str | None]:
    """Above a long chart, "Lihat semua" and, when on, the order of the whole list: (whole, order).
    Meeting mode and a list that fits draw neither."""
    lowest, highest = (
        (screens.MEETING_LOWEST, screens.MEETING_HIGHEST) if board.meeting else (screens.LOWEST, screens.HIGHEST)
    )
    if board.meeting or total <= lowest + highest:  # a longer list is cut (screens.capped)
        return False, None
    left, right = st.columns([1, 2], vertical_alignment="center")
    if not left.toggle(f"Lihat semua ({total})", key=keys.SHOW_ALL + key):
        return False, None
    order = right.segmented_control(
        "Urutan",
        list(ORDERS),
        format_func=ORDERS.get,
        default="skor",
        key=keys.ORDER + key,
        label_visibility="collapsed",
    )
    return True, order


def _cap(board: Board, frame: pd.DataFrame, code: str, whole_order: str, whole: bool, order: str | None, **score):
    """The rows a chart draws: capped to the lowest and highest few (fewer in meeting mode), or
    (``whole``) the whole list in ``order``. Returns (rows, capped or None)."""
    score_column = score.get("score", "score_pct")
    lowest, highest = (
        (screens.MEETING_LOWEST, screens.MEETING_HIGHEST) if board.meeting else (screens.LOWEST, screens.HIGHEST)
    )
    cut = screens.capped(frame, code, lowest, highest, score_column)
    if not cut.is_cut:
        rows = screens.in_code_order(frame, code) if whole_order == "kode" else cut.shown
        return rows, None
    if board.meeting or not whole:
        return cut.shown, cut
    whole_list = (
        screens.in_code_order(frame, code) if order == "kode" else screens.worst_first(frame, code, score_column)
    )
    return whole_list, None


def _cut_words(cut, noun: str, meeting: bool, **words) -> str | None:
    if cut is not None and (text := cut.words(noun, **words)):
        return md_escape(text + ("" if meeting else " «Lihat semua» menggambar semuanya."))
    return None


@dataclass(frozen=True)
class Drawn:
    """A chart as a screen draws it: its figure's spec (for_screen applied), the choices its bars
    stand for (bottom up, for drill-down) and the words under it."""

    spec: dict
    choices: list
    words: tuple[str, ...] = ()


def _drawn(board: Board, key: str, build: Callable[..., Drawn], *choice) -> Drawn:
    """``build(board, *choice)``, kept per data version, view, screen mode and choice: a rerun, a
    quarter or a filter seen before draws its charts without computing or checking them again."""
    return _kept(board.version, board.view, board.meeting, key, choice, _board=board, _build=build)


@st.cache_data(show_spinner=False, max_entries=256)
def _kept(version: int, view: View, meeting: bool, key: str, choice: tuple, _board: Board, _build) -> Drawn:
    return _build(_board, *choice)


def _draw(drawn: Drawn, key: str, meeting: bool, target: str | None = None) -> None:
    selection = (
        {} if target is None else {"selection_mode": "points", "on_select": drill_down(key, drawn.choices, target)}
    )
    chart_spec(drawn.spec, key, meeting, **selection)
    for words in drawn.words:
        st.caption(words)


def _spec(figure, meeting: bool) -> dict:
    return for_screen(figure, meeting).to_plotly_json()


def summary(board: Board) -> None:
    """Are we on track, and what is at risk: the score, its category, the data's completeness,
    the at-risk indicators named (each a link to its explanation) and the counts' pace."""
    top = board.shown.headline
    score, grade, reported = st.columns(3)
    before = f"TW {roman(board.view.quarter - 1)}" if board.view.quarter > 1 else f"TW IV {board.view.year - 1}"
    delta = None if top.change is None else f"{signed_number(top.change)} poin dibanding {before}"
    score.metric(f"Skor capaian {board.period}", fmt_percent(top.score), delta, border=True)
    grade.metric("Kategori", top.category or "–", border=True)
    reported.metric("Indikator berdata", board.completeness.split(" indikator")[0], border=True)
    risky = board.shown.at_risk
    sentence, pace = _summary_words(board.version, board.view, _board=board)
    st.markdown(f":material/warning: {sentence}" if len(risky) else sentence)
    if len(risky):
        _risk_links(risky.head(NAMED_AT_RISK), board.meeting)
    if pace:  # a ceiling used too fast is no good news
        st.markdown(pace)


@st.cache_data(show_spinner=False, max_entries=64)
def _summary_words(version: int, view: View, _board: Board) -> tuple[str, str | None]:
    """The risk line's sentence and the counts' pace (escaped), worded once per data version and
    view: a rerun, a meeting's next screen, a view seen before reads them again."""
    shown = _board.shown
    sentence = screens.risk_headline(shown.projections, shown.frame, _board.settings, shown.at_risk)
    pace = pace_summary(shown.frame, limit=NAMED_AT_RISK)
    return md_escape(sentence), md_escape(pace) if pace else None


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
    whole, order = _choice(board, "grafik_sasaran", board.frame["goal"].nunique(dropna=False))
    _draw(_drawn(board, "grafik_sasaran", _goals, whole, order), "grafik_sasaran", board.meeting, keys.GOAL)


def _goals(board: Board, whole: bool, order: str | None) -> Drawn:
    by_goal = board.shown.by_goal.copy()  # the view's roll-up (cached_dashboard), not computed again
    by_goal["goal_code"] = by_goal["goal"].map(board.frame.drop_duplicates("goal").set_index("goal")["goal_code"])
    grouped = len(by_goal) > screens.LOWEST + screens.HIGHEST and board.frame["unit_code"].nunique() > 1
    label = "goal"
    if grouped:
        by_goal = screens.group_by_unit(by_goal, board.frame, unit_names(get_store()))
        label = "label"
    rows, cut = _cap(board, by_goal, "goal_code", "kode", whole, order)
    if grouped and cut is None and order == "kode":  # in code order the units' sasaran stand together
        rows = screens.in_code_order(rows, "unit_code", "goal_code")
    title = f"Capaian per sasaran s.d. {board.period}" + (f": {cut.title('sasaran')}" if cut else "")
    words = _cut_words(cut, "sasaran", board.meeting, indicators="indicators")
    return Drawn(
        _spec(achievement_by_goal(rows, board.settings.scale, label, title), board.meeting),
        list(rows["goal"].iloc[::-1]),
        tuple(w for w in (words, screens.GROUPING_WORDS if grouped else None) if w),
    )


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
    whole, order = _choice(board, "grafik_unit", board.frame["unit_code"].nunique(dropna=False))
    _draw(_drawn(board, "grafik_unit", _units, whole, order), "grafik_unit", board.meeting, keys.UNIT)


def _units(board: Board, whole: bool, order: str | None) -> Drawn:
    by_unit = roll_up_by(board.frame, "unit_code", board.settings.scale)
    names = unit_names(get_store())
    by_unit["unit"] = [f"{names.get(c, c)} ({c})" for c in by_unit["unit_code"]]
    rows, cut = _cap(board, by_unit, "unit_code", "kode", whole, order)
    title = "Capaian per unit" + (f": {cut.title('unit')}" if cut else "")
    words = _cut_words(cut, "unit", board.meeting, indicators="indicators")
    return Drawn(
        _spec(achievement_by_goal(rows, board.settings.scale, "unit", title), board.meeting),
        list(rows["unit_code"].iloc[::-1]),
        (words,) if words else (),
    )


def indicators(board: Board) -> None:
    """Every indicator's score, lowest on top."""
    whole, order = _choice(board, "grafik_indikator", len(board.frame))
    drawn = _drawn(board, "grafik_indikator", _indicators, whole, order)
    _draw(drawn, "grafik_indikator", board.meeting, keys.INDICATOR)


def _indicators(board: Board, whole: bool, order: str | None) -> Drawn:
    rows, cut = _cap(board, board.frame, "indicator_code", "skor", whole, order)
    title = "Capaian setiap indikator, terendah di atas" + (f": {cut.title('indikator')}" if cut else "")
    words = _cut_words(cut, "indikator", board.meeting)
    return Drawn(
        _spec(indicators_worst_first(rows, board.settings.scale, title), board.meeting),
        list(rows["indicator_code"].iloc[::-1]),
        (words,) if words else (),
    )


def projection(board: Board) -> None:
    """Each indicator's projected year-end score, those at risk marked."""
    whole, order = _choice(board, "grafik_proyeksi", len(board.shown.projections))
    _draw(_drawn(board, "grafik_proyeksi", _projection, whole, order), "grafik_proyeksi", board.meeting)
    st.caption(
        f"Berisiko = {board.settings.risk_rule()}; garis putus-putus hitam adalah target (100%). "
        + md_escape(board.settings.statement())
    )


def _projection(board: Board, whole: bool, order: str | None) -> Drawn:
    rows, cut = _cap(board, board.shown.projections, "indicator_code", "skor", whole, order, score="projected_score")
    title = "Proyeksi akhir tahun" + (f": {cut.title('indikator')}" if cut else "")
    words = _cut_words(cut, "indikator", board.meeting, score="projected_score", measure="proyeksinya")
    spec = _spec(projection_chart(rows, title, board.settings.risk_threshold), board.meeting)
    return Drawn(spec, [], (words,) if words else ())


def budget(board: Board) -> None:
    """Performance beside budget absorption, per sasaran."""
    whole, order = _choice(board, "grafik_anggaran", len(board.shown.budget))
    _draw(_drawn(board, "grafik_anggaran", _budget, whole, order), "grafik_anggaran", board.meeting)


def _budget(board: Board, whole: bool, order: str | None) -> Drawn:
    rows, cut = _cap(board, board.shown.budget, "goal", "kode", whole, order)
    title = "Kinerja dan serapan anggaran per sasaran" + (f": {cut.title('sasaran')}" if cut else "")
    words = _cut_words(cut, "sasaran", board.meeting)
    return Drawn(
        _spec(budget_quadrant(rows.reset_index(drop=True), title), board.meeting), [], (words,) if words else ()
    )


def categories(board: Board) -> None:
    _draw(_drawn(board, "grafik_kategori", _categories), "grafik_kategori", board.meeting)


def _categories(board: Board) -> Drawn:
    counts = count_by_category(board.frame, board.settings.scale)
    return Drawn(_spec(category_counts(counts, "Jumlah indikator per kategori"), board.meeting), [])


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
