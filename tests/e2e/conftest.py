"""A real Kinerja server (`streamlit run app.py`) on a free port, and Debian's chromium driven by
Playwright (its own browser download does not work offline)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("KINERJA_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# One generous wait for everything a test waits on (an expectation, a click, the page's runs): the
# page's state, never the clock, decides. Playwright's own 5 s failed three browser tests under load (a
# chart still drawing after the run); 30 s failed one upload in a make test beside another (the file's
# rerun not sent within it, on a 2-core machine running two suites): 60 s.
WAIT_MS = 60_000
expect.set_options(timeout=WAIT_MS)
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]


def wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 60) -> bool:
    """Whether the server ``process`` started answers ``url`` within ``timeout`` seconds (False: it
    stopped or never answered). Before any page exists there is no page state to wait on: poll."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# what Streamlit prints once its server listens (with --server.address: "URL: http://127.0.0.1:PORT")
LISTENING = "You can now view your Streamlit app"


class Server:
    """`streamlit run app.py` over a database file, stopped when done."""

    def __init__(
        self,
        db_path: Path | str,
        *,
        log: Path | None = None,
        env: dict[str, str] | None = None,
        port: int | None = None,
        args: tuple[str, ...] = (),
    ):
        env = {**os.environ, **(env or {}), "KINERJA_DB": str(db_path), "PYTHONUNBUFFERED": "1"}
        # the server's output goes to a file: an unread pipe fills up and stalls the server
        self.log = log or Path(db_path).with_suffix(".log")
        for attempt in range(5):  # another run beside this one may take the free port first: take another
            self.port = port or _free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            self._start(env, args)
            try:
                self._wait_until_healthy()
                return
            except RuntimeError:
                self._log_file.close()
                if (
                    port
                    or attempt == 4
                    or self.process.poll() is None
                    or LISTENING in self.log.read_text("utf-8", "replace")
                ):
                    raise

    def _start(self, env: dict[str, str], args: tuple[str, ...]) -> None:
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",  # app.py with the route that sets the session cookie
            "--server.port",
            str(self.port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            *args,
        ]
        self._log_file = self.log.open("wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self._log_file, stderr=subprocess.STDOUT)

    def _wait_until_healthy(self, timeout: float = 60) -> None:
        """Healthy when this process says it listens and then answers: a free port can be taken by another
        run's server between choosing it and binding it, and that server's answer must not pass for ours."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and LISTENING not in self.log.read_text("utf-8", "replace"):
            if time.monotonic() > deadline:
                break
            time.sleep(0.2)
        left = max(deadline - time.monotonic(), 1)
        if self.process.poll() is not None or not wait_until_serving(f"{self.url}/_stcore/health", self.process, left):
            raise RuntimeError(f"server stopped or did not start: {self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process.poll() is not None:  # it died during the tests: say why
            print(
                f"Streamlit server exited with {self.process.returncode}:\n{self.log.read_text(errors='replace')[-4000:]}"
            )
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log_file.close()


SCRIPT_RUNS = (Path(__file__).parent / "script_runs.js").read_text(encoding="utf-8")


class WatchedBrowser:
    """The browser, whose every context counts the page's script runs (script_runs.js), so that
    ``wait_for_app`` waits on the page's own traffic instead of the clock."""

    def __init__(self, browser: Browser):
        self._browser = browser

    def new_context(self, **options) -> BrowserContext:
        context = self._browser.new_context(**options)
        context.add_init_script(SCRIPT_RUNS)
        context.set_default_timeout(WAIT_MS)
        return context

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield WatchedBrowser(launched)
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="module")
def server(demo_db_file, tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e") / "kinerja.duckdb"
    shutil.copy(demo_db_file, db)
    running = Server(db)
    yield running
    running.stop()


def wait_for_app(page: Page, timeout: float = WAIT_MS) -> None:
    """Wait until every script run the page asked for (by a click, a typed value, an upload, a page
    change, or the app's own st.rerun) has started, finished and been drawn (script_runs.js)."""
    try:
        page.wait_for_function("() => window.__kinerjaIdle && window.__kinerjaIdle()", timeout=timeout)
    except PlaywrightTimeout:
        counts = page.evaluate("JSON.stringify(window.__kinerja)")
        raise AssertionError(f"the page's script runs did not settle: {counts}") from None


@contextmanager
def asking_rerun(page: Page) -> Iterator[None]:
    """Around an action that asks for a rerun a moment after it (a click on a Plotly chart selects
    a point, then the chart reports it): wait until the page has asked, then until the run is over."""
    before = page.evaluate("window.__kinerja.sent")
    yield
    page.wait_for_function("before => window.__kinerja.sent > before", arg=before)
    wait_for_app(page)


def press_shortcut(page: Page, key: str) -> None:
    """Press a button's keyboard shortcut and wait for the run it asks for. The page sends the rerun
    the moment it takes the key, whatever the server's load; a press it did not take (seen once, in a
    make test beside another) is pressed again, so one taken is never pressed twice."""
    for _ in range(SHORTCUT_TRIES):
        before = page.evaluate("window.__kinerja.sent")
        page.keyboard.press(key)
        try:
            page.wait_for_function(
                "before => window.__kinerja.sent > before", arg=before, timeout=WAIT_MS / SHORTCUT_TRIES
            )
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError(f"the page did not take the key {key} in {SHORTCUT_TRIES} presses")
    wait_for_app(page)


SHORTCUT_TRIES = 4


def next_frames(page: Page) -> None:
    """Wait until the page has drawn two more frames (what it was told is on screen)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def edit_grid_cell(page: Page, grid: Locator, row: int, column: int, text: str) -> None:
    """Type into an editable table like a person: click the row's first cell, move right to
    ``column`` (the grid's own column number), type and press Enter, and wait for the rerun the
    edit asks for. The grid mirrors its cells in an accessibility table, which tells when the click
    selected the row and when the value is in."""
    first = grid.locator("[id^=glide-cell-][aria-rowindex], [id^=glide-cell-]").first
    first_column = int(first.get_attribute("id").split("-")[2])
    # a click at a position waits until the grid stands still (messages above it may still move it)
    grid.click(position={"x": 60 if first_column else 20, "y": 36 + 18 + 35 * (row - 1)})
    expect(grid.locator(f"#glide-cell-{first_column}-{row - 1}")).to_have_attribute("aria-selected", "true")
    for _ in range(column - first_column):
        page.keyboard.press("ArrowRight")
    page.keyboard.type(text[0])  # the first key opens the cell's editor, replacing what was there
    editor = page.locator("#portal textarea, #portal input").first
    expect(editor).to_be_focused()  # keys typed while it opens are lost
    page.keyboard.type(text[1:])
    expect(editor).to_have_value(text)  # the editor holds all of it before Enter commits it
    next_frames(page)  # the grid takes the typed value in on its next frame; Enter before that loses it
    with asking_rerun(page):  # the edited table goes to the script a moment after Enter
        page.keyboard.press("Enter")
    expect(grid.locator(f"#glide-cell-{column}-{row - 1}")).to_have_text(text)


def type_choice(page: Page, combobox: Locator, text: str, option: Locator | None = None, *, rerun: bool = True) -> None:
    """Type into a select box and press Enter, as a person does: Enter only once the list has
    narrowed to what was typed (pressed before that, it chooses nothing). A list left shut or shut
    again while the page redrew around it (seen in make test beside another: the text typed, no
    list) is opened and typed into again. ``option``: the one to wait for, if not the first holding
    ``text``; ``rerun=False`` for a box in a form, whose choice asks for no run."""
    option = option or page.get_by_role("option").filter(has_text=text).first
    combobox.scroll_into_view_if_needed()
    for _ in range(OPEN_TRIES):
        combobox.click()
        page.keyboard.press("Control+A")  # what an earlier try typed is typed over
        page.keyboard.type(text)
        try:
            expect(option).to_be_visible(timeout=WAIT_MS / OPEN_TRIES)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    expect(option).to_be_visible()
    if not rerun:
        page.keyboard.press("Enter")
        return
    with asking_rerun(page):
        page.keyboard.press("Enter")


OPEN_TRIES = 3


def one_of(first: Locator, second: Locator) -> Locator:
    """Wait until the page shows ``first`` or ``second`` (a page still drawing shows neither), and
    say which: the first one visible."""
    expect(first.or_(second).first).to_be_visible()
    return first if first.first.is_visible() else second


def confirm_warnings(page: Page) -> None:
    """After an upload is checked: tick the warnings' confirmation where the page asks for it."""
    confirm = page.get_by_text("Saya sudah memeriksa peringatan")
    if one_of(confirm, page.get_by_text("Tidak ada masalah.")) is confirm:
        confirm.click()
        wait_for_app(page)


def sign_in(page: Page, name: str, password: str) -> None:
    """Sign in on the Masuk page as a person does (signing out first if someone is signed in)."""
    signed, form = page.get_by_role("button", name="Keluar"), page.get_by_label("Nama akun")
    if one_of(signed, form) is signed:
        with page.expect_response("**/_kinerja/sesi"):  # signing out sets the cookie too
            signed.click()
            wait_for_app(page)
    form.fill(name)
    page.get_by_label("Kata sandi", exact=True).fill(password)
    # the page then posts a one-time code for its session cookie: a page opened before that
    # answer arrives (goto, reload) would not be signed in
    with page.expect_response("**/_kinerja/sesi"):
        page.get_by_role("button", name="Masuk").click()
        wait_for_app(page)
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def create_first_admin(page: Page, name: str = "perencana", password: str = "sandi-perencana-1") -> None:
    """The first visit to an empty Kinerja: the first admin account."""
    expect(page.get_by_text("Buat akun admin pertama")).to_be_visible()
    page.get_by_label("Nama akun").fill(name)
    page.get_by_label("Nama lengkap dan jabatan").fill("Perencana Uji")
    page.get_by_label("Kata sandi (minimal 8 karakter)").fill(password)
    page.get_by_label("Ulangi kata sandi").fill(password)
    # the new admin is signed in: as with sign_in, a page opened (goto, reload) before the session
    # cookie's answer arrives would not be
    with page.expect_response("**/_kinerja/sesi"):
        page.get_by_role("button", name="Buat akun admin").click()
        wait_for_app(page)
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def open_dashboard_filters(page: Page) -> None:
    """Unfold Dasbor Capaian's filters (folded under the answer, so a phone shows it first)."""
    filters = page.get_by_text("Saringan: periode, unit", exact=False)
    expect(filters).to_be_visible()
    if not page.get_by_role("combobox", name="Sasaran").is_visible():
        filters.click()
    expect(page.get_by_role("combobox", name="Sasaran")).to_be_visible()
