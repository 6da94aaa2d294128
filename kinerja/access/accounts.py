"""Local accounts: argon2id password hashes, sign-in slowed down after failures, and the actor an
account acts as. Deployments with OpenID Connect (``st.login``) match accounts by e-mail instead."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kinerja.access.roles import Action, Actor, Role, require
from kinerja.storage.store import Store

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _HASHER.hash("bukan-kata-sandi-siapa-pun")  # verified against for unknown names
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
MIN_PASSWORD = 8
FREE_ATTEMPTS = 3  # failed sign-ins before each further one is delayed
MAX_WAIT = timedelta(minutes=15)
THROTTLE_KEPT = timedelta(days=1)  # a name's failures are forgotten this long after its last wait ended
IDLE = timedelta(hours=1)  # a session unused this long has ended
LONGEST = timedelta(hours=12)  # and every session after this long

_UNITS_BELOW = """
WITH RECURSIVE scope(id, code) AS (
    SELECT id, code FROM unit WHERE upper(code) = upper(?)
    UNION
    SELECT u.id, u.code FROM unit u JOIN scope s ON u.parent_id = s.id
)
SELECT code FROM scope
"""


class AccountError(ValueError):
    """An account could not be created or changed; the message says why, in Indonesian."""


class SignInRefused(PermissionError):
    """A sign-in was refused; the message never tells whether the name exists."""


@dataclass(frozen=True)
class NewAccount:
    name: str
    role: Role
    password: str | None
    unit: str | None = None
    display_name: str = ""
    email: str | None = None


def units_under(store: Store, code: str) -> frozenset[str]:
    """``code`` and the codes of every unit below it."""
    return frozenset(c for (c,) in store.rows(_UNITS_BELOW, [code]))


def actor_of(store: Store, name: str) -> Actor:
    """The actor an (active) account acts as, its unit scope resolved now."""
    found = store.rows(
        "SELECT id, name, role, unit_code, display_name FROM account WHERE name = ? AND active", [name.lower()]
    )
    if not found:
        raise SignInRefused("Akun tidak ditemukan atau tidak aktif.")
    account_id, name, role, unit, display = found[0]
    scope = units_under(store, unit) if unit else frozenset()
    return Actor(name, Role(role), unit, scope, account_id, display)


def has_accounts(store: Store) -> bool:
    """Whether any account exists, active or not: the first admin may be created from a browser
    only while none does (with every account disabled, only the command line can add one)."""
    return bool(store.scalar("SELECT count(*) FROM account"))


def _check(store: Store, new: NewAccount) -> None:
    if not NAME_PATTERN.match(new.name):
        raise AccountError(
            f"Nama akun '{new.name}' tidak sah: 3–32 huruf kecil, angka, titik, garis bawah atau tanda hubung."
        )
    if store.scalar("SELECT count(*) FROM account WHERE name = ?", [new.name]):
        raise AccountError(f"Nama akun '{new.name}' sudah dipakai.")
    if new.role in (Role.OPERATOR, Role.REVIEWER):
        if not new.unit:
            raise AccountError(f"Akun {new.name}: peran {new.role.value} memerlukan unit kerja (--unit KODE).")
        if not store.scalar("SELECT count(*) FROM unit WHERE upper(code) = upper(?)", [new.unit]):
            raise AccountError(f"Akun {new.name}: unit '{new.unit}' tidak ada di daftar unit kerja.")
    if new.password is not None and len(new.password) < MIN_PASSWORD:
        raise AccountError(f"Kata sandi minimal {MIN_PASSWORD} karakter.")
    if new.password is None and not new.email:
        raise AccountError(f"Akun {new.name}: isi kata sandi, atau e-mail untuk masuk lewat OpenID Connect.")


def add_account(store: Store, new: NewAccount, *, demo: bool = False) -> int:
    """Create an account (an admin's work; the very first account may be created by anyone, and
    must be an admin)."""
    first = not has_accounts(store)
    if first and new.role is not Role.ADMIN:
        raise AccountError("Akun pertama harus berperan admin.")
    if not first:
        require(Action.ACCOUNTS)
    new = NewAccount(
        new.name.strip().lower(),
        Role(new.role),
        new.password,
        new.unit.strip().upper() if new.unit else None,
        new.display_name.strip(),
        new.email.strip().lower() if new.email else None,
    )
    _check(store, new)
    digest = _HASHER.hash(new.password) if new.password is not None else None
    with store.write() as w:
        if first and w.scalar("SELECT count(*) FROM account"):  # another first admin came in between
            require(Action.ACCOUNTS)
        account_id = w.next_id("account")
        w.execute(
            "INSERT INTO account (id, name, display_name, role, unit_code, email, password_hash, demo) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [account_id, new.name, new.display_name, new.role.value, new.unit, new.email, digest, demo],
        )
        w.audit(
            "akun.tambah",
            f"akun {new.name}",
            after={"peran": new.role.value, "unit": new.unit, "nama": new.display_name, "email": new.email},
        )
    return account_id


def set_password(store: Store, name: str, password: str) -> None:
    """A new password for ``name``: an admin's work, or the account's own."""
    from kinerja.access.roles import current

    actor = current()
    if actor is None or actor.name != name:
        require(Action.ACCOUNTS)
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Kata sandi minimal {MIN_PASSWORD} karakter.")
    with store.write() as w:
        w.execute(
            "UPDATE account SET password_hash = ?, failed_count = 0, locked_until = NULL WHERE name = ?",
            [_HASHER.hash(password), name],
        )
        w.execute("DELETE FROM sign_in_throttle WHERE name = ?", [name])
        w.audit("akun.ganti_sandi", f"akun {name}")


def set_active(store: Store, name: str, active: bool) -> None:
    actor = require(Action.ACCOUNTS)
    if actor.name == name and not active:
        raise AccountError("Akun yang sedang dipakai tidak dapat dinonaktifkan.")
    with store.write() as w:
        before = w.scalar("SELECT active FROM account WHERE name = ?", [name])
        if before is None:
            raise AccountError(f"Akun '{name}' tidak ada.")
        w.execute("UPDATE account SET active = ? WHERE name = ?", [active, name])
        w.audit("akun.aktif" if active else "akun.nonaktif", f"akun {name}", {"aktif": before}, {"aktif": active})


def accounts(store: Store) -> pd.DataFrame:
    """The accounts, without their hashes."""
    return store.df(
        "SELECT name, display_name, role, unit_code, email, active, failed_count, created_at, demo "
        "FROM account ORDER BY role, name"
    )


def _wait(failures: int) -> timedelta:
    """How long after the ``failures``-th failure the next attempt is refused."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(MAX_WAIT, timedelta(seconds=5 * 2 ** (failures - FREE_ATTEMPTS)))


