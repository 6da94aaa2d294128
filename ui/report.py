"""The Laporan page's narrative editor: every indicator's drafted paragraph, editable; edits kept
for the next export, and set aside (shown, not exported) when the numbers change under them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.reports import quarterly_data, save_texts
from ui.resources import flash, get_store


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
        edited = st.data_editor(
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
