"""Pieces of the Verifikasi page: the units' states, one unit's quarter with its notes, the
operator's and the reviewer's actions, and the period's report state and locks."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kinerja.access.people import label_people, people
from kinerja.access.roles import Action, Actor, Role, can
from kinerja.domain.numbers import fmt_date
from kinerja.domain.problems import InputRejected
from kinerja.domain.recap import display_recap
from kinerja.storage.settings import office_clock
from kinerja.workflow import review
from kinerja.workflow.completeness import units_in_plan
from kinerja.workflow.review import REPORT_WORD, STATE_WORD, State
from ui.resources import cached_recap, data_version, flash, get_store
from ui.tables import edit_table, show_table
from ui.text import md_escape


def visible_units(actor: Actor, year: int) -> list[str]:
    """Units with indicators in the year's plan that this actor answers for (all, for an admin,
    a leader or the LKE's evaluators, who read the whole office)."""
    codes = [c for c in units_in_plan(get_store(), year)]
    if actor.role not in (Role.OPERATOR, Role.REVIEWER):
        return codes
    return [c for c in codes if c in actor.scope]


def state_table(units: list[str], year: int, quarter: int) -> pd.DataFrame:
    store = get_store()
    found = review.states(store, year, quarter).set_index("unit_code")
    known, clock = people(store), office_clock(store)
    rows = []
    for unit in units:
        if unit in found.index:
            row = found.loc[unit]
            rows.append(
                {
                    "Unit": unit,
                    "Status": STATE_WORD[State(row["state"])],
                    "Oleh": label_people([row["actor"]], known)[0],
                    "Waktu": clock.show(row["happened_at"]),
                }
            )
        else:
            rows.append({"Unit": unit, "Status": STATE_WORD[None], "Oleh": "", "Waktu": ""})
    return pd.DataFrame(rows, columns=["Unit", "Status", "Oleh", "Waktu"])


def _done(message: str) -> None:
    flash(message)
    st.rerun()


def _refused(exc: Exception) -> None:
    problems = getattr(exc, "problems", None)
    st.error("\n".join(p.message for p in problems) if problems else str(exc), icon=":material/block:")


WRAPPED_ROW = 76  # px: three lines of a cell, so a reviewer's note and a long indicator name show in full


