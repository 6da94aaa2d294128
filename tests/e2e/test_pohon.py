"""A leader reads the pohon kinerja by clicking its boxes; a planner brings the office's program /
kegiatan / sub-kegiatan list into it."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    asking_rerun,
    edit_grid_cell,
    open_dashboard_filters,
    type_choice,
    wait_for_app,
)
from tests.trees import drawn_tree, sipd_list, sub_kegiatan_list

pytestmark = pytest.mark.e2e

# each box's words as drawn: the font size times the scale Plotly shrinks a label by to fit its box
LABEL_SIZES = """chart => [...chart.querySelectorAll("g.slice text.slicetext")]
    .filter(text => text.textContent && text.getBoundingClientRect().width > 0)
    .map(text => parseFloat(text.style.fontSize || text.getAttribute("font-size") || "0")
        * (text.transform.baseVal.consolidate()?.matrix.a ?? 1))"""


def test_a_leader_clicks_a_box_and_reads_its_node(server, browser):
    """At 1440 px every label is 11 px or more; a click on a kegiatan's box opens it under the
    tree (indicators, pagu and spending in rupiah, its official), and the top box goes back."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{server.url}/pohon?tahun=2026&tw=TW+II")
    wait_for_app(page)
    tree = page.get_by_test_id("stMain").locator(".js-plotly-plot").first
    box = tree.locator("g.slice", has_text="1.02.05.2.03")
    expect(box).to_be_visible()
    sizes = tree.evaluate(LABEL_SIZES)
    assert len(sizes) > 20 and min(sizes) >= 11, f"labels of {min(sizes):.1f} px"
    box.hover()  # Plotly clicks the box it hovers: wait until it says which
    expect(tree.locator(".hoverlayer .hovertext")).to_contain_text("Pagu: Rp 96.500.000")
    with asking_rerun(page):
        box.click()
    expect(
        page.get_by_role("heading", name=re.compile("^Kegiatan: Pengembangan dan Pelaksanaan Upaya"))
    ).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="Pagu")).to_contain_text("Rp 96.500.000")
    expect(page.get_by_test_id("stMetric").filter(has_text="Realisasi anggaran")).to_contain_text("serapan 35,0%")
    expect(page.get_by_text("Penanggung jawab: Kepala Seksi Promosi Kesehatan")).to_be_visible()
    expect(page.get_by_role("tabpanel", name="Pohon").get_by_test_id("stDataFrame")).to_be_visible()  # its indicators
    assert "cabang=1.02.05.2.03" in page.url, "the node opened is in the link to share"
    top = page.get_by_test_id("stMain").locator(".js-plotly-plot").first.locator("g.slice", has_text="Seluruh pohon")
    top.hover()
    expect(page.get_by_test_id("stMain").locator(".js-plotly-plot .hoverlayer .hovertext").first).to_be_visible()
    with asking_rerun(page):
        top.click()
    expect(page.get_by_role("heading", name="Seluruh pohon kinerja")).to_be_visible()
    context.close()


def test_planner_fixes_what_the_checks_flag_in_the_demo_tree(server, page):
    """The other office accepted the link still waiting: recorded on the Crosscutting tab, the
    finding is gone from the checks."""
    page.goto(f"{server.url}/pohon?tahun=2026&tw=TW+II")
    wait_for_app(page)
    expect(page.get_by_role("tab", name="Pemeriksaan (3)")).to_be_visible()
    page.get_by_role("tab", name="Crosscutting").click()
    grid = page.get_by_role("tabpanel", name="Crosscutting").get_by_test_id("stDataFrame")
    expect(grid.locator("#glide-cell-1-0")).to_have_text("1.02.02.2.02.0003")  # row 1: waiting for RSUD
    edit_grid_cell(page, grid, 1, 3, "diterima")  # Status
    page.get_by_role("button", name="Simpan crosscutting").click()
    wait_for_app(page)
    expect(page.get_by_text("Crosscutting 2026 disimpan: 2 tautan.")).to_be_visible()
    expect(page.get_by_role("tab", name="Pemeriksaan (2)")).to_be_visible()


