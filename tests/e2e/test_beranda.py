"""Beranda in a real browser."""

import shutil

import pytest
from playwright.sync_api import expect

from kinerja.demo import DEMO_PASSWORD
from tests.e2e.conftest import Server, sign_in, wait_for_app

pytestmark = pytest.mark.e2e


def test_beranda_shows_the_overview_chart(server, page):
    """A person opening the app sees this year's achievement by sasaran as a chart."""
    page.goto(server.url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Capaian Kinerja")).to_be_visible()
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("Capaian per sasaran s.d. TW II 2026")
    expect(chart).to_contain_text("Menurunnya prevalensi stunting")
    expect(chart).to_contain_text("Target 100%")
    expect(page.get_by_test_id("stMetric").first).to_contain_text("%")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("data demo")


def test_link_with_year_and_quarter_reproduces_the_view(server, page):
    """A link carrying ?tahun=2025&tw=TW+III opens the same year and quarter in another browser."""
    page.goto(f"{server.url}/?tahun=2025&tw=TW+III")
    wait_for_app(page)
    expect(page.locator(".js-plotly-plot").first).to_contain_text("s.d. TW III 2025")
    expect(page.get_by_role("combobox", name="Triwulan")).to_have_value("TW III")
    expect(page.get_by_role("combobox", name="Tahun")).to_have_value("2025")


def test_changing_the_quarter_updates_the_url(server, page):
    """Choosing another quarter puts it in the address, ready to share."""
    page.goto(server.url)
    wait_for_app(page)
    page.get_by_role("combobox", name="Triwulan").click()
    page.get_by_role("option", name="TW I", exact=True).click()
    wait_for_app(page)
    expect(page.locator(".js-plotly-plot").first).to_contain_text("s.d. TW I 2026")
    assert "tw=TW+I" in page.url, "the quarter is in the link"


def test_a_page_link_opened_first_after_a_restart_keeps_the_router(demo_db_file, tmp_path, page):
    """A shared link to a page, opened before anyone opened the main page, still has the app's sidebar."""
    db = tmp_path / "baru.duckdb"
    shutil.copy(demo_db_file, db)
    fresh = Server(db)
    try:
        page.goto(f"{fresh.url}/perencanaan")
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Perencanaan")).to_be_visible()
        navigation = page.get_by_test_id("stSidebarNav")
        expect(navigation).to_contain_text("Beranda")
        expect(navigation).not_to_contain_text("app")
        expect(page.get_by_test_id("stSidebar")).to_contain_text("Dinas Kesehatan Kabupaten Sukamaju")
    finally:
        fresh.stop()


def test_a_units_beranda_says_its_quarter_was_returned(server, page):
    """The demo's reviewer returned P2P's TW II 2026: P2P's operator sees it first, with the note."""
    page.goto(server.url)
    wait_for_app(page)
    sign_in(page, "operator.p2p", DEMO_PASSWORD)
    page.goto(server.url)
    wait_for_app(page)
    notice = page.get_by_test_id("stAlert").filter(has_text="dikembalikan")
    expect(notice).to_contain_text("Data P2P TW II 2026 dikembalikan oleh")
    expect(notice).to_contain_text("Ada data yang perlu diperbaiki.")
    sign_in(page, "operator.kesmas", DEMO_PASSWORD)
    page.goto(server.url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Capaian Kinerja")).to_be_visible()
    expect(page.get_by_test_id("stAlert").filter(has_text="dikembalikan")).to_have_count(0)
