"""The Dasbor (views/dasbor.py) under AppTest."""

from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store
from tests.pages import reported


def test_dasbor_reproduces_a_shared_view_from_its_link(app, small_db_path):
    app.switch_page("views/dasbor.py")
    app.query_params["tahun"] = "2026"
    app.query_params["tw"] = "TW I"
    app.query_params["sasaran"] = "Menurunnya prevalensi stunting dan gizi buruk"
    app.query_params["indikator"] = "IK05"
    app.run()
    assert not app.exception
    assert app.selectbox(key="sasaran").value == "Menurunnya prevalensi stunting dan gizi buruk"
    assert app.metric[2].value == reported(small_db_path, 2026, 1, "Menurunnya prevalensi stunting dan gizi buruk")
    assert "s.d. TW I 2026" in app.get("plotly_chart")[0].proto.spec
    assert app.subheader[0].value == "IK05 · Prevalensi stunting pada balita"
    assert any("Capaian = (2T − R) / T × 100" in m.value for m in app.markdown)


def test_a_dasbor_link_keeps_its_period_in_the_address_also_when_it_is_the_opening_one(app):
    """Streamlit drops a bound parameter equal to the widget's default: the period is not bound."""
    app.switch_page("views/dasbor.py")
    app.query_params.update({"tahun": "2026", "tw": "TW II", "indikator": "IK05"})
    app.run()
    assert not app.exception
    assert app.query_params == {"tahun": "2026", "tw": "TW II", "indikator": "IK05"}
    assert app.subheader[0].value == "IK05 · Prevalensi stunting pada balita"


def test_dasbor_without_a_period_in_the_link_opens_the_default_and_then_carries_it(app):
    app.switch_page("views/dasbor.py").run()
    assert not app.exception
    assert (app.query_params["tahun"], app.query_params["tw"]) == ("2026", "TW II")
    assert "Menampilkan TW II 2026: triwulan terakhir yang sudah diajukan sebagian besar unit (4 dari 5)." in [
        c.value for c in app.caption
    ]


def test_dasbor_meeting_mode_hides_the_controls(app):
    app.switch_page("views/dasbor.py")
    app.query_params["rapat"] = "1"
    app.run()
    assert not app.exception
    assert not app.sidebar.button, "no sidebar actions in meeting mode"
    assert not app.get("plotly_chart"), "the first screen is the summary: are we on track, what is at risk"
    assert app.metric[0].label == "Skor capaian TW II 2026"
    assert any("indikator berdata (100%) · layar 1 dari" in m.value for m in app.markdown)


def test_dasbor_meeting_mode_goes_screen_by_screen_one_chart_each(app):
    """Berikutnya (or →) shows the next screen, one chart with the period and completeness; it goes round."""
    app.switch_page("views/dasbor.py")
    app.query_params["rapat"] = "1"
    app.run()
    count = int(next(m.value for m in app.markdown if "layar 1 dari" in m.value).rsplit(" ", 1)[1])
    keys_seen = []
    for screen in range(2, count + 1):
        next(b for b in app.button if b.label == "Berikutnya").click().run()
        assert not app.exception
        charts = app.get("plotly_chart")
        assert len(charts) == 1, f"screen {screen}: one chart"
        keys_seen.append(charts[0].proto.id)
        assert any(f"layar {screen} dari {count}" in m.value for m in app.markdown)
        assert any(m.value.endswith("· TW II 2026") for m in app.markdown), "the period on every screen"
    assert len(set(keys_seen)) == count - 1
    next(b for b in app.button if b.label == "Berikutnya").click().run()
    assert any("layar 1 dari" in m.value for m in app.markdown), "after the last, the first again"
    next(b for b in app.button if b.label == "Sebelumnya").click().run()
    assert any(f"layar {count} dari {count}" in m.value for m in app.markdown)


def test_dasbor_shows_new_data_on_the_next_rerun(app, small_db_path):
    from kinerja.collection.realization import RealizationRow, add_submission
    from ui.resources import get_store

    app.switch_page("views/dasbor.py")
    app.query_params["tw"] = "TW III"
    app.run()
    before = reported(small_db_path, 2026, 3)
    assert app.metric[2].value == before
    with get_store().write() as w:  # an upload in another session, through the same store
        add_submission(w, "SEK", 2026, 3, [RealizationRow("IK23", 0.0)], source="test")
    app.run()
    assert app.metric[2].value == reported(small_db_path, 2026, 3) != before


def test_dasbor_capped_charts_count_what_they_leave_out_so_the_totals_reconcile(app, monkeypatch):
    """The indicators and projections charts draw the lowest and highest few and say the others in
    words; with «Lihat semua» all are drawn and nothing is said hidden. The cap (15 lowest, 5 highest:
    20 of the demo's 23) is made 5 and 2 here, so the small office's 10 indicators are cut the same way."""
    import json

    from kinerja.reporting import screens

    monkeypatch.setattr(screens, "LOWEST", 5)
    monkeypatch.setattr(screens, "HIGHEST", 2)
    app.switch_page("views/dasbor.py")
    app.query_params.update({"tahun": "2026", "tw": "TW II"})
    app.run()
    assert not app.exception
    total = int(app.metric[2].value.split(" dari ")[1])
    assert total > 7
    specs = {c.proto.id: json.loads(c.proto.spec) for c in app.get("plotly_chart")}
    bars = {key: len(spec["data"][0]["y"]) for key, spec in specs.items() if spec["data"][0]["type"] == "bar"}
    drawn = [n for key, n in bars.items() if "grafik_indikator" in key or "grafik_proyeksi" in key]
    hidden = [c.value for c in app.caption if "indikator lainnya tidak digambar" in c.value]
    assert drawn == [7, 7] and len(hidden) == 2
    assert all(f"dari {total} indikator; {total - 7} indikator lainnya" in text for text in hidden)
    app.toggle(key="lihat_semua_grafik_indikator").set_value(True).run()
    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart") if "grafik_indikator" in c.proto.id]
    assert len(specs[0]["data"][0]["y"]) == total
    assert len([c for c in app.caption if "indikator lainnya tidak digambar" in c.value]) == 1


def test_dasbor_says_why_an_indicator_below_its_target_is_not_at_risk(app, small_db_path):
    """An indicator under its target to date whose projection reaches the threshold says so in its explanation."""
    from kinerja.reporting.dashboard import View, filtered, projections
    from kinerja.reporting.screens import below_target_not_at_risk

    store = Store(small_db_path)
    settings = load_settings(store, 2026)
    frame = filtered(store, View(2026, 2), settings)
    code = below_target_not_at_risk(projections(store, View(2026, 2), frame, settings), frame)["indicator_code"][0]
    store.close()
    app.switch_page("views/dasbor.py")
    app.query_params.update({"tahun": "2026", "tw": "TW II", "indikator": code})
    app.run()
    assert not app.exception
    reading = next(m.value for m in app.markdown if m.value.startswith("**Risiko akhir tahun:**"))
    assert (
        "Di bawah target s.d. TW II (capaian " in reading
        and "tetapi tidak berisiko: proyeksi skor akhir tahun" in reading
    )
