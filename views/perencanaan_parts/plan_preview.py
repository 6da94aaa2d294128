"""Before a plan file is saved: what each row becomes, the proposals to accept, the units it creates."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.access.roles import Action, Actor, can
from kinerja.cascade.sasaran import join_plan
from kinerja.domain.problems import InputRejected, Problem, shown
from kinerja.planning.columns import (
    heading_rows,
    mapping_targets,
    remember_plan_columns,
    remembered_mappings,
    suggested_reading,
)
from kinerja.planning.matching import outcome_counts
from kinerja.planning.rows import PlanDraft
from kinerja.planning.saving import check_plan, plan_outcomes, prepare_plan, save_plan, units_to_create
from kinerja.planning.stored import sasaran_names
from kinerja.planning.unsaid import ANSWERS, choices_from_table
from kinerja.planning.workbook import read_plan_file
from kinerja.storage.store import Store
from kinerja.workflow.lock import plan_year_lock, unlock_plan
from ui.columns import columns_read, heading_choice, mapping_editor
from ui.resources import flash
from ui.tables import edit_table, show_table
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
    show_table(
        pd.DataFrame([o.as_dict() for o in outcomes]),
        hide_index=True,
        column_config={
            "Perubahan": st.column_config.TextColumn(width="large"),
            "Asal nilai": st.column_config.TextColumn(width="large"),
        },
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
    show_table(
        pd.DataFrame([p.as_dict() for p in shown(warnings)]).astype({"Baris": "Int64"}),
        hide_index=True,
        key=f"peringatan_{key}",
    )
    return st.checkbox("Saya sudah memeriksa peringatan di atas", key=f"rencana_periksa_{key}")


def column_mapping(store: Store, content: bytes, name: str, draft: PlanDraft, key: str) -> None:
    """Which column of the file was read as what; and where the headings are not recognised, the
    planner says which column is which, remembered for the next file with the same headings."""
    missing = any(p.message.startswith(("Kolom wajib tidak", "Tabel rencana tidak")) for p in draft.errors)
    rows = heading_rows(content, name)
    title = "Tentukan kolom" if missing else f"Kolom yang dibaca: {len(draft.columns)}"
    with st.expander(title, expanded=missing, icon=":material/view_column:"):
        columns_read(draft.columns, key)
        if not rows:
            st.caption("Berkas ini tidak punya baris judul kolom yang dapat dipetakan.")
            return
        st.caption(
            "Bila sebuah kolom dibaca keliru atau judulnya tidak dikenali, tentukan di sini isinya. "
            "Pilihan disimpan untuk berkas rencana berikutnya dengan judul kolom yang sama."
        )
        heading = heading_choice(rows, draft.columns, key)
        mapping_editor(
            heading,
            mapping_targets(),
            draft.columns,
            suggested_reading(heading, draft.year),
            key,
            lambda chosen: remember_plan_columns(store, heading, chosen),
        )


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


def uploaded_plan(store: Store, uploaded, year: int, units: pd.DataFrame) -> None:
    """An uploaded plan file: read (with the columns planners mapped by hand), its columns shown and
    mappable, previewed row by row, saved on the planner's word."""
    content, name = uploaded.getvalue(), uploaded.name
    draft = read_plan_file(content, name, mappings=remembered_mappings(store, content, name))
    draft.year = draft.year or year
    st.write(
        f"Terbaca **{len(draft.rows)} indikator**, {len(draft.programmes)} program, {len(draft.units)} unit untuk tahun **{draft.year}**."
    )
    column_mapping(store, content, name, draft, uploaded.file_id)
    prepare_plan(store, draft)  # what other years say first: the unit is asked only of rows they do not cover
    if any(not row.unit for row in draft.rows):
        draft.default_unit = st.selectbox(
            "Unit penanggung jawab indikator baru yang tidak menyebutnya",
            units["Kode Unit"].tolist(),
            index=None,
            accept_new_options=True,
            placeholder="Pilih unit, atau ketik nama unit baru",
            key="rencana_unit_bawaan",
        )
    if any(not row.sasaran for row in draft.rows):
        draft.default_sasaran = st.selectbox(
            "Sasaran Strategis indikator yang tidak menyebutnya (berkas tanpa kolom sasaran)",
            sasaran_names(store),
            index=None,
            accept_new_options=True,
            placeholder="Pilih sasaran, atau ketik sasaran baru",
            key="rencana_sasaran_bawaan",
        )
    answered = ask_unsaid(store, draft, uploaded.file_id)
    problems = draft.problems + check_plan(store, draft, unanswered=False)
    if any(p.severity == "error" for p in problems):
        show_problems(problems)
        return
    checked = preview(store, draft, uploaded.file_id)
    if not answered:
        st.caption("Konfirmasi polaritas dan agregasi indikator baru di atas sebelum menyimpan.")
    if st.button(
        f"Simpan rencana tahun {draft.year}", type="primary", key="simpan_unggahan", disabled=not (answered and checked)
    ):
        save_from_page(store, draft)


