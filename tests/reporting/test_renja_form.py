"""The Evaluasi Renja form (Permendagri 86/2017) written from Kinerja's figures: its columns and
formulas, the predikat, the figures the recap and dashboard show, the round trip through the
form's reader, and the command line."""

import io
import math

import openpyxl
import pytest

from kinerja.__main__ import main
from kinerja.collection.checking import check_data
from kinerja.collection.reading import read_data_file
from kinerja.collection.saving import save_data
from kinerja.domain.achievement import Polarity
from kinerja.domain.recap import overall_score
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.reporting.quarterly import quarterly_xlsx
from kinerja.reporting.renja_form import (
    missing_renstra,
    predikat,
    renja_figures,
    renja_xlsx,
    renstra_frame,
    save_renstra,
)
from kinerja.storage.figures import recap
from tests.workbooks import renja_form_workbook


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (100.0, "Sangat Tinggi"),
        (90.01, "Sangat Tinggi"),
        (90.0, "Tinggi"),
        (75.01, "Tinggi"),
        (75.0, "Sedang"),
        (65.01, "Sedang"),
        (65.0, "Rendah"),
        (50.01, "Rendah"),
        (50.0, "Sangat Rendah"),
        (0.0, "Sangat Rendah"),
        (None, None),
        (math.nan, None),
    ],
)
def test_predikat_follows_the_forms_own_table(score, label):
    assert predikat(score) == label


def _sheet(content: bytes, title_start: str = "Evaluasi Renja"):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return next(s for s in book.worksheets if s.title.startswith(title_start))


def _columns(sheet) -> dict[str, int]:
    """Column number text on row 8 → its K column (1-based)."""
    return {str(c.value): c.column for c in sheet[8] if c.value is not None}


def _rows(sheet):
    """Data rows (11 up to the first row without a number in column A)."""
    row = 11
    while isinstance(sheet.cell(row, 1).value, int):
        yield row
        row += 1


def _by_indicator(sheet) -> dict[str, int]:
    return {sheet.cell(r, 6).value: r for r in _rows(sheet) if sheet.cell(r, 6).value and not sheet.cell(r, 4).value}


def test_the_form_has_the_regulations_layout(demo_store):
    sheet = _sheet(renja_xlsx(demo_store, 2026, 2))
    numbers = _columns(sheet)
    assert {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13 = 6 + 12", "14 = 13 / 5 x 100%"} <= set(
        numbers
    )
    kinds = [sheet.cell(9, c).value for c in range(numbers["5"], numbers["14 = 13 / 5 x 100%"] + 2)]
    assert kinds == ["K", "Rp."] * 10, "K and Rp under each group, quarters included"
    assert [sheet.cell(7, numbers[str(q)]).value for q in (8, 9, 10, 11)] == ["I", "II", "III", "IV"]
    assert sheet.cell(10, 3).value == "Perangkat Daerah : Dinas Kesehatan Kabupaten Sukamaju (DINKES)"
    assert "Triwulan II Tahun 2026" in sheet.cell(3, 1).value
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("Rata-rata capaian kinerja Renja") for t in texts)
    assert any(t.startswith("KEPALA DINAS KESEHATAN") for t in texts), "the signature block"
    assert "1.02.02.2.02.0001" in texts and "Pengelolaan Pelayanan Kesehatan Ibu Hamil" in texts, "codes from the tree"


