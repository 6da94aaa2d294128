"""Attacks a deployment must withstand: crafted query parameters and pages, user text as Markdown or
a formula, file names that point elsewhere, secrets in logs and tables, and the server's settings."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import subprocess
import tomllib
import zipfile

import pandas as pd
import pytest
import streamlit as st

from kinerja.access.accounts import sign_in, start_session
from kinerja.access.roles import Actor, Role, acting_as
from kinerja.access.sharing import create_link
from kinerja.collection.datafile import Period
from kinerja.collection.upload import import_files
from kinerja.reporting.archive import period_archive
from kinerja.storage.store import PROJECT_ROOT, Store
from kinerja.workbook.screening import MAX_FILE_BYTES
from kinerja.workbook.writing import csv_bytes
from tests.bad_inputs import workbook
from tests.pages import as_account
from ui import keys

PASSWORD = "sukamaju2026"  # the demo accounts' documented password


def test_a_unit_link_shows_that_unit_whatever_the_query_parameters_say(demo_db_path, monkeypatch):
    store = Store(demo_db_path)
    with acting_as(Actor("kadis", Role.LEADER)):
        token = create_link(store, "Rapat P2P", 2026, 2, unit="P2P", expires_on=dt.date.today() + dt.timedelta(1))
    store.close()
    app = as_account(demo_db_path, monkeypatch, None)
    app.query_params[keys.SHARE_TOKEN] = token
    app.query_params[keys.UNIT] = "KESMAS"  # another unit,
    app.query_params[keys.YEAR] = "2025"  # another year,
    app.query_params[keys.QUARTER] = "TW IV"  # another quarter
    app.query_params["indikator"] = "IK01"  # and KESMAS's indicator, asked for by hand
    app.run()
    assert not app.exception
    fixed = app.selectbox(key=f"{keys.UNIT}_tetap")
    assert fixed.value == "P2P" and fixed.disabled
    specs = " ".join(c.proto.spec for c in app.get("plotly_chart"))
    assert "s.d. TW II 2026" in specs and "s.d. TW IV 2025" not in specs
    assert "IK01" not in specs and "Jumlah kematian ibu" not in specs
    assert not [h for h in app.subheader if "IK01" in h.value], "no detail of another unit's indicator"
    for page in ("unggah", "rekap", "audit", "akun", "laporan"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            app.switch_page(f"views/{page}.py")
    st.cache_resource.clear()


def test_a_forged_or_unknown_link_shows_nothing(demo_db_path, monkeypatch):
    app = as_account(demo_db_path, monkeypatch, None)
    app.query_params[keys.SHARE_TOKEN] = "A" * 32
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] == ["Tautan ini tidak berlaku lagi: sudah dicabut atau kedaluwarsa."]
    assert not app.get("plotly_chart") and not app.metric
    st.cache_resource.clear()


def test_an_operator_sees_only_its_units_raw_submissions(demo_db_path, monkeypatch):
    app = as_account(demo_db_path, monkeypatch, "operator.p2p").run()
    app.switch_page("views/unggah.py").run()
    app.selectbox(key=keys.UPLOAD_QUARTER).set_value(2).run()
    history = next(d.value for d in app.dataframe if "Unit" in d.value.columns and "Versi" in d.value.columns)
    assert set(history["Unit"]) == {"P2P"}
    app.switch_page("views/laporan.py").run()
    assert not app.exception
    assert not [b for b in app.button if "arsip" in b.label.lower()], "the archive holds every unit's originals"
    admin = as_account(demo_db_path, monkeypatch, "admin.demo").run()
    admin.switch_page("views/unggah.py").run()
    admin.selectbox(key=keys.UPLOAD_QUARTER).set_value(2).run()
    history = next(d.value for d in admin.dataframe if "Unit" in d.value.columns and "Versi" in d.value.columns)
    assert {"P2P", "KESMAS"} <= set(history["Unit"])
    admin.switch_page("views/laporan.py").run()
    assert [b for b in admin.button if "arsip" in b.label.lower()]
    st.cache_resource.clear()


def test_user_text_is_shown_as_written_never_as_markdown_or_html(demo_db_path, monkeypatch):
    note = "![lacak](http://pelacak.invalid/p.png) <b>tebal</b> [klik](javascript:alert(1)) **penting**"
    store = Store(demo_db_path)
    content = workbook({"Data": [["Kode", "Realisasi", "Faktor Penghambat"], ["IK10", 6, note]]})
    ((data, saved),) = import_files(store, [("p2p.xlsx", content)], Period(2026, 3, "P2P"), confirm_warnings=True)
    assert saved, data.problems  # free text is accepted as written ...
    store.close()
    app = as_account(demo_db_path, monkeypatch, "admin.demo")
    app.query_params.update({keys.YEAR: "2026", keys.QUARTER: "TW III", "indikator": "IK10"})
    app.run()
    app.switch_page("views/dasbor.py").run()
    assert not app.exception
    shown = [m.value for m in app.markdown if "Faktor penghambat" in m.value]
    assert shown, [m.value for m in app.markdown]
    assert "![lacak](" not in shown[0] and "[klik](" not in shown[0] and "**penting**" not in shown[0]
    assert r"\!\[lacak\]" in shown[0] and r"\<b\>" in shown[0], "... and shown as text"
    st.cache_resource.clear()


def test_a_javascript_evidence_link_is_refused(demo_store):
    content = workbook({"Data": [["Kode", "Realisasi", "Bukti Dukung"], ["IK10", 6, "javascript:alert(1)"]]})
    ((data, saved),) = import_files(demo_store, [("p2p.xlsx", content)], Period(2026, 3, "P2P"), confirm_warnings=True)
    assert saved is None
    assert [(p.row, p.column) for p in data.errors] == [(2, "C (Bukti Dukung)")]


def test_a_file_name_cannot_point_into_another_folder(demo_store):
    content = workbook({"Data": [["Kode", "Realisasi", "Faktor Penghambat"], ["IK10", 6, "x"]]})
    for crafted in ("../../../etc/cron.d/kinerja.xlsx", "..\\..\\Windows\\kinerja.xlsx"):
        ((data, _saved),) = import_files(
            demo_store, [(crafted, content)], Period(2026, 3, "P2P"), confirm_warnings=True
        )
        assert data.file_name == "kinerja.xlsx"
    names = {n for (n,) in demo_store.rows("SELECT file_name FROM stored_file")}
    assert "kinerja.xlsx" in names and not [n for n in names if "/" in n or "\\" in n]
    archive = zipfile.ZipFile(io.BytesIO(period_archive(demo_store, 2026, 3, cache_dir=None)))
    folder = archive.namelist()[0].split("/")[0]
    for name in archive.namelist():
        assert name.startswith(f"{folder}/") and ".." not in name.split("/") and "\\" not in name


def test_text_that_excel_takes_for_a_formula_stays_text_in_csv():
    frame = pd.DataFrame(
        {"Berkas": ['=HYPERLINK("http://x.invalid","klik")', "+62812", "@SUM(1)", "biasa"], "n": [1, 2, 3, 4]}
    )
    text = csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+62812" in text and "'@SUM(1)" in text and "\nbiasa," in text


def test_passwords_and_session_tokens_are_never_stored_or_logged(demo_store, caplog):
    caplog.set_level(logging.DEBUG)
    sign_in(demo_store, "kadis", PASSWORD, dt.datetime.now())
    token = start_session(demo_store, "kadis")
    for table, column in demo_store.rows(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' AND schema_name = 'main'"
    ):
        found = demo_store.scalar(
            f'SELECT count(*) FROM "{table}" WHERE "{column}" LIKE ? OR "{column}" LIKE ?',
            [f"%{PASSWORD}%", f"%{token}%"],
        )
        assert found == 0, f"{table}.{column} holds a secret"
    assert PASSWORD not in caplog.text and token not in caplog.text


def test_the_repository_holds_no_secrets():
    tracked = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout
    files = tracked.split()
    assert ".streamlit/secrets.toml" not in files
    assert ".streamlit/secrets.toml" in (PROJECT_ROOT / ".gitignore").read_text()
    secret = re.compile(
        r"-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|(client_secret|cookie_secret)\s*=\s*[\"'][^\"']{8,}"
    )
    for name in files:
        path = PROJECT_ROOT / name
        if path.suffix in {".py", ".toml", ".md", ".txt", ".sql", ".cfg", ".ini", ".yml", ".yaml", ".json", ""}:
            assert not secret.search(path.read_text(errors="replace")), f"{name} looks like it holds a secret"


def test_the_server_is_configured_as_a_deployment_wants():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    server, client = config["server"], config["client"]
    assert server["maxUploadSize"] * 1024 * 1024 == MAX_FILE_BYTES
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True
    assert server["enableStaticServing"] is False
    assert client["showErrorDetails"] == "none", "no tracebacks in users' browsers"
    assert config["browser"]["gatherUsageStats"] is False
