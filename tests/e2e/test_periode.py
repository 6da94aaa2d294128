"""The period pages in a real browser: they open on the quarter most units have sent and say why,
the address always carries the period, and Unggah Data stays on the quarter being filled."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kinerja.collection.template import unit_template
from kinerja.demo import DEMO_PASSWORD
from kinerja.storage.store import Store
from tests.e2e.conftest import confirm_warnings, open_dashboard_filters, sign_in, wait_for_app
from tests.workbooks import fill_template

pytestmark = pytest.mark.e2e
WHY = "Menampilkan TW II 2026: triwulan terakhir yang sudah diajukan sebagian besar unit (6 dari 8)."


def _filled(demo_db_file: Path, tmp_path: Path, unit: str, values: dict) -> Path:
    store = Store(demo_db_file)
    template = unit_template(store, unit, 2026, 3)
    store.close()
    path = tmp_path / f"{unit.lower()}-tw3.xlsx"
    path.write_bytes(fill_template(template, values))
    return path


def _save(page: Page, path: Path) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    wait_for_app(page)
    confirm_warnings(page)
    page.get_by_role("button", name="Simpan").click()
    wait_for_app(page)


def _expect_in_address(page: Page, **words: str) -> None:
    for name, value in words.items():
        expect(page).to_have_url(re.compile(rf"[?&]{name}={re.escape(value)}(&|$)"))


def test_a_link_keeps_its_period_and_filters_in_the_address(server, page):
    """/dasbor?tahun=2026&tw=TW+II&indikator=IK05 keeps all three, though TW II 2026 is the opening period."""
    page.goto(f"{server.url}/dasbor?tahun=2026&tw=TW+II&indikator=IK05")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="IK05 · Prevalensi stunting pada balita")).to_be_visible()
    _expect_in_address(page, tahun="2026", tw="TW+II", indikator="IK05")


def test_a_page_opened_without_a_period_carries_the_one_it_opened_on(server, page):
    """/dasbor opens on TW II 2026 and then says so in the address."""
    page.goto(f"{server.url}/dasbor")
    wait_for_app(page)
    open_dashboard_filters(page)  # folded under the answer
    expect(page.get_by_role("combobox", name="Triwulan")).to_have_value("TW II")
    _expect_in_address(page, tahun="2026", tw="TW+II")


def test_one_units_tw3_draft_does_not_move_the_dasbor_off_tw2(server, page, demo_db_file, tmp_path):
    """YANKES's TW III draft is in: the Dasbor still opens on TW II, and its caption says why."""
    path = _filled(demo_db_file, tmp_path, "YANKES", {"IK14": {"Realisasi TW III": 83.5, "Faktor Penghambat": "-"}})
    page.goto(f"{server.url}/unggah")
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Triwulan")).to_have_value("TW III")
    _save(page, path)
    expect(page.get_by_text("yankes-tw3.xlsx disimpan: YANKES TW III 2026 versi 1")).to_be_visible()

    page.goto(f"{server.url}/dasbor")
    wait_for_app(page)
    open_dashboard_filters(page)  # folded under the answer
    expect(page.get_by_role("combobox", name="Triwulan")).to_have_value("TW II")
    expect(page.get_by_text(f"{WHY} TW III baru berisi data 1 unit.")).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_contain_text("Capaian per sasaran s.d. TW II 2026")
    _expect_in_address(page, tahun="2026", tw="TW+II")


def test_unggah_stays_on_tw3_after_the_operator_submits_it(server, page, demo_db_file, tmp_path):
    """KESMAS's operator saves TW III, submits it on Verifikasi, and comes back to Unggah Data on TW III."""
    path = _filled(
        demo_db_file, tmp_path, "KESMAS", {"IK01": {"Realisasi TW III": 1}, "IK07": {"Realisasi TW III": 10}}
    )
    page.goto(server.url)
    wait_for_app(page)
    sign_in(page, "operator.kesmas", DEMO_PASSWORD)
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text("Unggah Data").click()
    wait_for_app(page)
    quarter = page.get_by_role("combobox", name="Triwulan")
    expect(quarter).to_have_value("TW III")  # KESMAS's TW II is submitted: TW III is its to fill
    _save(page, path)
    expect(page.get_by_text("kesmas-tw3.xlsx disimpan: KESMAS TW III 2026 versi 1")).to_be_visible()
    expect(quarter).to_have_value("TW III")

    nav.get_by_text("Verifikasi").click()
    wait_for_app(page)
    page.get_by_role("combobox", name="Triwulan").click()
    page.get_by_role("option", name="TW III", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="KESMAS · TW III 2026: Draf")).to_be_visible()
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="KESMAS · TW III 2026: Diajukan")).to_be_visible()

    nav.get_by_text("Unggah Data").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Unggah Data")).to_be_visible()
    expect(quarter).to_have_value("TW III")
    expect(page.get_by_text("Data KESMAS TW III 2026 sudah diajukan: tidak dapat diubah")).to_be_visible()
