"""The year and quarter a page shows, bound to the link's query parameters (?tahun=2026&tw=TW+II):
the same words on every page, so a shared link opens the same period wherever it points."""

from __future__ import annotations

import streamlit as st

from kinerja.domain.achievement import roman
from ui import keys
from ui.resources import cached_default_period, latest_reported_quarter


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
