"""The dashboard's figures: filters, headline, projections, the explanation of a number, the trend."""

import pandas as pd
import pytest

from kinerja.domain.achievement import DEFAULT_SCALE
from kinerja.domain.problems import InputRejected
from kinerja.domain.recap import overall_score
from kinerja.reporting.charts import indicators_worst_first, projection_chart, trend_chart
from kinerja.reporting.dashboard import View, explain, filtered, headline, narrative, projections, trend
from kinerja.reporting.screens import worst_first
from kinerja.storage.figures import recap
from kinerja.storage.settings import load_settings
from kinerja.workflow.lock import unlock_plan
from kinerja.workflow.year_settings import change_settings
from tests.trees import (
    drawn_tree,
)


@pytest.fixture
def settings(demo_store):
    return load_settings(demo_store, 2026)


def test_filters_narrow_to_unit_sasaran_and_iku(demo_store, settings):
    assert len(filtered(demo_store, View(2026, 2), settings)) == 23
    assert set(filtered(demo_store, View(2026, 2, unit="SEK"), settings)["unit_code"]) == {"SEK", "PK"}
    assert list(filtered(demo_store, View(2026, 2, unit="KESMAS", key_only=True), settings)["indicator_code"]) == [
        "IK01",
        "IK02",
        "IK05",
    ]
    stunting = filtered(demo_store, View(2026, 2, goal="S2"), settings)
    assert set(stunting["goal"]) == {"Menurunnya prevalensi stunting dan gizi buruk"}


def test_headline_compares_with_the_quarter_before(demo_store, settings):
    top = headline(demo_store, View(2026, 2), settings)
    assert top.score == pytest.approx(overall_score(recap(demo_store, 2026, 2)))
    assert top.previous_score == pytest.approx(overall_score(recap(demo_store, 2026, 1)))
    assert top.change == pytest.approx(top.score - top.previous_score)
    first = headline(demo_store, View(2026, 1), settings)
    assert first.previous_score == pytest.approx(overall_score(recap(demo_store, 2025, 4))), (
        "TW I compares with last year's TW IV"
    )


def test_worst_first_puts_unscored_last():
    frame = pd.DataFrame({"indicator_code": ["A", "B", "C"], "score_pct": [90.0, None, 40.0]})
    assert list(worst_first(frame)["indicator_code"]) == ["C", "A", "B"]


def test_projections_flag_indicators_projected_under_the_risk_threshold(demo_store, settings):
    view = View(2026, 2)
    frame = filtered(demo_store, view, settings)
    projected = projections(demo_store, view, frame, settings).set_index("indicator_code")
    assert settings.risk_threshold == 76 and not settings.risk_threshold_set, "the lower bound of Tinggi"
    ik13 = projected.loc["IK13"]  # hypertension services, about 64%: at risk
    assert ik13.at_risk and ik13.projected_score < 76
    ik22 = projected.loc["IK22"]  # documents on time, 3 of 6 by TW II: on track
    assert ik22.projection == pytest.approx(6.0) and not ik22.at_risk
    assert list(projected.index[projected["at_risk"]]) == list(projected.index[projected["projected_score"] < 76])
    near = projected[(projected["projected_score"] >= 76) & (projected["projected_score"] < 100)]
    assert len(near) and not near["at_risk"].any(), "a point or two short of 100 is not at risk"


@pytest.mark.parametrize(
    ("stored", "threshold", "rule"),
    [
        ("", 76.0, "proyeksi skor akhir tahun di bawah 76%, batas bawah kategori Tinggi"),
        ("90", 90.0, "proyeksi skor akhir tahun di bawah 90%"),
        ("97.5", 97.5, "proyeksi skor akhir tahun di bawah 97,5%"),
    ],
)
def test_the_risk_threshold_is_the_offices_and_the_rule_is_said_in_words(demo_store, stored, threshold, rule):
    unlock_plan(demo_store, 2026, "PK perubahan")  # TW I 2026 is final on the demo
    change_settings(demo_store, {"risk_threshold": stored}, 2026)
    settings = load_settings(demo_store, 2026)
    assert (settings.risk_threshold, settings.risk_rule()) == (threshold, rule)
    frame = filtered(demo_store, View(2026, 2), settings)
    projected = projections(demo_store, View(2026, 2), frame, settings)
    assert list(projected["at_risk"]) == [s is not None and s < threshold for s in projected["projected_score"]]


