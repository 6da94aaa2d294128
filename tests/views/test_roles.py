"""Each role under AppTest: the pages it is offered, what it is refused, and the review loop on
the Verifikasi page."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kinerja.storage.store import PROJECT_ROOT
from kinerja.workflow import review
from tests.conftest import opened
from tests.pages import as_account
from ui import keys

ALL = [
    "beranda", "dasbor", "pohon", "perencanaan", "unggah", "verifikasi", "rekap", "proses", "laporan", "lke", "pengaturan",
    "akun", "audit", "panduan",
]  # fmt: skip
READERS = ["beranda", "dasbor", "pohon", "verifikasi", "rekap", "proses", "laporan", "lke", "panduan"]
OFFERED = {
    "admin.demo": ALL,
    "operator.kesmas": [
        "beranda",
        "dasbor",
        "pohon",
        "unggah",
        "verifikasi",
        "rekap",
        "proses",
        "laporan",
        "lke",
        "panduan",
    ],
    "kabid.kesmas": READERS,
    "kadis": READERS,
    # the LKE's evaluators read what the office holds and its audit trail (their evidence), nothing to change
    "verifikator.bappeda": [*READERS, "audit"],
    "inspektur": [*READERS, "audit"],
}


@pytest.mark.parametrize("name", list(OFFERED))
def test_each_role_is_offered_its_pages_and_no_others(small_db_path, monkeypatch, name):
    app = as_account(small_db_path, monkeypatch, name).run()
    assert not app.exception
    for page in ALL:
        if page in OFFERED[name]:
            app.switch_page(f"views/{page}.py").run()
            assert not app.exception, (name, page)
            assert not [e for e in app.error if "tidak berwenang" in e.value], (name, page)
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                app.switch_page(f"views/{page}.py")
    st.cache_resource.clear()


def test_nobody_signed_in_sees_only_the_sign_in_form(small_db_path, monkeypatch):
    app = as_account(small_db_path, monkeypatch, None)
    app.run()
    assert app.title[0].value == "Kinerja" and app.text_input[0].label == "Nama akun"
    assert not app.get("plotly_chart") and not app.dataframe
    st.cache_resource.clear()


def test_a_page_refuses_a_session_that_may_not_open_it(small_db_path, monkeypatch):
    """The page's own check, for a request the navigation would not route: a page script run
    without a signed-in actor shows nothing but the refusal."""
    monkeypatch.setenv("KINERJA_DB", str(small_db_path))
    st.cache_resource.clear()
    app = AppTest.from_file(str(PROJECT_ROOT / "views" / "perencanaan.py"), default_timeout=60).run()
    assert [e.value for e in app.error] == ["Anda tidak berwenang membuka halaman ini."]
    assert not app.dataframe and not app.button
    st.cache_resource.clear()


def test_a_reviewer_returns_with_a_note_and_the_operator_sees_it(small_db_path, monkeypatch):
    reviewer = as_account(small_db_path, monkeypatch, "kabid.kesmas").run()
    reviewer.switch_page("views/verifikasi.py").run()
    assert reviewer.selectbox(key=keys.REVIEW_UNIT).value == "KESMAS", "the unit waiting first"
    assert reviewer.subheader[0].value == "KESMAS · TW II 2026: Diajukan"
    reviewer.text_area(key="catatan_umum_KESMAS").input("Cakupan K6 belum sesuai laporan puskesmas.")
    reviewer.button(key="kembalikan_KESMAS").click().run()
    assert not reviewer.exception
    assert "dikembalikan dengan catatan" in reviewer.success[0].value
    operator = as_account(small_db_path, monkeypatch, "operator.kesmas").run()
    operator.switch_page("views/verifikasi.py").run()
    assert operator.subheader[0].value == "KESMAS · TW II 2026: Dikembalikan"
    assert "Cakupan K6 belum sesuai" in operator.warning[0].value
    operator.button(key="ajukan_KESMAS").click().run()
    assert "diajukan untuk verifikasi" in operator.success[0].value
    with opened(small_db_path) as store:
        assert review.state_of(store, "KESMAS", 2026, 2) is review.State.SUBMITTED
    st.cache_resource.clear()


def test_the_operator_reads_a_long_note_on_an_indicator_in_full(small_db_path, monkeypatch):
    """A grid cell shows a few lines of a note; the page says the whole of it under the table."""
    from kinerja.access.roles import SYSTEM, acting_as

    note = (
        "Angka TW II tidak sama dengan laporan Puskesmas Sukamaju Barat (41 kunjungan, bukan 14); mohon periksa "
        "lagi rekap bulanan April–Juni dan unggah ulang dengan bukti dukung dari kepala puskesmas."
    )
    with opened(small_db_path) as store, acting_as(SYSTEM):
        review.send_back(store, "KESMAS", 2026, 2, "", {"IK04": note})
    operator = as_account(small_db_path, monkeypatch, "operator.kesmas").run()
    operator.switch_page("views/verifikasi.py").run()
    listed = [m.value for m in operator.markdown if m.value.startswith("**Catatan peninjau per indikator**")]
    assert listed and "**IK04** Cakupan kunjungan ibu hamil K6:" in listed[0]
    assert "bukti dukung dari kepala puskesmas." in listed[0], "the note to its last word"
    st.cache_resource.clear()


def test_a_share_link_opens_its_dashboard_read_only_and_nothing_once_revoked(small_db_path, monkeypatch):
    import datetime as dt

    from kinerja.access.roles import Actor, Role, acting_as
    from kinerja.access.sharing import create_link, revoke_link, shared_view

    with opened(small_db_path) as store:
        with acting_as(Actor("kadis", Role.LEADER)):
            token = create_link(
                store, "Rapat evaluasi", 2026, 2, goal="S2", expires_on=dt.date.today() + dt.timedelta(1)
            )
        link_id = shared_view(store, token).link_id
    app = as_account(small_db_path, monkeypatch, None)
    app.query_params[keys.SHARE_TOKEN] = token
    app.run()
    assert not app.exception
    assert app.title[0].value == "Dasbor Capaian"
    assert "Rapat evaluasi" in app.caption[0].value
    assert app.selectbox(key=f"{keys.GOAL}_tetap").value == "Menurunnya prevalensi stunting dan gizi buruk"
    assert app.selectbox(key=f"{keys.GOAL}_tetap").disabled, "the link's own sasaran cannot be widened"
    assert not app.sidebar.button, "no sidebar actions, no sign-out: nobody is signed in"
    assert not [b for b in app.get("popover")], "no Bagikan for a read-only link"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("views/rekap.py")
    with opened(small_db_path) as store, acting_as(Actor("kadis", Role.LEADER)):
        revoke_link(store, link_id)
    st.cache_resource.clear()
    again = as_account(small_db_path, monkeypatch, None)
    again.query_params[keys.SHARE_TOKEN] = token
    again.run()
    assert [e.value for e in again.error] == ["Tautan ini tidak berlaku lagi: sudah dicabut atau kedaluwarsa."]
    assert not again.get("plotly_chart") and not again.metric
    st.cache_resource.clear()


def test_unggah_opens_on_the_operators_quarter_and_stays_there_after_a_save_and_a_submission(
    small_db_path, monkeypatch
):
    from kinerja.collection.datafile import Period
    from kinerja.collection.upload import import_files
    from tests.bad_inputs import workbook

    p2p = as_account(small_db_path, monkeypatch, "operator.p2p").run()
    p2p.switch_page("views/unggah.py").run()
    assert p2p.selectbox(key=keys.UPLOAD_QUARTER).value == 2, "its TW II was returned: correct it first"
    operator = as_account(small_db_path, monkeypatch, "operator.kesmas").run()
    operator.switch_page("views/unggah.py").run()
    period = operator.selectbox(key=keys.UPLOAD_YEAR).value, operator.selectbox(key=keys.UPLOAD_QUARTER).value
    assert period == (2026, 3), "its TW II is submitted: TW III is the one to fill"
    content = workbook({"Data": [["Kode", "Realisasi"], ["IK01", 1]]})
    with opened(small_db_path) as store:  # the save and the submission, in another session
        ((_, saved),) = import_files(
            store, [("kesmas.xlsx", content)], Period(2026, 3, "KESMAS"), confirm_warnings=True
        )
        assert saved
    operator.run()
    assert operator.selectbox(key=keys.UPLOAD_QUARTER).value == 3, "a save does not move it"
    with opened(small_db_path) as store:
        review.submit(store, "KESMAS", 2026, 3)
    operator.switch_page("views/verifikasi.py").run()
    operator.switch_page("views/unggah.py").run()
    assert operator.selectbox(key=keys.UPLOAD_QUARTER).value == 3, "nor does the submission, nor a page switch"
    operator.selectbox(key=keys.UPLOAD_QUARTER).set_value(4).run()
    operator.run()
    assert operator.selectbox(key=keys.UPLOAD_QUARTER).value == 4, "the quarter chosen stays"
    st.cache_resource.clear()
