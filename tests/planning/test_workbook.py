"""Reading the PK + Rencana Aksi workbooks planners make, and refusing bad ones whole."""

import datetime as dt

import pytest

from kinerja.domain.achievement import Aggregation, Polarity, Target
from kinerja.domain.problems import InputRejected
from kinerja.planning.editor import draft_from_frames
from kinerja.planning.saving import save_plan
from kinerja.planning.stored import plan_frame
from kinerja.planning.workbook import plan_template, read_plan_file
from kinerja.workflow.review import unlock
from tests.conftest import snapshot
from tests.workbooks import (
    OFFICE_PLAN_MERGES,
    PK_HEADER,
    UNITS_SHEET,
    csv_bytes,
    office_plan_rows,
    office_plan_workbook,
    xlsx,
)


def test_office_workbook_is_read_as_planners_write_it():
    draft = read_plan_file(office_plan_workbook(), "pk-2026.xlsx")
    assert draft.errors == []
    assert draft.year == 2026
    assert [r.name for r in draft.rows] == [
        "Persentase balita ditimbang",
        "Jumlah desa ODF",
        "Prevalensi stunting",
        "Tingkat hunian tempat tidur",
        "Cakupan imunisasi dasar lengkap",
    ]
    first, villages, stunting, beds, immunisation = draft.rows
    assert first.target == Target(85.5)
    assert first.quarters == [Target(80), Target(82), Target(84), Target(85.5)]
    assert (first.polarity, first.aggregation, first.is_key) == (Polarity.POSITIVE, Aggregation.LAST, True)
    assert villages.sasaran == "Meningkatnya cakupan layanan", "a sasaran written once carries down"
    assert villages.target == Target(1200)
    assert (villages.aggregation, villages.is_key) == (Aggregation.SUM, False)
    assert (stunting.polarity, stunting.aggregation) == (Polarity.NEGATIVE, Aggregation.LAST)
    assert beds.target == Target(60, 85) and beds.polarity is Polarity.RANGE
    assert immunisation.aggregation is Aggregation.RATIO and immunisation.is_key
    assert [u.code for u in draft.units] == ["DINKES", "KESMAS", "P2P"]


def test_saved_plan_holds_the_targets(store):
    summary = save_plan(store, read_plan_file(office_plan_workbook(), "pk-2026.xlsx"))
    assert (summary.year, summary.indicators_created, summary.units_created) == (2026, 5, 3)
    frame = plan_frame(store, 2026)
    villages = frame[frame["Indikator Kinerja"] == "Jumlah desa ODF"].iloc[0]
    assert villages["Target"] == "1200"
    assert [villages[f"TW {q}"] for q in ("I", "II", "III", "IV")] == ["300"] * 4
    assert villages["Penanggung Jawab"] == "KESMAS"
    beds = frame[frame["Indikator Kinerja"] == "Tingkat hunian tempat tidur"].iloc[0]
    assert beds["Target"] == "60 - 85"
    assert store.scalar("SELECT count(*) FROM goal WHERE level = 'sasaran'") == 2
    assert store.scalar("SELECT parent_id FROM unit WHERE code = 'KESMAS'") == store.scalar(
        "SELECT id FROM unit WHERE code = 'DINKES'"
    )


def test_reimport_updates_and_keeps_what_the_file_does_not_mention(store):
    save_plan(store, read_plan_file(office_plan_workbook(), "pk-2026.xlsx"))
    rows = office_plan_rows()
    rows[6][4], rows[6][8] = "90", "90"  # a new target for the first indicator
    del rows[10]  # the file no longer mentions the last indicator
    summary = save_plan(store, read_plan_file(xlsx({"PK": rows}, {"PK": OFFICE_PLAN_MERGES}), "pk-revisi.xlsx"))
    assert (summary.indicators_created, summary.indicators_updated) == (0, 4)
    assert len(summary.untouched_indicators) == 1
    frame = plan_frame(store, 2026)
    assert len(frame) == 5
    assert frame.loc[frame["Indikator Kinerja"] == "Persentase balita ditimbang", "Target"].item() == "90"


