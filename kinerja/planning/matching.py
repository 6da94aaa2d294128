"""Which stored indicator each row of a plan is, and what saving it would change, shown before it is saved.

The same code is the same indicator. A row without a code is the indicator of the same name in its
sasaran, else the only indicator of that name: matches a planner sees listed before saving. A row
with a new code stays a new indicator; when its name is that of an existing one, that one is a
*proposal* ("sama dengan IK04 (2026)?") the planner accepts (``accepted``: new code → existing code)
or leaves. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from kinerja.domain.achievement import Target
from kinerja.domain.numbers import fmt_number
from kinerja.domain.period import roman
from kinerja.domain.problems import Problem
from kinerja.domain.vocabulary import AGGREGATION_WORD, POLARITY_WORD, normalise_label
from kinerja.storage.store import Store, Writer

NEW, CONTINUED, CHANGED, UNCHANGED = "baru", "lanjutan", "diubah", "tetap"
MANUAL_WORD = {
    "definition": "definisi operasional", "data_source": "sumber data", "formula": "formula",
    "numerator": "pembilang", "denominator": "penyebut", "frequency": "frekuensi", "target_reason": "alasan target",
}  # fmt: skip

_STORED_PLANS = """
SELECT p.id, p.code, p.year, p.name, p.measure_unit, p.polarity, p.aggregation, p.is_key, p.weight,
       g.name AS sasaran, u.code AS unit, u.name AS unit_name, p.definition, p.data_source,
       m.formula, m.numerator, m.denominator, m.frequency, m.target_reason
FROM indicator_in_year p JOIN goal g ON g.id = p.goal_id LEFT JOIN unit u ON u.id = p.unit_id
LEFT JOIN indicator_manual m ON m.indicator_id = p.id AND m.year = p.year
"""
_STORED_TARGETS = """
SELECT t.indicator_id, t.kind, t.quarter, t.value, t.value_high FROM target t WHERE t.year = ?
UNION ALL
SELECT y.indicator_id, 'baseline', 0, y.baseline, NULL FROM indicator_year y WHERE y.year = ? AND y.baseline IS NOT NULL
"""


@dataclass(frozen=True)
class RowOutcome:
    """What saving one plan row does."""

    row: object  # kinerja.planning.rows.PlanRow
    code: str | None  # the stored indicator the row becomes; None for a new indicator
    status: str  # baru, lanjutan (first plan of a continuing indicator in this year), diubah, tetap
    matched_by: str | None  # kode, nama dalam sasaran, nama, usulan disetujui
    changes: tuple[str, ...]
    proposal: str | None = None  # "IK04 (2026)": an existing indicator of the same name, for a new code

    def as_dict(self) -> dict[str, object]:
        row = self.row
        return {
            "Baris": row.place.row,
            "Kode": self.code or row.code or "(baru)",
            "Indikator": row.name,
            "Status": self.status,
            "Asal nilai": "; ".join(row.origin.values()),  # what the file did not say, and where it came from
            "Dicocokkan lewat": self.matched_by or "",
            "Perubahan": "; ".join(self.changes),
            "Usulan": f"sama dengan {self.proposal}?" if self.proposal else "",
        }


def _cursor(source: Store | Writer):
    return source.cursor if isinstance(source, Writer) else source.cursor()


def _stored(source: Store | Writer) -> pd.DataFrame:
    return _cursor(source).execute(_STORED_PLANS).df()


def match_rows(
    source: Store | Writer, rows: Sequence, year: int, accepted: Mapping[str, str] | None = None
) -> list[RowOutcome]:
    """Each row's stored indicator, how it was found, and what saving would change in ``year``."""
    stored = _Stored(source, year)
    return [
        _outcome(row, code, how, proposal, stored, year)
        for row, (code, how, proposal) in zip(rows, _identified(rows, stored, accepted), strict=True)
    ]