def test_planner_imports_a_sipd_list_and_reads_the_tree(server, page, tmp_path):
    """The preview accounts for every row and the links it drops; once saved the tree is drawn,
    coloured, and checked."""
    page.goto(f"{server.url}/pohon?tahun=2026&tw=TW+II")
    wait_for_app(page)
    tree = page.get_by_test_id("stMain").locator(".js-plotly-plot").first
    expect(
        tree.locator(".slice", has_text="05.2.03.0001")
    ).to_be_visible()  # the demo office's tree, to its sub-kegiatan
    page.get_by_text("Impor pohon kinerja").click()
    listed = tmp_path / "renja-dinkes-2026.xlsx"
    listed.write_bytes(sipd_list())
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(listed))
    wait_for_app(page)
    expect(page.get_by_text("Baris berkas: 1 dilewati, 4 simpul, 1 indikator.")).to_be_visible()
    # the demo's crosscutting links hang on nodes this list does not have: said before saving
    expect(page.get_by_text("Tautan crosscutting yang ikut terhapus")).to_contain_text("1.02.05.2.01 ↔ Dinas")
    page.get_by_role("button", name="Simpan pohon kinerja").click()
    wait_for_app(page)
    expect(
        page.get_by_text("Pohon kinerja 2026 disimpan: 5 sasaran (dan 2 tujuan di atasnya) dari rencana")
    ).to_be_visible()
    tree = page.get_by_test_id("stMain").locator(".js-plotly-plot").first
    expect(tree.locator(".slice", has_text="1.02.02.2.02.0001")).to_be_visible()
    expect(tree.locator(".slice", has_text="S1 ·")).to_be_visible()  # a sasaran box says its score
    page.get_by_role("tab", name="Pemeriksaan (").click()
    findings = page.get_by_role("tabpanel", name=re.compile("Pemeriksaan")).get_by_test_id("stDataFrame")
    expect(findings).to_be_visible()
    # the grid's own cells: the PK's sasaran the list does not reach have no program yet (the tujuan keep the
    # indicators the replaced tree gave them: the list does not mention them)
    expect(findings.locator("#glide-cell-0-0")).to_have_text("Sasaran tanpa program")


def test_planner_imports_a_drawn_tree_prints_it_and_leaders_filter_by_its_branch(server, page, tmp_path):
    """Boxes drawn in Excel become the tree; its PDF is one A4 landscape page; the dashboard narrows
    to the tujuan drawn above the sasaran."""
    page.goto(f"{server.url}/pohon?tahun=2026&tw=TW+II")
    wait_for_app(page)
    page.get_by_text("Impor pohon kinerja").click()
    drawn = tmp_path / "pohon-kinerja-dinkes-2026.xlsx"
    drawn.write_bytes(drawn_tree("Menurunnya angka kematian ibu dan bayi"))
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(drawn))
    wait_for_app(page)
    expected = "Baris berkas: 1 tujuan, 7 indikator, 1 sasaran, 1 indikator sasaran, 7 simpul,"
    expect(page.get_by_text(expected)).to_be_visible()
    page.get_by_role("button", name="Simpan pohon kinerja").click()
    wait_for_app(page)
    expect(
        page.get_by_text("2026 disimpan: 5 sasaran (dan 2 tujuan di atasnya) dari rencana, 7 simpul dari berkas")
    ).to_be_visible()
    tree = page.get_by_test_id("stMain").locator(".js-plotly-plot").first
    expect(tree.locator(".slice", has_text="T1")).to_be_visible()  # the plan's tujuan, as drawn above the sasaran

    # SIPD's sub-kegiatan list brings the pagu into the drawn tree, joined to it rather than replacing it
    with asking_rerun(page):  # the import panel stays open after the save, whatever the messages above it
        page.get_by_text("digabung ke pohon yang ada").click()
    listed = tmp_path / "sub-kegiatan-sipd-2026.xlsx"
    listed.write_bytes(sub_kegiatan_list())
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(listed))  # in place of the drawing
    wait_for_app(page)
    page.get_by_role("button", name="Simpan pohon kinerja").click()
    wait_for_app(page)
    expect(page.get_by_text("digabung dengan pohon yang ada: 2 simpul diperbarui, 0 ditambahkan")).to_be_visible()
    page.get_by_role("button", name="Siapkan PDF pohon").click()
    wait_for_app(page, 90_000)  # a browser draws the PDF
    with page.expect_download() as done:
        page.get_by_role("button", name="Unduh PDF pohon kinerja").click()
    pdf = done.value.path().read_bytes()
    assert pdf.startswith(b"%PDF") and re.search(rb"/MediaBox\s*\[\s*0 0 841\.9\d* 595\.9\d*", pdf)

    page.goto(f"{server.url}/dasbor?tahun=2026&tw=TW+II")
    wait_for_app(page)
    everything = page.get_by_test_id("stMetric").nth(2).inner_text()
    open_dashboard_filters(page)
    # typed as a person does: a click landing while the filters unfold focuses the box but may not open its list
    type_choice(page, page.get_by_role("combobox", name="Cabang pohon kinerja"), "T1 · Tujuan Perangkat Daerah")
    expect(page.get_by_test_id("stMetric").nth(2)).not_to_have_text(everything)
    assert "cabang_pohon=T1" in page.url, "the branch is in the link to share"
    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Cabang pohon kinerja")).to_have_value(
        re.compile("^T1 · Tujuan Perangkat Daerah")
    )


