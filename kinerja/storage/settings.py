"""Deployment settings kept in the database: which negative-polarity formula, the score cap, the
category scale, the score under which an indicator is at risk, the office's name, its region kind
(province or kabupaten/kota, for the national nomenclature), its time zone (WIB, WITA, WIT), the
head who signs the reports (name and NIP), and whether demo data is loaded."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kinerja.access.roles import Action, require
from kinerja.domain.achievement import DEFAULT_SCORE_CAP, Band, NegativeFormula
from kinerja.domain.numbers import fmt_percent
from kinerja.domain.office_time import DEFAULT_ZONE, OFFICE_ZONES, OfficeClock
from kinerja.storage.store import Store

DEFAULTS = {
    "negative_formula": NegativeFormula.DIFFERENCE.value,
    "score_cap": str(DEFAULT_SCORE_CAP),
    "office_name": "Perangkat Daerah",
    "risk_threshold": "",  # empty: the lower bound of the second-best band ("Tinggi" in the usual scale)
    "demo_loaded": "false",
    "region_kind": "",  # the office's region kind in the nomenclature: PROV, KABKOT, or "" (not chosen)
    "office_time_zone": DEFAULT_ZONE,  # WIB, WITA or WIT: how times are shown (the audit trail, reviews)
    "head_name": "",  # the head of the office (Kepala Dinas) who signs the reports' Kata Pengantar and the PK
    "head_nip": "",  # the head's NIP, under the name
}
REGION_KIND_VALUES = ("", "PROV", "KABKOT")


@dataclass(frozen=True)
class Settings:
    negative_formula: NegativeFormula
    score_cap: float
    scale: tuple[Band, ...]
    office_name: str
    demo_loaded: bool
    risk_threshold: float  # an indicator projected to end the year under this score is at risk
    risk_threshold_set: bool  # the office chose it (else it follows the scale: default_risk_threshold)
    region_kind: str = ""  # PROV or KABKOT: which of the nomenclature's entries are the office's ("": both)
    office_time_zone: str = DEFAULT_ZONE  # WIB, WITA or WIT
    head_name: str = ""  # who signs (Kepala Dinas); empty: the reports leave the name for the head to write
    head_nip: str = ""

    def risk_rule(self) -> str:
        """The at-risk rule in words, for legends and reports."""
        why = "" if self.risk_threshold_set else f", batas bawah kategori {self._band_at(self.risk_threshold)}"
        digits = 0 if float(self.risk_threshold).is_integer() else 1
        return f"proyeksi skor akhir tahun di bawah {fmt_percent(self.risk_threshold, digits)}{why}"

    def _band_at(self, bound: float) -> str:
        return next((b.label for b in self.scale if b.lower == bound), "")


def load_settings(store: Store) -> Settings:
    """The settings in force, defaults filled in."""
    values = dict(DEFAULTS) | dict(store.rows("SELECT key, value FROM setting"))
    scale = load_scale(store)
    chosen = values["risk_threshold"].strip()
    return Settings(
        negative_formula=NegativeFormula(values["negative_formula"]),
        score_cap=float(values["score_cap"]),
        scale=scale,
        office_name=values["office_name"],
        demo_loaded=values["demo_loaded"] == "true",
        risk_threshold=float(chosen) if chosen else default_risk_threshold(scale),
        risk_threshold_set=bool(chosen),
        region_kind=values["region_kind"],
        office_time_zone=values["office_time_zone"] if values["office_time_zone"] in OFFICE_ZONES else DEFAULT_ZONE,
        head_name=values["head_name"].strip(),
        head_nip=values["head_nip"].strip(),
    )


def office_clock(store: Store) -> OfficeClock:
    """The office's clock: its zone (the setting) over the zone the database writes its times in."""
    zone = store.scalar("SELECT value FROM setting WHERE key = 'office_time_zone'") or DEFAULT_ZONE
    stored = store.scalar("SELECT current_setting('TimeZone')") or "UTC"
    try:
        ZoneInfo(stored)
    except (ValueError, ZoneInfoNotFoundError):  # a zone DuckDB knows and Python does not: say it as UTC
        stored = "UTC"
    return OfficeClock(zone if zone in OFFICE_ZONES else DEFAULT_ZONE, stored)


def default_risk_threshold(scale: tuple[Band, ...]) -> float:
    """The lower bound of the second-best band ("Tinggi", 76, in PermenPAN-RB's scale): a projection
    under it is what a leader acts on, not every indicator a point short of 100."""
    bounds = [b.lower for b in scale if b.lower != float("-inf")]
    return bounds[1] if len(bounds) > 1 else (bounds[0] if bounds else 100.0)


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
        if key == "risk_threshold" and value.strip() and not 0 < float(value) <= 100:
            raise ValueError("batas berisiko harus di atas 0 dan paling tinggi 100")
        if key == "region_kind" and value not in REGION_KIND_VALUES:
            raise ValueError("jenis pemda harus PROV (provinsi) atau KABKOT (kabupaten/kota)")
        if key == "office_time_zone" and value not in OFFICE_ZONES:
            raise ValueError("zona waktu kantor harus WIB, WITA atau WIT")
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
