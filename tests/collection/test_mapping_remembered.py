"""Mappings a user makes on the upload page are remembered for the unit's next upload."""

from kinerja.collection.checking import check_data
from kinerja.collection.datafile import Period
from kinerja.collection.mapping import (
    column_mappings,
    header_candidates,
    remember_column,
    remember_indicator,
    unmatched_names,
)
from kinerja.collection.reading import read_data_file
from tests.workbooks import own_sheet


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