def test_the_figures_are_the_recaps_and_the_dashboards(demo_store):
    sheet = _sheet(renja_xlsx(demo_store, 2026, 2))
    numbers, rows = _columns(sheet), _by_indicator(sheet)
    frame = recap(demo_store, 2026, 2)
    assert len(rows) == len(frame) == 23
    for record in frame.to_dict(orient="records"):
        row = rows[record["indicator_name"]]
        assert sheet.cell(row, numbers["12"]).value == pytest.approx(record["realization_to_date"])
        assert sheet.cell(row, numbers["9"]).value == pytest.approx(record["quarter_realization"])
        assert sheet.cell(row, numbers["10"]).value is None, "TW III is not reported yet"
    dengue = rows["Angka kesakitan DBD per 100.000 penduduk"]
    assert sheet.cell(dengue, numbers["12"]).value == pytest.approx(34.41), "the dashboard's 34,41"
    average = next(
        sheet.cell(r, 7).value
        for r in range(1, sheet.max_row + 1)
        if str(sheet.cell(r, 2).value).startswith("Rata-rata capaian kinerja Renja")
    )
    assert average == pytest.approx(overall_score(frame), abs=1e-6)
    programme = next(r for r in _rows(sheet) if sheet.cell(r, 4).value == "1.02.02")
    assert sheet.cell(programme, numbers["7"] + 1).value == 18_500_000_000, "the PK's pagu"
    assert sheet.cell(programme, numbers["12"] + 1).value == 2_860_655_000 + 3_725_017_000, "spending of TW I and II"


def test_columns_13_and_14_follow_the_form_from_what_was_asked(demo_store):
    figures = renja_figures(demo_store, 2026, 2)
    assert len(missing_renstra(figures)) == len(figures.lines), "nothing asked yet: every row listed, nothing invented"
    asked = renstra_frame(figures)
    given = {  # key → columns 5 K, 6 K, 5 Rp, 6 Rp
        "indikator:IK07": (200.0, 120.0, None, None),
        "indikator:IK22": (30.0, 18.0, None, None),
        "indikator:IK14": (85.0, 84.0, None, None),
        "program:P01": (None, None, 90_000_000_000.0, 50_000_000_000.0),
    }
    asked = asked[asked["Kunci"].isin(list(given))].copy()
    columns = ["Target Renstra K (5)", "Realisasi Renstra s.d. tahun lalu K (6)", "Target Renstra Rp (5)",
               "Realisasi Renstra s.d. tahun lalu Rp (6)"]  # fmt: skip
    for index, column in enumerate(columns):
        asked[column] = [given[k][index] for k in asked["Kunci"]]
    assert save_renstra(demo_store, 2026, asked.to_dict(orient="records")) == 4
    sheet = _sheet(renja_xlsx(demo_store, 2026, 2))
    numbers, rows = _columns(sheet), _by_indicator(sheet)
    k12, k13, k14 = numbers["12"], numbers["13 = 6 + 12"], numbers["14 = 13 / 5 x 100%"]
    village = rows["Jumlah desa lokus stunting yang diintervensi"]  # a count: 13 = 6 + 12
    assert sheet.cell(village, k13).value == pytest.approx(120 + sheet.cell(village, k12).value)
    assert sheet.cell(village, k14).value == pytest.approx(sheet.cell(village, k13).value / 200 * 100)
    index = rows["Indeks kepuasan masyarakat terhadap layanan puskesmas"]  # a level: the level now
    assert sheet.cell(index, k13).value == pytest.approx(sheet.cell(index, k12).value)
    programme = next(r for r in _rows(sheet) if sheet.cell(r, 4).value == "1.02.02")
    assert sheet.cell(programme, k13 + 1).value == pytest.approx(50e9 + 6_585_672_000)
    assert sheet.cell(programme, k14 + 1).value == pytest.approx((50e9 + 6_585_672_000) / 90e9 * 100)
    assert renja_figures(demo_store, 2025, 4).lines[0].renstra_k is None, "a year's values are that year's"


def test_the_form_kinerja_writes_reads_back_as_stored(demo_store):
    content = renja_xlsx(demo_store, 2026, 2)
    frame = recap(demo_store, 2026, 2)
    plan = read_plan_file(content, "evaluasi-renja.xlsx")
    assert plan.errors == [] and plan.year == 2026
    assert [r.name for r in plan.rows] == list(frame["indicator_name"]), "the PK's indicators, not the tree's"
    assert [r.target.low for r in plan.rows] == pytest.approx(list(frame["annual_target"]))
    assert [r.sasaran for r in plan.rows] == list(frame["goal"])
    assert {p.name: p.pagu for p in plan.programmes}["Program Pencegahan dan Pengendalian Penyakit"] == 6_400_000_000
    data = check_data(demo_store, read_data_file(content, "evaluasi-renja.xlsx"))
    assert data.errors == [] and data.rows == [], "nothing new: import changes nothing"
    assert len(data.unchanged) == 46, "23 indicators × TW I and II, each as stored"


