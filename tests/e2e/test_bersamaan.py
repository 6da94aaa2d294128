"""Several people at once against one server: four accounts upload in the same moments while two
more read the dashboard and the recap; then a second server is started on the same database file.
Nothing is lost, nobody sees an error, and the second server says why it cannot serve."""

import shutil

import pytest
from playwright.sync_api import Page, expect

from kinerja.storage.store import Store
from tests import figures
from tests.bad_inputs import workbook
from tests.e2e.conftest import Server, confirm_warnings, sign_in, wait_for_app

pytestmark = pytest.mark.e2e

PASSWORD = "sukamaju2026"
UPLOADERS = {  # account → (unit, its indicators that take a plain figure)
    "operator.kesmas": ("KESMAS", ["IK01", "IK02", "IK05", "IK07", "IK08"]),
    "operator.p2p": ("P2P", ["IK10", "IK12"]),
    "admin.demo:YANKES": ("YANKES", ["IK14", "IK15", "IK17"]),
    "admin.demo:SDK": ("SDK", ["IK19"]),
}
ROUNDS = 3


def _figure(unit_index: int, k: int) -> float:
    return 10.0 * unit_index + k + 0.125


def _file(tmp_path, unit: str, codes: list[str], value: float, k: int):
    path = tmp_path / f"{unit.lower()}-ke-{k}.xlsx"
    rows = [[code, value, "kendala lapangan"] for code in codes]
    path.write_bytes(
        workbook({"Data": [["TRIWULAN III TAHUN 2026"], ["Kode", "Realisasi", "Faktor Penghambat"], *rows]})
    )
    return path


def _no_error(page: Page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def test_uploads_at_once_are_all_kept_and_a_second_server_says_why_it_cannot_serve(browser, demo_db_file, tmp_path):
    """Four uploaders in step, two readers, three rounds: every upload a version, no error shown."""
    db = tmp_path / "kinerja.duckdb"
    shutil.copy(demo_db_file, db)
    server = Server(db)
    contexts, pages = [], {}
    try:
        for who in [*UPLOADERS, "pembaca-dasbor", "pembaca-rekap"]:
            context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
            contexts.append(context)
            page = context.new_page()
            page.goto(server.url)
            wait_for_app(page)
            account = who.split(":")[0]
            if account != "admin.demo" and not account.startswith("pembaca"):
                sign_in(page, account, PASSWORD)
            pages[who] = page
        readers = {"pembaca-dasbor": "dasbor", "pembaca-rekap": "rekap"}
        for who, path in readers.items():
            pages[who].goto(f"{server.url}/{path}")
        for who in UPLOADERS:
            pages[who].goto(f"{server.url}/unggah")
        for page in pages.values():
            wait_for_app(page)
        for k in range(1, ROUNDS + 1):
            for index, (who, (unit, codes)) in enumerate(UPLOADERS.items()):  # all four files at once
                path = _file(tmp_path, unit, codes, _figure(index, k), k)
                pages[who].get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
            for who in readers:  # readers reload while the uploads are checked
                pages[who].reload()
            for who in UPLOADERS:
                wait_for_app(pages[who])
                confirm_warnings(pages[who])
            for who in UPLOADERS:  # all four saves at once
                pages[who].get_by_role("button", name="Simpan", exact=True).click()
            for who, (unit, _) in UPLOADERS.items():
                wait_for_app(pages[who])
                expect(pages[who].get_by_text(f"disimpan: {unit} TW III 2026 versi {k}").first).to_be_visible()
                _no_error(pages[who])
                pages[who].get_by_test_id("stFileChipDeleteBtn").first.click()  # clear the uploader
                wait_for_app(pages[who])
            for who in readers:
                wait_for_app(pages[who])
                _no_error(pages[who])
                expect(pages[who].get_by_role("heading", level=1)).to_be_visible()

        second = Server(db)  # DuckDB: one process holds the file for writing
        try:
            page = contexts[0].new_page()
            page.goto(second.url)
            wait_for_app(page)
            expect(page.get_by_text("sedang dipakai proses lain")).to_be_visible()
            _no_error(page)
        finally:
            second.stop()
    finally:
        for context in contexts:
            context.close()
        server.stop()

    assert PASSWORD not in server.log.read_text(errors="replace"), "a password reached the server's log"
    store = Store(db)
    try:
        for index, (unit, codes) in enumerate(UPLOADERS.values()):
            versions = store.rows(
                "SELECT s.version FROM submission s JOIN unit u ON u.id = s.unit_id "
                "WHERE u.code = ? AND s.year = 2026 AND s.quarter = 3 ORDER BY 1",
                [unit],
            )
            assert [v for (v,) in versions] == list(range(1, ROUNDS + 1)), unit
            current = store.rows(
                "SELECT DISTINCT c.value FROM realization_current c JOIN indicator i ON i.id = c.indicator_id "
                "WHERE c.year = 2026 AND c.quarter = 3 AND i.code IN (SELECT unnest(?))",
                [codes],
            )
            assert current == [(_figure(index, ROUNDS),)], unit
    finally:
        store.close()
    for _ in range(len(UPLOADERS) * ROUNDS):
        figures.count("concurrent_browsers", held=True)
    figures.NOTES["concurrent_browsers"] = (
        "4 pengunggah serentak, 2 pembaca, 3 putaran; hilang 0; server kedua menolak dengan pesan"
    )
