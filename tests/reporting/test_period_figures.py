"""One period's figures behind the dashboard, the quarterly report and the LKjIP: the same rows in
the same "worst first" order, from one function, with the year's settings loaded once."""

import pandas as pd
import pytest
import streamlit as st

from kinerja.reporting import lkjip, quarterly
from kinerja.reporting import period_figures as module
from kinerja.reporting.dashboard import View
from kinerja.reporting.screens import capped, worst_first
from kinerja.storage import settings as settings_module
from tests.conftest import opened

YEAR = 2025  # a whole year of the demo: the LKjIP's period is its TW IV


@pytest.fixture
def app_store(demo_db_path, monkeypatch):
    """The demo as the app opens it (KINERJA_DB), its caches empty."""
    monkeypatch.setenv("KINERJA_DB", str(demo_db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    with opened(demo_db_path) as store:
        yield store
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def calls(monkeypatch):
    """Every call of period_figures made by the dashboard's cache, the quarterly report and the LKjIP."""
    import ui.resources

    made = []
    real = module.period_figures

    def recorded(store, view, settings=None):
        made.append(view)
        return real(store, view, settings)

    for user in (ui.resources, quarterly, lkjip):
        monkeypatch.setattr(user, "period_figures", recorded)
    return made


def test_dashboard_quarterly_report_and_lkjip_state_the_same_figures_in_the_same_order(app_store, calls):
    from ui.resources import cached_dashboard, data_version

    dashboard = cached_dashboard(data_version(), View(YEAR, 4))
    report = quarterly.quarterly_data(app_store, YEAR, 4).figures
    annual = lkjip.annual_figures(app_store, YEAR)
    assert calls == [View(YEAR, 4)] * 3, "each asks the one function for the same period"
    assert len(dashboard.frame) > 20
    for other in (report, annual):
        pd.testing.assert_frame_equal(other.frame, dashboard.frame)
        pd.testing.assert_frame_equal(other.worst, dashboard.worst)
        pd.testing.assert_frame_equal(other.by_goal, dashboard.by_goal)
        assert (other.score, other.grade) == (dashboard.score, dashboard.grade)
    # the dashboard's indicator chart (capped or whole), the report's fifteen lowest and the LKjIP's three
    # weakest all read the indicators in that one order
    worst = list(dashboard.worst["indicator_code"])
    cut = capped(dashboard.frame, "indicator_code")
    assert list(cut.shown["indicator_code"])[: cut.lowest] == worst[: cut.lowest]
    chart = quarterly.quarterly_figures(quarterly.quarterly_data(app_store, YEAR, 4), report.settings.scale)
    bars = chart["indikator"].data[0].customdata[::-1]  # drawn bottom up: the lowest on top
    assert [label.split(" · ")[0] for *_, label in bars] == worst[:15]
    scored = dashboard.worst.dropna(subset=["score_pct"])
    issues = lkjip.annual_drafts(app_store, YEAR, annual)["isu"][1]
    named = [issues.index(name) for name in scored["indicator_name"].head(3)]
    assert named == sorted(named), "the LKjIP names the weakest three worst first"


def test_worst_first_breaks_ties_by_code_and_puts_the_unscored_last():
    frame = pd.DataFrame({"indicator_code": ["IK10", "IK2", "IK1", "IK3"], "score_pct": [120.0, None, 120.0, 40.0]})
    assert list(worst_first(frame)["indicator_code"]) == ["IK3", "IK1", "IK10", "IK2"]


def test_the_settings_are_loaded_once_for_a_period(demo_store, monkeypatch):
    loads = []
    real = settings_module.load_settings

    def counted(store, year):
        loads.append(year)
        return real(store, year)

    monkeypatch.setattr(settings_module, "load_settings", counted)
    figures = module.period_figures(demo_store, View(YEAR, 3))
    assert loads.count(YEAR) == 1
    assert figures.settings.year == YEAR and len(figures.projections) == len(figures.frame)


def test_the_dashboards_kept_figures_hold_the_roll_up_and_at_risk_list_a_fresh_read_gives(app_store):
    """cached_dashboard keeps the sasaran roll-up (the budget chart's too) and the at-risk list with
    the figures, computed once per view and data version; after a write they are computed again."""
    from kinerja.domain.recap import roll_up_by
    from kinerja.reporting.dashboard import budget_vs_performance
    from kinerja.reporting.screens import at_risk
    from ui.resources import cached_dashboard, data_version

    view = View(YEAR, 3)
    kept = cached_dashboard(data_version(), view)
    assert {"by_goal", "at_risk"} <= set(vars(kept)), "kept with the figures, not derived on every run"
    fresh = module.period_figures(app_store, view)
    pd.testing.assert_frame_equal(kept.by_goal, roll_up_by(fresh.frame, "goal", fresh.settings.scale))
    pd.testing.assert_frame_equal(kept.at_risk, at_risk(fresh.projections, fresh.frame))
    budget = budget_vs_performance(app_store, view, fresh.frame, fresh.settings)
    pd.testing.assert_frame_equal(kept.budget, budget)
    code = kept.at_risk["indicator_code"].iloc[0]
    with app_store.write() as w:  # the riskiest indicator's figures gone: the next version's list lacks it
        w.execute(
            "DELETE FROM realization WHERE year = ? AND indicator_id = (SELECT id FROM indicator WHERE code = ?)",
            [YEAR, code],
        )
    after = cached_dashboard(data_version(), view)
    assert code not in set(after.at_risk["indicator_code"])
    fresh = module.period_figures(app_store, view)
    pd.testing.assert_frame_equal(after.at_risk, at_risk(fresh.projections, fresh.frame))
