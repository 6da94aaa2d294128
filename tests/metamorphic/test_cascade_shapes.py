"""The pohon kinerja in every shape Kinerja reads (a SIPD list, a Kertas Kerja matrix, a tree drawn
as boxes of cells), each content drawn in the layouts offices use: the tree read (nodes, parents,
indicators with their targets, pagu) is the same in every layout; one save confirms that the stored
tree is what was read."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace

import pytest

from kinerja.cascade.importing import import_cascade
from kinerja.cascade.reading import CascadeRead, read_cascade
from kinerja.cascade.stored import tree_frame
from tests.bureau_drawings import SASARAN as BUREAU_NAMES
from tests.bureau_drawings import STYLES, bureau_drawing
from tests.metamorphic.layout import (
    ALL,
    COMMON,
    EVERYTHING,
    INSTRUCTIONS,
    PLAIN_COPY,
    Column,
    Grid,
    Layout,
    Variation,
    cases,
    combined,
    params,
    worded,
)
from tests.trees import PLAN_TUJUAN, clear_trees, drawn_tree

SASARAN = "Menurunnya angka kematian ibu dan bayi"  # the demo plan's S1
PLAN = {"S1": "S1", SASARAN: "S1"}
TUJUAN = {"T1": "T1", PLAN_TUJUAN: "T1"}


def tree_read(found: CascadeRead) -> dict[str, object]:
    """What a cascade file says: its nodes with their parents, indicators, targets and pagu, the
    plan's nodes it places and the indicators it adds to them, and its problems."""
    return {
        "nodes": sorted(
            (
                (
                    n.level,
                    n.code,
                    n.name,
                    n.parent_code,
                    n.unit_code,
                    n.official,
                    n.pagu,
                    n.spending,
                    tuple(
                        (i.name, i.kind, i.measure_unit, i.target, i.target_high, i.target_text) for i in n.indicators
                    ),
                )
                for n in found.nodes
            ),
            key=repr,
        ),
        "placed": found.placed,
        "added": {k: [(i.name, i.target, i.measure_unit) for i in v] for k, v in found.added.items()},
        "problems": sorted(p.message for p in found.problems),
        "rows": {k: n for k, n in found.accounting().items() if k != "dilewati"},
    }


def read(content: bytes, name: str) -> CascadeRead:
    return read_cascade(content, name, PLAN, tujuan=TUJUAN, taken={"S1", "S2", "S3", "S4", "S5", "T1", "T2"})


def _column(heading: str | tuple[str, ...], cells, role: str = "", **kinds) -> Column:
    return Column(heading if isinstance(heading, tuple) else (heading,), tuple(cells), role, **kinds)


# --- a SIPD list ------------------------------------------------------------------------------------------

SIPD_NAMES = (
    "1.02 URUSAN PEMERINTAHAN BIDANG KESEHATAN",
    "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
    "1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan",
    "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
    None,
    "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
)
SIPD = Layout(
    (
        _column("Program / Kegiatan / Sub Kegiatan", SIPD_NAMES, "name"),
        _column("Sasaran", (None, "S1", None, None, None, None), "sasaran"),
        _column(
            "Indikator Kinerja",
            (
                None,
                "Persentase fasilitas kesehatan sesuai standar",
                "Jumlah layanan kesehatan yang disediakan",
                "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar",
                "Jumlah dokumen hasil pelayanan ibu hamil",
                "Jumlah ibu bersalin yang mendapatkan pelayanan sesuai standar",
            ),
            "indicator",
        ),
        _column("Target", (None, 85.5, 12, 1250, 4, 1180), "target", numeric=True),
        _column("Satuan", (None, "%", "layanan", "orang", "dokumen", "orang"), "measure"),
        _column("Pagu Indikatif (Rp)", (None, None, None, 450_000_000, None, 380_500_000), "pagu", numeric=True),
    ),
    sheet="Renja 2026",
)


def _code_apart(layout: Layout) -> Layout:
    """The Kemendagri code in a column of its own, the name beside it."""
    columns = []
    for column in layout.columns:
        if column.role == "name":
            split = [str(v).split(" ", 1) if v else (None, None) for v in column.cells]
            columns += [
                _column("Kode", (s[0] for s in split), "code"),
                replace(column, cells=tuple(s[1] for s in split)),
            ]
        else:
            columns.append(column)
    return layout.with_columns(columns)