@pytest.mark.parametrize("value", ["0", "150", "-5"])
def test_a_risk_threshold_outside_0_to_100_is_refused(demo_store, value):
    with pytest.raises(InputRejected, match="batas berisiko"):
        change_settings(demo_store, {"risk_threshold": value}, 2027)
    assert load_settings(demo_store, 2027).risk_threshold == 76


def test_explanation_spells_out_the_formula_and_its_inputs(demo_store, settings):
    row = recap(demo_store, 2026, 2).set_index("indicator_code").loc["IK05"]
    lines = explain(row.to_dict() | {"indicator_code": "IK05"}, 2, settings)
    assert lines[0] == "Polaritas Negatif, agregasi Nilai Akhir."
    assert "realisasi TW II (nilai terakhir, bukan yang tertinggi)" in lines[1]
    assert "target Rencana Aksi TW II = 15" in lines[2]
    assert lines[3].startswith("Capaian = (2T − R) / T × 100 dengan T = 15") and "(kategori Tinggi)" in lines[3]


def test_trend_has_three_years_of_to_date_figures(demo_store, settings):
    frame = trend(demo_store, "IK07", 2026, settings)  # Kumulatif
    assert sorted(frame["year"].unique()) == [2024, 2025, 2026]
    tw2 = frame[(frame["year"] == 2026) & (frame["quarter"] == 2)].iloc[0]
    assert tw2.target == 20, "10 + 10: the sum of RA targets to date"
    assert pd.isna(frame[(frame["year"] == 2026) & (frame["quarter"] == 3)].iloc[0].realization)


def test_narrative_is_what_the_unit_wrote(demo_store):
    notes = narrative(demo_store, "IK13", 2026, 2)
    assert notes["obstacles"] and notes["evidence_url"].endswith("/tw2/ik13.pdf")


def test_dashboard_charts_on_fixed_data():
    frame = pd.DataFrame(
        {
            "indicator_code": ["A", "B"],
            "indicator_name": ["Satu", "Dua"],
            "score_pct": [40.0, 95.0],
            "category": ["Sangat Rendah", "Sangat Tinggi"],
            "realization_to_date": [4.0, 9.5],
            "target_to_date": [10.0, 10.0],
            "measure_unit": ["dok", "%"],
        }
    )
    figure = indicators_worst_first(frame, DEFAULT_SCALE)
    bars = figure.data[0]
    names = sorted((a.y, a.text) for a in figure.layout.annotations if a.yref == "y" and a.yanchor == "bottom")
    assert [text for _, text in names] == ["B · Dua", "A · Satu"], "the first (worst) row is drawn on top"
    assert list(bars.marker.color) == ["#0072B2", "#D55E00"]
    assert list(bars.marker.pattern.shape) == ["", "x"], "Sangat Rendah cross-hatched for grey print"
    assert list(bars.text) == ["95,0% · Sangat Tinggi", ""], "on the long bar; after the hatched one, on white"
    assert [(a.y, a.text) for a in figure.layout.annotations if a.xshift] == [(1, "40,0% · Sangat Rendah")]
    assert bars.customdata[1][0] == "4" and bars.customdata[1][1] == "10"
    projected = pd.DataFrame(
        {
            "indicator_code": ["A", "B"],
            "indicator_name": ["Satu", "Dua"],
            "projected_score": [80.0, 110.0],
            "at_risk": [True, False],
        }
    )
    risk = projection_chart(projected, threshold=90).layout.annotations
    assert [a.text for a in risk if a.xshift] == ["110,0%", "80,0% · berisiko"]
    lines = projection_chart(projected, threshold=90).layout.shapes
    assert sorted(shape.x0 for shape in lines) == [90, 100], "the risk threshold and the target are drawn"
    lines = trend_chart(
        pd.DataFrame(
            {
                "year": [2025, 2026],
                "quarter": [1, 1],
                "label": ["TW I", "TW I"],
                "realization": [1.0, 2.0],
                "target": [1.0, 2.5],
            }
        )
    )
    assert [t.name for t in lines.data] == ["Realisasi 2025", "Realisasi 2026", "Target s.d. triwulan 2026"]


