"""The demo's automatic admin behind a reverse proxy on the same machine (issue 26): Debian's nginx
forwards visitors without saying who they are, and none of them is signed in as admin.demo."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS, SCRIPT_RUNS, _free_port, wait_for_app

pytestmark = pytest.mark.e2e

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PUBLIC = "kinerja.test"  # the name visitors use; the browser resolves it to this machine


def _nginx(folder: Path, upstream: int, *, host_header: bool) -> tuple[subprocess.Popen, int]:
    """nginx in the foreground on a free port, forwarding to the app with websockets and no
    X-Forwarded-For; with ``host_header`` it passes the visitor's Host on (as the README's example)."""
    port = _free_port()
    (folder / "tmp").mkdir(parents=True, exist_ok=True)
    config = folder / "nginx.conf"
    config.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"""daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/tmp/body;
    proxy_temp_path {folder}/tmp/proxy;
    fastcgi_temp_path {folder}/tmp/fastcgi;
    uwsgi_temp_path {folder}/tmp/uwsgi;
    scgi_temp_path {folder}/tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            {"proxy_set_header Host $http_host;" if host_header else ""}
            proxy_read_timeout 3600s;
        }}
    }}
}}
"""
    )
    process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(folder)], stderr=subprocess.PIPE)
    return process, port


@pytest.mark.parametrize("host_header", [True, False], ids=["Host diteruskan", "Host bawaan nginx"])
def test_no_visitor_through_a_proxy_on_the_same_machine_is_the_demo_admin(server, browser, tmp_path, host_header):
    """A visitor reaches the demo through nginx: the sign-in page, never the automatic admin."""
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: `make test` installs it (apt-get install nginx)")
    proxy, port = _nginx(tmp_path, server.port, host_header=host_header)
    try:
        # the session's playwright launches a second browser that resolves the public name to this machine
        # (a second sync_playwright() inside the session's would be refused)
        public = browser.browser_type.launch(
            executable_path=CHROMIUM, args=[*LAUNCH_ARGS, f"--host-resolver-rules=MAP {PUBLIC} 127.0.0.1"]
        )
        try:
            context = public.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
            context.add_init_script(SCRIPT_RUNS)
            page = context.new_page()
            page.goto(f"http://{PUBLIC}:{port}/")
            if host_header:  # the app is served through the proxy: its sign-in page
                wait_for_app(page)
                expect(page.get_by_label("Nama akun")).to_be_visible()
            else:  # Streamlit refuses a page whose origin is not the host it was asked as
                expect(page.get_by_text("Admin Demo")).to_have_count(0)
            expect(page.get_by_role("button", name="Keluar")).to_have_count(0)
        finally:
            public.close()
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)


def test_the_demo_admin_still_greets_a_browser_on_the_machine_itself(server, page):
    page.goto(server.url)
    wait_for_app(page)
    expect(page.get_by_text("Masuk otomatis sebagai admin demo.")).to_be_visible()
