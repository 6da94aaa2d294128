import streamlit as st

from kinerja.access.roles import Action, Role, can
from kinerja.collection.datafile import Period
from kinerja.collection.template import TemplateError, all_unit_templates, template_file_name
from kinerja.domain.period import period_name, roman
from kinerja.planning.stored import unit_codes
from kinerja.workbook.spreadsheet import UPLOAD_TYPES
from kinerja.workflow import review
from kinerja.workflow.completeness import units_in_plan
from ui import keys
from ui.period import open_page, upload_period_pickers
from ui.resources import cached_unit_template, made_on_click
from ui.text import md_escape
from views.unggah_parts.upload import review_file, reviewed, version_history

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
page = open_page(Action.UPLOAD, "Unggah Data")
actor, store, version, years = page.actor, page.store, page.version, page.years

left, middle, right = st.columns(3)
year, quarter = upload_period_pickers(years, actor, left, middle)
units = [code for code in unit_codes(store) if can(actor, Action.UPLOAD, code)]
unit = right.selectbox(
    "Unit pengirim",
    units if actor.role is not Role.ADMIN else [None, *units],  # an operator sends as its own unit
    format_func=lambda u: u or "otomatis (penanggung jawab)",
    key=keys.UPLOAD_UNIT,
)
refused = unit and review.change_refused(store, actor, unit, year, quarter)
if refused:
    st.warning(refused, icon=":material/lock:")

with st.expander("Templat per unit", icon=":material/download:"):
    with_indicators = [u for u in units_in_plan(store, year) if can(actor, Action.UPLOAD, u)]
    chosen = st.selectbox("Unit", with_indicators, key=keys.TEMPLATE_UNIT)
    try:
        st.download_button(
            f"Unduh templat {chosen} {period_name(year, quarter)}",
            cached_unit_template(version, chosen, year, quarter),
            file_name=template_file_name(chosen, year, quarter),
            mime=XLSX,
            key="unduh_templat_unit",
        )
    except TemplateError as exc:
        st.caption(str(exc))
    st.download_button(
        "Unduh templat semua unit (zip)",
        made_on_click(all_unit_templates, store, year, quarter),
        file_name=f"templat-data-kinerja-{year}-tw{quarter}.zip",
        mime="application/zip",
        key="unduh_templat_semua",
    )

uploads = st.file_uploader(
    "Berkas data (templat atau spreadsheet unit; xlsx, xls, csv, json)",
    type=UPLOAD_TYPES,
    accept_multiple_files=True,
    key=keys.UPLOAD_FILES,
)
if uploads:
    progress = st.progress(0.0, text="Memeriksa berkas…")
    reviews = []
    for number, upload in enumerate(uploads, start=1):  # each read and checked once, not again on a rerun
        reviews.append(reviewed(upload.getvalue(), upload.name, Period(year, quarter, unit)))
        progress.progress(number / len(uploads), text=f"Diperiksa {number} dari {len(uploads)}: {upload.name}")
    for number, review in enumerate(reviews):
        data = review.data
        with st.container(border=True):
            st.subheader(md_escape(data.file_name))
            where = (
                f"templat {data.template.unit} TW {roman(data.template.quarter)} {data.template.year}"
                if data.template
                else "spreadsheet unit"
            )
            money = f" · {review.spending_read} realisasi anggaran program" if review.spending_read else ""
            unread = data.errors and not review.rows_read and not review.spending_read  # refused as a whole
            st.caption(md_escape(where) if unread else f"{review.rows_read} angka terbaca{money} · {md_escape(where)}")
            saved = st.session_state.get(keys.SAVED_FILES, {}).get(data.sha256)
            if saved:
                st.success(f"Sudah disimpan: {md_escape(saved)}", icon=":material/check_circle:")
            else:
                review_file(review, f"{number}_{data.sha256[:12]}", unit, year)

with st.expander(f"Riwayat versi {period_name(year, quarter)}", icon=":material/history:"):
    version_history(year, quarter, actor)
