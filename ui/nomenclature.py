"""The national nomenclature on the pages: an admin loads a version on Pengaturan (read and counted
before it is stored) and says whether the office is a province's or a kabupaten/kota's; a planner
accepts the standard indicators it proposes on the Pohon Kinerja page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.access.roles import Action, require
from kinerja.cascade.nomenclature import NomenclatureLoad, load_nomenclature, nomenclature_versions, versions_shown
from kinerja.cascade.reference import PROPOSAL_COLUMNS, accept_proposals, indicator_proposals
from kinerja.domain.numbers import fmt_number
from kinerja.domain.problems import InputRejected, shown
from kinerja.storage.settings import save_setting
from kinerja.storage.store import Store
from kinerja.workbook.spreadsheet import UPLOAD_TYPES, SpreadsheetError
from ui.resources import cached_office, data_version, flash, get_store
from ui.tables import edit_table, show_table
from ui.text import md_escape

_REGION_WORDS = {
    "": "Belum dipilih (kode diperiksa terhadap daftar provinsi dan kabupaten/kota)",
    "PROV": "Provinsi",
    "KABKOT": "Kabupaten/Kota",
}


@st.cache_data(show_spinner=False, max_entries=2)
def _preview(version: int, content: bytes, file_name: str) -> NomenclatureLoad:
    """The file read and counted, not stored (reading it takes a second: once per upload)."""
    return load_nomenclature(get_store(), content, file_name, dry_run=True)


def nomenclature_panel() -> None:
    """Pengaturan: the version in force, the office's region kind, a new version uploaded and loaded."""
    store, version = get_store(), data_version()
    st.caption(
        "Daftar bidang, program, kegiatan dan sub kegiatan yang wajib dipakai setiap daerah (Kemendagri, dipakai SIPD), "
        "dengan kinerja, indikator, satuan dan definisi operasional tiap sub kegiatan. Versi terbaru menjadi referensi "
        "pohon kinerja: kode yang tidak ada atau sudah diganti dan nama yang berbeda muncul di Pemeriksaan, dan sub "
        "kegiatan tanpa indikator mendapat usulan indikator baku. Versi lama tetap disimpan."
    )
    versions = nomenclature_versions(store)
    if versions.empty:
        st.info("Belum ada nomenklatur yang dimuat.", icon=":material/info:")
    else:
        now = versions_shown(versions).iloc[0]
        st.markdown(
            md_escape(
                f"Berlaku: versi {now['Versi']} «{now['Label']}», dimuat {now['Dimuat']} oleh {now['Oleh']}: "
                f"{fmt_number(now['Baris'], 0)} sub kegiatan."
            )
        )
    region = st.radio(
        "Jenis pemda instansi ini",
        list(_REGION_WORDS),
        index=list(_REGION_WORDS).index(cached_office(version).region_kind),
        format_func=_REGION_WORDS.get,
        horizontal=True,
        key="jenis_pemda",
        help="Sebagian kode sub kegiatan berarti lain untuk provinsi dan kabupaten/kota.",
    )
    if region != cached_office(version).region_kind and st.button("Simpan jenis pemda", key="simpan_jenis_pemda"):
        require(Action.SETTINGS)
        save_setting(store, "region_kind", region)
        flash(f"Jenis pemda disimpan: {_REGION_WORDS[region]}.")
        st.rerun()
    uploaded = st.file_uploader("Berkas nomenklatur (xlsx, csv)", type=UPLOAD_TYPES, key="nomenklatur_berkas")
    if uploaded is not None:
        _load(store, version, uploaded)
    if not versions.empty:
        with st.expander(f"Semua versi ({len(versions)})", icon=":material/history:"):
            show_table(versions_shown(versions).drop(columns=["Versi"]), hide_index=True, width="stretch")


def _load(store: Store, version: int, uploaded) -> None:
    """The uploaded file read and counted, every warning shown, then loaded on request."""
    content = uploaded.getvalue()
    try:
        preview = _preview(version, content, uploaded.name)
    except InputRejected as exc:
        st.error(f"{md_escape(uploaded.name)} tidak dimuat: {len(exc.errors)} galat. Tidak ada yang berubah.")
        show_table(pd.DataFrame([p.as_dict() for p in shown(exc.problems)]), hide_index=True, width="stretch")
        return
    except SpreadsheetError as exc:
        st.error(f"{md_escape(uploaded.name)} tidak dapat dibaca: {md_escape(exc)}")
        return
    for line in preview.read.lines():
        st.markdown(md_escape(line))
    if preview.read.problems:
        st.warning(
            f"{fmt_number(len(preview.read.problems), 0)} peringatan; barisnya tetap dimuat kecuali disebut dilewati."
        )
        show_table(pd.DataFrame([p.as_dict() for p in shown(preview.read.problems)]), hide_index=True, width="stretch")
    if preview.outcome == "unchanged":
        st.info(md_escape(preview.lines()[-1]), icon=":material/check:")
        return
    label = st.text_input("Nama versi", value=preview.label, key=f"nomenklatur_label_{preview.version}")
    if st.button("Muat sebagai referensi", type="primary", icon=":material/upload:", key="muat_nomenklatur"):
        with st.spinner("Memuat nomenklatur…"):
            loaded = load_nomenclature(store, content, uploaded.name, label=label)
        flash(loaded.lines()[-1])
        st.rerun()


def proposals_panel(store: Store, year: int) -> None:
    """Pohon Kinerja › Pemeriksaan: the standard indicators proposed for sub-kegiatan without one,
    added only to the rows the planner ticks."""
    proposals = indicator_proposals(store, year)
    if proposals.empty:
        return
    st.markdown("**Usulan indikator dari nomenklatur Kemendagri**")
    st.caption(
        "Sub kegiatan di bawah ini belum punya indikator. Centang usulan yang diterima; indikator dan satuannya "
        "ditambahkan, targetnya diisi di tab Ubah indikator."
    )
    edited = edit_table(
        proposals.assign(Terima=False)[["Terima", *PROPOSAL_COLUMNS]],
        hide_index=True,
        width="stretch",
        disabled=PROPOSAL_COLUMNS,
        column_config={"Definisi Operasional": st.column_config.TextColumn(width="large")},
        key=f"usulan_nomenklatur_{year}_{data_version()}",
    )
    if st.button("Tambahkan indikator yang dicentang", icon=":material/add_task:", key=f"terima_usulan_{year}"):
        chosen = edited.loc[edited["Terima"].fillna(False).astype(bool), "Kode"].tolist()
        if not chosen:
            st.warning("Centang dulu usulan yang diterima.")
            return
        try:
            added = accept_proposals(store, year, chosen)
        except (InputRejected, PermissionError) as exc:
            st.error(str(exc))
            return
        flash(f"{added} sub kegiatan mendapat indikator baku nomenklatur; isi targetnya di tab Ubah indikator.")
        st.rerun()
