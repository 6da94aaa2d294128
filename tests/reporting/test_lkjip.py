"""The LKjIP's pohon kinerja: the tree and the programs under each sasaran."""

import io

from tests.trees import (
    sipd_list,
)


def test_the_lkjip_shows_the_tree_and_names_the_programs_under_each_sasaran(treeless_store, tmp_path):
    from docx import Document

    from kinerja.cascade.importing import import_cascade
    from kinerja.reporting.lkjip import annual_docx

    import_cascade(treeless_store, 2026, sipd_list(), "renja-2026.xlsx")  # the program serves S1
    document = Document(io.BytesIO(annual_docx(treeless_store, 2026, cache_dir=tmp_path / "grafik")))
    texts = [p.text for p in document.paragraphs]
    assert "C. Pohon Kinerja (Cascading)" in texts
    assert any(
        t.startswith("Pohon kinerja tahun 2026 memuat 2 tujuan, 5 sasaran, 1 program, 1 kegiatan, 2 sub kegiatan")
        for t in texts
    )
    cascade = next(t for t in document.tables if t.rows[0].cells[0].text == "Tingkat")
    listed = [(r.cells[1].text, r.cells[3].text) for r in cascade.rows[1:]]
    s1 = [code for code, _ in listed].index("S1")
    assert listed[s1 + 1 : s1 + 3] == [("1.02.02", "Rp 830.500.000"), ("1.02.02.2.02", "Rp 830.500.000")]
    seventh = texts.index("7. Program dan kegiatan yang mendukung")  # sasaran 1's analysis
    assert (
        texts[seventh + 1]
        == "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT: pagu Rp 830.500.000."
    )
