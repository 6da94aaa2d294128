"""A small office for the page tests: the demo's office cut down to two years (2025, 2026 up to
TW II), five units (KESMAS, P2P, YANKES, SEK and the external DUKCAPIL), ten indicators (the ones the
page tests upload figures for or read by name) and a tiny pohon kinerja, loaded through the front
doors the demo uses: the plan workbooks through the planners' import (``read_plan_file``,
``save_plan``), the figures as units' submissions, every quarter through ``workflow.review``'s own
steps, the reports drafted and made final, the tree through ``import_cascade``. Everything is marked
demo, so the sidebar's «Hapus data demo» removes it all. The demo's accounts sign in by OpenID Connect
here (no password: the page tests open sessions, and hashing six passwords took half the build).

TW II 2026 is in progress: KESMAS submitted, P2P returned with a note on IK10, the others verified (4
of 5 units sent: the pages open on it). TW I 2026 and every quarter of 2025 are verified, their reports
final, and so is the LKjIP 2025.
"""

import datetime as dt
import io
from dataclasses import replace

from openpyxl import Workbook, load_workbook

from kinerja.access.accounts import actor_of, add_account
from kinerja.access.roles import Actor, Role, acting_as
from kinerja.cascade.importing import import_cascade
from kinerja.collection.realization import BudgetRow, RealizationRow, add_submission
from kinerja.demo import DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_HEAD, OFFICE, plan_file
from kinerja.domain.achievement import Aggregation
from kinerja.domain.period import ANNUAL, usual_due_date
from kinerja.planning.rows import PlanRow
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.reporting.quarterly import record_draft
from kinerja.storage.settings import write_office_settings
from kinerja.storage.store import Store
from kinerja.workflow import review
from tests.trees import sipd_list

YEARS = (2025, 2026)
CURRENT_YEAR, CURRENT_QUARTER = 2026, 2
UNITS = ("DINKES", "KESMAS", "P2P", "YANKES", "SEK", "DUKCAPIL")  # DINKES: the office above its bidang
# realisation ÷ the Rencana Aksi's target, by indicator (IK12's target is 0 cases: none found)
PERFORMANCE = {
    **{"IK01": 1.1, "IK04": 0.9, "IK05": 1.06, "IK08": 0.96},  # KESMAS
    **{"IK10": 1.25, "IK12": 0.0},  # P2P
    **{"IK14": 1.01, "IK15": 0.8, "IK18": 0.985, "IK23": 0.0},  # YANKES, YANKES, DUKCAPIL, SEK
}
# TW II 2026: 4 of 5 units sent, so the pages open on it, and still 3 of 5 once a test returns KESMAS's
IN_PROGRESS = {
    "KESMAS": "submitted",
    "P2P": "returned",
    "YANKES": "verified",
    "SEK": "verified",
    "DUKCAPIL": "verified",
}
RETURN_NOTE = {"IK10": "Angka kesakitan DBD belum sesuai laporan puskesmas; mohon dicek ulang."}
REVIEWERS = ("kabid.kesmas", "sekretaris", DEMO_ADMIN)


def plan_workbook(year: int) -> bytes:
    """The demo's PK + Rencana Aksi workbook of ``year``, as a planner would cut it to the small
    office's indicators, programmes and units (titles, headings and instructions kept)."""
    book = load_workbook(plan_file(year))
    keep = {
        "Rencana Kinerja": lambda row: row[2] in PERFORMANCE,
        "Program": lambda row: row[4] in UNITS,
        "Unit Kerja": lambda row: row[0] in UNITS,
    }
    small = Workbook()
    small.remove(small.active)
    for sheet in book:
        rows = list(sheet.iter_rows(values_only=True))
        table = keep.get(sheet.title)
        out = small.create_sheet(sheet.title)
        header = next((n for n, row in enumerate(rows) if any(str(v).startswith("Kode ") for v in row)), len(rows))
        for n, row in enumerate(rows):
            if table is None or n <= header or table(row):
                out.append(list(row))
    buffer = io.BytesIO()
    small.save(buffer)
    return buffer.getvalue()


