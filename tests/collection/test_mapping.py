"""Quarterly data files whose headings Kinerja does not know (an LKPJ or Satu Data export with
`indikator_sasaran`, `capaian_2026`): the person says which column is which, the file is read with
it, and the page's answer is remembered for files with the same headings only, as plans have it; a unit's own
sheet's columns and names mapped on the upload page are remembered for the unit's next upload."""

import pytest

from kinerja.access.roles import Actor, Forbidden, Role, acting_as
from kinerja.collection.checking import check_data
from kinerja.collection.datafile import Period, stored_value
from kinerja.collection.mapping import (
    column_mappings,
    data_mappings,
    header_candidates,
    parse_data_map_options,
    remember_column,
    remember_data_columns,
    remember_indicator,
    suggested_data_columns,
    unmatched_names,
)
from kinerja.collection.reading import read_data_file
from kinerja.domain.problems import InputRejected
from kinerja.planning.columns import suggested_reading
from kinerja.workbook.headings import HeadingRow, heading_rows
from tests.conftest import snapshot
from tests.workbooks import SATU_DATA_FIGURES, SATU_DATA_HEADER, csv_bytes, own_sheet, satu_data_realisations

PERIOD = Period(2026, 3)
MAPS = ["capaian_2026=Realisasi", "indikator_sasaran=Indikator Kinerja"]


def figures(store, data) -> dict[str, float]:
    """Indicator code → the figure that would be stored, for each row read."""
    codes = dict(store.rows("SELECT id, code FROM indicator"))
    return {codes[row.indicator_id]: stored_value(row) for row in data.rows}


def chosen_as_suggested(heading: HeadingRow, year: int = 2026) -> dict[str, str | None]:
    """What 'Pakai pemetaan kolom ini' sends when the person changes nothing."""
    suggested = suggested_data_columns(heading, year)
    return {c.label: suggested.get(c.letter) for c in heading.columns}


def test_unknown_headings_are_refused_saying_how_to_map_them():
    data = read_data_file(satu_data_realisations(), "realisasi-2026.csv", PERIOD)
    assert data.rows == [] and len(data.errors) == 1
    assert data.errors[0].message.startswith("Tabel data tidak ditemukan")
    assert "'Tentukan kolom'" in data.errors[0].message and "import --map" in data.errors[0].message


@pytest.mark.parametrize(
    "name, content",
    [
        ("realisasi-2026.csv", satu_data_realisations()),
        ("realisasi-2026-excel.csv", satu_data_realisations(shape="csv-id")),
        ("realisasi-2026.xlsx", satu_data_realisations(shape="xlsx", title=True)),
        ("kolom-pindah.csv", satu_data_realisations(list(reversed(SATU_DATA_HEADER)))),
        ("kolom-tambahan.xlsx", satu_data_realisations(shape="xlsx", extra=True)),
    ],
)
def test_columns_given_with_map_read_the_same_figures_from_every_shape(demo_store, name, content):
    data = check_data(demo_store, read_data_file(content, name, PERIOD, parse_data_map_options(MAPS)))
    assert data.errors == [], data.errors
    assert figures(demo_store, data) == SATU_DATA_FIGURES
    assert {(c.heading, c.target, c.mapped) for c in data.columns} == {
        ("indikator sasaran", "Indikator Kinerja", True),
        ("capaian 2026", "Realisasi", True),
    }


def test_a_column_mapped_to_abaikan_is_not_read_even_where_its_heading_is_known():
    content = csv_bytes([["Indikator Kinerja", "Realisasi", "Realisasi TW III"], ["IKM puskesmas", "80", "83,5"]])
    mappings = parse_data_map_options(["realisasi=abaikan"])
    data = read_data_file(content, "tw3.csv", PERIOD, mappings)
    assert [(r.value_key, r.value) for r in data.rows] == [("r3", 83.5)]
    assert [c.target for c in data.columns] == ["Indikator Kinerja", "Realisasi TW III"]


