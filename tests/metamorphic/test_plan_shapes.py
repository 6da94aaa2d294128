"""Plans in every shape Kinerja reads (the PK + Rencana Aksi sheet, a unit list, a programme table),
each content drawn in the layouts planners use: the plan read (indicators with their targets,
units, programmes with their pagu) is the same in every layout; one save per shape confirms that
the stored plan is what was read."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from kinerja.planning.rows import PlanDraft
from kinerja.planning.saving import save_plan
from kinerja.planning.stored import plan_frame, programmes_frame, units_frame
from kinerja.planning.workbook import read_plan_file
from kinerja.storage.store import Store
from tests.conftest import db_spec
from tests.metamorphic.layout import (
    ALL,
    COMMON,
    EVERYTHING,
    PLAIN_COPY,
    TABLE,
    XLSX,
    Column,
    Layout,
    Variation,
    cases,
    combined,
    params,
    worded,
)

# --- what is compared --------------------------------------------------------------------------------


def _target(target) -> tuple | None:
    return None if target is None else (round(target.low, 6), target.high and round(target.high, 6))


def plan_read(draft: PlanDraft) -> dict[str, object]:
    """What a plan file says: its indicators, units and programmes, without where each sits. A
    'Keterangan' column is the planner's reason for a Rencana Aksi that differs from the PK (read as
    such by design), so remarks are left out; every figure and setting is compared."""
    return {
        "year": draft.year,
        "indicators": [
            (
                r.sasaran,
                r.code,
                r.name,
                r.measure_unit,
                _target(r.target),
                [_target(q) for q in r.quarters],
                r.polarity,
                r.aggregation,
                r.unit,
                r.is_key,
                r.weight,
                r.baseline,
                _target(r.renstra),
                r.national_standard,
                r.data_source,
            )
            for r in draft.rows
        ],
        "units": [(u.code, u.name, u.parent, u.kind, u.is_external) for u in draft.units],
        "programmes": [(p.code, p.name, round(p.pagu, 2), p.sasaran, p.unit) for p in draft.programmes],
    }


@dataclass(frozen=True)
class PlanShape:
    name: str
    base: Layout
    expected: dict
    variations: tuple[Variation, ...] = ()

    def read(self, layout: Layout) -> PlanDraft:
        return read_plan_file(layout.content(), layout.file_name, 2026)


def _column(heading: str | tuple[str, ...], cells, role: str = "", **kinds) -> Column:
    return Column(heading if isinstance(heading, tuple) else (heading,), tuple(cells), role, **kinds)


# --- the PK + Rencana Aksi sheet ------------------------------------------------------------------------

PK_ROWS = (  # sasaran, indicator, satuan, target, TW I–IV, polaritas, jenis, PJ, IKU
    (
        "Meningkatnya cakupan layanan",
        "Persentase balita ditimbang",
        "%",
        85.5,
        (80, 82, 84, 85.5),
        "Maksimal",
        "Nilai Akhir",
        "KESMAS",
        "Ya",
    ),
    (
        None,
        "Jumlah desa ODF",
        "desa",
        1200,
        (300, 300, 300, 300),
        "semakin tinggi semakin baik",
        "Kumulatif",
        "KESMAS",
        "",
    ),
    (
        "Menurunnya angka kesakitan",
        "Prevalensi stunting",
        "%",
        14,
        (16, 15.5, 15, 14),
        "Minimal",
        "Posisi Akhir",
        "P2P",
        "Ya",
    ),
    (None, "Tingkat hunian tempat tidur", "%", "60 - 85", ("60 - 85",) * 4, "Rentang", "Non Kumulatif", "P2P", ""),
    (None, "Cakupan imunisasi dasar lengkap", "%", 95, (95, 95, 95, 95), "Positif", "Rasio", "P2P", "v"),
    (None, "Jumlah kasus campak", "kasus", 0, (0, 0, 0, 0), "Negatif", "Kumulatif", "P2P", "Tidak"),
)
_pk = list(zip(*PK_ROWS, strict=True))
PK = Layout(
    (
        _column("No", range(1, len(PK_ROWS) + 1), "no"),
        _column("Sasaran Strategis", _pk[0], "sasaran", carried=True),
        _column("Indikator Kinerja", _pk[1], "name"),
        _column("Satuan", _pk[2], "measure"),
        _column("Target", _pk[3], "target", numeric=True),
        *(
            _column(("Target Triwulan", f"TW {r}"), (q[i] for q in _pk[4]), f"tw{i + 1}", numeric=True)
            for i, r in enumerate(("I", "II", "III", "IV"))
        ),
        _column("Polaritas", _pk[5], "polarity"),
        _column("Jenis", _pk[6], "aggregation"),
        _column("Penanggung Jawab", _pk[7], "unit"),
        _column("IKU", _pk[8], "is_key"),
    ),
    sheet="PK 2026",
)


def _quarters(group: str, words: tuple[str, str, str, str]) -> dict[str, tuple[str, ...]]:
    return {f"tw{q}": (group, word) for q, word in enumerate(words, start=1)}


def _words(name: str, headings: dict[str, tuple[str, ...]], kinds=ALL, **layout) -> Variation:
    return Variation(name, combined(worded(headings), lambda t: replace(t, **layout)), kinds)


PK_WORDINGS = (
    _words("judul indikator 'Uraian Indikator'", {"name": ("Uraian Indikator",)}),
    _words("judul indikator 'Indikator'", {"name": ("Indikator",)}),
    _words("judul satuan 'Sat.'", {"measure": ("Sat.",)}),
    _words("judul target 'Target 2026'", {"target": ("Target 2026",)}),
    _words("judul polaritas 'Polarisasi'", {"polarity": ("Polarisasi",)}),
    _words("judul agregasi 'Sifat Target'", {"aggregation": ("Sifat Target",)}),
    _words(
        "'Tahunan' dan 'Triwulan I' di bawah 'Target'",
        {"target": ("Target", "Tahunan")}
        | _quarters("Target", ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")),
        XLSX,
        header="merged",
    ),
    _words("'Q1' di bawah 'Rencana Aksi'", _quarters("Rencana Aksi", ("Q1", "Q2", "Q3", "Q4")), XLSX, header="merged"),
    _words(
        "'I' di bawah 'Target Triwulan'", _quarters("Target Triwulan", ("I", "II", "III", "IV")), XLSX, header="merged"
    ),
    _words("satu baris 'Target TW I'", _quarters("Target", ("TW I", "TW II", "TW III", "TW IV"))),
)
PK_EXPECTED = plan_read(read_plan_file(PK.content(), "pk.xlsx", 2026))


# --- a unit list and a programme table ----------------------------------------------------------------

UNITS = Layout(
    (
        _column("Kode Unit", ("DINKES", "KESMAS", "P2P", "PUSK-01"), "code"),
        _column(
            "Nama Unit",
            (
                "Dinas Kesehatan",
                "Bidang Kesehatan Masyarakat",
                "Bidang Pencegahan dan Pengendalian Penyakit",
                "UPTD Puskesmas Sukamaju",
            ),
            "name",
        ),
        _column("Unit Induk", (None, "DINKES", "DINKES", "DINKES"), "parent"),
        _column("Jenis", ("opd", "bidang", "bidang", "uptd"), "kind"),
    ),
    sheet="Unit Kerja",
)
UNIT_WORDINGS = (
    _words("judul kode_skpd dan nama_skpd", {"code": ("kode_skpd",), "name": ("nama_skpd",)}),
    _words(
        "judul 'Kode SKPD' dan 'Nama Perangkat Daerah'", {"code": ("Kode SKPD",), "name": ("Nama Perangkat Daerah",)}
    ),
    _words("judul 'Induk' dan 'Tipe'", {"parent": ("Induk",), "kind": ("Tipe",)}),
)
PROGRAMMES = Layout(
    (
        _column("No", (1, 2, 3, 4), "no"),
        _column(
            "Program",
            (
                "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
                "Program Pemberdayaan Masyarakat Bidang Kesehatan",
                "Program Pencegahan dan Pengendalian Penyakit",
                "Program Penunjang Urusan Pemerintahan Daerah",
            ),
            "name",
        ),
        _column("Anggaran (Rp)", (18_500_000_000, 2_150_000_000.5, 750_000, 41_800_000_000), "pagu", numeric=True),
        _column(
            "Sasaran Strategis",
            ("Meningkatnya cakupan layanan", None, "Menurunnya angka kesakitan", None),
            "sasaran",
            carried=True,
        ),
    ),
    sheet="Program",
)
PROGRAMME_WORDINGS = (
    _words("judul 'Nama Program' dan 'Pagu'", {"name": ("Nama Program",), "pagu": ("Pagu",)}),
    _words("judul 'Jumlah Anggaran'", {"pagu": ("Jumlah Anggaran",)}),
    _words("judul 'Pagu Anggaran (Rp)'", {"pagu": ("Pagu Anggaran (Rp)",)}),
)
RUPIAH = Variation(
    "rupiah ditulis 'Rp 18.500.000.000'",
    lambda t: t.with_columns(
        replace(
            c,
            numeric=False,
            cells=tuple(
                f"Rp {v:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".").removesuffix(",00")
                for v in c.cells
            ),
        )
        if c.role == "pagu"
        else c
        for c in t.columns
    ),
    TABLE,
)
CSV_PK = Variation("CSV titik koma cp1252", lambda t: replace(t, kind="csv", numbers="comma"), XLSX)
CSV_UTF8 = Variation(
    "CSV koma UTF-8", lambda t: replace(t, kind="csv", separator=",", encoding="utf-8", numbers="dot"), XLSX
)

SHAPES = (
    PlanShape("PK + Rencana Aksi", PK, PK_EXPECTED, (*COMMON, *PK_WORDINGS, EVERYTHING, PLAIN_COPY, CSV_PK, CSV_UTF8)),
    PlanShape(
        "daftar unit",
        UNITS,
        plan_read(read_plan_file(UNITS.content(), "unit.xlsx", 2026)),
        (*COMMON, *UNIT_WORDINGS, EVERYTHING, CSV_PK, CSV_UTF8),
    ),
    PlanShape(
        "tabel program dan anggaran",
        PROGRAMMES,
        plan_read(read_plan_file(PROGRAMMES.content(), "program.xlsx", 2026)),
        (*COMMON, *PROGRAMME_WORDINGS, RUPIAH, EVERYTHING, PLAIN_COPY, CSV_PK, CSV_UTF8),
    ),
)


def test_the_base_contents_are_read_as_written():
    """The oracle: each base content read as its rows say, before any layout is compared with it."""
    indicators = PK_EXPECTED["indicators"]
    assert [i[2] for i in indicators] == [row[1] for row in PK_ROWS]
    assert [i[4] for i in indicators] == [(85.5, None), (1200, None), (14, None), (60, 85), (95, None), (0, None)]
    assert indicators[1][0] == "Meningkatnya cakupan layanan", "a sasaran written once carries down"
    assert [i[5][1] for i in indicators] == [(82, None), (300, None), (15.5, None), (60, 85), (95, None), (0, None)]
    assert SHAPES[1].expected["units"][3] == ("PUSK-01", "UPTD Puskesmas Sukamaju", "DINKES", "uptd", False)
    assert [p[3] for p in SHAPES[2].expected["programmes"]] == [PK_ROWS[0][0]] * 2 + [PK_ROWS[2][0]] * 2
    assert [p[2] for p in SHAPES[2].expected["programmes"]] == [
        18_500_000_000,
        2_150_000_000.5,
        750_000,
        41_800_000_000,
    ]


HALF_PLAN = (
    "Daftar unit atau tabel program dengan kolom tambahan ('Keterangan', 'Sumber Dana') ditolak sebagai tabel "
    "rencana yang kurang kolom"
)
KNOWN = {}
PARAMS = params(
    (
        (f"{shape.name}: {name}", (shape, layout))
        for shape in SHAPES
        for name, layout in [("dasar", shape.base), *cases(shape.base, shape.variations)]
    ),
    KNOWN,
)


@pytest.mark.parametrize(("shape", "layout"), PARAMS)
def test_the_same_plan_in_any_layout_is_read_the_same(shape, layout):
    draft = shape.read(layout)
    assert [str(p) for p in draft.errors] == [], "a layout of a good plan refused"
    assert plan_read(draft) == shape.expected
    base = shape.read(shape.base)
    assert sorted(p.message for p in draft.problems) == sorted(p.message for p in base.problems)


SOME = [v for v in COMMON if v.name in ("judul di atas tabel", "kepala dua baris digabung", "kolom dibalik urutannya")]
UNDECIDED_PK = PK.with_columns(  # whole-number targets with thousands commas: nothing shows the decimal mark
    replace(c, cells=("90", "1,200", "14", "60 - 85", "95", "0"), numeric=False) if c.role == "target" else c
    for c in PK.columns
)


@pytest.mark.parametrize(
    "variation",
    params(
        (
            (f"target '1,200' sendirian: {v.name}", (v,))
            for v in (Variation("dasar", lambda t: t, ALL), *SOME, EVERYTHING)
        ),
        KNOWN,
    ),
)
def test_a_target_whose_decimal_mark_nothing_shows_is_named_at_its_cell(variation):
    layout = variation.apply(UNDECIDED_PK)
    draft = read_plan_file(layout.content(), layout.file_name, 2026)
    where = (layout.body_row(1), f"{layout.letter('target')} (Target)")
    said = [p for p in draft.problems if (p.row, p.column) == where]
    assert said and said[0].message.startswith("'1,200' dapat berarti 1,2 atau 1.200"), [str(p) for p in draft.problems]


def test_what_is_stored_is_what_was_read(tmp_path):
    """The units, the PK and the programmes saved from their base layouts, and from every layout at
    once into another store: the same plan is stored."""

    def saved(name: str, variation) -> tuple:
        store = Store(db_spec(tmp_path / f"{name}.duckdb"))
        try:
            for layout in (UNITS, PK, PROGRAMMES):
                drawn = variation(layout)
                save_plan(store, read_plan_file(drawn.content(), drawn.file_name, 2026))
            plan = plan_frame(store, 2026).drop(columns=["Kode Indikator", "Alasan Selisih RA"])  # remarks: by design
            return tuple(
                frame.astype(object).where(frame.notna(), None).to_dict("records")
                for frame in (plan, units_frame(store), programmes_frame(store, 2026))
            )
        finally:
            store.close()

    first = saved("dasar", lambda t: t)
    assert len(first[0]) == len(PK_ROWS) and len(first[1]) == 4 and len(first[2]) == 4
    assert saved("semua", EVERYTHING.apply) == first
