"""The Perencanaan page (views/perencanaan.py) under AppTest."""


def test_perencanaan_shows_and_saves_the_plan(app, small_db_path):
    app.switch_page("views/perencanaan.py").run()
    assert not app.exception
    assert app.selectbox(key="rencana_tahun").value == 2026
    app.button(key="simpan_rencana").click().run()
    assert not app.exception
    assert any("Tidak ada perubahan" in s.value for s in app.success), "an unchanged plan saves nothing"


def test_perencanaan_offers_the_template(app):
    app.switch_page("views/perencanaan.py").run()
    downloads = app.get("download_button")
    assert downloads and "Unduh templat" in downloads[0].proto.label