def test_a_remembered_mapping_serves_files_with_the_same_headings_only(demo_store):
    heading = heading_rows(satu_data_realisations(), "realisasi-2026.csv")[0]
    remember_data_columns(demo_store, heading, chosen_as_suggested(heading))

    for name, content in [
        ("urutan-lain.csv", satu_data_realisations(list(reversed(SATU_DATA_HEADER)))),
        ("realisasi-2026.xlsx", satu_data_realisations(shape="xlsx", title=True)),
    ]:
        data = check_data(demo_store, read_data_file(content, name, PERIOD, data_mappings(demo_store, content, name)))
        assert data.errors == [] and figures(demo_store, data) == SATU_DATA_FIGURES
        assert [(c.letter, c.target, c.mapped) for c in data.columns if c.heading == "capaian 2026"] in (
            [("C", "Realisasi", True)],  # reversed: capaian_2026 is the third column
            [("F", "Realisasi", True)],
        )

    other = satu_data_realisations(extra=True)  # one heading more: another heading row
    assert data_mappings(demo_store, other, "lain.csv") == {}
    refused = read_data_file(other, "lain.csv", PERIOD, data_mappings(demo_store, other, "lain.csv"))
    assert refused.errors[0].message.startswith("Tabel data tidak ditemukan")
    assert demo_store.scalar("SELECT count(*) FROM audit_log WHERE action = 'padanan.kolom_data'") == 1
    assert demo_store.scalar("SELECT count(*) FROM plan_column_mapping") == 0, "a plan file is not read with it"


def test_older_per_unit_mappings_and_heading_rows_and_map_options_combine(demo_store):
    """Columns mapped per unit before heading rows were remembered (below) are still
    read; the heading row's answer wins where both name a heading, and --map over both."""
    content = satu_data_realisations()
    remember_column(demo_store, "YANKES", "capaian_2026", "value")
    remember_column(demo_store, "YANKES", "sumberdana", "drivers")
    heading = heading_rows(content, "realisasi-2026.csv")[0]
    remember_data_columns(demo_store, heading, chosen_as_suggested(heading))
    mappings = data_mappings(demo_store, content, "x.csv", "YANKES", parse_data_map_options(["jenis=Tahun"]))
    assert column_mappings(demo_store, "YANKES") == {"capaian 2026": "value", "sumberdana": "drivers"}
    assert mappings["capaian 2026"] == "value" and mappings["indikator sasaran"] == "name"
    assert mappings["sumberdana"] == "abaikan", "the heading row's answer over the unit's older one"
    assert mappings["jenis"] == "year", "--map over both"


@pytest.mark.parametrize(
    "chosen, message",
    [
        ({"indikator sasaran": "name", "nama skpd": "name", "capaian 2026": "value"}, "sama-sama dibaca sebagai"),
        ({"indikator sasaran": "name", "target 2026": None}, "Tentukan kolom angkanya"),
        ({"capaian 2026": "value"}, "Tentukan kolom Indikator Kinerja atau Kode Indikator"),
        ({"indikator sasaran": "name", "capaian 2026": "capaian"}, "isian tidak dikenal 'capaian'"),
    ],
)
def test_a_mapping_that_cannot_be_read_is_refused_and_nothing_is_remembered(demo_store, chosen, message):
    before = snapshot(demo_store)
    heading = heading_rows(satu_data_realisations(), "realisasi-2026.csv")[0]
    with pytest.raises(InputRejected, match=message):
        remember_data_columns(demo_store, heading, chosen)
    assert snapshot(demo_store) == before
    assert demo_store.scalar("SELECT count(*) FROM data_column_mapping") == 0


def test_only_an_account_that_uploads_for_the_unit_remembers_a_mapping(demo_store):
    heading = heading_rows(satu_data_realisations(), "realisasi-2026.csv")[0]
    with acting_as(Actor("pimpinan", Role.LEADER)), pytest.raises(Forbidden):
        remember_data_columns(demo_store, heading, chosen_as_suggested(heading))
    operator = Actor("op.yankes", Role.OPERATOR, "YANKES", frozenset({"YANKES"}))
    with acting_as(operator), pytest.raises(Forbidden):
        remember_data_columns(demo_store, heading, chosen_as_suggested(heading), "P2P")
    with acting_as(operator):
        remember_data_columns(demo_store, heading, chosen_as_suggested(heading), "YANKES")
    assert demo_store.scalar("SELECT saved_by FROM data_column_mapping LIMIT 1") == "op.yankes"


