"""The pohon kinerja as leaders read it: the screen that fits, a click that opens a node, budgets
that add up from the sub-kegiatan, absorption colours, names shown as text, the printed branch."""

import json

import pandas as pd
import pytest
import streamlit as st
from plotly.colors import unlabel_rgb
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from kinerja.cascade.screen import (
    ACROSS,
    BOX_PX,
    CHART_PX,
    TOP,
    UNIT,
    Window,
    budget_parts,
    budget_totals,
    drawn,
    first_screen,
    shape,
    window_for,
)
from kinerja.domain.achievement import DEFAULT_SCALE
from kinerja.domain.numbers import fmt_rupiah
from kinerja.reporting.tree_charts import (
    ABSORPTION_SCALE,
    NO_BUDGET_COLOR,
    absorption_colors,
    budget_chart,
    cascade_chart,
    cascade_map,
)
from kinerja.storage.store import PROJECT_ROOT
from tests.conftest import opened

APP = str(PROJECT_ROOT / "app.py")


def tree(*rows: tuple) -> pd.DataFrame:
    """A node frame as :func:`node_frame` gives it: (level, code, parent, pagu, spending, unit)."""
    frame = pd.DataFrame(
        [(*row, *[None] * (6 - len(row))) for row in rows],
        columns=["level", "code", "parent_code", "pagu", "spending", "unit_code"],
    )
    return frame.assign(
        name=[f"Nama {code}" for code in frame["code"]],
        official=None,
        score_pct=float("nan"),
        category=None,
        pagu=frame["pagu"].astype(float),
        spending=frame["spending"].astype(float),
    )


def office(sasaran: int = 5, programs: int = 1, kegiatan: int = 1, subs: int = 2, tujuan: int = 2) -> pd.DataFrame:
    """An office's tree: tujuan over sasaran over programs, kegiatan and sub-kegiatan (pagu on these)."""
    rows: list[tuple] = [("tujuan_opd", f"T{t + 1}") for t in range(tujuan)]
    for s in range(sasaran):
        rows.append(("sasaran_opd", f"S{s + 1}", f"T{s % tujuan + 1}" if tujuan else None))
        for p in range(programs):
            program = f"{s + 1}.{p + 1:02d}"
            rows.append(("program", program, f"S{s + 1}"))
            for k in range(kegiatan):
                rows.append(("kegiatan", f"{program}.2.{k + 1:02d}", program))
                rows += [
                    ("sub_kegiatan", f"{program}.2.{k + 1:02d}.{u + 1:04d}", f"{program}.2.{k + 1:02d}", 1e8, 4e7)
                    for u in range(subs)
                ]
    return tree(*rows)


def province(units: int = 60, sasaran: int = 180) -> tuple[pd.DataFrame, dict[str, str]]:
    """A province's tree as the benchmark builds it: its sasaran at the top (no tujuan), each of a unit."""
    frame = office(sasaran=sasaran, programs=2, kegiatan=2, subs=2, tujuan=0)
    return frame, {f"S{s + 1}": f"U{s % units + 1:03d}" for s in range(sasaran)}


REGION = tree(
    *[("tujuan_pemda", f"TP{t}") for t in range(1, 4)],
    *[("sasaran_pemda", f"SP{s}", f"TP{s % 3 + 1}") for s in range(1, 10)],
    *[("sasaran_opd", f"S{s}", f"SP{s % 9 + 1}") for s in range(1, 61)],
)


