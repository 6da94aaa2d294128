"""Quarterly data in every shape Kinerja reads, each content drawn in the layouts offices use: the
figures that would be stored (read, checked, matched to the demo plan) are the same in every layout,
and the whole file is accounted for the same way; where a layout leaves a figure undecidable, the
problem names its cell. One save per shape confirms that the checked rows are what is stored."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, replace

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kinerja.collection.checking import check_data
from kinerja.collection.datafile import DataFile, Period, stored_value
from kinerja.collection.reading import read_data_file
from kinerja.collection.template import unit_template
from kinerja.collection.upload import import_files
from kinerja.domain.achievement import Polarity
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.storage.store import Store
from tests.conftest import copy_db, db_spec
from tests.metamorphic.layout import (
    ALL,
    COMMON,
    EVERYTHING,
    INSTRUCTIONS,
    PLAIN_COPY,
    TABLE,
    XLSX,
    Column,
    Grid,
    Layout,
    Variation,
    cases,
    combined,
    params,
    written,
)
from tests.metamorphic.layout import worded as worded_as
from tests.workbooks import fill_template, lkpj_plan, renja_form_workbook


@pytest.fixture(scope="module")
def demo(demo_db_file, tmp_path_factory):
    """The demo, read only by this module's checks (a private copy, opened once)."""
    path = tmp_path_factory.mktemp("metamorfik") / "demo.duckdb"
    copy_db(demo_db_file, path)
    opened = Store(db_spec(path))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def lkpj(tmp_path_factory):
    """A store with the LKPJ annex's IKU plan of 2025 (annual targets only)."""
    opened = Store(db_spec(tmp_path_factory.mktemp("lkpj") / "lkpj.duckdb"))
    save_plan(opened, read_plan_file(lkpj_plan(), "iku-2025.xlsx"))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def renja(tmp_path_factory):
    """A store with the Renja form's own plan (its indicators and programmes, 2025)."""
    opened = Store(db_spec(tmp_path_factory.mktemp("renja") / "renja.duckdb"))
    draft = read_plan_file(renja_form_workbook(), "evaluasi-renja.xlsx")
    draft.default_polarity = Polarity.POSITIVE  # the form has no polarity column (as import-plan --default-polarity)
    save_plan(opened, draft)
    yield opened
    opened.close()


# --- what is compared --------------------------------------------------------------------------------


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def stored(store: Store, data: DataFile) -> set[tuple]:
    """(indicator code, year, quarter, value, numerator, denominator) of every figure the checked file
    would store, or finds stored already (unchanged); a row not matched to the plan shows its name."""
    codes = _codes(store)
    return {
        (
            codes.get(r.indicator_id, f"? {r.name}"),
            r.year,
            r.quarter,
            _r(stored_value(r)),
            _r(r.numerator),
            _r(r.denominator),
        )
        for r in (*data.rows, *data.unchanged)
    } | {("Rp", b.programme_code, b.year, b.quarter, b.spending) for b in data.budget}


def _codes(store: Store) -> dict[int, str]:
    return dict(store.rows("SELECT id, code FROM indicator"))


def told(data: DataFile) -> list[tuple[str, str, str | None]]:
    """The problems said of the content, without where they sit (which the layout moves)."""
    return sorted((p.severity, p.message, p.subject) for p in data.problems)


def checked(store: Store, content: bytes, name: str, period: Period) -> DataFile:
    return check_data(store, read_data_file(content, name, period))


def assert_same(store: Store, data: DataFile, shape: Shape) -> None:
    """The file as the shape's content says it: no error, the same figures, problems and accounting."""
    assert [str(p) for p in data.errors] == [], "a layout of a good file refused"
    assert stored(store, data) == shape.expected, "the figures stored differ"
    base = shape.base_reading(store)
    assert told(data) == told(base), "the problems said differ"
    assert data.accounting() == base.accounting(), "the rows are accounted for differently"


