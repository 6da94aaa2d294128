"""The Renja form's columns 5 and 6 (the Renstra's end target, its realisation up to the year
before; K and Rp) that ``import-plan`` reads from an office's form: kept for the form's year in
``renja_renstra`` under the row keys the Laporan page asks them by ('indikator:IK03', 'program:P01',
'simpul:1.02.02.2.01:0'), in the plan's own transaction. A value already kept is unchanged, or
changed with both values said; a blank cell leaves what is kept."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from kinerja.domain.numbers import message_number
from kinerja.domain.vocabulary import normalise_label
from kinerja.planning.rows import PlanDraft
from kinerja.planning.workbook import RENSTRA_FIELDS
from kinerja.storage.store import Store, Writer

FIELDS = tuple(RENSTRA_FIELDS)  # renja_renstra's target_k, target_rp, realised_k, realised_rp in this order
_KEPT_SQL = "SELECT row_key, target_k, target_rp, realised_k, realised_rp FROM renja_renstra WHERE year = ?"
_INDICATOR_SQL = "SELECT min(code) FROM indicator_in_year WHERE year = ? AND lower(name) = lower(?)"
_PROGRAMME_SQL = """
SELECT code FROM programme WHERE upper(code) = upper(?) OR lower(name) = lower(?)
ORDER BY (upper(code) = upper(?)) DESC LIMIT 1
"""
NEW, CHANGED, UNCHANGED = "baru", "diubah", "tetap"


@dataclass
class RenstraOutcome:
    """What keeping the form's columns 5 and 6 does: each row with a value new, changed or unchanged,
    the changes in words, and the values to keep by row key (what was kept, with the form's)."""

    year: int
    rows: dict[str, int] = field(default_factory=lambda: {NEW: 0, CHANGED: 0, UNCHANGED: 0})
    changes: list[str] = field(default_factory=list)
    keep: dict[str, tuple[float | None, ...]] = field(default_factory=dict)  # only keys with something new

    @property
    def writes(self) -> bool:
        return bool(self.keep)

    def lines(self) -> list[str]:
        total = sum(self.rows.values())
        if not total:
            return []
        return [
            f"Kolom 5 dan 6 (Renstra) tahun {self.year} dari {total} baris formulir: {self.rows[NEW]} baru, "
            f"{self.rows[CHANGED]} diubah, {self.rows[UNCHANGED]} tetap.",
            *self.changes,
        ]


def renstra_outcome(
    source: Store | Writer, draft: PlanDraft, codes: dict[str, str | None] | None = None
) -> RenstraOutcome:
    """What the draft's columns 5 and 6 do to what is kept for its year. ``codes``: a plan row's
    name (normalised) → its indicator's code, where the plan is not saved yet (a new indicator:
    None); without it, the indicator stored under the row's name (inside the plan's transaction)."""
    year = int(draft.year)  # type: ignore[arg-type]
    kept = {str(r[0]): tuple(_number(v) for v in r[1:]) for r in _rows(source, _KEPT_SQL, [year])}
    outcome = RenstraOutcome(year)
    merged: dict[str, list[float | None]] = {}
    for given in draft.renstra:
        status = UNCHANGED
        for name, value in given.values.items():
            key = _key(source, year, given.owners[name], codes)
            before = kept.get(key or "", (None,) * len(FIELDS))[FIELDS.index(name)] if key else None
            if key is not None:
                values = merged.setdefault(key, list(kept.get(key, (None,) * len(FIELDS))))
                values[FIELDS.index(name)] = value
            if before is None:
                status = CHANGED if status == CHANGED else NEW
            elif not math.isclose(before, value, rel_tol=1e-9, abs_tol=1e-9):
                status = CHANGED
                label = key.split(":", 1)[1] if key else ""
                outcome.changes.append(
                    f"{RENSTRA_FIELDS[name]} {label}: {message_number(before, 6)} → {message_number(value, 6)}"
                )
        outcome.rows[status] += 1
    outcome.keep = {k: tuple(v) for k, v in merged.items() if tuple(v) != kept.get(k)}
    return outcome


def keep_renstra(w: Writer, draft: PlanDraft, actor: str) -> RenstraOutcome:
    """Keep the draft's columns 5 and 6 for its year, inside the plan's transaction (after its
    indicators and programmes are saved, so each row key is known)."""
    outcome = renstra_outcome(w, draft)
    for key, values in outcome.keep.items():
        w.execute("DELETE FROM renja_renstra WHERE year = ? AND row_key = ?", [outcome.year, key])
        w.execute("INSERT INTO renja_renstra VALUES (?, ?, ?, ?, ?, ?, ?)", [outcome.year, key, *values, actor])
    return outcome


def plan_codes(outcomes: Sequence) -> dict[str, str | None]:
    """A plan row's name (normalised) → the indicator it becomes (``RowOutcome.code``; None: new)."""
    return {normalise_label(o.row.name): o.code for o in outcomes}


def _key(source: Store | Writer, year: int, owner: tuple, codes: dict[str, str | None] | None) -> str | None:
    """The row key of a value's owner; None for an indicator or programme not stored yet."""
    kind = owner[0]
    if kind == "simpul":
        return owner[1]
    if kind == "indikator":
        if codes is not None:
            code = codes.get(normalise_label(owner[1]))
        else:
            code = _scalar(source, _INDICATOR_SQL, [year, owner[1]])
        return f"indikator:{code}" if code else None
    name, given_code = owner[1], owner[2]
    code = _scalar(source, _PROGRAMME_SQL, [given_code or "", name, given_code or ""])
    return f"program:{code}" if code else None


def _rows(source: Store | Writer, sql: str, params: list) -> list[tuple]:
    return source.cursor.execute(sql, params).fetchall() if isinstance(source, Writer) else source.rows(sql, params)


def _scalar(source: Store | Writer, sql: str, params: list) -> object:
    return source.scalar(sql, params)


def _number(value: object) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)  # type: ignore[arg-type]
