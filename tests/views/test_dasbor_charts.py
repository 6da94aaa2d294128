"""The dashboard's charts kept per data version and view and drawn again without Plotly's checks
(views.dasbor_parts.screens, charts.from_spec) are the charts Plotly's own checks build, on every
view: the opening one, each quarter, a sasaran, «Lihat semua» in both orders and each meeting screen;
with the cap as it is and cut small, so the demo takes the province's paths (capped, grouped by unit)."""

import json

import plotly.graph_objects as go
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kinerja.reporting import charts, screens
from kinerja.storage.store import Store
from tests.pages import APP
from ui import keys


def _charts(app: AppTest) -> list[dict]:
    assert not app.exception, app.exception
    return [json.loads(c.proto.spec) for c in app.get("plotly_chart")]


def _views(year: int, goal: str) -> dict[str, list[dict]]:
    """Every chart of the views, each view's run twice: the first computes, the second draws from the kept specs."""
    drawn: dict[str, list[dict]] = {}

    def opened(**params: str) -> AppTest:
        app = AppTest.from_file(APP, default_timeout=60)
        app.query_params.update({keys.YEAR: str(year), **params})
        return app.switch_page("views/dasbor.py")

    def twice(name: str, app: AppTest) -> AppTest:
        first = _charts(app.run())
        assert _charts(app.run()) == first, f"{name}: a rerun draws the kept charts the same"
        drawn[name] = first
        return app

    app = twice("pembuka", opened())
    for quarter in ("TW I", "TW II", "TW III"):
        app.selectbox(key=keys.QUARTER).set_value(quarter)
        twice(quarter, app)
    app.selectbox(key=keys.GOAL).set_value(goal)
    twice("sasaran", app)
    app = twice("semua", opened(**{keys.QUARTER: "TW II"}))
    for toggle in app.toggle:
        if toggle.key and toggle.key.startswith(keys.SHOW_ALL):
            toggle.set_value(True)
    twice("lihat semua", app)
    for control in app.get("button_group"):
        if control.key and control.key.startswith(keys.ORDER):
            control.set_value("kode")
    twice("urutan kode", app)
    for screen in range(1, 8):
        app = opened(**{keys.MEETING: "1"})
        app.session_state[keys.MEETING_SCREEN] = screen
        twice(f"rapat {screen}", app)
    return drawn


@pytest.mark.parametrize("cap", [None, (4, 2)], ids=["batas-biasa", "batas-kecil"])
def test_kept_charts_drawn_unchecked_are_the_charts_plotly_checks(demo_db_path, monkeypatch, cap):
    monkeypatch.setenv("KINERJA_DB", str(demo_db_path))
    if cap:
        monkeypatch.setattr(screens, "LOWEST", cap[0])
        monkeypatch.setattr(screens, "HIGHEST", cap[1])
    store = Store(demo_db_path)
    goal, year = (
        store.scalar("SELECT name FROM goal ORDER BY code LIMIT 1"),
        store.scalar("SELECT max(year) FROM target"),
    )
    store.close()
    st.cache_resource.clear()
    st.cache_data.clear()
    kept = _views(year, goal)
    st.cache_data.clear()
    monkeypatch.setattr(charts, "from_spec", lambda spec: go.Figure(spec))  # every property checked
    import views.dasbor_parts.dashboard as dashboard

    monkeypatch.setattr(dashboard, "from_spec", charts.from_spec)
    checked = _views(year, goal)
    st.cache_resource.clear()
    assert kept.keys() == checked.keys()
    for name in kept:
        assert kept[name] == checked[name], name
    assert sum(map(len, kept.values())) > 30