def sign_in(store: Store, name: str, password: str, now: datetime | None = None) -> Actor:
    """The actor of ``name`` if ``password`` is right. After three failures each further attempt
    must wait (5 s, doubling up to 15 min). An attempt is counted, in one write, before its
    password is checked, so attempts made at the same moment cannot all slip under the limit; and
    names that no account has are counted and delayed alike, so the answer and its timing never
    tell whether the name exists."""
    now = now or datetime.now()
    name = name.strip().lower()
    if not NAME_PATTERN.match(name):  # no account can have it: nothing is written, the answer is the same
        _HASHER.verify(_DUMMY_HASH, "bukan-kata-sandi-siapa-pun")  # and so is the time it takes
        raise SignInRefused("Nama akun atau kata sandi salah.")
    with store.write(bump=False) as w:
        failures, locked_until = w.cursor.execute(
            "SELECT coalesce(max(failed_count), 0), max(locked_until) FROM sign_in_throttle WHERE name = ?", [name]
        ).fetchone()
        if locked_until is not None and locked_until > now:
            seconds = int((locked_until - now).total_seconds()) + 1
            raise SignInRefused(f"Terlalu banyak percobaan yang gagal. Coba lagi dalam {seconds} detik.")
        _count_attempt(w, name, failures + 1, now)  # undone below if the password is right
    found = store.rows("SELECT password_hash FROM account WHERE name = ? AND active", [name])
    digest = found[0][0] if found else None
    try:
        _HASHER.verify(digest or _DUMMY_HASH, password)  # same work whether the name exists or not
        good = digest is not None
    except (VerificationError, InvalidHashError):
        good = False
    with store.write(bump=False) as w:
        if good:
            _count_attempt(w, name, 0, now)
            w.audit("akun.masuk", f"akun {name}", actor=name)
        else:
            w.audit("akun.gagal_masuk", f"akun {name}", actor="anonim")
    if not good:
        raise SignInRefused("Nama akun atau kata sandi salah.")
    if _HASHER.check_needs_rehash(digest):
        with store.write(bump=False) as w:
            w.execute("UPDATE account SET password_hash = ? WHERE name = ?", [_HASHER.hash(password), name])
    return actor_of(store, name)


