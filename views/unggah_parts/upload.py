"""The review of one uploaded file on the Unggah Data page: its problems, its rows to correct,
warnings to confirm, and the save button. The file is read and checked by kinerja's upload use case
(``kinerja.collection.upload``), once per content and data version: a rerun of the page neither reads
nor checks it again."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from kinerja.access.roles import Action, Actor, actor_name, can
from kinerja.collection.datafile import LABEL, DataFile, Period
from kinerja.collection.mapping import remember_data_columns, remember_indicator, suggested_data_columns
from kinerja.collection.saving import save_data
from kinerja.collection.upload import UploadReview, corrected, read_upload, review_upload, saved_summary
from kinerja.collection.versions import original_file, version_rows, versions
from kinerja.domain.numbers import fmt_number
from kinerja.domain.problems import InputRejected, shown
from kinerja.planning.stored import indicators_in_year
from ui import keys
from ui.columns import columns_read, heading_choice, mapping_editor
from ui.resources import data_version, flash, get_store
from ui.tables import edit_table, show_table
from ui.text import md_escape


def reviewed(content: bytes, name: str, period: Period) -> UploadReview:
    """One uploaded file, read and checked (kept per content, data version and account)."""
    sha256 = hashlib.sha256(content).hexdigest()
    return _reviewed(data_version(), sha256, name, period, actor_name(), content)


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)  # checking reads today's date too (locks)
def _reviewed(version: int, sha256: str, name: str, period: Period, account: str, _content: bytes) -> UploadReview:
    store = get_store()
    return review_upload(store, read_upload(store, _content, name, period))


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def _corrected(
    version: int, sha256: str, name: str, period: Period, account: str, table: pd.DataFrame, _review: UploadReview
) -> UploadReview:
    """The file as corrected in its table, checked once per correction."""
    return corrected(get_store(), _review, table)


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


def _column_mapping(review: UploadReview, key: str, year: int | None, unit: str | None) -> None:
    """Which column of the file was read as what; where no table was found, the person says which
    column holds what, remembered for every data file with the same headings."""
    if review.headings is None:
        return  # a Kinerja template or the Permendagri 86 form: their columns are known
    data, missing = review.data, review.no_table
    title = "Tentukan kolom" if missing else f"Kolom yang dibaca: {len(data.columns)}"
    with st.expander(title, expanded=missing, icon=":material/view_column:"):
        columns_read(data.columns, key)
        rows = list(review.headings)
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


def review_file(review: UploadReview, key: str, unit: str | None = None, year: int | None = None) -> None:
    """Show one file's rows and problems; correct, map, confirm and save it."""
    if review.corrections is not None:  # nothing to correct in a file that could not be read at all
        edited = edit_table(
            review.corrections,
            hide_index=True,
            disabled=["Baris", "Sheet", "Kode", "Indikator"],
            key=f"koreksi_{key}",
            column_config={
                "Baris": st.column_config.NumberColumn(width="small"),
                "Indikator": st.column_config.TextColumn(width="large"),
            },
        )
        if not edited.equals(review.corrections):
            data = review.data
            review = _corrected(data_version(), data.sha256, data.file_name, review.given, actor_name(), edited, review)
    data = review.data
    if data.rows or data.skipped or data.unchanged or data.budget or data.unchanged_budget:
        st.caption(md_escape(data.accounting()))  # a file refused as a whole has no rows to account for
    if data.unchanged:
        st.info(f"{data.unchanged_summary()}: tidak disimpan ulang.", icon=":material/done_all:")
    if data.skipped:
        with st.expander(f"Baris yang dilewati: {len(data.skipped)}", icon=":material/low_priority:"):
            show_table(
                pd.DataFrame([s.as_dict() for s in data.skipped]).astype({"Isi": "string"}),
                hide_index=True,
                key=f"dilewati_{key}",
            )
    if review.unmatched:
        _map_indicators(data, review.unmatched, key)
    _column_mapping(review, key, year, unit)
    if data.errors:
        whole = "".join(f"\n- {md_escape(p.message)}" for p in data.errors if p.row is None)  # the file as a whole
        fix = "Perbaiki di tabel atas atau di berkasnya" if review.corrections is not None else "Perbaiki berkasnya"
        st.error(f"{len(data.errors)} galat: berkas ini belum bisa disimpan. {fix}.{whole}", icon=":material/error:")
    elif data.warnings:
        st.warning(f"{len(data.warnings)} peringatan: periksa lalu konfirmasi.", icon=":material/warning:")
    else:
        st.success("Tidak ada masalah.", icon=":material/check_circle:")
    if any(p.row is not None or p.severity != "error" for p in data.problems):  # the file's own are listed above
        problems_table(data)
        if review.marked is not None:
            st.download_button(
                "Unduh berkas dengan sel bermasalah ditandai",
                review.marked,
                icon=":material/download:",
                file_name=data.file_name.rsplit(".", 1)[0] + "-ditandai.xlsx",
                key=f"ditandai_{key}",
            )
    changed, money = review.changes, review.budget_changes
    if len(changed) or len(money):  # a file refused as a whole compares nothing
        _changes(changed, money, key)
    if review.nothing_to_save:
        st.info(
            "Tidak ada yang perlu disimpan: semua angka berkas ini sama dengan yang tersimpan.", icon=":material/info:"
        )
        return
    confirmed = True
    if data.warnings and not data.errors:
        confirmed = st.checkbox("Saya sudah memeriksa peringatan di atas; simpan apa adanya", key=f"konfirmasi_{key}")
    if st.button("Simpan", type="primary", key=f"simpan_{key}", disabled=bool(data.errors) or not confirmed):
        try:
            saved = save_data(get_store(), data, confirm_warnings=confirmed)  # recorded as the signed-in account
        except InputRejected as exc:
            reasons = "\n".join(f"- {md_escape(p)}" for p in exc.errors)
            st.error(f"Berkas ditolak; tidak ada yang disimpan.\n\n{reasons}", icon=":material/block:")
            return
        summary = saved_summary(data, saved)
        st.session_state.setdefault(keys.SAVED_FILES, {})[data.sha256] = summary
        flash(f"{data.file_name} disimpan: {summary}")
        st.rerun()


def _changes(changed: pd.DataFrame, money: pd.DataFrame, key: str) -> None:
    """The figures and programme spending the file would change, before and after."""
    title = f"Perubahan dibanding data tersimpan: {len(changed)} angka"
    title += f", {len(money)} realisasi anggaran program" if len(money) else ""
    with st.expander(title, icon=":material/difference:"):
        figures = {c: changed[c].map(lambda v: fmt_number(v, 6), na_action="ignore") for c in ("Sebelumnya", "Baru")}
        show_table(changed.assign(**figures), hide_index=True)  # written as the warnings write them: 72,97
        if len(money):
            rupiah = {c: money[c].map(fmt_number, na_action="ignore") for c in ("Sebelumnya (Rp)", "Baru (Rp)")}
            show_table(money.assign(**rupiah), hide_index=True, key=f"anggaran_{key}")


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
