"""Plan files whose headings Kinerja does not know: the planner says which column is which, the
file is read with it, and the answer is remembered for files with the same headings only."""

import pytest

from kinerja.domain.achievement import Aggregation, Polarity
from kinerja.domain.problems import InputRejected
from kinerja.planning.columns import (
    HeadingRow,
    heading_rows,
    parse_map_options,
    remember_plan_columns,
    remembered_mappings,
    suggested_reading,
)
from kinerja.planning.saving import check_plan, save_plan
from kinerja.planning.stored import plan_frame, units_frame
from kinerja.planning.workbook import read_plan_file
from tests.conftest import snapshot
from tests.workbooks import OPEN_DATA_PLAN_HEADER, csv_bytes, office_plan_workbook, open_data_plan

INDICATORS = [
    "Persentase ibu hamil mendapatkan pelayanan kesehatan",
    "Persentase balita gizi buruk yang mendapat perawatan",
    "Jumlah puskesmas terakreditasi paripurna",
    "Bed occupancy rate (BOR)",
]
OPEN_DATA_MAPPING = {
    "id": None,
    "tahun": None,
    "kode skpd": None,
    "nama skpd": "rencana.unit",
    "uraian": "rencana.name",
    "satuan": "rencana.measure_unit",
    "target": "rencana.target",
}


def test_unknown_headings_are_refused_naming_the_missing_column_and_the_way_to_map_it():
    draft = read_plan_file(open_data_plan(), "indikator-2027.csv", 2027)
    assert draft.rows == []
    missing = next(p for p in draft.errors if p.message.startswith("Kolom wajib tidak ditemukan"))
    assert "Indikator Kinerja" in missing.message and "--map" in missing.message
    assert (missing.sheet, missing.row) == ("indikator-2027", 1)


def test_mapped_headings_are_read_and_every_column_read_is_listed():
    mappings = parse_map_options(["uraian=Indikator Kinerja", "nama_skpd=Penanggung Jawab", "kode_skpd=abaikan"])
    draft = read_plan_file(open_data_plan(), "indikator-2027.csv", 2027, mappings)
    assert draft.errors == []
    assert [r.name for r in draft.rows] == INDICATORS
    assert [r.target.low for r in draft.rows] == [100, 100, 12, 75.5]
    assert [r.unit for r in draft.rows] == ["Dinas Kesehatan"] * 3 + ["RSUD Sukamaju"]
    assert [(c.letter, c.heading, c.target, c.mapped) for c in draft.columns] == [
        ("D", "nama skpd", "Penanggung Jawab", True),
        ("E", "uraian", "Indikator Kinerja", True),
        ("F", "satuan", "Satuan", False),
        ("G", "target", "Target", False),
    ]
    assert draft.units == [], "kode_skpd left out: no unit list is read from the plan's own rows"


def test_a_plan_without_sasaran_takes_the_one_the_planner_names(store):
    mappings = parse_map_options(["uraian=Indikator Kinerja", "nama_skpd=Penanggung Jawab", "kode_skpd=abaikan"])
    draft = read_plan_file(open_data_plan(), "indikator-2027.csv", 2027, mappings)
    draft.default_polarity, draft.default_aggregation = Polarity.POSITIVE, Aggregation.LAST  # the export says neither
    missing = [p for p in check_plan(store, draft) if p.severity == "error"]
    assert len(missing) == 1 and missing[0].message.startswith("4 indikator tanpa Sasaran Strategis")
    with pytest.raises(InputRejected):
        save_plan(store, draft)
    assert plan_frame(store, 2027).empty

    draft.default_sasaran = "Meningkatnya mutu layanan kesehatan"
    summary = save_plan(store, draft)
    assert (summary.indicators_created, summary.units_created) == (4, 2)
    plan = plan_frame(store, 2027)
    assert set(plan["Sasaran Strategis"]) == {"Meningkatnya mutu layanan kesehatan"}
    assert sorted(units_frame(store)["Nama Unit"]) == ["Dinas Kesehatan", "RSUD Sukamaju"]


