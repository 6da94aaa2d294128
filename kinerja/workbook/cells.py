"""Where a cell of an uploaded file came from (file, sheet, row, column) and the problems every reader
reports the same way: a cell that is not what its column expects, merged or hidden cells, markup."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kinerja.domain.problems import Problem
from kinerja.workbook.screening import CellError
from kinerja.workbook.spreadsheet import Sheet, Table


@dataclass(slots=True)
class RowPlace:
    """Where a row came from, so every problem names the file, sheet, row and column."""

    file: str
    sheet: str | None
    row: int | None
    columns: dict[str, str] = field(default_factory=dict)  # key → "F (Polaritas)"
    subject: str | None = None  # what the row is, once known: 'IK03 "Persentase persalinan …"'

    def problem(self, key: str | None, value: object, message: str, severity: str = "error") -> Problem:
        column = self.columns.get(key) if key else None
        return Problem(message, self.file, self.sheet, self.row, column, value, severity, self.subject)  # type: ignore[arg-type]


def parse_cell(place: RowPlace, key: str, value: object, problems: list[Problem], parse, expected: str, label: str):
    """``parse(value)``, or None with a problem at the cell saying what was expected there. A date
    where a number belongs (Excel turning "1.5" into 1 May) is refused, not read as a number, and
    so is a cell Excel shows as an error or a formula saved without its result."""
    if type(value) is not float:  # a number is neither an error nor a date (a plan's thousands of figures)
        if isinstance(value, CellError):
            problems.append(place.problem(key, str(value), f"{label}: {value.reason}"))
            return None
        if isinstance(value, dt.date | dt.time):
            problems.append(place.problem(key, value, f"{label} berisi tanggal, bukan {expected}"))
            return None
    try:
        return parse(value)
    except ValueError as exc:
        problems.append(place.problem(key, value, f"{label} harus berupa {expected} ({exc})"))
        return None


def layout_problems(table: Table, columns: dict[str, str], file_name: str, value_keys: set[str]) -> list[Problem]:
    """Where the sheet's layout hides figures: a merged cell across data rows in a column of figures."""
    return [
        RowPlace(file_name, table.sheet.name, row + 1, columns).problem(
            key,
            None,
            f"Sel {span} digabung melintasi beberapa baris data, sehingga baris ini terbaca kosong. "
            "Pisahkan sel itu dan isi angka tiap baris",
        )
        for row, key, span in table.merges_across_rows(value_keys)
    ]


def hidden_row_problem(place: RowPlace, severity: str = "warning") -> Problem:
    """A row hidden in Excel that holds figures: read, but the user must know. In a plan it is an
    error: a hidden row is often an indicator dropped from the PK by hiding rather than deleting."""
    if severity == "error":
        message = "Baris ini disembunyikan di Excel; hapus baris itu bila bukan bagian rencana, atau tampilkan"
    else:
        message = "Baris ini disembunyikan di Excel tetapi angkanya ikut dibaca; pastikan memang dikirim"
    return place.problem(None, None, message, severity)


def hidden_sheet_problem(file_name: str, sheet: Sheet) -> Problem:
    return Problem(
        f"Sheet '{sheet.name}' disembunyikan di Excel; tabelnya tidak dibaca. "
        "Tampilkan sheet itu (klik kanan pada tab → Tampilkan) bila angkanya perlu diimpor",
        file_name,
        sheet.name,
        severity="warning",
    )


_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>|javascript:|\]\(", re.IGNORECASE)  # tags, scripts, [links](…)


MARKUP_REFUSED = "Berisi tag HTML, skrip atau tautan; tulis nama tanpa tanda < > atau ]("


def has_markup(value: object) -> bool:
    """Whether a name holds markup: an HTML tag, a script, a Markdown link ("< 5 tahun" does not)."""
    # each kind of markup holds '<', ':' or '](': a name without them (nearly every one) is not searched
    return (
        isinstance(value, str) and ("<" in value or ":" in value or "](" in value) and _MARKUP.search(value) is not None
    )


def refuse_markup(place: RowPlace, texts: dict[str, object], problems: list[Problem]) -> None:
    """Names are shown on pages and in reports: markup such as ``<script>`` in one is refused, so
    nobody has to trust that every place escapes it. ("< 5 tahun" is not markup.)"""
    for key, value in texts.items():
        if has_markup(value):
            problems.append(place.problem(key, value, MARKUP_REFUSED))


def text_value(value: object) -> str | None:
    if value is None or value == "":
        return None
    if type(value) is str and "  " not in value and "\n" not in value and "\t" not in value:
        return value.strip() or None  # the common case, without splitting
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None