def _figures(row: PlanRow, quarter: int) -> RealizationRow:
    target = row.quarters[quarter - 1].low
    value = target * PERFORMANCE[row.code]
    if row.aggregation is Aggregation.RATIO:  # a quarter's served of its 200 cases
        return RealizationRow(row.code, None, float(round(2 * min(value, 100))), 200.0, drivers="Pendampingan rutin.")
    obstacles = "Keterlambatan laporan puskesmas." if PERFORMANCE[row.code] < 1 else None
    return RealizationRow(row.code, round(value, 2), drivers="Dukungan kader.", obstacles=obstacles)


def _sent_at(year: int, quarter: int) -> dt.datetime:
    return dt.datetime.combine(usual_due_date(year, quarter) - dt.timedelta(days=5), dt.time(9, 30))


def load_small_office(store: Store) -> None:
    """Load the small office into an empty database (see the module's note)."""
    plans, programmes = {}, {}
    for year in YEARS:
        draft = read_plan_file(plan_workbook(year), f"rencana-kinerja-{year}.xlsx")
        assert not draft.errors and draft.year == year, draft.errors
        save_plan(store, draft, demo=True)
        plans[year] = {row.code: row for row in draft.rows}
        programmes[year] = draft.programmes
    for account in DEMO_ACCOUNTS:  # by OpenID Connect (see above)
        add_account(store, replace(account, password=None, email=f"{account.name}@sukamaju.go.id"), demo=True)
    periods = [(y, q) for y in YEARS for q in range(1, 5) if (y, q) <= (CURRENT_YEAR, CURRENT_QUARTER)]
    with store.write() as w:
        for year, q in periods:
            for unit in IN_PROGRESS:
                rows = [_figures(row, q) for row in plans[year].values() if row.unit == unit]
                budget = [
                    BudgetRow(p.code, round(p.cash_plan[q - 1] * 0.9, -3)) for p in programmes[year] if p.unit == unit
                ]
                add_submission(
                    w, unit, year, q, rows, budget, source="demo", created_by="demo", demo=True,
                    created_at=_sent_at(year, q),
                )  # fmt: skip
        write_office_settings(w, {"office_name": OFFICE, **DEMO_HEAD, "demo_loaded": "true"})
    _review(store, periods)
    import_cascade(store, CURRENT_YEAR, sipd_list(), "renja-2026.xlsx", demo=True)  # a program under S1


def _review(store: Store, periods: list[tuple[int, int]]) -> None:
    """Every quarter through workflow.review's steps, then the finished periods' reports final."""
    scopes = {a.name: actor_of(store, a.name) for a in DEMO_ACCOUNTS}
    for year, q in periods:
        for unit in IN_PROGRESS:
            state = IN_PROGRESS[unit] if (year, q) == (CURRENT_YEAR, CURRENT_QUARTER) else "verified"
            at = _sent_at(year, q)
            operator = scopes.get(f"operator.{unit.lower()}") or Actor(
                f"operator.{unit.lower()}", Role.OPERATOR, unit, frozenset({unit})
            )
            reviewer = next(scopes[n] for n in REVIEWERS if unit in scopes[n].scope or n == DEMO_ADMIN)
            with acting_as(operator):
                with store.write() as w:
                    review.record(w, unit, year, q, review.State.DRAFT, demo=True, at=at)
                review.submit(store, unit, year, q, at=at + dt.timedelta(hours=2), demo=True)
            with acting_as(reviewer):
                if state == "returned":
                    note = "Ada data yang perlu diperbaiki."
                    review.send_back(store, unit, year, q, note, RETURN_NOTE, at=at + dt.timedelta(days=2), demo=True)
                elif state == "verified":
                    review.verify(store, unit, year, q, at=at + dt.timedelta(days=2), demo=True)
    with acting_as(scopes[DEMO_ADMIN]):
        for year, q in [*[p for p in periods if p < (CURRENT_YEAR, CURRENT_QUARTER)], (2025, ANNUAL)]:
            due = dt.date(year + 1, 3, 31) if q == ANNUAL else usual_due_date(year, q)
            start = dt.datetime.combine(due, dt.time(10))
            record_draft(store, year, q, at=start + dt.timedelta(days=3), demo=True)
            for days in (6, 9):  # corrected, then final
                review.advance_report(store, year, q, at=start + dt.timedelta(days=days), demo=True)
