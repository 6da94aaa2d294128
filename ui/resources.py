"""The process's one Store and cached reads. Every cached read takes the data version, so a write in
any session shows on the next rerun of every other session."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from kinerja.access.roles import acting_as, current
from kinerja.cascade.detail import node_indicators
from kinerja.cascade.screen import Shape, Units, budget_totals, shape, tree_units
from kinerja.cascade.stored import branch_choices, node_frame
from kinerja.collection.template import unit_template
from kinerja.planning.stored import plan_years
from kinerja.reporting.dashboard import View, score_trend
from kinerja.reporting.period_figures import PeriodFigures, period_figures
from kinerja.storage.backup import backup_folder, start_daily_backups
from kinerja.storage.config import environment
from kinerja.storage.figures import recap
from kinerja.storage.settings import OfficeSettings, Settings, load_settings, office_settings
from kinerja.storage.store import Store
from kinerja.workflow.opening import Opening, opening_period
from ui.keys import FLASH


@st.cache_resource(show_spinner=False, on_release=Store.close)  # a dropped store lets go of its file
def get_store() -> Store:
    """One connection per process (path from KINERJA_DB or data/kinerja.duckdb); with
    KINERJA_BACKUP_DIR set, the process also makes a backup there every day."""
    store = Store()
    settings = environment()
    if settings.backup_dir:
        start_daily_backups(store, backup_folder(store), keep=settings.backup_keep)
    return store


def data_version() -> int:
    return get_store().data_version()


@st.cache_data(show_spinner=False, max_entries=64)
def cached_recap(version: int, year: int, quarter: int, unit: str | None = None) -> pd.DataFrame:
    return recap(get_store(), year, quarter, unit)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_settings(version: int, year: int) -> Settings:
    """The settings ``year``'s figures are computed with."""
    return load_settings(get_store(), year)


@st.cache_data(show_spinner=False, max_entries=8)
def cached_office(version: int) -> OfficeSettings:
    """The office's own settings (name, demo data, region kind), the same for every year."""
    return office_settings(get_store())


@st.cache_data(show_spinner=False, max_entries=8)
def cached_years(version: int) -> list[int]:
    return plan_years(get_store())


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)  # the rule reads today's date too
def cached_opening(version: int, year: int | None = None) -> Opening | None:
    """The period the period pages open on (of ``year``, when given), per data version."""
    return opening_period(get_store(), year)


def flash(message: str) -> None:
    """Show ``message`` once, after the coming rerun."""
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")


@st.cache_data(show_spinner=False, max_entries=16)
def cached_branches(version: int, year: int) -> dict[str, str]:
    """The year's pohon kinerja branches above the office's sasaran: label → code."""
    return branch_choices(get_store(), year)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_nodes(version: int, year: int, quarter: int) -> pd.DataFrame:
    """The year's pohon kinerja, a row per node with its achievement to date."""
    return node_frame(get_store(), year, quarter)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_tree(version: int, year: int, quarter: int) -> tuple[pd.DataFrame, Units, Shape]:
    """The year's pohon kinerja as the page draws it: its nodes with their budgets (the sum of
    their sub-kegiatan), the units of its top nodes, and its shape (grouped by unit when wide)."""
    nodes = budget_totals(cached_nodes(version, year, quarter))
    units = tree_units(get_store(), year, quarter, nodes)
    return nodes, units, shape(nodes, units.of_top, order=list(units.names))


@st.cache_data(show_spinner=False, max_entries=16)
def cached_node_indicators(version: int, year: int, quarter: int) -> pd.DataFrame:
    """Every indicator of the year's tree with its target, and the PK ones' figures to date."""
    return node_indicators(get_store(), year, quarter)


@st.cache_data(show_spinner=False, max_entries=32)
def cached_unit_template(version: int, unit: str, year: int, quarter: int) -> bytes:
    return unit_template(get_store(), unit, year, quarter)


def made_on_click(work: Callable[..., bytes], *args: object) -> Callable[[], bytes]:
    """A download's content, made when its button is clicked rather than on every run of the page
    (a province's plan template takes a second). Streamlit calls it outside the page's run: it
    runs as the account that saw the button, so an operator's zip still holds only its units."""
    actor = current()

    def make() -> bytes:
        with acting_as(actor):
            return work(*args)

    return make


@st.cache_data(show_spinner=False, max_entries=32)
def cached_dashboard(version: int, view: View) -> PeriodFigures:
    """Everything a dashboard view draws, computed once per view and data version, the at-risk
    list of its summary with it (kept with the figures rather than derived again on every run)."""
    figures = period_figures(get_store(), view, cached_settings(version, view.year))
    figures.at_risk  # noqa: B018 (a cached property, computed here to be kept)
    return figures


@st.cache_data(show_spinner=False, max_entries=32)
def cached_score_trend(version: int, view: View) -> pd.DataFrame:
    return score_trend(get_store(), view, cached_settings(version, view.year))
