"""The year's LKE filled in: for every criterion the computed answer with its rule, figures and
evidence, the office's override or answer, the other stages' answers, and the scores.

Answers are kept per stage, each answered by the role it belongs to: mandiri (the office),
verifikasi (Bappeda or Bagian Organisasi, as the worksheet names a component's verifier),
penjaminan and final (Inspektorat). A computed criterion's self-assessment is the computed answer
unless the office overrides it with a reason. Every answer and override is kept with who, when,
old → new and reason (``lke_answer_change``) and audited in words."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd

from kinerja.access.people import label_people, people
from kinerja.access.roles import ROLE_WORD, Action, Actor, Forbidden, actor_name, can, current
from kinerja.domain.problems import InputRejected, Problem
from kinerja.evaluation.rules import RULES, Computed, Context, known_rules
from kinerja.evaluation.score import answer_from_share, criterion_points, next_grade, predikat
from kinerja.evaluation.worksheet import STAGES, Worksheet, verifier_roles, worksheet_for
from kinerja.storage.settings import office_clock
from kinerja.storage.store import Store

ANSWER_COLUMNS = ["criterion", "stage", "answer", "reason", "note", "recommendation", "answered_by", "answered_at"]


@dataclass(frozen=True)
class Assessment:
    """One year's LKE: ``criteria`` one row per criterion, ``parts`` one row per component and
    sub-component with each stage's points, ``totals`` and ``grades`` per stage."""

    year: int
    worksheet: Worksheet
    criteria: pd.DataFrame
    parts: pd.DataFrame
    totals: dict[str, float]
    computed: dict[str, Computed]

    def grade(self, stage: str = "mandiri"):
        return predikat(self.totals[stage], self.worksheet.grades)


def compute(store: Store, year: int, sheet: Worksheet, today: dt.date) -> dict[str, Computed]:
    """Every computed criterion's finding for ``year``."""
    ctx = Context(store, year, today)
    return {c.code: RULES[c.rule](ctx, c.params) for c in sheet.criteria if c.rule}


def stored_answers(store: Store, year: int) -> pd.DataFrame:
    frame = store.df(f"SELECT {', '.join(ANSWER_COLUMNS)} FROM lke_answer WHERE year = ?", [year]).astype(object)
    return frame.where(frame.notna(), None)  # empty is None, never NaN read as words


def assess(store: Store, year: int, today: dt.date | None = None) -> Assessment:
    """The year's LKE as it stands: computed answers, the stages' answers, points and grades."""
    sheet = worksheet_for(store, year, known_rules())
    found = compute(store, year, sheet, today or dt.date.today())
    given = {(r.criterion, r.stage): r for r in stored_answers(store, year).itertuples(index=False)}
    evidence = dict(store.rows("SELECT criterion, count(*) FROM lke_evidence WHERE year = ? GROUP BY ALL", [year]))
    rows = []
    for c in sheet.criteria:
        values = sheet.scales[c.scale]
        computed = found.get(c.code)
        auto = answer_from_share(computed.share, values) if computed else None
        own = given.get((c.code, "mandiri"))
        mandiri = own.answer if own is not None and own.answer else auto
        source = "diubah" if own is not None and own.answer and computed else "diisi" if own is not None else None
        source = source or ("dihitung" if auto else "belum")
        row = {
            "kode": c.code, "komponen": c.component, "subkomponen": c.subcomponent, "kriteria": c.text,
            "skala": c.scale, "bobot": c.weight, "dihitung": auto, "aturan": computed.rule if computed else "",
            "angka": "; ".join(computed.figures) if computed else "",
            "tautan": [(link.label, link.url) for link in computed.links] if computed else [],
            "sumber": source, "alasan": own.reason if own is not None else None,
            "bukti_diberikan": int(evidence.get(c.code, 0)), "bukti_diminta": "; ".join(c.evidence),
        }  # fmt: skip
        answers = {"mandiri": mandiri} | {
            s: (given[(c.code, s)].answer if (c.code, s) in given else None) for s in STAGES[1:]
        }
        for stage in STAGES:
            row[stage] = answers[stage]
            row[f"nilai_{stage}"] = criterion_points(answers[stage], values, c.weight)
        notes = [given[(c.code, s)] for s in STAGES if (c.code, s) in given]
        row["catatan"] = " | ".join(n.note for n in notes if n.note)
        row["rekomendasi"] = " | ".join(n.recommendation for n in notes if n.recommendation)
        rows.append(row)
    criteria = pd.DataFrame(rows)
    for column in ("dihitung", *STAGES):  # an answer not given is None, never NaN read as words
        criteria[column] = criteria[column].astype(object).where(criteria[column].notna(), None)
    parts = _parts(sheet, criteria)
    totals = {s: float(criteria[f"nilai_{s}"].sum()) for s in STAGES}
    return Assessment(year, sheet, criteria, parts, totals, found)


