"""Problems found in a user's input, each with the place a user would look it up."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from kinerja.domain.numbers import fmt_number

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (file, sheet, row, column), the value, and why."""

    message: str
    file: str = ""
    sheet: str | None = None
    row: int | None = None  # 1-based, as Excel shows it
    column: str | None = None  # the column's letter and label, e.g. "F (Polaritas)"
    value: object = None
    severity: Severity = "error"
    subject: str | None = None  # what the row is about: 'IK03 "Persentase persalinan …"'

    @property
    def place(self) -> str:
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        place = self.place + ("" if self.value in (None, "") else f', isi "{_shown(self.value)}"')
        label = "Galat" if self.severity == "error" else "Peringatan"
        message = f"{self.subject}: {self.message}" if self.subject else self.message
        return f"{label}: {place}: {message}" if place else f"{label}: {message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "Jenis": "Galat" if self.severity == "error" else "Peringatan",
            "Berkas": self.file,
            "Sheet": self.sheet or "",
            "Baris": self.row,
            "Kolom": self.column or "",
            "Indikator": self.subject or "",
            "Nilai": _shown(self.value),
            "Masalah": self.message,
        }


SHOWN = 50  # problems listed per file; the rest are counted
_SAME = 5  # the same problem in one column on more rows than this is said once, with its rows


def shown(problems: Iterable[Problem], limit: int = SHOWN) -> list[Problem]:
    """The problems to list for a file, for people: the same problem in the same column (or of
    whole rows) on many rows said once with how many rows and which (and the value where all say
    the same), then at most ``limit`` of them and a count of the rest. Nothing is dropped from the
    input itself."""
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        kind = problem.message.split(" (")[0]
        groups.setdefault((problem.file, problem.sheet, problem.column, problem.severity, kind), []).append(problem)
    listed: list[Problem] = []
    firsts: dict[int, int] = {}  # a group's first row, for ordering
    for group in groups.values():
        if len(group) <= _SAME or group[0].row is None:  # the same problem of many rows, in a column or not
            listed += group
            continue
        first, rows = group[0], sorted({p.row for p in group if p.row is not None})
        same = len({p.message for p in group}) == 1 and len({repr(p.value) for p in group}) == 1
        kind = first.message if same else _without_values(group)  # other rows' own values stay out
        listed.append(
            Problem(
                f"{kind} — di {fmt_number(len(rows), 0)} baris: {row_list(rows)}",
                first.file,
                first.sheet,
                None,
                first.column,
                first.value if same else None,
                first.severity,
            )
        )
        firsts[id(listed[-1])] = rows[0] if rows else 0
    listed.sort(key=lambda p: (p.severity != "error", p.file, p.sheet or "", p.row or firsts.get(id(p), 0)))
    if len(listed) <= limit:
        return listed
    rest = listed[limit:]
    errors = sum(p.severity == "error" for p in rest)
    more = Problem(
        f"… dan {fmt_number(len(rest), 0)} masalah lain ({fmt_number(errors, 0)} galat) tidak ditampilkan; "
        "perbaiki yang di atas lalu unggah lagi",
        rest[0].file,
        severity="error" if errors else "warning",
    )
    return [*listed[:limit], more]


def _without_values(group: list[Problem]) -> str:
    """What the rows of ``group`` share, their own values (in brackets) left out: "Rencana Aksi
    berbeda dari target PK; samakan, …" where each row said its own sums; else the words before the
    first bracket."""
    texts = {re.sub(r" \([^()]*\)", "", p.message) for p in group}
    return texts.pop() if len(texts) == 1 else group[0].message.split(" (")[0]


def reader_failed(file_name: str) -> Problem:
    """The refusal of a file that a reader failed on (a fault of Kinerja, not of the file): said in
    the user's words, with nothing stored; the cause goes to the server's log."""
    return Problem(
        "Berkas tidak dapat dibaca: Kinerja gagal membaca isinya (kesalahan di Kinerja, sudah dicatat di log "
        "server). Tidak ada yang disimpan; kirim berkas ini ke admin agar diperiksa",
        file_name,
    )


def row_list(rows: list[int], limit: int = 40) -> str:
    """'baris 16, 17, 20, 22–25' for the rows given (sorted): runs of three or more joined, never a
    range over rows not given; past ``limit`` items, how many more."""
    runs: list[str] = []
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i] != rows[i - 1] + 1:
            run = rows[start:i]
            runs += [f"{run[0]}–{run[-1]}"] if len(run) >= 3 else [str(r) for r in run]
            start = i
    shown = ", ".join(runs[:limit])
    rest = len(runs) - limit
    return f"baris {shown}" + (f", … dan {fmt_number(rest, 0)} lagi" if rest > 0 else "")


class InputRejected(ValueError):
    """Input refused as a whole: nothing of it was stored."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__("\n".join(str(p) for p in errors or self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _shown(value: object) -> str:
    """A cell's value as the user wrote it, numbers the Indonesian way (94.444,44)."""
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt_number(value)
    return str(value)
