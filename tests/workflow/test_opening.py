"""The period a page opens on (kinerja.workflow.opening), over the units' review states of the demo:
2026 has data to TW II, where six of the eight units have submitted or been verified (P2P returned,
YANKES a draft); TW I and the years before are verified and their reports final."""

import datetime as dt

import pandas as pd
import pytest

from kinerja.access.roles import SYSTEM, Actor, Role
from kinerja.collection.realization import RealizationRow, add_submission
from kinerja.workflow import review
from kinerja.workflow.completeness import save_quarter_dates
from kinerja.workflow.opening import QuarterProgress, choose_opening, collecting_period, opening_period, upload_period
from kinerja.workflow.review import ReportState, State

DRAFT, SUBMITTED, VERIFIED, RETURNED = State.DRAFT, State.SUBMITTED, State.VERIFIED, State.RETURNED
TODAY = dt.date(2026, 12, 7)
TW2 = "Menampilkan TW II 2026: triwulan terakhir yang sudah diajukan sebagian besar unit (6 dari 8)."


def set_quarter(store, quarter: int, states: dict[str, State], year: int = 2026) -> None:
    """Each unit named: a figure for its first indicator of the quarter (when the quarter has none
    yet), and its review state."""
    first = dict(
        store.rows(
            "SELECT u.code, arg_min(i.code, i.position) FROM indicator_in_year i JOIN unit u ON u.id = i.unit_id "
            "WHERE i.year = ? GROUP BY ALL",
            [year],
        )
    )
    with store.write() as w:
        for unit, state in states.items():
            if quarter > 2:
                add_submission(w, unit, year, quarter, [RealizationRow(first[unit], 1.0)], source="uji")
            review.record(w, unit, year, quarter, state)


@pytest.mark.parametrize(
    ("tw3", "tw2", "expected", "why"),
    [
        ({}, {}, (2026, 2), TW2),
        ({"KESMAS": DRAFT}, {}, (2026, 2), f"{TW2} TW III baru berisi data 1 unit."),
        ({"KESMAS": SUBMITTED}, {}, (2026, 2), f"{TW2} TW III baru berisi data 1 unit, 1 di antaranya sudah diajukan."),
        (  # half is not most
            dict.fromkeys(["KESMAS", "P2P", "SDK", "SEK"], SUBMITTED),
            {},
            (2026, 2),
            f"{TW2} TW III baru berisi data 4 unit, 4 di antaranya sudah diajukan.",
        ),
        (
            dict.fromkeys(["KESMAS", "P2P", "SDK", "SEK"], SUBMITTED) | {"PK": VERIFIED},
            {},
            (2026, 3),
            "Menampilkan TW III 2026: triwulan terakhir yang sudah diajukan sebagian besar unit (5 dari 8).",
        ),
        (  # a returned quarter is not sent; drafts are not either
            dict.fromkeys(["KESMAS", "P2P", "SDK", "SEK"], SUBMITTED) | {"PK": RETURNED, "RSUD": DRAFT},
            {},
            (2026, 2),
            f"{TW2} TW III baru berisi data 6 unit, 4 di antaranya sudah diajukan.",
        ),
        (  # TW II falls back below most: the pages open on TW I
            {},
            {"KESMAS": RETURNED, "SDK": DRAFT, "SEK": RETURNED},
            (2026, 1),
            "Menampilkan TW I 2026: triwulan terakhir yang sudah diajukan sebagian besar unit (8 dari 8). "
            "TW II baru berisi data 8 unit, 3 di antaranya sudah diajukan.",
        ),
    ],
)
def test_pages_open_on_the_latest_quarter_most_units_have_submitted(demo_store, tw3, tw2, expected, why):
    set_quarter(demo_store, 2, tw2)
    set_quarter(demo_store, 3, tw3)
    opening = opening_period(demo_store, today=TODAY)
    assert (opening.period, opening.why) == (expected, why)


def test_a_corrected_report_opens_its_quarter_whatever_the_units_say(demo_store):
    set_quarter(demo_store, 3, {"KESMAS": SUBMITTED, "YANKES": DRAFT})
    with demo_store.write() as w:  # as review.advance_report writes it
        w.execute(
            "INSERT INTO report_event (id, year, quarter, state, actor) VALUES (?, 2026, 3, 'corrected', 'uji')",
            [w.next_id("report_event")],
        )
    opening = opening_period(demo_store, today=TODAY)
    assert opening.period == (2026, 3)
    assert opening.why == "Menampilkan TW III 2026: triwulan terakhir yang laporannya sudah terkoreksi."


def test_another_year_opens_on_its_own_latest_submitted_quarter(demo_store):
    set_quarter(demo_store, 3, {"KESMAS": DRAFT})
    assert opening_period(demo_store, 2025, TODAY).why == (
        "Menampilkan TW IV 2025: triwulan terakhir yang sudah diajukan sebagian besar unit (8 dari 8)."
    )
    assert opening_period(demo_store, 2026, TODAY).period == (2026, 2)


