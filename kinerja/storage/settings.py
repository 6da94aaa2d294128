"""Settings kept in the database. Those that decide figures (the negative-polarity formula, the score
cap, the category scale, the score under which an indicator is at risk) belong to years: each value is
in force from a year until the key's next change, so changing one from a year leaves every earlier
year's figures as they were (``setting_from_year``). The deployment's own settings (the office's name,
its region kind for the national nomenclature, its time zone (WIB, WITA, WIT), the head who signs
the reports (name and NIP), whether demo data is loaded) hold for every year (``setting``). Changing a year's settings, with the final-year lock, is
``kinerja.workflow.year_settings.change_settings``."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from kinerja.domain.achievement import DEFAULT_SCORE_CAP, Band, NegativeFormula
from kinerja.domain.numbers import fmt_number, fmt_percent
from kinerja.domain.office_time import DEFAULT_ZONE, OFFICE_ZONES, OfficeClock
from kinerja.storage.store import Store, Writer

# settings that decide figures: each belongs to years
YEAR_DEFAULTS = {
    "negative_formula": NegativeFormula.DIFFERENCE.value,
    "score_cap": f"{DEFAULT_SCORE_CAP:g}",
    "category_scale": "",  # empty: the scale of the category_band table (PermenPAN-RB's five bands)
    "risk_threshold": "",  # empty: the lower bound of the second-best band ("Tinggi" in the usual scale)
}
# the deployment's own settings: the same for every year
OFFICE_DEFAULTS = {
    "office_name": "Perangkat Daerah",
    "demo_loaded": "false",
    "region_kind": "",  # the office's region kind in the nomenclature: PROV, KABKOT, or "" (not chosen)
    "office_time_zone": DEFAULT_ZONE,  # WIB, WITA or WIT: how times are shown (the audit trail, reviews)
    "head_name": "",  # the head of the office (Kepala Dinas) who signs the reports' Kata Pengantar and the PK
    "head_nip": "",  # the head's NIP, under the name
}
DEFAULTS = YEAR_DEFAULTS | OFFICE_DEFAULTS
REGION_KIND_VALUES = ("", "PROV", "KABKOT")
SETTING_WORDS = {  # how the pages, messages and the audit trail name each setting
    "negative_formula": "rumus polaritas negatif",
    "score_cap": "batas skor",
    "category_scale": "skala kategori",
    "risk_threshold": "batas berisiko",
    "office_name": "nama instansi",
    "region_kind": "jenis pemda",
    "demo_loaded": "data demo",
    "office_time_zone": "zona waktu kantor",
    "head_name": "nama kepala perangkat daerah",
    "head_nip": "NIP kepala perangkat daerah",
}
# colours given to a scale's bands when the scale names none: the upper bands by position (Okabe–Ito),
# the lowest band always vermilion, as in the usual five-band scale
BAND_COLORS = ("#0072B2", "#56B4E9", "#F0E442", "#E69F00", "#CC79A7", "#009E73")
LOWEST_COLOR = "#D55E00"


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
    year: int | None = None  # the year whose figures these settings compute
    since: tuple[tuple[str, int | None], ...] = ()  # each year-bound key → the year its value is in force from
    head_name: str = ""  # who signs (Kepala Dinas); empty: the reports leave the name for the head to write
    head_nip: str = ""

    def risk_rule(self) -> str:
        """The at-risk rule in words, for legends and reports."""
        why = "" if self.risk_threshold_set else f", batas bawah kategori {self._band_at(self.risk_threshold)}"
        digits = 0 if float(self.risk_threshold).is_integer() else 1
        return f"proyeksi skor akhir tahun di bawah {fmt_percent(self.risk_threshold, digits)}{why}"

    def from_year(self, key: str) -> int | None:
        """The year the value of ``key`` is in force from; None: the default, never changed."""
        return dict(self.since).get(key)

    def statement(self) -> str:
        """One line for a report or the dashboard: the settings its figures were computed with."""
        cap = fmt_percent(self.score_cap, 0 if float(self.score_cap).is_integer() else 1)
        return (
            f"Pengaturan perhitungan tahun {self.year}: polaritas negatif C = {self.negative_formula.label}; "
            f"skor dibatasi 0 – {cap}; kategori {scale_words(self.scale)}."
        )

    def _band_at(self, bound: float) -> str:
        return next((b.label for b in self.scale if b.lower == bound), "")


@dataclass(frozen=True)
class OfficeSettings:
    """The deployment's own settings, the same for every year."""

    office_name: str
    demo_loaded: bool
    region_kind: str
    office_time_zone: str = DEFAULT_ZONE  # WIB, WITA or WIT
    head_name: str = ""  # who signs (Kepala Dinas); empty: the reports leave the name for the head to write
    head_nip: str = ""


