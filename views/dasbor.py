import streamlit as st

from kinerja.domain.numbers import fmt_percent, signed_number
from kinerja.domain.period import period_name, roman
from kinerja.domain.recap import category_counts as count_by_category
from kinerja.domain.recap import pace_summary, roll_up_by
from kinerja.planning.stored import unit_names
from kinerja.reporting.charts import (
    achievement_by_goal,
    budget_quadrant,
    category_counts,
    indicators_worst_first,
    projection_chart,
    trend_chart,
)
from kinerja.reporting.dashboard import risk_summary, worst_first
from ui import keys
from ui.dashboard import chart, drill_down, indicator_detail, share_link, shared_links, view_filters
from ui.period import require_plan
from ui.resources import cached_dashboard, cached_score_trend, cached_settings, cached_years, data_version, get_store
from ui.text import md_escape

SHOWN = 40  # bars a chart can show readably, on a laptop or a projector
store, version = get_store(), data_version()
years = cached_years(version)
meeting = st.query_params.get(keys.MEETING) == "1"
st.title("Dasbor Capaian")
require_plan(years)
headline = st.container()  # first on the screen (a phone shows it before the filters): are we on track?
view, shared = view_filters(store, version, years)
year, quarter = view.year, view.quarter
settings = cached_settings(version, year)
shown = cached_dashboard(version, view)
frame = shown["frame"]
if frame.empty:
    st.info("Tidak ada indikator untuk pilihan ini.")
    st.stop()
top = shown["headline"]
with headline:
    score, grade, reported = st.columns(3)
    before = f"TW {roman(quarter - 1)}" if quarter > 1 else f"TW IV {year - 1}"
    delta = None if top.change is None else f"{signed_number(top.change)} poin dibanding {before}"
    score.metric("Skor capaian", fmt_percent(top.score), delta, border=True)
    grade.metric("Kategori", top.category or "–", border=True)
    reported.metric("Indikator berdata", f"{top.reported} dari {top.indicators}", border=True)
    summary = md_escape(risk_summary(shown["projections"], settings))
    st.markdown(
        f":material/warning: {md_escape(summary)}" if shown["projections"]["at_risk"].any() else md_escape(summary)
    )
    if pace := pace_summary(frame):  # the counts against the year's pace: a ceiling used too fast is no good news
        st.markdown(md_escape(pace))
if meeting:
    st.html("<style>.st-key-saringan {display: none;}</style>")
elif shared is None:
    share_link(view)
    shared_links()
by_goal = roll_up_by(frame, "goal", settings.scale)
chart(
    achievement_by_goal(by_goal, settings.scale, title=f"Capaian per sasaran s.d. {period_name(year, quarter)}"),
    "grafik_sasaran",
    meeting,
    selection_mode="points",
    on_select=drill_down("grafik_sasaran", list(by_goal["goal"].iloc[::-1]), keys.GOAL),
)
if (
    view.goal or view.unit or view.branch
):  # a drilled-down sasaran, unit or branch: how its score went, quarter by quarter
    chart(
        trend_chart(
            cached_score_trend(version, view), "%", f"Skor capaian per triwulan, {year - 2}–{year}", "Target 100%"
        ),
        "grafik_tren_skor",
        meeting,
    )
by_unit = roll_up_by(frame, "unit_code", settings.scale)
if len(by_unit) > 1:
    names = unit_names(store)  # leaders read names; the code stays in the link
    by_unit["unit"] = [f"{names.get(c, c)} ({c})" for c in by_unit["unit_code"]]
    chart(
        achievement_by_goal(by_unit, settings.scale, "unit", "Capaian per unit"),
        "grafik_unit",
        meeting,
        selection_mode="points",
        on_select=drill_down("grafik_unit", list(by_unit["unit_code"].iloc[::-1]), keys.UNIT),
    )
ordered = worst_first(frame).head(SHOWN)
chart(
    indicators_worst_first(ordered, settings.scale, "Capaian setiap indikator, terendah di atas"),
    "grafik_indikator",
    meeting,
    selection_mode="points",
    on_select=drill_down("grafik_indikator", list(ordered["indicator_code"].iloc[::-1]), keys.INDICATOR),
)
if len(frame) > SHOWN:
    st.caption(
        f"Ditampilkan {SHOWN} indikator terendah dari {len(frame)}; saring per unit atau sasaran untuk melihat yang lain."
    )
at_risk = shown["projections"].sort_values("projected_score", na_position="last").head(SHOWN)
chart(projection_chart(at_risk, "Proyeksi akhir tahun", settings.risk_threshold), "grafik_proyeksi", meeting)
st.caption(
    f"Berisiko = {settings.risk_rule()}; garis putus-putus hitam adalah target (100%). "
    + md_escape(settings.statement())
)
budget = shown["budget"]
if len(budget):
    chart(budget_quadrant(budget, "Kinerja dan serapan anggaran per sasaran"), "grafik_anggaran", meeting)
chart(
    category_counts(count_by_category(frame, settings.scale), "Jumlah indikator per kategori"),
    "grafik_kategori",
    meeting,
)
names = dict(zip(frame["indicator_code"], frame["indicator_name"], strict=True))
chosen = st.selectbox(
    "Rincian indikator (atau klik batangnya)",
    list(names),
    index=None,
    placeholder="Pilih kode indikator",
    key=keys.INDICATOR,
    bind="query-params",
)
if chosen:
    indicator_detail(
        frame.set_index("indicator_code").loc[chosen].to_dict() | {"indicator_code": chosen}, year, quarter, settings
    )
