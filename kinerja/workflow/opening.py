"""The period a page opens on. Leaders' pages open on the latest quarter that most units have sent
for verification, not on a quarter that holds one unit's first draft; Unggah Data opens on the
quarter the signed-in account has to fill.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kinerja.access.roles import Actor, Role
from kinerja.domain.period import period_name, quarter_of, roman
from kinerja.storage.store import Store
from kinerja.workflow.completeness import units_in_plan
from kinerja.workflow.review import REPORT_WORD, PeriodRules, ReportState, State

# A unit's quarter counts as sent once it is submitted or verified; a returned one is not (yet).
SENT = (State.SUBMITTED.value, State.VERIFIED.value)
# A report corrected or final closes its quarter's collection, whatever the units' states say.
CLOSED_REPORTS = (ReportState.CORRECTED, ReportState.FINAL)

_PROGRESS_SQL = """
WITH planned AS (SELECT DISTINCT year, unit_id FROM indicator_in_year),
quarters AS (SELECT unnest([1, 2, 3, 4]) AS quarter),
states AS (SELECT unit_id, year, quarter, arg_max(state, id) AS state FROM review_event GROUP BY ALL),
sent AS (
    SELECT DISTINCT s.unit_id, r.year, r.quarter FROM realization_current r JOIN submission s ON s.id = r.submission_id
    WHERE r.value IS NOT NULL OR r.numerator IS NOT NULL)
SELECT p.year, q.quarter, count(p.unit_id) AS units,
       count(p.unit_id) FILTER (WHERE list_contains($sent, st.state)) AS submitted, count(d.unit_id) AS with_data
FROM planned p CROSS JOIN quarters q
LEFT JOIN states st ON st.unit_id = p.unit_id AND st.year = p.year AND st.quarter = q.quarter
LEFT JOIN sent d ON d.unit_id = p.unit_id AND d.year = p.year AND d.quarter = q.quarter
GROUP BY ALL ORDER BY 1, 2
"""


@dataclass(frozen=True, order=True)
class QuarterProgress:
    """How far one quarter's collection has come."""

    year: int
    quarter: int
    units: int  # units with indicators in the year's plan
    submitted: int  # of them, those whose quarter is submitted or verified
    with_data: int  # of them, those whose figures for the quarter are in
    report: ReportState | None = None  # the quarter's (or the year's) report, when corrected or final

    @property
    def period(self) -> tuple[int, int]:
        return self.year, self.quarter

    @property
    def most_sent(self) -> bool:
        """More than half of the units have sent the quarter for verification."""
        return 2 * self.submitted > self.units

    @property
    def closed(self) -> bool:
        return self.most_sent or self.report is not None


@dataclass(frozen=True)
class Opening:
    """The period a page opens on, and why, in the words the page says it."""

    year: int
    quarter: int
    why: str

    @property
    def period(self) -> tuple[int, int]:
        return self.year, self.quarter


def progress(store: Store) -> list[QuarterProgress]:
    """Every quarter of every planned year, oldest first, with its units' states and report; read
    once per data version (``Store.memo``): a page's opening period and its year's opening quarter,
    and Unggah Data's period, share one read. The list is shared: not to be changed."""
    return store.memo(("quarter_progress",), lambda: _progress(store))


def _progress(store: Store) -> list[QuarterProgress]:
    reports = {
        (int(y), int(q)): ReportState(s)
        for y, q, s in store.rows("SELECT year, quarter, arg_max(state, id) FROM report_event GROUP BY ALL")
    }
    rows = store.rows(_PROGRESS_SQL, {"sent": list(SENT)})
    found = []
    for year, quarter, units, submitted, with_data in rows:
        report = next((r for r in (reports.get((year, quarter)), reports.get((year, 0))) if r in CLOSED_REPORTS), None)
        found.append(QuarterProgress(int(year), int(quarter), int(units), int(submitted), int(with_data), report))
    return found


