"""The LKE's columns each answered by the role they belong to (the office, Bappeda, Bagian
Organisasi, the Inspektorat), through the function, the command line and the page; every answer
kept with who, when, old → new and reason, and the audit trail saying it in words."""

import datetime as dt
import subprocess
import sys

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kinerja.access.accounts import start_session
from kinerja.access.roles import Actor, Forbidden, Role, acting_as
from kinerja.domain.problems import InputRejected
from kinerja.evaluation.assessment import answer_history, assess, save_answer
from kinerja.evaluation.rules import known_rules
from kinerja.evaluation.worksheet import worksheet_for
from kinerja.reporting.audit_trail import AuditFilter, audit_entries
from kinerja.storage.store import PROJECT_ROOT
from tests.conftest import opened
from ui import keys

TODAY = dt.date(2026, 12, 1)
OFFICE = Actor("admin.demo", Role.ADMIN)
BAPPEDA = Actor("verifikator.bappeda", Role.BAPPEDA)
ORGANISASI = Actor("verifikator.organisasi", Role.ORGANISATION)
INSPEKTORAT = Actor("inspektur", Role.INSPECTORATE)
LEADER = Actor("kadis", Role.LEADER)

# (who, criterion, column, may): A and B are verified by Bappeda, C by Bagian Organisasi, D by the Inspektorat
WHO_WRITES = [
    (OFFICE, "A.2.1", "mandiri", True),
    (OFFICE, "A.2.1", "verifikasi", False),
    (OFFICE, "A.2.1", "final", False),
    (BAPPEDA, "A.2.1", "verifikasi", True),
    (BAPPEDA, "C.1.3", "verifikasi", False),
    (BAPPEDA, "A.2.1", "mandiri", False),
    (BAPPEDA, "A.2.1", "penjaminan", False),
    (ORGANISASI, "C.1.3", "verifikasi", True),
    (ORGANISASI, "A.2.1", "verifikasi", False),
    (INSPEKTORAT, "A.2.1", "penjaminan", True),
    (INSPEKTORAT, "A.2.1", "final", True),
    (INSPEKTORAT, "D.1.1", "verifikasi", True),
    (INSPEKTORAT, "A.2.1", "verifikasi", False),
    (INSPEKTORAT, "A.2.1", "mandiri", False),
    (LEADER, "A.2.1", "mandiri", False),
]


@pytest.mark.parametrize(("actor", "criterion", "stage", "may"), WHO_WRITES, ids=lambda v: getattr(v, "name", v))
def test_each_column_is_written_only_by_the_role_it_belongs_to(demo_store, actor, criterion, stage, may):
    letter = worksheet_for(demo_store, 2025, known_rules()).scales[
        worksheet_for(demo_store, 2025, known_rules()).criterion(criterion).scale
    ]
    answer = next(iter(letter))
    with acting_as(actor):
        if may:
            save_answer(demo_store, 2025, criterion, stage, answer, today=TODAY)
        else:
            with pytest.raises(Forbidden, match=f"tidak berwenang mengisi kolom .* kriteria {criterion}"):
                save_answer(demo_store, 2025, criterion, stage, answer, today=TODAY)
    stored = demo_store.scalar(
        "SELECT answer FROM lke_answer WHERE year = 2025 AND criterion = ? AND stage = ?", [criterion, stage]
    )
    assert stored == (answer if may else None)


def test_every_answer_is_kept_with_who_when_old_new_and_reason_and_said_in_the_audit_trail(demo_store):
    with acting_as(OFFICE):
        save_answer(demo_store, 2025, "A.2.8", "mandiri", "C", reason="Pohon kinerja di berkas PDF", today=TODAY)
        save_answer(demo_store, 2025, "A.2.8", "mandiri", "B", reason="PDF kedua ditemukan", today=TODAY)
    with acting_as(INSPEKTORAT):
        save_answer(demo_store, 2025, "A.2.8", "final", "D", note="Pohon tidak selaras dengan Renstra", today=TODAY)
    history = answer_history(demo_store, 2025, "A.2.8")
    assert list(history["Jawaban"]) == ["– → D", "C → B", "E (dihitung) → C"]  # newest first
    assert list(history["Kolom"]) == ["Penilaian Final (Inspektorat)"] + ["Penilaian Mandiri (OPD)"] * 2
    assert list(history["Alasan"]) == [None, "PDF kedua ditemukan", "Pohon kinerja di berkas PDF"]
    assert history["Catatan"].iloc[0] == "Pohon tidak selaras dengan Renstra"
    assert history["Oleh"].iloc[0] == "Auditor Inspektorat (inspektur)"
    assert history["Oleh"].iloc[2] == "Admin Demo (JF Perencana) (admin.demo)"
    assert all(t.endswith(" WIB") for t in history["Waktu"])
    trail = audit_entries(demo_store, AuditFilter(action="lke.jawab"))
    assert trail["Tindakan"].iloc[-1] == "Jawaban LKE 2025 kriteria A.2.8, kolom Penilaian Mandiri (OPD), disimpan"
    assert (
        trail["Perubahan"].iloc[-1] == "Alasan: kosong → Pohon kinerja di berkas PDF; Jawaban: E (dihitung Kinerja) → C"
    )
    assert trail["Oleh"].iloc[0] == "Auditor Inspektorat (inspektur)"


