"""The Laporan page (views/laporan.py) under AppTest."""


def test_laporan_builds_the_quarterly_report_for_download(app):
    app.switch_page("views/laporan.py").run()
    assert not app.exception
    assert app.title[0].value == "Laporan"
    app.button(key="susun_word").click().run()
    assert not app.exception
    download = app.get("download_button")[0]
    assert download.proto.label == "Unduh laporan-kinerja-2026-tw2.docx"


def test_laporan_offers_the_manual_iku_with_its_findings_and_the_rhk_matrix(app):
    app.switch_page("views/laporan.py").run()
    app.segmented_control(key="jenis_laporan").set_value("manual-iku").run()
    assert not app.exception
    assert any("temuan" in w.value for w in app.warning)
    app.button(key="susun_word").click().run()
    assert app.get("download_button")[0].proto.label == "Unduh manual-iku-2026.docx"
    app.segmented_control(key="jenis_laporan").set_value("rhk").run()
    app.button[[b.label for b in app.button].index("Susun tabel (Excel)")].click().run()
    assert not app.exception
    assert app.get("download_button")[0].proto.label == "Unduh matriks-peran-hasil-2026.xlsx"