@dataclass(frozen=True)
class Shape:
    """One content in one shape, with the figures it must store."""

    name: str
    base: Layout
    period: Period
    expected: frozenset
    store: str  # the fixture whose plan the content belongs to
    variations: tuple[Variation, ...] = ()

    def reading(self, store: Store, layout: Layout) -> DataFile:
        return checked(store, layout.content(), layout.file_name, self.period)

    def base_reading(self, store: Store) -> DataFile:
        """The base layout read against the module's own store of ``self.store`` (read once)."""
        if self.name not in _BASE_READINGS:
            _BASE_READINGS[self.name] = self.reading(store, self.base)
        return _BASE_READINGS[self.name]


_BASE_READINGS: dict[str, DataFile] = {}


# --- the contents -----------------------------------------------------------------------------------

SASARAN = (
    "Menurunnya angka kematian ibu dan bayi",
    None,
    None,
    None,
    "Menurunnya prevalensi stunting dan gizi buruk",
    None,
    None,
    None,
)
KESMAS = (
    ("IK01", "Jumlah kematian ibu", "orang", 8, (2, 2, 3), "Rujukan terlambat"),
    ("IK02", "Angka kematian bayi per 1.000 kelahiran hidup", "per 1.000 KH", 9.5, (10.24, 10.23, 10.1), None),
    ("IK03", "Persentase persalinan di fasilitas pelayanan kesehatan", "%", 95, (90.4, 94.15, 93), None),
    ("IK04", "Cakupan kunjungan ibu hamil K6", "%", 90, (81.05, 78.51, 80), "Pencatatan K6 belum lengkap"),
    ("IK05", "Prevalensi stunting pada balita", "%", 14, (15.62, 16.5, 15.9), None),
    ("IK06", "Persentase balita gizi buruk yang mendapat perawatan", "%", 100, (100, 94.44, 96), None),
    ("IK07", "Jumlah desa lokus stunting yang diintervensi", "desa", 40, (9, 9, 10), None),
    ("IK08", "Rata-rata partisipasi penimbangan balita (D/S)", "%", 85, (81.75, 81.56, 82), None),
)


def _column(heading: str | tuple[str, ...], cells, role: str = "", **kinds) -> Column:
    return Column(heading if isinstance(heading, tuple) else (heading,), tuple(cells), role, **kinds)


WIDE = Layout(
    (
        _column("No", range(1, 9), "no"),
        _column("Sasaran", SASARAN, "sasaran", carried=True),
        _column("Indikator Kinerja", (k[1] for k in KESMAS), "name"),
        _column("Satuan", (k[2] for k in KESMAS), "measure"),
        _column("Target 2026", (k[3] for k in KESMAS), "target", numeric=True),
        *(
            _column(("Realisasi", f"TW {r}"), (k[4][q] for k in KESMAS), f"q{q + 1}", numeric=True)
            for q, r in enumerate(("I", "II", "III"))
        ),
        _column("Faktor Penghambat", (k[5] for k in KESMAS), "obstacles"),
    ),
    sheet="Capaian 2026",
)
WIDE_FIGURES = frozenset(
    (code, 2026, q + 1, _r(float(v)), None, None) for code, *_, quarters, _ in KESMAS for q, v in enumerate(quarters)
)

LONG_ROWS = (  # name, realisasi, pembilang, penyebut, penghambat
    ("Jumlah desa lokus stunting yang diintervensi", 10, None, None, None),
    ("Persentase persalinan di fasilitas pelayanan kesehatan", None, 1046, 1125, None),
    (
        "Persentase penderita hipertensi yang mendapat pelayanan sesuai standar",
        None,
        1862,
        3004,
        "Skrining belum merata",
    ),
    ("Angka kesakitan DBD per 100.000 penduduk", 7.5, None, None, None),
    ("Indeks kepuasan masyarakat terhadap layanan puskesmas", 83.25, None, None, None),
    ("Rata-rata waktu tunggu pelayanan rawat jalan", 62.5, None, None, "Dokter spesialis terbatas"),
)
LONG_FIGURES = frozenset(
    {
        ("IK07", 2026, 3, 10.0, None, None),
        ("IK03", 2026, 3, _r(1046 / 1125 * 100), 1046.0, 1125.0),
        ("IK13", 2026, 3, _r(1862 / 3004 * 100), 1862.0, 3004.0),
        ("IK10", 2026, 3, 7.5, None, None),
        ("IK14", 2026, 3, 83.25, None, None),
        ("IK17", 2026, 3, 62.5, None, None),
    }
)


