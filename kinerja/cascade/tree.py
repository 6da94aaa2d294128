"""The tree's shape: its levels, what may sit under what, and the kinds of indicator each level
carries (PermenPAN-RB 89/2021; DOMAIN.md, "Pohon kinerja")."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """A node's level, from the region's goals down to the individual's work result."""

    TUJUAN_PEMDA = "tujuan_pemda"
    SASARAN_PEMDA = "sasaran_pemda"
    TUJUAN_OPD = "tujuan_opd"
    SASARAN_OPD = "sasaran_opd"
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"
    RHK = "rhk"

    @property
    def word(self) -> str:
        return LEVEL_WORD[self]


LEVEL_WORD = {
    Level.TUJUAN_PEMDA: "Tujuan Pemda",
    Level.SASARAN_PEMDA: "Sasaran Pemda",
    Level.TUJUAN_OPD: "Tujuan Perangkat Daerah",
    Level.SASARAN_OPD: "Sasaran Perangkat Daerah",
    Level.PROGRAM: "Program",
    Level.KEGIATAN: "Kegiatan",
    Level.SUB_KEGIATAN: "Sub Kegiatan",
    Level.RHK: "Rencana Hasil Kerja",
}

# the levels a node of each level may hang under (None: it may stand at the top)
PARENTS: dict[Level, tuple[Level | None, ...]] = {
    Level.TUJUAN_PEMDA: (None,),
    Level.SASARAN_PEMDA: (Level.TUJUAN_PEMDA,),
    Level.TUJUAN_OPD: (Level.SASARAN_PEMDA, None),
    Level.SASARAN_OPD: (Level.TUJUAN_OPD, Level.SASARAN_PEMDA),
    Level.PROGRAM: (Level.SASARAN_OPD,),
    Level.KEGIATAN: (Level.PROGRAM,),
    Level.SUB_KEGIATAN: (Level.KEGIATAN,),
    Level.RHK: (Level.SASARAN_OPD, Level.PROGRAM, Level.KEGIATAN, Level.SUB_KEGIATAN),
}


class IndicatorKind(StrEnum):
    """What an indicator measures at its level: the impact of a sasaran (IKU), the outcome of a
    program, the output of a kegiatan or sub-kegiatan."""

    IKU = "iku"
    OUTCOME = "outcome"
    OUTPUT = "output"


KIND_OF_LEVEL = {
    Level.TUJUAN_PEMDA: IndicatorKind.IKU,
    Level.SASARAN_PEMDA: IndicatorKind.IKU,
    Level.TUJUAN_OPD: IndicatorKind.OUTCOME,
    Level.SASARAN_OPD: IndicatorKind.IKU,
    Level.PROGRAM: IndicatorKind.OUTCOME,
    Level.KEGIATAN: IndicatorKind.OUTPUT,
    Level.SUB_KEGIATAN: IndicatorKind.OUTPUT,
    Level.RHK: IndicatorKind.OUTPUT,
}


def may_hang_under(level: Level, parent: Level | None) -> bool:
    """Whether a node of ``level`` may have a parent of level ``parent`` (None: no parent)."""
    return parent in PARENTS[level]
