"""Every achievement formula and edge case of DOMAIN.md, as tables."""

import math

import numpy as np
import pytest

from kinerja.domain.achievement import (
    DEFAULT_SCALE,
    Aggregation,
    Band,
    NegativeFormula,
    Polarity,
    QuarterFigure,
    Target,
    achievement,
    achievement_array,
    category,
    project_year_end,
    realization_to_date,
    roll_up,
    score,
    target_to_date,
    to_date,
)

POS, NEG, RANGE = Polarity.POSITIVE, Polarity.NEGATIVE, Polarity.RANGE
DIFF, INV = NegativeFormula.DIFFERENCE, NegativeFormula.INVERSE
SUM, LAST, AVG, RATIO = Aggregation.SUM, Aggregation.LAST, Aggregation.AVG, Aggregation.RATIO


def T(low, high=None):
    return Target(low, high)


def F(value=None, numerator=None, denominator=None):
    return QuarterFigure(value, numerator, denominator)


ACHIEVEMENT_CASES = [
    ("positive: R / T", 85, T(100), POS, DIFF, None, 85.0),
    ("positive above target", 120, T(80), POS, DIFF, None, 150.0),
    ("negative (2T−R)/T, better than target", 8, T(10), NEG, DIFF, None, 120.0),
    ("negative (2T−R)/T, worse than target", 12, T(10), NEG, DIFF, None, 80.0),
    ("negative with R = 0 is 200% under (a), not 0%", 0, T(10), NEG, DIFF, None, 200.0),
    ("negative with R = T is exactly 100% under (a)", 14.3, T(14.3), NEG, DIFF, None, 100.0),
    ("negative with R = T is exactly 100% under (b)", 14.3, T(14.3), NEG, INV, None, 100.0),
    ("negative T / R", 8, T(10), NEG, INV, None, 125.0),
    ("negative T / R, worse", 12.5, T(10), NEG, INV, None, 80.0),
    ("negative T / R with R = 0 is unbounded", 0, T(10), NEG, INV, None, math.inf),
    ("negative (2T−R)/T far worse goes below zero", 25, T(10), NEG, DIFF, None, -50.0),
    ("range: inside is 100", 85, T(80, 90), RANGE, DIFF, None, 100.0),
    ("range: on the lower bound is 100", 80, T(80, 90), RANGE, DIFF, None, 100.0),
    ("range: on the upper bound is 100", 90, T(80, 90), RANGE, DIFF, None, 100.0),
    ("range: below uses the lower bound", 72, T(80, 90), RANGE, DIFF, None, 90.0),
    ("range: above uses the upper bound", 99, T(80, 90), RANGE, DIFF, None, 90.0),
    ("range: above, with T / R", 99, T(80, 90), RANGE, INV, None, 90 / 99 * 100),
    ("baseline: (R − B)/(T − B)", 55, T(60), POS, DIFF, 45, 200 / 3),
    ("baseline, falling indicator", 9, T(8), NEG, DIFF, 10, 50.0),
    ("baseline reached exactly", 60, T(60), POS, DIFF, 45, 100.0),
    ("baseline equal to target is undefined", 60, T(45), POS, DIFF, 45, None),
    ("T = 0, positive: undefined", 5, T(0), POS, DIFF, None, None),
    ("T = 0, negative with R = 0: 100", 0, T(0), NEG, DIFF, None, 100.0),
    ("T = 0, negative with R > 0: 0", 3, T(0), NEG, DIFF, None, 0.0),
    ("T = 0, negative with R = 0 under T / R: 100", 0, T(0), NEG, INV, None, 100.0),
    ("R missing is not 0: undefined", None, T(10), POS, DIFF, None, None),
    ("R missing, negative: undefined, not 200%", None, T(10), NEG, DIFF, None, None),
    ("target missing: undefined", 10, None, POS, DIFF, None, None),
    ("a plain number as target", 45, 50, POS, DIFF, None, 90.0),
]


@pytest.mark.parametrize(
    ("case", "realization", "target", "polarity", "formula", "baseline", "expected"), ACHIEVEMENT_CASES
)
def test_achievement(case, realization, target, polarity, formula, baseline, expected):
    result = achievement(realization, target, polarity, formula, baseline)
    if expected is None:
        assert result is None, case
    elif math.isinf(expected):
        assert math.isinf(result), case
    else:
        assert result == pytest.approx(expected), case


def test_one_call_over_every_row_gives_each_row_its_own_result():
    """The recap computes all indicators in one call: no row's rule may leak into its neighbour's."""
    cases = [c for c in ACHIEVEMENT_CASES if c[1] is not None and c[2] is not None and c[4] is DIFF]
    targets = [t if isinstance(t, Target) else Target(t) for _, _, t, _, _, _, _ in cases]
    result = achievement_array(
        np.array([c[1] for c in cases], dtype=float),
        np.array([t.low for t in targets]),
        np.array([np.nan if t.high is None else t.high for t in targets]),
        np.array([c[3] for c in cases]),
        DIFF,
        np.array([np.nan if c[5] is None else c[5] for c in cases]),
    )
    for (case, *_, expected), found in zip(cases, result, strict=True):
        assert np.isnan(found) if expected is None else found == pytest.approx(expected), case


