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


NODES = [  # code, parent, level, pagu (the sub-kegiatan's own)
    ("S1", None, "sasaran_opd", None),
    ("S2", None, "sasaran_opd", None),
    ("1.02.01", "S1", "program", None),
    ("1.02.02", "S2", "program", None),
    ("1.02.01.2.01", "1.02.01", "kegiatan", None),
    ("1.02.02.2.01", "1.02.02", "kegiatan", None),
    ("1.02.01.2.02", "1.02.01", "kegiatan", None),
    ("1.02.01.2.01.0001", "1.02.01.2.01", "sub_kegiatan", 150_000_000.0),
    ("1.02.01.2.02.0001", "1.02.01.2.02", "sub_kegiatan", 90_000_000.0),
    ("1.02.02.2.01.0001", "1.02.02.2.01", "sub_kegiatan", 40_000_000.0),
    ("1.02.03", "S1", "program", None),  # a program listed after its sasaran's kegiatan
]


def _tree():
    import pandas as pd

    from kinerja.cascade.budget import with_totals

    frame = pd.DataFrame(NODES, columns=["code", "parent_code", "level", "pagu"])
    return with_totals(frame.assign(name=[f"Nama {c}" for c in frame["code"]], spending=None))


def _alone(tree, code: str):
    """How each sasaran's list was made before: its own branch, drawn whole."""
    from kinerja.cascade.export import depth_first
    from kinerja.cascade.stored import branch

    under = depth_first(branch(tree, code, limit=len(tree)))
    return under[under["level"].isin(["program", "kegiatan"])]


def test_each_sasaran_lists_what_its_own_branch_lists_in_the_same_order():
    """Bab III (7) worked out once for the whole tree: each sasaran's rows, order and pagu the same
    as its own branch drawn alone."""
    from kinerja.reporting.lkjip import _Supporting

    tree = _tree()
    supporting = _Supporting(tree)
    for code in ("S1", "S2"):
        columns = ["code", "name", "level", "pagu_total"]
        assert supporting.under(code)[columns].values.tolist() == _alone(tree, code)[columns].values.tolist()
    assert supporting.under("S1")["code"].tolist() == ["1.02.01", "1.02.01.2.01", "1.02.01.2.02", "1.02.03"]
    assert supporting.under("S1")["pagu_total"].tolist() == [240_000_000.0, 150_000_000.0, 90_000_000.0, 0.0]


def test_a_year_without_a_tree_lists_nothing_from_it():
    from kinerja.reporting.lkjip import _Supporting

    empty = _tree().iloc[0:0]
    assert "S1" not in _Supporting(empty).codes
