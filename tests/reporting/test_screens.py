"""A leader's screen at any scale (kinerja.reporting.screens): codes in numeric order, long lists
capped with the rest counted so every total reconciles, a province's sasaran under their units,
the at-risk indicators named, and why an indicator below target is not at risk."""

import numpy as np
import pandas as pd
import pytest

from kinerja.domain.achievement import DEFAULT_SCALE
from kinerja.domain.recap import pace_summary, roll_up_by
from kinerja.reporting import screens
from kinerja.reporting.dashboard import View, filtered, projections
from kinerja.storage.settings import load_settings


def test_codes_read_their_numbers_as_numbers():
    names = ["Sasaran 10", "Sasaran 2", "Sasaran 100", "sasaran 1", "Sasaran 11", "Sasaran 101"]
    assert sorted(names, key=screens.code_key) == [
        "sasaran 1",
        "Sasaran 2",
        "Sasaran 10",
        "Sasaran 11",
        "Sasaran 100",
        "Sasaran 101",
    ]
    assert sorted(["IK02.10", "IK02.2", "IK1", "S10", "S9"], key=screens.code_key) == [
        "IK1",
        "IK02.2",
        "IK02.10",
        "S9",
        "S10",
    ]


def test_a_frame_in_code_order_and_by_score():
    frame = pd.DataFrame({"code": ["S10", "S2", "S1", "S3"], "score_pct": [50.0, np.nan, 50.0, 20.0]})
    assert list(screens.in_code_order(frame, "code")["code"]) == ["S1", "S2", "S3", "S10"]
    # lowest first, equal scores in code order, no score last
    assert list(screens.worst_first(frame, "code")["code"]) == ["S3", "S1", "S10", "S2"]