def _operator(unit: str) -> Actor:
    return Actor(f"operator.{unit.lower()}", Role.OPERATOR, unit, frozenset({unit}))


@pytest.mark.parametrize(
    ("actor", "tw3", "closes_tw2", "reopened", "expected"),
    [
        (SYSTEM, {}, None, False, (2026, 3)),  # an admin: the quarter being collected
        (SYSTEM, {"KESMAS": SUBMITTED}, None, False, (2026, 3)),  # one unit's TW III does not move it
        (_operator("KESMAS"), {}, None, False, (2026, 3)),  # TW II submitted: TW III is next
        (_operator("P2P"), {}, None, False, (2026, 2)),  # TW II returned: correct it first
        (_operator("YANKES"), {}, None, False, (2026, 2)),  # TW II still a draft
        (_operator("P2P"), {}, dt.date(2026, 7, 31), False, (2026, 3)),  # TW II closed for it
        (_operator("P2P"), {}, dt.date(2026, 7, 31), True, (2026, 2)),  # ... unless reopened
        (_operator("KESMAS"), {"KESMAS": SUBMITTED}, None, False, (2026, 4)),  # TW III sent too
        (_operator("KESMAS"), {"KESMAS": RETURNED}, None, False, (2026, 3)),
    ],
)
def test_unggah_opens_on_the_quarter_the_account_must_fill(demo_store, actor, tw3, closes_tw2, reopened, expected):
    today = dt.date(2026, 8, 10)
    set_quarter(demo_store, 3, tw3)
    if closes_tw2:
        dates = pd.DataFrame({"quarter": [1, 2, 3, 4], "opens_on": None, "closes_on": [None, closes_tw2, None, None]})
        dates["due_on"] = [dt.date(2026, 4, 15), dt.date(2026, 7, 15), dt.date(2026, 10, 15), dt.date(2027, 1, 15)]
        save_quarter_dates(demo_store, 2026, dates)
    if reopened:
        review.reopen(demo_store, "P2P", 2026, 2, dt.date(2026, 8, 31), "Perbaikan catatan peninjau")
    assert upload_period(demo_store, actor, today) == expected


def _quarters(year: int, sent: list[int], units: int = 4) -> list[QuarterProgress]:
    return [QuarterProgress(year, q, units, sent[q - 1], sent[q - 1]) for q in (1, 2, 3, 4)]


@pytest.mark.parametrize(
    ("quarters", "today", "opening", "collecting"),
    [
        (_quarters(2026, [4, 4, 1, 0]), TODAY, (2026, 2), (2026, 3)),
        (_quarters(2026, [4, 4, 4, 3]) + _quarters(2027, [0, 0, 0, 0]), dt.date(2027, 1, 20), (2026, 4), (2027, 1)),
        (_quarters(2026, [4, 4, 4, 3]), dt.date(2027, 1, 20), (2026, 4), (2026, 4)),  # no 2027 plan yet
        (_quarters(2026, [0, 0, 0, 0]) + _quarters(2027, [0, 0, 0, 0]), dt.date(2026, 5, 2), (2026, 2), (2026, 2)),
        (_quarters(2027, [0, 0, 0, 0]), TODAY, (2027, 1), (2027, 1)),  # only next year's plan: its TW I
        ([], TODAY, None, None),
    ],
)
def test_the_quarter_being_collected_follows_the_last_submitted_one(quarters, today, opening, collecting):
    found = choose_opening(quarters, today)
    assert (found.period if found else None, collecting_period(quarters, today)) == (opening, collecting)


def test_a_report_closes_only_when_corrected_or_final():
    waiting = QuarterProgress(2026, 1, 4, 0, 4, None)
    assert not waiting.closed and QuarterProgress(2026, 1, 4, 0, 4, ReportState.CORRECTED).closed


def test_the_quarters_progress_is_read_once_per_data_version(demo_store):
    """A page's opening period and its year's opening quarter share one read (Store.memo): the kept
    progress is the one a fresh read gives, and a write (a unit's quarter submitted) is in the next."""
    from kinerja.workflow.opening import _progress, progress

    kept = progress(demo_store)
    assert progress(demo_store) is kept, "read once per data version"
    assert kept == _progress(demo_store)
    before = next(q for q in kept if q.period == (2026, 3))
    set_quarter(demo_store, 3, {"P2P": SUBMITTED})
    after = progress(demo_store)
    assert after == _progress(demo_store)
    now = next(q for q in after if q.period == (2026, 3))
    assert (now.submitted, now.with_data) == (before.submitted + 1, before.with_data + 1)
    assert opening_period(demo_store, 2026, TODAY) == choose_opening(_progress(demo_store), TODAY, 2026)
