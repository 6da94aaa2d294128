"""The SOP as it happens: the Sekretaris's disposition (who collects what from which units, by
when), reminders to the units that are late, and each quarter's nine SOP steps, done or not, by
whom, when, and how long they took against the SOP's time standard: the evidence the AKIP
evaluation (LKE) asks for."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

import pandas as pd

from kinerja.access.roles import Action, current, require
from kinerja.domain.numbers import fmt_date
from kinerja.domain.period import ANNUAL, period_name
from kinerja.storage.store import Store
from kinerja.workflow.completeness import deadlines, unit_completeness, units_in_plan
from kinerja.workflow.sop import SOP_STEPS

# --- disposition ---------------------------------------------------------------------------------


class DispositionError(ValueError):
    """A disposition that cannot be recorded; the message says why."""


def assign(
    store: Store,
    year: int,
    quarter: int,
    assignee: str,
    units: list[str],
    task: str,
    due_on: dt.date | None = None,
    note: str | None = None,
) -> int:
    """Record the Sekretaris's (or an admin's) assignment of the quarter's work (SOP step 1)."""
    actor = require(Action.ASSIGN)
    if not task.strip():
        raise DispositionError("Tulis tugasnya: apa yang dikumpulkan atau dikerjakan.")
    if not units:
        raise DispositionError("Pilih unit yang datanya dikumpulkan.")
    with store.write() as w:
        assignee_id = w.scalar("SELECT id FROM account WHERE name = ? AND active", [assignee])
        if assignee_id is None:
            raise DispositionError(f"Akun {assignee} tidak ada atau tidak aktif.")
        known = {c for (c,) in w.cursor.execute("SELECT code FROM unit").fetchall()}
        unknown = [u for u in units if u not in known]
        if unknown:
            raise DispositionError(f"Unit tidak dikenal: {', '.join(unknown)}.")
        new_id = w.next_id("assignment")
        w.execute(
            "INSERT INTO assignment (id, year, quarter, assignee_id, units, task, due_on, note, assigned_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [new_id, year, quarter, assignee_id, ",".join(units), task.strip(), due_on, note, actor.name],
        )
        w.audit(
            "disposisi.buat",
            f"disposisi {period_name(year, quarter)}",
            after={"kepada": assignee, "unit": units, "tugas": task, "batas": due_on, "catatan": note},
        )
    return new_id


def mark_done(store: Store, assignment_id: int) -> None:
    """The assignee (or whoever may assign) marks the task done."""
    actor = current()
    found = store.rows(
        "SELECT a.name, d.assigned_by FROM assignment d JOIN account a ON a.id = d.assignee_id WHERE d.id = ?",
        [assignment_id],
    )
    if not found:
        raise DispositionError(f"Disposisi {assignment_id} tidak ada.")
    if actor is None or actor.name != found[0][0]:
        require(Action.ASSIGN)
    with store.write() as w:
        w.execute("UPDATE assignment SET done_at = current_timestamp WHERE id = ? AND done_at IS NULL", [assignment_id])
        w.audit("disposisi.selesai", f"disposisi {assignment_id}", {"selesai": False}, {"selesai": True})


def assignments(store: Store, year: int, quarter: int, assignee: str | None = None) -> pd.DataFrame:
    """The quarter's assignments with their progress: of the units named, how many have
    submitted and how many are verified."""
    frame = store.df(
        "SELECT d.id, a.name AS assignee, a.display_name, d.units, d.task, d.due_on, d.note, d.assigned_by, "
        "d.assigned_at, d.done_at FROM assignment d JOIN account a ON a.id = d.assignee_id "
        "WHERE d.year = ? AND d.quarter = ? AND (? IS NULL OR a.name = ?) ORDER BY d.id",
        [year, quarter, assignee, assignee],
    )
    states = dict(
        store.rows(
            "SELECT u.code, e.state FROM review_event e JOIN unit u ON u.id = e.unit_id "
            "WHERE e.year = ? AND e.quarter = ? "
            "QUALIFY row_number() OVER (PARTITION BY e.unit_id ORDER BY e.id DESC) = 1",
            [year, quarter],
        )
    )
    units = [u.split(",") for u in frame["units"]]
    frame["submitted"] = [sum(states.get(u) in ("submitted", "verified") for u in us) for us in units]
    frame["verified"] = [sum(states.get(u) == "verified" for u in us) for us in units]
    frame["unit_count"] = [len(us) for us in units]
    return frame


