"""A planner drafts the quarterly report on the Laporan page and downloads it."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_the_quarterly_report_downloads_from_the_page(server, page):
    page.goto(f"{server.url}/laporan?tahun=2026&tw=TW+II")
    wait_for_app(page)
    page.get_by_role("button", name="Susun dokumen (Word)").click()
    wait_for_app(page, timeout=90_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh laporan-kinerja-2026-tw2.docx").click()
    assert download.value.suggested_filename == "laporan-kinerja-2026-tw2.docx"
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    assert "BAB II CAPAIAN KINERJA" in [p.text for p in document.paragraphs]
    assert document.tables[0].rows[1].cells[2].text == "Jumlah kematian ibu"
    assert len(document.inline_shapes) == 3, "the charts are in"
    expect(page.get_by_text("Status laporan TW II 2026: Draf")).to_be_visible()