def choose_opening(quarters: Sequence[QuarterProgress], today: dt.date, year: int | None = None) -> Opening | None:
    """The rule over plain values (``year`` keeps to one year): the latest quarter that most units
    with indicators in its plan have submitted (or verified), or whose report is corrected or final;
    while there is none, the latest quarter with data (today's when it has some; a quarter after
    today only when no earlier one has any); with no data at all, today's quarter in a planned year,
    else the newest plan's TW I. None without a plan."""
    shown = sorted(q for q in quarters if year is None or q.year == year)
    if not shown:
        return None
    closed = [q for q in shown if q.closed]
    with_data = [q for q in shown if q.with_data]
    now = (today.year, quarter_of(today))
    if closed:
        chosen = closed[-1]
        if chosen.most_sent:
            why = f"triwulan terakhir yang sudah diajukan sebagian besar unit ({chosen.submitted} dari {chosen.units})"
        else:
            why = f"triwulan terakhir yang laporannya sudah {REPORT_WORD[chosen.report].lower()}"
    elif with_data:
        chosen = ([q for q in with_data if q.period <= now] or with_data)[-1]
        why = "triwulan terakhir yang berisi data; belum ada triwulan yang diajukan sebagian besar unit"
    else:
        chosen = next((q for q in shown if q.period == now), None) or next(q for q in shown if q.year == shown[-1].year)
        why = "belum ada data triwulan yang masuk"
    later = [_later(q, chosen.year) for q in shown if q.period > chosen.period and q.with_data]
    return Opening(
        chosen.year, chosen.quarter, f"Menampilkan {period_name(*chosen.period)}: {why}. {' '.join(later)}".strip()
    )


def _later(quarter: QuarterProgress, year: int) -> str:
    name = f"TW {roman(quarter.quarter)}" if quarter.year == year else period_name(*quarter.period)
    sent = f", {quarter.submitted} di antaranya sudah diajukan" if quarter.submitted else ""
    return f"{name} baru berisi data {quarter.with_data} unit{sent}."


def opening_period(store: Store, year: int | None = None, today: dt.date | None = None) -> Opening | None:
    """The period the leaders' pages (Beranda, Dasbor, Laporan, Verifikasi, Rekap, …) open on, or
    with ``year`` the quarter that year opens on; the rule is :func:`choose_opening`'s."""
    return choose_opening(progress(store), today or dt.date.today(), year)


def collecting_period(quarters: Sequence[QuarterProgress], today: dt.date) -> tuple[int, int] | None:
    """The quarter being collected: the one after the latest quarter most units have submitted (TW I
    of the next year once TW IV is, when that year has a plan); while none is, the opening period."""
    opening = choose_opening(quarters, today)
    if opening is None:
        return None
    shown = {q.period: q for q in quarters}
    if not shown[opening.period].closed:
        return opening.period
    following = (opening.year, opening.quarter + 1) if opening.quarter < 4 else (opening.year + 1, 1)
    return following if following in shown else opening.period


def upload_period(store: Store, actor: Actor | None, today: dt.date | None = None) -> tuple[int, int] | None:
    """The quarter Unggah Data opens on for ``actor``. For an operator, the earliest quarter of the
    year being collected that one of its units still has to fill: its state draft, returned or none,
    and open by the deadlines (opened, not closed unless reopened for the unit, not locked by a final
    report). For an admin, or an operator with nothing left to fill, the quarter being collected."""
    today = today or dt.date.today()
    quarters = progress(store)
    collecting = collecting_period(quarters, today)
    if collecting is None or actor is None or actor.role is Role.ADMIN:
        return collecting
    year = collecting[0]
    units = [u for u in units_in_plan(store, year) if u in actor.scope]
    rules = PeriodRules.load(store, [year])
    for quarter in (1, 2, 3, 4):
        if any(rules.refusal(actor, unit, year, quarter, today) is None for unit in units):
            return year, quarter
    return collecting
