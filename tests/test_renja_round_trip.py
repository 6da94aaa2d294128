"""The Evaluasi Renja form round trip: the form Kinerja writes imports back unchanged (the plan
through import-plan, the quarters through import), and an office's form, imported and written
again, gives the same K and Rp in columns 12–14."""

import io

import openpyxl
import pytest

from kinerja.__main__ import main
from kinerja.collection.checking import check_data
from kinerja.collection.reading import read_data_file
from kinerja.collection.saving import save_data
from kinerja.domain.achievement import Polarity
from kinerja.planning.saving import save_plan
from kinerja.planning.stored import plan_frame, programmes_frame
from kinerja.planning.workbook import read_plan_file
from kinerja.reporting.dashboard import View, filtered, headline
from kinerja.reporting.quarterly import quarterly_xlsx
from kinerja.reporting.renja_form import PLAN_EXTRA, renja_xlsx
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store
from tests.workbooks import xlsx


def _counts(store: Store) -> tuple[int, ...]:
    tables = ("submission", "realization", "budget_realization", "target", "indicator_plan", "programme_budget")
    return tuple(store.scalar(f"SELECT count(*) FROM {table}") for table in tables)


def test_import_plan_of_the_written_form_leaves_the_plan_as_it_was(demo_db_path, tmp_path, capsys):
    store = Store(demo_db_path)
    form = tmp_path / "evaluasi-renja.xlsx"
    form.write_bytes(renja_xlsx(store, 2026, 2))
    plan, programmes, counts = plan_frame(store, 2026), programmes_frame(store, 2026), _counts(store)
    store.close()
    db = str(demo_db_path)
    assert main(["import-plan", str(form), "--dry-run", "--db", db]) == 0
    said = capsys.readouterr()
    rows = [line for line in said.out.splitlines() if line.startswith("baris ")]
    assert len(rows) == 23 and all(" | tetap | " in line for line in rows), rows
    assert "Galat" not in said.err and "Indikator tanpa target" not in said.err, "the footer is not a row"
    assert main(["import-plan", str(form), "--db", db]) == 0
    said = capsys.readouterr()
    assert "Tidak ada perubahan: 23 indikator dan 5 program sama dengan rencana 2026" in said.out
    store = Store(demo_db_path)
    assert plan_frame(store, 2026).equals(plan) and programmes_frame(store, 2026).equals(programmes)
    assert _counts(store) == counts
    store.close()


def test_import_of_the_written_form_stores_nothing_new(demo_db_path, tmp_path, capsys):
    store = Store(demo_db_path)
    form = tmp_path / "evaluasi-renja.xlsx"
    form.write_bytes(renja_xlsx(store, 2026, 2))
    counts = _counts(store)
    store.close()
    assert main(["import", str(form), "--db", str(demo_db_path)]) == 0, "TW I is final: a change would be refused"
    said = capsys.readouterr()
    assert "tidak ada yang disimpan: semua angkanya sama dengan yang tersimpan" in said.out
    assert "46 angka TW I 2026, TW II 2026 sudah tersimpan, tidak berubah" in said.out
    assert "10 realisasi anggaran program sudah tersimpan, tidak berubah" in said.out
    assert "berbeda dari" not in said.err, "a level's year is its latest quarter, an average's their mean"
    store = Store(demo_db_path)
    assert _counts(store) == counts
    store.close()


def test_the_plans_columns_come_after_the_forms_own_and_are_not_printed(demo_store):
    sheet = openpyxl.load_workbook(io.BytesIO(renja_xlsx(demo_store, 2026, 2))).active
    headings = [sheet.cell(7, c).value for c in range(1, sheet.max_column + 1)]
    first = headings.index(PLAN_EXTRA[0]) + 1
    assert sheet.cell(8, first - 1).value == "19", "after the form's last numbered column"
    assert headings[first - 1 :] == list(PLAN_EXTRA)
    assert sheet.print_area == f"'{sheet.title}'!$A$1:${openpyxl.utils.get_column_letter(first - 1)}${sheet.max_row}"
    row = next(r for r in range(11, 60) if sheet.cell(r, first).value == "IK10")
    assert sheet.cell(row, 6).value == "Angka kesakitan DBD per 100.000 penduduk"
    extra = {PLAN_EXTRA[i]: sheet.cell(row, first + i).value for i in range(len(PLAN_EXTRA))}
    assert extra["Polaritas"] == "Negatif" and extra["Agregasi"] == "Kumulatif" and extra["TW I"] == "16"