def _goals(n: int, unscored: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    scores = rng.uniform(40, 110, n)
    scores[:unscored] = np.nan
    return pd.DataFrame(
        {
            "goal": [f"Sasaran {i}" for i in range(1, n + 1)],
            "score_pct": scores,
            "indicators": rng.integers(1, 20, n),
        }
    )


def test_a_long_list_is_capped_to_its_lowest_and_highest_and_the_rest_reconciles():
    frame = _goals(180, unscored=7)
    cut = screens.capped(frame, "goal", lowest=15, highest=5)
    assert cut.is_cut and (len(cut.shown), len(cut.hidden), cut.total) == (20, 160, 180)
    scored = frame["score_pct"].dropna().sort_values()
    assert list(cut.shown["score_pct"]) == [*scored.head(15), *scored.tail(5)]
    assert set(cut.shown["goal"]) | set(cut.hidden["goal"]) == set(frame["goal"])  # every row, once
    assert int(cut.shown["indicators"].sum() + cut.hidden["indicators"].sum()) == int(frame["indicators"].sum())
    words = cut.words("sasaran", indicators="indicators")
    hidden_indicators = f"{int(cut.hidden['indicators'].sum()):,}".replace(",", ".")
    assert words.startswith("Ditampilkan 15 terendah dan 5 tertinggi dari 180 sasaran; 160 sasaran lainnya")
    assert f"({hidden_indicators} indikator)" in words
    assert "7 belum ada data" in words, "the rows without a score are counted, not lost"
    assert cut.title("sasaran") == "15 terendah dan 5 tertinggi dari 180 sasaran"


def test_a_list_that_fits_is_shown_whole_and_says_nothing_hidden():
    frame = _goals(12)
    cut = screens.capped(frame, "goal", lowest=15, highest=5)
    assert not cut.is_cut and len(cut.shown) == 12 and cut.words("sasaran") is None
    assert cut.title("sasaran") == "12 sasaran"


def test_a_capped_list_just_over_the_cap_shows_distinct_rows():
    cut = screens.capped(_goals(21), "goal", lowest=15, highest=5)
    assert len(cut.shown) == 20 and cut.shown["goal"].is_unique and len(cut.hidden) == 1


def test_sasaran_are_grouped_under_the_unit_holding_most_of_their_indicators():
    frame = pd.DataFrame(
        {
            "goal": ["Sasaran 10", "Sasaran 10", "Sasaran 10", "Sasaran 2", "Sasaran 2", "Sasaran 1"],
            "goal_code": ["S10", "S10", "S10", "S2", "S2", "S1"],
            "unit_code": ["U10", "U2", "U2", "U10", "U2", "U10"],
            "score_pct": [80.0, 90.0, 70.0, 60.0, 100.0, 50.0],
            "weight": [1.0] * 6,
            "realization_to_date": [1.0] * 6,
        }
    )
    assert screens.lead_units(frame).to_dict() == {"Sasaran 1": "U10", "Sasaran 10": "U2", "Sasaran 2": "U2"}
    rollup = roll_up_by(frame, "goal", DEFAULT_SCALE)
    rollup["goal_code"] = rollup["goal"].map({"Sasaran 10": "S10", "Sasaran 2": "S2", "Sasaran 1": "S1"})
    grouped = screens.group_by_unit(rollup, frame, {"U2": "Dinas Dua", "U10": "Dinas Sepuluh"})
    # units in code order (U2 before U10), each unit's sasaran in code order
    assert list(grouped["label"]) == ["Dinas Dua · Sasaran 2", "Dinas Dua · Sasaran 10", "Dinas Sepuluh · Sasaran 1"]
    assert grouped["indicators"].sum() == len(frame)


@pytest.fixture
def demo_view(demo_store):
    settings = load_settings(demo_store, 2026)
    view = View(2026, 2)
    frame = filtered(demo_store, view, settings)
    return frame, projections(demo_store, view, frame, settings), settings


def test_the_risk_line_names_the_at_risk_indicators_and_counts_those_below_target_but_safe(demo_view):
    frame, projected, settings = demo_view
    risky = screens.at_risk(projected, frame)
    assert list(risky["indicator_code"]) == ["IK13"]
    assert risky["unit_code"].iloc[0] == "P2P"
    label = screens.risk_label("IK13", risky["indicator_name"].iloc[0], risky["projected_score"].iloc[0])
    assert label.startswith("IK13 · Persentase penderita hipertensi") and "(proyeksi 64,4%)" in label
    safe = screens.below_target_not_at_risk(projected, frame)
    assert "IK13" not in set(safe["indicator_code"]) and (safe["projected_score"] >= settings.risk_threshold).all()
    sentence = screens.risk_headline(projected, frame, settings)
    assert sentence.startswith("1 dari 23 indikator berisiko. Berisiko = proyeksi skor akhir tahun di bawah 76%")
    assert f"{len(safe)} indikator lain di bawah target tetapi tidak berisiko" in sentence


def test_an_indicator_below_target_says_why_it_is_not_at_risk(demo_view):
    frame, projected, settings = demo_view
    safe = screens.below_target_not_at_risk(projected, frame)
    code = safe["indicator_code"].iloc[0]
    record = frame.set_index("indicator_code").loc[code].to_dict()
    projection = projected.set_index("indicator_code").loc[code].to_dict()
    reading = screens.risk_reading(record, projection, 2, settings)
    assert reading.startswith("Di bawah target s.d. TW II (capaian ")
    assert "tetapi tidak berisiko: proyeksi skor akhir tahun" in reading and "tidak di bawah batas 76%" in reading
    risky = projected.set_index("indicator_code").loc["IK13"].to_dict()
    assert (
        screens.risk_reading({}, risky, 2, settings) == "Berisiko: proyeksi skor akhir tahun 64,4%, di bawah batas 76%."
    )
    assert "belum dapat dihitung" in screens.risk_reading({}, None, 2, settings)


def test_a_synthetic_projection_of_94_percent_is_not_at_risk_and_says_so(demo_view):
    _, _, settings = demo_view
    reading = screens.risk_reading({"achievement_pct": 62.0}, {"projected_score": 94.0}, 3, settings)
    assert reading == (
        "Di bawah target s.d. TW III (capaian 62,0%), tetapi tidak berisiko: "
        "proyeksi skor akhir tahun 94,0%, tidak di bawah batas 76%."
    )


def test_pace_summary_names_a_few_and_counts_the_rest(demo_view):
    frame, _, _ = demo_view
    whole = pace_summary(frame)
    assert pace_summary(frame, limit=5) == whole, "under the limit nothing changes"
    many = pd.concat([frame] * 4, ignore_index=True)
    many["indicator_code"] = [f"X{i}" for i in range(len(many))]
    capped = pace_summary(many, limit=1)
    assert "lainnya)" in capped and capped.count("X") < pace_summary(many).count("X")


def test_meeting_screens_go_round_and_say_completeness():
    assert [screens.next_screen(i, 7) for i in (0, 5, 6)] == [1, 6, 0]
    assert screens.next_screen(0, 7, -1) == 6
    assert screens.completeness_words(2350, 2400) == "2.350 dari 2.400 indikator berdata (98%)"
    assert screens.named(["IK01", "IK02", "IK03"], 2) == "IK01, IK02 dan 1 lainnya"
