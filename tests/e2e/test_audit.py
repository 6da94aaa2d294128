"""The audit trail as an Inspektorat auditor reads it in a real browser: the review loop of
KESMAS's TW III in words, narrowed by person, period and action, and the Excel export saying the
same with its filters; the sidebar and the date fields in Indonesian."""

import io
import shutil

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from kinerja.access.accounts import actor_of
from kinerja.access.roles import acting_as
from kinerja.collection.saving import save_data
from kinerja.storage.store import Store
from kinerja.workflow import review
from tests.e2e.conftest import Server, type_choice, wait_for_app
from tests.workbooks import kesmas_upload

pytestmark = pytest.mark.e2e
RETURNED = "Data TW III 2026 Bidang Kesehatan Masyarakat dikembalikan"


@pytest.fixture(scope="module")
def returned_server(demo_db_file, tmp_path_factory):
    """The demo with KESMAS's TW III uploaded, submitted and returned by its Kepala Bidang."""
    db = tmp_path_factory.mktemp("audit") / "kinerja.duckdb"
    shutil.copy(demo_db_file, db)
    store = Store(db)
    with acting_as(actor_of(store, "operator.kesmas")):
        save_data(store, kesmas_upload(store), confirm_warnings=True)
        review.submit(store, "KESMAS", 2026, 3)
    with acting_as(actor_of(store, "kabid.kesmas")):
        review.send_back(store, "KESMAS", 2026, 3, "Periksa IK01.", {"IK01": "Angka tidak sesuai."})
    store.close()
    running = Server(db)
    yield running
    running.stop()


def test_an_auditor_narrows_the_trail_and_exports_it(returned_server, page):
    """Oleh Kepala Bidang Kesmas, TW III 2026, Data dikembalikan: one entry in words, the export alike."""
    page.goto(f"{returned_server.url}/audit")
    wait_for_app(page)
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("Panduan")).to_be_visible()  # every page listed: no "View 3 more"
    expect(page.get_by_text("View 3 more")).to_have_count(0)
    day = page.get_by_test_id("stDateInputField").first.locator("[data-type=day]")
    # an empty date field says hh / bb / tttt, not dd / mm / yyyy (the page's style may land after the field)
    page.wait_for_function("el => getComputedStyle(el, '::after').content === '\"hh\"'", arg=day.element_handle())
    type_choice(page, page.get_by_role("combobox", name="Oleh"), "Kepala Bidang Kesmas")
    type_choice(page, page.get_by_role("combobox", name="Periode"), "TW III 2026")
    type_choice(page, page.get_by_role("combobox", name="Tindakan"), "Data dikembalikan")
    expect(page.get_by_text("1 entri", exact=True)).to_be_visible()
    cells = page.get_by_test_id("stDataFrame").locator("[id^=glide-cell-]")  # the grid's accessibility table
    for text in (
        RETURNED,
        "Kepala Bidang Kesmas (kabid.kesmas)",
        "Status: Diajukan → Dikembalikan; Catatan: kosong → Periksa IK01.",
    ):
        expect(cells.filter(has_text=text)).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh Excel").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][0] == "Oleh: Kepala Bidang Kesmas (kabid.kesmas)" and rows[2][0] == "Periode: TW III 2026"
    assert rows[3][0] == "Tindakan: Data dikembalikan"
    assert rows[-1][1:4] == [
        "Kepala Bidang Kesmas (kabid.kesmas)",
        RETURNED,
        "Status: Diajukan → Dikembalikan; Catatan: kosong → Periksa IK01.",
    ]
    assert rows[-1][0].endswith(" WIB")
    page.screenshot(path=str(returned_server.log.with_name("jejak-audit.png")), full_page=True)