# --- reminders -----------------------------------------------------------------------------------


def wa_number(phone: str | None) -> str | None:
    """An Indonesian phone number as wa.me wants it: digits with the country code (0812… → 62812…)."""
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits if len(digits) >= 9 else None


@dataclass(frozen=True)
class Reminder:
    unit: str
    unit_name: str
    missing: int
    indicators: int
    message: str
    whatsapp: str | None  # a wa.me link with the message filled in
    email: str | None
    email_subject: str


def reminders(store: Store, year: int, quarter: int, today: dt.date | None = None) -> list[Reminder]:
    """The units with figures still missing for the quarter once its due date has passed (all of
    them with something missing, before it), each with a prefilled WhatsApp link and e-mail text."""
    today = today or dt.date.today()
    due = deadlines(store, year).get(quarter)
    office = store.scalar("SELECT value FROM setting WHERE key = 'office_name'") or "Sekretariat"
    contacts = {c: (p, e) for c, p, e in store.rows("SELECT code, phone, email FROM unit")}
    found = []
    for row in unit_completeness(store, year, quarter, today).itertuples(index=False):
        missing = row.Indikator - row.Masuk
        if missing <= 0:
            continue
        when = f"batas waktu {fmt_date(due)}" if due else "secepatnya"
        late = due is not None and today > due
        message = (
            f"Yth. {row[1]}, data kinerja {period_name(year, quarter)} "
            f"{'sudah melewati' if late else 'ditunggu sebelum'} {when}: {missing} dari {row.Indikator} indikator "
            f"belum masuk. Mohon unggah templat terisi di aplikasi Kinerja. Terima kasih. — {office}"
        )
        phone, email = contacts.get(row.Unit, (None, None))
        number = wa_number(phone)
        found.append(
            Reminder(
                row.Unit,
                row[1],
                missing,
                row.Indikator,
                message,
                f"https://wa.me/{number}?text={quote(message)}" if number else None,
                email,
                f"Pengingat data kinerja {period_name(year, quarter)} — {row.Unit}",
            )
        )
    return found


def save_contacts(store: Store, contacts: pd.DataFrame) -> None:
    """Units' phone numbers and e-mail addresses for reminders (columns code, phone, email)."""
    require(Action.PLAN)
    with store.write() as w:
        before = w.cursor.execute("SELECT code, phone, email FROM unit ORDER BY code").fetchall()
        for code, phone, email in contacts[["code", "phone", "email"]].itertuples(index=False):
            w.execute(
                "UPDATE unit SET phone = ?, email = ? WHERE code = ?",
                [(phone or "").strip() or None, (email or "").strip() or None, code],
            )
        w.audit("unit.kontak", "kontak unit", before, contacts.to_dict(orient="records"))


# --- the SOP's nine steps -----------------------------------------------------------------------------

_STANDARD = {1: dt.timedelta(minutes=15), 2: dt.timedelta(minutes=30), 3: dt.timedelta(minutes=2),
             4: dt.timedelta(minutes=30), 5: dt.timedelta(minutes=30), 6: dt.timedelta(days=2),
             7: dt.timedelta(days=120), 8: dt.timedelta(minutes=60), 9: dt.timedelta(days=1)}  # fmt: skip
DONE, RUNNING, WAITING = "Selesai", "Berjalan", "Belum"


def _report_times(store: Store, year: int, quarter: int) -> dict[str, tuple[dt.datetime, str]]:
    """The first time the report reached each state, and who took it there."""
    rows = store.rows(
        "SELECT state, min(happened_at), arg_min(actor, happened_at) FROM report_event "
        "WHERE year = ? AND quarter = ? GROUP BY state",
        [year, quarter],
    )
    return {state: (at, actor) for state, at, actor in rows}


def _duration(start: dt.datetime | None, end: dt.datetime | None) -> dt.timedelta | None:
    return end - start if start is not None and end is not None and end >= start else None


