"""Before a plan file is saved: what each row becomes, the proposals to accept, the units it creates."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.access import Action, Actor, can
from kinerja.plan import PlanDraft, check_plan, plan_outcomes, plan_year_lock, units_to_create, unlock_plan
from kinerja.plan_matching import outcome_counts
from kinerja.plan_workbook import read_plan_file
from kinerja.problems import InputRejected
from kinerja.store import Store
from ui.resources import flash
from ui.text import md_escape

PROPOSAL_KEY = "rencana_usulan"  # + the new code: the planner's answer to one proposal


def preview(store: Store, draft: PlanDraft, key: str) -> bool:
    """Show what saving the draft does, ask about each proposal and any new unit; True when the
    planner may save (every warning confirmed)."""
    for outcome in plan_outcomes(store, draft):
        if outcome.proposal and st.session_state.get(f"{PROPOSAL_KEY}_{key}_{outcome.row.code}"):
            draft.accepted[outcome.row.code] = outcome.proposal.split(" ")[0]
    outcomes = plan_outcomes(store, draft)
    counts = outcome_counts(outcomes)
    st.markdown(
        f"**{len(outcomes)} baris indikator** untuk tahun **{draft.year}**: {counts['baru']} baru, "
        f"{counts['lanjutan']} lanjutan dari tahun lain, {counts['diubah']} diubah, {counts['tetap']} tetap."
    )
    st.dataframe(
        pd.DataFrame([o.as_dict() for o in outcomes]),
        hide_index=True,
        column_config={"Perubahan": st.column_config.TextColumn(width="large")},
        key=f"pratinjau_{key}",
    )
    proposals = [o for o in outcomes if o.proposal]
    proposals += [
        o for o in outcomes if o.matched_by == "usulan disetujui"
    ]  # stay listed once accepted, so the answer can be taken back
    for outcome in proposals:
        code = outcome.row.code
        existing = outcome.proposal or draft.accepted.get(code, "")
        st.checkbox(
            f"Baris {outcome.row.place.row}: {md_escape(code)} '{md_escape(outcome.row.name)}' sama dengan "
            f"{md_escape(existing)}? Bila dicentang, disimpan sebagai indikator {md_escape(existing.split(' ')[0])} "
            "(riwayat dan tren bersambung); bila tidak, sebagai indikator baru.",
            key=f"{PROPOSAL_KEY}_{key}_{code}",
        )
    warnings = [p for p in draft.problems + check_plan(store, draft) if p.severity == "warning"]
    new_units = units_to_create(store, draft)
    if new_units:
        st.info(
            f"{len(new_units)} unit baru dibuat dari kolom Penanggung Jawab: "
            + ", ".join(f"{md_escape(u.code)} ({md_escape(u.name)})" for u in new_units),
            icon=":material/account_tree:",
        )
    if not warnings:
        return True
    st.warning(f"{len(warnings)} peringatan: periksa sebelum menyimpan.", icon=":material/warning:")
    st.dataframe(pd.DataFrame([p.as_dict() for p in warnings]), hide_index=True, key=f"peringatan_{key}")
    return st.checkbox("Saya sudah memeriksa peringatan di atas", key=f"rencana_periksa_{key}")


def plan_lock(store: Store, year: int, actor: Actor) -> None:
    """Why the year's plan is locked, and for an admin the form to unlock it once, with a reason."""
    locked = plan_year_lock(store, year)
    if not locked:
        return
    st.warning(locked, icon=":material/lock:")
    if not can(actor, Action.UNLOCK):
        return
    with st.form("buka_kunci_rencana", border=False):
        reason = st.text_input("Alasan membuka kunci rencana", placeholder="mis. PK perubahan ditandatangani 3 Juli")
        if st.form_submit_button("Buka kunci rencana untuk satu perubahan", icon=":material/lock_open:"):
            try:
                unlock_plan(store, year, reason)
            except InputRejected as exc:
                st.error(exc.problems[0].message)
            else:
                flash(f"Kunci rencana {year} dibuka untuk satu perubahan; alasan tercatat di jejak audit.")
                st.rerun()


def uploaded_plan(store: Store, uploaded, year: int, units: pd.DataFrame, save, show_problems) -> None:
    """An uploaded plan file: read, previewed row by row, saved on the planner's word."""
    draft = read_plan_file(uploaded.getvalue(), uploaded.name)
    draft.year = draft.year or year
    st.write(
        f"Terbaca **{len(draft.rows)} indikator**, {len(draft.programmes)} program, {len(draft.units)} unit untuk tahun **{draft.year}**."
    )
    if any(not row.unit for row in draft.rows):
        draft.default_unit = st.selectbox(
            "Unit penanggung jawab baris yang tidak menyebutnya (pilih, atau ketik nama unit baru)",
            units["Kode Unit"].tolist(),
            index=None,
            accept_new_options=True,
            key="rencana_unit_bawaan",
        )
    if draft.errors:
        show_problems(draft.problems)
    elif preview(store, draft, uploaded.file_id) and st.button(
        f"Simpan rencana tahun {draft.year}", type="primary", key="simpan_unggahan"
    ):
        save(draft)