def test_semicolon_csv_in_windows_encoding(store):
    save_plan(store, read_plan_file(xlsx({"Unit Kerja": UNITS_SHEET}), "unit.xlsx", 2026))
    rows = [
        ["RENCANA KINERJA TAHUN 2026"],
        [
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Satuan",
            "Target",
            "TW I",
            "TW II",
            "TW III",
            "TW IV",
            "Polaritas",
            "Agregasi",
            "PJ",
        ],
        [
            "Meningkatnya mutu layanan – puskesmas",
            "Indeks kepuasan masyarakat",
            "indeks",
            "82,5",
            "80",
            "81",
            "82",
            "82,5",
            "Positif",
            "Nilai Akhir",
            "KESMAS",
        ],
        ["", "Rata-rata waktu tunggu", "menit", "60", "60", "60", "60", "60", "Negatif", "Rata-rata", "KESMAS"],
    ]
    draft = read_plan_file(csv_bytes(rows), "rencana.csv")
    assert draft.errors == []
    assert draft.year == 2026
    assert draft.rows[0].sasaran == "Meningkatnya mutu layanan – puskesmas"
    assert draft.rows[0].target == Target(82.5)
    assert draft.rows[1].aggregation is Aggregation.AVG
    save_plan(store, draft)
    assert len(plan_frame(store, 2026)) == 2


def _refused(store, content: bytes, name: str, year: int | None = 2026) -> list:
    before = snapshot(store)
    with pytest.raises(InputRejected) as caught:
        draft = read_plan_file(content, name, year)
        draft.strict = True  # as `import-plan --strict`: a unit the plan would create is refused
        save_plan(store, draft)
    assert snapshot(store) == before, "a refused plan must leave the database exactly as it was"
    return caught.value.errors


@pytest.fixture
def store_with_units(store):
    save_plan(store, read_plan_file(xlsx({"Unit Kerja": UNITS_SHEET}), "unit.xlsx", 2026))
    return store


def _plan_with(row_change: dict[int, object]) -> bytes:
    row = [1, "Sasaran A", "Indikator A", "%", "90", "Positif", "Nilai Akhir", "KESMAS", "Ya"]
    for index, value in row_change.items():
        row[index] = value
    return xlsx({"PK": [["PK TAHUN 2026"], PK_HEADER, row]})


@pytest.mark.parametrize(
    ("case", "change", "column", "message"),
    [
        ("unknown polarity", {5: "Naik turun"}, "F (Polaritas)", "Polaritas tidak dikenal"),
        ("unknown aggregation", {6: "Kadang-kadang"}, "G (Agregasi)", "Agregasi tidak dikenal"),
        ("non-numeric target", {4: "sembilan puluh"}, "E (Target)", "Target harus berupa angka"),
        ("empty target", {4: "-"}, "E (Target)", "Target kosong"),
        ("unknown unit", {7: "BIDANG X"}, "H (Penanggung Jawab)", "Unit penanggung jawab tidak dikenal"),
        ("range polarity without a range", {5: "Rentang"}, "E (Target)", "target rentang"),
        ("IKU neither yes nor no", {8: "mungkin"}, "I (IKU)", "IKU harus diisi"),
        ("a date where a number belongs", {4: dt.date(2026, 5, 1)}, "E (Target)", "berisi tanggal"),
    ],
)
def test_bad_cell_is_named_by_file_sheet_row_and_column(store_with_units, case, change, column, message):
    errors = _refused(store_with_units, _plan_with(change), "pk.xlsx")
    assert len(errors) == 1, case
    error = errors[0]
    assert (error.file, error.sheet, error.row, error.column) == ("pk.xlsx", "PK", 3, column), case
    assert message in error.message, case


