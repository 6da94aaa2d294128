"""Chart functions on small fixed data: the right bars, colours and words."""

import pandas as pd

from kinerja.domain.achievement import DEFAULT_SCALE
from kinerja.domain.recap import category_counts as count_by_category
from kinerja.reporting.charts import (
    achievement_by_goal,
    budget_quadrant,
    category_counts,
    indicators_worst_first,
    projection_chart,
    trend_chart,
)

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
    names = [(a.y, a.text) for a in figure.layout.annotations if a.yref == "y" and a.yanchor == "bottom"]
    assert [text for _, text in sorted(names)] == ["Sasaran C", "Sasaran B", "Sasaran A"], "the first sasaran on top"
    assert list(bar.y) == [0, 1, 2] and list(bar.x) == [0, 60.0, 95.5]
    assert list(bar.marker.color) == ["#BBBBBB", "#E69F00", "#0072B2"]
    assert list(bar.marker.pattern.shape) == ["", "/", ""], "Rendah hatched: same grey as Tinggi in print"
    assert list(bar.text) == ["", "", "95,5% · Sangat Tinggi"], "on a long plain bar"
    after = sorted((a.y, a.text) for a in figure.layout.annotations if a.xshift)
    assert after == [(0, "belum ada data"), (1, "60,0% · Rendah")], "after a hatched bar, not on it"
    assert figure.layout.separators == ",."
    assert figure.layout.shapes[0].x0 == 100, "the 100% target line"


def test_category_counts_in_the_scale_order():
    recap = pd.DataFrame({"category": ["Tinggi", "Tinggi", "Sedang", None]})
    counts = count_by_category(recap, DEFAULT_SCALE)
    assert list(counts["indicators"]) == [0, 2, 1, 0, 0, 1]
    figure = category_counts(counts)
    assert list(figure.data[0].x)[-1] == "Belum<br>ada data"


# --- right on screen and on paper (issue 28 item 3) --------------------------------------------------


def _trend(years):
    rows = [
        {"year": y, "label": f"TW {q}", "realization": 2400.0 * q + y % 10, "target": 2500.0 * q}
        for y in years
        for q in (1, 2, 3, 4)
    ]
    return pd.DataFrame(rows)


def test_each_year_of_a_trend_is_drawn_its_own_way():
    """2024 and 2025 beside 2026: no two years share a colour, a dash or a marker, nor the target's."""
    figure = trend_chart(_trend([2022, 2023, 2024, 2025, 2026]), "orang")
    years = [t for t in figure.data if t.name.startswith("Realisasi")]
    assert [t.name for t in years] == [f"Realisasi {y}" for y in (2022, 2023, 2024, 2025, 2026)]
    styles = [(t.line.color, t.line.dash, t.marker.symbol) for t in years]
    target = figure.data[-1]
    assert len({s[0] for s in styles} | {target.line.color}) == 6, "a colour each, none the target's"
    assert len({s[1] for s in styles}) >= 4 and len({s[2] for s in styles}) == 5
    assert styles[-1] == ("#0072B2", "solid", "circle"), "the current year solid blue"
    assert years[-1].customdata[0] == "2.406" and target.customdata[-1] == "10.000", "Babel's numbers in the hover"


def test_no_line_crosses_a_label_and_every_line_lies_between_grid_and_bars():
    """The target and threshold lines run under the bars; a label after a short bar sits on white."""
    projection = pd.DataFrame(
        {
            "indicator_code": ["IK01", "IK02", "IK03"],
            "indicator_name": ["Satu", "Dua", "Tiga"],
            "projected_score": [70.0, 98.0, 130.0],
            "at_risk": [True, False, False],
        }
    )
    frame = pd.DataFrame(
        {
            "indicator_code": ["IK01", "IK02"],
            "indicator_name": ["Satu", "Dua"],
            "score_pct": [40.0, 99.0],
            "category": ["Sangat Rendah", "Sangat Tinggi"],
            "realization_to_date": [2400.0, 99.0],
            "target_to_date": [6000.0, 100.0],
            "measure_unit": ["orang", "%"],
        }
    )
    for figure in (
        achievement_by_goal(ROLLUP, DEFAULT_SCALE),
        projection_chart(projection, threshold=76),
        indicators_worst_first(frame, DEFAULT_SCALE),
    ):
        assert figure.layout.shapes, "the chart has its lines"
        for shape in figure.layout.shapes:
            assert shape.layer == "between" and shape.xref == "x" and shape.yref == "y", "drawn under the traces"
        for label in figure.layout.annotations:
            if label.yref == "y":  # a name above a bar or a value after it: opaque, the line passes under
                assert label.bgcolor == "white"
        assert not any(t.textposition == "outside" for t in figure.data), "no trace text a line could cross"
    top = projection_chart(projection, threshold=76).layout.xaxis.range[1]
    assert top >= 130 + 40, "room after the longest bar for its label"


