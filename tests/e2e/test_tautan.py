"""A leader makes a read-only link in the browser; someone without an account opens it in another
browser and sees that view (demo data or not); once revoked, the link shows nothing."""

import pytest
from playwright.sync_api import expect

from kinerja.demo import DEMO_PASSWORD
from tests.e2e.conftest import sign_in, wait_for_app

pytestmark = pytest.mark.e2e


def test_a_read_only_link_shows_its_view_to_a_stranger_until_revoked(server, page, browser):
    page.goto(server.url)
    wait_for_app(page)
    sign_in(page, "kadis", DEMO_PASSWORD)
    page.goto(f"{server.url}/dasbor?sasaran=Menurunnya+prevalensi+stunting+dan+gizi+buruk")
    wait_for_app(page)
    page.get_by_role("button", name="Bagikan").click()
    page.get_by_label("Nama tautan").fill("Rapat pimpinan Juli")
    page.get_by_role("button", name="Buat tautan").click()
    wait_for_app(page)
    # shown beside the button, whether the popover stayed open over the rerun or not
    expect(page.get_by_text("Tautan baca-saja dibuat. Salin sekarang")).to_be_visible()
    expect(page.get_by_test_id("stCode").filter(has_text="tautan=")).to_be_visible()
    link = next(c.inner_text().strip() for c in page.get_by_test_id("stCode").all() if "tautan=" in c.inner_text())

    stranger = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    stranger.goto(link)
    wait_for_app(stranger)
    expect(stranger.get_by_role("heading", name="Dasbor Capaian")).to_be_visible()
    expect(stranger.get_by_text("Tautan baca-saja: Rapat pimpinan Juli · TW II 2026")).to_be_visible()
    expect(stranger.get_by_role("combobox", name="Sasaran")).to_be_disabled()
    expect(stranger.get_by_test_id("stSidebar")).to_be_hidden()
    expect(stranger.get_by_role("button", name="Bagikan")).to_have_count(0)
    score = page.get_by_test_id("stMetricValue").first.inner_text()
    expect(stranger.get_by_test_id("stMetricValue").first).to_have_text(score)

    # the stranger edits the link by hand: another sasaran, unit and year; the link's view holds
    stranger.goto(f"{link}&sasaran=Meningkatnya+mutu+dan+akses+pelayanan+kesehatan&unit=KESMAS&tahun=2025&tw=TW+IV")
    wait_for_app(stranger)
    expect(stranger.get_by_text("Tautan baca-saja: Rapat pimpinan Juli · TW II 2026")).to_be_visible()
    expect(stranger.get_by_role("combobox", name="Sasaran")).to_have_value(
        "Menurunnya prevalensi stunting dan gizi buruk"
    )
    expect(stranger.get_by_test_id("stMetricValue").first).to_have_text(score)

    page.keyboard.press("Escape")
    page.get_by_text("Tautan baca-saja yang aktif").click()
    page.get_by_role("button", name="Cabut").first.click()
    wait_for_app(page)
    stranger.reload()
    wait_for_app(stranger)
    expect(stranger.get_by_text("Tautan ini tidak berlaku lagi")).to_be_visible()
    expect(stranger.get_by_test_id("stMetricValue")).to_have_count(0)
    expect(stranger.locator(".js-plotly-plot")).to_have_count(0)
