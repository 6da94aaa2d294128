"""A meeting shown in meeting mode is kept (kinerja.workflow.meetings) as bookkeeping: its record is
read at once, and no page's cached figures are made stale by it."""

from kinerja.access.roles import Actor, Role, acting_as
from kinerja.evaluation.rules import _MEETINGS_SQL
from kinerja.workflow.meetings import meetings, record_meeting


def test_a_meeting_recorded_leaves_the_data_version_and_is_read_at_once(demo_store):
    link = "/dasbor?tahun=2025&tw=TW+III&rapat=1"
    version = demo_store.data_version()
    with acting_as(Actor("sekretaris", Role.REVIEWER, "DINKES")):
        record_meeting(demo_store, 2025, 3, link)
    assert demo_store.data_version() == version, "no figure changed: every page's cached figures stay valid"
    assert link in set(meetings(demo_store, 2025)["link"])
    assert link in {row[1] for row in demo_store.rows(_MEETINGS_SQL, [2025])}, "the LKE's evidence reads it"
    assert (
        demo_store.scalar(
            "SELECT count(*) FROM audit_log WHERE action = 'rapat.tampil' AND after LIKE ?", [f"%{link}%"]
        )
        == 1
    )
