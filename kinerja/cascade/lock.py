"""A year's pohon kinerja is history once its LKjIP (which presents it) is final."""

from __future__ import annotations

from kinerja.domain.period import ANNUAL
from kinerja.domain.problems import InputRejected, Problem
from kinerja.planning.lock import open_unlock
from kinerja.workflow.review import ReportState, report_state

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
