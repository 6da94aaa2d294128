"""Evaluasi AKIP in a real browser: the office overrides a computed answer with its reason, the
criterion shows the answer's history, and its evidence link opens the page that proves it."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import type_choice, wait_for_app

pytestmark = pytest.mark.e2e


def test_an_override_shows_in_the_criterions_history_and_its_evidence_link_opens_the_tree(server, page):
    """A.2.8 overridden E → B with a reason: the history row says who, old → new and why; the link opens Pohon Kinerja 2025."""
    page.goto(f"{server.url}/lke?tahun=2025")
    wait_for_app(page)
    card = page.get_by_test_id("stExpander").filter(has_text="A.2.8 · E · dihitung dari data")
    card.get_by_text("A.2.8 · E").click()
    answer = card.get_by_role("combobox").nth(1)  # Kolom, then Jawaban
    # a click landing while the card unfolds may leave the list shut: type_choice opens it again
    type_choice(page, answer, "B", page.get_by_role("option", name="B", exact=True), rerun=False)  # in a form
    card.get_by_label("Alasan (wajib bila mengubah jawaban yang dihitung)").fill("Pohon kinerja 2025 di berkas PDF")
    card.get_by_role("button", name="Simpan").click()
    wait_for_app(page)
    changed = page.get_by_test_id("stExpander").filter(has_text="A.2.8 · B · diubah kantor")
    changed.get_by_text("A.2.8 · B").click()
    history = changed.get_by_test_id("stTable")
    expect(history).to_contain_text("E (dihitung) → B")
    expect(history).to_contain_text("Pohon kinerja 2025 di berkas PDF")
    expect(history).to_contain_text("Admin Demo (JF Perencana) (admin.demo)")
    link = changed.get_by_role("link", name="Pohon Kinerja 2025")
    expect(link).to_have_attribute("href", "/pohon?tahun=2025")
    with page.expect_popup() as opened:  # Streamlit opens a markdown link in a new tab
        link.click()
    tree = opened.value
    wait_for_app(tree)
    expect(tree.get_by_role("heading", name="Pohon Kinerja")).to_be_visible()
    expect(tree).to_have_url(re.compile(r"/pohon\?tahun=2025(&|$)"))  # the page adds its quarter
