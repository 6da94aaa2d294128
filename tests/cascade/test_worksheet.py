"""Kertas Kerja Cascading matrices read by their level columns, the region's levels above the plan's sasaran."""

import io

import pandas as pd
from openpyxl import Workbook

from kinerja.cascade.stored import tree_frame
from kinerja.cascade.tree import Level
from tests.trees import (
    kertas_kerja_matrix,
)


def test_a_kertas_kerja_matrix_reads_by_its_level_columns(treeless_store):
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(treeless_store, 2026)[0]
    summary = import_cascade(treeless_store, 2026, kertas_kerja_matrix(first.name), "cascading-2026.xlsx")
    nodes = {n.code: n for n in summary.read.nodes}
    made = f"{first.code}.1"
    assert list(nodes) == [made, "1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0002"]
    assert (nodes[made].level, nodes[made].parent_code) == (Level.PROGRAM, first.code)
    assert nodes["1.02.02.2.02"].parent_code == made
    assert [i.name for i in nodes["1.02.02.2.02.0002"].indicators] == [
        "Jumlah ibu bersalin dilayani",
        "Jumlah dokumen persalinan",
    ]
    assert (
        nodes["1.02.02.2.02.0001"].pagu == 450_000_000 and nodes["1.02.02.2.02.0001"].official == "Kepala Seksi Kesga"
    )
    assert [what for _, _, what in summary.read.rows] == [
        f"sasaran {first.code}; simpul: {made} (kode dibuat); simpul: 1.02.02.2.02; simpul: 1.02.02.2.02.0001; "
        f"indikator: {made}; indikator: 1.02.02.2.02; indikator: 1.02.02.2.02.0001",
        "simpul: 1.02.02.2.02.0002; indikator: 1.02.02.2.02.0002",
        "indikator: 1.02.02.2.02.0002",
    ]
    saved = tree_frame(treeless_store, 2026).set_index("code")
    assert saved.loc[made, "parent_code"] == first.code
    assert saved.loc[made, "indicator_name"] == "Persentase faskes sesuai standar" and pd.isna(
        saved.loc[made, "target"]
    )
    assert saved.loc["1.02.02.2.02.0001", "target"] == "1250", "the row's target is its deepest indicator's"


def test_a_matrix_with_the_regions_levels_puts_the_plans_sasaran_under_them(treeless_store):
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(treeless_store, 2026)[0]
    book = Workbook()
    sheet = book.active
    sheet.append(["Sasaran RPJMD", "Indikator Sasaran RPJMD", "Tujuan Perangkat Daerah", "Indikator Tujuan",
                  "Sasaran Strategis", "Indikator Sasaran", "Program", "Indikator Program", "Target", "Satuan"])  # fmt: skip
    sheet.append(["Meningkatnya kualitas SDM", "Indeks Pembangunan Manusia", "Meningkatnya derajat kesehatan",
                  "Usia Harapan Hidup", first.name, "IKM", "1.02.02 Program Pemenuhan Upaya Kesehatan",
                  "Persentase faskes terakreditasi", "100", "%"])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    summary = import_cascade(treeless_store, 2026, buffer.getvalue(), "matriks.xlsx")
    assert [(n.code, n.level, n.parent_code) for n in summary.read.nodes] == [
        ("SP1", Level.SASARAN_PEMDA, None),
        ("SP1.1", Level.TUJUAN_OPD, "SP1"),
        ("1.02.02", Level.PROGRAM, first.code),
    ]
    assert f"indikator sasaran {first.code}: dari Perjanjian Kinerja" in summary.read.rows[0][2]
    saved = tree_frame(treeless_store, 2026).drop_duplicates("code").set_index("code")
    assert saved.loc[first.code, "parent_code"] == "SP1.1"
    assert saved.loc["SP1", "indicator_name"] == "Indeks Pembangunan Manusia"