def _identified(rows: Sequence, stored: _Stored, accepted: Mapping[str, str] | None) -> list[tuple]:
    """(stored code or None, how, proposal) of each row; an indicator is claimed by one row only."""
    accepted = {k.upper(): v for k, v in (accepted or {}).items()}
    found, claimed = [], set()
    for row in rows:
        code, how, proposal = _identify(row, stored, accepted)
        if code is not None and how != "kode" and code in claimed:
            code, how = None, None  # another row of the file is that indicator already
        claimed.add(code)
        found.append((code, how, proposal))
    return found


def carried_plans(
    source: Store | Writer, rows: Sequence, year: int | None, accepted: Mapping[str, str] | None = None
) -> list[dict | None]:
    """For each row, the stored plan of the indicator it is whose settings carry over to what the row
    does not say: the same year's plan, else the newest before ``year``, else the oldest after it;
    None for a new indicator."""
    stored = _Stored(source, year)
    carried = []
    for code, _, _ in _identified(rows, stored, accepted):
        versions = stored.plans.get(code, []) if code is not None else []
        same = [p for p in versions if p["year"] == year]
        before = [p for p in versions if year is None or p["year"] < year]
        carried.append((same or before[-1:] or versions[:1] or [None])[0])
    return carried


class _Stored:
    """The stored plans and the year's targets, indexed once for matching every row of a file."""

    def __init__(self, source: Store | Writer, year: int | None):
        plans = _stored(source)
        self.codes = dict(_cursor(source).execute("SELECT upper(code), code FROM indicator").fetchall())
        self.plans: dict[str, list[dict]] = {}  # code → its years' plans, oldest first
        for record in plans.sort_values("year").to_dict("records"):
            self.plans.setdefault(record["code"], []).append(record)
        self.by_name: dict[str, list[dict]] = {}  # normalised name → the newest plan of each indicator of that name
        for versions in self.plans.values():
            latest = versions[-1]
            self.by_name.setdefault(normalise_label(latest["name"]), []).append(latest)
        self.targets: dict[int, dict[tuple[str, int], Target]] = {}  # indicator id → (kind, quarter) → target
        for indicator, kind, quarter, low, high in _cursor(source).execute(_STORED_TARGETS, [year, year]).fetchall():
            self.targets.setdefault(indicator, {})[(kind, int(quarter))] = Target(low, high)


def _identify(row, stored: _Stored, accepted: dict[str, str]):
    """(stored code or None, how it was matched, proposal) for one row."""
    codes = stored.codes
    if row.code and row.code.upper() in codes:
        return codes[row.code.upper()], "kode", None
    same_name = stored.by_name.get(normalise_label(row.name), [])
    if row.code:
        chosen = accepted.get(row.code.upper())
        if chosen and chosen.upper() in codes:
            return codes[chosen.upper()], "usulan disetujui", None
        if same_name:
            first = max(same_name, key=lambda p: p["year"])
            return None, None, f"{first['code']} ({first['year']})"
        return None, None, None
    in_sasaran = [p for p in same_name if normalise_label(p["sasaran"]) == normalise_label(row.sasaran)]
    own = [p for p in in_sasaran if row.unit and normalise_label(row.unit) in _unit_names(p)]
    if own or in_sasaran:
        return (own or in_sasaran)[0]["code"], "nama dalam sasaran", None
    if len(same_name) == 1:
        return same_name[0]["code"], "nama", None
    return None, None, None


def _unit_names(plan: dict) -> set[str]:
    return {normalise_label(_shown(plan["unit"])), normalise_label(_shown(plan["unit_name"]))}


def _outcome(row, code, how, proposal, stored: _Stored, year: int) -> RowOutcome:
    if code is None:
        return RowOutcome(row, None, NEW, None, (), proposal)
    mine = stored.plans.get(code, [])
    this_year = [p for p in mine if p["year"] == year]
    if this_year:
        plan = this_year[0]
        changes = _attribute_changes(row, plan) + _target_changes(row, stored.targets.get(plan["id"], {}))
        return RowOutcome(row, code, CHANGED if changes else UNCHANGED, how, tuple(changes))
    if not mine:
        return RowOutcome(row, code, CONTINUED, how, ())
    before = mine[-1]
    changes = [f"{c} (dibanding {before['year']})" for c in _attribute_changes(row, before)]
    return RowOutcome(row, code, CONTINUED, how, tuple(changes))