def _cells(role: str, cells: tuple) -> Callable[[Layout], Layout]:
    """The same content with one column written otherwise (its budget unchanged)."""

    def write(layout: Layout) -> Layout:
        return layout.with_columns(replace(c, cells=cells) if c.role == role else c for c in layout.columns)

    return write


SIPD_VARIATIONS = (
    Variation(  # a subtotal is not budget: the sub-kegiatan's pagu read are the same
        "subtotal pagu di baris program dan kegiatan",
        _cells("pagu", (None, 830_500_000, 830_500_000, 450_000_000, None, 380_500_000)),
        ALL,
    ),
    Variation(  # SIPD writes the sub-kegiatan again on its second indicator's row, pagu and all
        "sub kegiatan ditulis lagi untuk indikator keduanya",
        combined(
            _cells("name", (*SIPD_NAMES[:4], SIPD_NAMES[3], SIPD_NAMES[5])),
            _cells("pagu", (None, None, None, 450_000_000, 450_000_000, 380_500_000)),
        ),
        ALL,
    ),
    Variation("kode di kolom sendiri", _code_apart, ALL),
    Variation("judul 'Uraian'", worded({"name": ("Uraian",)}), ALL),
    Variation("judul 'Nomenklatur Program/Kegiatan'", worded({"name": ("Nomenklatur Program/Kegiatan",)}), ALL),
    Variation("judul 'Tolok Ukur'", worded({"indicator": ("Tolok Ukur",)}), ALL),
    Variation("judul 'Anggaran (Rp)'", worded({"pagu": ("Anggaran (Rp)",)}), ALL),
    Variation("judul 'Sat.'", worded({"measure": ("Sat.",)}), ALL),
    Variation("CSV titik koma", lambda t: replace(t, kind="csv", numbers="comma"), frozenset({"xlsx"})),
)


# --- a Kertas Kerja Cascading matrix --------------------------------------------------------------------

MATRIX = Layout(
    (
        _column("No", (1, None, None), "no"),
        _column("Sasaran Strategis", (SASARAN, None, None), "sasaran", carried=True),
        _column("Indikator Sasaran", (None, None, None), "indicator_sasaran"),
        _column("Program", ("Program Pemenuhan Upaya Kesehatan", None, None), "program", carried=True),
        _column(
            "Indikator Program", ("Persentase faskes sesuai standar", None, None), "indicator_program", carried=True
        ),
        _column(
            "Kegiatan", ("1.02.02.2.02 Penyediaan Layanan Kesehatan UKM dan UKP", None, None), "kegiatan", carried=True
        ),
        _column(
            "Indikator Kegiatan", ("Jumlah layanan yang disediakan", None, None), "indicator_kegiatan", carried=True
        ),
        _column(
            "Sub Kegiatan",
            (
                "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
                "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
                None,
            ),
            "sub",
            carried=True,
        ),
        _column(
            "Indikator Sub Kegiatan",
            ("Jumlah ibu hamil dilayani", "Jumlah ibu bersalin dilayani", "Persentase persalinan terdokumentasi"),
            "indicator_sub",
        ),
        _column("Target", (1250, 1180, 97.5), "target", numeric=True),
        _column("Satuan", ("orang", "orang", "%"), "measure"),
        _column("Pagu (Rp)", (450_000_000, 380_500_000, None), "pagu", numeric=True),
        _column("Penanggung Jawab", ("Kepala Seksi Kesga", "Kepala Seksi Kesga", None), "official"),
    ),
    sheet="Cascading",
)
MATRIX_VARIATIONS = (
    Variation(
        "judul 'Sasaran PD' dan 'IK Program'",
        worded({"sasaran": ("Sasaran PD",), "indicator_program": ("IK Program",)}),
        ALL,
    ),
    Variation(
        "judul 'Subkegiatan'", worded({"sub": ("Subkegiatan",), "indicator_sub": ("Indikator Subkegiatan",)}), ALL
    ),
)

TABLES = {
    "daftar SIPD": (SIPD, (*COMMON, *SIPD_VARIATIONS, EVERYTHING, PLAIN_COPY)),
    "Kertas Kerja Cascading": (MATRIX, (*COMMON, *MATRIX_VARIATIONS, EVERYTHING, PLAIN_COPY)),
}


