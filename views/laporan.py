import streamlit as st

from kinerja.access.roles import Action, can
from kinerja.domain.period import ANNUAL, period_name
from kinerja.reporting import lkjip
from kinerja.reporting.archive import period_archive
from kinerja.reporting.manual_iku import manual_iku_docx
from kinerja.reporting.pdf import PdfUnavailable, libreoffice, to_pdf
from kinerja.reporting.quarterly import quarterly_docx, quarterly_xlsx, record_draft
from kinerja.reporting.renja_form import renja_xlsx
from kinerja.reporting.rhk import rhk_xlsx
from kinerja.workflow.review import REPORT_WORD, report_state
from ui.period import open_page, period_selector
from ui.report import annual_editor, narrative_editor, unsigned_and_unwritten
from views.laporan_parts.forms import manual_findings_panel
from views.laporan_parts.renja import renstra_panel

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
KINDS = {
    "triwulan": "Laporan Kinerja Triwulan", "lkjip": "LKjIP (tahunan)", "pk": "Perjanjian Kinerja",
    "renja": "Evaluasi Renja (Permendagri 86)", "manual-iku": "Manual IKU", "rhk": "Matriks Peran Hasil",
}  # fmt: skip
WORD_ONLY, EXCEL_ONLY = ("manual-iku",), ("renja", "rhk")
page = open_page(
    Action.READ,
    "Laporan",
    "Draf laporan sesuai PermenPAN-RB 53/2014, disusun dari data; sunting di Word sebelum diedarkan.",
)
actor, store, version, years = page.actor, page.store, page.version, page.years
kind = st.segmented_control(  # bound to the address: the LKE's evidence links open a kind of report
    "Jenis", list(KINDS), format_func=KINDS.get, default="triwulan", key="jenis_laporan", bind="query-params"
)
year, quarter = period_selector(years, version)
period = quarter if kind in ("triwulan", "renja") else ANNUAL
if kind not in ("pk", "renja", "manual-iku", "rhk"):
    label = f"{period_name(year, quarter)}" if kind == "triwulan" else f"tahunan {year}"
    st.markdown(f"**Status laporan {label}: {REPORT_WORD[report_state(store, year, period)]}**")
name = {
    "triwulan": f"laporan-kinerja-{year}-tw{quarter}",
    "lkjip": f"lkjip-{year}",
    "pk": f"perjanjian-kinerja-{year}",
    "renja": f"evaluasi-renja-{year}-tw{quarter}",
    "manual-iku": f"manual-iku-{year}",
    "rhk": f"matriks-peran-hasil-{year}",
}[kind]
if kind == "triwulan" and can(actor, Action.REPORT):
    narrative_editor(year, quarter)
elif kind == "lkjip" and can(actor, Action.REPORT):
    annual_editor(year)
elif kind == "renja":
    renstra_panel(actor, year, quarter)
elif kind == "manual-iku":
    manual_findings_panel(store, year)
unsigned_and_unwritten(kind, year)
built = st.session_state.get("laporan_dibuat")
left, right = st.columns(2)
if kind not in EXCEL_ONLY and left.button(
    "Susun dokumen (Word)", type="primary", icon=":material/description:", key="susun_word"
):
    bar = st.progress(0.0, "Mulai")
    step = lambda share, what: bar.progress(share, what)  # noqa: E731
    if kind == "triwulan":
        content = quarterly_docx(store, year, quarter, progress=step)
    elif kind == "lkjip":
        content = lkjip.annual_docx(store, year, progress=step)
    elif kind == "manual-iku":
        content = manual_iku_docx(store, year)
    else:
        content = lkjip.pk_docx(store, year)
    if kind in ("triwulan", "lkjip") and can(actor, Action.REPORT):
        record_draft(store, year, period)
    st.session_state["laporan_dibuat"] = built = (name, "docx", content)
if kind not in WORD_ONLY and right.button("Susun tabel (Excel)", icon=":material/table:"):
    if kind in EXCEL_ONLY:
        content = renja_xlsx(store, year, quarter) if kind == "renja" else rhk_xlsx(store, year)
    else:
        content = quarterly_xlsx(store, year, quarter) if kind == "triwulan" else lkjip.annual_xlsx(store, year)
    st.session_state["laporan_dibuat"] = built = (name, "xlsx", content)
if built and built[0] == name:
    _, extension, content = built
    st.download_button(
        f"Unduh {name}.{extension}", content, file_name=f"{name}.{extension}", mime=MIME[extension],
        icon=":material/download:", key="unduh_laporan",
    )  # fmt: skip
    if extension == "docx":
        if libreoffice() is None:
            st.caption("PDF memerlukan LibreOffice di server (apt-get install libreoffice-writer-nogui).")
        elif st.button("Ubah ke PDF", icon=":material/picture_as_pdf:"):
            try:
                with st.spinner("Mengubah ke PDF…"):
                    pdf = to_pdf(content, name)
                st.download_button(f"Unduh {name}.pdf", pdf, file_name=f"{name}.pdf", mime=MIME["pdf"], key="unduh_pdf")
            except PdfUnavailable as exc:
                st.error(str(exc))

if not can(actor, Action.ARCHIVE):  # the archive holds every unit's original files
    st.stop()
st.divider()
st.markdown(
    f"**Arsip {period_name(year, quarter)}**: laporan, rekap, semua versi data (Excel dan Parquet) dan semua berkas asli."
)
if st.button("Susun arsip (zip)", icon=":material/inventory_2:"):
    bar = st.progress(0.0, "Mulai")
    archive = period_archive(store, year, quarter, progress=lambda share, what: bar.progress(share, what))
    st.download_button(
        f"Unduh arsip-kinerja-{year}-tw{quarter}.zip", archive, file_name=f"arsip-kinerja-{year}-tw{quarter}.zip",
        mime="application/zip", icon=":material/download:", key="unduh_arsip",
    )  # fmt: skip