# --- an office's form ----------------------------------------------------------------------------

_SOURCE_HEADER = [
    ["Evaluasi Terhadap Hasil RKPD"],
    ["Kabupaten Contoh"],
    ["Tahun 2025"],
    [],
    [],
    ["No", None, None, None, None, "Sasaran Perangkat daerah",
     "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
     "Indikator Kinerja Program (Outcome)/Kegiatan (Output)", "Satuan",
     "Target Renstra Perangkat Daerah Pada Tahun 2029 (Akhir Periode Renstra Perangkat Daerah)", None,
     "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun 2024", None,
     "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun 2025) yang dievaluasi", None,
     "Realisasi Kinerja Pada Triwulan", *[None] * 11,
     "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi", None,
     "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun 2025", None,
     "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2029 (%)", None],
    [None, "Visi", "Misi", "Sasaran RPJMD/ NSPK", "Tujuan Perangkat Daerah", *[None] * 10,
     "I", None, None, "II", None, None, "III", None, None, "IV", None, None],
    [1, None, None, None, None, 2, 3, 4, 5, 6, None, 7, None, 8, None, 9, None, None, 10, None, None, 11, None,
     None, 12, None, None, "13 = 9 + 10 + 11 + 12", None, "14 = 7 + 13", None, "15 = 14 / 6 x 100", None],
    [None] * 9 + ["K", "Rp.", "K", "Rp.", "K", "Rp.", *["K", "%", "Rp."] * 4, "K", "Rp.", "K", "Rp.", "K", "Rp."],
    [" ", None, None, None, None, "Perangkat Daerah : Badan Perencanaan Pembangunan Daerah (BAPPEDA)"],
]  # fmt: skip


def _source_row(no, name, indicator, unit, renstra, before, target, quarters, spending, sasaran=None):
    """A row as the office fills it, with what its formulas show: K by quarter (increments), % to
    date as a fraction, Rp by quarter; 13 = the quarters, 14 = 7 + 13, 15 = 14 / 6 × 100."""
    (renstra_k, renstra_rp), (before_k, before_rp), (target_k, target_rp) = renstra, before, target
    cells = [no, None, None, None, None, sasaran, name, indicator, unit, renstra_k, renstra_rp, before_k, before_rp,
             target_k, target_rp]  # fmt: skip
    done = 0.0
    for k, rp in zip(quarters, spending, strict=True):
        done += k or 0
        cells += [k, round(done / target_k, 4) if target_k else None, rp]
    year_k, year_rp = sum(k or 0 for k in quarters), sum(spending)
    to_date_k, to_date_rp = (before_k or 0) + year_k, (before_rp or 0) + year_rp
    cells += [year_k, year_rp, to_date_k, to_date_rp]
    cells += [to_date_k / renstra_k * 100 if renstra_k else None, to_date_rp / renstra_rp * 100]
    return cells


