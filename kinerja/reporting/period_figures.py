"""A period's figures, computed once for every place that shows them: the Dasbor Capaian, the
quarterly report and the LKjIP (a year's TW IV). One recap of the view, one order ("worst first":
:func:`kinerja.reporting.screens.worst_first`), the year's settings loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from kinerja.domain.recap import category_counts, roll_up_by
from kinerja.reporting.dashboard import Headline, View, budget_vs_performance, filtered, headline, projections
from kinerja.reporting.screens import at_risk, worst_first
from kinerja.storage.settings import Settings, settings_for
from kinerja.storage.store import Store


@dataclass(frozen=True)
class PeriodFigures:
    """What a view of a period states. ``frame`` is its recap in the plan's order (sasaran, then
    the PK's order); :attr:`worst` the same rows worst first."""

    view: View
    settings: Settings  # the view's year's, loaded once
    frame: pd.DataFrame
    headline: Headline  # the overall score, its category, the quarter before
    projections: pd.DataFrame | None  # each indicator's year-end projection; None without indicators
    budget: pd.DataFrame | None  # score beside budget absorption per sasaran; None without indicators

    @cached_property
    def worst(self) -> pd.DataFrame:
        """The indicators worst first: lowest score, equal scores in code order, unscored last."""
        return worst_first(self.frame)

    @cached_property
    def by_goal(self) -> pd.DataFrame:
        """Each sasaran's roll-up score, in the plan's order."""
        return roll_up_by(self.frame, "goal", self.settings.scale)

    @cached_property
    def counts(self) -> pd.DataFrame:
        """Indicators per category, in the scale's order, then those without a score."""
        return category_counts(self.frame, self.settings.scale)

    @cached_property
    def at_risk(self) -> pd.DataFrame:
        """The indicators projected to end the year at risk, lowest projection first."""
        return at_risk(self.projections, self.frame)

    @property
    def score(self) -> float | None:
        return self.headline.score

    @property
    def grade(self) -> str | None:
        return self.headline.category


def period_figures(store: Store, view: View, settings: Settings | None = None) -> PeriodFigures:
    """The figures of ``view`` (a period, narrowed by its filters), with the settings of its year
    (``settings`` when they are that year's)."""
    settings = settings_for(store, view.year, settings)
    frame = filtered(store, view, settings)
    found = len(frame) > 0
    by_goal = roll_up_by(frame, "goal", settings.scale)
    figures = PeriodFigures(
        view,
        settings,
        frame,
        headline(store, view, settings, frame),
        projections(store, view, frame, settings) if found else None,
        budget_vs_performance(store, view, frame, settings, by_goal) if found else None,
    )
    figures.__dict__["by_goal"] = by_goal  # its cached property: the roll-up the budget is set against, once
    return figures
