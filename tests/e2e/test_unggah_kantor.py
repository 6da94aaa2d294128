"""An office's own annual table, uploaded as it came from the LKPJ annex, in a real browser."""

import pytest
from playwright.sync_api import expect

from kinerja.access.accounts import NewAccount, add_account
from kinerja.access.roles import Role
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.storage.store import Store
from tests.e2e.conftest import Server, sign_in, wait_for_app
from tests.workbooks import lkpj_plan, lkpj_table

pytestmark = pytest.mark.e2e


@pytest.fixture
def lkpj_server(tmp_path):
    store = Store(tmp_path / "iku.duckdb")
    add_account(store, NewAccount("perencana", Role.ADMIN, "sandi-perencana-1", display_name="Perencana"))
    save_plan(store, read_plan_file(lkpj_plan(), "iku-2025.xlsx"))
    store.close()
    running = Server(tmp_path / "iku.duckdb")
    yield running
    running.stop()


def test_an_annex_table_is_read_by_its_columns_marks_and_every_row_is_accounted_for(lkpj_server, page, tmp_path):
    """'11.713' in a dot-decimal column is 11,713; a far figure is asked about; 'Belum Rilis' is counted, not 0."""
    path = tmp_path / "lkpj-2025.xlsx"
    path.write_bytes(lkpj_table(["71.62", "11.713", "10,274,076", "83.5", "Belum Rilis"]))
    page.goto(lkpj_server.url)
    wait_for_app(page)
    sign_in(page, "perencana", "sandi-perencana-1")
    page.goto(f"{lkpj_server.url}/unggah")
    wait_for_app(page)
    page.get_by_role("combobox", name="Triwulan").click()
    page.get_by_role("option", name="TW IV").click()
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    wait_for_app(page)
    expect(page.get_by_text("5 baris data: 4 berisi angka, 1 belum dilaporkan")).to_be_visible()
    corrections = page.get_by_test_id("stDataFrame").first
    expect(corrections).to_contain_text("11,713")
    problems = page.get_by_test_id("stDataFrame").filter(has_text="Masalah")
    expect(problems).to_contain_text("Jauh di atas target tahunan (10.274)")
    page.get_by_text("Baris yang dilewati: 1").click()
    expect(page.get_by_test_id("stDataFrame").filter(has_text="Alasan")).to_contain_text("Belum Rilis")
    page.get_by_text("Saya sudah memeriksa peringatan di atas").click()
    wait_for_app(page)
    page.get_by_role("button", name="Simpan", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("lkpj-2025.xlsx disimpan: DINKES TW IV 2025 versi 1 (4 baris")).to_be_visible()


def test_an_operators_yearly_sheet_stores_the_new_quarter_and_says_the_closed_ones_are_unchanged(
    server, page, tmp_path
):
    """KESMAS's own sheet with TW I (final) and TW II (submitted) as stored, ratios as percentages, and TW III new."""
    from tests.workbooks import unit_own_sheet

    path = tmp_path / "capaian-kesmas-2026.xlsx"
    path.write_bytes(unit_own_sheet())
    page.goto(server.url)
    wait_for_app(page)
    sign_in(page, "operator.kesmas", "sukamaju2026")
    page.goto(f"{server.url}/unggah")
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    wait_for_app(page)
    expect(
        page.get_by_text("16 angka TW I 2026, TW II 2026 sudah tersimpan, tidak berubah: tidak disimpan ulang.")
    ).to_be_visible()
    expect(page.get_by_text("galat")).not_to_be_visible()
    page.get_by_text("Perubahan dibanding data tersimpan: 8 angka").click()
    expect(page.get_by_test_id("stDataFrame").filter(has_text="Sebelumnya")).to_contain_text("93")
    page.get_by_text("Saya sudah memeriksa peringatan di atas").click()
    wait_for_app(page)
    page.get_by_role("button", name="Simpan", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("capaian-kesmas-2026.xlsx disimpan: KESMAS TW III 2026 versi 1 (8 baris")).to_be_visible()
