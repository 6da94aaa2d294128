"""The SOP's yes/no loop, and when a unit's data may change.

A unit's quarter moves draft → submitted → verified, or → returned with notes on the indicators
concerned, then draft again when the unit corrects it. The reports move draft → corrected → final;
a final report locks its period (a quarter, or with the annual report the whole year) until an
admin unlocks it with a reason. After a quarter's close date a unit's operator can no longer
change its data unless an admin reopens it for that unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from kinerja.access.people import label_people, people
from kinerja.access.roles import Action, Actor, Role, current, require
from kinerja.domain.numbers import fmt_date
from kinerja.domain.period import ANNUAL, period_name
from kinerja.domain.problems import InputRejected, Problem
from kinerja.storage.store import Store, Writer


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    VERIFIED = "verified"
    RETURNED = "returned"


STATE_WORD = {
    None: "Belum ada data",
    State.DRAFT: "Draf",
    State.SUBMITTED: "Diajukan",
    State.VERIFIED: "Terverifikasi",
    State.RETURNED: "Dikembalikan",
}


class ReportState(StrEnum):
    DRAFT = "draft"
    CORRECTED = "corrected"
    FINAL = "final"


REPORT_WORD = {ReportState.DRAFT: "Draf", ReportState.CORRECTED: "Terkoreksi", ReportState.FINAL: "Final"}


# --- a unit's quarter --------------------------------------------------------------------------------

_LATEST_SQL = """
SELECT u.code, e.year, e.quarter, e.state, e.actor, e.happened_at, e.note, e.id
FROM review_event e JOIN unit u ON u.id = e.unit_id
WHERE e.year = ? {quarter}
QUALIFY row_number() OVER (PARTITION BY e.unit_id, e.year, e.quarter ORDER BY e.id DESC) = 1
"""


def states(store: Store, year: int, quarter: int | None = None) -> pd.DataFrame:
    """The review state of every unit's quarter that has one: unit_code, year, quarter, state,
    actor, at, note, event_id."""
    sql = _LATEST_SQL.format(quarter="AND e.quarter = ?" if quarter else "")
    return pd.DataFrame(
        store.rows(sql, [year, quarter] if quarter else [year]),
        columns=["unit_code", "year", "quarter", "state", "actor", "happened_at", "note", "event_id"],
    )


def state_of(store: Store | Writer, unit: str, year: int, quarter: int) -> State | None:
    found = store.scalar(
        "SELECT e.state FROM review_event e JOIN unit u ON u.id = e.unit_id "
        "WHERE upper(u.code) = upper(?) AND e.year = ? AND e.quarter = ? ORDER BY e.id DESC LIMIT 1",
        [unit, year, quarter],
    )
    return None if found is None else State(found)


def history(store: Store, unit: str, year: int, quarter: int) -> pd.DataFrame:
    """Every step of a unit's quarter, oldest first, with the notes of each return; ``person``: who
    took it, by name with the account ('Kepala Bidang Kesmas (kabid.kesmas)')."""
    steps = store.df(
        """
        SELECT e.id, e.state, e.actor, e.happened_at, e.note,
               coalesce(list(i.code || ': ' || n.note ORDER BY i.position, i.code) FILTER (WHERE n.note IS NOT NULL), []) AS notes
        FROM review_event e JOIN unit u ON u.id = e.unit_id
        LEFT JOIN review_note n ON n.event_id = e.id
        LEFT JOIN indicator i ON i.id = n.indicator_id
        WHERE upper(u.code) = upper(?) AND e.year = ? AND e.quarter = ?
        GROUP BY ALL ORDER BY e.id
        """,
        [unit, year, quarter],
    )
    return steps.assign(person=label_people(steps["actor"], people(store)))


def return_notes(store: Store, unit: str, year: int, quarter: int) -> dict[str, str]:
    """The notes of the latest return of a unit's quarter, by indicator code: empty if it was never
    returned, or verified since (an old note must not speak of data a reviewer has accepted)."""
    rows = store.rows(
        """
        WITH steps AS (
            SELECT e.id, e.state FROM review_event e JOIN unit u ON u.id = e.unit_id
            WHERE upper(u.code) = upper(?) AND e.year = ? AND e.quarter = ?)
        SELECT i.code, n.note FROM review_note n JOIN indicator i ON i.id = n.indicator_id
        WHERE n.event_id = (SELECT max(id) FROM steps WHERE state = 'returned')
          AND NOT EXISTS (
              SELECT 1 FROM steps WHERE state = 'verified' AND id > (SELECT max(id) FROM steps WHERE state = 'returned'))
        ORDER BY i.position, i.code
        """,
        [unit, year, quarter],
    )
    return dict(rows)


def returned_quarters(store: Store, units: frozenset[str] | set[str], year: int) -> pd.DataFrame:
    """The quarters of ``year`` that a reviewer returned to one of ``units`` and that wait for it
    (still returned): unit_code, quarter, actor, person (see ``history``), happened_at, note; for the
    unit's Beranda."""
    found = states(store, year)
    waiting = found[(found["state"] == State.RETURNED.value) & found["unit_code"].isin(list(units))]
    waiting = waiting.assign(person=label_people(waiting["actor"], people(store)))
    return waiting[["unit_code", "quarter", "actor", "person", "happened_at", "note"]].sort_values(
        ["quarter", "unit_code"]
    )


