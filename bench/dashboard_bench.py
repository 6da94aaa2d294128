"""One dashboard view at province scale: its queries, and a whole run of the page under AppTest."""

from __future__ import annotations

import os
from pathlib import Path

from bench.pandas_recap import pandas_achievement
from bench.timing import best_of
from kinerja.dashboard import View, budget_vs_performance, filtered, headline, projections
from kinerja.settings import load_settings
from kinerja.store import Store

ROOT = Path(__file__).resolve().parents[1]


def measure(province_db: Path) -> dict[str, dict[str, float]]:
    store = Store(province_db)
    settings = load_settings(store)
    view = View(2025, 3)

    def queries() -> None:
        frame = filtered(store, view, settings)
        headline(store, view, settings, frame)
        projections(store, view, frame, settings)
        budget_vs_performance(store, view, frame, settings)

    value = best_of(3, queries)
    baseline = best_of(3, lambda: pandas_achievement(store, 2025, 3))
    store.close()
    from streamlit.testing.v1 import AppTest

    os.environ["KINERJA_DB"] = str(province_db)

    def page_run() -> None:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        app.query_params["tahun"] = "2025"
        app.query_params["tw"] = "TW III"
        app.run()
        app.switch_page("views/dasbor.py").run()
        if app.exception:
            raise RuntimeError(app.exception[0].message)

    page = best_of(2, page_run)
    print(f"dashboard view at province scale: queries {value:.2f} s, whole page run {page:.2f} s (cold caches)")
    return {
        "dashboard_view_queries": {"value": value, "baseline": baseline},
        "dashboard_page_run": {"value": page, "baseline": baseline},
    }
