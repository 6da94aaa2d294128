"""The leaders' dashboard in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    WAIT_MS,
    asking_rerun,
    next_frames,
    open_dashboard_filters,
    press_shortcut,
    type_choice,
    wait_for_app,
)

pytestmark = pytest.mark.e2e


def test_a_view_set_by_filters_reopens_from_its_link_in_another_browser(server, browser, page):
    """Filters chosen on the page are in the URL; a fresh browser opening it sees the same view and numbers."""
    page.goto(f"{server.url}/dasbor")
    wait_for_app(page)
    open_dashboard_filters(page)
    type_choice(page, page.get_by_role("combobox", name="Sasaran"), "Terkendalinya penyakit menular")
    type_choice(page, page.get_by_role("combobox", name="Rincian indikator (atau klik batangnya)"), "IK13")
    score = page.get_by_test_id("stMetric").first.inner_text()
    expect(page.get_by_role("heading", name="IK13 · Persentase penderita hipertensi")).to_be_visible()
    link = page.url
    assert "sasaran=Terkendalinya" in link and "indikator=IK13" in link

    fresh = browser.new_context(viewport={"width": 1366, "height": 900})
    other = fresh.new_page()
    other.goto(link)
    wait_for_app(other)
    expect(other.get_by_role("combobox", name="Sasaran")).to_have_value(  # a narrowed view shows its filters
        "Terkendalinya penyakit menular dan tidak menular"
    )
    expect(other.get_by_role("heading", name="IK13 · Persentase penderita hipertensi")).to_be_visible()
    assert other.get_by_test_id("stMetric").first.inner_text() == score
    expect(other.get_by_text("Bagaimana angka ini dihitung")).to_be_visible()
    fresh.close()


def test_meeting_mode_is_a_presentation_one_chart_a_screen(server, browser):
    """rapat=1 at 1920 × 1080: no sidebar or controls; the summary first, its headline at 32 px or
    more; → shows the next screen, one chart filling it, with the period and the data's completeness."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{server.url}/dasbor?rapat=1")
    wait_for_app(page)
    expect(page.get_by_text("23 dari 23 indikator berdata (100%) · layar 1 dari 7")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_role("button", name="Bagikan")).to_have_count(0)
    expect(page.get_by_role("combobox", name="Tahun")).to_be_hidden()
    wait_for_app(page)
    for text in ("Ringkasan · TW II 2026", "1 dari 23 indikator berisiko"):  # once the style is in
        page.get_by_text(text, exact=False).element_handle().wait_for_element_state("visible")
        page.wait_for_function(
            "text => [...document.querySelectorAll('p')].some(p => p.innerText.includes(text)"
            " && parseFloat(getComputedStyle(p).fontSize) >= 32)",
            arg=text,
        )
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    press_shortcut(page, "ArrowRight")
    expect(page.get_by_text("23 dari 23 indikator berdata (100%) · layar 2 dari 7")).to_be_visible()
    expect(page.get_by_text("Capaian per sasaran · TW II 2026")).to_be_visible()
    wait_for_app(page)
    chart = page.get_by_test_id("stMain").locator(".js-plotly-plot")
    expect(chart).to_have_count(1)
    box = chart.bounding_box()
    assert box["height"] >= 600 and box["y"] + box["height"] <= 1080, "one chart, filling the screen"
    press_shortcut(page, "ArrowLeft")
    expect(page.get_by_text("layar 1 dari 7", exact=False)).to_be_visible()
    context.close()


def test_lihat_semua_draws_the_whole_list_and_the_hidden_bars_are_counted(server, page):
    """The indicators chart draws the lowest 15 and highest 5 of 23 and counts the other 3; «Lihat
    semua» draws all 23, in code order when chosen."""
    page.goto(f"{server.url}/dasbor?tahun=2026&tw=TW+II")
    wait_for_app(page)
    chart = page.get_by_test_id("stMain").locator(".js-plotly-plot", has_text="terendah di atas")
    expect(chart).to_contain_text("15 terendah dan 5 tertinggi dari 23 indikator")
    expect(chart.locator("g.point > path")).to_have_count(20)
    hidden = page.get_by_text("3 indikator lainnya tidak digambar", exact=False)
    expect(hidden).to_have_count(2)  # the indicators' chart and the projections' chart
    with asking_rerun(page):
        page.locator(".st-key-lihat_semua_grafik_indikator").get_by_text("Lihat semua (23)").click()
    expect(chart.locator("g.point > path")).to_have_count(23)
    expect(hidden).to_have_count(1)  # the projections' chart is still capped
    with asking_rerun(page):
        page.locator(".st-key-urutan_grafik_indikator").get_by_text("Urutan kode").click()
    names = chart.locator(".annotation-text")
    expect(names.filter(has_text="IK01 ·")).to_have_count(1)
    top_down = names.evaluate_all(  # the names as read, from the top of the chart down
        "all => all.map(n => [n.getBoundingClientRect().y, n.textContent])"
        ".filter(([, t]) => t.startsWith('IK')).sort((a, b) => a[0] - b[0]).map(([, t]) => t.split(' ·')[0])"
    )
    assert top_down[:3] == ["IK01", "IK02", "IK03"] and top_down[-1] == "IK23", top_down