def _attribute_changes(row, stored) -> list[str]:
    pairs = [
        ("nama", stored["name"], row.name),
        ("satuan", stored["measure_unit"], row.measure_unit),
        ("sasaran", stored["sasaran"], row.sasaran),
        ("polaritas", _word(POLARITY_WORD, stored["polarity"]), POLARITY_WORD.get(row.polarity, "?")),
        ("agregasi", _word(AGGREGATION_WORD, stored["aggregation"]), AGGREGATION_WORD.get(row.aggregation, "?")),
        ("penanggung jawab", stored["unit"], _unit_as_stored(row.unit, stored)),
        ("IKU", "Ya" if stored["is_key"] else "Tidak", "Ya" if row.is_key else "Tidak"),
    ]
    pairs += [(MANUAL_WORD[key], stored[key], text) for key, text in getattr(row, "manual", {}).items()]
    changes = [f"{label}: {_shown(old)} → {_shown(new)}" for label, old, new in pairs if _shown(old) != _shown(new)]
    if not _same_weight(stored["weight"], row.weight):
        changes.append(f"bobot: {_shown(fmt_number(stored['weight']))} → {_shown(fmt_number(row.weight))}")
    return changes


def _same_weight(old, new) -> bool:
    """Weights the same as shown (both blank, or equal to the shown decimals): formatting each row's
    weight to compare them cost seconds on a province's plan."""
    if _shown(old) == "" or _shown(new) == "":
        return _shown(old) == _shown(new)
    return old == new or fmt_number(old) == fmt_number(new)


def _unit_as_stored(unit: str | None, stored) -> str | None:
    """A unit named by its name in the file is the stored unit of that name: no change."""
    same = unit and normalise_label(unit) == normalise_label(_shown(stored["unit_name"]))
    return stored["unit"] if same else unit


def _word(words: dict, value: str) -> str:
    return next((word for key, word in words.items() if key.value == value), value)


def _shown(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _target_changes(row, have: Mapping[tuple[str, int], Target]) -> list[str]:
    """What saving ``row`` changes in its indicator's stored targets (``have``: (kind, quarter) → target)."""
    wanted = {("pk", 0): row.target, **{("ra", q): t for q, t in enumerate(row.quarters, start=1)}}
    wanted[("renstra", 0)] = row.renstra
    wanted[("baseline", 0)] = Target(row.baseline) if row.baseline is not None else None
    labels = {"pk": "target", "ra": "target TW", "renstra": "target Renstra", "baseline": "baseline"}
    changes = []
    for key, new in wanted.items():
        old = have.get(key)
        if not _same_target(old, new):
            label = labels[key[0]] + (f" {roman(key[1])}" if key[0] == "ra" else "")
            changes.append(f"{label}: {_target_text(old)} → {_target_text(new)}")
    return changes


def _same_target(a: Target | None, b: Target | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.approx_equals(b) and (a.high is None) == (b.high is None)


def _target_text(target: Target | None) -> str:
    if target is None:
        return "kosong"
    return fmt_number(target.low) if target.high is None else f"{fmt_number(target.low)} - {fmt_number(target.high)}"


def proposal_warnings(outcomes: Sequence[RowOutcome]) -> list[Problem]:
    """A warning per new code whose name is an existing indicator's, naming the possible match."""
    return [
        o.row.place.problem(
            "code",
            o.row.code,
            f"Kode baru, tetapi namanya sama dengan {o.proposal}: disimpan sebagai indikator baru. "
            f"Bila memang indikator yang sama, pakai kodenya atau setujui usulan di halaman Perencanaan",
            "warning",
        )
        for o in outcomes
        if o.proposal
    ]


def outcome_counts(outcomes: Sequence[RowOutcome]) -> dict[str, int]:
    counts = dict.fromkeys((NEW, CONTINUED, CHANGED, UNCHANGED), 0)
    for outcome in outcomes:
        counts[outcome.status] += 1
    return counts
