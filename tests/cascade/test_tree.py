"""The pohon kinerja's levels: what may hang under what."""

import pytest

from kinerja.cascade.tree import Level, may_hang_under


@pytest.mark.parametrize(
    ("level", "parent", "allowed"),
    [
        (Level.PROGRAM, Level.SASARAN_OPD, True),
        (Level.KEGIATAN, Level.PROGRAM, True),
        (Level.SUB_KEGIATAN, Level.KEGIATAN, True),
        (Level.SUB_KEGIATAN, Level.PROGRAM, False),
        (Level.KEGIATAN, Level.SASARAN_OPD, False),
        (Level.SASARAN_OPD, Level.SASARAN_PEMDA, True),
        (Level.TUJUAN_PEMDA, None, True),
        (Level.PROGRAM, None, False),
    ],
)
def test_what_may_hang_under_what(level, parent, allowed):
    assert may_hang_under(level, parent) is allowed
