"""Reading the stored plan: a year's indicators as the plan sheet labels them, its units and
programmes, and the named lists pages and the command line choose from."""

from __future__ import annotations

import pandas as pd

from kinerja.domain.achievement import Aggregation, Polarity
from kinerja.domain.numbers import plain_number
from kinerja.domain.vocabulary import (
    AGGREGATION_WORD,
    POLARITY_WORD,
)
from kinerja.planning.rows import LABEL, MANUAL_KEYS
from kinerja.storage.store import Store

# --- reading the stored plan ---------------------------------------------------------------------

PLAN_QUERY = """
SELECT
    t.name AS tujuan, g.name AS sasaran, i.code, i.name, i.measure_unit,
    pk.value AS target_low, pk.value_high AS target_high,
    max(CASE WHEN ra.quarter = 1 THEN ra.value END) AS tw1_low, max(CASE WHEN ra.quarter = 1 THEN ra.value_high END) AS tw1_high,
    max(CASE WHEN ra.quarter = 2 THEN ra.value END) AS tw2_low, max(CASE WHEN ra.quarter = 2 THEN ra.value_high END) AS tw2_high,
    max(CASE WHEN ra.quarter = 3 THEN ra.value END) AS tw3_low, max(CASE WHEN ra.quarter = 3 THEN ra.value_high END) AS tw3_high,
    max(CASE WHEN ra.quarter = 4 THEN ra.value END) AS tw4_low, max(CASE WHEN ra.quarter = 4 THEN ra.value_high END) AS tw4_high,
    i.polarity, i.aggregation, u.code AS unit, i.is_key, i.weight, iy.baseline,
    rs.value AS renstra_low, rs.value_high AS renstra_high, iy.national_standard, iy.ra_reason AS reason,
    i.definition, i.data_source, m.formula, m.numerator, m.denominator, m.frequency, m.target_reason,
    g.code AS goal_code, i.position
FROM indicator_in_year i
JOIN target pk ON pk.indicator_id = i.id AND pk.year = $year AND pk.kind = 'pk' AND i.year = $year
JOIN goal g ON g.id = i.goal_id
LEFT JOIN goal t ON t.id = g.parent_id
LEFT JOIN unit u ON u.id = i.unit_id
LEFT JOIN target ra ON ra.indicator_id = i.id AND ra.year = $year AND ra.kind = 'ra'
LEFT JOIN target rs ON rs.indicator_id = i.id AND rs.year = $year AND rs.kind = 'renstra'
LEFT JOIN indicator_year iy ON iy.indicator_id = i.id AND iy.year = $year
LEFT JOIN indicator_manual m ON m.indicator_id = i.id AND m.year = $year
GROUP BY ALL
ORDER BY g.code, i.position, i.code
"""


def _unit_rows(store: Store) -> list[tuple[str, str]]:
    """(code, name) of every unit in code order, read once per data version (``Store.memo``)."""
    return store.memo(("unit_rows",), lambda: store.rows("SELECT code, name FROM unit ORDER BY code"))


def unit_codes(store: Store) -> list[str]:
    """Every unit's code, in order."""
    return [code for code, _ in _unit_rows(store)]


def unit_names(store: Store) -> dict[str, str]:
    """Every unit's code → its name, for charts that leaders read."""
    return dict(_unit_rows(store))


def sasaran_codes(store: Store) -> dict[str, str]:
    """Every sasaran's name → its code, in order; read once per data version (``Store.memo``)."""
    found = store.memo(
        ("sasaran_codes",), lambda: store.rows("SELECT name, code FROM goal WHERE level = 'sasaran' ORDER BY code")
    )
    return dict(found)


def indicators_in_year(store: Store, year: int | None) -> list[tuple[str, str, str | None]]:
    """(code, name as the year's plan writes it, responsible unit) of each indicator of ``year``."""
    return store.rows(
        "SELECT i.code, i.name, u.code FROM indicator_in_year i LEFT JOIN unit u ON u.id = i.unit_id "
        "WHERE i.year = ? ORDER BY i.code",
        [year],
    )


def sasaran_names(store: Store) -> list[str]:
    """The sasaran already known, for rows of a plan file that name none."""
    return [name for (name,) in store.rows("SELECT name FROM goal WHERE level = 'sasaran' ORDER BY code")]