# (kind, row): a programme row carries the programme's indicator; kegiatan and sub-kegiatan rows theirs.
# Money as the real form writes it: a kegiatan's Rp the subtotal of its sub-kegiatan's, a programme's of its kegiatan's
_SOURCE_ROWS = [
    ("programme", _source_row(1, "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                              "Persentase Tertib Pelaporan Capaian Kinerja", "%", (100, 50_000_000),
                              (60, 18_000_000), (100, 2_000_000), [29.285714285714285, 16.42857142857143,
                              32.857142857142854, 21.428571428571427], [300_000, 400_000, 500_000, 650_000],
                              sasaran="Meningkatnya Kinerja Perangkat Daerah")),
    ("kegiatan", _source_row(2, "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                             "Jumlah Dokumen Perencanaan Perangkat Daerah", "Dok", (20, 9_000_000), (8, 3_600_000),
                             (4, 2_000_000), [2, 0.7999999999999998, 1.2000000000000002, 0],
                             [300_000, 400_000, 500_000, 650_000])),
    ("sub_kegiatan", _source_row(3, "Evaluasi Kinerja Perangkat Daerah", "Jumlah Laporan Evaluasi Kinerja",
                                 "Lap", (40, 4_000_000), (16, 1_500_000), (8, 800_000), [2.4, 1.6, 2, 2],
                                 [150_000, 200_000, 200_000, 240_000])),
    ("sub_kegiatan", _source_row(4, "Penyusunan Dokumen Perencanaan Perangkat Daerah",
                                 "Jumlah Dokumen Renja yang Disusun", "Dok", (5, 5_000_000), (2, 2_100_000),
                                 (1, 1_200_000), [0, 0, 1, 0], [150_000, 200_000, 300_000, 410_000])),
    ("programme", _source_row(5, "Program Perencanaan Pembangunan Daerah",
                              "Persentase Usulan Musrenbang yang Diakomodasi", "%", (60, 20_000_000),
                              (30, 7_500_000), (60, 4_000_000), [10, 20, 15, 10],
                              [400_000, 900_000, 1_100_000, 1_500_000], sasaran="Meningkatnya Kualitas Perencanaan")),
]  # fmt: skip
_FOOTER = [
    [" ", *[None] * 9, 70_000_000, None, 25_500_000],
    [],
    [None] * 23 + ["Lubuk Pakam,      Desember 2025"],
    [None] * 23 + ["KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH"],
    [None] * 23 + ["NIP. 00000000 000000 0 000"],
]


def _office_form() -> bytes:
    merges = ["A6:A9", "J6:K8", "L6:M8", "N6:O8", "P6:AA6", "P7:R7", "S7:U7", "V7:X7", "Y7:AA7", "AB6:AC7",
              "AD6:AE7", "AF6:AG7", "F11:F14"]  # fmt: skip
    rows = [*_SOURCE_HEADER, *(row for _, row in _SOURCE_ROWS), *_FOOTER]
    return xlsx({"Realisasi TW IV": rows}, {"Realisasi TW IV": merges})


def _numbers(sheet) -> dict[str, int]:
    return {str(c.value): c.column for c in sheet[8] if c.value is not None}


def test_an_offices_form_imported_and_written_again_keeps_columns_12_to_14(store):
    """Every row's K and Rp in columns 12–14 (the office's 13–15): columns 5 and 6 kept by the plan's
    import from the office's own J–M, nothing given by hand."""
    content = _office_form()
    draft = read_plan_file(content, "evaluasi-renja.xlsx")
    draft.default_polarity = Polarity.POSITIVE
    summary = save_plan(store, draft)
    assert "Kolom 5 dan 6 (Renstra) tahun 2025 dari 5 baris formulir: 5 baru, 0 diubah, 0 tetap." in summary.lines()
    save_data(store, check_data(store, read_data_file(content, "evaluasi-renja.xlsx")), confirm_warnings=True)

    sheet = openpyxl.load_workbook(io.BytesIO(renja_xlsx(store, 2025, 4))).active
    numbers = _numbers(sheet)
    k12, k13, k14 = numbers["12"], numbers["13 = 6 + 12"], numbers["14 = 13 / 5 x 100%"]
    written = {r: (sheet.cell(r, 5).value, sheet.cell(r, 6).value) for r in range(11, sheet.max_row + 1)}
    for kind, row in _SOURCE_ROWS:
        year_k, year_rp, to_date_k, to_date_rp, pct_k, pct_rp = row[27:33]
        line = next(r for r, (_, indicator) in written.items() if indicator == row[7])
        got = [sheet.cell(line, c).value for c in (k12, k13, k14)]
        assert got == pytest.approx([year_k, to_date_k, pct_k]), f"K of {row[7]}"
        if kind == "programme":  # a programme's money on the programme's own row
            line = next(r for r, (name, _) in written.items() if name == row[6])
        got = [sheet.cell(line, c + 1).value for c in (k12, k13, k14)]
        assert got == pytest.approx([year_rp, to_date_rp, pct_rp]), f"Rp of {row[6]}"


