"""The recap on the demo data, recomputed by hand from the stored quarters."""

import pandas as pd
import pytest

from kinerja.domain.recap import RECAP_COLUMNS, category_counts, overall_score, roll_up_by
from kinerja.storage.figures import recap
from kinerja.storage.settings import load_settings, office_settings
from kinerja.workflow.lock import unlock_plan
from kinerja.workflow.year_settings import change_settings


def quarters(store, code, year=2026):
    """{quarter: (value, numerator, denominator)} as stored for an indicator."""
    rows = store.rows(
        "SELECT r.quarter, r.value, r.numerator, r.denominator FROM realization_current r "
        "JOIN indicator i ON i.id = r.indicator_id WHERE i.code = ? AND r.year = ? ORDER BY r.quarter",
        [code, year],
    )
    return {q: (v, n, d) for q, v, n, d in rows}


@pytest.fixture
def tw2(demo_store):
    return recap(demo_store, 2026, 2).set_index("indicator_code")


def test_recap_has_the_public_columns_first(demo_store):
    frame = recap(demo_store, 2026, 2)
    assert list(frame.columns[: len(RECAP_COLUMNS)]) == RECAP_COLUMNS
    assert len(frame) == 23


def test_sum_negative_adds_quarters_and_their_targets(demo_store, tw2):
    q = quarters(demo_store, "IK01")
    realization = q[1][0] + q[2][0]
    row = tw2.loc["IK01"]
    assert row.target_to_date == 4  # RA 2 + 2, not the annual 8
    assert row.realization_to_date == realization
    assert row.achievement_pct == pytest.approx((2 * 4 - realization) / 4 * 100)


def test_last_negative_takes_the_latest_quarter(demo_store, tw2):
    latest = quarters(demo_store, "IK05")[2][0]
    row = tw2.loc["IK05"]
    assert (row.target_to_date, row.realization_to_date) == (15, latest)
    assert row.achievement_pct == pytest.approx((2 * 15 - latest) / 15 * 100)


def test_ratio_is_recomputed_from_counts(demo_store, tw2):
    q = quarters(demo_store, "IK03")
    ratio = (q[1][1] + q[2][1]) / (q[1][2] + q[2][2]) * 100
    assert tw2.loc["IK03"].realization_to_date == pytest.approx(ratio)
    assert tw2.loc["IK03"].achievement_pct == pytest.approx(ratio / 95 * 100)


def test_average_is_the_mean_of_quarters(demo_store, tw2):
    q = quarters(demo_store, "IK08")
    assert tw2.loc["IK08"].achievement_pct == pytest.approx((q[1][0] + q[2][0]) / 2 / 85 * 100)


def test_range_and_baseline(demo_store, tw2):
    beds = quarters(demo_store, "IK16")[2][0]
    expected = 100.0 if 60 <= beds <= 85 else (2 * 85 - beds) / 85 * 100 if beds > 85 else beds / 60 * 100
    assert tw2.loc["IK16"].achievement_pct == pytest.approx(expected)
    odf = quarters(demo_store, "IK19")[2][0]
    assert tw2.loc["IK19"].achievement_pct == pytest.approx((odf - 45) / (57 - 45) * 100)


def test_zero_target_negative(demo_store, tw2):
    cases = quarters(demo_store, "IK12")
    total = cases[1][0] + cases[2][0]
    assert tw2.loc["IK12"].achievement_pct == (100.0 if total == 0 else 0.0)


def test_annual_progress_is_against_the_pk_target(tw2):
    row = tw2.loc["IK07"]
    assert row.annual_target == 40
    assert row.annual_progress_pct == pytest.approx(row.realization_to_date / 40 * 100)


def test_score_is_capped_and_category_follows_it(demo_store, tw2):
    settings = load_settings(demo_store, 2026)
    assert (tw2["score_pct"] <= settings.score_cap).all()
    for _, row in tw2.iterrows():
        assert row.score_pct == pytest.approx(max(0, min(row.achievement_pct, 120)))


