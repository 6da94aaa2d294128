"""The cells a large file is made of ('85', '74,1', blanks, numbers, plain names) read at once, as
the general rules read them: a plain figure, the column's decimal mark, a figure that reads two ways."""

from __future__ import annotations

import math

import pytest

from kinerja.domain.achievement import Target
from kinerja.domain.numbers import parse_number, read_by_mark
from kinerja.domain.vocabulary import parse_target
from kinerja.workbook.cells import has_markup


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("85", None, 85.0),
        ("74,1", None, 74.1),
        ("0,5", ",", 0.5),
        ("1,200", None, 1.2),  # the Indonesian way, reported elsewhere as reading two ways
        ("1,200", ",", 1.2),
        ("1,200", ".", 1200.0),  # a column of '85.5': a thousands comma
        ("1.200", None, 1200.0),
        ("", None, None),
        ("  ", None, None),
        ("-", None, None),
        ("Belum Rilis", None, None),
        (12.5, None, 12.5),
    ],
)
def test_parse_number_reads_common_cells(text, decimal, expected):
    assert parse_number(text, decimal) == expected


@pytest.mark.parametrize(
    ("value", "mark", "expected"),
    [
        ("74,1", ",", 74.1),
        ("50", ".", 50.0),
        ("1,200", ".", 1200.0),
        ("74,1", ".", "74,1"),  # written against the column's mark: left for its reader to refuse
        ("80 - 90", ",", "80 - 90"),
        ("", ",", ""),
        (3.0, ",", 3.0),
    ],
)
def test_read_by_mark_reads_a_column_of_figures(value, mark, expected):
    assert read_by_mark(value, mark) == expected


def test_a_number_cell_is_a_target_and_nan_is_none():
    assert parse_target(74.1) == Target(74.1)
    assert parse_target(math.nan) is None
    assert parse_target("80 - 90") == Target(80.0, 90.0)


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("Persentase persalinan di fasilitas kesehatan", False),
        ("< 5 tahun", False),
        ("<b>tebal</b>", True),
        ("JavaScript:alert(1)", True),
        ("[tautan](http://contoh.id)", True),
        ("Rasio: 1 banding 2", False),
    ],
)
def test_markup_is_found_with_or_without_the_quick_look(text, markup):
    assert has_markup(text) is markup
