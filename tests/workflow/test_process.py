"""The SOP's steps of a quarter, dispositions and who may make them, reminders to the late units."""

import datetime as dt

import pytest

from kinerja.access.accounts import actor_of
from kinerja.access.audit import audit_trail
from kinerja.access.roles import Forbidden, acting_as


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