def record(
    w: Writer,
    unit: str,
    year: int,
    quarter: int,
    state: State,
    note: str | None = None,
    *,
    demo: bool = False,
    at: dt.datetime | None = None,
) -> int:
    """Append a step of the loop (inside the caller's transaction) and audit it; ``at``: when it
    happened as the database stores times (default: now; the demo's history gives its own)."""
    unit_id = w.scalar("SELECT id FROM unit WHERE upper(code) = upper(?)", [unit])
    before = state_of(w, unit, year, quarter)
    event = w.next_id("review_event")
    actor = current()
    w.execute(
        "INSERT INTO review_event (id, unit_id, year, quarter, state, actor, note, demo, happened_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?::TIMESTAMP, current_timestamp::TIMESTAMP))",
        [event, unit_id, year, quarter, state.value, actor.name if actor else "anonim", note, demo, at],
    )
    w.audit(
        f"status.{state.value}",
        f"{unit} {period_name(year, quarter)}",
        {"status": before.value if before else None},
        {"status": state.value, "catatan": note},
        at=at,
    )
    return event


def record_drafts(
    w: Writer,
    periods: list[tuple[str, int, int]],
    states: dict[tuple[str, int, int], State],
    *,
    at: dt.datetime | None = None,
    demo: bool = False,
) -> None:
    """After an upload: each unit-quarter not already a draft becomes one (one statement for all);
    ``at``, ``demo`` as :func:`record` takes them."""
    moving = [(u, y, q) for u, y, q in periods if states.get((u.upper(), y, q)) is not State.DRAFT]
    if not moving:
        return
    ids = dict(w.cursor.execute("SELECT upper(code), id FROM unit").fetchall())
    first = w.next_id("review_event")
    actor = current()
    name = actor.name if actor else "anonim"
    events = pd.DataFrame(
        [(first + n, ids[u.upper()], y, q, "draft", name, demo, at) for n, (u, y, q) in enumerate(moving)],
        columns=["id", "unit_id", "year", "quarter", "state", "actor", "demo", "happened_at"],
    )
    w.insert_df("review_event", events if at else events.drop(columns="happened_at"))  # else the database's now
    w.audit_many(
        [
            (
                "status.draft",
                f"{u} {period_name(y, q)}",
                {"status": s.value if (s := states.get((u.upper(), y, q))) else None},
                {"status": "draft"},
            )
            for u, y, q in moving
        ],
        at=at,
    )


class StepRefused(InputRejected):
    """A step of the loop that the state does not allow; one clear message."""

    def __init__(self, message: str):
        super().__init__([Problem(message)])


def _step(store: Store, unit: str, year: int, quarter: int, allowed: set[State | None], verb: str) -> State | None:
    now = state_of(store, unit, year, quarter)
    if now not in allowed:
        raise StepRefused(f"Data {unit} {period_name(year, quarter)} berstatus {STATE_WORD[now]}: tidak dapat {verb}.")
    locked = period_lock(store, year, quarter)
    if locked:
        raise StepRefused(locked)
    return now