def test_budget_beside_performance_per_sasaran(demo_store, settings):
    from kinerja.reporting.charts import budget_quadrant
    from kinerja.reporting.dashboard import budget_vs_performance

    view = View(2026, 2)
    budget = budget_vs_performance(demo_store, view, filtered(demo_store, view, settings), settings).set_index("goal")
    row = budget.loc["Menurunnya angka kematian ibu dan bayi"]
    spent = demo_store.scalar(
        "SELECT sum(spending) FROM budget_current b JOIN programme p ON p.id = b.programme_id WHERE p.code = 'P01' AND b.year = 2026"
    )
    assert row.pagu == 18_500_000_000 and row.absorption_pct == pytest.approx(spent / 18_500_000_000 * 100)
    assert row.expected_pct == pytest.approx(45.0), "the cash plan's TW I + TW II shares: 18% + 27%"
    figure = budget_quadrant(budget.reset_index())
    assert figure.layout.shapes[1].y0 == pytest.approx(45.0)


def test_years_against_their_renstra_targets(demo_store, settings):
    from kinerja.reporting.dashboard import against_renstra

    frame = against_renstra(demo_store, "IK05", 2026, settings)
    assert list(frame["year"]) == [2024, 2025, 2026]
    assert list(frame["renstra"]) == [18, 16, 14]
    last_year = recap(demo_store, 2025, 4).set_index("indicator_code").loc["IK05"]
    assert frame.loc[1, "realization"] == pytest.approx(last_year.realization_to_date)
    tw2 = recap(demo_store, 2026, 2).set_index("indicator_code").loc["IK05"]
    assert frame.loc[2, "realization"] == pytest.approx(tw2.realization_to_date), "this year: the latest quarter so far"


def test_a_sasaran_score_quarter_by_quarter_with_earlier_years(demo_store, settings):
    from kinerja.reporting.dashboard import score_trend

    view = View(2026, 2, goal="S2")
    scores = score_trend(demo_store, view, settings)
    assert list(zip(scores["year"], scores["quarter"], strict=True)) == [
        *((2024, q) for q in (1, 2, 3, 4)),
        *((2025, q) for q in (1, 2, 3, 4)),
        (2026, 1),
        (2026, 2),
    ], "earlier years in full, this year up to the view's quarter"
    for year, quarter, value in zip(scores["year"], scores["quarter"], scores["realization"], strict=True):
        expected = overall_score(filtered(demo_store, View(year, quarter, goal="S2"), settings))
        assert value == pytest.approx(expected)
    assert set(scores["target"]) == {100.0}
    figure = trend_chart(scores, "%", target_name="Target 100%")
    assert [t.name for t in figure.data] == ["Realisasi 2024", "Realisasi 2025", "Realisasi 2026", "Target 100%"]


def test_the_renstra_chart_names_whole_years():
    """Plotly reads '2023' as a number and ticks 2.023,5 between years: the axis holds the years as names."""
    from kinerja.reporting.charts import renstra_chart

    comparison = pd.DataFrame(
        {"year": [2024, 2025], "realization": [1.0, 2.0], "pk": [1.5, 2.5], "renstra": [2.0, 3.0]}
    )
    figure = renstra_chart(comparison, "%")
    assert figure.layout.xaxis.type == "category"
    assert list(figure.data[0].x) == ["2024", "2025"]


def test_the_budget_chart_numbers_its_bubbles_and_names_them_in_the_legend(demo_store, settings):
    """Five sasaran close together: names beside the bubbles overlapped; numbers and a legend do not."""
    from kinerja.reporting.charts import budget_quadrant
    from kinerja.reporting.dashboard import budget_vs_performance

    view = View(2026, 2)
    budget = budget_vs_performance(demo_store, view, filtered(demo_store, view, settings), settings)
    figure = budget_quadrant(budget)
    assert [t.text[0] for t in figure.data] == [str(n) for n in range(1, len(budget) + 1)]
    assert [t.name.split(" · ")[0] for t in figure.data] == [t.text[0] for t in figure.data]
    assert figure.data[0].name.replace("<br>", " ").endswith(budget["goal"].iloc[0])
    assert figure.layout.showlegend


