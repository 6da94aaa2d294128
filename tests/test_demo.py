"""The demo data: deterministic, and rich enough to show every rule."""

import datetime as dt
from pathlib import Path

import kinerja.demo as demo_module
from kinerja.demo import BEHAVIOUR, YEARS, load_demo, plan_file, tree_file
from kinerja.planning.workbook import read_plan_file
from kinerja.storage.figures import recap
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


def test_the_demo_tree_is_a_kertas_kerja_under_data_demo_read_as_a_planner_would(demo_store):
    from kinerja.cascade.kinds import FileKind, file_kind

    assert tree_file().parent == plan_file(2026).parent and tree_file().suffix == ".xlsx"
    assert file_kind(tree_file().read_bytes(), tree_file().name).kinds[0] is FileKind.KERTAS_KERJA
    assert demo_store.scalar("SELECT count(*) FROM cascade_node WHERE year = 2026 AND demo") > 20


def test_the_demo_review_history_goes_through_the_review_steps(demo_store):
    """No raw INSERT past workflow.review's rules: the demo's history is its steps, each audited at its time."""
    source = (Path(demo_module.__file__)).read_text(encoding="utf-8")
    assert "INSERT INTO review_event" not in source and "INSERT INTO report_event" not in source
    steps = demo_store.rows(
        "SELECT e.state, e.actor, e.happened_at FROM review_event e JOIN unit u ON u.id = e.unit_id "
        "WHERE u.code = 'P2P' AND e.year = 2026 AND e.quarter = 2 ORDER BY e.id"
    )
    assert [(s, a) for s, a, _ in steps] == [
        ("draft", "operator.p2p"),
        ("submitted", "operator.p2p"),
        ("returned", "sekretaris"),
    ]
    assert steps[2][2] - steps[0][2] == dt.timedelta(days=2)
    audited = demo_store.rows(
        "SELECT happened_at FROM audit_log WHERE action = 'status.returned' AND entity = 'P2P TW II 2026'"
    )
    assert audited == [(steps[2][2],)]
    finals = demo_store.rows("SELECT year, quarter FROM report_event WHERE state = 'final' ORDER BY year, quarter")
    assert finals == [(y, q) for y in (2024, 2025) for q in (0, 1, 2, 3, 4)] + [(2026, 1)]


def test_the_demo_units_send_their_filled_templates_through_the_upload(demo_store):
    """Every demo quarter is a unit's own template, filled and uploaded as its operator would: kept as
    the original file, saved by the one upload use case at the time it was sent, and audited so."""
    from kinerja.collection.datafile import Period
    from kinerja.collection.template import template_file_name
    from kinerja.collection.upload import check_upload, read_upload

    source = (Path(demo_module.__file__)).read_text(encoding="utf-8")
    assert "add_submission" not in source, "no figure written past the upload's checks"
    sent = demo_store.rows(
        "SELECT u.code, s.year, s.quarter, s.source, s.file_name, s.created_by, s.created_at, f.content "
        "FROM submission s JOIN unit u ON u.id = s.unit_id JOIN stored_file f ON f.sha256 = s.file_sha256 "
        "ORDER BY s.created_at"
    )
    assert len(sent) == demo_store.scalar("SELECT count(*) FROM submission") == 8 * 10  # units × quarters
    for unit, year, quarter, origin, name, by, _, content in sent:
        assert (origin, name, by) == ("template", template_file_name(unit, year, quarter), f"operator.{unit.lower()}")
        again = check_upload(demo_store, read_upload(demo_store, content, name, Period(year, quarter, unit)))
        assert (again.rows, again.budget, again.errors) == ([], [], []), name  # every figure as it was stored
    audited = demo_store.rows("SELECT actor, happened_at FROM audit_log WHERE action = 'data.unggah' ORDER BY 2")
    assert audited == [(by, at) for _, _, _, _, _, by, at, _ in sent]
    spent = demo_store.scalar("SELECT count(*) FROM budget_realization b JOIN submission s ON s.id = b.submission_id")
    assert spent == 5 * 10, (
        "five programmes each quarter: the programmes' spending came in the same files, on their Anggaran sheet"
    )