def submit(
    store: Store,
    unit: str,
    year: int,
    quarter: int,
    note: str | None = None,
    *,
    at: dt.datetime | None = None,
    demo: bool = False,
) -> None:
    """The unit sends its quarter for verification (``at``, ``demo``: as :func:`record`)."""
    require(Action.SUBMIT, unit)
    _step(store, unit, year, quarter, {State.DRAFT, State.RETURNED}, "diajukan")
    with store.write() as w:
        record(w, unit, year, quarter, State.SUBMITTED, note, demo=demo, at=at)


def verify(
    store: Store,
    unit: str,
    year: int,
    quarter: int,
    note: str | None = None,
    *,
    at: dt.datetime | None = None,
    demo: bool = False,
) -> None:
    """The reviewer accepts the unit's quarter (``at``, ``demo``: as :func:`record`)."""
    require(Action.REVIEW, unit)
    _step(store, unit, year, quarter, {State.SUBMITTED}, "diverifikasi")
    with store.write() as w:
        record(w, unit, year, quarter, State.VERIFIED, note, demo=demo, at=at)


def send_back(
    store: Store,
    unit: str,
    year: int,
    quarter: int,
    note: str,
    indicator_notes: dict[str, str] | None = None,
    *,
    at: dt.datetime | None = None,
    demo: bool = False,
) -> None:
    """The reviewer returns the unit's quarter for correction, with notes on the indicators
    concerned (by code). A verified quarter can be returned too, while its period is open (``at``,
    ``demo``: as :func:`record`)."""
    require(Action.REVIEW, unit)
    indicator_notes = {k: v.strip() for k, v in (indicator_notes or {}).items() if v and v.strip()}
    if not (note and note.strip()) and not indicator_notes:
        raise StepRefused("Tulis catatan pengembalian: apa yang harus diperbaiki unit.")
    _step(store, unit, year, quarter, {State.SUBMITTED, State.VERIFIED}, "dikembalikan")
    with store.write() as w:
        event = record(w, unit, year, quarter, State.RETURNED, note.strip() or None, demo=demo, at=at)
        for code, text in indicator_notes.items():
            indicator = w.scalar("SELECT id FROM indicator WHERE upper(code) = upper(?)", [code])
            if indicator is None:
                raise StepRefused(f"Indikator {code} tidak dikenal.")
            w.execute("INSERT INTO review_note VALUES (?, ?, ?)", [event, indicator, text])


# --- when data may change ----------------------------------------------------------------------------


def report_state(store: Store | Writer, year: int, quarter: int) -> ReportState:
    found = store.scalar(
        "SELECT state FROM report_event WHERE year = ? AND quarter = ? ORDER BY id DESC LIMIT 1", [year, quarter]
    )
    return ReportState(found) if found else ReportState.DRAFT


def period_lock(store: Store | Writer, year: int, quarter: int) -> str | None:
    """Why the period's data is locked (a final report), or None."""
    return _lock_reason(year, quarter, lambda q: report_state(store, year, q))


def _lock_reason(year: int, quarter: int, state_of) -> str | None:
    """The lock a final annual report (the whole year) or quarterly report puts on a period;
    ``state_of(q)`` is the report state of the year's quarter ``q``."""
    if state_of(ANNUAL) is ReportState.FINAL:
        return f"Laporan tahunan {year} sudah final: data tahun {year} terkunci. Hanya admin yang dapat membukanya."
    if quarter != ANNUAL and state_of(quarter) is ReportState.FINAL:
        return (
            f"Laporan {period_name(year, quarter)} sudah final: data periode ini terkunci. "
            "Hanya admin yang dapat membukanya."
        )
    return None


def close_date(store: Store | Writer, year: int, quarter: int) -> dt.date | None:
    return store.scalar("SELECT closes_on FROM quarter_deadline WHERE year = ? AND quarter = ?", [year, quarter])


