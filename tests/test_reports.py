"""The quarterly report draft, opened as a planner would: its chapters, its table's numbers
against the recap, its charts, and its sentences' numbers."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from kinerja.numbers import fmt_number, fmt_percent
from kinerja.recap import recap
from kinerja.reports import quarterly_docx, quarterly_xlsx


@pytest.fixture(scope="module")
def report(demo_db_file, tmp_path_factory):
    """The demo's TW II 2026 report, built once (its charts take a browser start)."""
    from kinerja.store import Store

    path = tmp_path_factory.mktemp("laporan") / "demo.duckdb"
    path.write_bytes(demo_db_file.read_bytes())
    store = Store(path)
    content = quarterly_docx(store, 2026, 2, cache_dir=path.parent / "grafik")
    frame = recap(store, 2026, 2)
    yield Document(io.BytesIO(content)), frame, store, path.parent / "grafik"
    store.close()


def test_the_chapters_of_the_regulation(report):
    document, _, _, _ = report
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:5] == [
        "BAB I PENDAHULUAN",
        "BAB II CAPAIAN KINERJA",
        "A. Ringkasan",
        "B. Pengukuran Kinerja",
        "C. Analisis Capaian per Indikator",
    ]
    assert headings[-1] == "BAB III PENUTUP"
    assert "TRIWULAN II TAHUN 2026" in [p.text for p in document.paragraphs[:12]]


def test_the_measurement_table_holds_the_recaps_numbers(report):
    document, frame, _, _ = report
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["No", "Sasaran Strategis", "Indikator Kinerja"] and header[-2:] == ["Capaian (%)", "Kategori"]
    assert len(table.rows) == len(frame) + 1
    for row, record in zip(table.rows[1:], frame.to_dict(orient="records"), strict=True):
        cells = [c.text for c in row.cells]
        assert cells[2] == record["indicator_name"]
        assert cells[8] == fmt_number(record["realization_to_date"])
        assert cells[9] == fmt_number(record["achievement_pct"], 1)
        assert cells[10] == record["category"]


def test_the_charts_are_in_and_cached(report):
    document, _, _, cache = report
    assert len(document.inline_shapes) == 3
    assert len(list(cache.glob("*.png"))) == 3


def test_every_indicator_has_a_paragraph_with_its_own_numbers(report):
    document, frame, _, _ = report
    text = "\n".join(p.text for p in document.paragraphs)
    ik13 = frame.set_index("indicator_code").loc["IK13"]
    sentence = (
        f"Capaian indikator {ik13.indicator_name} sampai dengan Triwulan II Tahun 2026 sebesar "
        f"{fmt_percent(ik13.achievement_pct)} (kategori {ik13.category})"
    )
    assert sentence in text
    assert "Kendala: Keterlambatan pengiriman laporan dari beberapa puskesmas." in text
    for name in frame["indicator_name"]:
        assert f"indikator {name}" in text


def test_an_unchanged_period_exports_again_without_rendering(report, monkeypatch):
    import kinerja.chart_images as images

    _, _, store, cache = report

    def no_browser(*_args, **_kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(images.pio, "write_images", no_browser)
    again = Document(io.BytesIO(quarterly_docx(store, 2026, 2, cache_dir=cache)))
    assert len(again.inline_shapes) == 3


def test_the_excel_version_has_the_same_table(demo_store):
    workbook = load_workbook(io.BytesIO(quarterly_xlsx(demo_store, 2026, 2)))
    assert workbook.sheetnames == ["Pengukuran TW II", "Analisis"]
    sheet = workbook["Pengukuran TW II"]
    assert sheet["A1"].value == "PENGUKURAN KINERJA TRIWULAN II TAHUN 2026"
    header = [c.value for c in sheet[4]]
    frame = recap(demo_store, 2026, 2)
    realised = header.index("Realisasi s.d. TW") + 1
    assert [sheet.cell(5 + n, realised).value for n in range(len(frame))] == pytest.approx(
        list(frame["realization_to_date"])
    )
    assert sheet.freeze_panes == "C5"