def _long(names=("Indikator", "Triwulan", "Realisasi", "Pembilang", "Penyebut", "Faktor Penghambat"), **layout):
    cells = list(zip(*LONG_ROWS, strict=True))
    name, quarter, value, numerator, denominator, obstacles = names
    return Layout(
        (
            _column(name, cells[0], "name"),
            _column(quarter, ["TW III"] * len(LONG_ROWS), "quarter"),
            _column(value, cells[1], "value", numeric=True),
            _column(numerator, cells[2], "numerator", numeric=True),
            _column(denominator, cells[3], "denominator", numeric=True),
            _column(obstacles, cells[4], "obstacles"),
        ),
        **layout,
    )


LONG = _long(sheet="TW III")
CSV = _long(sheet="data-tw3", kind="csv", numbers="comma")
JSON = _long(
    ("nama_indikator", "triwulan", "realisasi", "pembilang", "penyebut", "faktor_penghambat"), sheet="data", kind="json"
)


def quarter_written(text: object) -> Variation:
    def write(layout: Layout) -> Layout:
        column = layout.role("quarter")
        return layout.with_columns(
            replace(c, cells=(text,) * len(c.cells)) if c is column else c for c in layout.columns
        )

    return Variation(f"triwulan ditulis {text!r}", write, ALL)


def worded(name: str, headings: dict[str, tuple[str, ...]], kinds=ALL, **layout) -> Variation:
    return Variation(name, combined(worded_as(headings), lambda t: replace(t, **layout)), kinds)


QUARTER_WORDS = {
    "TW I": ("Triwulan I", "Q1", "I"),
    "TW II": ("Triwulan II", "Q2", "II"),
    "TW III": ("Triwulan III", "Q3", "III"),
}


def _quarters(group: str, word: int | None) -> dict[str, tuple[str, ...]]:
    """The quarter columns under ``group``, in ``word``'s wording (None: 'TW I')."""
    return {
        f"q{q}": (group, f"TW {r}" if word is None else QUARTER_WORDS[f"TW {r}"][word])
        for q, r in ((1, "I"), (2, "II"), (3, "III"))
    }


