"""Chart functions on small fixed data: the right bars, colours and words."""

import pandas as pd

from kinerja.domain.achievement import DEFAULT_SCALE
from kinerja.domain.recap import category_counts as count_by_category
from kinerja.reporting.charts import achievement_by_goal, category_counts

ROLLUP = pd.DataFrame(
    {
        "goal": ["Sasaran A", "Sasaran B", "Sasaran C"],
        "score_pct": [95.5, 60.0, None],
        "category": ["Sangat Tinggi", "Rendah", None],
        "indicators": [3, 2, 1],
        "reported": [3, 2, 0],
    }
)


def test_achievement_by_goal_colours_bars_by_category_with_the_target_line():
    figure = achievement_by_goal(ROLLUP, DEFAULT_SCALE, title="Capaian per sasaran")
    bar = figure.data[0]
    names = [(a.y, a.text) for a in figure.layout.annotations if a.yref == "y"]
    assert [text for _, text in sorted(names)] == ["Sasaran C", "Sasaran B", "Sasaran A"], "the first sasaran on top"
    assert list(bar.y) == [0, 1, 2] and list(bar.x) == [0, 60.0, 95.5]
    assert list(bar.marker.color) == ["#BBBBBB", "#E69F00", "#0072B2"]
    assert list(bar.marker.pattern.shape) == ["", "/", ""], "Rendah hatched: same grey as Tinggi in print"
    assert list(bar.text) == ["belum ada data", "60,0% · Rendah", "95,5% · Sangat Tinggi"]
    assert list(bar.textposition) == ["outside", "outside", "inside"], "text after a hatched bar, not on it"
    assert figure.layout.separators == ",."
    assert figure.layout.shapes[0].x0 == 100, "the 100% target line"


def test_category_counts_in_the_scale_order():
    recap = pd.DataFrame({"category": ["Tinggi", "Tinggi", "Sedang", None]})
    counts = count_by_category(recap, DEFAULT_SCALE)
    assert list(counts["indicators"]) == [0, 2, 1, 0, 0, 1]
    figure = category_counts(counts)
    assert list(figure.data[0].x)[-1] == "Belum ada data"
