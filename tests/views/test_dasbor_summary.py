"""The Dasbor's risk line and pace sentence, worded once per data version and view
(views.dasbor_parts.screens._summary_words): a rerun shows the words a fresh computation gives, and
after a write the new data's words."""

from kinerja.domain.recap import pace_summary
from kinerja.reporting import screens
from kinerja.reporting.dashboard import View, filtered, projections
from kinerja.storage.settings import load_settings
from tests.conftest import opened
from ui.text import md_escape


def _fresh(db_path, view: View) -> list[str]:
    with opened(db_path) as store:
        settings = load_settings(store, view.year)
        frame = filtered(store, view, settings)
        projected = projections(store, view, frame, settings)
    risky = screens.at_risk(projected, frame)
    sentence = md_escape(screens.risk_headline(projected, frame, settings))
    pace = pace_summary(frame, limit=5)
    return [f":material/warning: {sentence}" if len(risky) else sentence, *([md_escape(pace)] if pace else [])]


def _shown(app) -> list[str]:
    assert not app.exception, app.exception
    return [m.value for m in app.markdown if "Berisiko = " in m.value or m.value.startswith("Progres tahunan")]


def test_the_risk_line_kept_per_view_is_the_fresh_one_and_follows_a_write(app, small_db_path):
    from kinerja.collection.realization import RealizationRow, add_submission
    from ui.resources import get_store

    view = View(2026, 2)
    app.switch_page("views/dasbor.py")
    app.query_params.update({"tahun": "2026", "tw": "TW II"})
    app.run()
    before = _fresh(small_db_path, view)
    assert _shown(app) == before and len(before) == 2
    assert _shown(app.run()) == before, "a rerun reads the kept words"
    with opened(small_db_path) as store:
        risky = screens.at_risk(*reversed(_frames(store, view)))
    code = risky["indicator_code"].iloc[0]
    unit = risky["unit_code"].iloc[0]
    with get_store().write() as w:  # its figure far above target: no longer at risk
        add_submission(w, unit, 2026, 2, [RealizationRow(code, 1e6)], source="test")
    after = _fresh(small_db_path, view)
    assert after != before
    assert _shown(app.run()) == after


def _frames(store, view):
    settings = load_settings(store, view.year)
    frame = filtered(store, view, settings)
    return frame, projections(store, view, frame, settings)
