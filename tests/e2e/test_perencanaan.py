"""A planner sets up the year's plan in a real browser."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from kinerja.planning.workbook import plan_template
from kinerja.storage.store import Store
from tests.e2e.conftest import (
    Server,
    confirm_warnings,
    create_first_admin,
    edit_grid_cell,
    open_dashboard_filters,
    type_choice,
    wait_for_app,
)
from tests.workbooks import OFFICE_PLAN_MERGES, UNITS_SHEET, first_pk, office_plan_rows, open_data_plan, xlsx

pytestmark = pytest.mark.e2e


@pytest.fixture
def empty_server(tmp_path):
    Store(tmp_path / "kosong.duckdb").close()
    running = Server(tmp_path / "kosong.duckdb")
    yield running
    running.stop()


def _open_tab(page, name):
    page.get_by_role("tab", name=name).click()
    wait_for_app(page)  # the open tab is kept across reruns: choosing one reruns the page


def _upload(page, path):
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    wait_for_app(page)


def test_planner_uploads_a_plan_fixes_an_error_and_sees_it_on_beranda(empty_server, page, tmp_path):
    """A refused workbook names the row and column; the corrected one is saved and shows on Beranda."""
    rows = office_plan_rows()
    rows[8][9] = "Naik turun"  # an unknown polarity on sheet row 9
    bad = tmp_path / "pk-2026.xlsx"
    bad.write_bytes(xlsx({"PK 2026": rows, "Unit Kerja": UNITS_SHEET}, {"PK 2026": OFFICE_PLAN_MERGES}))
    good = tmp_path / "pk-2026-perbaikan.xlsx"
    good.write_bytes(xlsx({"PK 2026": office_plan_rows(), "Unit Kerja": UNITS_SHEET}, {"PK 2026": OFFICE_PLAN_MERGES}))

    page.goto(empty_server.url)
    wait_for_app(page)
    create_first_admin(page)
    expect(page.get_by_text("Belum ada rencana kinerja")).to_be_visible()
    page.get_by_role("link", name="Buka Perencanaan").click()
    wait_for_app(page)
    _open_tab(page, "Impor / Unduh Templat")
    _upload(page, bad)
    expect(page.get_by_text("Rencana tidak disimpan: 1 galat")).to_be_visible()
    problems = page.get_by_test_id("stDataFrame").last
    expect(problems).to_contain_text("Polaritas tidak dikenal")
    expect(problems).to_contain_text("J (Polaritas)")

    _upload(page, good)
    expect(page.get_by_text("Terbaca 5 indikator")).to_be_visible()
    page.get_by_role("button", name="Simpan rencana tahun 2026").click()
    wait_for_app(page)
    expect(page.get_by_text("Rencana kinerja tahun 2026 disimpan: 5 indikator baru")).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_text("Beranda").click()
    wait_for_app(page)
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("Meningkatnya cakupan layanan")
    expect(chart).to_contain_text("belum ada data")


def test_template_download_opens_as_a_workbook(empty_server, page):
    """The plan template downloads as an Excel workbook with the plan's columns and instructions."""
    page.goto(f"{empty_server.url}/perencanaan")
    wait_for_app(page)
    create_first_admin(page)
    _open_tab(page, "Impor / Unduh Templat")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh templat PK + Rencana Aksi").click()
    assert download.value.suggested_filename.startswith("rencana-kinerja-")
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert workbook.sheetnames == ["Rencana Kinerja", "Program", "Unit Kerja", "Petunjuk"]
    headers = [c.value for c in workbook["Rencana Kinerja"][4]]
    assert headers[:7] == [
        "Tujuan",
        "Sasaran Strategis",
        "Kode Indikator",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "TW I",
    ]


