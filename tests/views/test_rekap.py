"""The Rekap page (views/rekap.py) under AppTest."""

from tests.pages import reported


def test_rekap_shows_completeness_and_offers_excel(app, small_db_path):
    app.switch_page("views/rekap.py").run()
    assert not app.exception
    assert app.metric[0].value == f"{reported(small_db_path, 2026, 2)} (100,0%)", "the demo's TW II is complete"
    assert len(app.dataframe) == 3
    assert app.get("download_button")[0].proto.label == "Unduh rekap (Excel)"
