"""Saving a checked file: a new version of each unit's quarter it holds, with the original file and
the audit entries, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from kinerja.access.roles import Action, can, current
from kinerja.collection.datafile import DataFile, DataRow, collector_paused, stored_value
from kinerja.collection.realization import BudgetRow, SubmissionDraft, add_submissions
from kinerja.domain.period import period_name
from kinerja.domain.problems import InputRejected, Problem
from kinerja.storage.store import Store, Writer
from kinerja.workflow import review

# --- saving ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedVersion:
    unit_code: str
    year: int
    quarter: int
    version: int
    rows: int
    changed: int  # values that differ from the previous version
    new: int = 0  # values the quarter did not have before (what the page's "Perubahan" list calls "baru")

    def counts(self) -> str:
        """'6 baris: 6 angka baru, 0 diubah', as the upload page's list of changes counts them."""
        return f"{self.rows} baris: {self.new} angka baru, {self.changed} diubah"


@collector_paused
def save_data(
    store: Store,
    data: DataFile,
    *,
    confirm_warnings: bool = False,
    created_by: str | None = None,
    at: dt.datetime | None = None,
    demo: bool = False,
) -> list[SavedVersion]:
    """Store one checked file as new versions of each unit's quarter it holds, with the original
    file; all or nothing. Refused (InputRejected) with errors, or with warnings not confirmed.
    Figures checking found equal to the stored ones (``data.unchanged``) are not saved again: a
    file holding nothing else saves nothing and returns no version. ``at``, ``demo``: when it was
    sent, as the database stores times, and whether the demo sent it (the demo's back-dated
    history, as ``workflow.review``'s steps take them); now and a person's upload by default."""
    if data.errors or (data.warnings and not confirm_warnings):
        raise InputRejected(data.problems if data.errors else [_unconfirmed(p) for p in data.warnings])
    if not data.rows and not data.budget:
        if data.unchanged or data.unchanged_budget:  # every figure is already stored as the file says it
            return []
        raise InputRejected([Problem("Tidak ada angka untuk disimpan", data.file_name)])
    groups: dict[tuple[str, int, int], list[DataRow]] = defaultdict(list)
    for row in data.rows:
        groups[row.unit_code, row.year, row.quarter].append(row)
    spending: dict[tuple[str, int, int], list[BudgetRow]] = defaultdict(list)
    for line in data.budget:
        if line.programme_code is not None or line.indicator_id is not None:
            spending[line.unit_code, line.year, line.quarter].append(
                BudgetRow(line.programme_code, line.spending, line.indicator_id)
            )
    drafts = [
        SubmissionDraft(
            unit,
            year,
            quarter,
            [_figure(r) for r in groups.get((unit, year, quarter), [])],
            spending.get((unit, year, quarter), []),
            created_at=at,
        )
        for unit, year, quarter in sorted(groups.keys() | spending.keys())
    ]
    actor = current()
    periods = [(d.unit_code, d.year, d.quarter) for d in drafts]
    with store.write() as w:
        rules = _check_may_change(w, data.file_name, periods, {r.indicator_id for r in data.rows}, at)
        before = _current_values(w, data.rows)
        spent_before = _current_spending(w, data.budget)
        _keep_file(w, data)
        stored = add_submissions(
            w,
            drafts,
            source="template" if data.template else "spreadsheet",
            created_by=created_by or (actor.name if actor else None),
            file_name=data.file_name,
            file_sha256=data.sha256,
            demo=demo,
        )
        codes = dict(w.cursor.execute("SELECT id, code FROM indicator").fetchall())
        entries = []
        for v in stored:
            rows = groups.get((v.unit_code, v.year, v.quarter), [])
            earlier = {codes[r.indicator_id]: before.get((r.indicator_id, r.year, r.quarter)) for r in rows}
            spent = {_spent_on(b, codes): b.spending for b in spending.get((v.unit_code, v.year, v.quarter), [])}
            spent_earlier = {k: spent_before.get((k, v.year, v.quarter)) for k in spent}
            entries.append(
                (
                    "data.unggah",
                    f"{v.unit_code} {period_name(v.year, v.quarter)}",
                    {
                        "versi": v.version - 1 or None,
                        "nilai": {k: x for k, x in earlier.items() if x is not None},
                        "belanja": {k: x for k, x in spent_earlier.items() if x is not None},
                    },
                    {
                        "versi": v.version,
                        "berkas": data.file_name,
                        "nilai": {codes[r.indicator_id]: stored_value(r) for r in rows},
                        "belanja": spent,
                    },
                )
            )
        w.audit_many(entries, at=at)
        review.record_drafts(w, periods, rules.states, at=at, demo=demo)
    return [
        SavedVersion(
            v.unit_code,
            v.year,
            v.quarter,
            v.version,
            v.rows,
            *_changed_and_new(groups.get((v.unit_code, v.year, v.quarter), []), before),
        )
        for v in stored
    ]


