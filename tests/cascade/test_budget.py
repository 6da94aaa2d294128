"""Every rupiah counted once (issue 25, item 1): a SIPD-style list as offices export it gives pagu on
the program and kegiatan rows (subtotals) as well as on the sub-kegiatan rows; the sub-kegiatan's
pagu is the budget, a subtotal is kept apart, checked against its sub-kegiatan and never added. Every
total the page, the node detail, the Kertas Kerja, the command line and the LKjIP show is the sum
of the sub-kegiatan under it."""

import io
import json

import pandas as pd
from openpyxl import Workbook

from kinerja.cascade.reading import read_cascade
from kinerja.cascade.stored import tree_frame
from tests.trees import (
    sipd_with_subtotals,
)

BUDGET = 4_120_500_000  # the distinct sub-kegiatan's pagu
SPENT = 1_717_650_000  # their realised spending
LEAVES = {  # sub-kegiatan → (pagu, spending)
    "1.02.02.2.01.0014": (2_550_000_000, 1_020_000_000),
    "1.02.02.2.02.0001": (450_000_000, 202_500_000),
    "1.02.02.2.02.0002": (380_500_000, 171_150_000),
    "1.02.02.2.02.0003": (740_000_000, 324_000_000),
}


def imported(store, **options):
    from kinerja.cascade.importing import import_cascade

    return import_cascade(store, 2026, sipd_with_subtotals(), "renja-2026.xlsx", **options)


def test_a_subtotal_is_kept_apart_and_said_where_it_differs_from_its_sub_kegiatan(treeless_store):
    summary = imported(treeless_store, dry_run=True)
    nodes = {n.code: n for n in summary.read.nodes}
    assert {code: nodes[code].pagu for code in LEAVES} == {code: pagu for code, (pagu, _) in LEAVES.items()}
    assert nodes["1.02.02"].pagu is None and nodes["1.02.02"].pagu_subtotal == 3_961_000_000
    assert nodes["1.02.02.2.02"].pagu is None and nodes["1.02.02.2.02"].spending_subtotal == 697_650_000
    assert [n.target for n in nodes["1.02.02.2.02.0001"].indicators] == [1250, 4], "the repeated row: its indicator"
    (warning,) = [w for w in summary.warnings if "dapat berarti" not in w.message]  # not "1.250"
    assert warning.severity == "warning" and (warning.sheet, warning.row) == ("Renja 2026", 7)
    assert warning.subject.startswith("1.02.02 PROGRAM PEMENUHAN")
    assert "Rp 3.961.000.000" in warning.message and "4 sub kegiatan di bawahnya Rp 4.120.500.000" in warning.message
    assert str(warning) in summary.lines(), "in the preview, before anything is saved"
    said = {row: what for _, row, what in summary.read.rows}
    assert said[15] == "dilewati: baris jumlah (Rp 4.120.500.000), tidak ditambahkan"
    assert said[12] == "indikator: 1.02.02.2.02.0001"
    assert summary.read.accounting() == {"dilewati": 2, "simpul": 7, "indikator": 1}


def test_a_total_row_that_is_not_the_sum_of_the_sub_kegiatan_is_warned_at_its_cell():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(sipd_with_subtotals()))
    book.active["F15"] = "4.000.000.000"
    buffer = io.BytesIO()
    book.save(buffer)
    found = read_cascade(buffer.getvalue(), "renja.xlsx", {"S1": "S1"})
    (warning,) = [p for p in found.problems if "dapat berarti" not in p.message]  # not "1.250"
    assert (warning.severity, warning.row, warning.column[0]) == ("warning", 15, "F")
    assert "Rp 4.000.000.000" in warning.message and "Rp 4.120.500.000" in warning.message


