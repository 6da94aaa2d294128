"""The year and quarter a page shows, bound to the link's query parameters (?tahun=2026&tw=TW+II):
the same words on every page, so a shared link opens the same period wherever it points."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from kinerja.access.roles import Action
from kinerja.domain.period import roman
from ui import keys
from ui.auth import page_allows
from ui.resources import cached_default_period, cached_years, data_version, get_store, latest_reported_quarter


def period_selector(years: list[int], version: int) -> tuple[int, int]:
    """Year and quarter pickers, opening on the latest quarter with data (today's when it has
    some); another year opens on its latest quarter with data."""
    opening = cached_default_period(version)
    left, right, _ = st.columns([1, 1, 3])
    first = years.index(opening[0]) if opening and opening[0] in years else 0
    year = left.selectbox("Tahun", years, index=first, key=keys.YEAR, bind="query-params")
    quarter = right.selectbox(
        "Triwulan",
        [1, 2, 3, 4],
        index=(opening[1] if opening and opening[0] == year else latest_reported_quarter(version, year)) - 1,
        format_func=lambda q: f"TW {roman(q)}",
        key=keys.QUARTER,
        bind="query-params",
    )
    return year, quarter


def require_plan(years: list[int]) -> None:
    """Stop the page, pointing to Perencanaan, while no plan exists."""
    if not years:
        st.info("Belum ada rencana kinerja. Mulai dari halaman Perencanaan: unggah PK dan Rencana Aksi.")
        st.page_link("views/perencanaan.py", label="Buka Perencanaan", icon=":material/edit_note:")
        st.stop()


@dataclass(frozen=True)
class Opening:
    """What every page of a period starts from."""

    actor: object  # kinerja.access.roles.Actor
    store: object  # kinerja.storage.store.Store
    version: int
    years: list[int]


def open_page(title: str, caption: str | None = None, action: Action = Action.READ) -> Opening:
    """A period page's opening: may the session see it, the data version its caches follow, the
    years with a plan (stopping with a pointer to Perencanaan while there is none), the title."""
    actor = page_allows(action)
    version = data_version()
    years = cached_years(version)
    st.title(title)
    if caption:
        st.caption(caption)
    require_plan(years)
    return Opening(actor, get_store(), version, years)