def unit_quarter(actor: Actor, unit: str, year: int, quarter: int) -> None:
    """One unit's quarter: its state, its figures, the notes of the last return, and the actions
    this actor may take on it."""
    store = get_store()
    state = review.state_of(store, unit, year, quarter)
    period = review.period_name(year, quarter)
    st.subheader(f"{md_escape(unit)} · {period}: {STATE_WORD[state]}")
    frame = cached_recap(data_version(), year, quarter, unit)
    frame = frame[frame["unit_code"] == unit].reset_index(drop=True)
    notes = review.return_notes(store, unit, year, quarter)
    if state is State.RETURNED:
        last = review.history(store, unit, year, quarter).iloc[-1]
        st.warning(
            f"Dikembalikan oleh {md_escape(last['person'])} ({office_clock(store).show(last['happened_at'])}): "
            f"{md_escape(last['note'] or '')}",
            icon=":material/undo:",
        )
    shown = display_recap(frame)[["Kode", "Indikator", "Satuan", "Target s.d. TW", "Realisasi s.d. TW", "Capaian"]]
    shown["Catatan peninjau"] = [notes.get(code, "") for code in frame["indicator_code"]]
    if can(actor, Action.REVIEW, unit) and state in (State.SUBMITTED, State.VERIFIED):
        _reviewer_actions(unit, year, quarter, state, shown)
    else:
        show_table(
            shown,
            hide_index=True,
            width="stretch",
            row_height=WRAPPED_ROW,
            height="content",
            column_config={
                "Indikator": st.column_config.TextColumn(width="medium"),
                "Catatan peninjau": st.column_config.TextColumn(width="large"),
            },
        )
        _notes_in_full(frame, notes)
        if can(actor, Action.SUBMIT, unit) and state in (State.DRAFT, State.RETURNED):
            _submit(unit, year, quarter, state)
        elif state is None and can(actor, Action.SUBMIT, unit):
            st.info("Belum ada data triwulan ini: unggah dulu di halaman Unggah Data.")
    # keyed: it stays open while the messages above it come and go
    with st.expander("Riwayat", icon=":material/history:", key=f"riwayat_{unit}_{year}_{quarter}", on_change="rerun"):
        steps = review.history(store, unit, year, quarter)
        show_table(
            pd.DataFrame(
                {
                    "Waktu": steps["happened_at"].map(office_clock(store).show),
                    "Status": steps["state"].map(lambda s: STATE_WORD[State(s)]),
                    "Oleh": steps["person"],
                    "Catatan": [
                        "; ".join(filter(None, [n if isinstance(n, str) else None, *x]))
                        for n, x in zip(steps["note"], steps["notes"], strict=True)
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
        )


def _notes_in_full(frame: pd.DataFrame, notes: dict[str, str]) -> None:
    """The reviewer's notes word for word under the table (a cell shows three lines of them, a phone less)."""
    noted = [(code, name) for code, name in zip(frame["indicator_code"], frame["indicator_name"], strict=True)]
    lines = [f"- **{md_escape(c)}** {md_escape(n)}: {md_escape(notes[c])}" for c, n in noted if notes.get(c)]
    if lines:
        st.markdown("**Catatan peninjau per indikator**\n" + "\n".join(lines))


def _submit(unit: str, year: int, quarter: int, state: State) -> None:
    verb = "Ajukan ulang" if state is State.RETURNED else "Ajukan untuk verifikasi"
    note = st.text_input("Catatan untuk peninjau (opsional)", key=f"catatan_ajukan_{unit}")
    if st.button(verb, type="primary", icon=":material/send:", key=f"ajukan_{unit}"):
        try:
            review.submit(get_store(), unit, year, quarter, note or None)
            _done(f"Data {unit} {review.period_name(year, quarter)} diajukan untuk verifikasi.")
        except (InputRejected, PermissionError) as exc:
            _refused(exc)


def _reviewer_actions(unit: str, year: int, quarter: int, state: State, shown: pd.DataFrame) -> None:
    st.caption("Tulis catatan pada indikator yang perlu diperbaiki, lalu kembalikan; atau verifikasi bila sudah benar.")
    edited = edit_table(
        shown,
        hide_index=True,
        width="stretch",
        disabled=[c for c in shown.columns if c != "Catatan peninjau"],
        row_height=WRAPPED_ROW,
        height="content",
        column_config={"Catatan peninjau": st.column_config.TextColumn(width="large")},
        key=f"catatan_{unit}_{year}_{quarter}",
    )
    note = st.text_area("Catatan umum", key=f"catatan_umum_{unit}")
    left, right = st.columns(2)
    if state is State.SUBMITTED and left.button(
        "Verifikasi", type="primary", icon=":material/verified:", key=f"verifikasi_{unit}"
    ):
        try:
            review.verify(get_store(), unit, year, quarter, note or None)
            _done(f"Data {unit} {review.period_name(year, quarter)} terverifikasi.")
        except (InputRejected, PermissionError) as exc:
            _refused(exc)
    if right.button("Kembalikan untuk diperbaiki", icon=":material/undo:", key=f"kembalikan_{unit}"):
        per_indicator = dict(zip(edited["Kode"], edited["Catatan peninjau"].fillna(""), strict=True))
        try:
            review.send_back(get_store(), unit, year, quarter, note, per_indicator)
            _done(f"Data {unit} {review.period_name(year, quarter)} dikembalikan dengan catatan.")
        except (InputRejected, PermissionError) as exc:
            _refused(exc)


def report_panel(actor: Actor, year: int, quarter: int) -> None:
    """The period's quarterly and annual report states; advancing them, and unlocking, for an admin."""
    store = get_store()
    for q in (quarter, review.ANNUAL):
        state = review.report_state(store, year, q)
        name = "Laporan tahunan" if q == review.ANNUAL else "Laporan triwulan"
        st.markdown(f"**{name} {review.period_name(year, q)}: {REPORT_WORD[state]}**")
        if not can(actor, Action.REPORT):
            continue
        if state is review.ReportState.FINAL:
            reason = st.text_input("Alasan membuka kunci", key=f"alasan_{q}")
            if st.button("Buka kunci", icon=":material/lock_open:", key=f"buka_{q}"):
                try:
                    review.unlock(store, year, q, reason)
                    _done(f"{name} {review.period_name(year, q)} dibuka kembali.")
                except (InputRejected, PermissionError) as exc:
                    _refused(exc)
        else:
            label = "Tandai terkoreksi" if state is review.ReportState.DRAFT else "Finalkan dan kunci data"
            if st.button(label, icon=":material/arrow_forward:", key=f"maju_{q}"):
                try:
                    review.advance_report(store, year, q)
                    _done(f"{name} {review.period_name(year, q)}: {label.lower()}.")
                except (InputRejected, PermissionError) as exc:
                    _refused(exc)


def reopen_panel(unit: str, year: int, quarter: int) -> None:
    """An admin reopens a closed quarter for one unit."""
    with st.expander(f"Buka kembali periode untuk {unit}", icon=":material/event_available:"):
        until = st.date_input(
            "Sampai", dt.date.today() + dt.timedelta(days=7), format="DD/MM/YYYY", key=f"sampai_{unit}"
        )
        reason = st.text_input("Alasan", key=f"alasan_buka_{unit}")
        if st.button("Buka kembali", key=f"buka_unit_{unit}"):
            try:
                review.reopen(get_store(), unit, year, quarter, until, reason)
                _done(f"Periode {review.period_name(year, quarter)} dibuka untuk {unit} sampai {fmt_date(until)}.")
            except (InputRejected, PermissionError) as exc:
                _refused(exc)