@pytest.mark.parametrize(
    "option, expected",
    [
        ("realisasi_2025=Realisasi", {"realisasi 2025": "value"}),
        ("Capaian TW 2=Realisasi TW II", {"capaian tw 2": "r2"}),
        ("uraian=indikator kinerja", {"uraian": "name"}),
        ("kode=Kode Indikator", {"kode": "code"}),
        ("tw=triwulan", {"tw": "quarter"}),
        ("thn=Tahun", {"thn": "year"}),
        ("Nilai=value", {"nilai": "value"}),
        ("sumberdana=abaikan", {"sumberdana": "abaikan"}),
    ],
)
def test_map_options_name_a_data_column_by_its_label_or_key(option, expected):
    assert parse_data_map_options([option]) == expected


@pytest.mark.parametrize("option", ["realisasi_2025", "realisasi_2025=Capaian", "=Realisasi", "x=Target"])
def test_a_map_option_that_cannot_be_read_lists_the_data_columns(option):
    with pytest.raises(ValueError, match="tulis JUDUL=KOLOM") as refused:
        parse_data_map_options([option])
    assert "Kolom data: Kode Indikator, Indikator Kinerja, Unit, Tahun, Triwulan" in str(refused.value)
    assert "Realisasi TW II" in str(refused.value) and "atau abaikan" in str(refused.value)


# --- suggestions ----------------------------------------------------------------------------------

SATU_DATA = [
    ["kode_skpd", "nama_skpd", "indikator_sasaran", "satuan", "target_2025", "realisasi_2025", "sumberdana", "jenis"],
    [
        "1.02.0.00.0.00.01.0000",
        "Dinas Kesehatan",
        "Angka harapan hidup",
        "tahun",
        "71.5",
        "71.6",
        "APBD",
        "Urusan Wajib",
    ],
    ["1.02.0.00.0.00.01.0000", "Dinas Kesehatan", "Prevalensi stunting", "%", "14", "13.2", "DAK", "Urusan Wajib"],
]
SIPD = [
    [
        "kode",
        "sub_kegiatan",
        "indikator",
        "target_indikator",
        "satuan",
        "target",
        "realisasi_tw_ii",
        "sumber dana",
        "jenis",
    ],
    [
        "1.02.02.2.02.0001",
        "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "Jumlah ibu hamil yang mendapatkan pelayanan",
        "1200",
        "orang",
        "1250",
        "610",
        "DAU",
        "Kumulatif",
    ],
    [
        "1.02.02.2.02.0002",
        "Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
        "Persentase ibu bersalin di faskes",
        "95",
        "%",
        "96",
        "94,5",
        "DAK Non Fisik",
        "Nilai Akhir",
    ],
]
LKPJ = [
    [
        "No",
        "Indikator Kinerja",
        "Satuan",
        "Target 2024",
        "Target 2025",
        "Realisasi 2025",
        "Capaian (%)",
        "Jenis",
        "Sumber Data",
    ],
    ["1", "Angka Harapan Hidup", "tahun", "71,3", "71,5", "71,6", "100,1", "Nilai Akhir", "BPS"],
    ["2", "Jumlah desa ODF", "desa", "40", "55", "57", "103,6", "Kumulatif", "Dinas Kesehatan"],
]


@pytest.mark.parametrize(
    "rows, plan, data",
    [
        (
            SATU_DATA,  # sumberdana is money, not the data's source; jenis holds no aggregation words
            {"A": "unit.code", "B": "unit.name", "C": "rencana.name", "D": "rencana.measure_unit"}
            | {"E": "rencana.target"},
            {"C": "name", "F": "value"},
        ),
        (
            SIPD,  # 'target' beside 'satuan' before 'target_indikator'; jenis holds aggregation words
            {"A": "rencana.code", "C": "rencana.name", "E": "rencana.measure_unit", "F": "rencana.target"}
            | {"I": "rencana.aggregation"},
            {"A": "code", "C": "name", "G": "r2"},
        ),
        (
            LKPJ,  # the year's target, not last year's; the year's realisation
            {"B": "rencana.name", "C": "rencana.measure_unit", "E": "rencana.target", "H": "rencana.aggregation"}
            | {"I": "rencana.data_source"},
            {"B": "name", "F": "value"},
        ),
    ],
    ids=["satu-data", "sipd", "lkpj"],
)
def test_suggestions_take_the_best_heading_and_never_an_unrelated_one(rows, plan, data):
    heading = heading_rows(csv_bytes(rows, ";", "utf-8"), "berkas.csv")[0]
    assert suggested_reading(heading, 2025) == plan
    assert suggested_data_columns(heading, 2025) == data


