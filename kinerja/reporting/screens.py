"""What a leader's screen holds at any scale, as data: long lists capped to the lowest and the
highest few (the rest counted in words, so every total still reconciles), codes in their numeric
order ("Sasaran 2" before "Sasaran 10"), a province's sasaran grouped under the unit that holds
them, the at-risk indicators named, and why an indicator below its target is not at risk.
The dashboard's page and meeting mode draw from these; nothing here draws."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja.domain.numbers import fmt_number, fmt_percent
from kinerja.domain.period import roman
from kinerja.storage.settings import Settings

LOWEST = 15  # bars a capped chart shows from the bottom: where a leader acts
HIGHEST = 5  # and from the top: what goes well
MEETING_LOWEST, MEETING_HIGHEST = 4, 2  # a projector's screen holds fewer
_DIGITS = re.compile(r"(\d+)")


def code_key(text: object) -> tuple:
    """A sort key that reads the numbers in a code or a name as numbers: "S2" before "S10",
    "Sasaran 9" before "Sasaran 10", "IK02.1" before "IK02.10"; letters without case."""
    return _code_key(str(text))


@functools.lru_cache(maxsize=65_536)  # a province's codes and names, read again on every run
def _code_key(text: str) -> tuple:
    parts = _DIGITS.split(text.strip())
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold()) for part in parts if part)


def in_code_order(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``frame``'s rows by ``columns`` read in code order (see :func:`code_key`), never as text."""
    keys = list(zip(*(map(code_key, frame[column].tolist()) for column in columns), strict=True))
    order = sorted(range(len(frame)), key=keys.__getitem__)
    return frame.iloc[order].reset_index(drop=True)


def worst_first(frame: pd.DataFrame, code: str = "indicator_code", score: str = "score_pct") -> pd.DataFrame:
    """Lowest score first, equal scores in code order (:func:`code_key`); rows without a score last.
    The one "worst first" of the dashboard's charts, the quarterly report and the LKjIP."""
    codes = list(map(code_key, frame[code].tolist()))
    scores = frame[score].to_numpy(float)
    order = sorted(range(len(frame)), key=lambda i: (np.isnan(scores[i]), scores[i], codes[i]))
    return frame.iloc[order].reset_index(drop=True)


@dataclass(frozen=True)
class Capped:
    """A long list cut to what a screen can show: ``shown`` in the order to draw (lowest first),
    ``hidden`` the rows left out, so that ``len(shown) + len(hidden)`` is every row."""

    shown: pd.DataFrame
    hidden: pd.DataFrame
    lowest: int  # rows of ``shown`` from the bottom of the scores
    highest: int  # rows of ``shown`` from the top

    @property
    def total(self) -> int:
        return len(self.shown) + len(self.hidden)

    @property
    def is_cut(self) -> bool:
        return not self.hidden.empty

    def title(self, noun: str) -> str:
        """What the chart shows, for its title: "15 terendah dan 5 tertinggi dari 180 sasaran"."""
        if not self.is_cut:
            return f"{fmt_number(self.total)} {noun}"
        top = f" dan {self.highest} tertinggi" if self.highest else ""
        return f"{self.lowest} terendah{top} dari {fmt_number(self.total)} {noun}"

    def words(
        self, noun: str, score: str = "score_pct", indicators: str | None = None, measure: str = "skornya"
    ) -> str | None:
        """The rows left out, counted (and their indicators, where ``indicators`` counts them per
        row), with the range of their scores: None when nothing is left out."""
        if not self.is_cut:
            return None
        hidden = self.hidden
        scored = hidden[score].dropna()
        parts = [f"{fmt_number(len(hidden))} {noun} lainnya tidak digambar"]
        if indicators:
            parts[0] += f" ({fmt_number(int(hidden[indicators].sum()))} indikator)"
        if len(scored):
            parts.append(f"{measure} {fmt_percent(scored.min())} – {fmt_percent(scored.max())}")
        if len(scored) < len(hidden):
            parts.append(f"{fmt_number(len(hidden) - len(scored))} belum ada data")
        return f"Ditampilkan {self.title(noun)}; " + ", ".join(parts) + "."


def capped(
    frame: pd.DataFrame, code: str, lowest: int = LOWEST, highest: int = HIGHEST, score: str = "score_pct"
) -> Capped:
    """The lowest ``lowest`` and the highest ``highest`` rows by ``score`` (equal scores in code
    order), lowest first; rows without a score are left out with the middle, and counted. A list
    that fits is shown whole, by score."""
    ordered = worst_first(frame, code, score)
    scored = ordered[ordered[score].notna()]
    if len(ordered) <= lowest + highest:
        return Capped(ordered, ordered.iloc[0:0], len(ordered), 0)
    low = scored.head(lowest)
    high = scored.iloc[len(low) :].tail(highest)
    shown = pd.concat([low, high])
    hidden = ordered.drop(index=shown.index)
    return Capped(shown.reset_index(drop=True), hidden.reset_index(drop=True), len(low), len(high))


# --- a province's sasaran under their units -------------------------------------------------------


def lead_units(frame: pd.DataFrame) -> pd.Series:
    """Each sasaran's unit (goal → unit_code): the unit that holds most of its indicators in
    ``frame`` (a recap), the first in code order on a tie. The plan names no unit for a sasaran,
    so the screen says how it was grouped."""
    counts = frame.groupby(["goal", "unit_code"], dropna=False).size().rename("n").reset_index()
    counts["order"] = counts["unit_code"].map(code_key)
    counts = counts.sort_values(["goal", "n", "order"], ascending=[True, False, True], kind="stable")
    return counts.drop_duplicates("goal").set_index("goal")["unit_code"]


