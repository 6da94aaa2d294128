"""Deployment settings kept in the database: which negative-polarity formula, the score cap, the
category scale, the office's name, and whether demo data is loaded."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.access.roles import Action, require
from kinerja.domain.achievement import DEFAULT_SCORE_CAP, Band, NegativeFormula
from kinerja.storage.store import Store

DEFAULTS = {
    "negative_formula": NegativeFormula.DIFFERENCE.value,
    "score_cap": str(DEFAULT_SCORE_CAP),
    "office_name": "Perangkat Daerah",
    "demo_loaded": "false",
}


@dataclass(frozen=True)
class Settings:
    negative_formula: NegativeFormula
    score_cap: float
    scale: tuple[Band, ...]
    office_name: str
    demo_loaded: bool


def load_settings(store: Store) -> Settings:
    """The settings in force, defaults filled in."""
    values = dict(DEFAULTS) | dict(store.rows("SELECT key, value FROM setting"))
    return Settings(
        negative_formula=NegativeFormula(values["negative_formula"]),
        score_cap=float(values["score_cap"]),
        scale=load_scale(store),
        office_name=values["office_name"],
        demo_loaded=values["demo_loaded"] == "true",
    )


def load_scale(store: Store) -> tuple[Band, ...]:
    rows = store.rows("SELECT lower_bound, label, color FROM category_band ORDER BY position")
    return tuple(Band(float("-inf") if low is None else low, label, color) for low, label, color in rows)


def save_settings(store: Store, values: dict[str, str]) -> None:
    """Set several settings at once, all or none; unknown keys and bad values are refused."""
    for key, value in values.items():
        if key not in DEFAULTS:
            raise KeyError(f"pengaturan tidak dikenal: {key}")
        if key == "negative_formula":
            NegativeFormula(value)
        if key == "score_cap" and float(value) < 100:
            raise ValueError("batas skor harus paling sedikit 100")
    require(Action.SETTINGS)
    with store.write() as w:
        before = dict(w.cursor.execute("SELECT key, value FROM setting").fetchall())
        w.audit("pengaturan.ubah", "pengaturan", {k: before.get(k) for k in values}, values)
        for key, value in values.items():
            w.execute("DELETE FROM setting WHERE key = ?", [key])
            w.execute("INSERT INTO setting VALUES (?, ?)", [key, value])


def save_setting(store: Store, key: str, value: str) -> None:
    """Set one setting (see ``save_settings``)."""
    save_settings(store, {key: value})
