"""Kemendagri codes: the level and the parent a code says."""

import pytest

from kinerja.cascade.codes import level_of, parent_code, split_code
from kinerja.cascade.tree import Level


@pytest.mark.parametrize(
    ("text", "code", "name", "level", "parent"),
    [
        ("1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN", "1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", Level.PROGRAM, None),
        ("1.02.02.2.01 Penyediaan Fasilitas Pelayanan Kesehatan", "1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan", Level.KEGIATAN, "1.02.02"),
        ("1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", "1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", Level.SUB_KEGIATAN, "1.02.02.2.02"),
        ("1.02.02.2.02.0001 - Pengelolaan  Pelayanan\nKesehatan Ibu Hamil", "1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", Level.SUB_KEGIATAN, "1.02.02.2.02"),
        ("x.xx.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "X.XX.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", Level.PROGRAM, None),
        ("1.02 URUSAN PEMERINTAHAN BIDANG KESEHATAN", "1.02", "URUSAN PEMERINTAHAN BIDANG KESEHATAN", None, None),
        ("Pengelolaan Pelayanan Kesehatan Ibu Hamil", None, "Pengelolaan Pelayanan Kesehatan Ibu Hamil", None, None),
        ("Persentase 100.5 ibu hamil", None, "Persentase 100.5 ibu hamil", None, None),
    ],
)  # fmt: skip
def test_kemendagri_codes_say_the_level_and_the_parent(text, code, name, level, parent):
    assert split_code(text) == (code, name)
    if code:
        assert level_of(code) == level
        assert parent_code(code) == parent