@pytest.mark.parametrize(
    ("case", "nodes", "units", "expected", "grouped"),
    [
        # a kabupaten office (the demo's shape): the whole tree, down to its sub-kegiatan
        ("office", office(sasaran=5, subs=2), {}, Window(TOP, 5), False),
        # the same office with three sub-kegiatan a kegiatan: 15 side by side is too many; down to the kegiatan
        ("office, many sub-kegiatan", office(sasaran=5, subs=3), {}, Window(TOP, 4), False),
        # a region's tree: its tujuan and sasaran; the offices' 60 sasaran open from a click
        ("region", REGION, {}, Window(TOP, 2), False),
        # a province: 180 sasaran at the top, grouped by their 60 units, as tiles
        ("province", *province(), Window(TOP, 1, as_map=True), True),
        # 180 sasaran whose units are not known: tiles of the sasaran themselves (the smallest say nothing
        # until opened: there is nothing to group them by)
        ("province without units", province()[0], {}, Window(TOP, 1, as_map=True), False),
        # twelve sasaran of two units, one too many side by side: the two units, each opening its sasaran
        ("two units", office(sasaran=12, tujuan=0), {f"S{s}": "A" if s < 7 else "B" for s in range(1, 13)},
         Window(TOP, 1), True),
    ],
)  # fmt: skip
def test_the_first_screen_starts_at_the_level_that_fits(case, nodes, units, expected, grouped):
    assert first_screen(nodes, units) == expected, case
    outline = shape(nodes, units)
    assert outline.grouped == grouped, case
    boxes = drawn(nodes, outline, expected)
    if not expected.as_map:  # side by side: every box at least as wide as a readable label
        assert CHART_PX * boxes["columns"].min() / boxes["columns"].max() >= BOX_PX, case
    else:
        assert len(boxes) - 1 == len(outline.children[TOP]) <= (60 if grouped else 180), case


def test_a_click_deeper_than_the_screen_opens_that_branch_and_a_shown_box_leaves_it():
    nodes, units = province()
    outline = shape(nodes, units)
    unit = UNIT + "U005"
    assert window_for(outline, None) == Window(TOP, 1, as_map=True)
    on_unit = window_for(outline, unit)
    assert on_unit.root == unit and on_unit.depth >= 2, "a unit opens its sasaran and their programs"
    assert window_for(outline, "S5") == on_unit, "its sasaran is on the screen already, with its programs"
    program = outline.children["S5"][0]
    assert window_for(outline, program).root == "S5", "a program's kegiatan were not shown: its sasaran opens"
    assert window_for(outline, f"{program}.2.01.0001").root == "S5", "a sub-kegiatan shown stays where it is"
    assert outline.path(program) == [TOP, unit, "S5", program]
    assert window_for(outline, "no such node") == window_for(outline, None)


def test_a_branchs_budget_is_the_sum_of_its_sub_kegiatan_never_of_the_subtotals_too():
    nodes = tree(  # as node_frame gives them: a sub-kegiatan's pagu is the budget, SIPD's subtotals kept apart
        ("sasaran_opd", "S1"),
        ("program", "1.02.02", "S1"),
        ("kegiatan", "1.02.02.2.01", "1.02.02"),
        ("sub_kegiatan", "1.02.02.2.01.0001", "1.02.02.2.01", 2_000_000_000, 800_000_000),
        ("sub_kegiatan", "1.02.02.2.01.0002", "1.02.02.2.01", 550_000_000, 200_000_000),
        ("kegiatan", "1.02.02.2.02", "1.02.02"),  # a subtotal of 300 M but no pagu under it: none counted
        ("sub_kegiatan", "1.02.02.2.02.0001", "1.02.02.2.02"),
        ("sasaran_opd", "S2"),
    ).assign(pagu_subtotal=[None, 2_550_000_000, 2_550_000_000, None, None, 300_000_000, None, None])
    totals = budget_totals(nodes).set_index("code")
    assert totals.loc["1.02.02.2.01", "pagu_total"] == 2_550_000_000
    assert totals.loc["1.02.02", "pagu_total"] == 2_550_000_000, "not its own 2,55 M and its kegiatan's again"
    assert totals.loc["S1", "pagu_total"] == 2_550_000_000 and totals.loc["S2", "pagu_total"] == 0
    assert totals.loc["S1", "spending_total"] == 1_000_000_000
    parts = budget_parts(nodes, shape(nodes), "1.02.02")
    assert parts["id"].tolist() == ["1.02.02.2.01", "1.02.02.2.02", "1.02.02"]
    assert parts["pagu_total"].iloc[:-1].sum() == parts["pagu_total"].iloc[-1]
    whole = budget_parts(nodes, shape(nodes), None)
    assert whole["pagu_total"].iloc[-1] == 2_550_000_000, "the whole tree: its sasaran's sum"


