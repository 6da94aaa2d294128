"""Signing in through OpenID Connect for real (issue 26): a certified provider (the npm package
oidc-provider, installed by `make test` into tests/oidc) on localhost, st.login in the browser, and
the e-mail it returns mapped to its Kinerja account and role."""

import json
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kinerja.access.accounts import NewAccount, add_account, set_active
from kinerja.access.roles import SYSTEM, Role, set_actor
from kinerja.storage.store import Store
from tests.e2e.conftest import ROOT, Server, _free_port, one_of, wait_for_app, wait_until_serving

pytestmark = pytest.mark.e2e

PROVIDER = ROOT / "tests" / "oidc"
NODE = shutil.which("node") or "/usr/bin/node"
SECRET = secrets.token_hex(16)
KADIS = "kadis.oidc@sukamaju.go.id"
GONE = "mantan.pegawai@sukamaju.go.id"


def _provider(port: int, redirect: str) -> subprocess.Popen:
    if not (PROVIDER / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("oidc-provider is not installed: `make test` runs npm ci in tests/oidc")
    process = subprocess.Popen(
        [NODE, "provider.mjs", str(port), redirect, SECRET],
        cwd=PROVIDER,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    if wait_until_serving(f"http://localhost:{port}/.well-known/openid-configuration", process, 30):
        return process
    process.kill()
    raise RuntimeError(f"the OpenID provider did not start: {process.stdout.read().decode(errors='replace')}")


@pytest.fixture(scope="module")
def oidc_server(demo_db_file, tmp_path_factory):
    """The demo behind OpenID Connect: an [auth] section in a secrets file, the automatic admin off."""
    folder = tmp_path_factory.mktemp("oidc")
    db = folder / "kinerja.duckdb"
    shutil.copy(demo_db_file, db)
    store = Store(db)
    set_actor(SYSTEM)
    add_account(store, NewAccount("kadis.oidc", Role.LEADER, None, display_name="Kepala Dinas (SSO)", email=KADIS))
    add_account(store, NewAccount("mantan", Role.OPERATOR, None, unit="KESMAS", display_name="Mantan", email=GONE))
    set_active(store, "mantan", False)
    store.close()
    app_port, provider_port = _free_port(), _free_port()
    redirect = f"http://localhost:{app_port}/oauth2callback"
    provider = _provider(provider_port, redirect)
    (folder / "secrets.toml").write_text(  # prompt: oidc-provider knows login and consent, not select_account
        f"""[auth]
redirect_uri = "{redirect}"
cookie_secret = {json.dumps(secrets.token_hex(16))}
client_id = "kinerja"
client_secret = {json.dumps(SECRET)}
server_metadata_url = "http://localhost:{provider_port}/.well-known/openid-configuration"
client_kwargs = {{ prompt = "login", scope = "openid profile email" }}
"""
    )
    running = Server(
        db,
        port=app_port,
        env={"KINERJA_DEMO_OTOMATIS": "0"},
        args=("--secrets.files", str(folder / "secrets.toml")),
    )
    running.url = f"http://localhost:{app_port}"  # the redirect URI's host: the provider sends the browser there
    yield running
    running.stop()
    provider.terminate()
    provider.wait(timeout=10)


def _sign_in_at_the_provider(page: Page, url: str, login: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.get_by_role("button", name="Masuk dengan akun instansi").click()
    page.locator("input[name=login]").fill(login)  # the provider's own development login page
    page.locator("input[name=password]").fill("apa-saja")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()  # its consent page: Kinerja may read the e-mail
    page.wait_for_url(f"{url}/**")
    wait_for_app(page)


def test_an_account_signs_in_through_the_provider_and_out_again(oidc_server, page):
    """The e-mail the provider returns is an active account's: its name and role, then Keluar."""
    _sign_in_at_the_provider(page, oidc_server.url, KADIS)
    expect(page.get_by_text("Kepala Dinas (SSO)")).to_be_visible()
    expect(page.get_by_text("Pimpinan")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()
    # signing out of Kinerja signs out at the provider too (its own page asks, then sends the browser
    # back) where Streamlit has the ID token to send it; else straight back to the sign-in page
    at_provider, back = (
        page.locator("button[name=logout][value=yes]"),
        page.get_by_role("button", name="Masuk dengan akun instansi"),
    )
    if one_of(at_provider, back) is at_provider:
        at_provider.click()
        page.wait_for_url(f"{oidc_server.url}/**")
    wait_for_app(page)
    expect(back).to_be_visible()
    expect(page.get_by_text("Kepala Dinas (SSO)")).to_have_count(0)


@pytest.mark.parametrize(
    ("login", "said"),
    [("tamu@luar.test", "belum terdaftar di Kinerja"), (GONE, "belum terdaftar di Kinerja")],
    ids=["e-mail tak dikenal", "akun dinonaktifkan"],
)
def test_an_unknown_or_disabled_account_is_refused(oidc_server, browser, login, said):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    _sign_in_at_the_provider(page, oidc_server.url, login)
    expect(page.get_by_text(said)).to_be_visible()
    expect(page.get_by_role("button", name="Keluar")).to_have_count(0)
    context.close()


def test_the_provider_is_installed_from_its_lock_file():
    assert (PROVIDER / "package-lock.json").is_file() and Path(NODE).exists()
