"""Changing the settings a year's figures are computed with. A change applies from a year the admin
chooses up to the setting's next change: earlier years keep theirs. A year whose LKjIP or a quarterly
report is final was reported with its settings: it changes only through the audited unlock its plan
uses (``kinerja.workflow.lock.unlock_plan``), and the change uses that unlock up."""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.access.roles import Action, require
from kinerja.domain.period import ANNUAL, roman
from kinerja.domain.problems import InputRejected, Problem
from kinerja.storage.settings import (
    OFFICE_DEFAULTS,
    SETTING_WORDS,
    YEAR_DEFAULTS,
    checked_value,
    write_from_year,
    write_office_settings,
    year_values,
)
from kinerja.storage.store import Store, Writer
from kinerja.workflow.lock import final_report, open_unlock

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100  # a year outside these is a typing slip, not a plan


@dataclass(frozen=True)
class SettingsChange:
    """What a change did: each setting's value before and after, the years it now covers, the final
    years whose unlock it used."""

    from_year: int
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)
    until: dict[str, int | None] = field(default_factory=dict)  # key → the last year it covers (None: onwards)
    unlocks_used: tuple[int, ...] = ()

    def lines(self) -> list[str]:
        """The change in words, for the page and the command line."""
        if not self.changed:
            return ["Tidak ada yang berubah: nilai itu sudah berlaku."]
        out = []
        for key, (before, after) in self.changed.items():
            if key in OFFICE_DEFAULTS:
                out.append(f"{SETTING_WORDS[key].capitalize()}: '{before}' → '{after}' (berlaku untuk semua tahun).")
                continue
            last = self.until.get(key)
            span = f"tahun {self.from_year} dan sesudahnya" if last is None else f"tahun {self.from_year}–{last}"
            out.append(
                f"{SETTING_WORDS[key].capitalize()}: '{before or 'bawaan'}' → '{after or 'bawaan'}' untuk {span}."
            )
        if self.unlocks_used:
            out.append(f"Kunci tahun {', '.join(map(str, self.unlocks_used))} dipakai untuk perubahan ini.")
        return out


def change_settings(store: Store, values: dict[str, str], from_year: int) -> SettingsChange:
    """Put ``values`` in force: a setting that decides figures from ``from_year`` up to its next change,
    an office setting for every year. All or none, audited. Refused (InputRejected, in Indonesian) for
    an unknown setting, a bad value, or a final year no admin has unlocked."""
    problems, checked = [], {}
    for key, value in values.items():
        try:
            checked[key] = checked_value(key, value)
        except ValueError as exc:
            problems.append(Problem(str(exc)))
    if not EARLIEST_YEAR <= from_year <= LATEST_YEAR:
        problems.append(Problem(f"tahun mulai berlaku {from_year} di luar {EARLIEST_YEAR}–{LATEST_YEAR}"))
    if problems:
        raise InputRejected(problems)
    require(Action.SETTINGS)
    with store.write() as w:
        in_force = year_values(w, from_year)
        office = dict(w.cursor.execute("SELECT key, value FROM setting").fetchall())
        yearly = {k: v for k, v in checked.items() if k in YEAR_DEFAULTS and v != _as_stored(k, in_force[k][0])}
        office_changes = {
            k: v for k, v in checked.items() if k in OFFICE_DEFAULTS and v != office.get(k, OFFICE_DEFAULTS[k])
        }  # fmt: skip
        if not yearly and not office_changes:
            return SettingsChange(from_year)
        until = {key: _next_change(w, key, from_year) for key in yearly}
        finals = _final_years(w, from_year, until)
        locked = [(year, quarter) for year, quarter in finals if not open_unlock(w, year)]
        if locked:
            raise InputRejected([_refusal(year, quarter, from_year) for year, quarter in locked])
        for year, _ in finals:
            w.execute("UPDATE plan_unlock SET used_at = current_timestamp WHERE id = ?", [open_unlock(w, year)])
        for key, value in yearly.items():
            write_from_year(w, key, value, from_year)
        before_office = write_office_settings(w, office_changes) if office_changes else {}
        change = SettingsChange(
            from_year,
            {k: (in_force[k][0], v) for k, v in yearly.items()}
            | {k: (before_office.get(k) or OFFICE_DEFAULTS[k], v) for k, v in office_changes.items()},
            until,
            tuple(year for year, _ in finals),
        )
        w.audit(
            "pengaturan.ubah",
            f"pengaturan mulai tahun {from_year}" if yearly else "pengaturan",
            {k: before for k, (before, _) in change.changed.items()},
            {k: after for k, (_, after) in change.changed.items()}
            | ({"berlaku_mulai": from_year, "sampai_tahun": until} if yearly else {})
            | ({"kunci_dipakai": list(change.unlocks_used)} if finals else {}),
        )
    return change


def _as_stored(key: str, value: str) -> str:
    """A value in force as a change would store it ('120.0' → '120'), so an unchanged one is not a change."""
    try:
        return checked_value(key, value)
    except ValueError:
        return value


def _next_change(w: Writer, key: str, from_year: int) -> int | None:
    """The last year a change of ``key`` from ``from_year`` covers: the year before its next change."""
    found = w.scalar("SELECT min(from_year) FROM setting_from_year WHERE key = ? AND from_year > ?", [key, from_year])
    return None if found is None else int(found) - 1


def _final_years(w: Writer, from_year: int, until: dict[str, int | None]) -> list[tuple[int, int]]:
    """The years the change covers whose LKjIP or a quarterly report is final, with that report (none
    for a change of the office's own settings alone: they decide no figure)."""
    if not until:
        return []
    last = None if any(u is None for u in until.values()) else max(until.values())  # type: ignore[type-var]
    years = [
        int(y)
        for (y,) in w.cursor.execute(
            "SELECT DISTINCT year FROM report_event WHERE year >= ? AND (? IS NULL OR year <= ?) ORDER BY 1",
            [from_year, last, last],
        ).fetchall()
    ]
    found = [(year, final_report(w, year)) for year in years]
    return [(year, quarter) for year, quarter in found if quarter is not None]


def _refusal(year: int, quarter: int, from_year: int) -> Problem:
    what = "laporan tahunan (LKjIP)" if quarter == ANNUAL else f"laporan TW {roman(quarter)}"
    return Problem(
        f"Pengaturan tahun {year} tidak dapat diubah: {what} {year} sudah final dan angkanya dihitung dengan "
        f"pengaturan tahun itu. Pilih tahun mulai berlaku sesudah {year}, atau admin membuka kunci tahun {year} "
        "dengan alasan (perintah unlock-plan atau halaman Pengaturan; tercatat di jejak audit), lalu pengaturan "
        f"mulai tahun {from_year} dapat diubah sekali."
    )


def locked_years_from(store: Store, from_year: int) -> list[tuple[int, str]]:
    """The years from ``from_year`` on whose settings are locked (a final LKjIP or quarterly report,
    no open unlock), each with the reason in words: what a change from ``from_year`` may run into."""
    years = [
        int(y) for (y,) in store.rows("SELECT DISTINCT year FROM report_event WHERE year >= ? ORDER BY 1", [from_year])
    ]
    out = []
    for year in years:
        quarter = final_report(store, year)
        if quarter is not None and not open_unlock(store, year):
            out.append((year, _refusal(year, quarter, from_year).message))
    return out
