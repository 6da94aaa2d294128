"""Accounts and sign-in: who adds them, a sign-in slowed after failures, names no account can have, old
throttle rows forgotten."""

import contextlib
import datetime as dt

import pytest

from kinerja.access.accounts import AccountError, NewAccount, SignInRefused, actor_of, add_account, sign_in
from kinerja.access.roles import Forbidden, Role, acting_as
from tests.actors import LEADER


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
