"""The LKjIP's programs and kegiatan under each sasaran (Bab III, 7), worked out once for the whole
tree: each sasaran's rows, order and pagu the same as its own branch drawn alone."""

from __future__ import annotations

import pandas as pd

from kinerja.cascade.budget import with_totals
from kinerja.cascade.export import depth_first
from kinerja.cascade.stored import branch
from kinerja.reporting.lkjip import _Supporting

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


def _tree() -> pd.DataFrame:
    frame = pd.DataFrame(NODES, columns=["code", "parent_code", "level", "pagu"])
    return with_totals(frame.assign(name=[f"Nama {c}" for c in frame["code"]], spending=None))


def _alone(tree: pd.DataFrame, code: str) -> pd.DataFrame:
    """How each sasaran's list was made before: its own branch, drawn whole."""
    under = depth_first(branch(tree, code, limit=len(tree)))
    return under[under["level"].isin(["program", "kegiatan"])]


def test_each_sasaran_lists_what_its_own_branch_lists_in_the_same_order():
    tree = _tree()
    supporting = _Supporting(tree)
    for code in ("S1", "S2"):
        columns = ["code", "name", "level", "pagu_total"]
        assert supporting.under(code)[columns].values.tolist() == _alone(tree, code)[columns].values.tolist()
    assert supporting.under("S1")["code"].tolist() == ["1.02.01", "1.02.01.2.01", "1.02.01.2.02", "1.02.03"]
    assert supporting.under("S1")["pagu_total"].tolist() == [240_000_000.0, 150_000_000.0, 90_000_000.0, 0.0]


def test_a_year_without_a_tree_lists_nothing_from_it():
    empty = _tree().iloc[0:0]
    assert "S1" not in _Supporting(empty).codes
