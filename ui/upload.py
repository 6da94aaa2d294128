"""The review of one uploaded file on the Unggah Data page: its problems, its rows to correct,
warnings to confirm, and the save button."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.access.roles import Action, Actor, can
from kinerja.collection.annotate import annotated_workbook
from kinerja.collection.checking import check_data
from kinerja.collection.corrections import rows_frame, settle_readings, with_edits
from kinerja.collection.datafile import LABEL, DataFile
from kinerja.collection.mapping import (
    remember_data_columns,
    remember_indicator,
    suggested_data_columns,
    unmatched_names,
)
from kinerja.collection.saving import save_data
from kinerja.collection.versions import changes, original_file, version_rows, versions
from kinerja.domain.numbers import fmt_number
from kinerja.domain.period import period_name
from kinerja.domain.problems import InputRejected, shown
from kinerja.planning.stored import indicators_in_year
from kinerja.workbook.headings import heading_rows
from ui import keys
from ui.columns import columns_read, heading_choice, mapping_editor
from ui.resources import flash, get_store
from ui.tables import edit_table, show_table
from ui.text import md_escape


def problems_table(data: DataFile) -> None:
    frame = pd.DataFrame([p.as_dict() for p in shown(data.problems)]).astype({"Baris": "Int64"})  # no row: blank
    show_table(
        frame,
        hide_index=True,
        column_config={"Masalah": st.column_config.TextColumn(width="large")},
    )


def _map_indicators(data: DataFile, names: list[str], key: str) -> None:
    """Ask which plan indicator each unknown name is, and remember it for the unit."""
    store = get_store()
    year = next((r.year for r in data.rows if r.year), None)
    options = indicators_in_year(store, year)
    labels = {code: f"{code} — {name}" for code, name, _ in options}
    with st.expander(f"Cocokkan {len(names)} nama indikator yang tidak dikenal", expanded=True, icon=":material/link:"):
        st.caption("Pilihan disimpan untuk unggahan berikutnya dari unit yang sama.")
        chosen = {
            name: st.selectbox(
                md_escape(name),
                [None, *labels],
                format_func=lambda c: labels.get(c, "— pilih —"),
                key=f"cocok_{key}_{n}",
            )
            for n, name in enumerate(names)
        }
        if st.button("Simpan pencocokan", key=f"simpan_cocok_{key}", disabled=not any(chosen.values())):
            owners = {code: unit for code, _, unit in options}
            for name, code in chosen.items():
                if code:
                    unit = next((r.unit for r in data.rows if r.name == name and r.unit), None) or owners[code]
                    remember_indicator(store, unit, name, code)
            flash("Pencocokan indikator disimpan.")
            st.rerun()


def _column_mapping(data: DataFile, key: str, year: int | None, unit: str | None) -> None:
    """Which column of the file was read as what; where no table was found, the person says which
    column holds what, remembered for every data file with the same headings."""
    missing = not data.rows and any(p.message.startswith("Tabel data tidak ditemukan") for p in data.errors)
    if data.template is not None or not (missing or data.columns):
        return  # a Kinerja template or the Permendagri 86 form: their columns are known
    title = "Tentukan kolom" if missing else f"Kolom yang dibaca: {len(data.columns)}"
    with st.expander(title, expanded=missing, icon=":material/view_column:"):
        columns_read(data.columns, key)
        rows = heading_rows(data.content, data.file_name)
        if not rows:
            st.caption("Berkas ini tidak punya baris judul kolom yang dapat dipetakan.")
            return
        st.caption(
            "Bila sebuah kolom dibaca keliru atau judulnya tidak dikenali, tentukan di sini isinya. "
            "Pilihan disimpan untuk berkas data berikutnya dengan judul kolom yang sama, dari unit mana pun."
        )
        heading = heading_choice(rows, data.columns, key)
        mapping_editor(
            heading,
            LABEL,
            data.columns,
            suggested_data_columns(heading, year),
            key,
            lambda chosen: remember_data_columns(get_store(), heading, chosen, unit),
        )


def review_file(data: DataFile, key: str, unit: str | None = None, year: int | None = None) -> None:
    """Show one file's rows and problems; correct, map, confirm and save it."""
    store = get_store()
    if data.rows:  # nothing to correct in a file that could not be read at all
        edited = edit_table(
            rows_frame(settle_readings(store, data)),
            hide_index=True,
            disabled=["Baris", "Sheet", "Kode", "Indikator"],
            key=f"koreksi_{key}",
            column_config={
                "Baris": st.column_config.NumberColumn(width="small"),
                "Indikator": st.column_config.TextColumn(width="large"),
            },
        )
        data = with_edits(data, edited)
    data = check_data(store, data)
    st.caption(md_escape(data.accounting()))
    if data.unchanged:
        st.info(f"{data.unchanged_summary()}: tidak disimpan ulang.", icon=":material/done_all:")
    if data.skipped:
        with st.expander(f"Baris yang dilewati: {len(data.skipped)}", icon=":material/low_priority:"):
            show_table(
                pd.DataFrame([s.as_dict() for s in data.skipped]).astype({"Isi": "string"}),
                hide_index=True,
                key=f"dilewati_{key}",
            )
    names = unmatched_names(data)
    if names:
        _map_indicators(data, names, key)
    _column_mapping(data, key, year, unit)
    if data.errors:
        whole = "".join(f"\n- {md_escape(p.message)}" for p in data.errors if p.row is None)  # the file as a whole
        st.error(
            f"{len(data.errors)} galat: berkas ini belum bisa disimpan. Perbaiki di tabel atas atau di berkasnya.{whole}",
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
        figures = {c: changed[c].map(lambda v: fmt_number(v, 6), na_action="ignore") for c in ("Sebelumnya", "Baru")}
        show_table(changed.assign(**figures), hide_index=True)  # written as the warnings write them: 72,97
    if not data.rows and not data.budget and data.unchanged and not data.errors:
        st.info(
            "Tidak ada yang perlu disimpan: semua angka berkas ini sama dengan yang tersimpan.", icon=":material/info:"
        )
        return
    confirmed = True
    if data.warnings and not data.errors:
        confirmed = st.checkbox("Saya sudah memeriksa peringatan di atas; simpan apa adanya", key=f"konfirmasi_{key}")
    if st.button("Simpan", type="primary", key=f"simpan_{key}", disabled=bool(data.errors) or not confirmed):
        try:
            saved = save_data(store, data, confirm_warnings=confirmed)  # recorded as the signed-in account
        except InputRejected as exc:
            reasons = "\n".join(f"- {md_escape(p)}" for p in exc.errors)
            st.error(f"Berkas ditolak; tidak ada yang disimpan.\n\n{reasons}", icon=":material/block:")
            return
        summary = "; ".join(
            f"{v.unit_code} {period_name(v.year, v.quarter)} versi {v.version} ({v.counts()})" for v in saved
        ) + (f"; {data.unchanged_summary()}" if data.unchanged else "")
        st.session_state.setdefault(keys.SAVED_FILES, {})[data.sha256] = summary
        flash(f"{data.file_name} disimpan: {summary}")
        st.rerun()


def version_history(year: int, quarter: int, actor: Actor) -> None:
    """Every version of the quarter from the units the account sends for, readable, with the file
    as it was uploaded (an operator does not see another unit's raw submissions)."""
    store = get_store()
    history = versions(store, year, quarter)
    history = history[[can(actor, Action.UPLOAD, unit) for unit in history["Unit"]]]
    if history.empty:
        st.caption("Belum ada data untuk triwulan ini.")
        return
    show_table(history.drop(columns=["id", "file_sha256"]), hide_index=True)
    labels = {r.id: f"{r.Unit} versi {r.Versi} — {r.Berkas or r.Sumber}" for r in history.itertuples(index=False)}
    chosen = st.selectbox("Lihat versi", list(labels), format_func=labels.get, key=f"versi_{year}_{quarter}")
    show_table(version_rows(store, chosen), hide_index=True)
    sha = history.loc[history["id"] == chosen, "file_sha256"].iloc[0]
    original = original_file(store, sha) if isinstance(sha, str) else None
    if original:
        st.download_button(
            f"Unduh berkas asli: {md_escape(original[0])}", original[1], file_name=original[0], key="unduh_asli"
        )
