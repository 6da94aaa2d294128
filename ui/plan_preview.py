"""Before a plan file is saved: what each row becomes, the proposals to accept, the units it creates."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.plan import PlanDraft, check_plan, plan_outcomes, units_to_create
from kinerja.plan_matching import outcome_counts
from kinerja.store import Store
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
