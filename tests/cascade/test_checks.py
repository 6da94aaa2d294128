"""Checks that matter (issue 25, item 7): a row's target belongs to the indicator on that row (a
program's or kegiatan's target written on a row of its own under its merged indicator cell, or in
its level's own Target column, was lost and the check then said "Indikator tanpa target"); a
sub-kegiatan without pagu; a child whose code is not under its parent's. (Names twice and
subtotals that differ: tests/cascade/test_identity.py and test_budget.py.)"""

import io

import pytest
from openpyxl import Workbook

from kinerja.cascade.reading import read_cascade
from kinerja.cascade.stored import DraftNode, save_tree
from kinerja.cascade.tree import Level
from tests.trees import (
    sasaran_nodes,
    sipd_list,
)


def sipd_targets_below(merged: bool = True) -> bytes:
    """A SIPD-style list whose program and kegiatan rows give the indicator in a cell merged over two
    rows and the target and satuan on the second (as Renja exports lay out "Capaian Program")."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Renja"
    sheet.append(["RENJA DINAS KESEHATAN 2026"])
    sheet.append(["Program / Kegiatan / Sub Kegiatan", "Sasaran", "Indikator Kinerja", "Target", "Satuan", "Pagu (Rp)"])
    sheet.append(["1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN", "S1", "Persentase faskes sesuai standar", None, None,
                  None])  # fmt: skip
    sheet.append([None, None, None if merged else "", "85", "%", None])
    sheet.append(["1.02.02.2.02 Penyediaan Layanan Kesehatan", None, "Jumlah layanan kesehatan", None, None, None])
    sheet.append([None, None, None, "12", "layanan", None])
    sheet.append(["1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", None, "Jumlah ibu hamil dilayani",
                  "1.250", "orang", "450.000.000"])  # fmt: skip
    sheet.append([None, None, None, "5", None, None])  # a target with no indicator left to take it
    if merged:
        for cells in ("A3:A4", "B3:B4", "C3:C4", "A5:A6", "C5:C6"):
            sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("merged", [True, False], ids=["sel digabung", "sel kosong"])
def test_a_target_on_the_row_under_its_indicator_is_that_indicators(merged):
    found = read_cascade(sipd_targets_below(merged), "renja.xlsx", {"S1": "S1"})
    nodes = {n.code: n for n in found.nodes}
    targets = {code: [(i.name, i.target, i.measure_unit) for i in n.indicators] for code, n in nodes.items()}
    assert targets == {
        "1.02.02": [("Persentase faskes sesuai standar", 85, "%")],
        "1.02.02.2.02": [("Jumlah layanan kesehatan", 12, "layanan")],
        "1.02.02.2.02.0001": [("Jumlah ibu hamil dilayani", 1250, "orang")],
    }
    said = {row: what for _, row, what in found.rows}
    assert said[4] == "target: 1.02.02" and said[6] == "target: 1.02.02.2.02"
    assert said[8] == "dilewati: target tanpa indikator (indikator di atasnya sudah bertarget)"


def matrix_with_level_targets() -> bytes:
    """A Kertas Kerja whose every level has its indicator and its own Target and Satuan beside it,
    each level's node on a row of its own, the upper ones merged down."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Sasaran Strategis", "Program", "Indikator Program", "Target", "Satuan", "Kegiatan",
                  "Indikator Kegiatan", "Target", "Satuan", "Sub Kegiatan", "Indikator Sub Kegiatan", "Target",
                  "Satuan", "Pagu (Rp)"])  # fmt: skip
    sheet.append(["S1", "1.02.02 Program Pemenuhan Upaya Kesehatan", "Persentase faskes sesuai standar", "85", "%",
                  "1.02.02.2.02 Penyediaan Layanan Kesehatan", "Jumlah layanan", "12", "layanan",
                  "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", "Jumlah ibu hamil dilayani", "1.250",
                  "orang", "450.000.000"])  # fmt: skip
    sheet.append([None, None, None, None, None, None, None, None, None,
                  "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin", "Jumlah ibu bersalin dilayani",
                  "1.180", "orang", "380.500.000"])  # fmt: skip
    for cells in ("A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:I3"):
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_each_levels_own_target_column_gives_its_indicator_its_target():
    found = read_cascade(matrix_with_level_targets(), "cascading.xlsx", {"S1": "S1"})
    targets = {n.code: [(i.target, i.measure_unit) for i in n.indicators] for n in found.nodes}
    assert targets == {
        "1.02.02": [(85, "%")],
        "1.02.02.2.02": [(12, "layanan")],
        "1.02.02.2.02.0001": [(1250, "orang")],
        "1.02.02.2.02.0002": [(1180, "orang")],
    }
    assert {p.value for p in found.problems} == {"1.250", "1.180"}, "read as thousands, and named"
    assert {p.severity for p in found.problems} == {"warning"}


