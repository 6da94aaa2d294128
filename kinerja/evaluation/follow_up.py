"""Follow-up of findings (TL-LHE): the recommendations of the last evaluation, the Inspektorat or
BPK, each with its owner, due date and status Belum / Proses / Tuntas with evidence. They feed the
LKE's component D (rule ``follow_up_done``) and Beranda lists the overdue ones."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kinerja.access.roles import Action, actor_name, require
from kinerja.domain.problems import InputRejected, Problem
from kinerja.evaluation.evidence import keep_file
from kinerja.storage.store import Store

STATUSES = ("Belum", "Proses", "Tuntas")
SOURCES = ("LHE AKIP", "Inspektorat", "BPK")


def save_follow_up(
    store: Store,
    year: int,
    recommendation: str,
    owner: str,
    status: str,
    *,
    source: str = "LHE AKIP",
    due_on: dt.date | None = None,
    note: str | None = None,
    evidence: tuple[str, bytes] | None = None,
    evidence_url: str | None = None,
    follow_up_id: int | None = None,
) -> int:
    """Record a recommendation, or change one (``follow_up_id``). 'Tuntas' needs evidence: a file or
    a link. Audited with before and after."""
    require(Action.PLAN)
    problems = []
    if not recommendation.strip():
        problems.append(Problem("rekomendasi kosong"))
    if not owner.strip():
        problems.append(Problem("penanggung jawab kosong"))
    if status not in STATUSES:
        problems.append(Problem(f"status '{status}' tidak dikenal; pilih {', '.join(STATUSES)}"))
    if source not in SOURCES:
        problems.append(Problem(f"sumber '{source}' tidak dikenal; pilih {', '.join(SOURCES)}"))
    url = (evidence_url or "").strip() or None
    kept = store.rows("SELECT evidence_sha256, evidence_url FROM lke_follow_up WHERE id = ?", [follow_up_id or -1])
    has_evidence = evidence is not None or url or (kept and any(kept[0]))
    if status == "Tuntas" and not has_evidence:
        problems.append(Problem("status Tuntas perlu bukti tindak lanjut: unggah berkas atau tuliskan tautan"))
    if problems:
        raise InputRejected(problems)
    with store.write() as w:
        digest = keep_file(w, evidence[1], evidence[0]) if evidence else (kept[0][0] if kept else None)
        url = url or (kept[0][1] if kept else None)
        values = [year, source, recommendation.strip(), owner.strip(), due_on, status, digest, url, note or None]
        before = None
        if follow_up_id is not None:
            before = w.cursor.execute("SELECT status, note FROM lke_follow_up WHERE id = ?", [follow_up_id]).fetchone()
            w.execute("DELETE FROM lke_follow_up WHERE id = ?", [follow_up_id])
        new_id = follow_up_id or w.next_id("lke_follow_up")
        w.execute(
            "INSERT INTO lke_follow_up (id, year, source, recommendation, owner, due_on, status, evidence_sha256, "
            "evidence_url, note, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [new_id, *values, actor_name()],
        )
        w.audit(
            "lke.tindak_lanjut",
            f"LKE {year} rekomendasi {new_id}",
            {"status": before[0], "catatan": before[1]} if before else None,
            {
                "status": status,
                "pemilik": owner.strip(),
                "rekomendasi": recommendation.strip(),
                "catatan": note or None,
            },
        )
    return new_id


def follow_ups(store: Store, year: int | None = None) -> pd.DataFrame:
    """The recommendations (of ``year``, or all), newest first."""
    where, params = ("WHERE year = ?", [year]) if year is not None else ("", [])
    frame = store.df(
        "SELECT id, year, source, recommendation, owner, due_on, status, evidence_sha256, evidence_url, note, "
        f"updated_by, updated_at FROM lke_follow_up {where} ORDER BY year DESC, due_on NULLS LAST, id",
        params,
    ).astype(object)
    return frame.where(frame.notna(), None)


def overdue(store: Store, today: dt.date) -> pd.DataFrame:
    """Recommendations not Tuntas whose due date has passed: for Beranda."""
    frame = follow_ups(store)
    if frame.empty:
        return frame
    late = frame[
        (frame["status"] != "Tuntas") & frame["due_on"].map(lambda d: d is not None and pd.Timestamp(d).date() < today)
    ]
    return late.reset_index(drop=True)