def ask_unsaid(store: Store, draft: PlanDraft, key: str) -> bool:
    """New indicators whose polarity or aggregation neither the file nor another year says: each
    proposed from its words, kept or changed in the table, confirmed at once; True when confirmed
    (or nothing to ask)."""
    questions = prepare_plan(store, draft).questions
    if not questions:
        return True
    st.warning(
        f"{len(questions)} indikator baru tanpa polaritas atau agregasi, di berkas maupun di tahun lain. "
        "Kinerja mengusulkannya dari kata indikatornya: periksa, ubah bila keliru, lalu konfirmasi.",
        icon=":material/help:",
    )
    frame = pd.DataFrame([q.as_dict() for q in questions])
    asked = ANSWERS  # column → the words a planner may choose
    edited = edit_table(
        frame,
        hide_index=True,
        disabled=[c for c in frame.columns if c not in asked],
        column_config={
            label: st.column_config.SelectboxColumn(options=options, required=True) for label, options in asked.items()
        }
        | {
            "Indikator": st.column_config.TextColumn(width="medium"),
            "Alasan usulan": st.column_config.TextColumn(width="large"),
        },
        key=f"rencana_tanpa_nilai_{key}",
    )
    confirmed = st.checkbox(
        f"Polaritas dan agregasi {len(questions)} indikator di atas sudah saya periksa",
        key=f"rencana_tanpa_nilai_ok_{key}",
    )
    if confirmed:
        draft.chosen = choices_from_table(questions, edited.to_dict("records"))
    return confirmed


def show_problems(problems: list[Problem]) -> None:
    """Why a plan was not saved, every problem with its place."""
    errors = sum(p.severity == "error" for p in problems)
    st.error(
        f"Rencana tidak disimpan: {errors} galat. Perbaiki lalu simpan lagi; tidak ada data yang berubah.",
        icon=":material/error:",
    )
    show_table(
        pd.DataFrame([p.as_dict() for p in shown(problems)]).astype({"Baris": "Int64"}),  # no row: blank
        hide_index=True,
        column_config={"Masalah": st.column_config.TextColumn(width="large")},
    )


def save_from_page(store: Store, draft: PlanDraft, removed=()) -> None:
    """Save a plan from the page: its summary as the next run's message, or why it was refused."""
    try:
        summary = save_plan(store, draft, remove_codes=removed)
    except InputRejected as exc:
        show_problems(exc.problems)
    else:
        joined = []
        if summary.saved:  # the year's tree, drawn before the PK: its sasaran join the PK's (close ones proposed)
            try:
                joined = [md_escape(line) for line in join_plan(store, int(draft.year)).lines()]  # type: ignore[arg-type]
            except (InputRejected, PermissionError) as exc:
                joined = [f"Pohon kinerja tidak digabung ke PK: {md_escape(str(exc))}"]
        flash(" ".join([*summary.lines(), *joined]))
        st.rerun()
