"""Indonesian numbers in, Indonesian numbers out."""

import datetime as dt

import pytest

from kinerja.domain.numbers import decimal_mark, fmt_date, fmt_number, fmt_percent, fmt_rupiah, parse_number, readings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),
        ("85,5%", 85.5),
        ("85,5 %", 85.5),
        ("Rp 1.250.000", 1250000.0),
        ("Rp. 1.250.000,00", 1250000.0),
        ("1.234", 1234.0),
        ("1.234.567", 1234567.0),
        ("0.85", 0.85),
        ("0.6299999999999999", 0.6299999999999999),
        ("1,234.5", 1234.5),
        ("12", 12.0),
        ("-3,5", -3.5),
        (" 7 ", 7.0),
        ("\u00a01.000\u00a0", 1000.0),
        (85.5, 85.5),
        (3, 3.0),
        ("0.850", 0.85),
        ("-", None),
        ("–", None),
        ("Belum Rilis", None),
        ("belum  tersedia", None),
        ("n/a", None),
        ("", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["sembilan", "12 orang lebih", "1.23.4", "#DIV/0!", "85%%x"])
def test_parse_number_refuses_text(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_formatting_for_the_id_locale():
    assert fmt_number(1234.5) == "1.234,5"
    assert fmt_number(None) == "–"
    assert fmt_percent(85.5) == "85,5%"
    assert fmt_percent(float("inf")) == "∞"
    assert fmt_rupiah(1250000) == "Rp 1.250.000"
    assert fmt_rupiah(1_240_000_000, compact=True) == "Rp 1,2 M"
    assert fmt_rupiah(850_000_000, compact=True) == "Rp 850 jt"
    assert fmt_date(dt.date(2026, 11, 25)) == "25 November 2026"


def test_message_numbers_match_babel_for_ordinary_values():
    from kinerja.domain.numbers import message_number

    for value in (0, 7, 14.8, 1234.5, 1_250_000, 0.85, 83.25, -3.5, 100.0):
        assert message_number(value) == fmt_number(value), value


def test_plain_numbers_print_as_babel_prints_them():
    """A plan's targets are written back into its sheet as people type them; the fast formatting
    must read exactly as Babel's pattern, on every kind of number a plan holds."""
    import random

    from babel.numbers import parse_pattern

    from kinerja.domain.numbers import LOCALE, plain_number

    pattern, draw = parse_pattern("0.######"), random.Random(20261205)
    values = [0.0, -0.0, 5e-7, 4e-7, 2.5e-6, 1e20, 123456789.123456789, 14.3, 0.1 + 0.2]
    values += [draw.gauss(0, 10 ** draw.randint(-3, 9)) for _ in range(5000)]
    values += [round(draw.uniform(0, 100), draw.randint(0, 4)) for _ in range(5000)]
    for value in values:
        assert plain_number(value) == pattern.apply(round(value, 6), LOCALE), value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11.713", (11713.0, 11.713)),
        ("10,274", (10.274, 10274.0)),
        ("-11.713", (-11713.0, -11.713)),
        ("Rp 1.250", (1250.0, 1.25)),
        ("11.58", None),
        ("0.850", None),
        ("10,274,076", None),
        ("1.234,5", None),
        (11.713, None),
    ],
)
def test_readings_of_a_text_that_can_be_two_numbers(text, expected):
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("texts", "mark"),
    [
        (["11.713", "11.58", "10,274,076", 97.6], "."),
        (["1.234", "97,6"], ","),
        (["1.234.567", "5"], ","),
        (["1.234"], None),
        (["97.6", "97,6"], None),
        ([None, "", "Belum Rilis"], None),
    ],
)
def test_a_columns_decimal_mark_comes_from_its_unambiguous_numbers(texts, mark):
    assert decimal_mark(texts) == mark


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("11.713", ".", 11.713),
        ("11.713", ",", 11713.0),
        ("10,274", ".", 10274.0),
        ("10,274", ",", 10.274),
        ("1.234,5", ".", 1234.5),
    ],
)
def test_a_known_decimal_mark_decides_an_ambiguous_text(text, decimal, expected):
    assert parse_number(text, decimal) == expected


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
    """The cells a large file is made of, read at once as the general rules read them."""
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
    from kinerja.domain.numbers import read_by_mark

    assert read_by_mark(value, mark) == expected


def test_a_number_cell_is_a_target_and_nan_is_none():
    import math

    from kinerja.domain.achievement import Target
    from kinerja.domain.vocabulary import parse_target

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
    from kinerja.workbook.cells import has_markup

    assert has_markup(text) is markup