def group_by_unit(rollup: pd.DataFrame, frame: pd.DataFrame, unit_names: dict[str, str]) -> pd.DataFrame:
    """The sasaran roll-up (``roll_up_by(frame, "goal", …)``) with each sasaran's unit
    (``unit_code``) and a label naming it ("Unit 3 · Sasaran 12"), in the units' code order and
    the sasaran's within each unit."""
    units = lead_units(frame)
    codes = frame.drop_duplicates("goal").set_index("goal")["goal_code"]
    grouped = rollup.assign(unit_code=rollup["goal"].map(units), goal_code=rollup["goal"].map(codes))
    grouped["label"] = [
        f"{unit_names.get(u, u)} · {g}" if isinstance(u, str) else str(g)
        for u, g in zip(grouped["unit_code"], grouped["goal"], strict=True)
    ]
    return in_code_order(grouped, "unit_code", "goal_code")


GROUPING_WORDS = (
    "Sasaran dikelompokkan per unit: unit yang memegang indikator terbanyak pada sasaran itu "
    "(rencana tidak menyebut unit sebuah sasaran)."
)


# --- risk ----------------------------------------------------------------------------------------


def at_risk(projected: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """The indicators at risk, lowest projection first (equal ones in code order), with their unit:
    ``indicator_code``, ``indicator_name``, ``unit_code``, ``projected_score``."""
    if projected is None or projected.empty:
        return pd.DataFrame(columns=["indicator_code", "indicator_name", "unit_code", "projected_score"])
    risky = projected[projected["at_risk"].astype(bool)]
    units = frame.set_index("indicator_code")["unit_code"]
    risky = risky.assign(unit_code=risky["indicator_code"].map(units))
    return worst_first(risky, "indicator_code", "projected_score")[
        ["indicator_code", "indicator_name", "unit_code", "projected_score"]
    ]


def below_target_not_at_risk(projected: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Indicators under their target to date that are not at risk: their projection reaches the
    office's risk threshold. ``indicator_code`` and ``projected_score``."""
    if projected is None or projected.empty:
        return pd.DataFrame(columns=["indicator_code", "projected_score"])
    joined = frame[["indicator_code", "achievement_pct"]].merge(projected, on="indicator_code")
    below = (joined["achievement_pct"] < 100) & ~joined["at_risk"].astype(bool) & joined["projected_score"].notna()
    return joined.loc[below, ["indicator_code", "projected_score"]].reset_index(drop=True)


def risk_headline(
    projected: pd.DataFrame, frame: pd.DataFrame, settings: Settings, risky: pd.DataFrame | None = None
) -> str:
    """The risk line's sentence (the indicators themselves are named beside it, each a link);
    ``risky``: :func:`at_risk` of the same figures, when already at hand."""
    risky = at_risk(projected, frame) if risky is None else risky
    safe = below_target_not_at_risk(projected, frame)
    rule = f"Berisiko = {settings.risk_rule()}."
    below = (
        f" {fmt_number(len(safe))} indikator lain di bawah target tetapi tidak berisiko: proyeksinya mencapai batas itu."
        if len(safe)
        else ""
    )
    if risky.empty:
        return f"Tidak ada indikator berisiko. {rule}{below}"
    return f"{fmt_number(len(risky))} dari {fmt_number(len(frame))} indikator berisiko. {rule}{below}"


def risk_label(code: str, name: str, projected_score: float) -> str:
    """An at-risk indicator as the risk line names it."""
    short = name if len(name) <= 60 else name[:59].rstrip() + "…"
    return f"{code} · {short} (proyeksi {fmt_percent(projected_score)})"


def risk_reading(record: dict, projection: dict | None, quarter: int, settings: Settings) -> str:
    """Where one indicator stands against the risk rule, in a sentence: at risk, or below its
    target to date yet not at risk (its projection says why), or on target."""
    threshold = fmt_percent(settings.risk_threshold, 0 if float(settings.risk_threshold).is_integer() else 1)
    tw = f"TW {roman(quarter)}"
    score = None if projection is None else projection.get("projected_score")
    if score is None or pd.isna(score):
        return (
            f"Proyeksi akhir tahun belum dapat dihitung (belum ada realisasi s.d. {tw}); risikonya belum dapat dinilai."
        )
    projection_words = f"proyeksi skor akhir tahun {fmt_percent(score)}"
    if score < settings.risk_threshold:
        return f"Berisiko: {projection_words}, di bawah batas {threshold}."
    achieved = record.get("achievement_pct")
    if achieved is not None and pd.notna(achieved) and achieved < 100:
        return (
            f"Di bawah target s.d. {tw} (capaian {fmt_percent(achieved)}), tetapi tidak berisiko: "
            f"{projection_words}, tidak di bawah batas {threshold}."
        )
    return f"Tidak berisiko: {projection_words}."


# --- meeting mode ----------------------------------------------------------------------------------


def completeness_words(reported: int, indicators: int) -> str:
    """The data's completeness for every meeting screen: "2.350 dari 2.400 indikator berdata (98%)"."""
    share = f" ({fmt_percent(reported / indicators * 100, 0)})" if indicators else ""
    return f"{fmt_number(reported)} dari {fmt_number(indicators)} indikator berdata{share}"


def next_screen(current: int, screens: int, step: int = 1) -> int:
    """The screen after (or, with ``step`` -1, before) ``current``, going round."""
    return (current + step) % screens if screens else 0


def named(items: Iterable[str], limit: int) -> str:
    """Up to ``limit`` items joined, the rest counted: "IK01, IK02 dan 38 lainnya"."""
    items = list(items)
    if len(items) <= limit:
        return ", ".join(items)
    return f"{', '.join(items[:limit])} dan {fmt_number(len(items) - limit)} lainnya"
