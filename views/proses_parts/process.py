"""Pieces of the Proses page: the task list of a disposition, the form that makes one, and the
units' contacts for reminders."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.access.accounts import assignable_accounts
from kinerja.access.roles import Action, Actor, can
from kinerja.domain.numbers import fmt_date
from kinerja.planning.stored import unit_codes
from kinerja.workflow.completeness import quarter_due_date
from kinerja.workflow.process import DispositionError, assign, assignments, mark_done, save_contacts, unit_contacts
from ui.resources import flash, get_store
from ui.tables import edit_table


def task_list(actor: Actor, year: int, quarter: int) -> None:
    """Everyone's assignments for whoever may assign; one's own otherwise."""
    store = get_store()
    mine_only = not can(actor, Action.ASSIGN)
    tasks = assignments(store, year, quarter, actor.name if mine_only else None)
    if tasks.empty:
        st.info("Belum ada disposisi untuk triwulan ini." if not mine_only else "Tidak ada tugas untuk Anda.")
        return
    for row in tasks.itertuples():
        with st.container(border=True):
            left, right = st.columns([4, 1])
            status = (
                f"selesai {fmt_date(row.done_at)}"
                if row.done_at is not None and str(row.done_at) != "NaT"
                else "berjalan"
            )
            due = f", batas {fmt_date(row.due_on)}" if pd.notna(row.due_on) else ""
            left.markdown(
                f"**{row.task}**  \nKepada {row.display_name or row.assignee} · unit {row.units.replace(',', ', ')}"
                f"{due} · dari {row.assigned_by} · {status}  \n"
                f"Diajukan {row.submitted} dari {row.unit_count} unit, terverifikasi {row.verified}"
                + (f"  \n*Catatan:* {row.note}" if row.note else "")
            )
            may_close = status == "berjalan" and (row.assignee == actor.name or can(actor, Action.ASSIGN))
            if may_close and right.button("Tandai selesai", key=f"selesai_{row.id}"):
                mark_done(store, int(row.id))
                flash("Tugas ditandai selesai.")
                st.rerun()


def disposition_form(year: int, quarter: int) -> None:
    store = get_store()
    people, units = assignable_accounts(store), unit_codes(store)
    with st.form("disposisi", clear_on_submit=True):
        st.markdown("**Disposisi baru**")
        left, right = st.columns(2)
        assignee = left.selectbox("Kepada", people)
        chosen = right.multiselect("Unit yang datanya dikumpulkan", units, placeholder="Pilih unit")
        task = st.text_input("Tugas", placeholder="mis. Kumpulkan data TW dari puskesmas dan seksi")
        left, right = st.columns(2)
        due = left.date_input(  # the picker opens on the quarter's own deadline, not on today's month
            "Batas waktu", value=quarter_due_date(store, year, quarter), format="DD/MM/YYYY"
        )
        note = right.text_input("Catatan pembagian tugas")
        if st.form_submit_button("Simpan disposisi", icon=":material/assignment_ind:"):
            try:
                assign(store, year, quarter, assignee, chosen, task, due, note or None)
                flash("Disposisi disimpan.")
                st.rerun()
            except (DispositionError, PermissionError) as exc:
                st.error(str(exc))


def contacts_editor() -> None:
    store = get_store()
    with st.expander("Kontak unit untuk pengingat", icon=":material/contact_phone:"):
        frame = unit_contacts(store)
        edited = edit_table(
            frame,
            hide_index=True,
            disabled=["code", "name"],
            column_config={
                "code": "Unit",
                "name": "Nama",
                "phone": st.column_config.TextColumn("Nomor WhatsApp"),
                "email": st.column_config.TextColumn("E-mail"),
            },
            key="kontak_unit",
        )
        if st.button("Simpan kontak", key="simpan_kontak"):
            save_contacts(store, edited)
            flash("Kontak unit disimpan.")
            st.rerun()