def office_settings(store: Store | Writer) -> OfficeSettings:
    """The office's name, whether demo data is loaded, its region kind: defaults filled in."""
    values = OFFICE_DEFAULTS | {
        k: v for k, v in _rows(store, "SELECT key, value FROM setting") if k in OFFICE_DEFAULTS
    }  # fmt: skip
    zone = values["office_time_zone"] if values["office_time_zone"] in OFFICE_ZONES else DEFAULT_ZONE
    return OfficeSettings(
        values["office_name"],
        values["demo_loaded"] == "true",
        values["region_kind"],
        zone,
        values["head_name"].strip(),
        values["head_nip"].strip(),
    )


def year_values(store: Store | Writer, year: int) -> dict[str, tuple[str, int | None]]:
    """Each year-bound key → (its value in force for ``year``, the year it is in force from; None: the
    default). A year before a key's first change keeps the default."""
    found = {
        key: (value, from_year)
        for key, value, from_year in _rows(
            store,
            "SELECT key, arg_max(value, from_year), max(from_year) FROM setting_from_year "
            "WHERE from_year <= ? GROUP BY key",
            [year],
        )
    }
    return {key: found.get(key, (default, None)) for key, default in YEAR_DEFAULTS.items()}


def load_settings(store: Store | Writer, year: int) -> Settings:
    """The settings in force for ``year``'s figures, defaults filled in, with the office's own."""
    values = year_values(store, year)
    office = office_settings(store)
    written_scale = values["category_scale"][0].strip()
    scale = parse_scale(written_scale) if written_scale else load_scale(store)
    chosen = values["risk_threshold"][0].strip()
    return Settings(
        negative_formula=NegativeFormula(values["negative_formula"][0]),
        score_cap=float(values["score_cap"][0]),
        scale=scale,
        office_name=office.office_name,
        demo_loaded=office.demo_loaded,
        risk_threshold=float(chosen) if chosen else default_risk_threshold(scale),
        risk_threshold_set=bool(chosen),
        region_kind=office.region_kind,
        office_time_zone=office.office_time_zone,
        year=year,
        since=tuple((key, since) for key, (_, since) in values.items()),
        head_name=office.head_name,
        head_nip=office.head_nip,
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


def settings_for(store: Store | Writer, year: int, settings: Settings | None = None) -> Settings:
    """``settings`` when they are ``year``'s, else ``year``'s own (read once per data version): a
    figure of one year is never computed with another year's settings."""
    if settings is not None and settings.year == year:
        return settings
    if isinstance(store, Store):  # Settings are frozen: every reader may share them
        return store.memo(("settings", year), lambda: load_settings(store, year))
    return load_settings(store, year)


def settings_in_force(store: Store, year: int) -> pd.DataFrame:
    """The settings in force for ``year``: key, value, from_year (empty for a default never changed
    and for the office's own settings, which hold for every year). The command line prints this."""
    settings = load_settings(store, year)
    rows = [
        (key, value, since)
        for key, (value, since) in year_values(store, year).items()
    ]  # fmt: skip
    effective = {"category_scale": format_scale(settings.scale), "risk_threshold": f"{settings.risk_threshold:g}"}
    rows = [(key, value if value.strip() else effective.get(key, value), since) for key, value, since in rows]
    office = office_settings(store)
    rows += [("office_name", office.office_name, None), ("region_kind", office.region_kind, None)]
    frame = pd.DataFrame(rows, columns=["key", "value", "from_year"])
    frame["from_year"] = frame["from_year"].astype("Int64")
    return frame


def setting_history(store: Store) -> pd.DataFrame:
    """Every year-bound setting's changes: key, from_year, value, oldest first."""
    return store.df("SELECT key, from_year, value FROM setting_from_year ORDER BY key, from_year")


def _rows(store: Store | Writer, sql: str, params: list | None = None) -> list[tuple]:
    """Rows from a store, or inside a write's transaction (what a change compares with what it changes)."""
    return store.rows(sql, params) if isinstance(store, Store) else store.cursor.execute(sql, params).fetchall()


def default_risk_threshold(scale: tuple[Band, ...]) -> float:
    """The lower bound of the second-best band ("Tinggi", 76, in PermenPAN-RB's scale): a projection
    under it is what a leader acts on, not every indicator a point short of 100."""
    bounds = [b.lower for b in scale if b.lower != float("-inf")]
    return bounds[1] if len(bounds) > 1 else (bounds[0] if bounds else 100.0)


def load_scale(store: Store | Writer) -> tuple[Band, ...]:
    """The category scale of the ``category_band`` table: the scale of every year before one is chosen."""
    rows = _rows(store, "SELECT lower_bound, label, color FROM category_band ORDER BY position")
    return tuple(Band(float("-inf") if low is None else low, label, color) for low, label, color in rows)


def scale_words(scale: tuple[Band, ...]) -> str:
    """'Sangat Tinggi ≥ 91, Tinggi ≥ 76, …, Sangat Rendah < 51'."""
    words = [f"{b.label} ≥ {fmt_number(b.lower)}" for b in scale if b.lower != float("-inf")]
    lowest = [b for b in scale if b.lower == float("-inf")]
    bounds = [b.lower for b in scale if b.lower != float("-inf")]
    if lowest and bounds:
        words.append(f"{lowest[0].label} < {fmt_number(min(bounds))}")
    return ", ".join(words)


def format_scale(scale: tuple[Band, ...]) -> str:
    """The scale as written in ``settings set category_scale``: '91 Sangat Tinggi #0072B2; …; Sangat Rendah #D55E00'."""
    return "; ".join(
        f"{'' if b.lower == float('-inf') else fmt_number(b.lower) + ' '}{b.label} {b.color}" for b in scale
    )


_BAND = re.compile(
    r"^(?:(?P<lower>-?\d+(?:[.,]\d+)?)\s+)?(?P<label>[^\d#;<>\[\]`*_|\\].*?)(?:\s+(?P<color>#[0-9A-Fa-f]{6}))?$"
)
_LABEL = re.compile(r"^[\w .'/-]+$")


def parse_scale(text: str) -> tuple[Band, ...]:
    """A scale written '91 Sangat Tinggi; 76 Tinggi; 66 Sedang; 51 Rendah; Sangat Rendah': bands from the
    best down, each with its lower bound, the last without one (everything below); a band may end with
    its colour (#RRGGBB), else it takes the usual colour of its position. Refused with the reason
    (ValueError, in Indonesian) when a bound is missing or out of order or a label is not plain text."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if len(parts) < 2:
        raise ValueError("skala kategori perlu paling sedikit dua kategori, dipisah titik koma (;)")
    bands = []
    for position, part in enumerate(parts):
        found = _BAND.match(part)
        if not found or not _LABEL.match(found["label"].strip()):
            raise ValueError(f"kategori '{part}' tidak terbaca: tulis batas bawah lalu nama, mis. '91 Sangat Tinggi'")
        last = position == len(parts) - 1
        if last != (found["lower"] is None):
            raise ValueError(
                "kategori terakhir ditulis tanpa batas bawah (semua skor di bawah kategori di atasnya), "
                f"kategori lain dengan batas bawahnya: '{part}'"
            )
        if found["color"] is None and not last and position >= len(BAND_COLORS):
            raise ValueError(f"skala lebih dari {len(BAND_COLORS) + 1} kategori: tulis warna tiap kategori (#RRGGBB)")
        lower = float("-inf") if last else float(found["lower"].replace(",", "."))
        color = found["color"] or (LOWEST_COLOR if last else BAND_COLORS[position])
        bands.append(Band(lower, found["label"].strip(), color.upper()))
    bounds = [b.lower for b in bands[:-1]]
    if any(a <= b for a, b in pairwise(bounds)):
        raise ValueError("batas bawah kategori harus menurun dari kategori terbaik ke terendah")
    if len({b.label.lower() for b in bands}) < len(bands):
        raise ValueError("nama kategori tidak boleh berulang")
    return tuple(bands)


def checked_value(key: str, value: str) -> str:
    """``value`` as stored for ``key``; ValueError (in Indonesian) for an unknown key or a bad value."""
    value = value.strip()
    if key not in DEFAULTS:
        raise ValueError(f"pengaturan tidak dikenal: '{key}'; yang ada: {', '.join(DEFAULTS)}")
    if key == "negative_formula" and value not in {f.value for f in NegativeFormula}:
        raise ValueError("rumus polaritas negatif harus 2T-R ((2T − R) / T × 100) atau T/R (T / R × 100)")
    if key in ("score_cap", "risk_threshold") and value:
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            raise ValueError(f"{SETTING_WORDS[key]} harus berupa angka, bukan '{value}'") from None
        if not math.isfinite(number):
            raise ValueError(f"{SETTING_WORDS[key]} harus berupa angka, bukan '{value}'")
        if key == "score_cap" and number < 100:
            raise ValueError("batas skor harus paling sedikit 100")
        if key == "risk_threshold" and not 0 < number <= 100:
            raise ValueError("batas berisiko harus di atas 0 dan paling tinggi 100")
        value = str(int(number)) if number.is_integer() else str(number)
    if key == "score_cap" and not value:
        raise ValueError("batas skor tidak boleh kosong")
    if key == "category_scale" and value:
        value = format_scale(parse_scale(value))
    if key == "region_kind" and value not in REGION_KIND_VALUES:
        raise ValueError("jenis pemda harus PROV (provinsi) atau KABKOT (kabupaten/kota)")
    if key == "office_time_zone" and value not in OFFICE_ZONES:
        raise ValueError("zona waktu kantor harus WIB, WITA atau WIT")
    if key == "office_name" and not value:
        raise ValueError("nama instansi tidak boleh kosong")
    return value


def write_office_settings(w: Writer, values: dict[str, str]) -> dict[str, str | None]:
    """Write deployment-wide settings inside ``w``'s transaction; returns their values before."""
    before = dict(w.cursor.execute("SELECT key, value FROM setting").fetchall())
    for key, value in values.items():
        w.execute("DELETE FROM setting WHERE key = ?", [key])
        w.execute("INSERT INTO setting VALUES (?, ?)", [key, value])
    return {key: before.get(key) for key in values}


def write_from_year(w: Writer, key: str, value: str, from_year: int) -> None:
    """Put ``value`` in force for ``key`` from ``from_year`` up to the key's next change, inside ``w``."""
    w.execute("DELETE FROM setting_from_year WHERE key = ? AND from_year = ?", [key, from_year])
    w.execute("INSERT INTO setting_from_year (key, from_year, value) VALUES (?, ?, ?)", [key, from_year, value])


def save_settings(store: Store, values: dict[str, str]) -> None:
    """Set deployment-wide settings (office name, region kind) at once, all or none, audited. A
    setting that decides figures belongs to years: ``kinerja.workflow.year_settings.change_settings``."""
    year_bound = [k for k in values if k in YEAR_DEFAULTS]
    if year_bound:
        raise ValueError(f"{', '.join(SETTING_WORDS[k] for k in year_bound)} berlaku per tahun: pilih tahun mulai")
    checked = {key: checked_value(key, value) for key, value in values.items()}
    with store.write() as w:
        before = write_office_settings(w, checked)
        w.audit("pengaturan.ubah", "pengaturan", before, checked)


def save_setting(store: Store, key: str, value: str) -> None:
    """Set one deployment-wide setting (see ``save_settings``)."""
    save_settings(store, {key: value})
