"""Read-only dashboard links for people without an account. A link carries a random token, never
credentials; only the token's SHA-256 is stored, so a copy of the database does not reveal working
links. A link shows one period's dashboard, and nothing else, until it expires or is revoked."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

import pandas as pd

from kinerja.access.roles import Action, require
from kinerja.domain.period import period_name
from kinerja.storage.store import Store


@dataclass(frozen=True)
class SharedView:
    """What a link shows: its period fixed, its unit, sasaran and IKU filters as chosen."""

    link_id: int
    label: str
    year: int
    quarter: int
    unit: str | None
    goal: str | None
    key_only: bool
    branch: str | None = None  # a pohon kinerja node's code


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_link(
    store: Store,
    label: str,
    year: int,
    quarter: int,
    unit: str | None = None,
    goal: str | None = None,
    key_only: bool = False,
    expires_on: dt.date | None = None,
    branch: str | None = None,
) -> str:
    """A new link's token (shown once: only its hash is kept)."""
    actor = require(Action.SHARE)
    token = secrets.token_urlsafe(24)
    label = label.strip() or f"Dasbor {period_name(year, quarter)}"
    with store.write() as w:
        link_id = w.next_id("share_link")
        w.execute(
            "INSERT INTO share_link (id, token_hash, label, year, quarter, unit_code, goal_code, key_only, "
            "created_by, expires_on, branch_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [link_id, _digest(token), label, year, quarter, unit, goal, key_only, actor.name, expires_on, branch],
        )
        w.audit(
            "tautan.buat",
            f"tautan {link_id}",
            after={
                "label": label,
                "periode": period_name(year, quarter),
                "unit": unit,
                "sasaran": goal,
                "cabang": branch,
                "kedaluwarsa": expires_on,
            },
        )
    return token


def revoke_link(store: Store, link_id: int) -> None:
    actor = require(Action.SHARE)
    with store.write() as w:
        found = w.scalar("SELECT label FROM share_link WHERE id = ? AND revoked_at IS NULL", [link_id])
        if found is None:
            raise ValueError(f"Tautan {link_id} tidak ada atau sudah dicabut.")
        w.execute(
            "UPDATE share_link SET revoked_by = ?, revoked_at = current_timestamp WHERE id = ?", [actor.name, link_id]
        )
        w.audit("tautan.cabut", f"tautan {link_id}", {"label": found, "aktif": True}, {"aktif": False})


def shared_view(store: Store, token: str, today: dt.date | None = None) -> SharedView | None:
    """The view a token opens; None when it is unknown, revoked or expired."""
    today = today or dt.date.today()
    found = store.rows(
        "SELECT id, label, year, quarter, unit_code, goal_code, key_only, branch_code, expires_on FROM share_link "
        "WHERE token_hash = ? AND revoked_at IS NULL",
        [_digest(token)],
    )
    if not found:
        return None
    *fields, expires_on = found[0]
    if expires_on is not None and today > expires_on:
        return None
    return SharedView(*fields)


def links(store: Store) -> pd.DataFrame:
    return store.df(
        "SELECT id, label, year, quarter, unit_code, goal_code, key_only, created_by, created_at, expires_on, "
        "revoked_by, revoked_at FROM share_link ORDER BY id DESC"
    )