def sop_progress(store: Store, year: int, quarter: int) -> pd.DataFrame:
    """The nine steps for one quarter (steps 6–9 are the year's, shown at TW IV): status, who,
    start, end, duration against the standard, completeness."""
    units = units_in_plan(store, year)
    unit_total = len(units)
    events = store.df(
        "SELECT u.code, e.state, e.actor, e.happened_at FROM review_event e JOIN unit u ON u.id = e.unit_id "
        "WHERE e.year = ? AND e.quarter = ? ORDER BY e.id",
        [year, quarter],
    )
    latest = events.groupby("code").last() if len(events) else events
    disposition = store.rows(
        "SELECT min(assigned_at), arg_min(assigned_by, assigned_at), count(*) FROM assignment "
        "WHERE year = ? AND quarter = ?",
        [year, quarter],
    )[0]
    report = _report_times(store, year, quarter)
    due = deadlines(store, year).get(quarter)
    annual = _report_times(store, year, ANNUAL)
    first_upload = events.loc[events["state"] == "draft", "happened_at"].min() if len(events) else None
    submitted = events[events["state"] == "submitted"]
    verified = events[events["state"] == "verified"]
    n_submitted = int(latest["state"].isin(["submitted", "verified"]).sum()) if len(events) else 0
    n_verified = int((latest["state"] == "verified").sum()) if len(events) else 0
    all_in = unit_total and n_submitted == unit_total
    rows = []

    def add(number, done, actor, start, end, completeness=None, running=False, on_time=None):
        took = _duration(start, end)
        if on_time is None and done and took is not None:
            on_time = took <= _STANDARD[number]
        rows.append(
            {
                "Langkah": number,
                "Kegiatan": SOP_STEPS[number - 1].activity,
                "Status": DONE if done else (RUNNING if running else WAITING),
                "Pelaksana": actor or "",
                "Mulai": start,
                "Selesai": end if done else None,
                "Durasi": took if done else None,
                "Standar SOP": SOP_STEPS[number - 1].time_standard,
                "Sesuai standar": on_time if done else None,
                "Kelengkapan": completeness,
            }
        )

    first_assigned, assigner, count = disposition
    add(1, count > 0, assigner, first_assigned, first_assigned)
    last_submitted = submitted["happened_at"].max() if len(submitted) else None
    add(
        2,
        bool(all_in),
        ", ".join(sorted(set(submitted["actor"]))) if len(submitted) else "",
        first_upload if pd.notna(first_upload) else None,
        last_submitted,
        f"{n_submitted} dari {unit_total} unit",
        running=n_submitted > 0 or pd.notna(first_upload),
        # the 30 minutes are the collector's work; the units' elapsed time is judged by the due date
        on_time=None if due is None or last_submitted is None else last_submitted.date() <= due,
    )
    add(
        3, bool(all_in), "otomatis (Rekap)" if all_in else "", last_submitted, last_submitted, None
    )  # the recap is computed at once
    drafted = report.get("draft")
    add(4, drafted is not None or "corrected" in report, drafted[1] if drafted else "", last_submitted,
        drafted[0] if drafted else None)  # fmt: skip
    corrected = report.get("corrected")
    add(
        5,
        corrected is not None and n_verified == unit_total,
        ", ".join(sorted(set(verified["actor"]))) if len(verified) else "",
        drafted[0] if drafted else None,
        corrected[0] if corrected else None,
        f"{n_verified} dari {unit_total} unit terverifikasi",
        running=drafted is not None,
    )
    if quarter == 4:
        finals = [_report_times(store, year, q).get("final") for q in (1, 2, 3, 4)]
        four = all(finals)
        add(6, four, "", None, max(f[0] for f in finals) if four else None,
            f"{sum(1 for f in finals if f)} dari 4 triwulan final")  # fmt: skip
        a_draft, a_corr, a_final = (annual.get(s) for s in ("draft", "corrected", "final"))
        four_end = max(f[0] for f in finals) if four else None
        add(7, a_draft is not None, a_draft[1] if a_draft else "", four_end, a_draft[0] if a_draft else None)
        add(8, a_corr is not None, a_corr[1] if a_corr else "", a_draft[0] if a_draft else None,
            a_corr[0] if a_corr else None)  # fmt: skip
        add(9, a_final is not None, a_final[1] if a_final else "", a_corr[0] if a_corr else None,
            a_final[0] if a_final else None)  # fmt: skip
    return pd.DataFrame(rows)


def unit_contacts(store: Store) -> pd.DataFrame:
    """Each unit's phone and e-mail for reminders."""
    return store.df("SELECT code, name, phone, email FROM unit ORDER BY code")