def test_roll_up_by_sasaran_is_the_mean_of_its_indicators(demo_store, tw2):
    settings = load_settings(demo_store, 2026)
    by_goal = roll_up_by(tw2.reset_index(), "goal", settings.scale).set_index("goal")
    s3 = tw2[tw2["goal"] == "Terkendalinya penyakit menular dan tidak menular"]
    assert by_goal.loc[s3["goal"].iloc[0], "score_pct"] == pytest.approx(s3["score_pct"].mean())
    assert overall_score(tw2) == pytest.approx(tw2["score_pct"].mean())
    counts = category_counts(tw2, settings.scale)
    assert counts["indicators"].sum() == 23


def test_the_deployment_picks_the_negative_formula(demo_store):
    unlock_plan(demo_store, 2026, "PK perubahan")  # TW I 2026 is final on the demo
    change_settings(demo_store, {"negative_formula": "T/R"}, 2026)
    row = recap(demo_store, 2026, 2).set_index("indicator_code").loc["IK05"]
    assert row.achievement_pct == pytest.approx(15 / row.realization_to_date * 100)


def test_unreported_quarter_is_missing_not_zero(demo_store):
    tw3 = recap(demo_store, 2026, 3)
    assert tw3["realization_to_date"].isna().all()
    assert tw3["achievement_pct"].isna().all() and tw3["category"].isna().all()
    assert (tw3["note"].str.contains("TW III")).all()
    assert overall_score(tw3) is None


def test_unit_filter_takes_the_units_below(demo_store):
    by_unit = recap(demo_store, 2026, 2, unit="SEK")
    assert set(by_unit["unit_code"]) == {"SEK", "PK"}, "the Sekretariat and its Subbagian"


def test_removing_the_demo_leaves_nothing_of_it(demo_store):
    from kinerja.demo import remove_demo

    remove_demo(demo_store)
    assert recap(demo_store, 2026, 2).empty
    for table in ("unit", "goal", "indicator", "target", "submission", "realization", "programme", "cascade_node",
                  "cascade_indicator", "cascade_link", "programme_cash_plan", "budget_realization",
                  "stored_file"):  # fmt: skip
        assert demo_store.scalar(f"SELECT count(*) FROM {table}") == 0, table
    assert office_settings(demo_store).demo_loaded is False


def test_a_plan_without_action_plan_is_measured_against_the_pk_target_every_quarter(store):
    from kinerja.collection.realization import RealizationRow, add_submission
    from kinerja.planning.editor import draft_from_frames
    from kinerja.planning.saving import save_plan

    plan = pd.DataFrame(
        [
            {
                "Sasaran Strategis": "S",
                "Kode Indikator": "D1",
                "Indikator Kinerja": "Jumlah dokumen",
                "Target": "4",
                "Polaritas": "Positif",
                "Agregasi": "Kumulatif",
                "Penanggung Jawab": "U",
            }
        ]
    )
    units = pd.DataFrame([{"Kode Unit": "U", "Nama Unit": "Unit"}])
    save_plan(store, draft_from_frames(2025, plan, units))
    with store.write() as w:
        for quarter, value in ((1, 2.0), (2, 1.0), (3, 0.0), (4, 0.5)):
            add_submission(w, "U", 2025, quarter, [RealizationRow("D1", value)], source="test")
    tw3 = recap(store, 2025, 3).iloc[0]
    assert (tw3.target_to_date, tw3.realization_to_date) == (4, 3)
    assert tw3.achievement_pct == pytest.approx(3 / 4 * 100), "to date against the annual target, said so"
    assert tw3.note == "Tanpa Rencana Aksi: capaian s.d. triwulan ini dihitung terhadap target tahunan"
    assert tw3.annual_progress_pct == pytest.approx(3 / 4 * 100)
    tw4 = recap(store, 2025, 4).iloc[0]
    assert (tw4.target_to_date, tw4.realization_to_date) == (4, 3.5)
    assert tw4.achievement_pct == pytest.approx(87.5)
