"""The Unggah Data page (views/unggah.py) under AppTest."""

import streamlit as st

from tests.conftest import opened


def _p2p_template(small_db_path, values):
    from kinerja.collection.template import unit_template
    from tests.workbooks import fill_template

    with opened(small_db_path) as store:
        content = fill_template(unit_template(store, "P2P", 2026, 3), values)
    st.cache_resource.clear()
    return content


def _save_button(app):
    return app.button(key=next(b.key for b in app.button if b.key.startswith("simpan_")))


def test_unggah_refuses_a_file_with_errors(app, small_db_path):
    content = _p2p_template(small_db_path, {"IK10": {"Realisasi TW III": 7}, "IK12": {"Realisasi TW III": "abc"}})
    app.switch_page("views/unggah.py").run()
    app.get("file_uploader")[0].upload("p2p.xlsx", content, "application/vnd.ms-excel").run()
    assert not app.exception
    assert "1 galat" in app.error[0].value
    assert "p2p.xlsx" in app.subheader[0].value
    assert _save_button(app).disabled


def test_unggah_a_file_refused_as_a_whole_shows_its_reason_and_no_counts(app):
    app.switch_page("views/unggah.py").run()
    app.get("file_uploader")[0].upload("rusak.xlsx", b"bukan spreadsheet", "application/vnd.ms-excel").run()
    assert not app.exception
    refusal = app.main.error[0].value
    assert "belum bisa disimpan. Perbaiki berkasnya." in refusal, "no table above to correct in"
    assert "berkas rusak atau bukan .xlsx. Buka di Excel" in refusal
    assert "Error" not in refusal, "the reader's own error type is not the uploader's business"
    captions = [c.value for c in app.caption]
    assert "spreadsheet unit" in captions
    assert not any("angka terbaca" in c or "baris data" in c for c in captions), "no rows read: no counts of none"
    assert not any(e.label.startswith("Perubahan dibanding") for e in app.expander), "nothing to compare"
    assert not app.dataframe, "the one problem is in the message: no table repeating it"
    assert _save_button(app).disabled


def test_unggah_saves_after_warnings_are_confirmed(app, small_db_path):
    far_above = {"Realisasi TW III": 30, "Faktor Penghambat": "KLB di dua kecamatan"}  # target 8
    content = _p2p_template(small_db_path, {"IK10": far_above, "IK12": {"Realisasi TW III": 0}})
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
    with opened(small_db_path) as store:
        assert store.scalar("SELECT count(*) FROM submission WHERE year = 2026 AND quarter = 3") == 1
        who = store.scalar("SELECT created_by FROM submission WHERE year = 2026 AND quarter = 3")
        assert who == "admin.demo", "the version names the signed-in account (Riwayat versi, archive, audit)"


def _mapping_editor(app):
    """The 'Tentukan kolom' table of the one file on the page."""
    return next(d for d in app.data_editor if d.key and d.key.startswith("petakan_"))


def _click(app, prefix: str):
    app.button(key=next(b.key for b in app.button if b.key and b.key.startswith(prefix))).click().run()
    assert not app.exception


def test_unggah_asks_to_map_columns_and_names_and_remembers_them(app, small_db_path):
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


def test_unggah_tentukan_kolom_suggests_reads_and_remembers_a_data_files_heading_row(app, small_db_path):
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
    with opened(small_db_path) as store:
        assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'padanan.kolom_data'") == 1
        assert store.scalar("SELECT target_key FROM data_column_mapping WHERE source_label = 'jenis'") == "abaikan"


def test_unggah_saving_one_file_of_a_batch_keeps_the_others(app, small_db_path):
    from tests.workbooks import own_wide_sheet

    template = _p2p_template(small_db_path, {"IK10": {"Realisasi TW III": 30, "Faktor Penghambat": "KLB"}})
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
