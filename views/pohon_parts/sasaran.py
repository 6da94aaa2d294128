"""The Pohon Kinerja page's proposals: a sasaran of the tree (or of a file) worded close to a PK
sasaran, the same or not, as the planner says before anything is joined."""

from __future__ import annotations

import streamlit as st

from kinerja.cascade.sasaran import Proposal, join_plan
from kinerja.domain.problems import InputRejected
from kinerja.storage.store import Store
from ui.resources import flash
from ui.text import md_escape

SAME, APART = "Sama: pakai sasaran PK", "Berbeda: tetap sasaran pohon"


def proposal_choices(proposals: list[Proposal] | tuple[Proposal, ...], key: str, file: bool = False) -> dict[str, str]:
    """One choice per proposal (declined until the planner accepts it): the accepted ones, as the
    file's wording (``file``) or the tree's code → the PK sasaran's code."""
    if not proposals:
        return {}
    st.markdown(
        f"**{len(proposals)} sasaran {'berkas' if file else 'pohon'} mirip sasaran Perjanjian Kinerja.** Sasaran yang "
        "sama memakai kalimat, kode dan indikator PK (indikator pohon yang tidak ada di PK tetap); yang berbeda tetap "
        "sasaran pohon sendiri. Tidak ada yang digabung tanpa dipilih."
    )
    accepted = {}
    for proposal in proposals:
        said = (
            md_escape(f'{"Berkas" if file else f"Pohon ({proposal.code})"}: "{proposal.name}"')
            + "  \n"
            + md_escape(f'PK ({proposal.goal}): "{proposal.goal_name}"')
        )
        choice = st.radio(
            said,
            [APART, SAME],
            horizontal=True,
            key=f"{key}_{proposal.code}_{proposal.goal}",
        )
        if choice == SAME:
            accepted[proposal.name if file else proposal.code] = proposal.goal
    return accepted


def plan_join_panel(store: Store, year: int) -> None:
    """The PK arrived after the tree: its sasaran of the same wording waiting to join the tree's,
    and those of close wording to accept or decline, then joined on request."""
    pending = join_plan(store, year, dry_run=True)
    if not (pending.joined or pending.added or pending.proposals):
        return
    st.subheader("Sasaran pohon dan Perjanjian Kinerja", divider="gray")
    if pending.joined or pending.added:
        same = ", ".join(f"{tree} → {goal}" for tree, goal, _ in pending.joined)
        st.info(
            md_escape(
                (f"Bernama sama dengan sasaran/tujuan PK, digabung bila disimpan: {same}. " if same else "")
                + (f"Sasaran/tujuan PK yang ditambahkan ke pohon: {', '.join(pending.added)}." if pending.added else "")
            ),
            icon=":material/merge:",
        )
    accepted = proposal_choices(pending.proposals, f"gabung_pk_{year}")
    if st.button("Gabungkan sasaran pohon ke PK", type="primary", icon=":material/merge:", key=f"gabung_pk_{year}"):
        try:
            done = join_plan(store, year, accepted)
        except (InputRejected, PermissionError) as exc:
            st.error(md_escape(str(exc)))
            return
        flash(md_escape(" ".join(done.lines()) or f"Pohon kinerja {year}: tidak ada yang digabung."))
        st.rerun()
