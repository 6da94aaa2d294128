"""Evidence (bukti dukung) given on the LKE page: an uploaded file, kept as every original file is
(``stored_file``, by its SHA-256), or a link."""

from __future__ import annotations

import hashlib

import pandas as pd

from kinerja.access.roles import Action, actor_name, require
from kinerja.domain.problems import InputRejected, Problem
from kinerja.evaluation.rules import known_rules
from kinerja.evaluation.worksheet import worksheet_for
from kinerja.storage.store import Store, Writer

MAX_BYTES = 50 * 1024 * 1024


def keep_file(w: Writer, content: bytes, file_name: str) -> str:
    """Store ``content`` once by its digest (as uploads keep their originals) and return the digest."""
    digest = hashlib.sha256(content).hexdigest()
    w.execute(
        "INSERT INTO stored_file (sha256, file_name, size, content) SELECT ?, ?, ?, ? "
        "WHERE NOT EXISTS (SELECT 1 FROM stored_file WHERE sha256 = ?)",
        [digest, file_name, len(content), content, digest],
    )
    return digest


def add_evidence(
    store: Store,
    year: int,
    criterion: str,
    label: str,
    *,
    content: bytes | None = None,
    file_name: str | None = None,
    url: str | None = None,
) -> int:
    """Attach a file or a link to a criterion of the year's LKE; audited."""
    require(Action.PLAN)
    if criterion not in {c.code for c in worksheet_for(store, year, known_rules()).criteria}:
        raise InputRejected([Problem(f"kriteria '{criterion}' tidak ada di LKE {year}")])
    url = (url or "").strip() or None
    if content is None and not url:
        raise InputRejected([Problem("pilih berkas atau tuliskan tautan bukti dukung")])
    if url and not url.lower().startswith(("http://", "https://", "/")):
        raise InputRejected([Problem(f"tautan harus diawali http://, https:// atau / (halaman Kinerja): {url}")])
    if content is not None and len(content) > MAX_BYTES:
        raise InputRejected([Problem("berkas lebih dari 50 MB", file=file_name or "")])
    label = (label or "").strip() or (file_name or url or "")
    with store.write() as w:
        digest = keep_file(w, content, file_name or "bukti") if content is not None else None
        new_id = w.next_id("lke_evidence")
        w.execute(
            "INSERT INTO lke_evidence (id, year, criterion, label, file_sha256, url, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [new_id, year, criterion, label, digest, url, actor_name()],
        )
        w.audit("lke.bukti", f"LKE {year} {criterion}", None, {"nama": label, "berkas": file_name, "tautan": url})
    return new_id


def evidence_frame(store: Store, year: int) -> pd.DataFrame:
    """Every evidence item of the year: criterion, label, file name, digest, link, who and when."""
    frame = store.df(
        "SELECT e.criterion, e.label, f.file_name, e.file_sha256, e.url, e.added_by, e.added_at "
        "FROM lke_evidence e LEFT JOIN stored_file f ON f.sha256 = e.file_sha256 WHERE e.year = ? "
        "ORDER BY e.criterion, e.id",
        [year],
    ).astype(object)
    return frame.where(frame.notna(), None)


def evidence_file(store: Store, sha256: str) -> tuple[str, bytes] | None:
    found = store.rows("SELECT file_name, content FROM stored_file WHERE sha256 = ?", [sha256])
    return (found[0][0], bytes(found[0][1])) if found else None
