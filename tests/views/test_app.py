"""The app's router (app.py) under AppTest: every page on an empty database, the demo's removal and
its automatic admin, a period chosen on one page followed on the next. The pages' own tests are in
tests/views/test_<page>.py, on the small office (tests/small_office.py)."""

import pytest
import streamlit as st

from tests.pages import empty_app


@pytest.mark.parametrize(
    "page",
    [
        "views/beranda.py",
        "views/dasbor.py",
        "views/perencanaan.py",
        "views/unggah.py",
        "views/verifikasi.py",
        "views/rekap.py",
        "views/proses.py",
        "views/pengaturan.py",
        "views/akun.py",
        "views/audit.py",
        "views/panduan.py",
    ],
)
def test_every_page_opens_on_an_empty_database(tmp_path, monkeypatch, page):
    app = empty_app(tmp_path, monkeypatch).run()
    app.switch_page(page).run()
    assert not app.exception, page
    assert not app.error, page
    st.cache_resource.clear()


def test_demo_can_be_removed_from_the_sidebar(app):
    app.run()
    app.sidebar.button(key="hapus_demo").click().run()
    app.sidebar.button(key="konfirmasi_hapus_demo").click().run()
    assert not app.exception
    assert "Data demo telah dihapus" in app.info[0].value, "signed out: the demo admin went with the demo"
    assert app.title[0].value == "Kinerja" and app.subheader[0].value == "Buat akun admin pertama"
    assert not app.sidebar.warning


def test_without_make_runs_leave_the_demo_admin_is_not_signed_in_automatically(app, monkeypatch):
    """A service started otherwise than by `make run` (KINERJA_DEMO_OTOMATIS unset) asks everyone to sign in."""
    monkeypatch.delenv("KINERJA_DEMO_OTOMATIS")
    app.run()
    assert not app.exception
    assert any(t.label == "Nama akun" for t in app.text_input)


def test_one_units_draft_does_not_move_the_pages_and_a_chosen_period_follows_across_pages(app, small_db_path):
    from kinerja.collection.realization import RealizationRow, add_submission
    from kinerja.workflow.review import record_drafts
    from ui.resources import get_store

    with get_store().write() as w:  # one unit's TW III draft, as an upload stores it
        add_submission(w, "KESMAS", 2026, 3, [RealizationRow("IK01", 1.0)], source="test")
        record_drafts(w, [("KESMAS", 2026, 3)], {})
    app.run()
    assert (app.selectbox(key="tahun").value, app.selectbox(key="tw").value) == (2026, 2)
    assert any(c.value.endswith("TW III baru berisi data 1 unit.") for c in app.caption)
    app.selectbox(key="tahun").set_value(2025).run()
    assert app.selectbox(key="tw").value == 4, "another year opens on its own latest submitted quarter"
    app.selectbox(key="tw").set_value(3).run()
    assert app.query_params == {"tahun": "2025", "tw": "TW III"}
    app.query_params.clear()  # a page of the sidebar, opened without the link's parameters
    app.switch_page("views/rekap.py").run()
    assert (app.selectbox(key="tahun").value, app.selectbox(key="tw").value) == (2025, 3)
    assert app.query_params == {"tahun": "2025", "tw": "TW III"}
