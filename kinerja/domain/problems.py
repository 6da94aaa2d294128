"""Problems found in a user's input, each with the place a user would look it up."""

from __future__ import annotations

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
        shown = "" if self.value in (None, "") else f" [{self.value!r}]"
        label = "Galat" if self.severity == "error" else "Peringatan"
        return f"{label}: {self.place}{shown}: {self.message}" if self.place else f"{label}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "Jenis": "Galat" if self.severity == "error" else "Peringatan",
            "Berkas": self.file,
            "Sheet": self.sheet or "",
            "Baris": self.row,
            "Kolom": self.column or "",
            "Nilai": _shown(self.value),
            "Masalah": self.message,
        }


SHOWN = 50  # problems listed per file; the rest are counted
_SAME = 5  # the same problem in one column on more rows than this is said once, with its rows


def shown(problems: Iterable[Problem], limit: int = SHOWN) -> list[Problem]:
    """The problems to list for a file, for people: the same problem in the same column on many
    rows said once with how many rows and which, then at most ``limit`` of them and a count of the
    rest. Nothing is dropped from the input itself."""
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        kind = problem.message.split(" (")[0]
        groups.setdefault((problem.file, problem.sheet, problem.column, problem.severity, kind), []).append(problem)
    listed: list[Problem] = []
    for group in groups.values():
        if len(group) <= _SAME or group[0].column is None:
            listed += group
            continue
        first, rows = group[0], [p.row for p in group if p.row is not None]
        where = f"baris {min(rows)}–{max(rows)}" if rows else "berkas ini"
        listed.append(
            Problem(
                f"{first.message} — sama di {fmt_number(len(group), 0)} baris ({where})",
                first.file,
                first.sheet,
                first.row,
                first.column,
                first.value,
                first.severity,
            )
        )
    listed.sort(key=lambda p: (p.severity != "error", p.file, p.sheet or "", p.row or 0))
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


def reader_failed(file_name: str) -> Problem:
    """The refusal of a file that a reader failed on (a fault of Kinerja, not of the file): said in
    the user's words, with nothing stored; the cause goes to the server's log."""
    return Problem(
        "Berkas tidak dapat dibaca: Kinerja gagal membaca isinya (kesalahan di Kinerja, sudah dicatat di log "
        "server). Tidak ada yang disimpan; kirim berkas ini ke admin agar diperiksa",
        file_name,
    )


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