@pytest.mark.parametrize(
    ("raw", "cap", "expected"),
    [
        (85.0, 120, 85.0),
        (150.0, 120, 120.0),
        (200.0, 120, 120.0),
        (200.0, 150, 150.0),
        (-50.0, 120, 0.0),
        (math.inf, 120, 120.0),
        (None, 120, None),
        (float("nan"), 120, None),
    ],
)
def test_score_is_capped_raw_is_kept(raw, cap, expected):
    assert score(raw, cap) == expected


@pytest.mark.parametrize(
    ("case", "aggregation", "figures", "quarter", "expected", "missing"),
    [
        ("SUM adds the quarters", SUM, [F(10), F(20), F(5)], 3, 35.0, ()),
        ("LAST is the latest quarter, not the highest", LAST, [F(80), F(95), F(70)], 3, 70.0, ()),
        ("AVG is the mean of the quarters", AVG, [F(80), F(90)], 2, 85.0, ()),
        (
            "RATIO is Σnum/Σden, never the mean of percentages",
            RATIO,
            [F(numerator=90, denominator=100), F(numerator=10, denominator=50)],
            2,
            100 / 150 * 100,
            (),
        ),
        ("SUM with a quarter not reported is undefined", SUM, [F(10), None, F(5)], 3, None, (2,)),
        ("LAST not reported this quarter is undefined", LAST, [F(80), F(95), None], 3, None, (3,)),
        ("LAST ignores earlier gaps", LAST, [None, F(95)], 2, 95.0, ()),
        ("AVG with a gap is undefined", AVG, [F(80), None], 2, None, (2,)),
        (
            "RATIO with a quarter reported as a percentage is that quarter's own percentage",
            RATIO,
            [F(numerator=9, denominator=10), F(value=93)],
            2,
            93.0,
            (),
        ),
        ("RATIO reported as percentages is the latest quarter's", RATIO, [F(90.4), F(94.15), F(93)], 3, 93.0, ()),
        (
            "RATIO whose latest quarter has counts after a percentage takes the counts' percentage",
            RATIO,
            [F(90.4), F(numerator=9, denominator=10)],
            2,
            90.0,
            (),
        ),
        ("RATIO as percentages with a quarter not reported is undefined", RATIO, [None, F(94)], 2, None, (1,)),
        ("RATIO not reported at all is undefined", RATIO, [None, None], 2, None, (1, 2)),
        ("RATIO with zero denominators is undefined", RATIO, [F(numerator=0, denominator=0)], 1, None, ()),
        ("TW I alone", SUM, [F(7)], 1, 7.0, ()),
    ],
)
def test_realization_to_date(case, aggregation, figures, quarter, expected, missing):
    value, gaps = realization_to_date(aggregation, figures, quarter)
    assert value == (pytest.approx(expected) if expected is not None else None), case
    assert gaps == missing, case


def test_sum_counts_an_unreported_quarter_as_zero_only_where_nothing_was_planned():
    planned = [T(1), T(0), T(0), T(1)]
    assert realization_to_date(SUM, [F(1), None, None], 3, planned) == (1.0, ())
    assert realization_to_date(SUM, [None, None, F(1)], 3, planned) == (None, (1,))


@pytest.mark.parametrize(
    ("case", "aggregation", "quarter_targets", "quarter", "expected"),
    [
        (
            "SUM target to date is the sum of RA targets, not the annual target",
            SUM,
            [T(10), T(20), T(30), T(40)],
            2,
            T(30),
        ),
        ("LAST target is the quarter's own, never summed", LAST, [T(80), T(85), T(88), T(90)], 2, T(85)),
        ("AVG target is the mean", AVG, [T(80), T(90), T(100), T(90)], 3, T(90)),
        ("RATIO target is the quarter's own", RATIO, [T(90), T(92), T(94), T(95)], 3, T(94)),
        ("SUM of ranges adds both bounds", SUM, [T(1, 2), T(3, 4), T(0), T(0)], 2, T(4, 6)),
        ("LAST range", LAST, [T(60, 85), T(60, 85), T(60, 85), T(60, 85)], 4, T(60, 85)),
        ("a missing RA target leaves SUM undefined", SUM, [T(10), None, T(30), T(40)], 3, None),
        ("a missing RA target of the quarter leaves LAST undefined", LAST, [T(10), T(20), None, T(40)], 3, None),
    ],
)
def test_target_to_date(case, aggregation, quarter_targets, quarter, expected):
    assert target_to_date(aggregation, quarter_targets, quarter) == expected, case


