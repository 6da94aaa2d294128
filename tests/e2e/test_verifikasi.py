"""The SOP's quarterly loop in a real browser, with the demo's accounts: the operator uploads and
submits, the reviewer returns it with a note, the operator sees the note and resubmits, the
reviewer verifies."""

import pytest
from playwright.sync_api import expect

from kinerja.collection.template import unit_template
from kinerja.demo import DEMO_PASSWORD
from kinerja.storage.store import Store
from tests.e2e.conftest import sign_in, wait_for_app
from tests.workbooks import fill_template

pytestmark = pytest.mark.e2e
TW3 = "tahun=2026&tw=TW+III"


def _go(page, server, path: str) -> None:
    page.goto(f"{server.url}/{path}")
    wait_for_app(page)


def test_operator_and_reviewer_run_the_quarterly_loop(server, page, demo_db_file, tmp_path):
    store = Store(demo_db_file)
    template = unit_template(store, "KESMAS", 2026, 3)
    store.close()
    path = tmp_path / "kesmas-tw3.xlsx"
    path.write_bytes(fill_template(template, {"IK01": {"Realisasi TW III": 1}, "IK07": {"Realisasi TW III": 10}}))

    _go(page, server, "")
    sign_in(page, "operator.kesmas", DEMO_PASSWORD)
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("Perencanaan")).to_have_count(0)
    expect(nav.get_by_text("Akun")).to_have_count(0)
    _go(page, server, "unggah")
    expect(page.get_by_role("combobox", name="Unit pengirim")).to_have_value("KESMAS")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    wait_for_app(page)
    page.get_by_role("button", name="Simpan").click()
    wait_for_app(page)
    expect(page.get_by_text("kesmas-tw3.xlsx disimpan: KESMAS TW III 2026 versi 1")).to_be_visible()
    _go(page, server, f"verifikasi?{TW3}")
    expect(page.get_by_role("heading", name="KESMAS · TW III 2026: Draf")).to_be_visible()
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="KESMAS · TW III 2026: Diajukan")).to_be_visible()

    sign_in(page, "kabid.kesmas", DEMO_PASSWORD)
    _go(page, server, f"verifikasi?{TW3}")
    expect(page.get_by_role("heading", name="KESMAS · TW III 2026: Diajukan")).to_be_visible()
    page.get_by_label("Catatan umum").fill("IK07: jumlah desa lokus tidak sesuai SK Bupati, mohon dicek.")
    page.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    wait_for_app(page)
    expect(page.get_by_text("dikembalikan dengan catatan")).to_be_visible()

    sign_in(page, "operator.kesmas", DEMO_PASSWORD)
    _go(page, server, f"verifikasi?{TW3}")
    expect(page.get_by_role("heading", name="KESMAS · TW III 2026: Dikembalikan")).to_be_visible()
    expect(page.get_by_text("jumlah desa lokus tidak sesuai SK Bupati")).to_be_visible()
    page.get_by_role("button", name="Ajukan ulang").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="KESMAS · TW III 2026: Diajukan")).to_be_visible()

    sign_in(page, "kabid.kesmas", DEMO_PASSWORD)
    _go(page, server, f"verifikasi?{TW3}")
    page.get_by_role("button", name="Verifikasi", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="KESMAS · TW III 2026: Terverifikasi")).to_be_visible()
    page.get_by_text("Riwayat").click()
    history = page.locator("[data-testid=stDataFrame]").last
    expect(history).to_contain_text("kabid.kesmas")