def _parts(sheet: Worksheet, criteria: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for comp in sheet.components:
        mine = criteria[criteria["komponen"] == comp.code]
        rows.append({"kode": comp.code, "nama": comp.name, "tingkat": "komponen", "bobot": comp.weight,
                     "verifikator": comp.verifier, **{s: float(mine[f"nilai_{s}"].sum()) for s in STAGES}})  # fmt: skip
        for sub in comp.subcomponents:
            part = criteria[criteria["subkomponen"] == sub.code]
            rows.append({"kode": sub.code, "nama": sub.name, "tingkat": "subkomponen", "bobot": sub.weight,
                         "verifikator": comp.verifier, **{s: float(part[f"nilai_{s}"].sum()) for s in STAGES}})  # fmt: skip
    return pd.DataFrame(rows)


def raise_most(assessment: Assessment, stage: str = "mandiri", count: int = 5) -> pd.DataFrame:
    """The criteria with the most points left at ``stage``, and what would answer each: the data a
    computed criterion reads, or the evidence a criterion answered by hand asks for."""
    frame = assessment.criteria.assign(sisa=assessment.criteria["bobot"] - assessment.criteria[f"nilai_{stage}"])
    frame = frame[frame["sisa"] > 1e-9].sort_values(["sisa", "kode"], ascending=[False, True]).head(count)
    return pd.DataFrame(
        {
            "Kriteria": frame["kode"],
            "Poin tersisa": frame["sisa"].round(2),
            "Jawaban kini": frame[stage].fillna("belum diisi"),
            "Yang menjawabnya": [
                f"Data Kinerja: {r.aturan} ({r.angka})" if r.aturan else f"Bukti: {r.bukti_diminta}"
                for r in frame.itertuples(index=False)
            ],
        }
    )


def grade_gap(assessment: Assessment, stage: str = "mandiri") -> str:
    """'Menuju BB: kurang 3,21 poin' or that the top grade is reached."""
    found = next_grade(assessment.totals[stage], assessment.worksheet.grades)
    if found is None:
        return "Predikat tertinggi sudah tercapai."
    higher, gap = found
    return f"Menuju {higher.grade}: kurang {gap:.2f} poin".replace(".", ",")


STAGE_ACTIONS = {"mandiri": Action.LKE_SELF, "verifikasi": Action.LKE_VERIFY, "penjaminan": Action.LKE_ASSURE,
                 "final": Action.LKE_ASSURE}  # fmt: skip


def may_answer(actor: Actor | None, sheet: Worksheet, criterion: str, stage: str) -> bool:
    """Whether ``actor`` answers ``stage``'s column of ``criterion``: the office its self-assessment,
    the component's verifier (Bappeda or Bagian Organisasi, as the worksheet says) its verification,
    the Inspektorat quality assurance and the final score."""
    if stage not in STAGE_ACTIONS or not can(actor, STAGE_ACTIONS[stage]):
        return False
    if stage != "verifikasi":
        return True
    component = next(comp for comp in sheet.components if comp.code == sheet.criterion(criterion).component)
    return actor is not None and actor.role in verifier_roles(component.verifier)


def answerable_stages(actor: Actor | None, sheet: Worksheet, criterion: str) -> list[str]:
    """The columns of ``criterion`` ``actor`` answers (what the page offers)."""
    return [s for s in STAGES if may_answer(actor, sheet, criterion, s)]


def _refuse_stage(actor: Actor | None, sheet: Worksheet, criterion: str, stage: str) -> None:
    if may_answer(actor, sheet, criterion, stage):
        return
    who = f"Akun {actor.name} ({ROLE_WORD[actor.role]})" if actor else "Anonim"
    column = sheet.stages.get(stage, stage)
    owner = {"mandiri": "perangkat daerah (admin/perencana)", "penjaminan": "Inspektorat", "final": "Inspektorat"}
    verifier = next(
        (comp.verifier for comp in sheet.components if comp.code == sheet.criterion(criterion).component), ""
    )
    raise Forbidden(
        f"{who} tidak berwenang mengisi kolom {column} kriteria {criterion}; kolom ini diisi "
        f"{owner.get(stage, 'verifikator ' + verifier)}."
    )


def save_answer(
    store: Store,
    year: int,
    criterion: str,
    stage: str,
    answer: str | None,
    *,
    reason: str | None = None,
    note: str | None = None,
    recommendation: str | None = None,
    today: dt.date | None = None,
) -> None:
    """Keep one stage's answer to a criterion, answered by the role the column belongs to.
    Overriding a computed self-assessment needs a reason; an answer outside the criterion's scale is
    refused. Every change is kept (old → new, who, when, reason) and audited in words."""
    actor = current()
    sheet = worksheet_for(store, year, known_rules())
    codes = {c.code: c for c in sheet.criteria}
    if criterion not in codes:
        raise InputRejected([Problem(f"kriteria '{criterion}' tidak ada di LKE {year}")])
    if stage not in STAGES:
        raise InputRejected([Problem(f"tahap '{stage}' tidak dikenal; pilih {', '.join(STAGES)}")])
    _refuse_stage(actor, sheet, criterion, stage)
    c = codes[criterion]
    if answer and answer not in sheet.scales[c.scale]:
        allowed = ", ".join(sheet.scales[c.scale])
        raise InputRejected([Problem(f"jawaban '{answer}' bukan pilihan skala kriteria {criterion} ({allowed})")])
    reason, note, recommendation = (((v or "").strip() or None) for v in (reason, note, recommendation))
    if stage == "mandiri" and c.rule and answer and not reason:
        raise InputRejected(
            [Problem(f"kriteria {criterion} dihitung dari data Kinerja: tuliskan alasan untuk mengubah jawabannya")]
        )
    computed = None
    if stage == "mandiri" and c.rule:  # the answer an override replaces is Kinerja's own
        found = RULES[c.rule](Context(store, year, today or dt.date.today()), c.params)
        computed = answer_from_share(found.share, sheet.scales[c.scale])
    where = "year = ? AND criterion = ? AND stage = ?"
    column = sheet.stages.get(stage, stage)
    with store.write() as w:
        old = w.cursor.execute(f"SELECT answer, reason, note, recommendation FROM lke_answer WHERE {where}",
                               [year, criterion, stage]).fetchone()  # fmt: skip
        was_computed = computed is not None and not (old and old[0])
        answer_before = old[0] if old and old[0] else computed
        w.execute(f"DELETE FROM lke_answer WHERE {where}", [year, criterion, stage])
        if answer or note or recommendation:
            w.execute(
                "INSERT INTO lke_answer (year, criterion, stage, answer, reason, note, recommendation, answered_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [year, criterion, stage, answer, reason, note, recommendation, actor_name()],
            )
        w.execute(
            "INSERT INTO lke_answer_change (id, year, criterion, stage, answer_before, answer_after, computed, reason, "
            "note, recommendation, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [w.next_id("lke_answer_change"), year, criterion, stage, answer_before, answer, was_computed, reason,
             note, recommendation, actor_name()],
        )  # fmt: skip
        shown_before = f"{answer_before} (dihitung Kinerja)" if was_computed and answer_before else answer_before
        subject = {"kriteria": criterion, "kolom": column}
        before = subject | {"jawaban": shown_before, "alasan": old[1] if old else None,
                            "catatan": old[2] if old else None, "rekomendasi": old[3] if old else None}  # fmt: skip
        after = subject | {"jawaban": answer or (f"{computed} (dihitung Kinerja)" if computed else None),
                           "alasan": reason, "catatan": note, "rekomendasi": recommendation}  # fmt: skip
        w.audit("lke.jawab", f"LKE {year} {criterion} {stage}", before, after)


