"""A planner brings the office's program / kegiatan / sub-kegiatan list into the pohon kinerja."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app
from tests.test_cascade import sipd_list

pytestmark = pytest.mark.e2e


def test_planner_imports_a_sipd_list_and_reads_the_tree(server, page, tmp_path):
    """The preview accounts for every row; once saved the tree is drawn, coloured, and checked."""
    page.goto(f"{server.url}/pohon?tahun=2026&tw=TW+II")
    wait_for_app(page)
    expect(page.get_by_text("Belum ada pohon kinerja tahun 2026.")).to_be_visible()
    listed = tmp_path / "renja-dinkes-2026.xlsx"
    listed.write_bytes(sipd_list())
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(listed))
    wait_for_app(page)
    expect(page.get_by_text("Baris berkas: 1 dilewati, 4 simpul, 1 indikator.")).to_be_visible()
    page.get_by_role("button", name="Simpan pohon kinerja").click()
    wait_for_app(page)
    expect(page.get_by_text("Pohon kinerja 2026 disimpan: 5 sasaran dari rencana")).to_be_visible()
    tree = page.get_by_test_id("stMain").locator(".js-plotly-plot").first
    expect(tree.locator(".slice", has_text="1.02.02.2.02.0001")).to_be_visible()
    expect(tree.locator(".slice", has_text="S1 ·")).to_be_visible()  # a sasaran box says its score
    page.get_by_role("tab", name="Pemeriksaan (").click()
    findings = page.get_by_role("tabpanel", name=re.compile("Pemeriksaan")).get_by_test_id("stDataFrame")
    expect(findings).to_be_visible()
    expect(findings.locator("#glide-cell-0-0")).to_have_text("Sasaran tanpa program")  # the grid's own cell