def test_a_form_like_the_offices_imported_and_written_again_keeps_columns_12_to_14(store):
    draft = read_plan_file(renja_form_workbook(), "evaluasi-renja.xlsx")
    draft.default_polarity = Polarity.POSITIVE
    save_plan(store, draft)
    save_data(store, check_data(store, read_data_file(renja_form_workbook(), "evaluasi-renja.xlsx")))
    figures = renja_figures(store, 2025, 4)
    asked = renstra_frame(figures)
    asked["Target Renstra K (5)"] = [10.0 if i else None for i in asked["Indikator"]]
    asked["Realisasi Renstra s.d. tahun lalu K (6)"] = [2.0 if i else None for i in asked["Indikator"]]
    save_renstra(store, 2025, asked.to_dict(orient="records"))
    sheet = _sheet(renja_xlsx(store, 2025, 4))
    numbers, rows = _columns(sheet), _by_indicator(sheet)
    source = openpyxl.load_workbook(io.BytesIO(renja_form_workbook()), data_only=True).active
    names = {r.place.row: r.name for r in draft.rows}
    for line, name in names.items():
        year_k = sum(source.cell(line, c).value or 0 for c in (16, 19, 22, 25))  # the form's own 13 = 9+10+11+12
        row = rows[name]
        assert sheet.cell(row, numbers["12"]).value == pytest.approx(year_k)
        assert sheet.cell(row, numbers["13 = 6 + 12"]).value == pytest.approx(2 + year_k)
        assert sheet.cell(row, numbers["14 = 13 / 5 x 100%"]).value == pytest.approx((2 + year_k) / 10 * 100)
    for programme in draft.programmes:
        row = next(r for r in _rows(sheet) if sheet.cell(r, 5).value == programme.name)
        spent = sum(source.cell(programme.place.row, c).value or 0 for c in (18, 21, 24, 27))
        assert sheet.cell(row, numbers["12"] + 1).value == pytest.approx(spent)
        assert sheet.cell(row, numbers["7"] + 1).value == programme.pagu


def test_the_quarterly_reports_excel_carries_the_form(demo_store):
    book = openpyxl.load_workbook(io.BytesIO(quarterly_xlsx(demo_store, 2026, 2)))
    assert book.sheetnames[-1] == "Evaluasi Renja TW II"


def test_command_line_writes_the_form_and_refuses_in_indonesian(demo_db_path, tmp_path, capsys):
    db = str(demo_db_path)
    out = tmp_path / "renja.xlsx"
    assert main(["form", "renja", "--year", "2026", "--quarter", "2", "-o", str(out), "--db", db]) == 0
    said = capsys.readouterr()
    assert "Evaluasi Renja TW II 2026 ditulis ke" in said.out
    assert "kolom 5 dan 6 (Renstra) belum diisi" in said.err
    assert _sheet(out.read_bytes()).cell(10, 3).value.startswith("Perangkat Daerah : ")
    assert main(["form", "renja", "--year", "2019", "--quarter", "2", "-o", str(out), "--db", db]) == 2
    assert "tidak ada rencana kinerja tahun 2019" in capsys.readouterr().err
    assert main(["form", "renja", "--year", "2026", "--quarter", "2", "-o", str(tmp_path / "r.docx"), "--db", db]) == 2
    assert "harus berakhiran .xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["form", "renja", "--year", "2026", "--quarter", "5", "-o", str(out), "--db", db])
    assert exit_.value.code == 2
