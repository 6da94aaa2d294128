"""An admin changes the negative-polarity formula on Pengaturan from a chosen year: a final year is
unlocked first, with a reason, and the dashboard then states the formula of the year it shows."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import type_choice, wait_for_app

pytestmark = pytest.mark.e2e


def test_admin_changes_the_formula_from_a_final_year_through_its_unlock(server, page):
    """2026 has a final TW I report: the page says so, the admin unlocks it, then saves the formula."""
    page.goto(f"{server.url}/pengaturan")
    wait_for_app(page)
    chosen = page.get_by_role("combobox", name="Berlaku mulai tahun")
    type_choice(page, chosen, "2025")
    expect(page.get_by_text("laporan tahunan (LKjIP) 2025 sudah final")).to_be_visible()
    type_choice(page, chosen, "2026")
    expect(page.get_by_text("Pengaturan tahun 2026 tidak dapat diubah: laporan TW I 2026 sudah final")).to_be_visible()
    page.get_by_label("Alasan membuka kunci tahun 2026").fill("Keputusan Kepala Dinas: rumus T/R mulai 2026")
    page.get_by_role("button", name="Buka kunci tahun 2026 untuk satu perubahan").click()
    wait_for_app(page)
    expect(page.get_by_text("Kunci tahun 2026 dibuka untuk satu perubahan")).to_be_visible()
    page.get_by_text("T / R × 100").click()
    wait_for_app(page)
    page.get_by_role("button", name="Simpan pengaturan").click()
    wait_for_app(page)
    expect(page.get_by_text("Rumus polaritas negatif: '2T-R' → 'T/R' untuk tahun 2026 dan sesudahnya.")).to_be_visible()
    page.get_by_text("Riwayat pengaturan per tahun (1)").click()
    history = page.get_by_test_id("stExpander").filter(has_text="Riwayat pengaturan").get_by_test_id("stDataFrame")
    expect(history).to_contain_text("rumus polaritas negatif")
    expect(history).to_contain_text("2026")
    page.goto(f"{server.url}/dasbor?tahun=2025&tw=4")
    wait_for_app(page)
    expect(
        page.get_by_text("Pengaturan perhitungan tahun 2025: polaritas negatif C = (2T − R) / T × 100")
    ).to_be_visible()
    page.goto(f"{server.url}/dasbor?tahun=2026&tw=1")
    wait_for_app(page)
    expect(page.get_by_text("Pengaturan perhitungan tahun 2026: polaritas negatif C = T / R × 100")).to_be_visible()
