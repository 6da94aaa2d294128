import datetime as dt

import streamlit as st

from kinerja.access.roles import Action, can
from kinerja.domain.numbers import fmt_duration
from kinerja.storage.settings import office_clock
from kinerja.workflow.process import reminders, sop_progress
from ui.period import open_page, period_selector
from ui.tables import show_table
from ui.text import md_escape
from views.proses_parts.process import contacts_editor, disposition_form, task_list

page = open_page(
    Action.READ,
    "Proses SOP",
    "Sembilan langkah SOP Pengumpulan Data Kinerja per triwulan: siapa, kapan, berapa lama, dan kelengkapannya.",
)
actor, store = page.actor, page.store
year, quarter = period_selector(page.years, page.version)

steps, clock = sop_progress(store, year, quarter), office_clock(store)
shown = steps.assign(
    Mulai=steps["Mulai"].map(clock.show),
    Selesai=steps["Selesai"].map(clock.show),
    Durasi=steps["Durasi"].map(fmt_duration),
    **{"Sesuai standar": steps["Sesuai standar"].map({True: "Ya", False: "Tidak"}).fillna("")},
)
show_table(shown, hide_index=True, width="stretch")
if quarter != 4:
    st.caption("Langkah 6–9 (laporan tahunan) tampil pada TW IV.")

st.subheader("Disposisi dan pembagian tugas")
task_list(actor, year, quarter)
if can(actor, Action.ASSIGN):
    disposition_form(year, quarter)

if can(actor, Action.ASSIGN):
    st.subheader("Pengingat unit yang belum mengirim")
    late = reminders(store, year, quarter, dt.date.today())
    if not late:
        st.success("Semua unit sudah mengirim data triwulan ini.", icon=":material/check_circle:")
    for item in late:
        with st.container(border=True):
            left, right = st.columns([4, 1])
            left.markdown(
                f"**{item.unit}** · {item.unit_name}: {item.missing} dari {item.indicators} indikator belum masuk"
            )
            if item.whatsapp:
                right.link_button("WhatsApp", item.whatsapp, icon=":material/chat:")
            else:
                right.caption("Nomor belum diisi")
            with st.expander("Teks pesan dan e-mail"):
                st.code(item.message, language=None, wrap_lines=True)
                st.caption(
                    f"E-mail ke: {md_escape(item.email or '(belum diisi)')} · Subjek: {md_escape(item.email_subject)}"
                )
if can(actor, Action.PLAN):
    contacts_editor()
