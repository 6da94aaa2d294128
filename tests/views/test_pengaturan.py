"""The Pengaturan page (views/pengaturan.py) under AppTest."""

import datetime as dt
import time

import streamlit as st

from kinerja.domain.period import year_in_progress
from kinerja.planning.stored import plan_frame
from kinerja.storage.settings import load_settings
from tests.conftest import opened


def test_pengaturan_changes_the_negative_formula_from_the_year_chosen(app, small_db_path):
    with opened(small_db_path) as store:
        planned = len(plan_frame(store, 2026))
    app.switch_page("views/pengaturan.py").run()
    assert app.selectbox(key="pengaturan_mulai_tahun").value == year_in_progress()
    app.selectbox(key="pengaturan_mulai_tahun").set_value(2027).run()
    app.radio(key="rumus_2027").set_value("T/R").run()
    app.button(key="simpan_pengaturan").click().run()
    assert not app.exception and not app.error
    st.cache_resource.clear()
    with opened(small_db_path) as store:
        assert store.rows("SELECT key, from_year, value FROM setting_from_year") == [("negative_formula", 2027, "T/R")]
        assert load_settings(store, 2026).negative_formula.value == "2T-R", "2026 keeps its formula"
        assert len(plan_frame(store, 2026)) == planned > 0, "a setting leaves the plan as it was"


def test_pengaturan_refuses_a_final_year_and_offers_its_unlock(app, small_db_path):
    app.switch_page("views/pengaturan.py").run()
    app.selectbox(key="pengaturan_mulai_tahun").set_value(2025).run()
    assert any("laporan tahunan (LKjIP) 2025 sudah final" in w.value for w in app.warning)
    app.radio(key="rumus_2025").set_value("T/R").run()
    app.button(key="simpan_pengaturan").click().run()
    assert not app.exception
    assert any("Pengaturan tahun 2025 tidak dapat diubah" in e.value for e in app.error)
    st.cache_resource.clear()
    with opened(small_db_path) as store:
        assert store.scalar("SELECT count(*) FROM setting_from_year") == 0, "nothing stored"


def test_pengaturan_takes_the_offices_word_template_and_refuses_a_bad_one(app, small_db_path):
    from tests.workbooks import office_template

    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    app.switch_page("views/pengaturan.py").run()
    uploader = next(u for u in app.get("file_uploader") if u.proto.label == "Unggah templat (.docx)")
    uploader.upload("kop-salah.docx", office_template(" {{ nama_bupati }}"), docx).run()
    app.button(key="pakai_templat").click().run()
    assert not app.exception
    assert "penanda tidak dikenal {{ nama_bupati }}" in app.error[0].value
    uploader = next(u for u in app.get("file_uploader") if u.proto.label == "Unggah templat (.docx)")
    uploader.upload("kop-dinkes.docx", office_template(), docx).run()
    app.button(key="pakai_templat").click().run()
    assert "Templat kop-dinkes.docx dipakai untuk semua laporan." in [s.value for s in app.success]
    assert any("Templat aktif: **kop-dinkes.docx**" in m.value for m in app.markdown)


def test_pengaturan_makes_a_backup_and_offers_it(app, small_db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_BACKUP_DIR", str(tmp_path / "cadangan"))
    app.switch_page("views/pengaturan.py").run()
    app.button(key="buat_cadangan").click().run()
    assert not app.exception
    made = [p for p in (tmp_path / "cadangan").iterdir() if len(p.name) > len("kinerja-2026-11-25")]
    assert len(made) == 1 and (made[0] / "manifest.json").exists()
    assert app.dataframe[-1].value["Cadangan"].tolist()[0] == made[0].name
    assert app.get("download_button")[-1].proto.label == f"Unduh {made[0].name} (zip)"
    daily = tmp_path / "cadangan" / f"kinerja-{dt.date.today().isoformat()}"
    for _ in range(100):  # the server's own daily backup, made in the background once it starts
        if (daily / "manifest.json").exists():
            break
        time.sleep(0.1)
    assert (daily / "manifest.json").exists()
