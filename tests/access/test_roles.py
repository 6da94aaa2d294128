"""Who may do what: the role rules as a table, a new thread's anonymous actor, a unit's data kept to its
own people, all through the functions the pages and the command line call. (Accounts, sharing and the
review loop: tests/access/test_accounts.py, test_sharing.py, tests/workflow/.)"""

import pytest

from kinerja.access import roles
from kinerja.access.accounts import actor_of
from kinerja.access.roles import Action, Forbidden, acting_as, can, require, set_actor
from kinerja.collection.checking import check_data
from kinerja.collection.datafile import Period
from kinerja.collection.reading import read_data_file
from kinerja.collection.saving import save_data
from kinerja.domain.problems import InputRejected
from tests.actors import ADMIN, LEADER, OPERATOR, REVIEWER, SEKRETARIS
from tests.conftest import snapshot
from tests.workbooks import kesmas_upload, xlsx

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


def test_an_operator_cannot_touch_another_units_data(demo_store, tmp_path):
    data = kesmas_upload(demo_store)
    before = snapshot(demo_store)
    with acting_as(actor_of(demo_store, "operator.p2p")), pytest.raises(InputRejected, match="tidak berwenang"):
        save_data(demo_store, data, confirm_warnings=True)
    with acting_as(None), pytest.raises(InputRejected, match="belum masuk"):
        save_data(demo_store, data, confirm_warnings=True)
    assert snapshot(demo_store) == before


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