def test_without_a_year_the_exact_heading_still_wins_and_jenis_is_judged_by_its_values():
    rows = [["indikator", "target_indikator", "satuan", "target", "jenis"], ["Jumlah kasus", "9", "kasus", "8", "IKU"]]
    heading = heading_rows(csv_bytes(rows, ";", "utf-8"), "berkas.csv")[0]
    assert suggested_reading(heading) == {"A": "rencana.name", "C": "rencana.measure_unit", "D": "rencana.target"}


# --- a unit's own sheet: the columns mapped on the upload page, remembered for its next upload ---


def test_a_sheet_with_unknown_headings_reads_after_its_columns_are_mapped(demo_store):
    first = check_data(demo_store, read_data_file(own_sheet(), "yankes.xlsx", Period(unit="YANKES")))
    assert "Tabel data tidak ditemukan" in first.errors[0].message
    sheet, row, labels = max(header_candidates(own_sheet(), "yankes.xlsx"), key=lambda c: len(c[2]))
    assert (sheet, row, labels) == ("Capaian", 2, ["uraian", "nilai tw", "keterangan"])
    remember_column(demo_store, "YANKES", "Uraian", "name")
    remember_column(demo_store, "YANKES", "Nilai TW", "value")
    assert column_mappings(demo_store, "YANKES") == {"uraian": "name", "nilai tw": "value"}

    second = check_data(
        demo_store,
        read_data_file(own_sheet(), "yankes.xlsx", Period(unit="YANKES"), column_mappings(demo_store, "YANKES")),
    )
    assert [r.value for r in second.rows] == [83.2]
    assert unmatched_names(second) == ["Skor kepuasan pasien puskesmas"]

    remember_indicator(demo_store, "YANKES", "Skor kepuasan pasien puskesmas", "IK14")
    third = check_data(
        demo_store,
        read_data_file(own_sheet(), "yankes.xlsx", Period(unit="YANKES"), column_mappings(demo_store, "YANKES")),
    )
    assert third.errors == [] and third.rows[0].indicator_id is not None
    assert demo_store.scalar("SELECT code FROM indicator WHERE id = ?", [third.rows[0].indicator_id]) == "IK14"


def test_mappings_belong_to_their_unit(demo_store):
    remember_column(demo_store, "YANKES", "Nilai TW", "value")
    assert column_mappings(demo_store, "P2P") == {}
    assert column_mappings(demo_store) == {"nilai tw": "value"}, "without a unit, every unit's mappings are tried"


def test_the_command_line_reads_a_units_file_with_the_mappings_made_on_the_page(demo_db_path, tmp_path):
    from kinerja.storage.store import Store
    from tests.cli import kinerja

    path = tmp_path / "yankes.xlsx"
    path.write_bytes(own_sheet())
    args = ("import", str(path), "--unit", "YANKES", "--year", "2026", "--quarter", "3")
    refused = kinerja(*args, db=demo_db_path)
    assert refused.returncode == 2 and "Tabel data tidak ditemukan" in refused.stderr
    store = Store(demo_db_path)
    remember_column(store, "YANKES", "Uraian", "name")  # what the page remembered
    remember_column(store, "YANKES", "Nilai TW", "value")
    remember_indicator(store, "YANKES", "Skor kepuasan pasien puskesmas", "IK14")
    store.close()
    done = kinerja(*args, db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "disimpan: YANKES 2026 TW III versi 1 (1 baris" in done.stdout
