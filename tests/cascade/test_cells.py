"""What the tree's readers share: a target read as people write it, in sheets and in the editor."""

import pytest


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1.250", (1250, None, None)),
        ("72,5", (72.5, None, None)),
        (85, (85, None, None)),
        ("80 - 90", (80, 90, None)),
        ("1.000–1.500", (1000, 1500, None)),
        ("WTP", (None, None, "WTP")),
        ("A (Sangat Baik)", (None, None, "A (Sangat Baik)")),
        ("", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_a_target_is_read_as_people_write_it_in_sheets_and_in_the_editor(written, read):
    from kinerja.cascade.cells import target_value

    assert target_value(written) == read
