"""Read-only links: a shared view until it is revoked."""

import datetime as dt

import pytest

from kinerja.access.roles import Forbidden, acting_as
from kinerja.access.sharing import create_link, revoke_link, shared_view
from tests.actors import LEADER, OPERATOR


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