def test_a_matrix_row_holding_only_a_target_gives_it_to_the_indicator_above():
    book = Workbook()
    sheet = book.active
    sheet.append(["Sasaran Strategis", "Program", "Indikator Program", "Kegiatan", "Indikator Kegiatan", "Target",
                  "Satuan"])  # fmt: skip
    sheet.append(["S1", "1.02.02 Program Pemenuhan Upaya Kesehatan", "Persentase faskes sesuai standar", None, None,
                  None, None])  # fmt: skip
    sheet.append([None, None, None, None, None, "85", "%"])
    sheet.append([None, None, None, "1.02.02.2.02 Penyediaan Layanan Kesehatan", "Jumlah layanan", "12", "layanan"])
    sheet.merge_cells("C2:C3")
    buffer = io.BytesIO()
    book.save(buffer)
    found = read_cascade(buffer.getvalue(), "cascading.xlsx", {"S1": "S1"})
    assert {n.code: [i.target for i in n.indicators] for n in found.nodes} == {"1.02.02": [85], "1.02.02.2.02": [12]}
    assert [what for _, _, what in found.rows] == [
        "sasaran S1; simpul: 1.02.02; indikator: 1.02.02",
        "target: 1.02.02",
        "simpul: 1.02.02.2.02; indikator: 1.02.02.2.02",
    ]


def test_the_checks_find_what_matters_and_no_target_lost(treeless_store):
    from kinerja.cascade.checks import tree_checks
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes
    from kinerja.cascade.stored import NodeIndicator, save_tree
    from kinerja.cascade.tree import IndicatorKind

    s1 = plan_sasaran_nodes(treeless_store, 2026)[0].code
    import_cascade(treeless_store, 2026, sipd_targets_below(), "renja.xlsx")
    found = tree_checks(treeless_store, 2026)
    assert not [f for f in found if f.check == "Indikator tanpa target"], "every target read where it was written"

    output = (NodeIndicator("Jumlah dokumen", IndicatorKind.OUTPUT, "dokumen", 4),)
    save_tree(treeless_store, 2026, [
        *plan_sasaran_nodes(treeless_store, 2026),
        DraftNode(Level.PROGRAM, "1.02.02", "Program Pemenuhan", s1, indicators=output),
        DraftNode(Level.KEGIATAN, "1.02.02.2.01", "Penyediaan Fasilitas", "1.02.02", indicators=output),
        DraftNode(Level.SUB_KEGIATAN, "1.02.02.2.01.0014", "Pengadaan Alat Kesehatan", "1.02.02.2.01",
                  pagu=2_550_000_000, indicators=output),
        DraftNode(Level.SUB_KEGIATAN, "1.02.02.2.02.0001", "Pelayanan Ibu Hamil", "1.02.02.2.01", indicators=output),
    ])  # fmt: skip
    found = {(f.check, f.code): f.message for f in tree_checks(treeless_store, 2026)}
    assert found[("Sub kegiatan tanpa pagu", "1.02.02.2.02.0001")] == "belum berpagu: anggaran cabangnya belum lengkap"
    assert found[("Kode tidak di bawah induknya", "1.02.02.2.02.0001")] == (
        "kodenya di bawah 1.02.02.2.02, tetapi simpul ini berada di bawah 1.02.02.2.01: periksa kode atau induknya"
    )
    assert ("Sub kegiatan tanpa pagu", "1.02.02.2.01.0014") not in found
    assert ("Kode tidak di bawah induknya", "1.02.02.2.01.0014") not in found


def test_the_checks_name_the_nodes_to_open(treeless_store):
    from kinerja.cascade.checks import tree_checks

    sasaran = sasaran_nodes(treeless_store, 2026)
    nodes = read_cascade(sipd_list(), "renja.xlsx", {}).nodes  # the program names no sasaran
    save_tree(treeless_store, 2026, [*sasaran, *nodes])
    found = {(f.check, f.code) for f in tree_checks(treeless_store, 2026)}
    assert ("Sub kegiatan tak terhubung", "1.02.02.2.02.0001") in found
    assert ("Sasaran tanpa program", sasaran[0].code) in found
    assert ("Simpul tanpa indikator", sasaran[0].code) in found, "these sasaran nodes were made without the PK"
    stray = [f for f in tree_checks(treeless_store, 2026) if f.check == "Anggaran tanpa IKU"]
    assert len(stray) == 2 and "100,0% dari pagu sub kegiatan" in stray[0].message
