"""An admin loads the national nomenclature on Pengaturan; its checks show on Pohon Kinerja."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app
from tests.nomenclature import nomenclature_file

pytestmark = pytest.mark.e2e


def test_admin_loads_the_nomenclature_and_the_tree_is_checked_against_it(server, page, tmp_path):
    """The file is counted before it is loaded, named by the admin, then the reference in force."""
    content, name = nomenclature_file()
    path = tmp_path / name
    path.write_bytes(content)
    page.goto(f"{server.url}/pengaturan")
    wait_for_app(page)
    expect(page.get_by_text("Belum ada nomenklatur yang dimuat.")).to_be_visible()
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(path))
    wait_for_app(page)
    expect(page.get_by_text("9 baris sub kegiatan (2 provinsi, 7 kabupaten/kota)")).to_be_visible()
    page.get_by_label("Nama versi").fill("Kepmendagri 900.1.15.5-3406/2024")
    page.get_by_label("Nama versi").press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Muat sebagai referensi").click()
    wait_for_app(page)
    expect(page.get_by_text("Dimuat sebagai versi 1 «Kepmendagri 900.1.15.5-3406/2024»")).to_be_visible()
    expect(page.get_by_text("Berlaku: versi 1 «Kepmendagri 900.1.15.5-3406/2024»")).to_be_visible()
    page.goto(f"{server.url}/pohon")
    wait_for_app(page)
    # the demo tree's three findings and the nomenclature's: unknown codes, a retired one, another name
    expect(page.get_by_role("tab", name="Pemeriksaan (12)")).to_be_visible()
