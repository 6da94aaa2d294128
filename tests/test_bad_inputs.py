"""The bad-input corpus (tests/bad_inputs.py): every file is refused with an Indonesian message that
names the file and, where the fault is in a cell, its sheet, row and column; the stored database is
as it was, table by table and value by value; and the pages show the reason, never a traceback."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kinerja.access.accounts import actor_of, start_session
from kinerja.access.roles import SYSTEM, set_actor
from kinerja.collection.upload import import_files
from kinerja.domain.problems import InputRejected, Problem
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.storage.backup import snapshot
from kinerja.storage.store import PROJECT_ROOT, Store
from tests import figures
from tests.bad_inputs import CASES, Case, data_base, plan_base
from tests.conftest import copy_db, db_spec
from ui import keys
from ui.resources import get_store

APP = str(PROJECT_ROOT / "app.py")
ENGLISH = ("Traceback", "Error:", "Exception", "object has no attribute", "invalid literal")


@pytest.fixture(scope="module")
def corpus_db(demo_db_file, tmp_path_factory):
    """One copy of the demo for the whole corpus: nothing may change it."""
    path = tmp_path_factory.mktemp("korpus") / "demo.duckdb"
    copy_db(demo_db_file, path)
    return db_spec(path)


@pytest.fixture(scope="module")
def corpus_store(corpus_db):
    store = Store(corpus_db)
    yield store
    store.close()


def refused_problems(store: Store, case: Case, content: bytes) -> list[Problem]:
    """Upload as the command line does. Warnings unconfirmed first (as the page does); then, unless
    the case is a warning, confirmed (as `import` does by default): its errors must hold alone."""
    set_actor(actor_of(store, case.actor) if case.actor else SYSTEM)
    try:
        if case.kind == "plan":
            try:
                save_plan(store, read_plan_file(content, case.file_name))
            except InputRejected as exc:
                return exc.problems
            pytest.fail(f"{case.id}: the plan was saved")
        found = []
        for confirm in (False, True) if not case.warning else (False,):
            try:
                ((data, saved),) = import_files(
                    store, [(case.file_name, content)], case.given, confirm_warnings=confirm
                )
                found += data.problems
                assert saved is None, f"{case.id}: stored {saved}"
            except InputRejected as exc:
                found += exc.problems
        return found
    finally:
        set_actor(SYSTEM)


def told(problems: list[Problem], case: Case) -> Problem | None:
    """The problem that says what the case expects, at the expected place."""
    for p in problems:
        if case.message.lower() not in p.message.lower() or p.file != case.file_name:
            continue
        if case.sheet is not None and p.sheet != case.sheet:
            continue
        if case.row is not None and p.row != case.row:
            continue
        if case.column is not None and not (p.column or "").startswith(f"{case.column} "):
            continue
        return p
    return None


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_library_refuses_it_and_says_where(case, corpus_store):
    content = case.build()
    before = snapshot(corpus_store)
    problems = refused_problems(corpus_store, case, content)
    found = told(problems, case)
    assert found is not None, (
        f"{case.id}: expected '{case.message}' at {case.sheet}/{case.row}/{case.column}: {problems}"
    )
    assert not any(word in str(p) for p in problems for word in ENGLISH), problems
    assert snapshot(corpus_store) == before, f"{case.id}: the database changed"
    figures.count("bad_inputs_library", held=True)


def test_the_bases_are_accepted(demo_store):
    """Each case is its base with one fault: the bases themselves store (so a refusal is the fault's)."""
    ((data, saved),) = import_files(demo_store, [("p2p.xlsx", data_base())], CASES[0].given)
    assert saved and not data.problems, data.problems
    summary = save_plan(demo_store, read_plan_file(plan_base(), "pk.xlsx"))
    others = [w for w in summary.warnings if not w.message.startswith("Kode baru")]  # proposals only
    assert (summary.year, summary.indicators_created, others) == (2027, 3, [])


@pytest.fixture(scope="module")
def page_db(demo_db_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("korpus-halaman") / "demo.duckdb"
    copy_db(demo_db_file, path)
    return db_spec(path)


def _page(db, monkeypatch, account: str, page: str) -> AppTest:
    monkeypatch.setenv("KINERJA_DB", str(db))
    st.cache_resource.clear()
    st.cache_data.clear()
    token = start_session(get_store(), account)  # the app's own store: a DuckLake is attached once a process
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state[keys.SESSION_TOKEN] = token
    app.run()
    app.switch_page(page).run()
    return app


def _shown(app: AppTest) -> str:
    """Everything the page says: alerts and the problems table."""
    texts = [e.value for kind in (app.error, app.warning, app.info, app.markdown) for e in kind]
    for frame in app.dataframe:
        if "Masalah" in frame.value.columns:
            texts += [" ".join(map(str, row)) for row in frame.value.itertuples(index=False)]
    return "\n".join(texts)


PAGE_CASES = [c for c in CASES if c.page]


@pytest.mark.parametrize("case", PAGE_CASES, ids=[c.id for c in PAGE_CASES])
def test_the_page_refuses_it_without_a_traceback(case, page_db, monkeypatch):
    account = case.actor or "admin.demo"
    if case.kind == "data":
        app = _page(page_db, monkeypatch, account, "views/unggah.py")
        app.selectbox(key=keys.UPLOAD_YEAR).set_value(case.given.year or 2026).run()
        app.selectbox(key=keys.UPLOAD_QUARTER).set_value(case.given.quarter or 3).run()
        if account == "admin.demo":
            app.selectbox(key=keys.UPLOAD_UNIT).set_value(case.given.unit).run()
        uploader = app.get("file_uploader")[0]
    else:
        app = _page(page_db, monkeypatch, account, "views/perencanaan.py")
        uploader = next(u for u in app.get("file_uploader") if "PK + Rencana Aksi" in u.proto.label)
    before = snapshot(get_store())
    uploader.upload(case.file_name, case.build(), "application/octet-stream").run()
    assert not app.exception, app.exception
    for checkbox in app.checkbox:  # a user who confirms every warning and presses save
        if checkbox.key and checkbox.key.startswith("konfirmasi_"):
            checkbox.check().run()
    save = re.compile(r"simpan_\d+_|simpan_unggahan$")  # the upload's own save button, not the editors'
    for button in app.button:
        if not case.warning and save.match(button.key or "") and not button.disabled:
            button.click().run()
    assert not app.exception, app.exception
    shown = _shown(app)
    assert case.message.lower() in shown.lower(), f"{case.id}: '{case.message}' not shown:\n{shown}"
    assert snapshot(get_store()) == before, f"{case.id}: the database changed"
    st.cache_resource.clear()
    figures.count("bad_inputs_pages", held=True)
