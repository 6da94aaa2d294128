"""Evaluasi AKIP in a real browser: an evaluator reads the score, the predikat and a computed
answer's figures and evidence link, and downloads the worksheet."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_an_evaluator_reads_a_computed_answer_and_downloads_the_lke(server, page, tmp_path):
    """2025's score and predikat, B.2.4's late quarters and its link to Proses SOP, the Excel's RESUME."""
    page.goto(f"{server.url}/lke")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Evaluasi AKIP")).to_be_visible()
    expect(page.get_by_test_id("stMetric").nth(1)).to_contain_text("Sangat Kurang")
    page.get_by_role("tab", name="B. Pengukuran Kinerja").click()
    card = page.get_by_test_id("stExpander").filter(has_text="B.2.4 · B · dihitung dari data")
    card.get_by_text("B.2.4 · B").click()
    expect(card).to_contain_text("26 dari 32 tepat waktu")
    expect(card).to_contain_text("PK TW I 2025: 18 April 2025, batas 15 April 2025")
    expect(card.get_by_role("link", name="Proses SOP (waktu kirim)")).to_have_attribute("href", "/proses?tahun=2025")
    page.screenshot(path=str(tmp_path / "lke.png"))  # kept by the test run for a person to look at
    with page.expect_download() as download:
        page.get_by_role("button", name="LKE (Excel, tata letak daerah)").click()
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    assert book.sheetnames == ["RESUME", "PENILAIAN", "BUKTI DUKUNG"]