def _check_may_change(
    w: Writer,
    file_name: str,
    periods: list[tuple[str, int, int]],
    indicator_ids: set[int],
    at: dt.datetime | None = None,
) -> review.PeriodRules:
    """Refuse the whole file if the current actor may not change any unit's quarter in it: not its
    unit, nor the unit responsible for each indicator in it; a locked or closed period; or data
    already submitted or verified. Read inside the upload's own transaction, so nothing can change
    in between; returns the rules it read."""
    actor = current()
    rules = review.PeriodRules.load(w, {year for _, year, _ in periods})
    today = at.date() if at else dt.date.today()
    problems = []
    who = f"Akun {actor.name}" if actor else "Pengguna yang belum masuk"
    marks = ", ".join("?" * len(indicator_ids)) or "NULL"
    for code, owner in w.cursor.execute(
        f"SELECT DISTINCT i.code, u.code FROM indicator_in_year i JOIN unit u ON u.id = i.unit_id "
        f"WHERE i.id IN ({marks}) AND i.year IN (SELECT unnest(?)) ORDER BY 1",
        [*sorted(indicator_ids), sorted({year for _, year, _ in periods})],
    ).fetchall():
        if not can(actor, Action.UPLOAD, owner):
            problems.append(Problem(f"{who} tidak berwenang mengubah data indikator {code} (unit {owner}).", file_name))
    for unit, year, quarter in periods:
        if not can(actor, Action.UPLOAD, unit):
            problems.append(Problem(f"{who} tidak berwenang mengubah data unit {unit}.", file_name))
            continue
        refused = rules.refusal(actor, unit, year, quarter, today)
        if refused:
            problems.append(Problem(refused, file_name))
    if problems:
        raise InputRejected(problems)
    return rules


def _current_values(w: Writer, rows: list[DataRow]) -> dict[tuple[int, int, int], float | None]:
    keys = pd.DataFrame(
        {
            "indicator_id": [r.indicator_id for r in rows],
            "year": [r.year for r in rows],
            "quarter": [r.quarter for r in rows],
        }
    )
    w.cursor.register("_keys", keys)
    found = w.cursor.execute(
        "SELECT c.indicator_id, c.year, c.quarter, c.value FROM realization_current c "
        "JOIN _keys k USING (indicator_id, year, quarter)"
    ).fetchall()
    w.cursor.unregister("_keys")
    return {(i, y, q): v for i, y, q, v in found}


def _spent_on(row: BudgetRow, codes: dict[int, str]) -> str:
    """Whose spending a row is, as the audit trail names it: the programme's code, else the
    indicator's its kegiatan row carries."""
    return row.programme_code or codes[row.indicator_id]


def _current_spending(w: Writer, budget: list) -> dict[tuple[str, int, int], float | None]:
    """The stored spending of programmes and kegiatan in the quarters the file speaks of, by code,
    year and quarter (not every year's)."""
    if not budget:
        return {}
    periods = sorted({line.year * 10 + line.quarter for line in budget})  # 2026 TW III: 20263
    found = w.cursor.execute(
        "SELECT p.code, b.year, b.quarter, b.spending FROM budget_current b JOIN programme p ON p.id = b.programme_id "
        "WHERE b.year * 10 + b.quarter IN (SELECT unnest(?)) "
        "UNION ALL SELECT i.code, x.year, x.quarter, x.spending FROM indicator_spending_current x "
        "JOIN indicator i ON i.id = x.indicator_id WHERE x.year * 10 + x.quarter IN (SELECT unnest(?))",
        [periods, periods],
    ).fetchall()
    return {(code, year, quarter): spending for code, year, quarter, spending in found}


def _changed_and_new(rows: list[DataRow], before: dict[tuple[int, int, int], float | None]) -> tuple[int, int]:
    """Figures that replace another value, and figures the quarter had none for (as
    ``versions.changes`` tells them apart)."""
    changed = new = 0
    for r in rows:
        old, value = before.get((r.indicator_id, r.year, r.quarter)), stored_value(r)
        if old is None:
            new += value is not None
        else:
            changed += old != value
    return changed, new


def _unconfirmed(problem: Problem) -> Problem:
    return Problem(
        f"{problem.message} (peringatan belum dikonfirmasi)",
        problem.file,
        problem.sheet,
        problem.row,
        problem.column,
        problem.value,
        "error",
    )


def _figure(row: DataRow) -> tuple:
    """The row as a stored realisation (see realization.FIGURE_FIELDS)."""
    text = row.text
    return (
        row.indicator_id,
        stored_value(row),
        row.numerator,
        row.denominator,
        text.get("drivers"),
        text.get("obstacles"),
        text.get("follow_up"),
        text.get("evidence_url"),
    )


def _keep_file(w: Writer, data: DataFile) -> None:
    w.execute(
        "INSERT INTO stored_file (sha256, file_name, size, content) SELECT ?, ?, ?, ? "
        "WHERE NOT EXISTS (SELECT 1 FROM stored_file WHERE sha256 = ?)",
        [data.sha256, data.file_name, len(data.content), data.content, data.sha256],
    )