def reopened_until(store: Store | Writer, unit: str, year: int, quarter: int) -> dt.date | None:
    return store.scalar(
        "SELECT max(r.until_on) FROM period_reopen r JOIN unit u ON u.id = r.unit_id "
        "WHERE upper(u.code) = upper(?) AND r.year = ? AND r.quarter = ?",
        [unit, year, quarter],
    )


@dataclass
class PeriodRules:
    """What decides whether data may change, for some years, read in four queries: the reports'
    states, each unit's latest review state, the quarters' dates, and the reopenings. An upload
    of many units and quarters asks it once per unit-quarter without asking the database again."""

    reports: dict[tuple[int, int], ReportState]
    states: dict[tuple[str, int, int], State]
    dates: dict[tuple[int, int], tuple[dt.date | None, dt.date | None]]  # opens, closes
    reopened: dict[tuple[str, int, int], dt.date]

    @classmethod
    def load(cls, store: Store | Writer, years) -> PeriodRules:
        years = sorted({int(y) for y in years}) or [0]
        marks = ", ".join("?" * len(years))
        reports = {
            (y, q): ReportState(state)
            for y, q, state in _rows(
                store,
                f"SELECT year, quarter, arg_max(state, id) FROM report_event WHERE year IN ({marks}) GROUP BY ALL",
                years,
            )
        }
        rows = _rows(store, f"""
            SELECT upper(u.code), e.year, e.quarter, arg_max(e.state, e.id) FROM review_event e
            JOIN unit u ON u.id = e.unit_id WHERE e.year IN ({marks}) GROUP BY ALL""", years)  # fmt: skip
        states = {(u, y, q): State(st) for u, y, q, st in rows}
        dates = {
            (y, q): (o, c)
            for y, q, o, c in _rows(
                store, f"SELECT year, quarter, opens_on, closes_on FROM quarter_deadline WHERE year IN ({marks})", years
            )
        }
        reopened = {
            (u, y, q): until
            for u, y, q, until in _rows(
                store,
                f"""
                SELECT upper(u.code), r.year, r.quarter, max(r.until_on) FROM period_reopen r
                JOIN unit u ON u.id = r.unit_id WHERE r.year IN ({marks}) GROUP BY ALL""",
                years,
            )
        }
        return cls(reports, states, dates, reopened)

    def lock(self, year: int, quarter: int) -> str | None:
        return _lock_reason(year, quarter, lambda q: self.reports.get((year, q)))

    def refusal(self, actor: Actor | None, unit: str, year: int, quarter: int, today: dt.date) -> str | None:
        locked = self.lock(year, quarter)
        if locked:
            return locked
        if actor is not None and actor.role is Role.ADMIN:
            return None
        state = self.states.get((unit.upper(), year, quarter))
        if state in (State.SUBMITTED, State.VERIFIED):
            return (
                f"Data {unit} {period_name(year, quarter)} sudah {STATE_WORD[state].lower()}: tidak dapat diubah "
                "kecuali dikembalikan oleh peninjau."
            )
        opens, closes = self.dates.get((year, quarter), (None, None))
        if opens is not None and today < opens:
            return f"Periode {period_name(year, quarter)} baru dibuka {fmt_date(opens)}."
        if closes is not None and today > closes:
            until = self.reopened.get((unit.upper(), year, quarter))
            if until is None or today > until:
                return (
                    f"Periode {period_name(year, quarter)} ditutup sejak {fmt_date(closes)}: data {unit} tidak dapat "
                    "diubah lagi kecuali admin membukanya kembali."
                )
        return None


def _rows(store: Store | Writer, sql: str, params) -> list[tuple]:
    cursor = store.cursor() if isinstance(store, Store) else store.cursor
    return cursor.execute(sql, params).fetchall()


def change_refused(
    store: Store | Writer, actor: Actor | None, unit: str, year: int, quarter: int, today: dt.date | None = None
) -> str | None:
    """Why ``actor`` may not change ``unit``'s data of the quarter now, or None if it may."""
    return PeriodRules.load(store, [year]).refusal(actor, unit, year, quarter, today or dt.date.today())


