"""The review of one uploaded file on the Unggah Data page: its problems, its rows to correct,
warnings to confirm, and the save button."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.achievement import roman
from kinerja.annotate import annotated_workbook
from kinerja.ingest import DataFile, check_data, rows_frame, save_data, with_edits
from kinerja.problems import InputRejected
from kinerja.versions import changes, original_file, version_rows, versions
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
        marked = annotated_workbook(data.content, data.file_name, data.problems)
        if marked is not None:
            st.download_button(
                "Unduh berkas dengan sel bermasalah ditandai",
                marked,
                icon=":material/download:",
                file_name=data.file_name.rsplit(".", 1)[0] + "-ditandai.xlsx",
                key=f"ditandai_{key}",
            )
    changed = changes(store, data)
    with st.expander(f"Perubahan dibanding data tersimpan: {len(changed)} angka", icon=":material/difference:"):
        st.dataframe(
            changed,
            hide_index=True,
            column_config={c: st.column_config.NumberColumn(format="localized") for c in ("Sebelumnya", "Baru")},
        )
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


def version_history(year: int, quarter: int) -> None:
    """Every version of the quarter, readable, with the file as it was uploaded."""
    store = get_store()
    history = versions(store, year, quarter)
    if history.empty:
        st.caption("Belum ada data untuk triwulan ini.")
        return
    st.dataframe(history.drop(columns=["id", "file_sha256"]), hide_index=True)
    labels = {r.id: f"{r.Unit} versi {r.Versi} — {r.Berkas or r.Sumber}" for r in history.itertuples(index=False)}
    chosen = st.selectbox("Lihat versi", list(labels), format_func=labels.get, key=f"versi_{year}_{quarter}")
    st.dataframe(version_rows(store, chosen), hide_index=True)
    sha = history.loc[history["id"] == chosen, "file_sha256"].iloc[0]
    original = original_file(store, sha) if isinstance(sha, str) else None
    if original:
        st.download_button(f"Unduh berkas asli: {original[0]}", original[1], file_name=original[0], key="unduh_asli")