def test_planner_accepts_that_a_kertas_kerja_sasaran_is_the_pks_of_close_wording(server, page, tmp_path):
    """The office drew its Kertas Kerja from the Renstra: its sasaran worded a little apart from the
    PK's. The preview proposes the PK's; nothing is joined until the planner says "Sama"; saved, the
    program hangs under the PK's sasaran and the other sasaran stays the tree's own."""
    from tests.trees import SASARAN_2, kertas_kerja

    close = "Menurunnya angka kematian ibu dan bayi baru lahir"  # the demo PK's S1, worded apart
    page.goto(f"{server.url}/pohon?tahun=2026&tw=TW+II")
    wait_for_app(page)
    page.get_by_text("Impor pohon kinerja").click()
    drawn = tmp_path / "kertas-kerja-cascading-2026.xlsx"
    drawn.write_bytes(kertas_kerja(sasaran=close, second_tujuan=False))
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(drawn))
    wait_for_app(page)
    expect(page.get_by_text("1 sasaran berkas mirip sasaran Perjanjian Kinerja.")).to_be_visible()
    # one choice per proposal, its label naming both wordings
    choice = page.get_by_role(
        "radiogroup", name=re.compile(f'{close}.*PK \\(S1\\): "Menurunnya angka kematian ibu dan bayi"', re.S)
    )
    expect(choice.get_by_role("radio", name="Berbeda: tetap sasaran pohon")).to_be_checked()  # declined until said
    expect(page.get_by_text("Sasaran pohon yang belum ada di PK 2026")).to_contain_text(close)
    with asking_rerun(page):
        choice.get_by_text("Sama: pakai sasaran PK").click()
    expect(page.get_by_text("Sasaran berkas yang diterima sebagai sasaran PK")).to_contain_text("→ S1")
    expect(page.get_by_text("Sasaran pohon yang belum ada di PK 2026")).not_to_contain_text(close)
    page.get_by_role("button", name="Simpan pohon kinerja").click()
    wait_for_app(page)
    expect(page.get_by_text("Pohon kinerja 2026 disimpan")).to_be_visible()
    opened = page.get_by_role("combobox", name="Buka simpul")
    opened.click()
    page.keyboard.type("1.02.02 ·")  # the list is long: typed, it holds the one node
    with asking_rerun(page):
        page.get_by_role("option", name=re.compile(r"^1\.02\.02 · ")).click()
    expect(page.get_by_text("di bawah S1 · Menurunnya angka kematian ibu dan bayi")).to_be_visible()
    opened.click()
    page.keyboard.type("1.02.03 ·")
    with asking_rerun(page):  # the other sasaran's program: under the tree's own sasaran
        page.get_by_role("option", name=re.compile(r"^1\.02\.03 · ")).click()
    expect(page.get_by_text(re.compile(f"di bawah T[0-9.]+ · {SASARAN_2}"))).to_be_visible()
