"""The Manual IKU (the indicator dictionary evaluators ask for, KKE B.1.2): each IKU and PK indicator
of a year with its definisi operasional, formula (numerator and denominator where RATIO), satuan,
polarity, aggregation, data source, unit responsible, collection frequency and the reason for its
target, as the year's plan stores them; and what an evaluator would find missing or score down."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kinerja.domain.achievement import Aggregation, Polarity
from kinerja.domain.numbers import fmt_number
from kinerja.storage.figures import recap
from kinerja.storage.store import Store

MANUAL_SQL = """
SELECT i.code, i.name, i.is_key, g.name AS sasaran, i.definition, m.formula, m.numerator, m.denominator,
       i.measure_unit, i.polarity, i.aggregation, i.data_source, u.code AS unit_code, u.name AS unit_name,
       m.frequency, m.target_reason, pk.value AS target_low, pk.value_high AS target_high
FROM indicator_in_year i
JOIN target pk ON pk.indicator_id = i.id AND pk.year = i.year AND pk.kind = 'pk'
JOIN goal g ON g.id = i.goal_id
LEFT JOIN unit u ON u.id = i.unit_id
LEFT JOIN indicator_manual m ON m.indicator_id = i.id AND m.year = i.year
WHERE i.year = ?
ORDER BY NOT i.is_key, g.code, i.position, i.code
"""


def manual_frame(store: Store, year: int) -> pd.DataFrame:
    """One row per indicator of the year's PK, IKU first, with its Manual IKU fields and
    ``last_realisation``: the same indicator's (same code) realisation of the year before at TW IV,
    NaN where that year has none."""
    frame = store.df(MANUAL_SQL, [year])
    try:
        before = recap(store, year - 1, 4).set_index("indicator_code")["realization_to_date"]
    except (KeyError, ValueError):
        before = pd.Series(dtype=float)
    frame["last_realisation"] = frame["code"].map(before).astype(float)
    return frame


@dataclass(frozen=True)
class Finding:
    """What an evaluator would note of one indicator: a ``temuan`` scores the office down, a
    ``catatan`` asks for a field the manual should carry."""

    code: str
    kind: str  # temuan, catatan
    message: str

    def line(self) -> str:
        return f"{self.kind.capitalize()} {self.code}: {self.message}"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip()


def manual_findings(frame: pd.DataFrame, year: int) -> list[Finding]:
    """Gaps of each indicator of :func:`manual_frame`: an IKU without a definition or a formula, a
    RATIO without its numerator or denominator is a finding (for a PK indicator that is not an IKU,
    a note); a missing data source, unit, frequency or target reason is a note; a target below
    last year's realisation (above it, for a negative indicator) is a finding."""
    found: list[Finding] = []
    for row in frame.to_dict("records"):
        code, key = row["code"], bool(row["is_key"])
        severe = "temuan" if key else "catatan"
        what = "IKU" if key else "indikator PK"
        if _blank(row["definition"]):
            found.append(Finding(code, severe, f"{what} tanpa definisi operasional"))
        if _blank(row["formula"]):
            found.append(Finding(code, severe, f"{what} tanpa formula (cara menghitung)"))
        if row["aggregation"] == Aggregation.RATIO.value:
            missing = [w for k, w in (("numerator", "pembilang"), ("denominator", "penyebut")) if _blank(row[k])]
            if missing:
                found.append(Finding(code, severe, f"indikator rasio tanpa {' dan '.join(missing)}"))
        for field, word in _NOTED:
            if _blank(row[field]):
                found.append(Finding(code, "catatan", f"{word} belum diisi"))
        below = target_below_last_year(row)
        if below:
            found.append(Finding(code, "temuan", below.format(year=year - 1)))
    return found


_NOTED = (
    ("data_source", "sumber data"),
    ("unit_code", "penanggung jawab"),
    ("frequency", "frekuensi pengumpulan data"),
    ("target_reason", "alasan penetapan target"),
)


def target_below_last_year(row: dict) -> str | None:
    """Whether the year's target asks less than the indicator achieved the year before (evaluators
    score it down): below last year's realisation for a positive indicator, above it for a negative
    one; a range target is never flagged. The message has ``{year}`` for last year."""
    last, low = row.get("last_realisation"), row.get("target_low")
    if last is None or pd.isna(last) or low is None or pd.isna(low):
        return None
    shown = f"target {fmt_number(low)} di bawah realisasi {{year}} ({fmt_number(last)})"
    if row["polarity"] == Polarity.POSITIVE.value and low < last:
        return shown
    if row["polarity"] == Polarity.NEGATIVE.value and low > last:
        return shown.replace("di bawah", "di atas") + " padahal indikator negatif"
    return None