def test_the_dashboard_narrows_to_a_branch_of_the_years_tree_and_a_shared_link_keeps_it(treeless_store):
    import datetime as dt

    from kinerja.access.sharing import create_link, shared_view
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes
    from kinerja.cascade.stored import branch_choices
    from kinerja.reporting.dashboard import View, filtered
    from kinerja.storage.settings import load_settings

    settings = load_settings(treeless_store, 2026)
    first = plan_sasaran_nodes(treeless_store, 2026)[0]
    assert branch_choices(treeless_store, 2026) == {}, "no tree yet: nothing to narrow to"
    import_cascade(treeless_store, 2026, drawn_tree(first.name), "pohon-kinerja-2026.xlsx")
    import_cascade(treeless_store, 2026, drawn_tree(first.name, tujuan="Meningkatnya usia harapan hidup"), "p.xlsx")
    assert list(branch_choices(treeless_store, 2026).items()) == [
        ("T1 · Tujuan Perangkat Daerah: Meningkatkan derajat kesehatan masyarakat", "T1"),
        ("T2 · Tujuan Perangkat Daerah: Meningkatkan tata kelola pemerintahan yang akuntabel", "T2"),
        ("T3 · Tujuan Perangkat Daerah: Meningkatnya usia harapan hidup", "T3"),
    ]
    narrowed = filtered(treeless_store, View(2026, 2, branch="T3"), settings)
    whole = filtered(treeless_store, View(2026, 2), settings)
    assert set(narrowed["goal_code"]) == {first.code} and len(narrowed) == (whole["goal_code"] == first.code).sum()
    assert filtered(treeless_store, View(2025, 2, branch="T3"), settings).empty, "2025 has no tree: its own year's"
    token = create_link(treeless_store, "Rapat tujuan", 2026, 2, branch="T3", expires_on=dt.date(2026, 12, 31))
    assert shared_view(treeless_store, token, dt.date(2026, 12, 1)).branch == "T3"


def test_the_dashboard_page_offers_the_branch_filter_in_its_link(treeless_db_path, monkeypatch):
    import streamlit as st

    from kinerja.access.roles import SYSTEM, acting_as
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes
    from kinerja.cascade.stored import sasaran_under
    from kinerja.storage.store import Store
    from tests.pages import as_account

    store = Store(treeless_db_path)
    with acting_as(SYSTEM):
        first = plan_sasaran_nodes(store, 2026)[0]
        import_cascade(store, 2026, drawn_tree(first.name), "pohon-kinerja-2026.xlsx")
        counted = recap(store, 2026, 2)["goal_code"].isin(sasaran_under(store, 2026, "T2")).sum()
    store.close()
    app = as_account(treeless_db_path, monkeypatch, "kadis").run()
    app.switch_page("views/dasbor.py")
    app.query_params["tahun"] = "2026"
    app.query_params["tw"] = "TW II"
    app.query_params["cabang_pohon"] = (
        "T2 · Tujuan Perangkat Daerah: Meningkatkan tata kelola pemerintahan yang akuntabel"
    )
    app.run()
    assert not app.exception
    assert app.selectbox(key="cabang_pohon").value.startswith("T2 · ")
    assert app.metric[2].value.endswith(f"dari {counted}")
    st.cache_resource.clear()


def test_the_budget_per_sasaran_comes_in_the_plans_order_every_time(demo_store):
    """The budget chart numbers its bubbles in the frame's order: the plan's, not the database's
    grouping of the moment (a report of a closed year redrawn must be the same report)."""
    from kinerja.reporting.dashboard import budget_vs_performance

    settings = load_settings(demo_store, 2025)
    view = View(2025, 4)
    budget = budget_vs_performance(demo_store, view, filtered(demo_store, view, settings), settings)
    order = [name for (name,) in demo_store.rows("SELECT name FROM goal WHERE level = 'sasaran' ORDER BY id")]
    assert list(budget["goal"]) == [name for name in order if name in set(budget["goal"])]
