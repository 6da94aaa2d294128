"""What a file is: a table is read before a drawing, and the drawing is said to be left."""

import io

from openpyxl import Workbook

from kinerja.cascade.reading import read_cascade
from tests.trees import (
    TWO_WAYS,
    drawn_tree,
    kertas_kerja_matrix,
)


def test_a_table_is_read_before_a_drawing_and_the_drawing_is_said_to_be_left(treeless_store):
    from openpyxl import load_workbook

    from kinerja.cascade.importing import plan_sasaran_nodes

    first = plan_sasaran_nodes(treeless_store, 2026)[0]
    book = load_workbook(io.BytesIO(drawn_tree(first.name)))  # the drawing, then the office's worksheet beside it
    matrix = load_workbook(io.BytesIO(kertas_kerja_matrix(first.name))).active
    beside = book.create_sheet("Kertas Kerja")
    for row in matrix.iter_rows(values_only=True):
        beside.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    found = read_cascade(buffer.getvalue(), "pohon-dan-kertas-kerja.xlsx", {first.name: first.code})
    codes = {n.code for n in found.nodes}
    assert codes >= {"1.02.02.2.02.0001", "1.02.02.2.02.0002"} and "K1.02.02.1" not in codes, "the drawing's box E14"
    assert ("Pohon Kinerja", 1, "dilewati: gambar pohon; pohon dibaca dari tabel di sheet Kertas Kerja") in found.rows

    dpa = Workbook()  # a DPA-like sheet: "Program :" and "Kegiatan :" above the sub-kegiatan table
    sheet = dpa.active
    sheet.append(["Program : 1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN"])
    sheet.append(["Kegiatan : 1.02.02.2.02 Penyediaan Layanan Kesehatan"])
    sheet.append([])
    sheet.append(["Sub Kegiatan", "Indikator Kinerja", "Target", "Pagu (Rp)"])
    sheet.append(["1.02.02.2.02.0001 Pelayanan Ibu Hamil", "Jumlah ibu hamil", "1.250", "450.000.000"])
    buffer = io.BytesIO()
    dpa.save(buffer)
    read = read_cascade(buffer.getvalue(), "dpa.xlsx")
    assert [n.code for n in read.nodes] == ["1.02.02.2.02.0001"]
    assert [p.message for p in read.problems] == [TWO_WAYS]  # the only figure: no mark shown
