"""Who may do what: the role rules as a table, accounts and sign-in, the review loop, period
locks and share links, all through the functions the pages and the command line call."""

import contextlib
import datetime as dt

import pytest

from kinerja.access import roles
from kinerja.access.accounts import AccountError, NewAccount, SignInRefused, actor_of, add_account, sign_in
from kinerja.access.audit import audit_trail
from kinerja.access.roles import SYSTEM, Action, Actor, Forbidden, Role, acting_as, can, require, set_actor
from kinerja.access.sharing import create_link, revoke_link, shared_view
from kinerja.collection.checking import check_data
from kinerja.collection.datafile import Period
from kinerja.collection.reading import read_data_file
from kinerja.collection.saving import save_data
from kinerja.domain.problems import InputRejected
from kinerja.workflow import review
from kinerja.workflow.review import ReportState, State
from tests.conftest import snapshot
from tests.workbooks import kesmas_upload, xlsx

ADMIN = Actor("admin", Role.ADMIN)
OPERATOR = Actor("op", Role.OPERATOR, "KESMAS", frozenset({"KESMAS"}))
REVIEWER = Actor("kabid", Role.REVIEWER, "KESMAS", frozenset({"KESMAS"}))
SEKRETARIS = Actor("sek", Role.REVIEWER, "DINKES", frozenset({"DINKES", "SEK", "PK", "KESMAS", "P2P"}))
LEADER = Actor("kadis", Role.LEADER)

RULES = [
    # actor, action, unit, allowed
    (None, Action.READ, None, False),
    (LEADER, Action.READ, None, True),
    (LEADER, Action.UPLOAD, "KESMAS", False),
    (LEADER, Action.SHARE, None, True),
    (LEADER, Action.PLAN, None, False),
    (OPERATOR, Action.READ, None, True),
    (OPERATOR, Action.UPLOAD, "KESMAS", True),
    (OPERATOR, Action.UPLOAD, "P2P", False),
    (OPERATOR, Action.UPLOAD, None, False),
    (OPERATOR, Action.SUBMIT, "KESMAS", True),
    (OPERATOR, Action.REVIEW, "KESMAS", False),
    (OPERATOR, Action.PLAN, None, False),
    (OPERATOR, Action.SHARE, None, False),
    (OPERATOR, Action.AUDIT, None, False),
    (REVIEWER, Action.REVIEW, "KESMAS", True),
    (REVIEWER, Action.REVIEW, "P2P", False),
    (REVIEWER, Action.UPLOAD, "KESMAS", False),
    (REVIEWER, Action.ASSIGN, None, True),
    (REVIEWER, Action.ACCOUNTS, None, False),
    (SEKRETARIS, Action.REVIEW, "P2P", True),
    (SEKRETARIS, Action.REVIEW, "RSUD", False),
    (ADMIN, Action.UPLOAD, "RSUD", True),
    (ADMIN, Action.ACCOUNTS, None, True),
    (ADMIN, Action.UNLOCK, None, True),
    (ADMIN, Action.AUDIT, None, True),
    (LEADER, Action.UNLOCK, None, False),
    (REVIEWER, Action.UNLOCK, None, False),
]


@pytest.mark.parametrize(("actor", "action", "unit", "allowed"), RULES)
def test_role_rules(actor, action, unit, allowed):
    assert can(actor, action, unit) is allowed
    if allowed:
        assert require(action, unit, actor=actor) is actor
    else:
        with acting_as(actor), pytest.raises(Forbidden) as refused:
            require(action, unit)
        assert ("Masuk terlebih dahulu" if actor is None else actor.name) in str(refused.value)


def test_anonymous_is_the_default_of_a_new_thread():
    """A thread where nobody set the actor (a Streamlit script run, a callback) may do nothing."""
    import threading

    seen = []
    thread = threading.Thread(target=lambda: seen.append(can(roles.current(), Action.READ)))
    thread.start()
    thread.join()
    assert seen == [False]


def test_accounts_sign_in_and_slow_down_after_failures(demo_store):
    with pytest.raises(SignInRefused, match="salah"):
        sign_in(demo_store, "operator.kesmas", "keliru")
    actor = sign_in(demo_store, "Operator.Kesmas", "sukamaju2026")
    assert (actor.role, actor.unit, actor.scope) == (Role.OPERATOR, "KESMAS", frozenset({"KESMAS"}))
    assert actor_of(demo_store, "sekretaris").scope >= {"DINKES", "SEK", "PK", "KESMAS", "P2P", "YANKES", "SDK"}
    now = dt.datetime(2026, 11, 25, 10, 0)
    for _ in range(3):
        with pytest.raises(SignInRefused, match="salah"):
            sign_in(demo_store, "kadis", "keliru", now)
    with pytest.raises(SignInRefused, match="Coba lagi dalam"):
        sign_in(demo_store, "kadis", "sukamaju2026", now + dt.timedelta(seconds=2)), "even the right password waits"
    assert sign_in(demo_store, "kadis", "sukamaju2026", now + dt.timedelta(seconds=6)).role is Role.LEADER
    with pytest.raises(SignInRefused, match="salah"):
        sign_in(demo_store, "tidak.ada", "apa saja"), "an unknown name gets the same answer"
    stored = demo_store.scalar("SELECT password_hash FROM account WHERE name = 'kadis'")
    assert stored.startswith("$argon2id$") and "sukamaju2026" not in stored