def test_absorption_colours_run_from_nothing_spent_to_all_spent_and_grey_without_pagu():
    boxes = pd.DataFrame(
        {"pagu_total": [100.0, 100.0, 100.0, float("nan"), 100.0], "spending_total": [0.0, 100.0, 130.0, 5.0, None]}
    )
    colors = absorption_colors(boxes)
    assert unlabel_rgb(colors[0]) == unlabel_rgb(ABSORPTION_SCALE[0][1]), "nothing spent: the palest"
    assert unlabel_rgb(colors[1]) == unlabel_rgb(ABSORPTION_SCALE[-1][1]), "all spent: the darkest"
    assert colors[2] == colors[1], "spending above the pagu is drawn as all spent"
    assert colors[3] == colors[4] == NO_BUDGET_COLOR
    nodes = office(sasaran=2, subs=2)
    outline = shape(nodes)
    figure = budget_chart(drawn(nodes, outline, Window(TOP, 3)), "Pagu")
    legend = figure.data[1].marker
    assert legend.showscale and "serapan" in legend.colorbar.title.text and legend.colorbar.ticksuffix == "%"
    assert figure.layout.uniformtext.minsize == 11 and figure.data[0].insidetextfont.size == 12
    assert figure.data[0].marker.depthfade is False, "the colours as the scale says (Plotly fades them by depth)"
    icicle = cascade_chart(drawn(nodes, outline, Window(TOP, 3)), DEFAULT_SCALE, "Pohon")
    assert icicle.data[0].leaf.opacity == 1, "the category colours as the legend says (Plotly fades the last boxes)"


NAUGHTY = "<b>Tebal</b> <a href='https://contoh.id'>tautan</a><br>baris & <i>miring</i>"


def test_names_from_files_are_text_in_every_figure_of_the_tree(demo_store):
    from kinerja.reporting.tree_printing import tree_figure

    nodes = office(sasaran=2, subs=2).assign(name=NAUGHTY, official=NAUGHTY)
    outline = shape(nodes)
    boxes = drawn(nodes, outline, Window(TOP, 5))
    for figure in (
        cascade_chart(boxes, DEFAULT_SCALE, "Pohon"),
        cascade_map(boxes[boxes["row"] <= 1], DEFAULT_SCALE, "Pohon"),
        budget_chart(boxes, "Pagu"),
    ):
        said = json.dumps([figure.data[0].labels, figure.data[0].customdata])
        assert "<a" not in said and "<i>" not in said and "<b>Tebal" not in said
        assert "&lt;b&gt;Tebal&lt;/b&gt;" in said and "&amp;" in said, "the words as written"
    with demo_store.write() as w:
        w.execute("UPDATE cascade_node SET name = ? WHERE code = 'S1'", [NAUGHTY])
    paper = " ".join(note.text for note in tree_figure(demo_store, 2026, 2).layout.annotations)
    assert "<a" not in paper and "<i>" not in paper and "&lt;a" in paper and "&lt;i&gt;miring" in paper


def select(app: AppTest, chart: str, box: str) -> AppTest:
    """A click on ``box`` in the chart whose key starts with ``chart``, as the browser reports it:
    a hierarchy chart's selection carries the clicked box's id. (AppTest has no Plotly widget: the
    selection is sent with the other widgets' states, through its own run.)"""
    (element,) = [c for c in app.get("plotly_chart") if c.proto.id and f"-{chart}_" in c.proto.id]
    states = app._tree.get_widget_states()
    clicked = {"selection": {"points": [{"id": box, "label": box}], "point_indices": [0], "box": [], "lasso": []}}
    states.widgets.append(WidgetState(id=element.proto.id, string_value=json.dumps(clicked)))
    return app._run(states)


