"""Every page's opening (open_page: who may see it, the title, the years with a plan), and the year
and quarter a page shows. On the period pages they are the link's query parameters
(?tahun=2026&tw=TW+II), written into the address on every run, also when they are the opening
period's: a link copied from the address bar opens the same period next month. Unggah Data keeps its
period in the session only."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from kinerja.access.roles import Action, Actor, current
from kinerja.access.sharing import SharedView
from kinerja.domain.period import QUARTERS, roman
from kinerja.storage.store import Store
from kinerja.workflow.opening import upload_period
from ui import keys
from ui.auth import current_shared_view, page_allows
from ui.resources import cached_opening, cached_years, data_version, get_store


def quarter_word(quarter: int) -> str:
    """2 → 'TW II', as the pickers and the link say it."""
    return f"TW {roman(quarter)}"


_QUARTER_WORDS = {quarter_word(q).lower(): q for q in QUARTERS} | {str(q): q for q in QUARTERS}


def _year_opening(version: int, year: int) -> int:
    opening = cached_opening(version, year)
    return opening.quarter if opening else 1


def _wanted(years: list[int], version: int) -> tuple[int, int]:
    """The link's period; else the one this session has shown; else the opening period. A link
    naming only the year opens on that year's opening quarter."""
    opening = cached_opening(version)
    shown = st.session_state.get(keys.PERIOD) or (opening.period if opening else (years[0], 1))
    if shown[0] not in years:
        shown = (years[0], _year_opening(version, years[0]))
    linked_year = str(st.query_params.get(keys.YEAR, "")).strip()
    year = int(linked_year) if linked_year.isdigit() and int(linked_year) in years else None
    quarter = _QUARTER_WORDS.get(str(st.query_params.get(keys.QUARTER, "")).strip().lower())
    if year is None and quarter is None:
        return shown
    year = year or shown[0]
    if quarter is None:
        quarter = shown[1] if year == shown[0] else _year_opening(version, year)
    return year, quarter


def _keep(year: int, quarter: int) -> None:
    """The period this session shows, and in the address."""
    st.session_state[keys.PERIOD] = (year, quarter)
    link = {keys.YEAR: str(year), keys.QUARTER: quarter_word(quarter)}
    if any(st.query_params.get(key) != value for key, value in link.items()):
        st.query_params.update(link)  # one step in the browser's history, as the choice was one


def _year_chosen() -> None:
    """Another year opens on its own opening quarter."""
    year = st.session_state[keys.YEAR]
    st.session_state[keys.QUARTER] = _year_opening(data_version(), year)
    _keep(year, st.session_state[keys.QUARTER])


def _quarter_chosen() -> None:
    _keep(st.session_state[keys.YEAR], st.session_state[keys.QUARTER])


def period_selector(years: list[int], version: int) -> tuple[int, int]:
    """Year and quarter pickers on the link's period, else the period this session has shown, else
    the opening period (kinerja.workflow.opening), and a caption saying why the page opened there.
    A rerun (new data, a save) keeps the period; the address always carries it."""
    # set on every run: after a page switch the keys still hold the last page's pickers, which the
    # new page's pickers would not take
    st.session_state[keys.YEAR], st.session_state[keys.QUARTER] = _wanted(years, version)
    left, right, _ = st.columns([1, 1, 3])
    year = left.selectbox("Tahun", years, key=keys.YEAR, on_change=_year_chosen)
    quarter = right.selectbox(
        "Triwulan", list(QUARTERS), format_func=quarter_word, key=keys.QUARTER, on_change=_quarter_chosen
    )
    _keep(year, quarter)
    for opening in (cached_opening(version), cached_opening(version, year)):
        if opening and opening.period == (year, quarter):
            st.caption(opening.why)
            break
    return year, quarter


def _upload_chosen() -> None:
    st.session_state[keys.UPLOAD_PERIOD] = (st.session_state[keys.UPLOAD_YEAR], st.session_state[keys.UPLOAD_QUARTER])


def upload_period_pickers(years: list[int], actor: Actor, left, middle) -> tuple[int, int]:
    """Unggah Data's year and quarter: on first opening in the session the quarter this account must
    fill (kinerja.workflow.opening.upload_period), then the one chosen. A save, a submission or
    another unit's upload does not move it."""
    if keys.UPLOAD_PERIOD not in st.session_state:
        found = upload_period(get_store(), actor)
        st.session_state[keys.UPLOAD_PERIOD] = found if found and found[0] in years else (years[0], 1)
    st.session_state[keys.UPLOAD_YEAR], st.session_state[keys.UPLOAD_QUARTER] = st.session_state[keys.UPLOAD_PERIOD]
    year = left.selectbox("Tahun", years, key=keys.UPLOAD_YEAR, on_change=_upload_chosen)
    quarter = middle.selectbox(
        "Triwulan", list(QUARTERS), format_func=quarter_word, key=keys.UPLOAD_QUARTER, on_change=_upload_chosen
    )
    st.session_state[keys.UPLOAD_PERIOD] = (year, quarter)
    return year, quarter


def require_plan(years: list[int]) -> None:
    """Stop the page, pointing to Perencanaan, while no plan exists."""
    if not years:
        st.info("Belum ada rencana kinerja. Mulai dari halaman Perencanaan: unggah PK dan Rencana Aksi.")
        st.page_link("views/perencanaan.py", label="Buka Perencanaan", icon=":material/edit_note:")
        st.stop()


@dataclass(frozen=True)
class Opening:
    """What every page starts from."""

    actor: Actor | None  # None only on a read-only link's session (``shared``)
    store: Store
    version: int
    years: list[int]
    shared: SharedView | None = None


def open_page(
    action: Action, title: str, caption: str | None = None, *, period: bool = True, shared_link: bool = False
) -> Opening:
    """Every page's first line: may this session open it (``action``, the one ui.navigation offers
    the page for; with ``shared_link`` a read-only link's session may too), the data version its
    caches follow, the years with a plan, the title. A page of a period stops, pointing to
    Perencanaan, while no plan exists; ``period=False`` (accounts, settings, the plan itself) opens
    without one."""
    shared = current_shared_view() if shared_link and current() is None else None
    actor = None if shared else page_allows(action)
    version = data_version()
    years = cached_years(version)
    st.title(title)
    if caption:
        st.caption(caption)
    if period:
        require_plan(years)
    return Opening(actor, get_store(), version, years, shared)