def test_only_an_admin_adds_accounts_and_the_first_must_be_an_admin(store):
    with pytest.raises(AccountError, match="pertama harus berperan admin"):
        add_account(store, NewAccount("kadis", Role.LEADER, "rahasia123"))
    add_account(store, NewAccount("perencana", Role.ADMIN, "rahasia123"))
    with acting_as(LEADER), pytest.raises(Forbidden):
        add_account(store, NewAccount("kadis", Role.LEADER, "rahasia123"))
    with pytest.raises(AccountError, match="memerlukan unit"):
        add_account(store, NewAccount("operator", Role.OPERATOR, "rahasia123"))
    with pytest.raises(AccountError, match="minimal 8"):
        add_account(store, NewAccount("kadis", Role.LEADER, "pendek"))


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
    uploads = audit_trail(demo_store, action="data", text="KESMAS tw iii")
    assert len(uploads) == 2 and set(uploads["actor"]) == {"operator.kesmas"}


def test_an_operator_cannot_touch_another_units_data(demo_store, tmp_path):
    data = kesmas_upload(demo_store)
    before = snapshot(demo_store)
    with acting_as(actor_of(demo_store, "operator.p2p")), pytest.raises(InputRejected, match="tidak berwenang"):
        save_data(demo_store, data, confirm_warnings=True)
    with acting_as(None), pytest.raises(InputRejected, match="belum masuk"):
        save_data(demo_store, data, confirm_warnings=True)
    assert snapshot(demo_store) == before


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


def test_a_share_link_shows_its_view_until_revoked(demo_store):
    with acting_as(OPERATOR), pytest.raises(Forbidden):
        create_link(demo_store, "Rapat", 2026, 2)
    with acting_as(LEADER):
        token = create_link(demo_store, "Rapat pimpinan", 2026, 2, goal="S2", expires_on=dt.date(2026, 12, 31))
    assert len(token) >= 32
    assert token not in str(demo_store.rows("SELECT * FROM share_link")), "only the hash is stored"
    view = shared_view(demo_store, token, dt.date(2026, 11, 25))
    assert (view.year, view.quarter, view.goal, view.label) == (2026, 2, "S2", "Rapat pimpinan")
    assert shared_view(demo_store, token, dt.date(2027, 1, 1)) is None, "expired"
    assert shared_view(demo_store, token + "x") is None
    revoke_link(demo_store, view.link_id)
    assert shared_view(demo_store, token, dt.date(2026, 11, 25)) is None


def test_the_sop_steps_of_a_finished_and_a_running_quarter(demo_store):
    from kinerja.domain.numbers import fmt_duration as format_duration
    from kinerja.workflow.process import DONE, RUNNING, WAITING, sop_progress

    done = sop_progress(demo_store, 2025, 4).set_index("Langkah")
    assert list(done.index) == list(range(1, 10))
    assert set(done["Status"]) == {DONE}, "2025 is finished and its LKjIP final"
    assert done.loc[1, "Pelaksana"] == "sekretaris"
    assert done.loc[2, "Kelengkapan"] == "8 dari 8 unit"
    assert done.loc[9, "Durasi"] == dt.timedelta(days=3), "corrected to final: three days in the demo"
    assert bool(done.loc[9, "Sesuai standar"]) is False, "the SOP allows one day"
    running = sop_progress(demo_store, 2026, 2).set_index("Langkah")
    assert list(running.index) == [1, 2, 3, 4, 5], "the annual steps show at TW IV"
    assert running.loc[2, "Status"] == RUNNING and running.loc[2, "Kelengkapan"] == "6 dari 8 unit"
    assert running.loc[5, "Status"] == WAITING
    assert format_duration(dt.timedelta(days=2, hours=3)) == "2 hari 3 jam"
    assert format_duration(dt.timedelta(minutes=45)) == "45 menit"


def test_dispositions_and_who_may_make_them(demo_store):
    from kinerja.workflow.process import assign, assignments, mark_done

    with acting_as(actor_of(demo_store, "operator.kesmas")), pytest.raises(Forbidden):
        assign(demo_store, 2026, 3, "kabid.kesmas", ["KESMAS"], "Kumpulkan data")
    with acting_as(actor_of(demo_store, "sekretaris")):
        new = assign(demo_store, 2026, 3, "kabid.kesmas", ["KESMAS"], "Kumpulkan data TW III", dt.date(2026, 10, 15))
    tasks = assignments(demo_store, 2026, 3, "kabid.kesmas")
    assert list(tasks["task"]) == ["Kumpulkan data TW III"] and tasks["done_at"].isna().all()
    with acting_as(actor_of(demo_store, "kabid.kesmas")):
        mark_done(demo_store, new)
    assert assignments(demo_store, 2026, 3)["done_at"].notna().all()
    assert "disposisi.selesai" in set(audit_trail(demo_store, action="disposisi")["action"])