@pytest.fixture
def pohon(demo_db_path, monkeypatch):
    """The Pohon Kinerja page over the demo (its 2026 tree at TW II), as its admin sees it."""
    monkeypatch.setenv("KINERJA_DB", str(demo_db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update({"tahun": "2026", "tw": "TW II"})
    app.run()
    yield app.switch_page("views/pohon.py").run()
    st.cache_resource.clear()


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def test_a_click_on_a_box_opens_its_node_under_the_tree(pohon):
    assert not pohon.exception
    assert pohon.subheader[0].value == "Seluruh pohon kinerja"
    select(pohon, "grafik_pohon", "1.02.02.2.02")
    assert not pohon.exception
    assert pohon.subheader[0].value.startswith("Kegiatan: Penyediaan Layanan Kesehatan untuk UKM")
    assert metrics(pohon)["Pagu"] == "Rp 1.125.500.000", "450 + 380,5 + 295 juta: its three sub-kegiatan"
    assert pohon.selectbox(key="cabang").value == "1.02.02.2.02", "the select box (and the link) follow the click"
    indicators = next(t.value for t in pohon.dataframe if "Indikator" in t.value.columns)
    assert indicators["Target"].tolist() == ["4"] and "Penanggung jawab: Kepala Seksi Kesehatan Keluarga" in " ".join(
        m.value for m in pohon.markdown
    )
    (tree_chart,) = [c for c in pohon.get("plotly_chart") if "grafik_pohon" in c.proto.id]
    spec = json.loads(tree_chart.proto.spec)["data"][0]
    assert spec["marker"]["line"]["width"][spec["ids"].index("1.02.02.2.02")] == 3, "the opened box outlined"
    select(pohon, "grafik_pohon", "S1")
    assert pohon.subheader[0].value == "Sasaran Perangkat Daerah: Menurunnya angka kematian ibu dan bayi"
    assert "Skor capaian s.d. TW II 2026" in metrics(pohon) and metrics(pohon)["Skor capaian s.d. TW II 2026"] != "–"
    select(pohon, "grafik_pohon", TOP)
    assert pohon.subheader[0].value == "Seluruh pohon kinerja" and pohon.selectbox(key="cabang").value is None
    select(pohon, "grafik_pagu", "S2")  # the budget view opens a node too
    assert pohon.subheader[0].value.startswith("Sasaran Perangkat Daerah: Menurunnya prevalensi stunting")


def _subtree_sums(spec: dict) -> dict[str, float]:
    """Each box's area in a treemap of ``branchvalues: remainder``: its value and all under it."""
    values = dict(zip(spec["ids"], spec["values"], strict=True))
    parents = dict(zip(spec["ids"], spec["parents"], strict=True))
    sums = dict(values)
    for box in spec["ids"]:
        up = parents[box]
        while up:
            sums[up] += values[box]
            up = parents[up]
    return sums


def test_every_total_the_page_shows_is_the_sum_of_its_sub_kegiatan(demo_db_path, monkeypatch):
    with opened(demo_db_path) as store, store.write() as w:  # SIPD's subtotals on the program and kegiatan rows
        w.execute("UPDATE cascade_node SET pagu_subtotal = 2375500000 WHERE code = '1.02.02' AND year = 2026")
        w.execute(
            "UPDATE cascade_node SET pagu_subtotal = 1125500000, spending_subtotal = 502040000 WHERE code = '1.02.02.2.02'"
        )
    with opened(demo_db_path) as store:
        subs = store.df("SELECT code, pagu, spending FROM cascade_node WHERE year = 2026 AND level = 'sub_kegiatan'")
    monkeypatch.setenv("KINERJA_DB", str(demo_db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update({"tahun": "2026", "tw": "TW II"})
    app.run()
    app.switch_page("views/pohon.py").run()
    assert not app.exception
    assert metrics(app)["Pagu"] == fmt_rupiah(subs["pagu"].sum()) == "Rp 3.526.000.000"
    assert metrics(app)["Realisasi anggaran"] == fmt_rupiah(subs["spending"].sum())
    (budget,) = [json.loads(c.proto.spec)["data"][0] for c in app.get("plotly_chart") if "grafik_pagu" in c.proto.id]
    sums = _subtree_sums(budget)
    said = {box: data[3] for box, data in zip(budget["ids"], budget["customdata"], strict=True)}
    for box, area in sums.items():  # the area of every box is the pagu it says, its parts' sum
        assert fmt_rupiah(area) == said[box] or (area == 0 and said[box] == "–"), box
    table = next(t.value for t in app.dataframe if "Pagu" in t.value.columns and "Kode" in t.value.columns)
    assert table["Kode"].tolist()[-1] == "Jumlah" and table["Pagu"].tolist()[-1] == fmt_rupiah(subs["pagu"].sum())
    select(app, "grafik_pohon", "1.02.02")
    assert metrics(app)["Pagu"] == "Rp 2.375.500.000", "the program: its four sub-kegiatan, not twice as much"
    table = next(t.value for t in app.dataframe if "Pagu" in t.value.columns and "Kode" in t.value.columns)
    assert table["Pagu"].tolist() == ["Rp 1.125.500.000", "Rp 1.250.000.000", "Rp 2.375.500.000"]
    st.cache_resource.clear()


def test_the_province_opens_on_its_units_and_a_unit_on_its_sasaran(tmp_path, monkeypatch):
    """At province scale (the benchmark's 60 units and 180 sasaran) the first screen is a tile a
    unit; a click on one opens its sasaran and as many levels under them as stand side by side."""
    from bench.cascade_bench import province_tree
    from bench.province import build
    from kinerja.access.accounts import NewAccount, add_account, start_session
    from kinerja.access.roles import Role
    from kinerja.cascade.stored import save_tree
    from ui.keys import SESSION_TOKEN

    path = tmp_path / "provinsi.duckdb"
    store = build(path, years=range(2025, 2026))
    save_tree(store, 2025, province_tree(store, 2025))
    add_account(store, NewAccount("perencana", Role.ADMIN, "sandi-uji-12"))
    token = start_session(store, "perencana")
    store.close()
    monkeypatch.setenv("KINERJA_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state[SESSION_TOKEN] = token
    app.query_params["tahun"] = "2025"
    app.run()
    app.switch_page("views/pohon.py").run()
    assert not app.exception
    (first,) = [json.loads(c.proto.spec) for c in app.get("plotly_chart") if "grafik_pohon" in c.proto.id]
    tiles = first["data"][0]
    assert tiles["type"] == "treemap" and 50 <= len(tiles["ids"]) - 1 <= 60, "a tile a unit, not 180 slivers"
    assert all(box.startswith(UNIT) for box in tiles["ids"][1:]) and first["layout"]["uniformtext"]["minsize"] == 11
    assert all("\xa0sasaran" in label and "Rp\xa0" in label for label in tiles["labels"][1:]), "its sasaran, its pagu"
    select(app, "grafik_pohon", tiles["ids"][1])
    assert not app.exception and app.subheader[0].value.startswith("Unit kerja: Unit ")
    (unit,) = [json.loads(c.proto.spec)["data"][0] for c in app.get("plotly_chart") if "grafik_pohon" in c.proto.id]
    leaves = [box for box in unit["ids"] if box not in set(unit["parents"])]
    assert unit["type"] == "icicle" and 2 <= len(leaves) <= ACROSS, "its boxes stand side by side, each readable"
    assert any(box.startswith("S") for box in unit["ids"]), "its sasaran"
    st.cache_resource.clear()