def _count_attempt(w, name: str, failures: int, now: datetime) -> None:
    """Record ``failures`` for the name (0: signed in), with the wait it imposes, on the throttle and
    on the account of that name if there is one (shown on the Akun page)."""
    wait = _wait(failures)
    locked_until = now + wait if wait else None
    w.execute("DELETE FROM sign_in_throttle WHERE name = ? OR locked_until < ?", [name, now - THROTTLE_KEPT])
    if failures:
        w.execute("INSERT INTO sign_in_throttle VALUES (?, ?, ?)", [name, failures, locked_until])
    w.execute("UPDATE account SET failed_count = ?, locked_until = ? WHERE name = ?", [failures, locked_until, name])


def actor_by_email(store: Store, email: str) -> Actor:
    """The actor of the active account with ``email`` (OpenID Connect sign-in)."""
    name = store.scalar("SELECT name FROM account WHERE lower(email) = lower(?) AND active", [email])
    if name is None:
        raise SignInRefused(f"E-mail {email} belum terdaftar di Kinerja; minta admin membuatkan akun.")
    return actor_of(store, name)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(store: Store, name: str, now: datetime | None = None) -> str:
    """A new session of the account ``name`` (just signed in): its token, for the browser's cookie."""
    now = now or datetime.now()
    token = secrets.token_urlsafe(32)
    with store.write(bump=False) as w:
        account_id = w.scalar("SELECT id FROM account WHERE name = ?", [name])
        w.execute(
            "INSERT INTO app_session (token_hash, account_id, started_at, seen_at) VALUES (?, ?, ?, ?)",
            [_token_hash(token), account_id, now, now],
        )
    return token


def resume_session(store: Store, token: str, now: datetime | None = None) -> str | None:
    """The account name of a live session (recording that it was seen), or None if the token is
    unknown, signed out, idle for an hour, older than twelve hours, or its account inactive."""
    now = now or datetime.now()
    found = store.rows(
        "SELECT a.name, s.started_at, s.seen_at FROM app_session s JOIN account a ON a.id = s.account_id "
        "WHERE s.token_hash = ? AND s.ended_at IS NULL AND a.active",
        [_token_hash(token)],
    )
    if not found:
        return None
    name, started, seen = found[0]
    if now - seen > IDLE or now - started > LONGEST:
        end_session(store, token, now)
        return None
    if now - seen > timedelta(minutes=1):  # not a write on every rerun
        with store.write(bump=False) as w:
            w.execute("UPDATE app_session SET seen_at = ? WHERE token_hash = ?", [now, _token_hash(token)])
    return name


def end_session(store: Store, token: str, now: datetime | None = None) -> None:
    with store.write(bump=False) as w:
        w.execute(
            "UPDATE app_session SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL",
            [now or datetime.now(), _token_hash(token)],
        )


def assignable_accounts(store: Store) -> list[str]:
    """The active accounts a disposition may go to: admins and reviewers."""
    return [
        n for (n,) in store.rows("SELECT name FROM account WHERE active AND role IN ('admin', 'peninjau') ORDER BY 1")
    ]