def test_a_zero_target_of_a_negative_indicator_still_expects_a_report():
    zero_cases = [T(0)] * 4
    assert to_date(SUM, [F(0), None], zero_cases, 2, POS).realization == 0.0
    negative = to_date(SUM, [F(0), None], zero_cases, 2, NEG)
    assert negative.realization is None and negative.missing_quarters == (2,)


def test_a_ratio_reported_as_percentages_says_how_it_is_measured():
    found = to_date(RATIO, [F(90.4), F(94.15)], [T(90), T(95), T(95), T(95)], 2)
    assert found.realization == pytest.approx(94.15)
    assert found.note.startswith("Rasio dilaporkan sebagai persentase tanpa pembilang dan penyebut")
    assert "persentase TW II yang dilaporkan" in found.note
    counted = to_date(RATIO, [F(numerator=9, denominator=10)] * 2, [T(90)] * 4, 2)
    assert counted.note == "" and counted.realization == pytest.approx(90.0)


def test_to_date_explains_what_is_missing():
    result = to_date(SUM, [F(1), None], [T(1), T(1), T(1), T(1)], 2)
    assert result.realization is None
    assert result.note == "Belum dilaporkan: TW II"


def test_quarter_must_be_one_to_four():
    with pytest.raises(ValueError, match="triwulan"):
        target_to_date(SUM, [T(1)] * 4, 5)


@pytest.mark.parametrize(
    ("case", "aggregation", "figures", "quarter", "history", "expected"),
    [
        ("SUM pro rata without history", SUM, [F(10), F(10)], 2, [], 40.0),
        (
            "SUM follows earlier years' seasonality",
            SUM,
            [F(10), F(10)],
            2,
            [[F(10), F(10), F(30), F(50)], [F(5), F(5), F(15), F(25)]],
            20 / 0.2,
        ),
        ("LAST extends the linear trend", LAST, [F(50), F(55), F(60)], 3, [], 65.0),
        ("LAST with one quarter stays", LAST, [F(50)], 1, [], 50.0),
        ("LAST's trend runs through the quarters' real places", LAST, [F(50), None, F(60)], 3, [], 65.0),
        ("LAST by earlier years' growth to TW IV", LAST, [F(50), F(60)], 2, [[F(40), F(50), F(55), F(60)]], 72.0),
        ("AVG with the trend for the rest", AVG, [F(80), F(90)], 2, [], (80 + 90 + 100 + 110) / 4),
        ("RATIO keeps the ratio so far", RATIO, [F(numerator=45, denominator=50)], 1, [], 90.0),
        ("at TW IV the projection is the year", SUM, [F(1), F(2), F(3), F(4)], 4, [], 10.0),
        ("nothing reported: no projection", SUM, [None], 1, [], None),
    ],
)
def test_project_year_end(case, aggregation, figures, quarter, history, expected):
    result = project_year_end(aggregation, figures, quarter, history)
    assert result == (pytest.approx(expected) if expected is not None else None), case


@pytest.mark.parametrize(
    ("case", "scores", "expected"),
    [
        ("mean of capped scores", [(80, 1), (100, 1), (120, 1)], 100.0),
        ("weighted", [(80, 3), (120, 1)], 90.0),
        ("undefined scores left out", [(80, 1), (None, 1), (float("nan"), 2)], 80.0),
        ("missing weight counts as 1", [(80, None), (100, 1)], 90.0),
        ("nothing defined", [(None, 1)], None),
        ("zero weights only", [(80, 0)], None),
    ],
)
def test_roll_up(case, scores, expected):
    assert roll_up(scores) == (pytest.approx(expected) if expected is not None else None), case


def test_roll_up_is_never_an_average_of_averages():
    sasaran_a = [(100, 1), (100, 1), (100, 1)]
    sasaran_b = [(40, 1)]
    unit = roll_up(sasaran_a + sasaran_b)
    average_of_averages = (roll_up(sasaran_a) + roll_up(sasaran_b)) / 2
    assert unit == pytest.approx(85.0)
    assert average_of_averages == pytest.approx(70.0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (120, "Sangat Tinggi"),
        (91, "Sangat Tinggi"),
        (90.9, "Tinggi"),
        (76, "Tinggi"),
        (75.5, "Sedang"),
        (66, "Sedang"),
        (65, "Rendah"),
        (51, "Rendah"),
        (50.9, "Sangat Rendah"),
        (0, "Sangat Rendah"),
        (None, None),
    ],
)
def test_default_categories(value, expected):
    assert category(value, DEFAULT_SCALE) == expected


def test_categories_follow_a_configured_scale():
    six_bands = [
        Band(90, "Sangat Baik", "#000"),
        Band(80, "Baik", "#111"),
        Band(70, "Cukup", "#222"),
        Band(60, "Kurang", "#333"),
        Band(50, "Sangat Kurang", "#444"),
        Band(float("-inf"), "Buruk", "#555"),
    ]
    assert category(85, six_bands) == "Baik"
    assert category(10, six_bands) == "Buruk"