def test_planner_edits_a_target_in_the_grid(server, page):
    """A new PK target whose Rencana Aksi no longer adds up is refused; once it adds up, and the
    finished year's plan is unlocked with a reason, it is saved."""
    page.goto(f"{server.url}/perencanaan")
    wait_for_app(page)
    edit_grid_cell(page, page.get_by_test_id("stDataFrame").first, 1, 6, "9")  # IK01 (Kumulatif), Target 8 → 9
    page.get_by_role("button", name="Simpan rencana").click()
    wait_for_app(page)
    expect(page.get_by_text("Rencana tidak disimpan: 1 galat")).to_be_visible()

    # 2026 TW I is final: the admin unlocks the plan for one change, with a reason
    expect(page.get_by_text("Rencana 2026 tidak dapat diubah: laporan TW I 2026 sudah final")).to_be_visible()
    page.get_by_label("Alasan membuka kunci rencana").fill("PK perubahan ditandatangani")
    page.get_by_role("button", name="Buka kunci rencana untuk satu perubahan").click()
    expect(page.get_by_text("Kunci rencana 2026 dibuka untuk satu perubahan")).to_be_visible()

    page.goto(f"{server.url}/perencanaan")
    wait_for_app(page)
    expect(page.get_by_label("Alasan membuka kunci rencana")).to_have_count(0)
    edit_grid_cell(page, page.get_by_test_id("stDataFrame").first, 1, 6, "9")
    edit_grid_cell(page, page.get_by_test_id("stDataFrame").first, 1, 10, "3")  # TW IV 2 → 3: 2 + 2 + 2 + 3 = 9
    page.get_by_role("button", name="Simpan rencana").click()
    wait_for_app(page)
    expect(page.get_by_text("0 indikator baru, 23 diperbarui")).to_be_visible()

    _open_tab(page, "Impor / Unduh Templat")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh templat PK + Rencana Aksi").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes()))["Rencana Kinerja"]
    ik01 = next(row for row in sheet.iter_rows(min_row=5, values_only=True) if row[2] == "IK01")
    assert (ik01[5], ik01[9]) == ("9", "3")