def test_missing_required_column_is_named(store_with_units):
    rows = [["PK TAHUN 2026"], ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan"], [1, "A", "B", "%"]]
    errors = _refused(store_with_units, xlsx({"PK": rows}), "tanpa-target.xlsx")
    assert "Kolom wajib tidak ditemukan: Target" in errors[0].message
    assert (errors[0].sheet, errors[0].row) == ("PK", 2)


def test_action_plan_that_does_not_add_up_needs_a_reason(store_with_units):
    header = ["Sasaran Strategis", "Indikator Kinerja", "Target", "TW I", "TW II", "TW III", "TW IV", "Agregasi", "PJ"]
    header.append("Polaritas")
    row = ["Sasaran A", "Jumlah pelatihan", "12", "3", "3", "3", "2", "Kumulatif", "KESMAS", "Positif"]
    errors = _refused(store_with_units, xlsx({"RA": [header, row]}), "ra.xlsx")
    assert errors[0].column == "G (TW IV)"
    assert "jumlah TW I–IV = 11" in errors[0].message and "target PK 12" in errors[0].message

    with_reason = xlsx({"RA": [[*header, "Keterangan"], [*row, "Satu pelatihan dibiayai provinsi"]]})
    summary = save_plan(store_with_units, read_plan_file(with_reason, "ra.xlsx", 2026))
    assert summary.indicators_created == 1


def test_last_indicator_targets_are_never_summed(store_with_units):
    header = ["Sasaran Strategis", "Indikator Kinerja", "Target", "TW I", "TW II", "TW III", "TW IV", "Agregasi", "PJ"]
    header.append("Polaritas")
    row = ["Sasaran A", "Indeks kepuasan", "82", "80", "81", "81", "82", "Nilai Akhir", "KESMAS", "Positif"]
    summary = save_plan(store_with_units, read_plan_file(xlsx({"RA": [header, row]}), "ra.xlsx", 2026))
    assert summary.indicators_created == 1


def test_duplicate_indicator_codes_are_refused(store_with_units):
    header = ["Kode", "Sasaran Strategis", "Indikator Kinerja", "Target", "PJ"]
    rows = [header, ["IK1", "A", "Satu", "1", "KESMAS"], ["IK1", "A", "Dua", "2", "KESMAS"]]
    errors = _refused(store_with_units, xlsx({"PK": rows}), "ganda.xlsx")
    assert errors[0].row == 3 and errors[0].column == "A (Kode Indikator)"
    assert "ganda" in errors[0].message


def test_every_error_is_reported_not_only_the_first(store_with_units):
    rows = [
        ["PK TAHUN 2026"],
        PK_HEADER,
        [1, "A", "X", "%", "abc", "Entah", "Nilai Akhir", "KESMAS", ""],
        [2, "A", "Y", "%", "90", "Positif", "Entah", "KESMAS", ""],
        [3, "A", "Z", "%", "90", "Positif", "Nilai Akhir", "NOPE", ""],
    ]
    errors = _refused(store_with_units, xlsx({"PK": rows}), "banyak.xlsx")
    assert {(e.row, e.column.split()[0]) for e in errors} == {(3, "E"), (3, "F"), (4, "G"), (5, "H")}


def test_unreadable_file_is_refused_with_a_reason(store):
    errors = _refused(store, b"%PDF-1.4 not a workbook", "laporan.xlsx")
    assert "Berkas tidak dapat dibaca" in errors[0].message and errors[0].file == "laporan.xlsx"
    errors = _refused(store, b"", "kosong.csv")
    assert "berkas kosong" in errors[0].message


def test_year_must_be_known(store_with_units):
    rows = [PK_HEADER, [1, "A", "X", "%", "90", "Positif", "Nilai Akhir", "KESMAS", ""]]
    errors = _refused(store_with_units, xlsx({"PK": rows}), "tanpa-tahun.xlsx", year=None)
    assert "Tahun rencana tidak diketahui" in errors[0].message


def test_template_round_trip(demo_store):
    content = plan_template(demo_store, 2026, "Dinas Contoh")
    draft = read_plan_file(content, "rencana-kinerja-2026.xlsx")
    assert draft.errors == [] and draft.year == 2026
    assert len(draft.rows) == 23 and len(draft.units) == 9 and len(draft.programmes) == 5
    before = snapshot(demo_store)
    summary = save_plan(demo_store, draft)  # 2026 has a final quarter: an unchanged plan is no change
    assert not summary.saved and "Tidak ada perubahan" in summary.lines()[0]
    assert snapshot(demo_store) == before


def test_editor_tables_go_through_the_same_checks(demo_store):
    frame = plan_frame(demo_store, 2026)
    frame.loc[0, "Polaritas"] = "Entah"
    before = snapshot(demo_store)
    with pytest.raises(InputRejected) as caught:
        save_plan(demo_store, draft_from_frames(2026, frame))
    assert caught.value.errors[0].row == 1 and caught.value.errors[0].column == "Polaritas"
    assert snapshot(demo_store) == before


def test_rows_removed_in_the_editor_leave_the_year_but_keep_their_history(demo_store):
    unlock(demo_store, 2026, 1, "IK23 dihapus dari PK perubahan")
    frame = plan_frame(demo_store, 2026)
    kept = frame[frame["Kode Indikator"] != "IK23"]
    save_plan(demo_store, draft_from_frames(2026, kept), remove_codes=["IK23"])
    assert "IK23" not in set(plan_frame(demo_store, 2026)["Kode Indikator"])
    assert "IK23" in set(plan_frame(demo_store, 2025)["Kode Indikator"])
    assert (
        demo_store.scalar(
            "SELECT count(*) FROM realization r JOIN indicator i ON i.id = r.indicator_id WHERE i.code = 'IK23'"
        )
        > 0
    )


def test_a_plan_exported_with_sasaran_and_iku_groups_reads_the_iku_column_as_the_indicator(demo_store):
    """An office application's "LAPORAN PERENCANAAN" (shared/samples): SASARAN over its Kode and
    Bobot, I K U over the indicator's, the indicator column headed "IKU"."""
    from kinerja.planning.saving import check_plan
    from tests.workbooks import sasaran_iku_plan

    draft = read_plan_file(sasaran_iku_plan(), "perencanaan-2027.xlsx")
    assert draft.errors == [] and draft.year == 2027
    assert [
        (r.sasaran, r.code, r.name, r.target.low, r.measure_unit, r.polarity, r.unit, r.weight) for r in draft.rows
    ] == [
        (
            "Meningkatnya derajat kesehatan ibu dan anak",
            "IK01",
            "Jumlah kematian ibu",
            8,
            "orang",
            Polarity.NEGATIVE,
            "KESMAS",
            50,
        ),
        (
            "Meningkatnya derajat kesehatan ibu dan anak",
            "IK03",
            "Persentase persalinan di fasilitas pelayanan kesehatan",
            95,
            "%",
            Polarity.POSITIVE,
            "KESMAS",
            50,
        ),
        (
            "Menurunnya angka kesakitan penyakit menular",
            "IK10",
            "Angka kesakitan DBD per 100.000 penduduk",
            45.5,
            "per 100.000",
            Polarity.NEGATIVE,
            "P2P",
            100,
        ),
    ], "the sasaran's own Kode and Bobot are not the indicator's"
    assert not [p for p in check_plan(demo_store, draft) if p.severity == "error"], "aggregation from 2026"
    saved = save_plan(demo_store, draft)
    assert saved.saved


def test_an_empty_plan_template_is_refused_as_empty_not_as_unreadable():
    import io

    import openpyxl

    from tests.workbooks import sasaran_iku_plan

    book = openpyxl.load_workbook(io.BytesIO(sasaran_iku_plan()))
    book.active.delete_rows(6, 10)
    buffer = io.BytesIO()
    book.save(buffer)
    draft = read_plan_file(buffer.getvalue(), "perencanaan-kosong.xlsx")
    assert [p.message for p in draft.errors] == [
        "Tabel rencana di baris 5 ditemukan tetapi belum berisi indikator (hanya kepala tabel); "
        "isi baris indikatornya lalu unggah lagi"
    ]


def test_a_zero_target_where_more_is_better_is_a_warning(demo_store):
    import io

    import openpyxl

    from kinerja.planning.saving import check_plan
    from tests.workbooks import sasaran_iku_plan

    book = openpyxl.load_workbook(io.BytesIO(sasaran_iku_plan()))
    book.active["I7"] = 0
    buffer = io.BytesIO()
    book.save(buffer)
    said = [p for p in check_plan(demo_store, read_plan_file(buffer.getvalue(), "p.xlsx")) if "Target 0" in p.message]
    assert [(p.row, p.column, p.severity) for p in said] == [(7, "I (Target)", "warning")]


def test_a_column_headed_with_its_own_name_is_read_before_a_longer_heading():
    """A SIPD-like export: 'target_indikator' before 'target' (beside 'satuan'): the Target is 'target'."""
    from tests.workbooks import csv_bytes

    header = ["Indikator Kinerja", "target_indikator", "Satuan", "Target", "Polaritas", "Agregasi", "Penanggung Jawab"]
    rows = [header, ["Jumlah kasus malaria", "9", "kasus", "8", "Negatif", "Kumulatif", "P2P"]]
    draft = read_plan_file(csv_bytes(rows, ";", "utf-8"), "sipd.csv", 2027)
    assert draft.errors == [] and [r.target.low for r in draft.rows] == [8]