def test_a_refused_answer_leaves_answers_and_history_as_they_were(demo_store):
    with acting_as(OFFICE), pytest.raises(InputRejected, match="tuliskan alasan"):
        save_answer(demo_store, 2025, "B.2.4", "mandiri", "A", today=TODAY)
    with acting_as(BAPPEDA), pytest.raises(Forbidden):
        save_answer(demo_store, 2025, "B.2.4", "final", "A", today=TODAY)
    assert demo_store.scalar("SELECT count(*) FROM lke_answer") == 0
    assert demo_store.scalar("SELECT count(*) FROM lke_answer_change") == 0
    assert assess(demo_store, 2025, TODAY).criteria.set_index("kode").loc["B.2.4", "sumber"] == "dihitung"


def test_the_command_answers_a_column_as_the_account_named_and_refuses_the_wrong_one(demo_db_path):
    run = [sys.executable, "-m", "kinerja", "--db", str(demo_db_path), "lke", "--year", "2025"]
    verified = subprocess.run([*run, "--answer", "A.2.1=y", "--stage", "verifikasi", "--as", "verifikator.bappeda",
                               "--note", "SK Renstra ada"], capture_output=True, text=True, timeout=180)  # fmt: skip
    assert verified.returncode == 0, verified.stderr
    assert "Jawaban A.2.1 kolom verifikasi disimpan." in verified.stderr
    refused = subprocess.run([*run, "--answer", "A.2.1=T", "--stage", "final", "--as", "verifikator.bappeda"],
                             capture_output=True, text=True, timeout=180)  # fmt: skip
    assert refused.returncode == 2
    assert (
        "verifikator.bappeda (Verifikator LKE (Bappeda)) tidak berwenang mengisi kolom Penilaian Final"
        in refused.stderr
    )
    office = subprocess.run([*run, "--answer", "A.2.1=T", "--stage", "final"], capture_output=True, text=True,
                            timeout=180)  # fmt: skip
    assert office.returncode == 2 and "diisi Inspektorat" in office.stderr
    bad = subprocess.run([*run, "--answer", "A.2.1"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "KODE=JAWABAN" in bad.stderr
    with opened(demo_db_path) as store:
        assert store.rows("SELECT stage, answer, note, answered_by FROM lke_answer") == [
            ("verifikasi", "Y", "SK Renstra ada", "verifikator.bappeda")
        ]


def _as(demo_db_path, monkeypatch, name: str) -> AppTest:
    monkeypatch.setenv("KINERJA_DB", str(demo_db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    with opened(demo_db_path) as store:
        app.session_state[keys.SESSION_TOKEN] = start_session(store, name)
    app.query_params["tahun"] = "2025"
    app.run()
    return app.switch_page("views/lke.py").run()


def test_on_the_page_the_inspektorat_is_offered_its_columns_only_and_its_answer_shows_in_the_history(
    demo_db_path, monkeypatch
):
    app = _as(demo_db_path, monkeypatch, "inspektur")
    assert not app.exception, app.exception
    assert app.selectbox(key="tahap_A.2.1").options == [
        "Penjaminan Kualitas (Inspektorat)",
        "Penilaian Final (Inspektorat)",
    ]
    assert app.selectbox(key="tahap_D.1.1").options[0] == "Verifikasi (Bappeda; Bag. Organisasi)"
    assert not [u for u in app.get("file_uploader") if "berkas_" in str(u.key)], "evidence is the office's"
    app.selectbox(key="tahap_A.2.1").set_value("final")
    app.selectbox(key="jawaban_A.2.1").set_value("T")
    app.text_input(key="catatan_A.2.1").set_value("SK Renstra belum ditandatangani")
    next(b for b in app.button if b.label == "Simpan" and "A.2.1" in str(b.form_id)).click().run()
    assert not app.exception and not app.error
    shown = next(t.value for t in app.table if "Kolom" in t.value.columns)  # the one criterion answered
    assert list(shown["Jawaban"]) == ["– → T"] and shown["Oleh"].iloc[0] == "Auditor Inspektorat (inspektur)"
    st.cache_resource.clear()


def test_on_the_page_a_verifier_of_bappeda_sees_no_form_for_a_component_it_does_not_verify(demo_db_path, monkeypatch):
    app = _as(demo_db_path, monkeypatch, "verifikator.bappeda")
    assert not app.exception, app.exception
    assert app.selectbox(key="tahap_A.2.1").options == ["Verifikasi (Bappeda; Bag. Organisasi)"]
    assert "tahap_C.1.3" not in [s.key for s in app.selectbox]
    st.cache_resource.clear()
