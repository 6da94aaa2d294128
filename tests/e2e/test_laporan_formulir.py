"""A planner downloads the statutory forms from the Laporan page: the Evaluasi Renja form of TW II,
the Manual IKU and the Matriks Peran Hasil, each opening, the Renja form's figures those of the
quarterly report and the dashboard."""

import io
import re

import openpyxl
import pytest
from docx import Document
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def _download(page: Page, kind: str, build: str, name: str) -> bytes:
    """Choose the report ``kind``, build it with the button ``build``, download ``name``."""
    page.get_by_test_id("stButtonGroup").get_by_text(kind, exact=True).click()
    wait_for_app(page)
    page.get_by_role("button", name=build).click()
    wait_for_app(page, timeout=90_000)
    with page.expect_download() as download:
        page.get_by_role("button", name=f"Unduh {name}").click()
    assert download.value.suggested_filename == name
    return download.value.path().read_bytes()


def _form_rows(sheet) -> dict[str, tuple[object, object, object]]:
    """Each PK indicator's (7 target K, 9 TW II K, 12 year K) on the Renja form."""
    numbers = {str(c.value): c.column for c in sheet[8] if c.value is not None}
    rows = {}
    r = 11
    while isinstance(sheet.cell(r, 1).value, int):  # the form's numbered rows
        indicator, code = sheet.cell(r, 6).value, sheet.cell(r, 4).value
        r += 1
        if indicator and not code:  # the PK's rows have no Kemendagri code, the tree's have one
            rows[indicator] = tuple(sheet.cell(r - 1, numbers[n]).value for n in ("7", "9", "12"))
    return rows


def test_the_three_forms_download_and_the_renja_forms_figures_are_the_reports(server, page):
    """Renja form, Manual IKU and RHK download and open; the Renja form's TW II is the report's and the dashboard's."""
    page.goto(f"{server.url}/laporan?tahun=2026&tw=TW+II")
    wait_for_app(page)
    renja = openpyxl.load_workbook(
        io.BytesIO(
            _download(page, "Evaluasi Renja (Permendagri 86)", "Susun tabel (Excel)", "evaluasi-renja-2026-tw2.xlsx")
        )
    ).active
    assert renja.title == "Evaluasi Renja TW II"
    assert renja.cell(10, 3).value == "Perangkat Daerah : Dinas Kesehatan Kabupaten Sukamaju (DINKES)"
    manual = Document(io.BytesIO(_download(page, "Manual IKU", "Susun dokumen (Word)", "manual-iku-2026.docx")))
    assert any("MANUAL" in p.text.upper() for p in manual.paragraphs) and manual.tables
    rhk = openpyxl.load_workbook(
        io.BytesIO(_download(page, "Matriks Peran Hasil", "Susun tabel (Excel)", "matriks-peran-hasil-2026.xlsx"))
    )
    assert len(rhk.sheetnames) >= 2, "the office's matrix and a sheet per official"
    report = openpyxl.load_workbook(
        io.BytesIO(_download(page, "Laporan Kinerja Triwulan", "Susun tabel (Excel)", "laporan-kinerja-2026-tw2.xlsx"))
    )["Pengukuran TW II"]
    heads = {c.value: c.column for c in report[4]}
    measured = {
        report.cell(r, heads["Indikator Kinerja"]).value: tuple(
            report.cell(r, heads[h]).value for h in ("Target Tahunan", "Realisasi TW", "Realisasi s.d. TW")
        )
        for r in range(5, report.max_row + 1)
        if report.cell(r, heads["Indikator Kinerja"]).value
    }
    form = _form_rows(renja)
    assert set(form) == set(measured) and len(form) == 23
    for name, (target, quarter, year) in form.items():
        assert (quarter, year) == pytest.approx(measured[name][1:]), name
        if isinstance(target, str):  # a range "60 – 85": the report's table shows its lower bound
            assert target.startswith(f"{measured[name][0]:g}"), name
        else:
            assert target == pytest.approx(measured[name][0]), name

    average = next(
        renja.cell(r, 7).value for r in range(11, renja.max_row + 1)
        if str(renja.cell(r, 2).value).startswith("Rata-rata capaian kinerja Renja")
    )  # fmt: skip
    page.goto(f"{server.url}/dasbor?tahun=2026&tw=TW+II")
    wait_for_app(page)
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
    shown = re.search(r"\d+(?:,\d+)?", page.get_by_test_id("stMetricValue").first.inner_text()).group(0)
    decimals = len(shown.split(",")[1]) if "," in shown else 0
    assert float(shown.replace(",", ".")) == pytest.approx(round(average, decimals)), "the dashboard's headline"