def test_planner_maps_the_columns_of_an_exported_plan_and_it_is_remembered(empty_server, page, tmp_path):
    """A plan exported with database headings (uraian, kode_skpd, …) and no sasaran: the planner says
    which column is which and names the sasaran; the next file with those headings reads at once."""
    path = tmp_path / "indikator-2026.csv"
    path.write_bytes(open_data_plan())
    page.goto(f"{empty_server.url}/perencanaan")
    wait_for_app(page)
    create_first_admin(page)
    _open_tab(page, "Impor / Unduh Templat")
    _upload(page, path)
    expect(page.get_by_test_id("stDataFrame").last).to_contain_text("Kolom wajib tidak ditemukan: Indikator Kinerja")
    grid = page.get_by_test_id("stDataFrame").filter(has_text="Contoh isi")
    expect(grid).to_contain_text("Persentase ibu hamil mendapatkan pelayanan kesehatan")
    edit_grid_cell(page, grid, 3, 3, "Tidak dipakai")  # C kode_skpd, suggested as a unit list's code
    edit_grid_cell(page, grid, 4, 3, "Penanggung Jawab")  # D nama_skpd
    edit_grid_cell(page, grid, 5, 3, "Indikator Kinerja")  # E uraian
    page.get_by_role("button", name="Pakai pemetaan kolom ini").click()
    wait_for_app(page)
    expect(page.get_by_text("Terbaca 4 indikator")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").last).to_contain_text("4 indikator tanpa Sasaran Strategis")

    sasaran = page.get_by_role("combobox", name="Sasaran Strategis indikator yang tidak menyebutnya")
    type_choice(page, sasaran, "Meningkatnya mutu layanan kesehatan")
    expect(page.get_by_text("2 unit baru dibuat dari kolom Penanggung Jawab")).to_be_visible()
    page.get_by_text("Polaritas dan agregasi 4 indikator di atas sudah saya periksa").click()  # the export says neither
    wait_for_app(page)
    page.get_by_text("Saya sudah memeriksa peringatan di atas").click()
    wait_for_app(page)
    page.get_by_role("button", name="Simpan rencana tahun 2026").click()
    wait_for_app(page)
    expect(page.get_by_text("Rencana kinerja tahun 2026 disimpan: 4 indikator baru")).to_be_visible()

    page.reload()  # the same headings again: read with the planner's mapping at once
    wait_for_app(page)
    _open_tab(page, "Impor / Unduh Templat")
    _upload(page, path)
    expect(page.get_by_text("Terbaca 4 indikator")).to_be_visible()
    page.get_by_text("Kolom yang dibaca: 4").click()
    expect(page.get_by_test_id("stDataFrame").filter(has_text="Cara").first).to_contain_text("pemetaan kolom")


def test_a_plan_without_polarity_and_aggregation_is_saved_once_the_proposals_are_confirmed(
    empty_server, page, tmp_path
):
    """An office's first PK says no polarity or aggregation: the page proposes each from the
    indicator's words, Simpan waits until the planner has changed one and confirmed them all."""
    path = tmp_path / "pk-2026.xlsx"
    path.write_bytes(first_pk())
    page.goto(f"{empty_server.url}/perencanaan")
    wait_for_app(page)
    create_first_admin(page)
    _open_tab(page, "Impor / Unduh Templat")
    _upload(page, path)
    expect(page.get_by_text("4 indikator baru tanpa polaritas atau agregasi")).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").filter(has_text="Alasan usulan")
    expect(grid).to_contain_text("kata 'angka putus sekolah'")
    expect(grid).to_contain_text("kata 'ditetapkan': jumlah yang dikerjakan sepanjang tahun")
    save = page.get_by_role("button", name="Simpan rencana tahun 2026")
    expect(save).to_be_disabled()
    preview = page.get_by_test_id("stDataFrame").filter(has_text="Asal nilai")
    expect(preview).to_contain_text("belum dikonfirmasi")

    edit_grid_cell(page, grid, 3, 5, "Rasio")  # sekolah terakreditasi: the planner's own answer
    page.get_by_text("Polaritas dan agregasi 4 indikator di atas sudah saya periksa").click()
    wait_for_app(page)
    expect(preview).to_contain_text("agregasi Rasio: dipilih perencana (usulan: Nilai Akhir)")
    confirm_warnings(page)  # no IKU column, two new units
    expect(save).to_be_enabled()
    save.click()
    wait_for_app(page)
    expect(page.get_by_text("Rencana kinerja tahun 2026 disimpan: 4 indikator baru")).to_be_visible()
    expect(page.get_by_text("polaritas Negatif: usulan dikonfirmasi (1 indikator)")).to_be_visible()


def test_next_years_plan_asks_about_a_reused_name_and_leaves_the_dashboard_on_this_year(
    server, page, demo_db_file, tmp_path
):
    """A 2027 plan where IK04's row has a new code and another aggregation: the page asks whether it is
    IK04; accepted, IK04 continues into 2027, and the dashboard still opens on the quarter with data."""
    store = Store(demo_db_file)
    workbook = load_workbook(io.BytesIO(plan_template(store, 2026)))
    store.close()
    sheet = workbook["Rencana Kinerja"]
    sheet["A1"] = "PERJANJIAN KINERJA DAN RENCANA AKSI TAHUN 2027"
    row = next(r for r in sheet.iter_rows(min_row=5) if r[2].value == "IK04")
    row[2].value, row[11].value = "IK99", "Nilai Akhir"
    path = tmp_path / "rencana-2027.xlsx"
    workbook.save(path)

    page.goto(f"{server.url}/perencanaan")
    wait_for_app(page)
    _open_tab(page, "Impor / Unduh Templat")
    _upload(page, path)
    expect(page.get_by_text("22 lanjutan dari tahun lain")).to_be_visible()
    proposal = page.get_by_text("IK99 'Cakupan kunjungan ibu hamil K6' sama dengan IK04 (2026)?")
    proposal.click()
    wait_for_app(page)
    expect(page.get_by_text("0 baru, 23 lanjutan dari tahun lain")).to_be_visible()
    page.get_by_role("button", name="Simpan rencana tahun 2027").click()
    wait_for_app(page)
    expect(page.get_by_text("Rencana kinerja tahun 2027 disimpan: 0 indikator baru, 23 diperbarui")).to_be_visible()

    page.goto(f"{server.url}/dasbor")
    wait_for_app(page)
    open_dashboard_filters(page)  # folded under the answer
    expect(page.get_by_role("combobox", name="Tahun")).to_have_value("2026")
    expect(page.get_by_role("combobox", name="Triwulan")).to_have_value("TW II")