WIDE_WORDINGS = (
    worded("judul indikator 'Uraian Indikator'", {"name": ("Uraian Indikator",)}),
    worded("judul indikator 'Indikator'", {"name": ("Indikator",)}),
    worded("judul satuan 'Sat.'", {"measure": ("Sat.",)}),
    worded("'Triwulan I' di bawah 'Realisasi'", _quarters("Realisasi", 0), XLSX, header="merged"),
    worded("'Q1' di bawah 'Realisasi'", _quarters("Realisasi", 1), XLSX, header="merged"),
    worded("'I' di bawah 'Triwulan'", _quarters("Triwulan", 2), XLSX, header="merged"),
    worded("'I' di bawah 'Realisasi'", _quarters("Realisasi", 2), XLSX, header="merged"),
    worded("'TW I' di bawah 'Capaian Realisasi'", _quarters("Capaian Realisasi", None), XLSX, header="merged"),
    worded("satu baris 'Realisasi Triwulan I'", _quarters("Realisasi", 0)),
)
LONG_WORDINGS = (
    worded("judul indikator 'Uraian Indikator'", {"name": ("Uraian Indikator",)}),
    worded("judul indikator 'Indikator Kinerja'", {"name": ("Indikator Kinerja",)}),
    worded("judul realisasi 'Capaian Realisasi'", {"value": ("Capaian Realisasi",)}),
    worded("judul realisasi 'Realisasi Kinerja'", {"value": ("Realisasi Kinerja",)}),
    worded("judul triwulan 'TW'", {"quarter": ("TW",)}),
    worded("judul triwulan 'Periode'", {"quarter": ("Periode",)}),
    quarter_written("Triwulan 3"),
    quarter_written("Q3"),
    quarter_written("III"),
    quarter_written(3),
)
JSON_WORDINGS = (
    worded("kunci 'uraian_indikator'", {"name": ("uraian_indikator",)}),
    worded("kunci 'indikator'", {"name": ("indikator",)}),
    worded("kunci 'nilai_realisasi'", {"value": ("nilai_realisasi",)}),
    Variation("dibungkus {'data': […]}", lambda t: replace(t, wrap="data"), ALL),
    Variation("larik polos […]", lambda t: replace(t, wrap="list"), ALL),
)
CSV_DIALECTS = (
    Variation(
        "koma pemisah, UTF-8, titik desimal",
        lambda t: replace(t, separator=",", encoding="utf-8", numbers="dot"),
        TABLE,
    ),
    Variation(
        "koma pemisah, UTF-8, koma desimal (dikutip)", lambda t: replace(t, separator=",", encoding="utf-8"), TABLE
    ),
    Variation("titik koma, UTF-8", lambda t: replace(t, encoding="utf-8"), TABLE),
    Variation("titik koma, UTF-8 dengan BOM", lambda t: replace(t, encoding="utf-8-sig"), TABLE),
    Variation("tab pemisah", lambda t: replace(t, separator="\t"), TABLE),
)

# --- the annual LKPJ table (a store with its IKU plan) -----------------------------------------------

LKPJ_NAMES = (
    "Angka Harapan Hidup",
    "Jumlah penduduk miskin",
    "PDRB per kapita",
    "Indeks Kepuasan Masyarakat",
    "Prevalensi stunting",
)
LKPJ = Layout(
    (
        _column("No", range(1, 6), "no"),
        _column("Indikator", LKPJ_NAMES, "name"),
        _column("Satuan", ("tahun", "ribu jiwa", "ribu rupiah", "indeks", "%"), "measure"),
        _column("Target", (71.5, 11.58, 10274, 82, 14), "target", numeric=True),
        _column("Realisasi", (71.62, 11.713, 10274076, 83.5, "Belum Rilis"), "value", numeric=True),
        _column("Capaian (%)", (100.17, 98.85, 100000.7, 101.83, "-"), "achievement", numeric=True),
    ),
    sheet="Tabel 3.2",
)
LKPJ_FIGURES = frozenset(
    (code, 2025, 4, value, None, None)
    for code, value in (("IKU01", 71.62), ("IKU02", 11.713), ("IKU03", 10274076.0), ("IKU04", 83.5))
)
LKPJ_WORDINGS = (
    worded("judul indikator 'Indikator Kinerja Utama'", {"name": ("Indikator Kinerja Utama",)}),
    worded("judul indikator 'Uraian Indikator'", {"name": ("Uraian Indikator",)}),
    worded("judul realisasi 'Realisasi 2025'", {"value": ("Realisasi 2025",)}),
    worded("judul realisasi 'Capaian Realisasi'", {"value": ("Capaian Realisasi",)}),
    worded("judul satuan 'Sat.'", {"measure": ("Sat.",)}),
)


