"""The review loop (submit, verify, return, final), the period a final report locks until an audited unlock,
the close date and a reopening."""

import datetime as dt

import pytest

from kinerja.access.accounts import actor_of
from kinerja.access.audit import audit_trail
from kinerja.access.roles import SYSTEM, Forbidden, acting_as
from kinerja.collection.saving import save_data
from kinerja.domain.problems import InputRejected
from kinerja.workflow import review
from kinerja.workflow.review import ReportState, State
from tests.conftest import snapshot
from tests.workbooks import kesmas_upload


def test_the_review_loop_with_notes_and_who_did_what(demo_store, tmp_path):
    operator = actor_of(demo_store, "operator.kesmas")
    reviewer = actor_of(demo_store, "kabid.kesmas")
    with acting_as(operator):
        data = kesmas_upload(demo_store)
        save_data(demo_store, data, confirm_warnings=True)
        assert review.state_of(demo_store, "KESMAS", 2026, 3) is State.DRAFT
        with pytest.raises(Forbidden):
            review.verify(demo_store, "KESMAS", 2026, 3)
        review.submit(demo_store, "KESMAS", 2026, 3)
        with pytest.raises(InputRejected, match="sudah diajukan"):
            save_data(demo_store, data, confirm_warnings=True)
    with acting_as(reviewer):
        with pytest.raises(InputRejected, match="Tulis catatan"):
            review.send_back(demo_store, "KESMAS", 2026, 3, "", {})
        review.send_back(demo_store, "KESMAS", 2026, 3, "Periksa IK01.", {"IK01": "Angka tidak sesuai laporan."})
    assert review.return_notes(demo_store, "KESMAS", 2026, 3) == {"IK01": "Angka tidak sesuai laporan."}
    waiting = review.returned_quarters(demo_store, operator.scope, 2026)
    assert list(zip(waiting["unit_code"], waiting["quarter"], waiting["note"], strict=True)) == [
        ("KESMAS", 3, "Periksa IK01.")
    ]
    others = review.returned_quarters(demo_store, {"P2P"}, 2026)
    assert set(others["unit_code"]) == {"P2P"}, "another unit's Beranda shows only its own (the demo's P2P TW II)"
    with acting_as(operator):
        save_data(demo_store, data, confirm_warnings=True)  # corrected
        review.submit(demo_store, "KESMAS", 2026, 3)
    assert review.returned_quarters(demo_store, operator.scope, 2026).empty, "sent again: no longer waiting"
    with acting_as(reviewer):
        review.verify(demo_store, "KESMAS", 2026, 3)
    assert review.return_notes(demo_store, "KESMAS", 2026, 3) == {}, "verified: the old note is gone"
    steps = review.history(demo_store, "KESMAS", 2026, 3)
    assert list(steps["state"]) == ["draft", "submitted", "returned", "draft", "submitted", "verified"]
    assert list(steps["actor"]) == ["operator.kesmas"] * 2 + ["kabid.kesmas"] + ["operator.kesmas"] * 2 + [
        "kabid.kesmas"
    ]
    trail = audit_trail(demo_store, action="status")
    assert {"status.returned", "status.verified"} <= set(trail["action"])
    uploads = audit_trail(demo_store, action="data", text="KESMAS tw iii 2026")  # the demo sent 2024 and 2025 too
    assert len(uploads) == 2 and set(uploads["actor"]) == {"operator.kesmas"}


def test_a_final_report_locks_the_period_until_an_admin_unlocks_it_with_a_reason(demo_store, tmp_path):
    data = kesmas_upload(demo_store)
    with acting_as(SYSTEM):
        review.advance_report(demo_store, 2026, 3)  # corrected
        review.advance_report(demo_store, 2026, 3)  # final: TW III has no data yet, nothing waits
    assert review.report_state(demo_store, 2026, 3) is ReportState.FINAL
    before = snapshot(demo_store)
    for actor in (actor_of(demo_store, "operator.kesmas"), SYSTEM):
        with acting_as(actor), pytest.raises(InputRejected, match="Laporan TW III 2026 sudah final"):
            save_data(demo_store, data, confirm_warnings=True)
    assert snapshot(demo_store) == before, "a refused upload leaves the data exactly as it was"
    with pytest.raises(InputRejected, match="alasan"):
        review.unlock(demo_store, 2026, 3, " ")
    with acting_as(actor_of(demo_store, "kadis")), pytest.raises(Forbidden):
        review.unlock(demo_store, 2026, 3, "salah ketik")
    review.unlock(demo_store, 2026, 3, "Koreksi angka IK01 dari Puskesmas")
    save_data(demo_store, data, confirm_warnings=True)
    unlocked = audit_trail(demo_store, action="laporan.buka_kunci")
    assert "Koreksi angka IK01" in unlocked["after"].iloc[0]


def test_final_needs_every_unit_verified(demo_store):
    review.advance_report(demo_store, 2026, 2)
    with pytest.raises(InputRejected, match="KESMAS, P2P, SDK, YANKES belum terverifikasi"):
        review.advance_report(demo_store, 2026, 2)


def test_after_the_close_date_only_a_reopening_lets_the_operator_change(demo_store, tmp_path):
    with demo_store.write() as w:
        w.execute("UPDATE quarter_deadline SET closes_on = DATE '2026-10-20' WHERE year = 2026 AND quarter = 3")
    operator = actor_of(demo_store, "operator.kesmas")
    later = dt.date(2026, 11, 25)
    assert "ditutup sejak 20 Oktober 2026" in review.change_refused(demo_store, operator, "KESMAS", 2026, 3, later)
    assert review.change_refused(demo_store, SYSTEM, "KESMAS", 2026, 3, later) is None, "an admin still may"
    review.reopen(demo_store, "KESMAS", 2026, 3, dt.date(2026, 11, 30), "Data Puskesmas terlambat")
    assert review.change_refused(demo_store, operator, "KESMAS", 2026, 3, later) is None
    assert review.change_refused(demo_store, operator, "KESMAS", 2026, 3, dt.date(2026, 12, 1)) is not None
