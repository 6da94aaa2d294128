"""The Panduan page (views/panduan.py) under AppTest."""


def test_panduan_maps_the_sop(app):
    app.switch_page("views/panduan.py").run()
    assert not app.exception
    assert app.title[0].value == "Panduan"
    steps = app.dataframe[0].value
    assert list(steps["Langkah"]) == list(range(1, 10))
    assert "(2T − R) / T × 100" in app.markdown[1].value
