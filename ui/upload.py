"""The review of one uploaded file on the Unggah Data page: its problems, its rows to correct,
warnings to confirm, and the save button."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.achievement import roman
from kinerja.ingest import DataFile, check_data, rows_frame, save_data, with_edits
from kinerja.problems import InputRejected
from ui.resources import flash, get_store


def problems_table(data: DataFile) -> None:
    st.dataframe(
        pd.DataFrame([p.as_dict() for p in data.problems]),
        hide_index=True,
        column_config={"Masalah": st.column_config.TextColumn(width="large")},
    )


def review_file(data: DataFile, key: str) -> None:
    """Show one file's rows and problems; correct, confirm and save it."""
    store = get_store()
    edited = st.data_editor(
        rows_frame(data),
        hide_index=True,
        disabled=["Baris", "Sheet", "Kode", "Indikator"],
        key=f"koreksi_{key}",
        column_config={
            "Baris": st.column_config.NumberColumn(width="small"),
            "Indikator": st.column_config.TextColumn(width="large"),
        },
    )
    data = check_data(store, with_edits(data, edited))
    if data.errors:
        st.error(
            f"{len(data.errors)} galat: berkas ini belum bisa disimpan. Perbaiki di tabel atas atau di berkasnya.",
            icon=":material/error:",
        )
    elif data.warnings:
        st.warning(f"{len(data.warnings)} peringatan: periksa lalu konfirmasi.", icon=":material/warning:")
    else:
        st.success("Tidak ada masalah.", icon=":material/check_circle:")
    if data.problems:
        problems_table(data)
    confirmed = True
    if data.warnings and not data.errors:
        confirmed = st.checkbox("Saya sudah memeriksa peringatan di atas; simpan apa adanya", key=f"konfirmasi_{key}")
    if st.button("Simpan", type="primary", key=f"simpan_{key}", disabled=bool(data.errors) or not confirmed):
        try:
            saved = save_data(store, data, confirm_warnings=confirmed, created_by="pengguna aplikasi")
        except InputRejected:
            st.error("Berkas ditolak; tidak ada yang disimpan.")
            return
        flash(
            f"{data.file_name} disimpan: "
            + "; ".join(
                f"{v.unit_code} TW {roman(v.quarter)} {v.year} versi {v.version} ({v.rows} baris, {v.changed} berubah)"
                for v in saved
            )
        )
        st.rerun()