HISTORY_COLUMNS = ["Kriteria", "Waktu", "Oleh", "Kolom", "Jawaban", "Alasan", "Catatan", "Rekomendasi"]


def answer_history(store: Store, year: int, criterion: str | None = None) -> pd.DataFrame:
    """Every answer given to the year's LKE (one criterion's, or all), newest first, as the page
    shows it: when (office time), who (name and account), the column, old → new, reason, note."""
    where, params = ("AND criterion = ?", [year, criterion]) if criterion else ("", [year])
    raw = store.df(
        "SELECT criterion, stage, answer_before, answer_after, computed, reason, note, recommendation, changed_by, "
        f"changed_at FROM lke_answer_change WHERE year = ? {where} ORDER BY id DESC",
        params,
    ).astype(object)
    raw = raw.where(raw.notna(), None)  # an empty answer is None, never NaN read as words
    clock, known = office_clock(store), people(store)
    sheet = worksheet_for(store, year, known_rules())
    before = [
        f"{b} (dihitung)" if computed and b else (b or "–")
        for b, computed in zip(raw["answer_before"], raw["computed"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            "Kriteria": raw["criterion"],
            "Waktu": [clock.show(t.to_pydatetime() if isinstance(t, pd.Timestamp) else t) for t in raw["changed_at"]],
            "Oleh": label_people(raw["changed_by"], known),
            "Kolom": [sheet.stages.get(s, s) for s in raw["stage"]],
            "Jawaban": [f"{b} → {a or 'dikosongkan'}" for b, a in zip(before, raw["answer_after"], strict=True)],
            "Alasan": raw["reason"],
            "Catatan": raw["note"],
            "Rekomendasi": raw["recommendation"],
        }
    ).astype(object)
    return frame.where(frame.notna(), None)


def criteria_json(assessment: Assessment) -> str:
    """The criteria as JSON records (the CLI's --format json)."""
    return json.dumps(assessment.criteria.to_dict(orient="records"), ensure_ascii=False, default=str, indent=1)
