"""What a file is, decided once for every place that takes one (the Pohon Kinerja page's import, the
command line's ``import-plan``): the national nomenclature, a Kertas Kerja Cascading, a SIPD-style
list, quarterly data, a plan (PK / Rencana Aksi), a tree drawn as boxes of cells, or a tree drawn
only with text boxes (shapes). A file may be read as several (a quarterly template also holds a
plan's columns): ``Recognised.kinds`` lists all, the first is what the file is; each caller reads it
as the first kind it takes, or tells the person what the file is and where it goes instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kinerja.cascade.drawn import is_drawn
from kinerja.cascade.nomenclature import is_nomenclature
from kinerja.cascade.reading import CASCADE_COLUMNS, read_cascade
from kinerja.cascade.shapes import text_boxes
from kinerja.cascade.tree import Level
from kinerja.cascade.worksheet import matrix_tables
from kinerja.collection.datafile import DATA_COLUMNS, MONTH_FIGURE_KEYS
from kinerja.domain.problems import Problem
from kinerja.planning.rows import PLAN_COLUMNS, PROGRAMME_COLUMNS
from kinerja.workbook.renja_form import read_renja_form
from kinerja.workbook.screening import upload_name
from kinerja.workbook.spreadsheet import Sheet, SpreadsheetError, Table, find_tables, read_sheets, visible


class FileKind(StrEnum):
    """What a file is, in the order a file that is several is taken as."""

    NOMENCLATURE = "nomenklatur"
    KERTAS_KERJA = "kertas kerja"
    SIPD_LIST = "daftar sipd"
    QUARTERLY = "data triwulan"
    PLAN = "rencana"
    DRAWING = "gambar pohon"
    SHAPES = "gambar shape"
    UNKNOWN = "tidak dikenal"

    @property
    def word(self) -> str:
        return _WORDS[self]


_WORDS = {
    FileKind.NOMENCLATURE: "nomenklatur Kemendagri (daftar urusan, program, kegiatan dan sub kegiatan)",
    FileKind.KERTAS_KERJA: "Kertas Kerja Cascading (satu kolom per tingkat)",
    FileKind.SIPD_LIST: "daftar program/kegiatan/sub kegiatan berkode Kemendagri (SIPD)",
    FileKind.QUARTERLY: "data triwulan (kolom Realisasi)",
    FileKind.PLAN: "rencana kinerja (tabel Indikator Kinerja dan Target)",
    FileKind.DRAWING: "gambar pohon kinerja (kotak sel)",
    FileKind.SHAPES: "gambar pohon kinerja dari kotak teks (shape)",
    FileKind.UNKNOWN: "berkas yang tidak dikenali",
}
# where a file of each kind goes, for a place that does not take it
_GOES = {
    FileKind.NOMENCLATURE: "muat sebagai rujukan dengan perintah python -m kinerja nomenklatur BERKAS atau di "
    "halaman Pengaturan",
    FileKind.QUARTERLY: "unggah di halaman Unggah Data atau dengan perintah python -m kinerja import",
    FileKind.PLAN: "unggah di halaman Perencanaan atau dengan perintah python -m kinerja import-plan",
    FileKind.KERTAS_KERJA: "impor di halaman Pohon Kinerja",
    FileKind.SIPD_LIST: "impor di halaman Pohon Kinerja",
    FileKind.DRAWING: "impor di halaman Pohon Kinerja",
}
CASCADE_KINDS = (FileKind.KERTAS_KERJA, FileKind.SIPD_LIST, FileKind.DRAWING)
PLAN_KINDS = (*CASCADE_KINDS, FileKind.PLAN)  # import-plan: a cascade, else a plan
# a matrix with these level columns is a cascade; Tujuan and Sasaran alone are a PK's columns
_MATRIX_LEVELS = {
    f"level:{level}"
    for level in (Level.TUJUAN_PEMDA, Level.SASARAN_PEMDA, Level.PROGRAM, Level.KEGIATAN, Level.SUB_KEGIATAN)
}
_FIGURES = {"value", "numerator", "r1", "r2", "r3", "r4", *MONTH_FIGURE_KEYS}


@dataclass(frozen=True)
class Recognised:
    """What a file was recognised as: every kind it may be read as (the first is what it is), the
    sheets where the first was seen, and the text boxes (shapes) of each sheet."""

    file_name: str
    kinds: tuple[FileKind, ...] = ()
    sheets: tuple[str, ...] = ()
    shapes: dict[str, int] = field(default_factory=dict)

    @property
    def kind(self) -> FileKind:
        return self.kinds[0] if self.kinds else FileKind.UNKNOWN

    def read_as(self, accepted: tuple[FileKind, ...]) -> FileKind | None:
        """The first of its kinds a place that takes ``accepted`` reads it as (UNKNOWN: let the
        place's reader say what it misses); None: it is not for that place."""
        if not self.kinds:
            return FileKind.UNKNOWN
        return next((kind for kind in self.kinds if kind in accepted), None)

    def said(self) -> str:
        """ "gambar pohon kinerja (kotak sel) di sheet Pohon Kinerja" """
        where = f" di sheet {', '.join(self.sheets)}" if self.sheets else ""
        return f"{self.kind.word}{where}"

    def refusal(self, accepted: tuple[FileKind, ...]) -> Problem | None:
        """Why a place that takes ``accepted`` does not read the file, and where it goes instead."""
        if self.read_as(accepted) is not None:
            return None
        sheet = self.sheets[0] if len(self.sheets) == 1 else None
        if self.kind is FileKind.SHAPES:
            boxes = sum(self.shapes.get(s, 0) for s in self.sheets)
            return Problem(
                f"Pohon kinerja di sheet {', '.join(self.sheets)} dibuat dengan kotak teks (shape): {boxes} kotak "
                "teks yang isinya tidak tersimpan di sel sehingga tidak dapat dibaca; ekspor sebagai Kertas Kerja "
                "Cascading (satu kolom per tingkat: Sasaran, Program, Kegiatan, Sub Kegiatan, masing-masing dengan "
                'indikatornya) atau isi teks setiap kotak di sel ("Sasaran : …", "Indikator : …"), lalu unggah lagi',
                self.file_name,
                sheet,
            )
        return Problem(f"Berkas ini {self.said()}: {_GOES[self.kind]}", self.file_name, sheet)


def file_kind(content: bytes, file_name: str) -> Recognised:
    """What ``file_name`` is (see the module's docstring). A file no reader can open is UNKNOWN:
    the reader it goes to says why."""
    name = upload_name(file_name)
    try:
        sheets = visible(read_sheets(content, name))
    except SpreadsheetError:
        return Recognised(name)
    if found := [s.name for s in sheets if is_nomenclature([s])]:  # the nomenclature's own test
        return Recognised(name, (FileKind.NOMENCLATURE,), tuple(found))
    seen: dict[FileKind, list[str]] = {}
    for sheet in sheets:
        for kind in _kinds_of(sheet):
            seen.setdefault(kind, []).append(sheet.name)
    order = list(FileKind)
    if FileKind.SIPD_LIST in seen and not _has_kegiatan(content, name):
        order.remove(FileKind.SIPD_LIST)  # programs with indicators: a plan first (a PK's programmes), else a list
        order.insert(order.index(FileKind.PLAN) + 1, FileKind.SIPD_LIST)
    boxes = {sheet: len(texts) for sheet, texts in text_boxes(content).items()}
    drawn = [s.name for s in sheets if s.name in boxes and boxes[s.name] >= 2 and s.name not in _sheets_of(seen)]
    if drawn:
        seen[FileKind.SHAPES] = drawn
    kinds = tuple(kind for kind in order if kind in seen)
    return Recognised(name, kinds, tuple(seen[kinds[0]]) if kinds else (), boxes)


def _kinds_of(sheet: Sheet) -> list[FileKind]:
    if read_renja_form(sheet) is not None:  # Permendagri 86's form: the year's targets and its quarters
        return [FileKind.QUARTERLY, FileKind.PLAN]
    kinds = []
    if any(_MATRIX_LEVELS & t.columns.keys() and not _programme_table(t) for t in matrix_tables(sheet)):
        kinds.append(FileKind.KERTAS_KERJA)
    elif find_tables(sheet, CASCADE_COLUMNS):
        kinds.append(FileKind.SIPD_LIST)
    if any(
        {"code", "name"} & t.columns.keys() and _FIGURES & t.columns.keys()
        for t in find_tables(sheet, DATA_COLUMNS, min_matches=2)
    ):
        kinds.append(FileKind.QUARTERLY)
    if find_tables(sheet, PLAN_COLUMNS) or find_tables(sheet, PROGRAMME_COLUMNS):
        kinds.append(FileKind.PLAN)
    if not kinds and is_drawn(sheet):  # "Sasaran : …" over a table's rows are its headings, not boxes
        kinds.append(FileKind.DRAWING)
    return kinds


def _programme_table(table: Table) -> bool:
    """A plan's programme sheet (Kode Program | Program | Anggaran | Sasaran Strategis | Penanggung
    Jawab, as the plan template writes it) has a Program and a Sasaran column, as a matrix does, but
    no indicator and no level under the program: a plan's, never a Kertas Kerja."""
    levels = {key for key in table.columns if key.startswith("level:")}
    below = {f"level:{Level.KEGIATAN}", f"level:{Level.SUB_KEGIATAN}"}
    indicators = any(label.startswith(("indikator", "ik ")) for label in table.labels.values())
    return f"level:{Level.PROGRAM}" in levels and not levels & below and not indicators


def _sheets_of(seen: dict[FileKind, list[str]]) -> set[str]:
    return {sheet for sheets in seen.values() for sheet in sheets}


def _has_kegiatan(content: bytes, file_name: str) -> bool:
    """Whether a list's rows read as kegiatan or sub-kegiatan (Kemendagri codes of five parts or six)."""
    return any(node.level in (Level.KEGIATAN, Level.SUB_KEGIATAN) for node in read_cascade(content, file_name).nodes)