def test_a_remembered_mapping_serves_files_with_the_same_headings_only(store):
    heading = next(r for r in heading_rows(open_data_plan(), "indikator-2027.csv") if r.row == 1)
    remember_plan_columns(store, heading, OPEN_DATA_MAPPING)
    reordered = open_data_plan(list(reversed(OPEN_DATA_PLAN_HEADER)))
    mappings = remembered_mappings(store, reordered, "indikator-2027-urut-lain.csv")
    assert mappings["uraian"] == "rencana.name" and mappings["kode skpd"] == "abaikan"
    assert [r.name for r in read_plan_file(reordered, "x.csv", 2027, mappings).rows] == INDICATORS
    other = csv_bytes([["uraian", "target", "keterangan"], ["Jumlah dokumen", "4", ""]], ",", "utf-8")
    assert remembered_mappings(store, other, "lain.csv") == {}
    assert remembered_mappings(store, office_plan_workbook(), "pk.xlsx") == {}
    assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'padanan.kolom_rencana'") == 1


def test_the_page_suggests_what_the_headings_alone_say():
    heading = next(r for r in heading_rows(open_data_plan(), "indikator-2027.csv") if r.row == 1)
    assert [(c.letter, c.heading, c.example) for c in heading.columns][:5] == [
        ("A", "id", "101"),
        ("B", "tahun", "2027"),
        ("C", "kode_skpd", "1.02.0.00.0.00.01.0000"),
        ("D", "nama_skpd", "Dinas Kesehatan"),
        ("E", "uraian", "Persentase ibu hamil mendapatkan pelayanan kesehatan"),
    ]
    assert suggested_reading(heading) == {
        "F": "rencana.measure_unit",
        "G": "rencana.target",
        "C": "unit.code",
        "D": "unit.name",
    }


@pytest.mark.parametrize(
    "chosen, message",
    [
        (
            {"uraian": "rencana.name", "nama skpd": "rencana.name", "target": "rencana.target"},
            "'nama skpd' dan 'uraian' sama-sama dibaca sebagai Indikator Kinerja",
        ),
        ({"uraian": "rencana.name"}, "Untuk tabel indikator, tentukan juga kolom Target"),
        ({"kode skpd": "unit.code"}, "Untuk daftar unit, tentukan juga kolom Nama Unit"),
    ],
)
def test_a_mapping_that_cannot_be_read_is_refused_and_nothing_is_remembered(store, chosen, message):
    before = snapshot(store)
    with pytest.raises(InputRejected) as refused:
        remember_plan_columns(store, HeadingRow("Sheet1", 1, ()), chosen)
    assert message in str(refused.value)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "option, expected",
    [
        ("Uraian=Indikator Kinerja", {"uraian": "rencana.name"}),
        ("kode_skpd=Penanggung Jawab", {"kode skpd": "rencana.unit"}),
        ("NAMA SKPD=unit.name", {"nama skpd": "unit.name"}),
        ("Pagu Indikatif=Anggaran (Rp)", {"pagu indikatif": "program.pagu"}),
        ("No=abaikan", {"no": "abaikan"}),
        ("Nilai Target=target", {"nilai target": "rencana.target"}),
    ],
)
def test_map_options_name_the_column_by_its_label_or_key(option, expected):
    assert parse_map_options([option]) == expected


@pytest.mark.parametrize("option", ["Uraian", "Uraian=Entah", "=Target"])
def test_a_map_option_that_cannot_be_read_says_how_to_write_it(option):
    with pytest.raises(ValueError, match="tulis JUDUL=KOLOM"):
        parse_map_options([option])


def test_a_unit_list_exported_from_another_system_is_recognised(store):
    units = csv_bytes(
        [
            ["refskpd_id", "kode_skpd", "nama_skpd"],
            [11, "1.02.0.00.0.00.01.0000", "Dinas Kesehatan"],
            [12, "1.02.0.00.0.00.02.0000", "RSUD Sukamaju"],
        ],
        ",",
        "utf-8",
    )
    draft = read_plan_file(units, "refskpd.csv", 2027)
    assert draft.errors == []
    assert [(u.code, u.name) for u in draft.units] == [
        ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan"),
        ("1.02.0.00.0.00.02.0000", "RSUD Sukamaju"),
    ]
    save_plan(store, draft)
    assert sorted(units_frame(store)["Kode Unit"]) == ["1.02.0.00.0.00.01.0000", "1.02.0.00.0.00.02.0000"]