def reopen(store: Store, unit: str, year: int, quarter: int, until: dt.date, reason: str) -> None:
    """An admin reopens a closed quarter for one unit until ``until``, with a reason."""
    actor = require(Action.UNLOCK)
    if not reason.strip():
        raise StepRefused("Tulis alasan membuka kembali periode.")
    with store.write() as w:
        unit_id = w.scalar("SELECT id FROM unit WHERE upper(code) = upper(?)", [unit])
        if unit_id is None:
            raise StepRefused(f"Unit {unit} tidak dikenal.")
        w.execute(
            "INSERT INTO period_reopen (id, unit_id, year, quarter, until_on, actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [w.next_id("period_reopen"), unit_id, year, quarter, until, actor.name, reason.strip()],
        )
        w.audit("periode.buka_unit", f"{unit} {period_name(year, quarter)}", after={"sampai": until, "alasan": reason})


# --- the reports ---------------------------------------------------------------------------------------

_NEXT = {ReportState.DRAFT: ReportState.CORRECTED, ReportState.CORRECTED: ReportState.FINAL}


def unverified_units(store: Store, year: int, quarter: int) -> list[str]:
    """Units whose quarter (every quarter of the year, for the annual report) has data that is not
    yet verified."""
    frame = states(store, year, None if quarter == ANNUAL else quarter)
    return sorted(set(frame.loc[frame["state"] != State.VERIFIED.value, "unit_code"]))


def advance_report(
    store: Store, year: int, quarter: int, *, at: dt.datetime | None = None, demo: bool = False
) -> ReportState:
    """Draft → corrected → final. Final needs every unit's data verified, and locks the period
    (``at``, ``demo``: as :func:`record`)."""
    require(Action.REPORT)
    now = report_state(store, year, quarter)
    if now not in _NEXT:
        raise StepRefused(f"Laporan {period_name(year, quarter)} sudah final.")
    target = _NEXT[now]
    if target is ReportState.FINAL:
        waiting = unverified_units(store, year, quarter)
        if waiting:
            raise StepRefused(
                f"Laporan {period_name(year, quarter)} belum dapat difinalkan: data unit "
                f"{', '.join(waiting)} belum terverifikasi."
            )
    _set_report(store, year, quarter, target, None, at=at, demo=demo)
    return target


def unlock(store: Store, year: int, quarter: int, reason: str) -> None:
    """An admin reopens a final report (and its period's data), with a reason; it goes back to
    corrected."""
    require(Action.UNLOCK)
    if report_state(store, year, quarter) is not ReportState.FINAL:
        raise StepRefused(f"Laporan {period_name(year, quarter)} tidak terkunci.")
    if not reason.strip():
        raise StepRefused("Tulis alasan membuka kunci: tercatat di jejak audit.")
    _set_report(store, year, quarter, ReportState.CORRECTED, reason.strip())


def _set_report(
    store: Store,
    year: int,
    quarter: int,
    state: ReportState,
    note: str | None,
    *,
    at: dt.datetime | None = None,
    demo: bool = False,
) -> None:
    before = report_state(store, year, quarter)
    actor = current()
    with store.write() as w:
        w.execute(
            "INSERT INTO report_event (id, year, quarter, state, actor, note, demo, happened_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?::TIMESTAMP, current_timestamp::TIMESTAMP))",
            [w.next_id("report_event"), year, quarter, state.value, actor.name if actor else "anonim", note, demo, at],
        )
        w.audit(
            "laporan.buka_kunci" if note else f"laporan.{state.value}",
            f"laporan {period_name(year, quarter)}",
            {"status": before.value},
            {"status": state.value, "alasan": note},
            at=at,
        )


@dataclass(frozen=True)
class ReportStep:
    year: int
    quarter: int
    state: ReportState
    actor: str
    at: dt.datetime
    note: str | None


def report_history(store: Store, year: int) -> list[ReportStep]:
    rows = store.rows(
        "SELECT year, quarter, state, actor, happened_at, note FROM report_event WHERE year = ? ORDER BY id", [year]
    )
    return [ReportStep(y, q, ReportState(s), a, t, n) for y, q, s, a, t, n in rows]
