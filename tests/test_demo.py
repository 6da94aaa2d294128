"""The demo data: deterministic, and rich enough to show every rule."""

from kinerja.demo import BEHAVIOUR, YEARS, load_demo, plan_file
from kinerja.domain.recap import recap
from kinerja.planning.workbook import read_plan_file
from kinerja.storage.store import Store


def test_demo_covers_every_polarity_and_aggregation(demo_store):
    plan = demo_store.df("SELECT polarity, aggregation FROM indicator")
    assert set(plan["polarity"]) == {"positif", "negatif", "rentang"}
    assert set(plan["aggregation"]) == {"SUM", "LAST", "AVG", "RATIO"}
    assert len(plan) >= 20 and demo_store.scalar("SELECT count(*) FROM unit") >= 6
    assert demo_store.scalar("SELECT count(*) FROM goal WHERE level = 'sasaran'") >= 5


def test_demo_has_two_complete_years_and_the_current_year_to_tw2(demo_store):
    quarters = dict(demo_store.rows("SELECT year, max(quarter) FROM realization GROUP BY year"))
    assert quarters == {2024: 4, 2025: 4, 2026: 2}
    per_year = demo_store.rows("SELECT year, count(*) FROM realization GROUP BY year ORDER BY year")
    assert per_year == [(2024, 4 * len(BEHAVIOUR)), (2025, 4 * len(BEHAVIOUR)), (2026, 2 * len(BEHAVIOUR))]
    assert demo_store.scalar("SELECT count(*) FROM budget_realization") > 0
    assert demo_store.scalar("SELECT count(*) FROM realization WHERE obstacles IS NOT NULL") > 0


def test_demo_is_deterministic(demo_store, tmp_path):
    other = Store(tmp_path / "lagi.duckdb")
    load_demo(other)
    assert recap(other, 2026, 2).equals(recap(demo_store, 2026, 2))
    other.close()


def test_demo_spans_several_categories(demo_store):
    categories = set(recap(demo_store, 2026, 2)["category"].dropna())
    assert len(categories) >= 3


def test_the_demo_plan_is_a_workbook_a_planner_could_upload():
    """The demo's indicators are data, read by the import planners use; each behaves as written here."""
    for year in YEARS:
        draft = read_plan_file(plan_file(year).read_bytes(), plan_file(year).name)
        assert draft.errors == [] and draft.year == year
        assert [row.code for row in draft.rows] == list(BEHAVIOUR), "every indicator has its behaviour, in order"
        assert {u.code for u in draft.units} >= {"DINKES", "KESMAS", "P2P", "YANKES", "SDK"}
        assert len(draft.programmes) == 5