def test_every_total_sums_the_sub_kegiatan_once(treeless_store):
    from kinerja.cascade.budget import money_facts
    from kinerja.cascade.checks import tree_checks
    from kinerja.cascade.screen import TOP, budget_window, drawn, shape
    from kinerja.cascade.stored import node_frame
    from kinerja.reporting.tree_charts import budget_chart

    imported(treeless_store)
    nodes = node_frame(treeless_store, 2026, 2).set_index("code")
    subs = nodes[nodes["level"] == "sub_kegiatan"]
    assert subs["pagu"].sum() == BUDGET and subs["spending"].sum() == SPENT
    assert nodes.loc["1.02.02", "pagu_total"] == BUDGET and nodes.loc["S1", "pagu_total"] == BUDGET
    assert nodes.loc["1.02.02.2.01", "pagu_total"] == 2_550_000_000, "not its own 2,55 M and its sub's 2,55 M"
    assert nodes.loc["1.02.02.2.02", "spending_total"] == 697_650_000
    for code, node in nodes.iterrows():  # every branch: the sub-kegiatan under it, each counted once
        under = _leaves_under(nodes, code)
        assert node["pagu_total"] == sum(LEAVES[c][0] for c in under), code
        assert node["spending_total"] == sum(LEAVES[c][1] for c in under), code

    frame = nodes.reset_index()
    outline = shape(frame)
    boxes = drawn(frame, outline, budget_window(outline, None))  # the page's budget view
    assert boxes.loc[boxes["id"] == TOP, "pagu_total"].item() == BUDGET, "not Rp 12.202.000.000"
    shown = boxes[boxes["code"].isin(nodes.index)]
    assert all(shown["pagu_total"].to_numpy() == nodes.loc[shown["code"], "pagu_total"].to_numpy())
    treemap = budget_chart(boxes).data[0]
    own = dict(zip(treemap.ids, treemap.values, strict=True))  # each box's part beside the boxes under it
    assert sum(own.values()) == BUDGET

    facts = money_facts(nodes.reset_index().set_index("code", drop=False).loc["1.02.02"])
    assert facts == [
        "pagu Rp 4.120.500.000 (jumlah sub kegiatan di bawahnya)",
        "realisasi anggaran Rp 1.717.650.000 (41,7% dari pagu)",
        "subtotal pagu di berkas Rp 3.961.000.000, tidak dihitung",
    ]
    listed = tree_frame(treeless_store, 2026)
    assert listed["pagu"].sum() == BUDGET and list(listed.columns)[-1] == "pagu_subtotal"
    assert listed.loc[listed["code"] == "1.02.02", "pagu_subtotal"].tolist()[0] == 3_961_000_000
    (differs,) = [f for f in tree_checks(treeless_store, 2026) if f.check == "Subtotal berbeda dari rinciannya"]
    assert differs.code == "1.02.02" and "Rp 3.961.000.000" in differs.message


def _leaves_under(nodes: pd.DataFrame, code: str) -> list[str]:
    found, stack = [], [code]
    while stack:
        at = stack.pop()
        if at in LEAVES:
            found.append(at)
        stack += nodes.index[nodes["parent_code"] == at].tolist()
    return found


def test_the_kertas_kerja_budget_columns_sum_to_the_budget_and_subtotals_stand_apart(treeless_store):
    from kinerja.cascade.stored import kertas_kerja

    imported(treeless_store)
    workbook = io.BytesIO(kertas_kerja(treeless_store, 2026, 2))
    matrix = pd.read_excel(workbook, sheet_name="Kertas Kerja Cascading", header=3, engine="calamine")
    assert matrix["Pagu (Rp)"].sum() == BUDGET and matrix["Realisasi (Rp)"].sum() == SPENT
    program = matrix[matrix["Program"].fillna("").str.startswith("1.02.02 ")].iloc[0]
    assert program["Subtotal Pagu (Rp)"] == BUDGET and pd.isna(program["Pagu (Rp)"])
    assert program["Subtotal Realisasi (Rp)"] == SPENT
    listed = pd.read_excel(workbook, sheet_name="Daftar Simpul", header=3, engine="calamine")
    assert listed["Pagu (Rp)"].sum() == BUDGET, "a node with two indicators: its pagu on its first row only"
    assert listed["Subtotal Pagu di Berkas (Rp)"].max() == 3_961_000_000


