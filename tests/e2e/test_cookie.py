"""The session cookie is the server's, HttpOnly: a script in the page cannot read or steal it."""

import pytest
from playwright.sync_api import expect

from kinerja.demo import DEMO_PASSWORD
from tests.e2e.conftest import sign_in, wait_for_app

pytestmark = pytest.mark.e2e


def test_the_session_cookie_is_httponly_and_survives_a_reload(server, page):
    """Issue 15: the cookie was written by the page's script; now the server sets it."""
    page.goto(server.url)
    wait_for_app(page)
    with page.expect_response("**/_kinerja/sesi") as handed:  # the page posts its one-time code
        sign_in(page, "kabid.kesmas", DEMO_PASSWORD)
    assert handed.value.status == 200
    context = page.context
    session = _cookie(context)
    assert session["httpOnly"] and session["sameSite"] == "Strict"
    assert "kinerja_sesi" not in page.evaluate("document.cookie"), "no script in the page can read it"
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("Kepala Bidang Kesmas")).to_be_visible()
    with page.expect_response("**/_kinerja/sesi"):  # signing out sets the cookie to "keluar" the same way
        page.get_by_role("button", name="Keluar").click()
        wait_for_app(page)
    page.reload()
    wait_for_app(page)
    expect(page.get_by_label("Nama akun")).to_be_visible()


def test_the_cookie_route_refuses_a_request_without_its_header_or_code(server, page):
    """A form or image from another site cannot call it; a made-up code sets nothing."""
    page.goto(server.url)
    wait_for_app(page)
    plain = page.request.post(f"{server.url}/_kinerja/sesi", data={"kode": "x"})
    assert plain.status == 403
    forged = page.request.post(f"{server.url}/_kinerja/sesi", data={"kode": "dibuat-buat"}, headers={"X-Kinerja": "1"})
    assert forged.status == 404 and "kinerja_sesi" not in forged.headers.get("set-cookie", "")


def _cookie(context) -> dict:
    return next(c for c in context.cookies() if c["name"] == "kinerja_sesi")
