"""Meetings where the results were shown: each time a signed-in person opens Dasbor Capaian in
meeting mode, who, when and which period (with the link that shows it again) is kept. The LKE
counts them as the leaders' use of the results (rule ``leaders_use``)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd

from kinerja.access.roles import Action, actor_name, require
from kinerja.domain.period import roman
from kinerja.domain.problems import InputRejected, Problem
from kinerja.storage.store import Store

MEETING_PARAMETER = "rapat"  # the dashboard's query parameter of meeting mode (ui.keys.MEETING)


def meeting_link(params: dict[str, str]) -> str:
    """The dashboard's address in meeting mode with the view's filters (query parameters)."""
    kept = {k: v for k, v in params.items() if k != MEETING_PARAMETER and v not in (None, "")}
    return "/dasbor?" + urlencode(kept | {MEETING_PARAMETER: "1"})


def record_meeting(
    store: Store, year: int, quarter: int, link: str, *, at: dt.datetime | None = None, demo: bool = False
) -> int:
    """Keep that ``year``'s ``quarter`` was shown in meeting mode by the current actor (now, or
    ``at`` as the database stores times); audited."""
    require(Action.READ)
    if not 1 <= quarter <= 4 or not link.startswith("/dasbor?"):
        raise InputRejected([Problem(f"rapat tidak dapat dicatat: periode {year} TW {quarter}, tautan {link}")])
    # bookkeeping: no figure changes, so the data version stays and every page's cached figures with it
    # (a meeting's next screen, and every other session's dashboard, are not computed again for it);
    # its readers (the LKE's evidence, the audit trail) read it uncached
    with store.write(bump=False) as w:
        new_id = w.next_id("meeting_shown")
        w.execute(
            "INSERT INTO meeting_shown (id, year, quarter, link, shown_by, shown_at, demo) "
            "VALUES (?, ?, ?, ?, ?, coalesce(?::TIMESTAMP, current_timestamp::TIMESTAMP), ?)",
            [new_id, year, quarter, link, actor_name(), at, demo],
        )
        w.audit("rapat.tampil", f"TW {roman(quarter)} {year}", None, {"tautan": link}, at=at)
    return new_id


def meetings(store: Store, year: int) -> pd.DataFrame:
    """The year's meetings: quarter, link, who and when (as stored), oldest first."""
    return store.df(
        "SELECT quarter, link, shown_by, shown_at FROM meeting_shown WHERE year = ? ORDER BY shown_at, id", [year]
    )
