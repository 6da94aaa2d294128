"""Kemendagri codes (Kepmendagri 050-5889/2021, the nomenclature SIPD uses) and what they say of a
node: ``1.02`` urusan and bidang, ``1.02.02`` program, ``1.02.02.2.01`` kegiatan,
``1.02.02.2.01.0003`` sub-kegiatan. A code carries its parent: the kegiatan of a sub-kegiatan is its
first five parts. Programmes that support every office are coded ``X.XX.01``."""

from __future__ import annotations

import re

from kinerja.cascade.tree import Level

# a code, then (after a space, dash or colon) the name, as SIPD exports put both in one cell
_CODE_AND_NAME = re.compile(r"^\s*((?:[0-9]+|[xX]{1,2})(?:\.(?:[0-9]+|[xX]{1,2}))+)\.?(?:\s*[-–:]\s*|\s+|$)(.*)$", re.S)
_LEVEL_BY_PARTS = {3: Level.PROGRAM, 5: Level.KEGIATAN, 6: Level.SUB_KEGIATAN}


def split_code(text: str) -> tuple[str | None, str]:
    """``"1.02.02.2.01.0003 Pengelolaan …"`` → ``("1.02.02.2.01.0003", "Pengelolaan …")``; a text with
    no code in front → ``(None, text)``. Spaces are tidied; the code's ``x`` is written ``X``."""
    found = _CODE_AND_NAME.match(str(text))
    if not found:
        return None, " ".join(str(text).split())
    return found.group(1).upper(), " ".join(found.group(2).split())


_CODE = re.compile(r"^(?:[0-9]+|X{1,2})(?:\.(?:[0-9]+|X{1,2}))+$")


def is_kemendagri(code: str) -> bool:
    """Whether ``code`` is written as a Kemendagri code ("1.02.02", "X.XX.01"), not one made for
    a node the sheet gave none ("S1.2", "T3")."""
    return _CODE.match(code) is not None


def level_of(code: str) -> Level | None:
    """The level a Kemendagri code names by its number of parts (None for urusan/bidang or an
    unknown shape)."""
    return _LEVEL_BY_PARTS.get(len(code.split(".")))


def parent_code(code: str) -> str | None:
    """The code of the node above in the nomenclature: a sub-kegiatan's kegiatan, a kegiatan's
    program; a program's parent is a sasaran, which has no Kemendagri code (None)."""
    level = level_of(code)
    if level is Level.SUB_KEGIATAN:
        return ".".join(code.split(".")[:5])
    if level is Level.KEGIATAN:
        return ".".join(code.split(".")[:3])
    return None


# the first letters of a code made for a node the sheet gives no code ("T1", "SP2"; under a parent: "S1.2")
_MADE_PREFIX = {
    Level.TUJUAN_PEMDA: "TP",
    Level.SASARAN_PEMDA: "SP",
    Level.TUJUAN_OPD: "T",
    Level.SASARAN_OPD: "S",
    Level.PROGRAM: "P",
    Level.KEGIATAN: "K",
    Level.SUB_KEGIATAN: "SK",
    Level.RHK: "R",
}


def made_code(parent: str | None, level: Level, number: int) -> str:
    """A code for the ``number``-th node without one under ``parent`` (or at the top): "T3" at the
    top, "S1.2" under a made or plan code, and under a Kemendagri code the level's letters in front
    ("K1.02.02.1" for a kegiatan under program 1.02.02, "SK1.02.02.2.02.1" for a sub-kegiatan), so
    that a made code never reads as a Kemendagri code and a later file's real code can replace it."""
    if parent is None:
        return f"{_MADE_PREFIX[level]}{number}"
    if is_kemendagri(parent):
        return f"{_MADE_PREFIX[level]}{parent}.{number}"
    return f"{parent}.{number}"
