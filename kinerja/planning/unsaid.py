"""What a plan file does not say of an indicator: never a silent default.

Polarity, aggregation, IKU, penanggung jawab and bobot that a row leaves blank, or whose column the
file lacks, come from the same indicator's plan of another year when it continues (the same year's,
else the newest before, else the oldest after; matched as ``kinerja.planning.matching`` says), and
each row says so ("polaritas dari 2025"). A new indicator's polarity and aggregation are asked: a
proposal from its words (``kinerja.domain.wording``) that the planner confirms or changes on the
page (``PlanDraft.chosen``), or the command line's ``--default-polarity`` / ``--default-aggregation``;
until then the plan is refused. A new indicator without a unit takes the unit the planner chose for
rows naming none, or the plan is refused; without an IKU column it is not IKU, with a warning
naming it; without a weight it weighs 1 like every indicator whose plan gives no weights.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kinerja.domain.achievement import Aggregation, Polarity
from kinerja.domain.numbers import fmt_number
from kinerja.domain.problems import Problem
from kinerja.domain.vocabulary import AGGREGATION_WORD, POLARITY_WORD, parse_aggregation, parse_polarity
from kinerja.domain.wording import Proposal, propose_aggregation, propose_polarity
from kinerja.planning.matching import carried_plans
from kinerja.planning.rows import LABEL, PlanDraft, PlanRow, check_action_plan
from kinerja.storage.store import Store, Writer

FIELD_WORDS = {
    "polarity": "polaritas",
    "aggregation": "agregasi",
    "is_key": "IKU",
    "unit": "penanggung jawab",
    "weight": "bobot",
}
ASKED = ("polarity", "aggregation")  # asked of a new indicator; the others have a stated fallback
OPTION = {"polarity": "--default-polarity", "aggregation": "--default-aggregation"}
OPTION_WORDS = {"polarity": "POSITIF atau NEGATIF", "aggregation": "KUMULATIF, NILAI_AKHIR, RATA_RATA atau RASIO"}
WORDS = {"polarity": POLARITY_WORD, "aggregation": AGGREGATION_WORD}
UNCONFIRMED = "belum dikonfirmasi"
ANSWERS = {  # the column a page asks each setting in → the words a planner may answer (a range is its target's)
    LABEL["polarity"]: [POLARITY_WORD[Polarity.POSITIVE], POLARITY_WORD[Polarity.NEGATIVE]],
    LABEL["aggregation"]: list(AGGREGATION_WORD.values()),
}


@dataclass
class Question:
    """A new indicator's polarity and/or aggregation that neither its file nor another year says."""

    index: int  # the row's position in the draft
    row: PlanRow
    proposals: dict[str, Proposal]  # field → what the words (or the Rencana Aksi) suggest
    confirmed: bool  # the planner chose (PlanDraft.chosen) or the command line gave a default

    def as_dict(self) -> dict[str, object]:
        """The row as the page asks it: each asked setting holds its proposal, to keep or change."""
        shown: dict[str, object] = {
            "Baris": self.row.place.row,
            "Indikator": self.row.name,
            "Satuan": self.row.measure_unit,
            "Target": _target_text(self.row),
        }
        reasons = []
        for name in ASKED:
            proposal, words = self.proposals.get(name), WORDS[name]
            shown[LABEL[name]] = words[proposal.value if proposal else getattr(self.row, name)]
            reasons.append(f"{FIELD_WORDS[name]}: {proposal.reason if proposal else 'disebut berkas'}")
        return shown | {"Alasan usulan": "; ".join(reasons)}


def _target_text(row: PlanRow) -> str:
    target = row.target
    return fmt_number(target.low) if target.high is None else f"{fmt_number(target.low)} - {fmt_number(target.high)}"


def choices_from_table(questions: Sequence[Question], records: Sequence[dict]) -> dict[int, dict[str, object]]:
    """The planner's answers, from the table the page asked them in (``Question.as_dict`` rows, in
    order, perhaps edited): for each row its polarity and aggregation, as ``PlanDraft.chosen`` holds them."""
    parse = {"polarity": parse_polarity, "aggregation": parse_aggregation}
    chosen = {}
    for question, record in zip(questions, records, strict=True):
        answers = {name: parse[name](record.get(LABEL[name]) or "") for name in question.proposals}
        chosen[question.index] = {name: value for name, value in answers.items() if value is not None}
    return chosen


@dataclass
class Filling:
    """What filling the unsaid found: problems (errors refuse the plan), the questions asked, and the
    errors of those not answered yet (apart: the page asks them in a table instead)."""

    problems: list[Problem]
    questions: list[Question]
    unanswered: list[Problem]


