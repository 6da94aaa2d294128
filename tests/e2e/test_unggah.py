"""A planner collects a quarter's data in a real browser."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from kinerja.collection.template import unit_template
from kinerja.storage.store import Store
from tests.e2e.conftest import confirm_warnings, edit_grid_cell, wait_for_app
from tests.workbooks import SATU_DATA_HEADER, fill_template, monthly_workbook, satu_data_realisations

pytestmark = pytest.mark.e2e


def test_upload_shows_the_error_is_fixed_on_the_page_and_reaches_the_recap(server, page, demo_db_file, tmp_path):
    """An unreadable figure is named, corrected in the page's table, saved, and shown in the recap."""
    store = Store(demo_db_file)
    template = unit_template(store, "YANKES", 2026, 3)
    store.close()
    path = tmp_path / "yankes-tw3.xlsx"
    path.write_bytes(fill_template(template, {"IK14": {"Realisasi TW III": "delapan tiga", "Faktor Penghambat": "-"}}))

    page.goto(f"{server.url}/unggah")
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    wait_for_app(page)
    expect(page.get_by_text("1 galat")).to_be_visible()
    problems = page.get_by_test_id("stDataFrame").filter(has_text="Masalah")
    expect(problems).to_contain_text("harus berupa angka")
    expect(page.get_by_role("button", name="Simpan")).to_be_disabled()

    corrections = page.locator("[data-testid=stDataFrame]").first
    realisation = next(
        int(cell.get_attribute("aria-colindex")) - 1  # 1-based, like the header; cell ids count from 0
        for cell in corrections.locator("th, [role=columnheader]").all()
        if cell.text_content().strip() == "Realisasi"
    )
    edit_grid_cell(page, corrections, 1, realisation, "83,5")
    wait_for_app(page)
    expect(page.get_by_text("1 galat")).not_to_be_visible()
    expect(page.get_by_text("Tidak ada masalah.")).to_be_visible()
    page.get_by_role("button", name="Simpan").click()
    wait_for_app(page)
    expect(page.get_by_text("yankes-tw3.xlsx disimpan: YANKES TW III 2026 versi 1")).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_text("Rekap").click()
    wait_for_app(page)
    page.get_by_role("combobox", name="Triwulan").click()
    page.get_by_role("option", name="TW III", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("Unit lengkap")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh rekap (Excel)").click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    recap = next(row for row in workbook["Rekap TW III"].iter_rows(min_row=5, values_only=True) if row[2] == "IK14")
    assert recap[10] == 83.5, "the realisation to date of a LAST indicator is the quarter's value"
    yankes = next(row for row in workbook["Kelengkapan"].iter_rows(min_row=5, values_only=True) if row[0] == "YANKES")
    assert yankes[3] == 1, "one of YANKES's indicators has arrived for TW III"


def test_a_monthly_sheet_is_read_into_quarters_and_says_so(server, page, tmp_path):
    """A LAPORAN RENAKSI by month: the page says how its months made quarters, and saves them."""
    path = tmp_path / "renaksi-kesmas.xlsx"
    path.write_bytes(monthly_workbook())

    page.goto(f"{server.url}/unggah")
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    wait_for_app(page)
    expect(page.get_by_text("dibaca dari kolom bulanan: TW III = Juli–September")).to_be_visible()
    expect(page.get_by_text("dijumlahkan (kumulatif): 1 indikator")).to_be_visible()
    corrections = page.locator("[data-testid=stDataFrame]").first
    expect(corrections).to_contain_text("14,7")
    problems = page.get_by_test_id("stDataFrame").filter(has_text="Masalah")
    expect(problems).to_contain_text("TW III: September belum dilaporkan; dibaca dari Agustus")
    confirm_warnings(page)
    page.get_by_role("button", name="Simpan", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("renaksi-kesmas.xlsx disimpan: KESMAS TW III 2026 versi 1 (4 baris")).to_be_visible()


def test_a_data_file_with_unknown_headings_is_mapped_once_and_read_at_once_next_time(server, page, tmp_path):
    """An LKPJ/Satu Data export whose table is not found: 'Tentukan kolom' shows its headings with an
    example and the suggested reading; taken as it stands, the file is read, and the next file with
    the same headings in another order is read with it at once."""
    first, second = tmp_path / "realisasi-2026.csv", tmp_path / "realisasi-2026-urutan-lain.csv"
    first.write_bytes(satu_data_realisations())
    second.write_bytes(satu_data_realisations(list(reversed(SATU_DATA_HEADER))))

    page.goto(f"{server.url}/unggah")
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(first))
    wait_for_app(page)
    expect(page.get_by_text("Tabel data tidak ditemukan").first).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").filter(has_text="Contoh isi")
    expect(grid).to_contain_text("Indeks kepuasan masyarakat terhadap layanan puskesmas")
    expect(grid).to_contain_text("capaian_2026")
    page.get_by_role("button", name="Pakai pemetaan kolom ini").click()
    wait_for_app(page)
    expect(page.get_by_text("3 angka terbaca")).to_be_visible()
    expect(page.get_by_text("Tabel data tidak ditemukan")).to_have_count(0)

    page.reload()
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(second))
    wait_for_app(page)
    expect(page.get_by_text("3 angka terbaca")).to_be_visible()
    page.get_by_text("Kolom yang dibaca: 2").click()
    read = page.get_by_test_id("stDataFrame").filter(has_text="Cara").first
    expect(read).to_contain_text("capaian 2026")
    expect(read).to_contain_text("pemetaan kolom")


def test_a_sparse_workbook_is_refused_and_the_server_keeps_serving(server, page, tmp_path):
    """Cells A1 and XFD199999 (4.7 KB, 3.3 billion cells unfolded): refused before any reader opens it."""
    from tests.bad_inputs import sparse_xlsx

    path = tmp_path / "sparse.xlsx"
    path.write_bytes(sparse_xlsx())
    page.goto(f"{server.url}/unggah")
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    wait_for_app(page)
    expect(page.get_by_text("melebihi batas 5.000.000 sel").first).to_be_visible()
    assert server.process.poll() is None, "the server is still running"
    page.goto(f"{server.url}/dasbor")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Dasbor Capaian")).to_be_visible()
