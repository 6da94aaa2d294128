"""The Beranda (views/beranda.py) under AppTest."""

import streamlit as st

from tests.pages import empty_app, reported


def test_beranda_shows_the_year_by_sasaran(app, small_db_path):
    app.run()
    assert not app.exception
    assert app.title[0].value == "Capaian Kinerja"
    assert app.selectbox(key="tahun").value == 2026
    assert app.selectbox(key="tw").value == 2, "the latest quarter with data"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Indikator berdata"] == reported(small_db_path, 2026, 2)
    assert metrics["Skor capaian keseluruhan"].endswith("%") and "," in metrics["Skor capaian keseluruhan"]
    charts = app.get("plotly_chart")
    assert len(charts) == 2
    assert "Capaian per sasaran s.d. TW II 2026" in charts[0].proto.spec
    assert any("data demo" in w.value for w in app.sidebar.warning)


def test_beranda_follows_the_query_parameters(app):
    app.query_params["tahun"] = "2025"
    app.query_params["tw"] = "TW III"  # the link's form: the quarter as people write it
    app.run()
    assert (app.selectbox(key="tahun").value, app.selectbox(key="tw").value) == (2025, 3)
    assert "s.d. TW III 2025" in app.get("plotly_chart")[0].proto.spec


def test_beranda_without_a_plan_points_to_perencanaan(tmp_path, monkeypatch):
    app = empty_app(tmp_path, monkeypatch).run()
    assert not app.exception
    assert "Belum ada rencana kinerja" in app.info[0].value
    st.cache_resource.clear()
