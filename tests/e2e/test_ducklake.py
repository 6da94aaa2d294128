"""Two app servers on one DuckLake (a PostgreSQL catalog, data files in a shared folder): two
operators upload through different servers at the same moment, both uploads are kept, and each
server shows the other's upload on its next run."""

import pytest
from playwright.sync_api import expect

from kinerja.access.roles import SYSTEM, set_actor
from kinerja.demo import load_demo
from kinerja.storage.store import Store
from tests import postgres
from tests.bad_inputs import workbook
from tests.e2e.conftest import Server, confirm_warnings, sign_in, wait_for_app

pytestmark = pytest.mark.e2e
PASSWORD = "sukamaju2026"


@pytest.fixture
def lake(tmp_path):
    if not postgres.available():
        pytest.fail("PostgreSQL not found: `make test` installs it (apt-get install postgresql)")
    server = postgres.Postgres()
    env = {"KINERJA_DATA_PATH": str(tmp_path / "data-bersama")}
    spec = f"ducklake:postgres:{server.dsn}"
    set_actor(SYSTEM)
    import os

    os.environ.update(env)
    try:
        store = Store(spec)
        load_demo(store)
        store.close()
        yield spec, env
    finally:
        os.environ.pop("KINERJA_DATA_PATH", None)
        server.stop()


def _history(page):
    """The Unggah page's version history of TW III 2026, opened (once TW III has data the page
    offers TW IV, the quarter being collected, first)."""
    page.get_by_role("combobox", name="Triwulan").click()
    page.get_by_role("option", name="TW III", exact=True).click()
    wait_for_app(page)
    page.get_by_text("Riwayat versi TW III 2026").click()
    return page.get_by_test_id("stExpander").filter(has_text="Riwayat versi TW III 2026")


def test_two_servers_share_one_ducklake(lake, browser, tmp_path):
    """An upload through each server at once; each server then shows both."""
    spec, env = lake
    first = Server(spec, log=tmp_path / "server-1.log", env=env)
    second = Server(spec, log=tmp_path / "server-2.log", env=env)
    contexts = []
    try:
        admins = []
        for server in (first, second):  # an admin on each server: nothing yet for TW III, and cached so
            admin = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
            contexts.append(admin.context)
            admin.goto(f"{server.url}/unggah")
            wait_for_app(admin)
            expect(_history(admin)).to_contain_text("Belum ada data untuk triwulan ini")
            admins.append(admin)
        pages = {}
        for name, server, account in (("satu", first, "operator.kesmas"), ("dua", second, "operator.p2p")):
            context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
            contexts.append(context)
            page = context.new_page()
            page.goto(server.url)
            wait_for_app(page)
            sign_in(page, account, PASSWORD)
            page.goto(f"{server.url}/unggah")
            wait_for_app(page)
            pages[name] = page
        files = {
            "satu": ("KESMAS", [["IK05", 14.2, "pendataan ulang"]]),
            "dua": ("P2P", [["IK10", 6.5, "fogging terlambat"]]),
        }
        for name, (unit, rows) in files.items():  # both files at once, one through each server
            path = tmp_path / f"{unit.lower()}.xlsx"
            path.write_bytes(
                workbook({"Data": [["TRIWULAN III TAHUN 2026"], ["Kode", "Realisasi", "Faktor Penghambat"], *rows]})
            )
            pages[name].get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
        for page in pages.values():
            wait_for_app(page)
            confirm_warnings(page)
        for page in pages.values():
            page.get_by_role("button", name="Simpan", exact=True).click()
        for name, (unit, _) in files.items():
            wait_for_app(pages[name])
            expect(pages[name].get_by_text(f"disimpan: {unit} TW III 2026 versi 1").first).to_be_visible()

        for admin in admins:  # each server's next run shows both uploads, the other server's too
            admin.reload()
            wait_for_app(admin)
            history = _history(admin)
            expect(history).to_contain_text("kesmas.xlsx")
            expect(history).to_contain_text("p2p.xlsx")
            expect(admin.locator("[data-testid=stException]")).to_have_count(0)
    finally:
        for context in contexts:
            context.close()
        first.stop()
        second.stop()
    store = Store(spec)
    try:
        found = store.rows(
            "SELECT u.code, s.version FROM submission s JOIN unit u ON u.id = s.unit_id "
            "WHERE s.year = 2026 AND s.quarter = 3 ORDER BY 1"
        )
        assert found == [("KESMAS", 1), ("P2P", 1)]
    finally:
        store.close()
