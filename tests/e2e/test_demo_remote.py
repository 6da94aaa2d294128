"""The demo signs in automatically only the person at the server's own machine."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_a_visitor_through_a_proxy_gets_the_sign_in_page_not_the_demo_admin(server, browser):
    """Issue 15: with the demo loaded, a stranger's browser was Admin Demo; now it is asked to sign in."""
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": "203.0.113.9"})
    stranger = context.new_page()
    stranger.goto(f"{server.url}/akun")
    wait_for_app(stranger)
    expect(stranger.get_by_label("Nama akun")).to_be_visible()
    expect(stranger.get_by_text("Admin Demo")).to_have_count(0)
    expect(stranger.get_by_role("button", name="Hapus data demo")).to_have_count(0)
    context.close()


def test_the_person_at_the_machine_still_tries_the_demo_at_once(server, page):
    page.goto(server.url)
    wait_for_app(page)
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    expect(page.get_by_text("Masuk otomatis sebagai admin demo")).to_be_visible()