SHAPES = (
    Shape(
        "sheet unit lebar",
        WIDE,
        Period(2026, 3),
        WIDE_FIGURES,
        "demo",
        (*COMMON, *WIDE_WORDINGS, EVERYTHING, PLAIN_COPY),
    ),
    Shape("sheet unit panjang", LONG, Period(2026, 3), LONG_FIGURES, "demo", (*COMMON, *LONG_WORDINGS, EVERYTHING)),
    Shape("CSV", CSV, Period(2026, 3), LONG_FIGURES, "demo", (*COMMON, *CSV_DIALECTS, *LONG_WORDINGS, PLAIN_COPY)),
    Shape("JSON data terbuka", JSON, Period(2026, 3), LONG_FIGURES, "demo", (*COMMON, *JSON_WORDINGS)),
    Shape(
        "tabel tahunan LKPJ",
        LKPJ,
        Period(2025, 4, "DINKES"),
        LKPJ_FIGURES,
        "lkpj",
        (*COMMON, *LKPJ_WORDINGS, EVERYTHING, PLAIN_COPY),
    ),
)
LKPJ_SHAPE = SHAPES[-1]
# Faults of the readers these layouts found, each expected to fail until its fix (see the report of issue 24)
KNOWN: dict[str, str] = {}
PARAMS = params(
    (
        (f"{shape.name}: {name}", (shape, layout))
        for shape in SHAPES
        for name, layout in [("dasar", shape.base), *cases(shape.base, shape.variations)]
    ),
    KNOWN,
)


@pytest.mark.parametrize(("shape", "layout"), PARAMS)
def test_the_same_content_in_any_layout_stores_the_same_figures(shape, layout, request):
    store = request.getfixturevalue(shape.store)
    assert_same(store, shape.reading(store, layout), shape)


# --- a Kinerja template, filled in by a unit --------------------------------------------------------

TEMPLATE_VALUES = {  # code → the cells typed, as numbers
    "IK09": {"Pembilang TW III": 95, "Penyebut TW III": 118},
    "IK10": {"Realisasi TW III": 7.5, "Faktor Pendorong": "Gerakan 3M Plus rutin."},
    "IK11": {"Pembilang TW III": 812, "Penyebut TW III": 850},
    "IK12": {"Realisasi TW III": 0},
    "IK13": {"Pembilang TW III": 1862, "Penyebut TW III": 3004},
}
TEMPLATE_FIGURES = frozenset(
    {
        ("IK09", 2026, 3, _r(95 / 118 * 100), 95.0, 118.0),
        ("IK10", 2026, 3, 7.5, None, None),
        ("IK11", 2026, 3, _r(812 / 850 * 100), 812.0, 850.0),
        ("IK12", 2026, 3, 0.0, None, None),
        ("IK13", 2026, 3, _r(1862 / 3004 * 100), 1862.0, 3004.0),
    }
)


def _typed(style: str) -> dict[str, dict[str, object]]:
    return {code: {k: written(v, style) for k, v in cells.items()} for code, cells in TEMPLATE_VALUES.items()}


