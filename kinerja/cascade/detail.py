"""A node of the pohon kinerja opened: its indicators with their targets, and for the plan's PK
indicators the realisation and score to date; what the page shows under the tree and the printed
tree writes in each box."""

from __future__ import annotations

import pandas as pd

from kinerja.domain.numbers import fmt_number, fmt_percent
from kinerja.storage.figures import recap
from kinerja.storage.store import Store

_INDICATORS_SQL = """
SELECT n.code, ci.kind, i.code AS indicator_code, ci.name AS indicator_name, ci.measure_unit, ci.target,
       ci.target_high, ci.target_text
FROM cascade_indicator ci
JOIN cascade_node n ON n.id = ci.node_id
LEFT JOIN indicator i ON i.id = ci.indicator_id
WHERE n.year = ?
ORDER BY n.position, ci.position
"""

INDICATOR_COLUMNS = [
    "code",
    "kind",
    "indicator_code",
    "indicator_name",
    "measure_unit",
    "target",
    "target_to_date",
    "realization_to_date",
    "score_pct",
    "category",
    "unit_code",
]


def node_indicators(store: Store, year: int, quarter: int) -> pd.DataFrame:
    """Every indicator of the year's tree, in the tree's order, with its node's ``code``; its
    ``target`` as people write it ("1.250", "80 – 90", "WTP"); for the plan's PK indicators the
    recap's target and realisation to date at ``quarter``, score, category and reporting unit.
    The tree's own outcome and output indicators have no figures collected: empty, not a guess."""
    raw = store.df(_INDICATORS_SQL, [year])
    figures = recap(store, year, quarter).set_index("indicator_code") if len(raw) else pd.DataFrame()
    pk = raw["indicator_code"]

    def figure(column: str) -> pd.Series:
        return pk.map(figures[column]) if column in figures else pd.Series(None, index=raw.index, dtype=object)

    written = [
        text if isinstance(text, str) and text else _target(low, high)
        for low, high, text in zip(raw["target"], raw["target_high"], raw["target_text"], strict=True)
    ]
    return pd.DataFrame(
        {
            "code": raw["code"],
            "kind": raw["kind"],
            "indicator_code": pk,
            "indicator_name": raw["indicator_name"],
            "measure_unit": raw["measure_unit"].where(raw["measure_unit"].notna(), figure("measure_unit")),
            "target": written,
            "target_to_date": figure("target_to_date"),
            "realization_to_date": figure("realization_to_date"),
            "score_pct": pd.to_numeric(figure("score_pct"), errors="coerce"),
            "category": figure("category"),
            "unit_code": figure("unit_code"),
        },
        columns=INDICATOR_COLUMNS,
    )


def _target(low: float | None, high: float | None) -> str | None:
    if low is None or pd.isna(low):
        return None
    return fmt_number(low) if high is None or pd.isna(high) else f"{fmt_number(low)} – {fmt_number(high)}"


_KIND_WORD = {"iku": "IKU", "outcome": "Outcome", "output": "Output"}


def indicator_table(rows: pd.DataFrame, to_date: str) -> pd.DataFrame:
    """``rows`` of :func:`node_indicators` as the page shows them, in Indonesian, figures written
    the Indonesian way; ``to_date`` names the period ("TW II 2026")."""
    return pd.DataFrame(
        {
            "Jenis": rows["kind"].map(_KIND_WORD).fillna(rows["kind"]),
            "Kode IK": rows["indicator_code"],
            "Indikator": rows["indicator_name"],
            "Satuan": rows["measure_unit"],
            "Target": rows["target"],
            f"Target s.d. {to_date}": rows["target_to_date"].map(_number),
            f"Realisasi s.d. {to_date}": rows["realization_to_date"].map(_number),
            "Skor": rows["score_pct"].map(lambda v: fmt_percent(v) if pd.notna(v) else None),
            "Kategori": rows["category"],
        }
    ).reset_index(drop=True)


def _number(value: object) -> str | None:
    return fmt_number(float(value)) if isinstance(value, int | float) and pd.notna(value) else None