def fill_unsaid(source: Store | Writer, draft: PlanDraft) -> Filling:
    """Fill every row's unsaid fields (idempotent: each call starts again from what the file said)."""
    for row in draft.rows:
        _reset(row, draft.default_unit)
    unsaid = any(row.unsaid for row in draft.rows)
    plans = carried_plans(source, draft.rows, draft.year, draft.accepted) if unsaid else [None] * len(draft.rows)
    questions, problems = [], []
    for index, (row, plan) in enumerate(zip(draft.rows, plans, strict=True)):
        if plan is not None:
            _carry(row, plan)
        asked = [f for f in ASKED if f in row.unsaid and f not in row.origin]
        if asked:
            questions.append(_ask(index, row, asked, draft))
        if "aggregation" in row.unsaid and not _unconfirmed(row, "aggregation"):
            problems += check_action_plan(row)  # the Rencana Aksi against the PK, now that the aggregation is known
    problems += _without_unit(draft) + _not_key(draft) + _against_words(questions, draft)
    return Filling(problems, questions, _unanswered(questions, draft))


def _unconfirmed(row: PlanRow, name: str) -> bool:
    return row.origin.get(name, "").endswith(UNCONFIRMED)


def _reset(row: PlanRow, default_unit: str | None) -> None:
    row.origin = {}
    for name in row.unsaid:
        value = {"polarity": None, "aggregation": None, "is_key": False, "unit": default_unit, "weight": 1.0}[name]
        setattr(row, name, value)  # the unit the planner chose for rows naming none helps find the indicator


def _carry(row: PlanRow, plan: dict) -> None:
    values = {
        "polarity": Polarity(plan["polarity"]),
        "aggregation": Aggregation(plan["aggregation"]),
        "is_key": None if _missing(plan["is_key"]) else bool(plan["is_key"]),
        "unit": plan["unit"] if isinstance(plan["unit"], str) else None,
        "weight": None if _missing(plan["weight"]) else float(plan["weight"]),
    }
    if values["polarity"] is Polarity.RANGE and not row.target.is_range:
        values["polarity"] = None  # last year's range does not fit this year's single target: ask
    for name in row.unsaid:
        if values[name] is not None:
            setattr(row, name, values[name])
            row.origin[name] = f"{FIELD_WORDS[name]} dari {plan['year']}"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _ask(index: int, row: PlanRow, asked: list[str], draft: PlanDraft) -> Question:
    proposals = {
        "polarity": propose_polarity(row.name, row.measure_unit),
        "aggregation": propose_aggregation(row.name, row.measure_unit, row.target, row.quarters),
    }
    proposals = {f: proposals[f] for f in asked}
    chosen = draft.chosen.get(index, {})
    defaults = {"polarity": draft.default_polarity, "aggregation": draft.default_aggregation}
    confirmed = True
    for name, proposal in proposals.items():
        words = WORDS[name]
        if chosen.get(name) is not None:
            value = chosen[name]
            note = f"{FIELD_WORDS[name]} {words[value]}: " + (
                "usulan dikonfirmasi"
                if value is proposal.value
                else f"dipilih perencana (usulan: {words[proposal.value]})"
            )
        elif defaults[name] is not None:
            value, note = defaults[name], f"{FIELD_WORDS[name]} dari {OPTION[name]}"
        else:
            value = proposal.value
            note = f"usulan {FIELD_WORDS[name]} {words[value]} ({proposal.reason}), {UNCONFIRMED}"
            confirmed = False
        setattr(row, name, value)
        row.origin[name] = note
    return Question(index, row, proposals, confirmed)


def rows_text(numbers: Sequence[int]) -> str:
    """'5–9, 12, 14–15': row numbers said compactly."""
    spans: list[list[int]] = []
    for number in sorted(set(numbers)):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def _where(rows: Sequence[PlanRow], name: str) -> str:
    label = LABEL[name]
    absent = [r for r in rows if name in r.absent]
    blank = [r for r in rows if name not in r.absent]
    parts = [f"kolom {label} tidak ada di berkas"] if absent else []
    if blank:
        parts.append(f"{label} kosong di baris {rows_text([r.place.row for r in blank])}")
    return " dan ".join(parts)


def _fix(rows: Sequence[PlanRow], name: str) -> str:
    verb = "Tambahkan" if any(name in r.absent for r in rows) else "Isi"
    return f"{verb} kolom {LABEL[name]}"


