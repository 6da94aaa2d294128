"""The Laporan page's Evaluasi Renja panel: what the form needs and Kinerja does not hold (the
Renstra's columns 5 and 6), asked once per year and kept; the rows still blank listed."""

from __future__ import annotations

import streamlit as st

from kinerja.access.roles import Action, can
from kinerja.reporting.renja_form import (
    RENSTRA_COLUMNS,
    RenstraRejected,
    missing_renstra,
    renja_figures,
    renstra_frame,
    save_renstra,
)
from ui.resources import flash, get_store
from ui.tables import edit_table
from ui.text import md_escape


def renstra_panel(actor, year: int, quarter: int) -> None:
    figures = renja_figures(get_store(), year, quarter)
    missing = missing_renstra(figures)
    if missing:
        st.warning(
            f"Kolom 5 dan 6 (target dan realisasi Renstra) belum diisi untuk {len(missing)} baris; "
            "di formulir dibiarkan kosong, tidak dikarang."
        )
        with st.expander("Baris yang belum lengkap"):
            st.markdown("\n".join(f"- {md_escape(line)}" for line in missing))
    if not can(actor, Action.REPORT):
        return
    with st.expander("Isi target dan realisasi Renstra (kolom 5 dan 6)", icon=":material/edit_note:"):
        table = renstra_frame(figures)
        edited = edit_table(
            table,
            disabled=["Kunci", "Kode", "Program / Kegiatan / Sub Kegiatan", "Indikator"],
            column_config={"Kunci": None, **{label: st.column_config.NumberColumn(label) for label in RENSTRA_COLUMNS.values()}},
            hide_index=True,
            key=f"renstra_{year}",
        )  # fmt: skip
        if st.button("Simpan kolom Renstra", key="simpan_renstra"):
            try:
                kept = save_renstra(get_store(), year, edited.to_dict(orient="records"))
            except RenstraRejected as exc:
                st.error(str(exc))
            else:
                flash(f"Kolom Renstra {year} disimpan untuk {kept} baris.")
                st.rerun()