def test_the_command_line_tree_sums_to_the_budget_with_the_subtotal_last(demo_db_path, tmp_path):
    from tests.cli import kinerja

    path = tmp_path / "renja-2026.xlsx"
    path.write_bytes(sipd_with_subtotals())
    done = kinerja("import-plan", str(path), "--year", "2026", db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "Peringatan: renja-2026.xlsx, sheet Renja 2026, baris 7" in done.stderr
    assert "Rp 3.961.000.000" in done.stderr
    printed = kinerja("tree", "--year", "2026", db=demo_db_path)
    frame = pd.read_csv(io.StringIO(printed.stdout))
    assert list(frame.columns)[-2:] == ["pagu", "pagu_subtotal"]
    assert frame["pagu"].sum() == BUDGET


def test_the_page_shows_the_budget_by_branch_summing_the_sub_kegiatan(treeless_db_path, monkeypatch):
    """The page's totals reconcile: the treemap's whole and each branch, and the node's detail."""
    import streamlit as st

    from kinerja.access.roles import SYSTEM, acting_as
    from kinerja.cascade.importing import import_cascade
    from kinerja.storage.store import Store
    from tests.pages import as_account
    from ui import keys

    store = Store(treeless_db_path)
    with acting_as(SYSTEM):
        import_cascade(store, 2026, sipd_with_subtotals(), "renja-2026.xlsx")
    store.close()
    app = as_account(treeless_db_path, monkeypatch, "kadis").run()
    app.switch_page("views/pohon.py").run()
    assert not app.exception
    (treemap,) = [json.loads(c.proto.spec) for c in app.get("plotly_chart") if '"treemap"' in c.proto.spec]
    trace = treemap["data"][0]
    own = dict(zip(trace["ids"], trace["values"], strict=True))  # each box's part beside the boxes under it
    assert sum(own.values()) == BUDGET, "not Rp 12.202.000.000"
    app.selectbox(key=keys.TREE_NODE).set_value("1.02.02").run()
    assert {m.label: m.value for m in app.metric}["Pagu"] == "Rp 4.120.500.000"
    said = " ".join(c.value for c in app.caption)
    assert "Subtotal pagu di berkas Rp 3.961.000.000, tidak dihitung (anggaran = jumlah pagu sub kegiatan)." in said
    st.cache_resource.clear()


def test_realised_spending_is_read_beside_the_pagu_and_summed_up_each_branch(treeless_store):
    from kinerja.cascade.drawn import read_drawn
    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.reading import CascadeRead, PlanNames
    from kinerja.cascade.stored import branch, kertas_kerja, node_frame
    from kinerja.workbook.spreadsheet import read_sheets

    book = Workbook()
    sheet = book.active
    sheet.append(["Program / Kegiatan / Sub Kegiatan", "Sasaran", "Indikator Kinerja", "Target", "Pagu (Rp)",
                  "Realisasi Anggaran (Rp)", "Realisasi Kinerja"])  # fmt: skip
    sheet.append(["1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN", "S1", "Persentase faskes", "85", "", "", "80"])
    sheet.append(["1.02.02.2.02 Penyediaan Layanan Kesehatan", "", "Jumlah layanan", "4", "", "", "4"])
    sheet.append(["1.02.02.2.02.0001 Pelayanan Ibu Hamil", "", "Jumlah ibu hamil", "1.250", "450.000.000",
                  "Rp 337.500.000", "900"])  # fmt: skip
    sheet.append(["1.02.02.2.02.0002 Pelayanan Ibu Bersalin", "", "Jumlah ibu bersalin", "1.180", "380.500.000",
                  "95.125.000", "700"])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    import_cascade(treeless_store, 2026, buffer.getvalue(), "renja-realisasi.xlsx")
    nodes = node_frame(treeless_store, 2026, 2).set_index("code")
    assert nodes.loc["1.02.02.2.02.0001", "spending"] == 337_500_000
    drawn = branch(nodes.reset_index()).set_index("code")
    assert drawn.loc["1.02.02", "spending_total"] == 432_625_000 and drawn.loc["1.02.02", "pagu_total"] == 830_500_000
    assert pd.isna(nodes.loc["1.02.02.2.02", "spending"]), "a performance 'Realisasi' column is not money"
    listed = pd.read_excel(io.BytesIO(kertas_kerja(treeless_store, 2026)), sheet_name=0, header=3, engine="calamine")
    assert listed["Realisasi (Rp)"].sum() == 432_625_000, "the Kertas Kerja carries it too"

    boxes = Workbook()
    cells = boxes.active
    cells["B2"], cells["B3"] = "Sub Kegiatan : 1.02.02.2.02.0003 Bayi Baru Lahir", "Pagu : 295.000.000"
    cells["B4"], cells["C2"] = "Realisasi : Rp 120.000.000", "Sub Kegiatan : 1.02.02.2.02.0004 Balita"
    drawn_book = io.BytesIO()
    boxes.save(drawn_book)
    found = CascadeRead()
    read_drawn(read_sheets(drawn_book.getvalue(), "p.xlsx")[0], "p.xlsx", PlanNames({}, {}, set()), found)
    assert found.nodes[0].spending == 120_000_000 and found.nodes[0].pagu == 295_000_000
