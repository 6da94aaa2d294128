"""Checking a plan against what is stored (units, sasaran, matches by name) and saving it in one
transaction for its year alone, with a summary of what each row did."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from kinerja.access.roles import Action, require
from kinerja.domain.achievement import Polarity
from kinerja.domain.problems import InputRejected, Problem
from kinerja.domain.vocabulary import normalise_label
from kinerja.planning.matching import (
    CHANGED,
    CONTINUED,
    NEW,
    UNCHANGED,
    RowOutcome,
    match_rows,
    outcome_counts,
    proposal_warnings,
)
from kinerja.planning.renstra import RenstraOutcome, keep_renstra, plan_codes, renstra_outcome
from kinerja.planning.rows import (
    CASH_KEYS,
    MANUAL_KEYS,
    PROGRAMME_COLUMNS,
    ActivityBudget,
    PlanDraft,
    PlanRow,
    ProgrammeRow,
    UnitRow,
)
from kinerja.planning.stored import programmes_frame, units_frame
from kinerja.planning.unsaid import Filling, carried_lines, fill_unsaid, origin_counts
from kinerja.storage.store import Store, Writer
from kinerja.workbook.bulk import collector_paused
from kinerja.workbook.cells import RowPlace
from kinerja.workflow.lock import final_report, open_unlock, plan_year_lock


@dataclass(frozen=True)
class PlanSummary:
    """What a save did, row by row: every indicator row is new, continued, changed or unchanged."""

    year: int
    outcomes: list[RowOutcome]
    goals: int
    units_created: int
    programmes: int
    untouched_indicators: list[str]
    warnings: list[Problem]
    units_named: list[str] = field(default_factory=list)  # units first named in Penanggung Jawab, created
    saved: bool = True  # False when the draft says exactly what is stored: nothing was written
    renstra: RenstraOutcome | None = None  # the Renja form's columns 5 and 6, kept with the plan

    @property
    def indicators_created(self) -> int:
        return sum(o.status == NEW for o in self.outcomes)

    @property
    def indicators_updated(self) -> int:
        return len(self.outcomes) - self.indicators_created

    def lines(self) -> list[str]:
        counts = outcome_counts(self.outcomes)
        if not self.saved:
            same = f"{len(self.outcomes)} indikator dan {self.programmes} program sama dengan rencana {self.year}"
            said = (
                f"Rencana tidak berubah: {same} yang tersimpan; hanya kolom 5 dan 6 (Renstra) formulir Renja yang "
                "disimpan."
                if self.renstra is not None and self.renstra.writes
                else f"Tidak ada perubahan: {same} yang tersimpan. Tidak ada yang disimpan."
            )
            return [said, *self._renstra_lines(), *(str(w) for w in self.warnings)]
        lines = [
            f"Rencana kinerja tahun {self.year} disimpan: {self.indicators_created} indikator baru, "
            f"{self.indicators_updated} diperbarui, {self.goals} tujuan/sasaran, {self.programmes} program, "
            f"{self.units_created} unit baru.",
            f"Dari {len(self.outcomes)} baris indikator: {counts[NEW]} baru, {counts[CONTINUED]} lanjutan dari tahun lain, "
            f"{counts[CHANGED]} diubah, {counts[UNCHANGED]} tetap.",
        ]
        lines += carried_lines([o.row for o in self.outcomes])
        lines += [f"{o.code or o.row.code}: {'; '.join(o.changes)}" for o in self.outcomes if o.status == CHANGED]
        if self.units_named:
            lines.append("Unit baru dari kolom Penanggung Jawab: " + ", ".join(self.units_named))
        if self.untouched_indicators:
            lines.append(
                f"{len(self.untouched_indicators)} indikator tahun {self.year} tidak ada di berkas dan tidak diubah: "
                + ", ".join(self.untouched_indicators[:10])
                + (" …" if len(self.untouched_indicators) > 10 else "")
            )
        lines += self._renstra_lines()
        lines += [str(w) for w in self.warnings]
        return lines

    def _renstra_lines(self) -> list[str]:
        return self.renstra.lines() if self.renstra is not None else []


# --- checking against what is stored, and saving ---------------------------------------------


def _unit_lookup(store_units: pd.DataFrame, new_units: Sequence[UnitRow]) -> dict[str, str]:
    """normalised code or name → unit code, over stored units and those the draft adds."""
    lookup = {}
    for code, name in zip(store_units["code"], store_units["name"], strict=True):
        lookup[normalise_label(code)] = code
        lookup.setdefault(normalise_label(name), code)
    for unit in new_units:
        lookup[normalise_label(unit.code)] = unit.code
        lookup.setdefault(normalise_label(unit.name), unit.code)
    return lookup


def unit_code_for(name: str, taken: set[str]) -> str:
    """A code for a unit first named in a plan: its name in capitals, e.g. 'BIDANG_KESMAS'."""
    base = re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")[:24] or "UNIT"
    code, number = base, 2
    while code.upper() in taken:
        code, number = f"{base}_{number}", number + 1
    return code


def units_to_create(store: Store | Writer, draft: PlanDraft) -> list[UnitRow]:
    """Units the draft names (in Penanggung Jawab, or as the default unit) that neither the store
    nor its unit sheet has: each becomes a new unit with a code made from its name."""
    stored = _unit_frame(store)
    lookup = _unit_lookup(stored, draft.units)
    taken = {c.upper() for c in stored["code"]} | {u.code.upper() for u in draft.units}
    created: dict[str, UnitRow] = {}
    named = [(r.place, r.unit) for r in [*draft.rows, *draft.programmes] if r.unit]
    if draft.default_unit:
        named.insert(0, (RowPlace(draft.source, None, None), draft.default_unit))
    for place, name in named:
        key = normalise_label(name)
        if key in lookup or key in created:
            continue
        code = name if draft.default_unit == name and re.fullmatch(r"[A-Za-z0-9_.-]{1,24}", name) else None
        code = code if code and code.upper() not in taken else unit_code_for(name, taken)
        taken.add(code.upper())
        created[key] = UnitRow(place, code, name, None, "bidang", False)
    return list(created.values())


def _unit_frame(store: Store | Writer) -> pd.DataFrame:
    cursor = store.cursor if isinstance(store, Writer) else store.cursor()
    return cursor.execute("SELECT code, name FROM unit").df()


def _close_unit(name: str, stored: pd.DataFrame) -> str | None:
    names = {normalise_label(n): f"{c} ({n})" for c, n in zip(stored["code"], stored["name"], strict=True)}
    close = difflib.get_close_matches(normalise_label(name), list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


def check_plan(
    store: Store, draft: PlanDraft, *, unanswered: bool = True, outcomes: list[RowOutcome] | None = None
) -> list[Problem]:
    """Problems that depend on what is stored: parents that do not exist, units the plan would
    create (a warning naming each, or with ``strict`` an error), matches by name, new codes whose
    name is an existing indicator's, and what the file does not say that no other year says
    (``kinerja.planning.unsaid``; with ``unanswered=False`` the open questions are left to the
    page that asks them; ``outcomes``: the rows' matches, when the caller has them already)."""
    filling = prepare_plan(store, draft)
    stored = _unit_frame(store)
    units = _unit_lookup(stored, draft.units)
    problems = filling.problems + (filling.unanswered if unanswered else [])
    for unit in draft.units:
        if unit.parent and normalise_label(unit.parent) not in units:
            problems.append(unit.place.problem("parent", unit.parent, "Unit induk tidak dikenal"))
    for unit in units_to_create(store, draft):
        close = _close_unit(unit.name, stored)
        hint = f"; mirip unit {close}: bila sama, tulis kode unit itu" if close else ""
        if draft.strict:
            message = "Unit penanggung jawab tidak dikenal; tambahkan di sheet 'Unit Kerja' atau di halaman Perencanaan"
            problems.append(unit.place.problem("unit", unit.name, message + hint))
        else:
            message = f"Unit baru akan dibuat: '{unit.name}' dengan kode {unit.code}{hint}"
            problems.append(unit.place.problem("unit", unit.name, message, "warning"))
    problems += _zero_targets(draft)
    without = [row for row in draft.rows if not row.sasaran]
    if without and not draft.default_sasaran:
        problems.append(
            without[0].place.problem(
                None,
                None,
                f"{len(without)} indikator tanpa Sasaran Strategis (berkas tidak punya kolom sasaran): pilih sasarannya "
                "di halaman Perencanaan atau berikan --sasaran, atau tambahkan kolom Sasaran Strategis",
            )
        )
    if draft.year is None:
        problems.append(
            Problem("Tahun rencana tidak diketahui: tulis 'TAHUN 2026' pada judul atau berikan --year", draft.source)
        )
    else:
        if outcomes is None:
            outcomes = match_rows(store, draft.rows, draft.year, draft.accepted)
        problems += proposal_warnings(outcomes)
    return problems


def _zero_targets(draft: PlanDraft) -> list[Problem]:
    """Where more is better, a target of 0 leaves the achievement undefined (DOMAIN.md): said, as a
    blank target is, so nobody finds a '–' in the report unexplained."""
    return [
        row.place.problem(
            "target",
            0,
            "Target 0 untuk indikator yang makin tinggi makin baik: capaiannya tidak dapat dihitung (tampil '–'); "
            "pastikan targetnya memang 0",
            "warning",
        )
        for row in draft.rows
        if row.polarity is Polarity.POSITIVE
        and row.target is not None
        and not row.target.is_range
        and row.target.low == 0
    ]


def plan_outcomes(store: Store, draft: PlanDraft) -> list[RowOutcome]:
    """What saving the draft would do to each indicator row, before it is saved."""
    prepare_plan(store, draft)
    return match_rows(store, draft.rows, int(draft.year), draft.accepted)  # type: ignore[arg-type]


def prepare_plan(store: Store | Writer, draft: PlanDraft) -> Filling:
    """Rows that name no sasaran take the one the planner chose for them, programmes likewise their
    unit; then what the rows do not say is filled from other years or asked (``fill_unsaid``)."""
    for row in draft.rows:
        row.sasaran = row.sasaran or draft.default_sasaran or ""
    for programme in draft.programmes:
        programme.unit = programme.unit or draft.default_unit
    return fill_unsaid(store, draft)


def save_plan(store: Store, draft: PlanDraft, *, demo: bool = False, remove_codes: Sequence[str] = ()) -> PlanSummary:
    """Store a checked plan in one transaction, or raise InputRejected and store nothing.

    What the draft says of an indicator is stored for the draft's year alone: no other year's
    recap, report or template changes. Rows find their indicator as ``kinerja.planning.matching``
    says (code, else name in its sasaran, else a unique name, or a proposal the planner accepted).
    Indicators of that year that the draft does not mention are left as they are and reported,
    unless named in ``remove_codes`` (rows deleted in the editor): those leave the year's plan,
    their realisations are kept.
    """
    with collector_paused():  # a province's thousands of rows: kinerja.workbook.bulk
        return _save_plan(store, draft, demo, remove_codes)


def _save_plan(store: Store, draft: PlanDraft, demo: bool, remove_codes: Sequence[str]) -> PlanSummary:
    before = plan_outcomes(store, draft) if draft.year is not None else None  # matched once for the checks
    problems = draft.problems + check_plan(store, draft, outcomes=before)
    nothing = not (draft.rows or draft.units or draft.programmes or remove_codes)
    examples_only = any(p.message.startswith("Baris contoh") for p in problems)
    if nothing and examples_only and not any(p.severity == "error" for p in problems):
        return PlanSummary(
            int(draft.year), [], 0, 0, 0, [], [p for p in problems if p.severity == "warning"], saved=False
        )  # type: ignore[arg-type]
    if nothing and not any(p.severity == "error" for p in problems):
        problems.append(
            Problem(
                "Tidak ada baris rencana yang terbaca: periksa judul kolom (Sasaran Strategis, Indikator Kinerja, Target)",
                draft.source,
            )
        )
    if any(p.severity == "error" for p in problems):
        raise InputRejected(problems)
    actor = require(Action.PLAN)
    year = int(draft.year)  # type: ignore[arg-type]
    warnings = [p for p in problems if p.severity == "warning"]  # skipped rows among them: the summary says so
    renstra = renstra_outcome(store, draft, plan_codes(before or []))
    if not remove_codes and _changes_nothing(store, draft, before or []):
        if renstra.writes:  # columns 5 and 6 alone: the report's, kept as the Laporan page keeps them
            with store.write() as w:
                renstra = keep_renstra(w, draft, actor.name)
                w.audit("renja.renstra", f"tahun {year}", after={"baris": renstra.rows, "sumber": draft.source})
        return PlanSummary(year, before or [], 0, 0, len(draft.programmes), [], warnings, saved=False, renstra=renstra)
    with store.write() as w:
        locked = plan_year_lock(w, year)  # read inside the transaction: nothing can finalise in between
        if locked:
            raise InputRejected([Problem(locked, draft.source)])
        if final_report(w, year) is not None:
            w.execute("UPDATE plan_unlock SET used_at = current_timestamp WHERE id = ?", [open_unlock(w, year)])
        new_units = units_to_create(w, draft)
        units_created = _save_units(w, [*draft.units, *new_units], demo)
        unit_ids = {normalise_label(k): v for k, v in _unit_ids(w).items()}
        goal_ids, goals = _save_goals(w, draft.rows, demo)
        outcomes = match_rows(w, draft.rows, year, draft.accepted)
        touched = _save_indicators(w, outcomes, year, goal_ids, unit_ids, demo)
        _save_programmes(w, draft.programmes, year, goal_ids, unit_ids, demo)
        _save_activity_budgets(w, draft.activity_budgets, year)
        renstra = keep_renstra(w, draft, actor.name)
        for code in remove_codes:
            indicator = w.scalar("SELECT id FROM indicator WHERE upper(code) = upper(?)", [code])
            w.execute("DELETE FROM target WHERE year = ? AND indicator_id = ?", [year, indicator])
            w.execute("DELETE FROM indicator_plan WHERE year = ? AND indicator_id = ?", [year, indicator])
            w.execute("DELETE FROM indicator_manual WHERE year = ? AND indicator_id = ?", [year, indicator])
            w.execute("DELETE FROM indicator_budget WHERE year = ? AND indicator_id = ?", [year, indicator])
        untouched = [
            code
            for (code,) in w.cursor.execute(
                "SELECT code FROM indicator_in_year WHERE year = ? ORDER BY 1", [year]
            ).fetchall()
            if code not in touched
        ]
        counts = outcome_counts(outcomes)
        w.audit(
            "rencana.simpan",
            f"rencana {year}",
            after={
                "indikator_baru": counts[NEW],
                "indikator_lanjutan": counts[CONTINUED],
                "indikator_diubah": {o.code: list(o.changes) for o in outcomes if o.status == CHANGED},
                "dicocokkan_dengan_nama": {
                    o.row.name: o.code for o in outcomes if o.matched_by and o.matched_by != "kode"
                },
                "dihapus_dari_tahun": list(remove_codes),
                "tidak_disebut_berkas": origin_counts(draft.rows),
                "unit_baru": [u.code for u in new_units],
                "program": len(draft.programmes),
                "renstra": renstra.rows,
                "sumber": draft.source,
            },
        )
    return PlanSummary(
        year,
        outcomes,
        goals,
        units_created,
        len(draft.programmes),
        untouched,
        warnings,
        [f"{u.code} ({u.name})" for u in new_units],
        renstra=renstra,
    )


def _changes_nothing(store: Store, draft: PlanDraft, outcomes: list[RowOutcome]) -> bool:
    """Whether the draft says exactly what is stored for its year (a downloaded plan uploaded back);
    ``outcomes``: its rows' matches."""
    year = int(draft.year)  # type: ignore[arg-type]
    if not (draft.rows or draft.units or draft.programmes) or any(o.status != UNCHANGED for o in outcomes):
        return False
    if units_to_create(store, draft):
        return False
    stored_units = {str(r["Kode Unit"]).upper(): r for _, r in units_frame(store).iterrows()}
    for unit in draft.units:
        stored = stored_units.get(unit.code.upper())
        if stored is None or (stored["Nama Unit"], stored["Jenis"], bool(stored["Eksternal"])) != (
            unit.name,
            unit.kind,
            unit.is_external,
        ):
            return False
        if normalise_label(unit.parent or "") != normalise_label(
            stored["Unit Induk"] if pd.notna(stored["Unit Induk"]) else ""
        ):
            return False
    stored_programmes = programmes_frame(store, year)
    cash = [spec.label for spec in PROGRAMME_COLUMNS if spec.key in CASH_KEYS]
    budgets = {
        (normalise_label(row["Kode Program"]), normalise_label(row["Program"])): (
            row["Anggaran (Rp)"],
            tuple(float(row[c]) for c in cash if pd.notna(row[c])),
        )
        for _, row in stored_programmes.iterrows()
    }
    kept = {(normalise_label(name), level): pagu for name, level, pagu in store.rows(_ACTIVITY_BUDGETS_SQL, [year])}
    return all(  # programmes the draft does not name are kept as they are anyway
        _same_budget(budgets.get((normalise_label(p.code or ""), normalise_label(p.name))), p) for p in draft.programmes
    ) and all(kept.get((normalise_label(a.name), a.level)) == a.pagu for a in draft.activity_budgets)


def _same_budget(stored: tuple[float, tuple[float, ...]] | None, programme: ProgrammeRow) -> bool:
    """The programme's pagu as stored, and its anggaran kas too where the file has columns for it."""
    if stored is None or stored[0] != programme.pagu:
        return False
    return programme.cash_plan is None or stored[1] == programme.cash_plan


_ACTIVITY_BUDGETS_SQL = """
SELECT i.name, b.level, b.pagu FROM indicator_budget b JOIN indicator_in_year i ON i.id = b.indicator_id AND i.year = b.year
WHERE b.year = ?
"""


def _save_activity_budgets(w: Writer, budgets: Sequence[ActivityBudget], year: int) -> None:
    """Each kegiatan's or sub-kegiatan's pagu for ``year`` with the indicator its row carries (saved
    just before, under the row's name), as a programme's pagu with the programme."""
    for budget in budgets:
        indicator = w.scalar(
            "SELECT min(id) FROM indicator_in_year WHERE year = ? AND lower(name) = lower(?)", [year, budget.name]
        )
        if indicator is None:
            continue
        w.execute("DELETE FROM indicator_budget WHERE indicator_id = ? AND year = ?", [indicator, year])
        w.execute("INSERT INTO indicator_budget VALUES (?, ?, ?, ?)", [indicator, year, budget.level, budget.pagu])


def _unit_ids(w: Writer) -> dict[str, int]:
    ids = {}
    for uid, code, name in w.cursor.execute("SELECT id, code, name FROM unit ORDER BY id").fetchall():
        ids[code] = uid
        ids.setdefault(name, uid)
    return ids


def _save_units(w: Writer, units: Sequence[UnitRow], demo: bool) -> int:
    """The draft's units: each found by its code (any case) is updated, the others created; then
    each one's parent set from its Unit Induk (a code or a name). A few statements over all units."""
    stored = {}
    for uid, code in w.cursor.execute("SELECT id, code FROM unit ORDER BY id").fetchall():
        stored.setdefault(code.upper(), uid)
    next_id = w.next_id("unit")
    created, updated = [], []
    for unit in units:
        existing = stored.get(unit.code.upper())
        if existing is None:
            created.append(
                {
                    "id": next_id,
                    "code": unit.code,
                    "name": unit.name,
                    "kind": unit.kind,
                    "is_external": unit.is_external,
                    "demo": demo,
                }
            )
            stored[unit.code.upper()] = next_id
            next_id += 1
        else:
            updated.append({"id": existing, "name": unit.name, "kind": unit.kind, "is_external": unit.is_external})
    _insert(w, "unit", created, _UNIT_TYPES | {"code": "string", "demo": "boolean"})
    _update_by_id(w, "unit", updated, _UNIT_TYPES)
    ids = {normalise_label(k): v for k, v in _unit_ids(w).items()}
    parents = [
        {"code": unit.code.upper(), "parent_id": ids.get(normalise_label(unit.parent)) if unit.parent else None}
        for unit in units
    ]
    if parents:
        w.cursor.register("_parents", _frame(parents, {"code": "string", "parent_id": "Int64"}))
        w.execute("UPDATE unit SET parent_id = p.parent_id FROM _parents p WHERE upper(unit.code) = p.code")
        w.cursor.unregister("_parents")
    return len(created)


_UNIT_TYPES = {"id": "Int64", "name": "string", "kind": "string", "is_external": "boolean"}


def _update_by_id(w: Writer, table: str, rows: list[dict], types: dict[str, str]) -> None:
    """``table``'s rows of the ids in ``rows`` set to the other columns of ``types``, in one statement."""
    if rows:
        w.cursor.register("_updated", _frame(rows, types))
        assignments = ", ".join(f"{c} = u.{c}" for c in types if c != "id")
        w.execute(f"UPDATE {table} SET {assignments} FROM _updated u WHERE {table}.id = u.id")
        w.cursor.unregister("_updated")


class _Goals:
    """The stored tujuan and sasaran, found by their normalised names; new ones numbered as the
    next of their level (T4, S12) past codes taken, and written at the end in one statement each."""

    def __init__(self, w: Writer, demo: bool):
        self.demo = demo
        self.found: dict[tuple[str, str], int] = {}
        self.codes: set[str] = set()
        self.counts = {"tujuan": 0, "sasaran": 0}
        for gid, code, level, name in w.cursor.execute("SELECT id, code, level, name FROM goal ORDER BY id").fetchall():
            self.found.setdefault((level, normalise_label(name)), gid)
            self.codes.add(code)
            self.counts[level] = self.counts.get(level, 0) + 1
        self.next_id = w.next_id("goal")
        self.created: list[dict] = []
        self.parents: dict[int, int] = {}  # an existing sasaran's id → its tujuan's, as the plan says

    def id_of(self, level: str, name: str, parent_id: int | None) -> int:
        key = (level, normalise_label(name))
        gid = self.found.get(key)
        if gid is not None:
            if parent_id is not None:
                self.parents[gid] = parent_id
            return gid
        gid, self.next_id = self.next_id, self.next_id + 1
        prefix = "T" if level == "tujuan" else "S"
        number = self.counts[level] + 1
        while f"{prefix}{number}" in self.codes:
            number += 1
        code = f"{prefix}{number}"
        self.codes.add(code)
        self.counts[level] += 1
        self.found[key] = gid
        self.created.append(
            {"id": gid, "code": code, "level": level, "name": name, "parent_id": parent_id, "demo": self.demo}
        )
        return gid

    def write(self, w: Writer) -> None:
        types = {"id": "Int64", "code": "string", "level": "string", "name": "string", "parent_id": "Int64"}
        _insert(w, "goal", self.created, types | {"demo": "boolean"})
        parents = [{"id": gid, "parent_id": parent} for gid, parent in self.parents.items()]
        _update_by_id(w, "goal", parents, {"id": "Int64", "parent_id": "Int64"})


def _save_goals(w: Writer, rows: Sequence[PlanRow], demo: bool) -> tuple[dict[str, int], int]:
    goals = _Goals(w, demo)
    ids: dict[str, int] = {}
    for row in rows:
        key = normalise_label(row.sasaran)
        if key in ids:
            continue
        parent = goals.id_of("tujuan", row.tujuan, None) if row.tujuan else None
        ids[key] = goals.id_of("sasaran", row.sasaran, parent)
    goals.write(w)
    tujuan = {normalise_label(r.tujuan) for r in rows if r.tujuan}
    return ids, len(ids) + len(tujuan)


def _save_indicators(
    w: Writer,
    outcomes: Sequence[RowOutcome],
    year: int,
    goal_ids: dict[str, int],
    unit_ids: dict[str, int],
    demo: bool,
) -> set[str]:
    """The year's plan row of each indicator; a new indicator also gets its identity row, and the
    identity row takes the wording of the newest year the indicator is planned in. Written as a few
    statements over all rows (row by row, a province's 6,000 indicators took 40 s)."""
    ids = dict(w.cursor.execute("SELECT code, id FROM indicator").fetchall())
    later = {  # indicators planned after ``year``: their identity keeps that newer wording
        i
        for (i,) in w.cursor.execute(
            "SELECT DISTINCT indicator_id FROM indicator_plan WHERE year > ?", [year]
        ).fetchall()
    }
    kept = _stored_texts(w, year)
    codes = _NewCodes(set(ids), len(ids))
    next_id = w.next_id("indicator")
    plans, created, renamed, touched, manuals = [], [], [], set(), []
    for position, outcome in enumerate(outcomes, start=1):
        row = outcome.row
        attributes = {
            "goal_id": goal_ids[normalise_label(row.sasaran)],
            "name": row.name,
            "measure_unit": row.measure_unit,
            "polarity": row.polarity.value,
            "aggregation": row.aggregation.value,
            "is_key": row.is_key,
            "weight": row.weight,
            "definition": row.definition,
            "data_source": row.data_source,
            "unit_id": unit_ids.get(normalise_label(row.unit)) if row.unit else None,
            "position": position,
        }
        known = ids.get(outcome.code) if outcome.code is not None else None
        texts = {key: row.manual.get(key) if key in row.manual else kept.get((known, key)) for key in MANUAL_KEYS}
        attributes["definition"], attributes["data_source"] = texts["definition"], texts["data_source"]
        if outcome.code is None:
            indicator_id, code = next_id, codes.take(row.code)
            next_id += 1
            created.append({**attributes, "id": indicator_id, "code": code, "demo": demo})
        else:
            code, indicator_id = outcome.code, ids[outcome.code]
            if indicator_id not in later:
                renamed.append({**attributes, "id": indicator_id})
        plans.append({"indicator_id": indicator_id, "year": year, **attributes})
        manuals.append({"indicator_id": indicator_id, "year": year, **{k: texts[k] for k in MANUAL_KEYS[2:]}})
        touched.add(code)
    _insert(w, "indicator", created, _INDICATOR_TYPES | {"id": "Int64", "code": "string", "demo": "boolean"})
    if renamed:
        frame = _frame(renamed, _INDICATOR_TYPES | {"id": "Int64"})
        w.cursor.register("_renamed", frame)
        assignments = ", ".join(f"{c} = r.{c}" for c in _INDICATOR_TYPES)
        w.execute(f"UPDATE indicator SET {assignments} FROM _renamed r WHERE indicator.id = r.id")
        w.cursor.unregister("_renamed")
    planned = [p["indicator_id"] for p in plans]
    _replace_year(w, "indicator_plan", year, planned, _frame(plans, _INDICATOR_TYPES | _YEAR_KEY))
    _save_targets(w, year, planned, [o.row for o in outcomes])
    manual_types = _YEAR_KEY | dict.fromkeys(MANUAL_KEYS[2:], "string")
    _replace_year(w, "indicator_manual", year, planned, _frame(manuals, manual_types))
    return touched


def _stored_texts(w: Writer, year: int) -> dict[tuple[int, str], str | None]:
    """The year's stored Manual IKU texts, (indicator id, field) → text: what a table without the
    field's column keeps."""
    frame = w.cursor.execute(
        "SELECT p.indicator_id, p.definition, p.data_source, m.* EXCLUDE (indicator_id, year) FROM indicator_plan p "
        "LEFT JOIN indicator_manual m ON m.indicator_id = p.indicator_id AND m.year = p.year WHERE p.year = ?",
        [year],
    ).df()
    return {
        (int(i), key): (None if pd.isna(v) else str(v))
        for key in MANUAL_KEYS
        for i, v in zip(frame["indicator_id"], frame[key], strict=True)
    }


_INDICATOR_TYPES = {
    "goal_id": "Int64", "name": "string", "measure_unit": "string", "polarity": "string", "aggregation": "string",
    "is_key": "boolean", "weight": "Float64", "definition": "string", "data_source": "string", "unit_id": "Int64",
    "position": "Int64",
}  # fmt: skip
_YEAR_KEY = {"indicator_id": "Int64", "year": "Int64"}


class _NewCodes:
    """Codes for new indicators the file gives none: IK and the indicator's number, past any taken."""

    def __init__(self, taken: set[str], count: int):
        self.taken, self.count = taken, count

    def take(self, given: str | None) -> str:
        code = given
        if code is None:
            number = self.count + 1
            while f"IK{number:03d}" in self.taken:
                number += 1
            code = f"IK{number:03d}"
        self.taken.add(code)
        self.count += 1
        return code


def _frame(rows: list[dict], types: dict[str, str]) -> pd.DataFrame:
    """``rows`` with each column's type stated, so no column's type is guessed from its first values
    (built column by column: a province's 30,000 targets at once)."""
    return pd.DataFrame({column: pd.array([row.get(column) for row in rows], dtype=t) for column, t in types.items()})


def _insert(w: Writer, table: str, rows: list[dict], types: dict[str, str]) -> None:
    if rows:
        w.insert_df(table, _frame(rows, types))


def _replace_year(w: Writer, table: str, year: int, indicator_ids: list[int], frame: pd.DataFrame) -> None:
    """The year's rows of ``table`` for ``indicator_ids`` replaced by ``frame``."""
    w.cursor.register("_replaced", pd.DataFrame({"indicator_id": pd.array(indicator_ids, dtype="Int64")}))
    w.execute(f"DELETE FROM {table} WHERE year = ? AND indicator_id IN (SELECT indicator_id FROM _replaced)", [year])
    w.cursor.unregister("_replaced")
    if len(frame):
        w.insert_df(table, frame)


def _save_targets(w: Writer, year: int, indicator_ids: list[int], rows: list[PlanRow]) -> None:
    """Each indicator's PK, Rencana Aksi and Renstra targets of the year, and what else the plan
    says of it that year (baseline, the reason the RA differs, the national standard)."""
    targets, others = [], []
    for indicator_id, row in zip(indicator_ids, rows, strict=True):
        given = [("pk", 0, row.target)] + [("ra", q, t) for q, t in enumerate(row.quarters, start=1) if t is not None]
        if row.renstra is not None:
            given.append(("renstra", 0, row.renstra))
        targets += [
            {"indicator_id": indicator_id, "year": year, "kind": k, "quarter": q, "value": t.low, "value_high": t.high}
            for k, q, t in given
        ]
        if row.baseline is not None or row.reason or row.national_standard is not None:
            others.append(
                {
                    "indicator_id": indicator_id,
                    "year": year,
                    "baseline": row.baseline,
                    "ra_reason": row.reason,
                    "national_standard": row.national_standard,
                }
            )
    kinds = {"kind": "string", "quarter": "Int64", "value": "Float64", "value_high": "Float64"}
    _replace_year(w, "target", year, indicator_ids, _frame(targets, _YEAR_KEY | kinds))
    extra = {"baseline": "Float64", "ra_reason": "string", "national_standard": "Float64"}
    _replace_year(w, "indicator_year", year, indicator_ids, _frame(others, _YEAR_KEY | extra))


def _save_programmes(
    w: Writer,
    programmes: Sequence[ProgrammeRow],
    year: int,
    goal_ids: dict[str, int],
    unit_ids: dict[str, int],
    demo: bool,
) -> None:
    all_goals = {
        normalise_label(n): i
        for i, n in w.cursor.execute("SELECT id, name FROM goal WHERE level = 'sasaran'").fetchall()
    }
    for programme in programmes:
        goal_id = all_goals.get(normalise_label(programme.sasaran)) if programme.sasaran else None
        unit_id = unit_ids.get(normalise_label(programme.unit)) if programme.unit else None
        existing = w.scalar(
            "SELECT id FROM programme WHERE upper(code) = upper(?) OR lower(name) = lower(?) ORDER BY (upper(code) = upper(?)) DESC LIMIT 1",
            [programme.code or "", programme.name, programme.code or ""],
        )
        if existing is None:
            existing = w.next_id("programme")
            code = programme.code or f"P{existing:02d}"
            w.execute(
                "INSERT INTO programme VALUES (?, ?, ?, ?, ?, ?)",
                [existing, code, programme.name, goal_id, unit_id, demo],
            )
        else:
            w.execute(
                "UPDATE programme SET name = ?, goal_id = coalesce(?, goal_id), unit_id = coalesce(?, unit_id) WHERE id = ?",
                [programme.name, goal_id, unit_id, existing],
            )
        w.execute("DELETE FROM programme_budget WHERE programme_id = ? AND year = ?", [existing, year])
        w.execute("INSERT INTO programme_budget VALUES (?, ?, ?)", [existing, year, programme.pagu])
        if programme.cash_plan is not None:  # the file has anggaran kas columns: they say the year's cash plan
            w.execute("DELETE FROM programme_cash_plan WHERE programme_id = ? AND year = ?", [existing, year])
            w.executemany(
                "INSERT INTO programme_cash_plan VALUES (?, ?, ?, ?)",
                [[existing, year, q, amount] for q, amount in enumerate(programme.cash_plan, start=1)],
            )