def test_the_risk_line_opens_an_at_risk_indicators_explanation_and_note(server, page):
    """The at-risk indicator is named, not coded: a click opens how its figure is computed, why it is
    at risk and what its unit wrote."""
    page.goto(f"{server.url}/dasbor?tahun=2026&tw=TW+II")
    wait_for_app(page)
    link = page.get_by_role("button", name="IK13 · Persentase penderita hipertensi", exact=False)
    expect(link).to_contain_text("(proyeksi 64,4%)")
    with asking_rerun(page):
        link.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="IK13 · Persentase penderita hipertensi")).to_be_visible()
    expect(dialog.get_by_text("Bagaimana angka ini dihitung")).to_be_visible()
    expect(dialog.get_by_text("Berisiko: proyeksi skor akhir tahun 64,4%, di bawah batas 76%.")).to_be_visible()
    expect(dialog.get_by_text("Faktor penghambat:", exact=False)).to_be_visible()


def _click_shortest_bar(page, chart) -> None:
    """Click the bar with the lowest score, as a person aims a mouse at it."""
    expect(chart).to_have_count(1)
    chart.scroll_into_view_if_needed()
    expect(chart.locator("g.point > path").first).to_be_visible()  # Plotly draws after the script run ends
    label = chart.locator(".hoverlayer .hovertext").first
    for _ in range(HOVER_TRIES):  # a chart redrawn under a still mouse drops its label: aim and hover again
        x, y = _shortest_bar(page, chart)
        page.mouse.move(x, y - 3)
        page.mouse.move(x, y)  # Plotly clicks the point it hovers: wait until it shows that point's label
        try:
            expect(label).to_be_visible(timeout=WAIT_MS / HOVER_TRIES)
            break
        except AssertionError:
            continue
    expect(label).to_be_visible()
    with asking_rerun(page):
        page.mouse.click(x, y)


HOVER_TRIES = 5


def _shortest_bar(page, chart) -> tuple[float, float]:
    """The shortest bar's centre, measured in one go in the page (Plotly may redraw the bars between
    two calls from here), and again after the next frames until the bar stands still."""
    where, aim = (
        None,
        """chart => {
        const boxes = [...chart.querySelectorAll("g.point > path")].map(bar => bar.getBoundingClientRect());
        const shortest = boxes.reduce((a, b) => (b.width < a.width ? b : a));
        return [shortest.x + shortest.width / 2, shortest.y + shortest.height / 2];
    }""",
    )
    while (now := chart.evaluate(aim)) != where:
        where = now
        next_frames(page)
    return where


def test_from_the_worst_sasaran_to_an_indicator_and_its_explanation(server, page):
    """Click the worst sasaran, then its worst indicator: how the number was computed and what the unit wrote."""
    page.goto(f"{server.url}/dasbor")
    wait_for_app(page)
    _click_shortest_bar(page, page.locator(".js-plotly-plot").first)
    expect(page.get_by_role("combobox", name="Sasaran")).to_have_value(
        "Terkendalinya penyakit menular dan tidak menular"
    )
    assert "sasaran=Terkendalinya" in page.url
    wait_for_app(page)  # the sasaran's run over: while it runs the old chart and the new one are both on the page
    # in the page's main block: while a chart is redrawn Streamlit briefly holds a copy outside it
    _click_shortest_bar(page, page.get_by_test_id("stMain").locator(".js-plotly-plot", has_text="terendah di atas"))
    expect(page.get_by_role("heading", name="IK13 · Persentase penderita hipertensi")).to_be_visible()
    expect(page.get_by_text("Σ pembilang / Σ penyebut × 100", exact=False)).to_be_visible()
    expect(page.get_by_text("Faktor penghambat:", exact=False)).to_be_visible()
    assert "indikator=IK13" in page.url


def test_a_phone_first_shows_whether_we_are_on_track_and_what_is_at_risk(server, browser):
    """At 390 px the first screen answers the leader's question before any filter: the score and
    the indicators at risk, with the rule that makes them so."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    phone = context.new_page()
    phone.goto(f"{server.url}/dasbor")
    wait_for_app(phone)
    score = phone.get_by_test_id("stMetric").filter(has_text="Skor capaian")
    risk = phone.get_by_text("indikator berisiko", exact=False).first
    expect(score).to_be_in_viewport()
    expect(risk).to_be_in_viewport()
    expect(risk).to_contain_text("Berisiko = proyeksi skor akhir tahun di bawah 76%, batas bawah kategori Tinggi")
    filters = phone.get_by_text("Saringan: periode, unit", exact=False)
    assert risk.bounding_box()["y"] < filters.bounding_box()["y"], "the filters come after the answer"
    expect(phone.get_by_role("combobox", name="Tahun")).to_be_hidden()  # folded
    first_chart = phone.locator(".js-plotly-plot").first
    expect(first_chart).to_be_visible()
    assert first_chart.bounding_box()["y"] < 2 * 844, "the first chart within two screens, not after the filters"
    context.close()


def test_a_ceiling_used_faster_than_the_year_reads_as_a_warning(server, page):
    """Dengue cases (less is better, summed) at TW II 2026: the ceiling's share used beside the year gone, in words."""
    page.goto(f"{server.url}/dasbor?tahun=2026&tw=TW+II&indikator=IK10")
    wait_for_app(page)
    expect(page.get_by_text("Progres tahunan indikator kumulatif s.d. TW II:", exact=False)).to_contain_text(
        "1 kuota tahunan terpakai di atas laju (IK10)"
    )
    expect(page.get_by_role("heading", name="IK10 · Angka kesakitan DBD per 100.000 penduduk")).to_be_visible()
    expect(
        page.get_by_text(
            "Progres tahunan: Kuota tahunan terpakai 86,0% (34,41 dari 40 per 100.000) saat 50% tahun berlalu "
            "— di atas laju: kuota tahunan bisa terlampaui."
        )
    ).to_be_visible()