def test_every_charts_whole_figure_passes_plotlys_own_checks():
    """Annotations are added unchecked for speed (``charts._annotate``): each chart's figure, built
    again from its JSON by Plotly with every property checked, is the same figure."""
    import plotly.graph_objects as go

    projection = pd.DataFrame(
        {"indicator_code": ["IK01", "IK02"], "indicator_name": ["Satu", "Dua"], "projected_score": [70.0, 98.0],
         "at_risk": [True, False]}
    )  # fmt: skip
    frame = pd.DataFrame(
        {"indicator_code": ["IK01", "IK02"], "indicator_name": ["Satu", "Dua"], "score_pct": [40.0, 99.0],
         "category": ["Sangat Rendah", "Sangat Tinggi"], "realization_to_date": [2400.0, 99.0],
         "target_to_date": [6000.0, 100.0], "measure_unit": ["orang", "%"]}
    )  # fmt: skip
    for figure in (
        achievement_by_goal(ROLLUP, DEFAULT_SCALE),
        projection_chart(projection, threshold=76),
        indicators_worst_first(frame, DEFAULT_SCALE),
    ):
        checked = go.Figure(figure.to_plotly_json())  # raises on any property Plotly does not know
        assert checked.to_plotly_json() == figure.to_plotly_json()


def test_tick_labels_and_axis_titles_have_room_and_numbers_are_babels():
    counts = pd.DataFrame(
        {"category": ["Sangat Tinggi", "Belum ada data"], "indicators": [2400, 16], "color": ["#0072B2", "#BBBBBB"]}
    )
    figure = category_counts(counts)
    assert figure.layout.yaxis.automargin and figure.layout.xaxis.automargin, "the margin grows to hold '16'"
    assert figure.layout.yaxis.tickformat == ",~r", "axis numbers grouped: 2.400"
    assert list(figure.data[0].text) == ["2.400", "16"]
    assert list(figure.data[0].x) == ["Sangat<br>Tinggi", "Belum<br>ada data"], "level, on two lines"
    assert figure.layout.xaxis.tickangle == 0
    rollup = ROLLUP.assign(indicators=[2400, 2, 1], reported=[2400, 2, 0])
    hover = achievement_by_goal(rollup, DEFAULT_SCALE).data[0].customdata
    assert list(hover[-1][:2]) == ["2.400", "2.400"], "'2.400 dari 2.400', not '2400 dari 2400'"


def test_the_budget_chart_spans_its_sasaran_and_keeps_numbers_apart():
    budget = pd.DataFrame(
        {
            "goal": ["A", "B", "C", "D <b>x</b>"],
            "score_pct": [98.0, 96.0, 95.0, 65.0],
            "absorption_pct": [88.0, 88.0, 86.0, 82.0],
            "pagu": [4e9, 1e9, 1e9, 2e9],
            "spending": [3.5e9, 0.9e9, 0.9e9, 1.6e9],
            "expected_pct": [100.0] * 4,
        }
    )
    figure = budget_quadrant(budget)
    low, high = figure.layout.xaxis.range
    assert 40 <= low < 65 and 100 < high <= 115, "the axis spans the sasaran and the 100% line, not 0–130"
    assert low % 10 and high % 10, "no tick in a corner"
    beside = {a.text for a in figure.layout.annotations if a.showarrow}
    assert beside == {"<b>1</b>", "<b>2</b>", "<b>3</b>"}, "touching bubbles numbered beside them"
    assert figure.data[3].mode == "markers+text", "a bubble alone keeps its number inside"
    assert "D &lt;b&gt;x&lt;/b&gt;" in figure.data[3].name, "a name is text, not markup"
    assert figure.layout.legend.yref == "container", "the legend under the axis title, not over it"


