"""A quarter's dates open and close the period for operators."""

import datetime as dt

import pytest

from kinerja.access.accounts import actor_of
from kinerja.access.audit import audit_trail
from kinerja.access.roles import Forbidden, acting_as
from kinerja.workflow import review


def test_quarter_dates_open_and_close_the_period_for_operators(demo_store):
    import pandas as pd

    from kinerja.workflow.completeness import quarter_dates, save_quarter_dates

    dates = quarter_dates(demo_store, 2026)
    assert list(dates["quarter"]) == [1, 2, 3, 4] and dates["due_on"].notna().all()
    dates.loc[2, ["opens_on", "closes_on"]] = [dt.date(2026, 10, 1), dt.date(2026, 10, 31)]
    wrong = dates.copy()
    wrong.loc[3, "closes_on"] = dt.date(2026, 12, 1)  # TW IV closes before it is due (15-01-2027)
    with pytest.raises(ValueError, match="TW IV: tanggal tutup"):
        save_quarter_dates(demo_store, 2026, wrong)
    with acting_as(actor_of(demo_store, "kadis")), pytest.raises(Forbidden):
        save_quarter_dates(demo_store, 2026, dates)
    save_quarter_dates(demo_store, 2026, dates)
    saved = quarter_dates(demo_store, 2026).set_index("quarter")
    assert saved.loc[3, "closes_on"] == dt.date(2026, 10, 31)
    operator = actor_of(demo_store, "operator.kesmas")
    assert "baru dibuka 1 Oktober 2026" in review.change_refused(
        demo_store, operator, "KESMAS", 2026, 3, dt.date(2026, 9, 30)
    )
    assert review.change_refused(demo_store, operator, "KESMAS", 2026, 3, dt.date(2026, 10, 20)) is None
    assert "ditutup sejak 31 Oktober 2026" in review.change_refused(
        demo_store, operator, "KESMAS", 2026, 3, dt.date(2026, 11, 2)
    )
    assert pd.notna(audit_trail(demo_store, action="batas_waktu")["after"].iloc[0])
