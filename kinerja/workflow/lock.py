"""A finished year's plan is locked: its final reports were computed from it; its pohon kinerja too, once
its LKjIP is final. An admin can unlock the plan for one change, with a reason kept in the audit trail."""

from __future__ import annotations

from kinerja.access.roles import Action, actor_name, require
from kinerja.domain.period import ANNUAL, roman
from kinerja.domain.problems import InputRejected, Problem
from kinerja.storage.store import Store, Writer
from kinerja.workflow.review import ReportState, report_state


def final_report(store: Store | Writer, year: int) -> int | None:
    """The year's final report that locks its plan: the LKjIP (ANNUAL) first, else the latest quarter."""
    return next((q for q in (ANNUAL, 4, 3, 2, 1) if report_state(store, year, q) is ReportState.FINAL), None)


def plan_year_lock(store: Store | Writer, year: int) -> str | None:
    """Why the year's plan cannot change: its LKjIP or one of its quarterly reports is final (their
    figures come from the plan), and no admin has unlocked the plan for one change (``unlock_plan``)."""
    quarter = final_report(store, year)
    if quarter is None or open_unlock(store, year):
        return None
    what = "laporan tahunan (LKjIP)" if quarter == ANNUAL else f"laporan TW {roman(quarter)}"
    return (
        f"Rencana {year} tidak dapat diubah: {what} {year} sudah final, dan angkanya dihitung dari rencana ini. "
        "Admin dapat membuka kunci rencana dengan alasan (tercatat di jejak audit), lalu rencana dapat diubah sekali."
    )


def open_unlock(store: Store | Writer, year: int) -> int | None:
    return store.scalar("SELECT max(id) FROM plan_unlock WHERE year = ? AND used_at IS NULL", [year])


def unlock_plan(store: Store, year: int, reason: str) -> None:
    """An admin lets a finished year's plan change once, with a reason kept in the audit trail."""
    require(Action.UNLOCK)
    if not reason.strip():
        raise InputRejected([Problem("Tulis alasan membuka kunci rencana: tercatat di jejak audit.")])
    with store.write() as w:
        w.execute(
            "INSERT INTO plan_unlock (id, year, reason, opened_by) VALUES (?, ?, ?, ?)",
            [w.next_id("plan_unlock"), year, reason.strip(), actor_name()],
        )
        w.audit("rencana.buka_kunci", f"rencana {year}", after={"alasan": reason.strip()})


_LOCKED = (
    "Pohon kinerja {year} tidak dapat diubah: LKjIP {year} sudah final dan menyajikan pohon ini. Admin dapat "
    "membuka kunci rencana dengan alasan (tercatat di jejak audit), lalu pohon dapat diubah sekali."
)


def hold_for_lkjip(w, year: int) -> None:
    """Inside a write: refuse a change to the year's tree once its LKjIP is final, unless an admin
    opened the plan with a reason (the unlock is then used up)."""
    if report_state(w, year, ANNUAL) is ReportState.FINAL:  # read inside the transaction
        if not open_unlock(w, year):
            raise InputRejected([Problem(_LOCKED.format(year=year))])
        w.execute("UPDATE plan_unlock SET used_at = current_timestamp WHERE id = ?", [open_unlock(w, year)])
