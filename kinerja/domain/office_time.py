"""The office's clock: Indonesia's three time zones (WIB, WITA, WIT) and a time written by the
database shown as the office reads it ("7 Desember 2026 16.35 WIB")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from kinerja.domain.numbers import LOCALE

OFFICE_ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
ZONE_WORDS = {
    "WIB": "WIB — Waktu Indonesia Barat (Jakarta, GMT+7)",
    "WITA": "WITA — Waktu Indonesia Tengah (Makassar, GMT+8)",
    "WIT": "WIT — Waktu Indonesia Timur (Jayapura, GMT+9)",
}
DEFAULT_ZONE = "WIB"


@dataclass(frozen=True)
class OfficeClock:
    """``zone``: the office's (WIB, WITA, WIT); ``stored_zone``: the IANA zone the database wrote its
    timestamps in (DuckDB's TimeZone setting: the server's own zone, UTC on most servers)."""

    zone: str = DEFAULT_ZONE
    stored_zone: str = "UTC"

    def local(self, stored: dt.datetime) -> dt.datetime:
        """A timestamp as the database wrote it (naive, in ``stored_zone``) at the office (naive)."""
        moment = stored.replace(tzinfo=ZoneInfo(self.stored_zone)) if stored.tzinfo is None else stored
        return moment.astimezone(ZoneInfo(OFFICE_ZONES[self.zone])).replace(tzinfo=None)

    def stored(self, local: dt.datetime) -> dt.datetime:
        """An office time (naive) as the database writes it: for filtering stored timestamps."""
        moment = local.replace(tzinfo=ZoneInfo(OFFICE_ZONES[self.zone]))
        return moment.astimezone(ZoneInfo(self.stored_zone)).replace(tzinfo=None)

    def show(self, stored: dt.datetime | None) -> str:
        """'7 Desember 2026 16.35 WIB'; blank for none."""
        if stored is None or stored != stored:  # None or NaT
            return ""
        return f"{format_datetime(self.local(stored), 'd MMMM y HH.mm', locale=LOCALE)} {self.zone}"
