"""Each page under AppTest, against a copy of the demo database."""

import datetime as dt
import time

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kinerja.access.accounts import NewAccount, add_account, start_session
from kinerja.access.roles import Role
from kinerja.domain.period import year_in_progress
from kinerja.domain.recap import recap
from kinerja.planning.stored import plan_frame
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store
from tests.conftest import opened
from tests.pages import APP
from ui.keys import SESSION_TOKEN


def reported(db_path, year: int, quarter: int, sasaran: str | None = None) -> str:
    """'N dari M': the indicators with a realisation to date, as the library's recap counts them."""
    with opened(db_path) as store:
        frame = recap(store, year, quarter)
    if sasaran:
        frame = frame[frame["goal"] == sasaran]
    return f"{int(frame['realization_to_date'].notna().sum())} dari {len(frame)}"


@pytest.fixture
def app(demo_db_path, monkeypatch):
    """The app's router over a private demo database, with caches from other tests cleared."""
    monkeypatch.setenv("KINERJA_DB", str(demo_db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield AppTest.from_file(APP, default_timeout=60)
    st.cache_resource.clear()


def test_beranda_shows_the_year_by_sasaran(app, demo_db_path):
    app.run()
    assert not app.exception
    assert app.title[0].value == "Capaian Kinerja"
    assert app.selectbox(key="tahun").value == 2026
    assert app.selectbox(key="tw").value == 2, "the latest quarter with data"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Indikator berdata"] == reported(demo_db_path, 2026, 2)
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


def empty_app(tmp_path, monkeypatch) -> AppTest:
    """The app over an empty database with one admin account, signed in."""
    path = tmp_path / "kosong.duckdb"
    store = Store(path)
    add_account(store, NewAccount("admin.uji", Role.ADMIN, "rahasia-uji-1"))
    token = start_session(store, "admin.uji")
    store.close()
    monkeypatch.setenv("KINERJA_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=60)
    app.session_state[SESSION_TOKEN] = token
    return app


@pytest.mark.parametrize(
    "page",
    [
        "views/beranda.py",
        "views/dasbor.py",
        "views/perencanaan.py",
        "views/unggah.py",
        "views/verifikasi.py",
        "views/rekap.py",
        "views/proses.py",
        "views/pengaturan.py",
        "views/akun.py",
        "views/audit.py",
        "views/panduan.py",
    ],
)
def test_every_page_opens_on_an_empty_database(tmp_path, monkeypatch, page):
    app = empty_app(tmp_path, monkeypatch).run()
    app.switch_page(page).run()
    assert not app.exception, page
    assert not app.error, page
    st.cache_resource.clear()


def test_beranda_without_a_plan_points_to_perencanaan(tmp_path, monkeypatch):
    app = empty_app(tmp_path, monkeypatch).run()
    assert not app.exception
    assert "Belum ada rencana kinerja" in app.info[0].value
    st.cache_resource.clear()


def test_perencanaan_shows_and_saves_the_plan(app, demo_db_path):
    app.switch_page("views/perencanaan.py").run()
    assert not app.exception
    assert app.selectbox(key="rencana_tahun").value == 2026
    app.button(key="simpan_rencana").click().run()
    assert not app.exception
    assert any("Tidak ada perubahan" in s.value for s in app.success), "an unchanged plan saves nothing"


def test_pengaturan_changes_the_negative_formula_from_the_year_chosen(app, demo_db_path):
    with opened(demo_db_path) as store:
        planned = len(plan_frame(store, 2026))
    app.switch_page("views/pengaturan.py").run()
    assert app.selectbox(key="pengaturan_mulai_tahun").value == year_in_progress()
    app.selectbox(key="pengaturan_mulai_tahun").set_value(2027).run()
    app.radio(key="rumus_2027").set_value("T/R").run()
    app.button(key="simpan_pengaturan").click().run()
    assert not app.exception and not app.error
    st.cache_resource.clear()
    with opened(demo_db_path) as store:
        assert store.rows("SELECT key, from_year, value FROM setting_from_year") == [("negative_formula", 2027, "T/R")]
        assert load_settings(store, 2026).negative_formula.value == "2T-R", "2026 keeps its formula"
        assert len(plan_frame(store, 2026)) == planned > 0, "a setting leaves the plan as it was"


def test_pengaturan_refuses_a_final_year_and_offers_its_unlock(app, demo_db_path):
    app.switch_page("views/pengaturan.py").run()
    app.selectbox(key="pengaturan_mulai_tahun").set_value(2025).run()
    assert any("laporan tahunan (LKjIP) 2025 sudah final" in w.value for w in app.warning)
    app.radio(key="rumus_2025").set_value("T/R").run()
    app.button(key="simpan_pengaturan").click().run()
    assert not app.exception
    assert any("Pengaturan tahun 2025 tidak dapat diubah" in e.value for e in app.error)
    st.cache_resource.clear()
    with opened(demo_db_path) as store:
        assert store.scalar("SELECT count(*) FROM setting_from_year") == 0, "nothing stored"


def test_perencanaan_offers_the_template(app):
    app.switch_page("views/perencanaan.py").run()
    downloads = app.get("download_button")
    assert downloads and "Unduh templat" in downloads[0].proto.label


def test_panduan_maps_the_sop(app):
    app.switch_page("views/panduan.py").run()
    assert not app.exception
    assert app.title[0].value == "Panduan"
    steps = app.dataframe[0].value
    assert list(steps["Langkah"]) == list(range(1, 10))
    assert "(2T − R) / T × 100" in app.markdown[1].value


def test_demo_can_be_removed_from_the_sidebar(app):
    app.run()
    app.sidebar.button(key="hapus_demo").click().run()
    app.sidebar.button(key="konfirmasi_hapus_demo").click().run()
    assert not app.exception
    assert "Data demo telah dihapus" in app.info[0].value, "signed out: the demo admin went with the demo"
    assert app.title[0].value == "Kinerja" and app.subheader[0].value == "Buat akun admin pertama"
    assert not app.sidebar.warning


def _p2p_template(demo_db_path, values):
    from kinerja.collection.template import unit_template
    from tests.workbooks import fill_template

    with opened(demo_db_path) as store:
        content = fill_template(unit_template(store, "P2P", 2026, 3), values)
    st.cache_resource.clear()
    return content


def _save_button(app):
    return app.button(key=next(b.key for b in app.button if b.key.startswith("simpan_")))


def test_unggah_refuses_a_file_with_errors(app, demo_db_path):
    content = _p2p_template(demo_db_path, {"IK10": {"Realisasi TW III": 7}, "IK12": {"Realisasi TW III": "abc"}})
    app.switch_page("views/unggah.py").run()
    app.get("file_uploader")[0].upload("p2p.xlsx", content, "application/vnd.ms-excel").run()
    assert not app.exception
    assert "1 galat" in app.error[0].value
    assert "p2p.xlsx" in app.subheader[0].value
    assert _save_button(app).disabled


def test_unggah_saves_after_warnings_are_confirmed(app, demo_db_path):
    far_above = {"Realisasi TW III": 30, "Faktor Penghambat": "KLB di dua kecamatan"}  # target 8
    content = _p2p_template(demo_db_path, {"IK10": far_above, "IK12": {"Realisasi TW III": 0}})
    app.switch_page("views/unggah.py").run()
    app.get("file_uploader")[0].upload("p2p.xlsx", content, "application/vnd.ms-excel").run()
    assert "peringatan" in app.main.warning[0].value
    assert _save_button(app).disabled, "warnings must be confirmed first"
    app.checkbox[0].check().run()
    _save_button(app).click().run()
    assert not app.exception
    assert "p2p.xlsx disimpan: P2P TW III 2026 versi 1 (2 baris: 2 angka baru, 0 diubah)" in app.success[0].value, (
        "the count agrees with the list of changes shown before saving (2 new figures)"
    )
    with opened(demo_db_path) as store:
        assert store.scalar("SELECT count(*) FROM submission WHERE year = 2026 AND quarter = 3") == 1
        who = store.scalar("SELECT created_by FROM submission WHERE year = 2026 AND quarter = 3")
        assert who == "admin.demo", "the version names the signed-in account (Riwayat versi, archive, audit)"


def test_rekap_shows_completeness_and_offers_excel(app, demo_db_path):
    app.switch_page("views/rekap.py").run()
    assert not app.exception
    assert app.metric[0].value == f"{reported(demo_db_path, 2026, 2)} (100,0%)", "the demo's TW II is complete"
    assert len(app.dataframe) == 3
    assert app.get("download_button")[0].proto.label == "Unduh rekap (Excel)"


def _mapping_editor(app):
    """The 'Tentukan kolom' table of the one file on the page."""
    return next(d for d in app.data_editor if d.key and d.key.startswith("petakan_"))


def _click(app, prefix: str):
    app.button(key=next(b.key for b in app.button if b.key and b.key.startswith(prefix))).click().run()
    assert not app.exception


def test_unggah_asks_to_map_columns_and_names_and_remembers_them(app, demo_db_path):
    from tests.workbooks import own_sheet

    app.switch_page("views/unggah.py").run()
    app.selectbox(key="unggah_unit").set_value("YANKES").run()
    app.get("file_uploader")[0].upload("yankes.xlsx", own_sheet(), "application/vnd.ms-excel").run()
    assert not app.exception
    assert [e.label for e in app.expander if e.label == "Tentukan kolom"] == ["Tentukan kolom"]
    editor = _mapping_editor(app)
    assert editor.value["Judul di berkas"].tolist() == ["Uraian", "Nilai TW", "Keterangan"]
    assert editor.value["Dibaca sebagai"].tolist() == ["Tidak dipakai"] * 3, "no heading names a data column"
    edits = {0: {"Dibaca sebagai": "Indikator Kinerja"}, 1: {"Dibaca sebagai": "Realisasi"}}
    app.session_state[editor.key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    _click(app, "pakai_kolom_")
    assert app.success[0].value == "Pemetaan kolom disimpan; berkas dibaca ulang dengannya."
    name = next(s for s in app.selectbox if s.label == "Skor kepuasan pasien puskesmas")
    name.set_value("IK14")
    app.run()
    _click(app, "simpan_cocok_")
    assert app.success[0].value == "Pencocokan indikator disimpan."
    assert not app.main.error, [e.value for e in app.main.error]
    app.button(
        key=next(b.key for b in app.button if b.key.startswith("simpan_") and not b.key.startswith("simpan_c"))
    ).click().run()
    assert "yankes.xlsx disimpan: YANKES TW III 2026 versi 1 (1 baris" in app.success[0].value


def test_unggah_tentukan_kolom_suggests_reads_and_remembers_a_data_files_heading_row(app, demo_db_path):
    from tests.workbooks import SATU_DATA_HEADER, satu_data_realisations

    app.switch_page("views/unggah.py").run()
    uploader = app.get("file_uploader")[0]
    uploader.upload("realisasi-2026.csv", satu_data_realisations(), "text/csv").run()
    assert not app.exception
    assert any("Tabel data tidak ditemukan" in e.value for e in app.main.error)
    editor = _mapping_editor(app).value
    assert editor["Kolom"].tolist() == list("ABCDEFGH")
    examples = ["Indeks kepuasan masyarakat terhadap layanan puskesmas", "indeks", "85", "83.5"]
    assert editor["Contoh isi"].tolist()[2:6] == examples
    unused = "Tidak dipakai"
    shown = [unused, unused, "Indikator Kinerja", unused, unused, "Realisasi", unused, unused]
    assert editor["Dibaca sebagai"].tolist() == shown, "the year's realisation suggested; sumberdana, jenis left out"
    _click(app, "pakai_kolom_")  # the suggestion as it stands
    assert app.success[0].value == "Pemetaan kolom disimpan; berkas dibaca ulang dengannya."
    assert any(c.value.startswith("3 angka terbaca") for c in app.caption)
    assert any(e.label == "Kolom yang dibaca: 2" for e in app.expander), [e.label for e in app.expander]
    assert not app.main.error, [e.value for e in app.main.error]
    _click(app, "simpan_")
    assert "realisasi-2026.csv disimpan: DUKCAPIL TW III 2026 versi 1" in app.success[0].value

    uploader = app.get("file_uploader")[0]  # the same headings in another order: read at once
    uploader.upload("kolom-pindah.csv", satu_data_realisations(list(reversed(SATU_DATA_HEADER))), "text/csv").run()
    assert not app.exception
    assert any(c.value.startswith("3 angka terbaca") for c in app.caption)
    with opened(demo_db_path) as store:
        assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'padanan.kolom_data'") == 1
        assert store.scalar("SELECT target_key FROM data_column_mapping WHERE source_label = 'jenis'") == "abaikan"


def test_unggah_saving_one_file_of_a_batch_keeps_the_others(app, demo_db_path):
    from tests.workbooks import own_wide_sheet

    template = _p2p_template(demo_db_path, {"IK10": {"Realisasi TW III": 30, "Faktor Penghambat": "KLB"}})
    app.switch_page("views/unggah.py").run()
    uploader = app.get("file_uploader")[0]
    uploader.upload("p2p.xlsx", template, "application/vnd.ms-excel")
    uploader.upload("kesmas.xlsx", own_wide_sheet(), "application/vnd.ms-excel").run()
    assert [s.value for s in app.subheader] == ["p2p.xlsx", "kesmas.xlsx"]
    kesmas_save = next(b for b in app.button if b.key.startswith("simpan_1_"))
    kesmas_save.click().run()
    assert not app.exception
    assert "kesmas.xlsx disimpan" in app.success[0].value
    assert [s.value for s in app.subheader] == ["p2p.xlsx", "kesmas.xlsx"], "the batch is still there"
    assert any(s.value.startswith("Sudah disimpan: KESMAS TW III 2026 versi 1") for s in app.success)
    assert any(b.key.startswith("simpan_0_") for b in app.button), "p2p.xlsx can still be reviewed and saved"


def test_dasbor_reproduces_a_shared_view_from_its_link(app, demo_db_path):
    app.switch_page("views/dasbor.py")
    app.query_params["tahun"] = "2026"
    app.query_params["tw"] = "TW I"
    app.query_params["sasaran"] = "Menurunnya prevalensi stunting dan gizi buruk"
    app.query_params["indikator"] = "IK05"
    app.run()
    assert not app.exception
    assert app.selectbox(key="sasaran").value == "Menurunnya prevalensi stunting dan gizi buruk"
    assert app.metric[2].value == reported(demo_db_path, 2026, 1, "Menurunnya prevalensi stunting dan gizi buruk")
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
    assert "Menampilkan TW II 2026: triwulan terakhir yang sudah diajukan sebagian besar unit (6 dari 8)." in [
        c.value for c in app.caption
    ]


def test_one_units_draft_does_not_move_the_pages_and_a_chosen_period_follows_across_pages(app, demo_db_path):
    from kinerja.collection.realization import RealizationRow, add_submission
    from kinerja.workflow.review import record_drafts
    from ui.resources import get_store

    with get_store().write() as w:  # one unit's TW III draft, as an upload stores it
        add_submission(w, "KESMAS", 2026, 3, [RealizationRow("IK01", 1.0)], source="test")
        record_drafts(w, [("KESMAS", 2026, 3)], {})
    app.run()
    assert (app.selectbox(key="tahun").value, app.selectbox(key="tw").value) == (2026, 2)
    assert any(c.value.endswith("TW III baru berisi data 1 unit.") for c in app.caption)
    app.selectbox(key="tahun").set_value(2025).run()
    assert app.selectbox(key="tw").value == 4, "another year opens on its own latest submitted quarter"
    app.selectbox(key="tw").set_value(3).run()
    assert app.query_params == {"tahun": "2025", "tw": "TW III"}
    app.query_params.clear()  # a page of the sidebar, opened without the link's parameters
    app.switch_page("views/rekap.py").run()
    assert (app.selectbox(key="tahun").value, app.selectbox(key="tw").value) == (2025, 3)
    assert app.query_params == {"tahun": "2025", "tw": "TW III"}


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


def test_dasbor_shows_new_data_on_the_next_rerun(app, demo_db_path):
    from kinerja.collection.realization import RealizationRow, add_submission
    from ui.resources import get_store

    app.switch_page("views/dasbor.py")
    app.query_params["tw"] = "TW III"
    app.run()
    before = reported(demo_db_path, 2026, 3)
    assert app.metric[2].value == before
    with get_store().write() as w:  # an upload in another session, through the same store
        add_submission(w, "SEK", 2026, 3, [RealizationRow("IK23", 0.0)], source="test")
    app.run()
    assert app.metric[2].value == reported(demo_db_path, 2026, 3) != before


def test_laporan_builds_the_quarterly_report_for_download(app):
    app.switch_page("views/laporan.py").run()
    assert not app.exception
    assert app.title[0].value == "Laporan"
    app.button(key="susun_word").click().run()
    assert not app.exception
    download = app.get("download_button")[0]
    assert download.proto.label == "Unduh laporan-kinerja-2026-tw2.docx"


def test_pengaturan_takes_the_offices_word_template_and_refuses_a_bad_one(app, demo_db_path):
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


def test_pengaturan_makes_a_backup_and_offers_it(app, demo_db_path, tmp_path, monkeypatch):
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


def test_without_make_runs_leave_the_demo_admin_is_not_signed_in_automatically(app, monkeypatch):
    """A service started otherwise than by `make run` (KINERJA_DEMO_OTOMATIS unset) asks everyone to sign in."""
    monkeypatch.delenv("KINERJA_DEMO_OTOMATIS")
    app.run()
    assert not app.exception
    assert any(t.label == "Nama akun" for t in app.text_input)


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


def test_dasbor_capped_charts_count_what_they_leave_out_so_the_totals_reconcile(app):
    """The indicators and projections charts draw 20 of the demo's 23 (lowest 15, highest 5) and say
    the other 3 in words; with «Lihat semua» all 23 are drawn and nothing is said hidden."""
    import json

    app.switch_page("views/dasbor.py")
    app.query_params.update({"tahun": "2026", "tw": "TW II"})
    app.run()
    assert not app.exception
    total = int(app.metric[2].value.split(" dari ")[1])
    specs = {c.proto.id: json.loads(c.proto.spec) for c in app.get("plotly_chart")}
    bars = {key: len(spec["data"][0]["y"]) for key, spec in specs.items() if spec["data"][0]["type"] == "bar"}
    drawn = [n for key, n in bars.items() if "grafik_indikator" in key or "grafik_proyeksi" in key]
    hidden = [c.value for c in app.caption if "indikator lainnya tidak digambar" in c.value]
    assert drawn == [20, 20] and len(hidden) == 2
    assert all(f"dari {total} indikator; {total - 20} indikator lainnya" in text for text in hidden)
    app.toggle(key="lihat_semua_grafik_indikator").set_value(True).run()
    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart") if "grafik_indikator" in c.proto.id]
    assert len(specs[0]["data"][0]["y"]) == total
    assert len([c for c in app.caption if "indikator lainnya tidak digambar" in c.value]) == 1


def test_dasbor_says_why_an_indicator_below_its_target_is_not_at_risk(app, demo_db_path):
    """An indicator under its target to date whose projection reaches the threshold says so in its explanation."""
    from kinerja.reporting.dashboard import View, filtered, projections
    from kinerja.reporting.screens import below_target_not_at_risk
    from kinerja.storage.settings import load_settings
    from kinerja.storage.store import Store

    store = Store(demo_db_path)
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