def plan_years(store: Store) -> list[int]:
    """Years that have a plan, newest first."""
    return [y for (y,) in store.rows("SELECT DISTINCT year FROM target WHERE kind = 'pk' ORDER BY year DESC")]


def plan_frame(store: Store, year: int) -> pd.DataFrame:
    """The year's plan with the plan sheet's column labels, targets written as the sheet reads them."""
    raw = store.df(PLAN_QUERY, {"year": year})
    if raw.empty:
        return _typed(pd.DataFrame({LABEL[key]: [] for key in LABEL}))
    data = {
        "tujuan": raw["tujuan"],
        "sasaran": raw["sasaran"],
        "code": raw["code"],
        "name": raw["name"],
        "measure_unit": raw["measure_unit"],
        "renstra": _target_texts(raw, "renstra"),
        "target": _target_texts(raw, "target"),
        **{f"tw{q}": _target_texts(raw, f"tw{q}") for q in (1, 2, 3, 4)},
        "polarity": raw["polarity"].map(lambda p: POLARITY_WORD[Polarity(p)]),
        "aggregation": raw["aggregation"].map(lambda a: AGGREGATION_WORD[Aggregation(a)]),
        "unit": raw["unit"],
        "is_key": raw["is_key"].map({True: "Ya", False: "Tidak"}),
        "weight": raw["weight"],
        "baseline": raw["baseline"],
        "national_standard": raw["national_standard"],
        "reason": raw["reason"],
        "definition": raw["definition"],
        **{key: raw[key] for key in MANUAL_KEYS},
    }
    return _typed(pd.DataFrame({LABEL[key]: data[key] for key in LABEL}))


_NUMERIC_KEYS = ("weight", "baseline", "national_standard")


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as text and numbers as numbers, even when a column is empty, so an editor
    offers the right kind of cell."""
    return frame.astype({LABEL[k]: ("float64" if k in _NUMERIC_KEYS else "string") for k in LABEL})


def _target_texts(raw: pd.DataFrame, prefix: str) -> list[str]:
    texts = []
    for low, high in zip(raw[f"{prefix}_low"], raw[f"{prefix}_high"], strict=True):
        if pd.isna(low):
            texts.append("")
        elif pd.isna(high):
            texts.append(plain_number(low))
        else:
            texts.append(f"{plain_number(low)} - {plain_number(high)}")
    return texts


def units_frame(store: Store) -> pd.DataFrame:
    """Units with their parent's code, in tree order."""
    return store.df(
        """
        SELECT u.code AS "Kode Unit", u.name AS "Nama Unit", p.code AS "Unit Induk", u.kind AS "Jenis",
               u.is_external AS "Eksternal"
        FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
        ORDER BY coalesce(p.code, u.code), u.parent_id NULLS FIRST, u.code
        """
    )


def programmes_frame(store: Store, year: int) -> pd.DataFrame:
    """The year's programmes in the plan workbook's columns (PROGRAMME_COLUMNS): pagu and anggaran kas."""
    return store.df(
        """
        SELECT p.code AS "Kode Program", p.name AS "Program", b.pagu AS "Anggaran (Rp)", g.name AS "Sasaran Strategis",
               u.code AS "Penanggung Jawab",
               max(c.amount) FILTER (WHERE c.quarter = 1) AS "Anggaran Kas TW I (Rp)",
               max(c.amount) FILTER (WHERE c.quarter = 2) AS "Anggaran Kas TW II (Rp)",
               max(c.amount) FILTER (WHERE c.quarter = 3) AS "Anggaran Kas TW III (Rp)",
               max(c.amount) FILTER (WHERE c.quarter = 4) AS "Anggaran Kas TW IV (Rp)"
        FROM programme p JOIN programme_budget b ON b.programme_id = p.id AND b.year = $year
        LEFT JOIN goal g ON g.id = p.goal_id LEFT JOIN unit u ON u.id = p.unit_id
        LEFT JOIN programme_cash_plan c ON c.programme_id = p.id AND c.year = $year
        GROUP BY ALL
        ORDER BY p.code
        """,
        {"year": year},
    )
