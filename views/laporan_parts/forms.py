"""The Laporan page's Manual IKU and Matriks Peran Hasil: the gaps an evaluator would find, shown
before the download."""

import streamlit as st

from kinerja.planning.manual_iku import manual_findings, manual_frame


def manual_findings_panel(store, year: int) -> None:
    """The Manual IKU's findings (temuan) and notes (catatan) of the year, as plain text."""
    found = manual_findings(manual_frame(store, year), year)
    serious = [f for f in found if f.kind == "temuan"]
    notes = len(found) - len(serious)
    if not found:
        st.success("Manual IKU lengkap: setiap indikator berdefinisi, berformula dan bersumber data.")
        return
    st.warning(f"{len(serious)} temuan dan {notes} catatan kelengkapan; isi kolomnya di Perencanaan.")
    with st.expander("Temuan Manual IKU", expanded=bool(serious)):
        st.text("\n".join(f.line() for f in serious) or "Tidak ada temuan.")
