"""A branch of the pohon kinerja printed on one A4 landscape page."""

from tests.trees import (
    sipd_list,
)


def test_the_printed_tree_is_one_a4_landscape_page_down_to_a_readable_row(treeless_store):
    import re as regex

    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.stored import node_frame
    from kinerja.reporting.tree_printing import printable, tree_figure, tree_pdf

    import_cascade(treeless_store, 2026, sipd_list(), "renja-2026.xlsx")
    nodes = node_frame(treeless_store, 2026, 2)
    narrow = printable(nodes, row=4)  # the five sasaran make a row wider than four boxes
    assert set(narrow["level"]) == {"tujuan_opd"}, "a row of more boxes than fit is left out"
    assert narrow.set_index("code")["hidden"].sum() == len(nodes) - 2, "and said to be under its tujuan"
    assert set(printable(nodes)["level"]) == {"tujuan_opd", "sasaran_opd", "program", "kegiatan", "sub_kegiatan"}
    under = printable(nodes, "1.02.02.2.02", row=1)
    assert under["code"].tolist() == ["1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0002"], (
        "a branch prints its first row under it, however wide"
    )
    pdf = tree_pdf(treeless_store, 2026, 2)
    assert pdf.startswith(b"%PDF") and len(regex.findall(rb"/Type\s*/Page\b", pdf)) == 1
    boxes = [tuple(float(v) for v in box.split()) for box in regex.findall(rb"/MediaBox\s*\[([^\]]+)\]", pdf)]
    assert boxes and all(round(w - x) == 842 and round(h - y) == 596 for x, y, w, h in boxes), "A4 landscape, in points"
    # as offices draw it: each box with its indicators and targets, its official and its pagu (its sub-kegiatan's)
    page = " ".join(note.text for note in tree_figure(treeless_store, 2026, 2, "1.02.02").layout.annotations)
    assert "• Jumlah ibu hamil yang mendapatkan pelayanan" in page and "1.250 orang" in page
    assert "Pagu Rp 450.000.000" in page and "Pagu Rp 830.500.000" in page, "the kegiatan: its two sub-kegiatan"
