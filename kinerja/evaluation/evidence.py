"""Evidence (bukti dukung) given on the LKE page: uploaded files (one or several at once, each
assigned to a criterion), kept as every original file is (``stored_file``, by its SHA-256), or a link."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class EvidenceFile:
    """One file of a bulk upload, assigned to a criterion (``criterion`` None: not yet assigned)."""

    file_name: str
    content: bytes
    criterion: str | None
    label: str = ""


def criterion_in_name(file_name: str, codes: list[str]) -> str | None:
    """The criterion a file's name begins with ('A.2.1 SK Renstra.pdf', 'B.2.4_jadwal.xlsx'): a
    proposal the page shows for the person to confirm or change, never taken in silence."""
    found = _CODE_IN_NAME.match(file_name.strip())
    code = found.group(1).replace("_", ".").replace("-", ".").upper() if found else None
    return code if code in codes else None


_CODE_IN_NAME = re.compile(r"^([A-Za-z][._-]\d+[._-]\d+)(?![\d])")


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
    url = (url or "").strip() or None
    if content is None and not url:
        raise InputRejected([Problem("pilih berkas atau tuliskan tautan bukti dukung")])
    if url and not url.lower().startswith(("http://", "https://", "/")):
        raise InputRejected([Problem(f"tautan harus diawali http://, https:// atau / (halaman Kinerja): {url}")])
    if content is not None:
        return add_evidence_files(store, year, [EvidenceFile(file_name or "bukti", content, criterion, label)])[0]
    require(Action.LKE_SELF)
    _check_criteria(store, year, [criterion])
    with store.write() as w:
        return _insert(w, year, criterion, (label or "").strip() or url or "", None, None, url)


def add_evidence_files(store: Store, year: int, files: list[EvidenceFile]) -> list[int]:
    """Several evidence files at once, each to its criterion, kept as every original is (by its
    SHA-256): all or none. A file not assigned, a criterion not in the year's LKE or a file over
    50 MB refuses the whole upload, each problem named by its file."""
    require(Action.LKE_SELF)
    problems = [Problem("pilih kriteria untuk berkas ini", file=f.file_name) for f in files if not f.criterion]
    problems += [Problem("berkas lebih dari 50 MB", file=f.file_name) for f in files if len(f.content) > MAX_BYTES]
    problems += [Problem("berkas kosong", file=f.file_name) for f in files if not f.content]
    if not files:
        problems.append(Problem("pilih berkas bukti dukung"))
    if problems:
        raise InputRejected(problems)
    _check_criteria(store, year, [f.criterion for f in files if f.criterion], {f.criterion: f.file_name for f in files})
    with store.write() as w:
        return [
            _insert(
                w,
                year,
                f.criterion or "",
                (f.label or "").strip() or f.file_name,
                keep_file(w, f.content, f.file_name),
                f.file_name,
                None,
            )
            for f in files
        ]


def _check_criteria(store: Store, year: int, codes: list[str], files: dict | None = None) -> None:
    known = {c.code for c in worksheet_for(store, year, known_rules()).criteria}
    unknown = [c for c in dict.fromkeys(codes) if c not in known]
    if unknown:
        raise InputRejected(
            [Problem(f"kriteria '{c}' tidak ada di LKE {year}", file=(files or {}).get(c, "")) for c in unknown]
        )


def _insert(w: Writer, year: int, criterion: str, label: str, digest: str | None, name: str | None,
            url: str | None) -> int:  # fmt: skip
    new_id = w.next_id("lke_evidence")
    w.execute(
        "INSERT INTO lke_evidence (id, year, criterion, label, file_sha256, file_name, url, added_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [new_id, year, criterion, label, digest, name, url, actor_name()],
    )
    w.audit("lke.bukti", f"LKE {year} {criterion}", None, {"kriteria": criterion, "nama": label, "berkas": name,
                                                           "tautan": url})  # fmt: skip
    return new_id


def evidence_frame(store: Store, year: int) -> pd.DataFrame:
    """Every evidence item of the year: criterion, label, file name, digest, link, who and when."""
    frame = store.df(
        "SELECT e.criterion, e.label, coalesce(e.file_name, f.file_name) AS file_name, e.file_sha256, e.url, "
        "e.added_by, e.added_at "
        "FROM lke_evidence e LEFT JOIN stored_file f ON f.sha256 = e.file_sha256 WHERE e.year = ? "
        "ORDER BY e.criterion, e.id",
        [year],
    ).astype(object)
    return frame.where(frame.notna(), None)


def evidence_file(store: Store, sha256: str) -> tuple[str, bytes] | None:
    found = store.rows("SELECT file_name, content FROM stored_file WHERE sha256 = ?", [sha256])
    return (found[0][0], bytes(found[0][1])) if found else None
