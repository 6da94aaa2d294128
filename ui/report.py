"""The Laporan page's narrative editor: every indicator's drafted paragraph, editable; edits kept
for the next export, and set aside (shown, not exported) when the numbers change under them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.domain.period import ANNUAL
from kinerja.reporting.lkjip import annual_drafts, annual_figures, annual_paragraphs, unwritten_passages
from kinerja.reporting.office_template import (
    PLACEHOLDERS,
    TemplateRejected,
    current_template,
    remove_template,
    save_template,
)
from kinerja.reporting.quarterly import quarterly_data, save_texts, saved_texts
from ui.resources import cached_settings, data_version, flash, get_store
from ui.tables import edit_table
from ui.text import md_escape


def narrative_editor(year: int, quarter: int) -> None:
    data = quarterly_data(get_store(), year, quarter)
    stale = len(data.stale)
    title = f"Sunting narasi per indikator{f' ({stale} perlu diperiksa: angkanya berubah)' if stale else ''}"
    with st.expander(title, icon=":material/edit_note:"):
        st.caption(
            "Paragraf disusun dari angka dan catatan unit. Suntingan disimpan untuk ekspor berikutnya; bila angka "
            "berubah sesudah disunting, paragraf kembali ke draf baru dan suntingan lama ditandai."
        )
        frame = data.frame
        table = pd.DataFrame(
            {
                "Kode": frame["indicator_code"],
                "Indikator": frame["indicator_name"],
                "Status": [
                    "Angka berubah"
                    if c in data.stale
                    else ("Disunting" if data.paragraphs[c] != data.drafts[c] else "Draf")
                    for c in frame["indicator_code"]
                ],
                "Narasi": [data.paragraphs[c] for c in frame["indicator_code"]],
            }
        )
        edited = edit_table(
            table,
            hide_index=True,
            width="stretch",
            disabled=["Kode", "Indikator", "Status"],
            column_config={"Narasi": st.column_config.TextColumn(width="large")},
            key=f"narasi_{year}_{quarter}",
        )
        if st.button("Simpan narasi", key="simpan_narasi", icon=":material/save:"):
            kept = save_texts(
                get_store(), year, quarter, data.drafts, dict(zip(edited["Kode"], edited["Narasi"], strict=True))
            )
            flash(f"Narasi disimpan: {kept} paragraf disunting.")
            st.rerun()


def unsigned_and_unwritten(kind: str, year: int) -> None:
    """What the report will leave blank: the head's name (no setting) and, for the LKjIP, the
    passages the planner has not written yet; the report prints neither a made-up name nor an instruction."""
    if not cached_settings(data_version(), year).head_name:
        st.warning(
            "Nama kepala instansi belum diisi di Pengaturan: Kata Pengantar dan PK dicetak tanpa nama penanda tangan.",
            icon=":material/draw:",
        )
    if kind == "lkjip" and (missing := unwritten_passages(get_store(), year)):
        st.warning(
            "Narasi yang belum ditulis perencana (dibiarkan kosong di laporan; isi di 'Sunting narasi LKjIP'): "
            + "; ".join(md_escape(label) for label in missing)
            + ".",
            icon=":material/edit_note:",
        )


def office_template_panel() -> None:
    """Pengaturan: the office's own Word template for every report, uploaded and checked."""
    store = get_store()
    found = current_template(store)
    names = ", ".join("{{ " + name + " }}" for name in PLACEHOLDERS)
    st.caption(
        "Kop surat, ukuran kertas dan gaya dari templat Word kantor dipakai untuk semua laporan. Penanda yang dapat "
        f"dipakai di kop atau kaki halaman: {names}. Isi templat diganti oleh isi laporan."
    )
    if found:
        st.markdown(f"Templat aktif: **{md_escape(found[0])}**")
        if st.button("Kembali ke tampilan bawaan", key="hapus_templat"):
            remove_template(store)
            flash("Templat kantor dilepas; laporan memakai tampilan bawaan.")
            st.rerun()
    uploaded = st.file_uploader("Unggah templat (.docx)", type=["docx"], key="templat_kantor")
    if uploaded is not None and st.button("Pakai templat ini", key="pakai_templat"):
        try:
            save_template(store, uploaded.getvalue(), uploaded.name)
            flash(f"Templat {uploaded.name} dipakai untuk semua laporan.")
            st.rerun()
        except TemplateRejected as exc:
            st.error(str(exc), icon=":material/error:")


def annual_editor(year: int) -> None:
    """The LKjIP's planner-worded passages (strategic issues, each sasaran's causes and solutions,
    the closing), drafted from the data and editable like the quarterly paragraphs."""
    store = get_store()
    figures = annual_figures(store, year)
    drafts = annual_drafts(store, year, figures)
    shown = annual_paragraphs(store, year, figures)
    edits = saved_texts(store, year, ANNUAL)
    with st.expander("Sunting narasi LKjIP", icon=":material/edit_note:"):
        st.caption(
            "Baris baru dalam teks menjadi paragraf baru. Suntingan yang angkanya berubah ditandai dan tidak dipakai."
        )
        table = pd.DataFrame(
            {
                "Kunci": list(drafts),
                "Bagian": [label for label, _ in drafts.values()],
                "Status": [
                    "Angka berubah" if k in edits and edits[k][0] != d else ("Disunting" if shown[k] != d else "Draf")
                    for k, (_, d) in drafts.items()
                ],
                "Narasi": [shown[k] for k in drafts],
            }
        )
        edited = edit_table(
            table,
            hide_index=True,
            width="stretch",
            disabled=["Kunci", "Bagian", "Status"],
            column_config={
                "Kunci": None,
                "Bagian": st.column_config.TextColumn(width="medium"),
                "Narasi": st.column_config.TextColumn(width="large"),
            },
            key=f"narasi_lkjip_{year}",
        )
        if st.button("Simpan narasi LKjIP", key="simpan_narasi_lkjip", icon=":material/save:"):
            kept = save_texts(
                store,
                year,
                ANNUAL,
                {k: d for k, (_, d) in drafts.items()},
                dict(zip(edited["Kunci"], edited["Narasi"], strict=True)),
            )
            flash(f"Narasi LKjIP disimpan: {kept} bagian disunting.")
            st.rerun()