@functools.cache
def _base(shape: str) -> dict[str, object]:
    layout = TABLES[shape][0]
    return tree_read(read(layout.content(), layout.file_name))


def test_the_base_trees_are_read_as_drawn():
    """The oracle: each base content read as its rows say, before any layout is compared with it."""
    sipd = {n[1]: n for n in _base("daftar SIPD")["nodes"]}
    assert [(c, n[3]) for c, n in sorted(sipd.items())] == [
        ("1.02.02", "S1"),
        ("1.02.02.2.02", "1.02.02"),
        ("1.02.02.2.02.0001", "1.02.02.2.02"),
        ("1.02.02.2.02.0002", "1.02.02.2.02"),
    ]
    assert sipd["1.02.02.2.02.0001"][6] == 450_000_000 and [i[3] for i in sipd["1.02.02.2.02.0001"][8]] == [1250, 4]
    assert sipd["1.02.02"][8][0][3] == 85.5
    matrix = {n[1]: n for n in _base("Kertas Kerja Cascading")["nodes"]}
    assert sorted(matrix) == ["1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0002", "S1.1"]
    assert [(i[0], i[3]) for i in matrix["1.02.02.2.02.0002"][8]] == [
        ("Jumlah ibu bersalin dilayani", 1180),
        ("Persentase persalinan terdokumentasi", 97.5),
    ]
    assert matrix["1.02.02.2.02.0001"][6] == 450_000_000 and matrix["S1.1"][3] == "S1"
    assert not _base("daftar SIPD")["problems"] and not _base("Kertas Kerja Cascading")["problems"]


KNOWN = {}
PARAMS = params(
    (
        (f"{shape}: {name}", (shape, layout))
        for shape, (base, variations) in TABLES.items()
        for name, layout in [("dasar", base), *cases(base, variations)]
    ),
    KNOWN,
)


@pytest.mark.parametrize(("shape", "layout"), PARAMS)
def test_the_same_tree_table_in_any_layout_reads_the_same_tree(shape, layout):
    assert tree_read(read(layout.content(), layout.file_name)) == _base(shape)


def test_a_target_whose_decimal_mark_nothing_shows_is_named_at_its_cell():
    layout = SIPD.with_columns(
        replace(c, cells=(None, "85", "12", "1,250", "4", "1,180"), numeric=False) if c.role == "target" else c
        for c in SIPD.columns
    )
    found = read(layout.content(), layout.file_name)
    (named,) = [p for p in found.problems if p.row == layout.body_row(3)]
    assert named.column.startswith(layout.letter("target")) and named.severity == "warning"
    assert "'1,250' dapat berarti 1,25 atau 1.250; dibaca 1,25" in named.message


# --- a tree drawn as boxes of cells ----------------------------------------------------------------------


@functools.cache
def _drawing() -> Grid:
    return Grid.from_xlsx(drawn_tree(SASARAN))


def _tier_rows(grid: Grid) -> list[int]:
    """The rows where a level of boxes starts ("ESELON …" at the left, or a box's first line)."""
    return [r for r, row in enumerate(grid.rows) if any(str(v).startswith("ESELON") for v in row if v)]


def _without_title(grid: Grid) -> Grid:
    return grid.delete_rows(0, 2)


def _spaced(grid: Grid) -> Grid:
    for row in reversed(_tier_rows(grid)):
        grid.insert_rows(row, [[], []])
    return grid


def _shifted(grid: Grid) -> Grid:
    return grid.insert_column(0, {}).insert_column(0, {})


def _without_tier_labels(grid: Grid) -> Grid:
    for row in grid.rows:
        if row and isinstance(row[0], str) and row[0].startswith("ESELON"):
            row[0] = None
    return grid


def _note_below(grid: Grid) -> Grid:
    return grid.insert_rows(len(grid.rows), [[], [None, "Keterangan: garis penghubung digambar dengan shape"]])


def _after_instructions(grid: Grid) -> Grid:
    grid.before = (("Petunjuk", INSTRUCTIONS),)
    return grid