def _instructions_first(content: bytes) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    workbook.move_sheet("Petunjuk", offset=-workbook.sheetnames.index("Petunjuk"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TEMPLATE_VARIATIONS = {
    "angka sel": lambda t: fill_template(t, _typed("cells")),
    "angka teks koma desimal": lambda t: fill_template(t, _typed("comma")),
    "angka teks titik desimal": lambda t: fill_template(t, _typed("dot")),
    "sheet petunjuk dipindah ke depan": lambda t: _instructions_first(fill_template(t, _typed("cells"))),
}


@pytest.mark.parametrize("variation", params(((f"templat: {v}", (v,)) for v in TEMPLATE_VARIATIONS), KNOWN))
def test_a_filled_template_stores_the_same_figures_however_it_was_typed(variation, demo):
    content = TEMPLATE_VARIATIONS[variation](unit_template(demo, "P2P", 2026, 3))
    data = checked(demo, content, "data-p2p.xlsx", Period(2026, 3, "P2P"))
    assert [str(p) for p in data.errors] == []
    assert stored(demo, data) == TEMPLATE_FIGURES


# --- the Permendagri 86 Renja form (a store with the form's own plan) ----------------------------------


def _kinds_row(grid: Grid) -> int:
    return next(r for r, row in enumerate(grid.rows) if sum(str(v).strip() in ("K", "Rp.") for v in row) >= 6)


def _data_rows(grid: Grid) -> range:
    end = next(r for r, row in enumerate(grid.rows) if any(str(v).startswith("Kepala Badan") for v in row))
    return range(_kinds_row(grid) + 1, end)


def _top_row(grid: Grid) -> int:
    """The form's row of group headings (Satuan, Target …, Realisasi Kinerja Pada Triwulan)."""
    return next(r for r in range(_kinds_row(grid)) if "Satuan" in grid.rows[r])


def _first_data(grid: Grid) -> int:
    return next(r for r in _data_rows(grid) if any(str(v).startswith("Perangkat Daerah") for v in grid.rows[r])) + 1


def _numbers_as(style: str):
    def write(grid: Grid) -> Grid:
        kinds = grid.rows[_kinds_row(grid)]
        columns = [c for c, v in enumerate(kinds) if str(v).strip() in ("K", "%", "Rp.")]
        for r in _data_rows(grid):
            row = grid.rows[r]
            for c in columns:
                if c < len(row) and isinstance(row[c], int | float):
                    row[c] = written(round(row[c], 6), style)
        return grid

    return write


def _without_titles(grid: Grid) -> Grid:
    return grid.delete_rows(0, _top_row(grid))


def _blank_rows(grid: Grid) -> Grid:
    first = _first_data(grid)
    return grid.insert_rows(first + 3, [[]]).insert_rows(first + 1, [[], []])


def _without_numbering(grid: Grid) -> Grid:
    return grid.delete_rows(_kinds_row(grid) - 1, 1)


def _without_signature(grid: Grid) -> Grid:
    end = next(r for r, row in enumerate(grid.rows) if any(str(v).startswith("Kepala Badan") for v in row))
    return grid.delete_rows(end, len(grid.rows) - end)


def _column_at_end(heading: str, value: str):
    def add(grid: Grid) -> Grid:
        cells = {_top_row(grid): heading} | {r: value for r in range(_first_data(grid), _first_data(grid) + 5)}
        return grid.insert_column(grid.width, cells)

    return add


def _without_vision_columns(grid: Grid) -> Grid:
    return grid.delete_columns(1, 4)  # B–E: Visi, Misi, Sasaran RPJMD, Tujuan, as many offices leave out


def _hidden_helper(grid: Grid) -> Grid:
    at = grid.rows[_top_row(grid)].index("Satuan")
    grid.insert_column(at, {r: 1000 + r for r in range(_first_data(grid), _first_data(grid) + 6)})
    grid.hidden_columns.add(at)
    return grid


def _after_instructions(grid: Grid) -> Grid:
    grid.before = (("Petunjuk", INSTRUCTIONS),)
    return grid


RENJA_VARIATIONS = {
    "tanpa judul": _without_titles,
    "baris kosong": _blank_rows,
    "tanpa baris nomor kolom": _without_numbering,
    "tanpa blok tanda tangan": _without_signature,
    "kolom Keterangan di ujung": _column_at_end("Keterangan", "sesuai DPA"),
    "kolom Unit Penanggung Jawab di ujung": _column_at_end("Unit Penanggung Jawab", "Bidang Perencanaan"),
    "tanpa kolom Visi–Tujuan": _without_vision_columns,
    "kolom bantu tersembunyi": _hidden_helper,
    "angka teks koma desimal": _numbers_as("comma"),
    "angka teks titik desimal": _numbers_as("dot"),
    "di sheet kedua setelah petunjuk": _after_instructions,
    "semua sekaligus": combined(
        _without_titles,
        _blank_rows,
        _without_numbering,
        _without_vision_columns,
        _hidden_helper,
        _column_at_end("Keterangan", "-"),
        _numbers_as("comma"),
        _after_instructions,
    ),
}


@functools.cache
def _renja_base() -> Grid:
    return Grid.from_xlsx(renja_form_workbook())


def _renja(renja: Store, variation: str | None) -> DataFile:
    grid = _renja_base().copy()
    if variation:
        grid = RENJA_VARIATIONS[variation](grid)
    return checked(renja, grid.xlsx(), "evaluasi-renja.xlsx", Period(2025, 4))


@pytest.mark.parametrize("variation", params(((f"formulir Renja: {v}", (v,)) for v in RENJA_VARIATIONS), KNOWN))
def test_the_renja_form_stores_the_same_figures_in_any_layout(variation, renja):
    base, data = _renja(renja, None), _renja(renja, variation)
    assert [str(p) for p in data.errors] == [] and stored(renja, base)
    assert stored(renja, data) == stored(renja, base)
    assert told(data) == told(base)
    assert data.accounting() == base.accounting()


# --- where a layout leaves a figure undecidable, the problem names its cell --------------------------


def assert_named(data: DataFile, layout: Layout, cells: list[tuple[int, str]]) -> None:
    """Each cell (body row index, column role) is named by a problem: its sheet, row and column."""
    for index, role in cells:
        where = (layout.sheet, layout.body_row(index), layout.letter(role))
        said = [p for p in data.problems if (p.sheet, p.row, (p.column or "").split(" ")[0]) == where]
        assert said, f"no problem names {where}: {[str(p) for p in data.problems]}"


UNDECIDED_LAYOUTS = [
    Variation("dasar", lambda t: t, ALL),
    *(
        v
        for v in COMMON
        if v.name
        in (
            "judul di atas tabel",
            "kepala dua baris digabung",
            "kolom dibalik urutannya",
            "baris penomoran (1) (2) (3)",
            "baris kosong",
            "kolom bantu tersembunyi",
            "di sheet kedua setelah petunjuk",
        )
    ),
    EVERYTHING,
]


LKPJ_UNDECIDED = LKPJ.with_columns(  # the realisation column's only number is '11.713': a thousand times apart
    replace(c, cells=(None, "11.713", None, None, None), numeric=False) if c.role == "value" else c
    for c in LKPJ.columns
)


@pytest.mark.parametrize(
    "variation", params(((f"LKPJ '11.713' sendirian: {v.name}", (v,)) for v in UNDECIDED_LAYOUTS), KNOWN)
)
def test_a_column_whose_only_number_is_ambiguous_is_named_at_its_cell(variation, lkpj):
    layout = variation.apply(LKPJ_UNDECIDED)
    data = LKPJ_SHAPE.reading(lkpj, layout)
    assert_named(data, layout, [(1, "value")])


@pytest.mark.parametrize(
    "variation", params(((f"realisasi dua tahun: {v.name}", (v,)) for v in UNDECIDED_LAYOUTS), KNOWN)
)
def test_a_realisation_column_of_another_year_is_named_not_read(variation, lkpj):
    """An LKjIP table compares years: 'Realisasi 2024' beside 'Realisasi 2025'. The 2025 upload never
    stores last year's figures: it reads the 2025 column, or names the 2024 column and reads nothing."""
    layout = variation.apply(
        worded_as({"value": ("Realisasi 2025",)})(LKPJ).with_columns(
            (_column("Realisasi 2024", (71.2, 12.1, 9800000, 80.5, 14.8), "last_year", numeric=True), *LKPJ.columns)
        )
    )
    data = LKPJ_SHAPE.reading(lkpj, layout)
    if stored(lkpj, data):
        assert stored(lkpj, data) == LKPJ_FIGURES
        return
    header = layout.body_row(0) - 1 - (layout.numbering is not None) - (0 in layout.gaps)
    said = [p for p in data.errors if (p.row, p.column) == (header, layout.letter("last_year"))]
    assert said and "realisasi tahun 2024" in said[0].message, [str(p) for p in data.problems]


COUNTS_ONLY = Layout(  # counts written with thousands commas ('1,046'): nothing in the table shows its decimal mark
    (
        _column("Indikator", (LONG_ROWS[1][0], LONG_ROWS[2][0]), "name"),
        _column("Triwulan", ("TW III", "TW III"), "quarter"),
        _column("Pembilang", ("1,046", "1,862"), "numerator"),
        _column("Penyebut", ("1,125", "3,004"), "denominator"),
        _column("Faktor Penghambat", (None, "Skrining belum merata"), "obstacles"),
    ),
    sheet="TW III",
)


@pytest.mark.parametrize(
    "variation", params(((f"pembilang '1,046': {v.name}", (v,)) for v in UNDECIDED_LAYOUTS), KNOWN)
)
def test_counts_whose_decimal_mark_nothing_shows_are_named_at_their_cells(variation, demo):
    layout = variation.apply(COUNTS_ONLY)
    data = checked(demo, layout.content(), layout.file_name, Period(2026, 3))
    assert_named(data, layout, [(0, "numerator"), (0, "denominator"), (1, "numerator"), (1, "denominator")])


# --- saved: what is stored is what was checked -------------------------------------------------------

SAVED = params(
    (
        (f"disimpan, {shape.name}: {variation.name}", (shape, variation))
        for shape in SHAPES
        for variation in (Variation("dasar", lambda t: t, ALL), EVERYTHING if shape.base.kind == "xlsx" else PLAIN_COPY)
        if shape.base.kind in variation.kinds
    ),
    KNOWN,
)


@pytest.mark.parametrize(("shape", "variation"), SAVED)
def test_what_is_stored_is_what_was_checked(shape, variation, request, tmp_path):
    if shape.store == "demo":
        store = request.getfixturevalue("demo_store")
    else:
        store = Store(db_spec(tmp_path / "lkpj.duckdb"))
        request.addfinalizer(store.close)
        save_plan(store, read_plan_file(lkpj_plan(), "iku-2025.xlsx"))
    layout = variation.apply(shape.base)
    ((data, saved),) = import_files(store, [(layout.file_name, layout.content())], shape.period, confirm_warnings=True)
    assert saved is not None, [str(p) for p in data.errors]
    figures = store.rows(
        "SELECT i.code, r.year, r.quarter, round(r.value, 6), r.numerator, r.denominator FROM realization_current r "
        "JOIN indicator i ON i.id = r.indicator_id WHERE r.year = ?",
        [shape.period.year],
    )
    codes = _codes(store)
    kept = {(codes[r.indicator_id], r.quarter) for r in data.unchanged}  # already stored: not saved again
    pristine = shape.base_reading(request.getfixturevalue(shape.store))
    assert kept == {(codes[r.indicator_id], r.quarter) for r in pristine.unchanged}
    new = {f for f in shape.expected if (f[0], f[2]) not in kept}
    assert {f for f in figures if (f[0], f[2]) in {(f[0], f[2]) for f in new}} == new


def _rupiah_as(style: str):
    """Only the quarters' Rp cells written as text (the K and % cells stay numbers)."""

    def write(grid: Grid) -> Grid:
        kinds = grid.rows[_kinds_row(grid)]
        rupiah = [c for c, v in enumerate(kinds) if str(v).strip() == "Rp."]
        columns = rupiah[3:7]  # TW I–IV, after the Renstra's, last year's and this year's target
        for r in _data_rows(grid):
            row = grid.rows[r]
            for c in columns:
                if c < len(row) and isinstance(row[c], int | float):
                    row[c] = written(row[c], style)
        return grid

    return write


def test_rupiah_whose_decimal_mark_nothing_shows_are_named_at_their_cells(renja):
    grid = _rupiah_as("dot")(_renja_base().copy())
    data = checked(renja, grid.xlsx(), "evaluasi-renja.xlsx", Period(2025, 4))
    kinds = grid.rows[_kinds_row(grid)]
    letters = [get_column_letter(c + 1) for c, v in enumerate(kinds) if str(v).strip() == "Rp."][3:7]
    programmes = [r + 1 for r in _data_rows(grid) if str(grid.rows[r][6] or "").startswith("Program")]
    named = {(p.row, (p.column or "").split(" ")[0]) for p in data.problems}
    assert {(row, letter) for row in programmes for letter in letters} <= named