def _unanswered(questions: list[Question], draft: PlanDraft) -> list[Problem]:
    """One error per setting nobody said, naming the column and the rows, with the proposals to copy."""
    problems = []
    for name in ASKED:
        asked = [q for q in questions if name in q.proposals and _unconfirmed(q.row, name)]
        if not asked:
            continue
        rows = [q.row for q in asked]
        label, words = LABEL[name], WORDS[name]
        groups: dict[object, list[PlanRow]] = {}
        for question in asked:
            groups.setdefault(question.proposals[name].value, []).append(question.row)
        proposed = "; ".join(
            f"{words[value]} untuk baris {rows_text([r.place.row for r in group])} ("
            + ", ".join(f"'{r.name}'" for r in group[:3])
            + (f" dan {len(group) - 3} lainnya" if len(group) > 3 else "")
            + ")"
            for value, group in groups.items()
        )
        problems.append(
            Problem(
                f"{label} tidak diketahui untuk {len(rows)} indikator baru: {_where(rows, name)}, "
                f"dan indikatornya tidak punya {FIELD_WORDS[name]} di tahun lain. {_fix(rows, name)}, pilih di halaman "
                f"Perencanaan, atau berikan {OPTION[name]} {OPTION_WORDS[name]}. Usulan dari kata indikator: {proposed}",
                draft.source,
                _one_sheet(rows),
            )
        )
    return problems


def _one_sheet(rows: Sequence[PlanRow]) -> str | None:
    sheets = {r.place.sheet for r in rows}
    return sheets.pop() if len(sheets) == 1 else None


def _without_unit(draft: PlanDraft) -> list[Problem]:
    rows = [r for r in draft.rows if not r.unit]
    if not rows:
        return []
    return [
        Problem(
            f"{LABEL['unit']} tidak diketahui untuk {len(rows)} indikator: {_where(rows, 'unit')}, dan indikatornya "
            f"tidak punya penanggung jawab di tahun lain. {_fix(rows, 'unit')}, pilih unitnya di halaman "
            "Perencanaan, atau berikan --unit KODE",
            draft.source,
            _one_sheet(rows),
        )
    ]


def _not_key(draft: PlanDraft) -> list[Problem]:
    """New indicators of a file without an IKU column: not IKU, named in a warning."""
    rows = [r for r in draft.rows if "is_key" in r.absent and "is_key" not in r.origin]
    if not rows:
        return []
    names = ", ".join(f"'{r.name}'" for r in rows[:5]) + (f" dan {len(rows) - 5} lainnya" if len(rows) > 5 else "")
    return [
        Problem(
            f"Kolom {LABEL['is_key']} tidak ada di berkas: {len(rows)} indikator baru disimpan bukan IKU (Tidak), "
            f"baris {rows_text([r.place.row for r in rows])}: {names}. Bila ada yang IKU, tambahkan kolom IKU",
            draft.source,
            _one_sheet(rows),
            severity="warning",
        )
    ]


def _against_words(questions: list[Question], draft: PlanDraft) -> list[Problem]:
    """A command-line default that goes against an indicator's words is taken, and said."""
    problems = []
    for name, default in (("polarity", draft.default_polarity), ("aggregation", draft.default_aggregation)):
        against = [
            q
            for q in questions
            if name in q.proposals
            and q.row.origin.get(name, "").endswith(OPTION[name])
            and q.proposals[name].value is not default
        ]
        if default is None or not against:
            continue
        words = WORDS[name]
        listed = ", ".join(
            f"baris {q.row.place.row} '{q.row.name}' (usulan {words[q.proposals[name].value]})" for q in against[:10]
        ) + (f" dan {len(against) - 10} lainnya" if len(against) > 10 else "")
        problems.append(
            Problem(
                f"{OPTION[name]} {words[default]} dipakai untuk {len(against)} indikator yang katanya mengusulkan "
                f"lain: {listed}",
                draft.source,
                _one_sheet([q.row for q in against]),
                severity="warning",
            )
        )
    return problems


def origin_counts(rows: Sequence[PlanRow]) -> dict[str, int]:
    """Each note of where an unsaid value came from ('polaritas dari 2025'), with how many rows."""
    counts: dict[str, int] = {}
    for row in rows:
        for note in row.origin.values():
            counts[note] = counts.get(note, 0) + 1
    return dict(sorted(counts.items()))


def carried_lines(rows: Sequence[PlanRow]) -> list[str]:
    """What the file did not say and where it came from, counted, for a save's summary."""
    counts = origin_counts(rows)
    if not counts:
        return []
    return ["Tidak disebut berkas: " + ", ".join(f"{note} ({n} indikator)" for note, n in counts.items()) + "."]