def test_reminders_name_the_late_units_with_a_whatsapp_link(demo_store):
    from urllib.parse import unquote

    from kinerja.workflow.process import reminders, wa_number

    assert wa_number("0812-3456-7000") == "6281234567000"
    assert wa_number("+62 812 3456 7000") == "6281234567000"
    assert wa_number("") is None
    late = {r.unit: r for r in reminders(demo_store, 2026, 3, dt.date(2026, 10, 20))}
    assert set(late) == {"DUKCAPIL", "KESMAS", "P2P", "PK", "RSUD", "SDK", "SEK", "YANKES"}, "nothing of TW III yet"
    kesmas = late["KESMAS"]
    assert kesmas.whatsapp.startswith("https://wa.me/62812345670")
    assert "sudah melewati batas waktu 15 Oktober 2026" in unquote(kesmas.whatsapp)
    assert kesmas.email == "kesmas@sukamaju.go.id" and "8 dari 8 indikator" in kesmas.message


def test_quarter_dates_open_and_close_the_period_for_operators(demo_store):
    import pandas as pd

    from kinerja.workflow.completeness import quarter_dates, save_quarter_dates

    dates = quarter_dates(demo_store, 2026)
    assert list(dates["quarter"]) == [1, 2, 3, 4] and dates["due_on"].notna().all()
    dates.loc[2, ["opens_on", "closes_on"]] = [dt.date(2026, 10, 1), dt.date(2026, 10, 31)]
    wrong = dates.copy()
    wrong.loc[3, "closes_on"] = dt.date(2026, 12, 1)  # TW IV closes before it is due (15-01-2027)
    with pytest.raises(ValueError, match="TW IV: tanggal tutup"):
        save_quarter_dates(demo_store, 2026, wrong)
    with acting_as(actor_of(demo_store, "kadis")), pytest.raises(Forbidden):
        save_quarter_dates(demo_store, 2026, dates)
    save_quarter_dates(demo_store, 2026, dates)
    saved = quarter_dates(demo_store, 2026).set_index("quarter")
    assert saved.loc[3, "closes_on"] == dt.date(2026, 10, 31)
    operator = actor_of(demo_store, "operator.kesmas")
    assert "baru dibuka 1 Oktober 2026" in review.change_refused(
        demo_store, operator, "KESMAS", 2026, 3, dt.date(2026, 9, 30)
    )
    assert review.change_refused(demo_store, operator, "KESMAS", 2026, 3, dt.date(2026, 10, 20)) is None
    assert "ditutup sejak 31 Oktober 2026" in review.change_refused(
        demo_store, operator, "KESMAS", 2026, 3, dt.date(2026, 11, 2)
    )
    assert pd.notna(audit_trail(demo_store, action="batas_waktu")["after"].iloc[0])


def test_an_upload_checked_by_one_account_is_refused_when_saved_by_another(demo_store):
    """The save re-checks, inside its transaction, who may change each indicator's unit."""
    content = xlsx({"Data": [["Kode", "Realisasi"], ["IK07", 3]]})
    data = check_data(demo_store, read_data_file(content, "kesmas.xlsx", Period(2026, 3, "P2P")))
    assert not data.errors, data.problems  # checked as the command line: anyone's indicator
    before = snapshot(demo_store)
    set_actor(actor_of(demo_store, "operator.p2p"))
    with pytest.raises(InputRejected, match="tidak berwenang mengubah data indikator IK07 \\(unit KESMAS\\)"):
        save_data(demo_store, data, confirm_warnings=True)
    assert snapshot(demo_store) == before


def test_a_name_no_account_can_have_is_refused_without_writing_anything(demo_store):
    """Issue 26: a 1 MB name on each try was kept in sign_in_throttle and the audit trail forever."""
    from kinerja.storage.backup import snapshot

    before = snapshot(demo_store)
    for name in ("x" * 1_000_000, "<script>", "a", "nama dengan spasi"):
        with pytest.raises(SignInRefused, match=r"^Nama akun atau kata sandi salah\.$"):
            sign_in(demo_store, name, "apa saja")
    assert snapshot(demo_store) == before


def test_old_throttle_rows_are_forgotten(demo_store):
    import datetime as dt

    long_ago = dt.datetime(2026, 1, 1, 9)
    for _ in range(5):
        with contextlib.suppress(SignInRefused):
            sign_in(demo_store, "tidak.ada", "salah", now=long_ago + dt.timedelta(hours=_))
    assert demo_store.scalar("SELECT count(*) FROM sign_in_throttle WHERE name = 'tidak.ada'") == 1
    with contextlib.suppress(SignInRefused):
        sign_in(demo_store, "orang.lain", "salah", now=long_ago + dt.timedelta(days=3))
    assert demo_store.scalar("SELECT count(*) FROM sign_in_throttle WHERE name = 'tidak.ada'") == 0
