"""The Permendagri 86 evaluation form, imported as a plan and as quarterly data."""

import pytest

from kinerja.collection.checking import check_data
from kinerja.collection.reading import read_data_file
from kinerja.collection.saving import save_data
from kinerja.domain.achievement import Polarity
from kinerja.planning.saving import save_plan
from kinerja.planning.stored import plan_frame
from kinerja.planning.workbook import read_plan_file
from kinerja.storage.figures import recap
from kinerja.workbook.spreadsheet import column_letter
from tests.workbooks import renja_form_workbook


@pytest.fixture
def form_store(store):
    draft = read_plan_file(renja_form_workbook(), "evaluasi-renja.xlsx")
    draft.default_polarity = Polarity.POSITIVE  # the form has no polarity column (as import-plan --default-polarity)
    save_plan(store, draft)
    return store


def test_the_form_is_read_as_a_plan():
    draft = read_plan_file(renja_form_workbook(), "evaluasi-renja.xlsx")
    assert draft.errors == []
    assert draft.year == 2025
    assert [(u.code, u.name, u.kind) for u in draft.units] == [
        ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "opd")
    ]
    assert [r.name for r in draft.rows] == [
        "1. Nilai AKIP 2. Indeks Kepuasan Masyarakat",
        "Jumlah Dokumen Perencanaan (Perencanaan, Penganggaran, dan Evaluasi Kinerja)",
        "Jumlah Dokumen Perencanaan (Koordinasi Penyusunan Dokumen RKA)",
        "Persentase Usulan Musrenbang yang Diakomodasi",
    ]
    assert {r.aggregation.value for r in draft.rows} == {"SUM"}, "the form adds its quarters (13 = 9 + 10 + 11 + 12)"
    assert [r.target.low for r in draft.rows] == [100, 4, 1, 60]
    assert draft.rows[1].sasaran == "Meningkatnya kinerja perangkat daerah", "merged down from the programme row"
    assert [(p.name, p.pagu, p.sasaran) for p in draft.programmes] == [
        ("Program Penunjang Urusan Pemerintahan Daerah", 2_000_000, "Meningkatnya kinerja perangkat daerah"),
        ("Program Perencanaan Pembangunan Daerah", 1_000_000, "Meningkatnya kualitas perencanaan"),
    ]
    warnings = {(w.row, w.message.split(";")[0]) for w in draft.problems if w.severity == "warning"}
    assert warnings == {(12, "Satu sel berisi beberapa indikator"), (16, "Indikator tanpa target tahun ini")}


def test_the_form_is_read_as_quarterly_data_and_the_year_matches_its_own_sum(form_store):
    data = check_data(form_store, read_data_file(renja_form_workbook(), "evaluasi-renja.xlsx"))
    assert data.errors == [] and data.warnings == []
    assert {(r.unit_code, r.year) for r in data.rows} == {("BAPPEDA", 2025)}
    assert len(data.rows) == 16 and len(data.budget) == 16
    assert sum(b.indicator is None for b in data.budget) == 8, (
        "8 of a programme, 8 of kegiatan kept with their indicator"
    )
    assert data.accounting() == (
        "6 baris data: 4 berisi angka, 1 baris judul (sasaran/program) tanpa angka, 1 belum dilaporkan"
    ), "the indicator row with nothing filled in is accounted for too"
    assert [(s.place.row, s.value) for s in data.skipped] == [
        (11, "UNSUR PENUNJANG URUSAN PEMERINTAHAN"),
        (16, "Jumlah Laporan Fasilitasi"),
    ]
    saved = save_data(form_store, data)
    assert [(v.quarter, v.rows) for v in saved] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    tw4 = recap(form_store, 2025, 4).set_index("indicator_name")
    documents = tw4.loc["Jumlah Dokumen Perencanaan (Perencanaan, Penganggaran, dan Evaluasi Kinerja)"]
    assert documents.realization_to_date == pytest.approx(4.0), "2 + 0,8 + 1,2 + 0, float noise and all"
    assert documents.achievement_pct == pytest.approx(100.0)
    musrenbang = tw4.loc["Persentase Usulan Musrenbang yang Diakomodasi"]
    assert musrenbang.achievement_pct == pytest.approx(55 / 60 * 100)
    spent = form_store.rows("SELECT quarter, sum(spending) FROM budget_current WHERE year = 2025 GROUP BY 1 ORDER BY 1")
    assert spent == [(1, 400_000), (2, 500_000), (3, 600_000), (4, 900_000)]
    assert len(plan_frame(form_store, 2025)) == 4


def test_the_form_for_an_unknown_unit_asks_for_the_unit(form_store):
    from kinerja.collection.datafile import Period

    data = check_data(form_store, read_data_file(renja_form_workbook(), "renja.xlsx", Period(unit="TIDAKADA")))
    assert data.errors and "Unit tidak dikenal" in data.errors[0].message


def _form_with(edits: dict[tuple[int, str], object]) -> bytes:
    """The form with some cells retyped, as offices leave them: K cells left at 0 while the %
    says the work is done, a yearly total typed over its formula."""
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(renja_form_workbook()))
    sheet = workbook.active
    for (row, column), value in edits.items():
        sheet[f"{column}{row}"] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_k_and_percent_that_disagree_and_a_yearly_total_that_is_not_the_sum_are_warnings(form_store):
    from kinerja.collection.datafile import Period
    from kinerja.workbook.renja_form import read_renja_form
    from kinerja.workbook.spreadsheet import read_sheets

    form = read_renja_form(read_sheets(renja_form_workbook(), "x.xlsx")[0])
    documents = next(
        r for r in form.rows if r.indicator and r.indicator.startswith("Jumlah Dokumen") and r.target_k == 4
    )
    k1, pct1 = (f"{column_letter(form.columns.quarter_k[1])}", f"{column_letter(form.columns.quarter_pct[1])}")
    year_k = column_letter(form.columns.year_k)
    content = _form_with({(documents.row, k1): 0, (documents.row, pct1): 0.5, (documents.row, year_k): 99})
    data = read_data_file(content, "evaluasi-renja.xlsx", Period(2025, 4, "BAPPEDA"))
    said = [p for p in data.warnings if p.row == documents.row]
    assert [p.message.split(" (")[0] for p in said] == [
        "K dan % formulir tidak sejalan; angka K yang disimpan, periksa mana yang benar",
        "Realisasi tahun ini yang tertulis berbeda dari jumlah K TW I–IV",
    ]
    assert "TW I: K s.d. triwulan 0 (0% dari target 4) sedangkan % 50%" in said[0].message
    assert said[1].column == f"{year_k} (Realisasi Tahun Ini K)" and said[1].value == 99
    assert not [
        p
        for p in read_data_file(renja_form_workbook(), "x.xlsx", Period(2025, 4, "BAPPEDA")).warnings
        if "sejalan" in p.message
    ]