def test_the_budget_chart_draws_before_anything_is_spent_or_planned():
    """A year's start: pagu, no spending, no cash plan, no score yet: the chart draws, 0–100 high."""
    nothing = [float("nan")] * 2
    budget = pd.DataFrame(
        {"goal": ["A", "B"], "score_pct": nothing, "absorption_pct": nothing, "pagu": [4e9, 1e9],
         "spending": nothing, "expected_pct": nothing}
    )  # fmt: skip
    low, high = budget_quadrant(budget).layout.yaxis.range
    assert low < 0 < 100 < high


def test_report_charts_are_drawn_at_their_printed_size(monkeypatch, tmp_path):
    """kaleido is told each figure's size: the text column's width and the figure's own height."""
    import kinerja.reporting.chart_images as images

    asked = {}

    def draw(figures, paths, **options):
        asked.update(options)
        for path in paths:
            path.write_bytes(b"png")

    monkeypatch.setattr(images.pio, "write_images", draw)
    images.chart_images({"a": achievement_by_goal(ROLLUP, DEFAULT_SCALE)}, tmp_path)
    assert asked["width"] == [images.WIDTH] and images.WIDTH == 605, "16 cm at 96 px an inch"
    assert asked["height"] == [int(achievement_by_goal(ROLLUP, DEFAULT_SCALE).layout.height)]


def test_bar_charts_written_out_are_the_figures_plotlys_checks_build():
    """The sasaran, unit, indicator, projection and category charts are written out whole and built
    unchecked (charts._figure): built again by Plotly with every property checked, each is the same
    JSON, on long and short lists, missing scores, names with markup, an empty list and meeting mode."""
    import json

    import plotly.graph_objects as go
    import plotly.io as pio

    from views.dasbor_parts.dashboard import for_screen

    names = ["Sasaran <b>A</b> & co", "Meningkatnya " * 8 + "B", "C"]
    rollup = pd.DataFrame(
        {"goal": names, "score_pct": [95.5, None, 44.0], "category": ["Sangat Tinggi", None, "Sangat Rendah"],
         "indicators": [3, 2, 2400], "reported": [3, 0, 2400]}
    )  # fmt: skip
    frame = pd.DataFrame(
        {"indicator_code": ["IK01", "IK02", "IK10"], "indicator_name": names, "score_pct": [40.0, None, 130.0],
         "category": ["Sangat Rendah", None, "Sangat Tinggi"], "realization_to_date": [2400.0, None, 1.5],
         "target_to_date": [6000.0, 10.0, 1.0], "measure_unit": ["orang", None, "%"]}
    )  # fmt: skip
    projection = pd.DataFrame(
        {"indicator_code": ["IK01", "IK02", "IK10"], "indicator_name": names, "projected_score": [70.0, None, 180.0],
         "at_risk": [True, False, False]}
    )  # fmt: skip
    counts = count_by_category(frame, DEFAULT_SCALE)
    builds = [
        lambda: achievement_by_goal(rollup, DEFAULT_SCALE, title="Capaian"),
        lambda: achievement_by_goal(rollup.iloc[:0], DEFAULT_SCALE),
        lambda: indicators_worst_first(frame, DEFAULT_SCALE, "Indikator"),
        lambda: indicators_worst_first(frame, DEFAULT_SCALE, name_line=72),
        lambda: projection_chart(projection, "Proyeksi", threshold=76),
        lambda: projection_chart(projection.iloc[:0]),
        lambda: category_counts(counts, "Kategori"),
        lambda: category_counts(count_by_category(frame.iloc[:0], DEFAULT_SCALE)),
    ]
    for figure in [*(build() for build in builds), *(for_screen(build(), True) for build in builds)]:
        written = json.loads(pio.to_json(figure, validate=False))
        checked = json.loads(pio.to_json(go.Figure(figure.to_plotly_json()), validate=False))
        assert written == checked