def _text_beside_label(grid: Grid) -> Grid:
    """Each box's label in a cell of its own ("Sasaran :"), its text in the (merged) cell right of it."""
    merged = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in grid.merges}
    for r, row in enumerate(grid.rows):
        for c, value in enumerate(row):
            if not (isinstance(value, str) and " : " in value) or (r, c) not in merged:
                continue
            label, text = value.split(" : ", 1)
            row[c], row[c + 1] = f"{label} :", text
            grid.merges.remove((r, c, *merged[r, c]))
            grid.merges.append((r, c + 1, *merged[r, c]))
    return grid


DRAWN_VARIATIONS = {
    "tanpa judul": _without_title,
    "baris kosong antar tingkat": _spaced,
    "digeser dua kolom ke kanan": _shifted,
    "tanpa label eselon": _without_tier_labels,
    "catatan di bawah gambar": _note_below,
    "di sheet kedua setelah petunjuk": _after_instructions,
    "semua sekaligus": combined(_without_title, _spaced, _shifted, _note_below, _after_instructions),
}


@pytest.mark.parametrize("variation", DRAWN_VARIATIONS, ids=lambda v: f"pohon digambar: {v}")
def test_a_drawn_tree_in_any_layout_reads_the_same_tree(variation):
    base = tree_read(read(_drawing().xlsx(), "pohon.xlsx"))
    assert base["nodes"] and not base["problems"]
    drawn = DRAWN_VARIATIONS[variation](_drawing().copy())
    assert tree_read(read(drawn.xlsx(), "pohon.xlsx")) == base


def test_a_drawn_tree_with_labels_apart_from_their_text_reads_the_same_tree():
    base = tree_read(read(_drawing().xlsx(), "pohon.xlsx"))
    drawn = _text_beside_label(_drawing().copy())
    assert tree_read(read(drawn.xlsx(), "pohon.xlsx")) == base


# --- saved ----------------------------------------------------------------------------------------------


def test_what_is_saved_is_what_was_read(demo_store):
    """The matrix and the SIPD list imported from their base layouts and from every layout at once:
    the same tree is stored."""
    clear_trees(demo_store)

    def saved(content_of) -> list[dict]:
        import_cascade(demo_store, 2026, content_of(MATRIX), "cascading.xlsx")
        import_cascade(demo_store, 2026, content_of(SIPD), "sipd.xlsx", merge=True)
        frame = tree_frame(demo_store, 2026)
        return frame.astype(object).where(frame.notna(), None).to_dict("records")

    first = saved(lambda t: t.content())
    assert {"S1.1", "1.02.02", "1.02.02.2.02.0001"} <= {r["code"] for r in first}
    assert saved(lambda t: EVERYTHING.apply(t).content()) == first


# --- a tree drawn by officials, as the bureaus draw it ----------------------------------------------------

BUREAU_SASARAN = {"S1": "S1", BUREAU_NAMES[0]: "S1", "S2": "S2", BUREAU_NAMES[1]: "S2"}
BUREAU_UNITS = {"bagian pertanian": "TANI", "sub bagian tata usaha": "TU-TANI"}


def _bureau_read(content: bytes) -> dict[str, object]:
    return tree_read(
        read_cascade(content, "pohon-biro.xlsx", BUREAU_SASARAN, taken={"S1", "S2", "T1"}, units=BUREAU_UNITS)
    )


BUREAU_LAYOUTS = {
    f"{style}, {'bertumpuk' if stacked else 'berdampingan'}": (style, stacked)
    for style in STYLES
    for stacked in (True, False)
}


@pytest.mark.parametrize("layout", BUREAU_LAYOUTS)
@pytest.mark.parametrize("variation", DRAWN_VARIATIONS, ids=lambda v: f"pohon biro: {v}")
def test_a_bureaus_drawing_in_any_layout_reads_the_same_tree(variation, layout):
    """The bureau's tree in every way its labels and boxes are placed, with or without a title, eselon
    labels, blank rows, moved columns, a note, a sheet of instructions before it: the same tree, every
    cell accounted for alike."""
    base = _bureau_read(bureau_drawing())
    assert len(base["nodes"]) == 6 and not base["problems"]
    style, stacked = BUREAU_LAYOUTS[layout]
    drawn = DRAWN_VARIATIONS[variation](Grid.from_xlsx(bureau_drawing(style, stacked=stacked)))
    assert _bureau_read(drawn.xlsx()) == base
