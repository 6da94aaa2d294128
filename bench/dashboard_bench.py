"""The leaders' and planners' screens at province scale: the dashboard's queries, and whole runs of
the pages under AppTest (the server's time for a page; the browser's drawing is not in it).

Each page run is set against its floor, measured in the same run: a bare page drawing the figures
that run drew. Meeting mode is measured on its first chart screen (Capaian per sasaran, screen 2:
the summary before it draws no figure, so its floor would be an empty page), against that figure
drawn bare."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from bench.pandas_recap import pandas_achievement
from bench.timing import best_of
from kinerja.access.accounts import NewAccount, add_account, start_session
from kinerja.access.roles import Role
from kinerja.reporting.dashboard import View, budget_vs_performance, filtered, headline, projections
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store
from ui import keys
from ui.keys import SESSION_TOKEN

ROOT = Path(__file__).resolve().parents[1]
# the framework's floor: a bare page drawing the same Plotly figures (the same traces and points),
# nothing else: what any page that shows those charts costs Streamlit and Plotly
FLOOR = """
import json
import plotly.io as pio
import streamlit as st
st.title("Lantai")
for n, spec in enumerate(json.loads(open({path!r}, encoding="utf-8").read())):
    st.plotly_chart(pio.from_json(spec), key=f"grafik_{{n}}")
"""
MEETING_CHART_SCREEN = 1  # meeting mode's second screen, the sasaran chart: the first with a figure


def measure(province_db: Path) -> dict[str, dict[str, float]]:
    store = Store(province_db)
    settings = load_settings(store, 2025)
    view = View(2025, 4)  # the view the page opens on

    def queries() -> None:
        frame = filtered(store, view, settings)
        headline(store, view, settings, frame)
        projections(store, view, frame, settings)
        budget_vs_performance(store, view, frame, settings)

    value = best_of(3, queries)
    baseline = best_of(3, lambda: pandas_achievement(store, 2025, 3))
    goal = store.scalar("SELECT name FROM goal ORDER BY code LIMIT 1")
    if not store.scalar("SELECT count(*) FROM account WHERE name = 'bench.admin'"):
        add_account(store, NewAccount("bench.admin", Role.ADMIN, "bench-rahasia-1"))
    token = start_session(store, "bench.admin")  # the pages are measured signed in, as people use them
    store.close()
    from streamlit.testing.v1 import AppTest

    os.environ["KINERJA_DB"] = str(province_db)

    def opened(page: str, screen: int | None = None, **params: str):
        """A page opened by its link right after the data changed (an upload, a saved plan): every
        cached read is stale. The session is already signed in and the database open."""
        import streamlit as st

        from ui.resources import get_store

        st.cache_data.clear()
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for name, param in {keys.YEAR: "2025", **params}.items():  # 2025: its latest quarter, TW IV
            app.query_params[name] = param
        app.session_state[SESSION_TOKEN] = token
        app.run()
        with get_store().write():  # the same store the app holds; the write moves the data version
            pass
        app = app.switch_page(page)
        if screen is not None:  # meeting mode's screen (0: the summary)
            app.session_state[keys.MEETING_SCREEN] = screen
        return app

    def cold(page: str, screen: int | None = None, **params: str) -> float:
        timings = []
        for _ in range(2):
            app = opened(page, screen, **params)
            timings.append(best_of(1, lambda: checked(app.run())))  # noqa: B023 (called at once)
        return min(timings)

    dashboard = "views/dasbor.py"
    page = cold(dashboard)
    page_floor = floor(checked(opened(dashboard).run()))
    meeting = cold(dashboard, MEETING_CHART_SCREEN, **{keys.MEETING: "1"})
    meeting_floor = floor(checked(opened(dashboard, MEETING_CHART_SCREEN, **{keys.MEETING: "1"}).run()))
    planning = cold("views/perencanaan.py")
    app = checked(opened(dashboard).run())
    warm = best_of(3, lambda: checked(app.run()))  # a rerun of the same view: every query cached
    quarters = iter(["TW I", "TW II", "TW III"])  # each one not yet cached
    switch = best_of(3, lambda: checked(app.selectbox(key=keys.QUARTER).set_value(next(quarters)).run()))
    app = checked(opened(dashboard).run())
    goals = iter([goal, None, goal])  # a sasaran, back to all, the sasaran again (cached by then)
    narrowed = best_of(2, lambda: checked(app.selectbox(key=keys.GOAL).set_value(next(goals)).run()))
    narrowed_floor = floor(app)
    print(
        f"dashboard at province scale: queries {value:.2f} s; page run {page:.2f} s cold, {warm:.2f} s rerun, "
        f"{switch:.2f} s another quarter, {narrowed:.2f} s a sasaran filter; meeting mode's sasaran screen {meeting:.2f} s cold; "
        f"Perencanaan {planning:.2f} s cold; the bare pages drawing the same figures: {page_floor:.2f} s, "
        f"meeting mode's {meeting_floor:.2f} s, the sasaran's {narrowed_floor:.2f} s"
    )
    return {
        "dashboard_view_queries": {"value": value, "baseline": baseline},
        "dashboard_page_run": {"value": page, "baseline": baseline},
        "dashboard_page_rerun_warm": {"value": warm, "baseline": baseline},
        "dashboard_page_other_quarter": {"value": switch, "baseline": baseline},
        "dashboard_page_sasaran_filter": {"value": narrowed, "baseline": baseline},
        "dashboard_page_vs_floor": {"value": page, "baseline": page_floor},
        "dashboard_other_quarter_vs_floor": {"value": switch, "baseline": page_floor},
        "dashboard_sasaran_filter_vs_floor": {"value": narrowed, "baseline": narrowed_floor},
        "meeting_mode_vs_floor": {"value": meeting, "baseline": meeting_floor},
        "meeting_mode_page_run": {"value": meeting, "baseline": page},
        "planning_page_run": {"value": planning, "baseline": page},
    }


def floor(app) -> float:
    """Seconds for a bare page drawing the figures ``app``'s last run drew (best of three warm runs)."""
    from streamlit.testing.v1 import AppTest

    specs = [chart.proto.spec for chart in app.get("plotly_chart")]
    with tempfile.TemporaryDirectory() as folder:
        figures, script = Path(folder) / "grafik.json", Path(folder) / "lantai.py"
        figures.write_text(json.dumps(specs), encoding="utf-8")
        script.write_text(FLOOR.format(path=str(figures)), encoding="utf-8")
        bare = AppTest.from_file(str(script), default_timeout=120)
        bare.run()
        if bare.exception or len(bare.get("plotly_chart")) != len(specs):
            raise RuntimeError("the bare page did not draw the same figures")
        return best_of(3, lambda: bare.run())


def checked(app):
    if app.exception:
        raise RuntimeError(app.exception[0].message)
    if not app.title:
        raise RuntimeError("the run drew no page title")
    return app
