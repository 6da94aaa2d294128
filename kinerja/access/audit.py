"""Reading the audit trail (it is written by ``Writer.audit`` inside each change's transaction).
Nothing here changes it: the app has no way to edit or delete an entry. The trail in words, as the
page and its exports show it, is ``kinerja.reporting.audit_trail``."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kinerja.access.roles import Action, require
from kinerja.storage.store import Store


def audit_trail(
    store: Store,
    *,
    actor: str | None = None,
    action: str | None = None,
    text: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Entries newest first, filtered by actor, action prefix (``data``, ``akun.masuk``), any text
    in the object or the values, and a date range (both ends included)."""
    require(Action.AUDIT)
    sql = ['SELECT happened_at AS "at", actor, action, entity, before, after FROM audit_log WHERE true']
    params: list[object] = []
    if actor:
        sql.append("AND actor = ?")
        params.append(actor)
    if action:
        sql.append("AND (action = ? OR starts_with(action, ? || '.'))")
        params += [action, action]
    if text:
        sql.append("AND (entity ILIKE ? OR before ILIKE ? OR after ILIKE ?)")
        params += [f"%{text}%"] * 3
    if since:
        sql.append("AND happened_at >= ?")
        params.append(dt.datetime.combine(since, dt.time.min))
    if until:
        sql.append("AND happened_at < ?")
        params.append(dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min))
    sql.append("ORDER BY id DESC")
    if limit:
        sql.append(f"LIMIT {int(limit)}")
    return store.df(" ".join(sql), params)


def audit_actors(store: Store) -> list[str]:
    """Everyone who appears in the audit trail."""
    return [actor for (actor,) in store.rows("SELECT DISTINCT actor FROM audit_log ORDER BY 1")]


def audit_kinds(store: Store) -> list[str]:
    """The kinds of change in the audit trail ('rencana', 'data', 'akun', …)."""
    return sorted({action.split(".")[0] for (action,) in store.rows("SELECT DISTINCT action FROM audit_log")})