def test_an_offices_form_keeps_the_money_of_every_row(store):
    """Kegiatan and sub-kegiatan rows keep their pagu and spending (with the indicator each row
    carries, as a programme's with the programme): written again, every row's Rp in 12 is the
    office's 13; the kegiatan's amount is stored as a subtotal, apart from its sub-kegiatan's."""
    content = _office_form()
    draft = read_plan_file(content, "evaluasi-renja.xlsx")
    draft.default_polarity = Polarity.POSITIVE
    save_plan(store, draft)
    save_data(store, check_data(store, read_data_file(content, "evaluasi-renja.xlsx")), confirm_warnings=True)
    levels = dict(
        store.rows("SELECT i.name, b.level FROM indicator_budget b JOIN indicator i ON i.id = b.indicator_id")
    )
    assert levels == {row[7]: kind for kind, row in _SOURCE_ROWS if kind != "programme"}
    leaves = store.scalar("SELECT sum(pagu) FROM indicator_budget WHERE level = 'sub_kegiatan'")
    assert leaves == store.scalar("SELECT sum(pagu) FROM indicator_budget WHERE level = 'kegiatan'") == 2_000_000
    sheet = openpyxl.load_workbook(io.BytesIO(renja_xlsx(store, 2025, 4))).active
    numbers = _numbers(sheet)
    for kind, row in _SOURCE_ROWS:
        if kind != "programme":
            line = next(r for r in range(11, sheet.max_row + 1) if sheet.cell(r, 6).value == row[7])
            assert sheet.cell(line, numbers["7"] + 1).value == pytest.approx(row[14]), f"pagu of {row[6]}"
            quarters = [sheet.cell(line, numbers[str(n)] + 1).value for n in (8, 9, 10, 11)]
            assert quarters == pytest.approx(row[17:27:3]), f"spending of {row[6]}"
            assert sheet.cell(line, numbers["12"] + 1).value == pytest.approx(row[28]), f"12 Rp of {row[6]}"


# --- the same figures as the dashboard and the quarterly report ---------------------------------


def test_the_forms_quarter_is_the_dashboards_and_the_quarterly_reports(demo_store):
    """TW II 2026 from one store: the form's 7, 9 and 12 K and its average, the quarterly report's
    measurement sheet and the dashboard's view and headline."""
    settings = load_settings(demo_store, 2026)
    view = View(2026, 2)
    dashboard = filtered(demo_store, view, settings).set_index("indicator_name")
    book = openpyxl.load_workbook(io.BytesIO(quarterly_xlsx(demo_store, 2026, 2)))
    report = book["Pengukuran TW II"]
    heads = {c.value: c.column for c in report[4]}
    measured = {
        report.cell(r, heads["Indikator Kinerja"]).value: r
        for r in range(5, report.max_row + 1)
        if report.cell(r, heads["Indikator Kinerja"]).value
    }
    for sheet in (
        openpyxl.load_workbook(io.BytesIO(renja_xlsx(demo_store, 2026, 2))).active,
        book["Evaluasi Renja TW II"],
    ):
        numbers = _numbers(sheet)
        rows = {sheet.cell(r, 6).value: r for r in range(11, 60) if sheet.cell(r, 6).value and not sheet.cell(r, 4).value
                and isinstance(sheet.cell(r, 1).value, int)}  # fmt: skip
        assert set(rows) == set(measured) == set(dashboard.index) and len(rows) == 23
        for name, row in rows.items():
            quarter, year = sheet.cell(row, numbers["9"]).value, sheet.cell(row, numbers["12"]).value
            assert quarter == pytest.approx(report.cell(measured[name], heads["Realisasi TW"]).value), name
            assert quarter == pytest.approx(dashboard.loc[name, "quarter_realization"]), name
            assert year == pytest.approx(report.cell(measured[name], heads["Realisasi s.d. TW"]).value), name
            assert year == pytest.approx(dashboard.loc[name, "realization_to_date"]), name
            assert sheet.cell(row, numbers["10"]).value is None, "TW III not reported yet"
        average = next(
            sheet.cell(r, 7).value for r in range(11, sheet.max_row + 1)
            if str(sheet.cell(r, 2).value).startswith("Rata-rata capaian kinerja Renja")
        )  # fmt: skip
        assert average == pytest.approx(headline(demo_store, view, settings).score)
