"""One content, many layouts.

A table is described by its columns (heading path, cells, role) and drawn the ways offices draw it:
title rows or none, a header one row deep or two (merged or not), a sasaran written once, merged
down or repeated, columns moved, an extra or a hidden helper column, numbers as cells or as text with
a comma or a dot decimal, blank and numbering rows, a signature block, an instructions sheet before
the data; as xlsx, CSV (``;`` or ``,``, cp1252 or UTF-8) or open-data JSON.

A ``Grid`` is a drawn sheet (cells, merged ranges, hidden columns) that the variations of forms
built cell by cell (the Renja form, drawn trees) edit directly: inserting or deleting rows and
columns moves the merged ranges with them, as Excel does.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

Cells = tuple[tuple[object, ...], ...]
Merge = tuple[int, int, int, int]  # 0-based (first row, first column, last row, last column), inclusive

INSTRUCTIONS: Cells = (
    ("PETUNJUK PENGISIAN",),
    ("1. Isi angka realisasi pada sheet berikutnya, satu baris per indikator.",),
    ("2. Jangan mengubah nama indikator; tulis '-' bila belum ada data.",),
    (),
    ("Kolom", "Isi"),
    ("Satuan", "satuan indikator sesuai Perjanjian Kinerja"),
    ("Target", "target tahunan"),
)


# --- a drawn sheet -------------------------------------------------------------------------------


@dataclass
class Grid:
    """A sheet as cells, merged ranges and hidden columns, with the sheets drawn before it."""

    rows: list[list[object]]
    merges: list[Merge] = field(default_factory=list)
    hidden_columns: set[int] = field(default_factory=set)
    name: str = "Data"
    before: tuple[tuple[str, Cells], ...] = ()

    @classmethod
    def from_xlsx(cls, content: bytes) -> Grid:
        """The first sheet of a workbook the tests built."""
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in sheet.merged_cells.ranges]
        return cls(rows, merges, name=sheet.title)

    def copy(self) -> Grid:
        return Grid([list(r) for r in self.rows], list(self.merges), set(self.hidden_columns), self.name, self.before)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def insert_rows(self, at: int, rows: Iterable[Iterable[object]]) -> Grid:
        new = [list(r) for r in rows]
        self.rows[at:at] = new
        self.merges = [_moved(m, 0, at, len(new)) for m in self.merges]
        return self

    def delete_rows(self, start: int, count: int) -> Grid:
        del self.rows[start : start + count]
        self.merges = [m for m in (_cut(m, 0, start, count) for m in self.merges) if m is not None]
        return self

    def insert_column(self, at: int, cells: dict[int, object]) -> Grid:
        """A column before column ``at``: ``cells`` by row (others blank)."""
        for r, row in enumerate(self.rows):
            row.extend([None] * (at - len(row)))
            row.insert(at, cells.get(r))
        self.merges = [_moved(m, 1, at, 1) for m in self.merges]
        self.hidden_columns = {c + (c >= at) for c in self.hidden_columns}
        return self

    def delete_columns(self, start: int, count: int) -> Grid:
        for row in self.rows:
            del row[start : start + count]
        self.merges = [m for m in (_cut(m, 1, start, count) for m in self.merges) if m is not None]
        return self

    def xlsx(self) -> bytes:
        workbook = Workbook()
        workbook.remove(workbook.active)
        for name, rows in self.before:
            sheet = workbook.create_sheet(name)
            for row in rows:
                sheet.append(list(row))
        sheet = workbook.create_sheet(self.name)
        for row in self.rows:
            sheet.append(row)
        for r0, c0, r1, c1 in self.merges:
            if (r0, c0) != (r1, c1):
                sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        for col in self.hidden_columns:
            sheet.column_dimensions[get_column_letter(col + 1)].hidden = True
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def csv(self, separator: str, encoding: str) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
        for row in self.rows:
            writer.writerow(["" if v is None else v for v in row])
        return buffer.getvalue().encode(encoding)


def _moved(merge: Merge, axis: int, at: int, n: int) -> Merge:
    """A merged range after ``n`` rows (axis 0) or columns (axis 1) are inserted before ``at``."""
    first, last = merge[axis], merge[axis + 2]
    first, last = (first + n if first >= at else first), (last + n if last >= at else last)
    return _with(merge, axis, first, last)


def _cut(merge: Merge, axis: int, start: int, n: int) -> Merge | None:
    """A merged range after rows or columns ``start`` … ``start + n - 1`` are deleted (None: gone)."""
    first, last = merge[axis], merge[axis + 2]

    def after(i: int) -> int:
        return i - n if i >= start + n else min(i, start)

    if start <= first and last < start + n:
        return None
    new_first = after(first) if first < start or first >= start + n else start
    new_last = after(last) if last < start or last >= start + n else start - 1
    return _with(merge, axis, new_first, new_last) if new_first <= new_last else None


def _with(merge: Merge, axis: int, first: int, last: int) -> Merge:
    r0, c0, r1, c1 = merge
    return (first, c0, last, c1) if axis == 0 else (r0, first, r1, last)


# --- a table of columns ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of the content: its heading (a group heading above its own: ("Realisasi", "TW I")),
    its cells (one per body row; numbers as numbers, drawn in the layout's style), and its role."""

    heading: tuple[str, ...]
    cells: tuple[object, ...]
    role: str = ""
    numeric: bool = False
    carried: bool = False  # written once for the rows under it (a sasaran): once, merged down, or repeated
    hidden: bool = False


@dataclass(frozen=True)
class Layout:
    """How one content is drawn."""

    columns: tuple[Column, ...]
    sheet: str = "Data"
    titles: Cells = ()
    header: str = "flat"  # "flat": one row ("Realisasi TW I"); "merged"/"unmerged": two rows, groups over columns
    numbering: str | None = None  # a numbering row under the header: "(1)" or "1" style
    gaps: frozenset[int] = frozenset()  # body rows with a blank row before them
    footer: Cells = ()
    numbers: str = "cells"  # "cells": numeric cells; "comma": text '1.234,5'; "dot": text '1,234.5'
    carry: str = "once"  # carried columns: "once", "merged" (merged down), "repeated" (on every row)
    before: tuple[tuple[str, Cells], ...] = ()  # sheets before the data's
    kind: str = "xlsx"  # "xlsx", "csv", "json"
    separator: str = ";"
    encoding: str = "cp1252"
    wrap: str = "ckan"  # JSON: "ckan" {"result": {"records": …}}, "data" {"data": …}, "list" […]

    @property
    def file_name(self) -> str:
        return f"{self.sheet.lower().replace(' ', '-')}.{self.kind}"

    def role(self, role: str) -> Column:
        return next(c for c in self.columns if c.role == role)

    def with_columns(self, columns: Iterable[Column]) -> Layout:
        return replace(self, columns=tuple(columns))

    def content(self) -> bytes:
        if self.kind == "json":
            return self._json()
        grid = self.grid()
        return grid.csv(self.separator, self.encoding) if self.kind == "csv" else grid.xlsx()

    def body_row(self, index: int) -> int:
        """The 1-based row, as Excel shows it, of body row ``index`` (0-based)."""
        depth = 1 if self.header == "flat" else max(len(c.heading) for c in self.columns)
        above = len(self.titles) + depth + (self.numbering is not None) + sum(g <= index for g in self.gaps)
        return above + index + 1

    def letter(self, role: str) -> str:
        return get_column_letter(next(i for i, c in enumerate(self.columns) if c.role == role) + 1)

    def grid(self) -> Grid:
        merged = self.header == "merged" and self.kind == "xlsx"
        columns = self.columns
        depth = 1 if self.header == "flat" else max(len(c.heading) for c in columns)
        paths = [(" ".join(c.heading),) if depth == 1 else c.heading for c in columns]
        rows: list[list[object]] = [list(t) for t in self.titles]
        merges: list[Merge] = []
        top = len(rows)
        for level in range(depth):
            row: list[object] = []
            for j, path in enumerate(paths):
                starts = level < len(path) and (j == 0 or not _grouped(paths[j - 1], path, level))
                row.append(path[level] if starts else None)
                if starts and merged:
                    end = j
                    while end + 1 < len(paths) and _grouped(path, paths[end + 1], level):
                        end += 1
                    down = depth - 1 if level == len(path) - 1 else level
                    if end > j or down > level:
                        merges.append((top + level, j, top + down, end))
            rows.append(row)
        if self.numbering:
            rows.append([self.numbering.replace("1", str(j + 1)) for j in range(len(columns))])
        cells = [self._drawn(c) for c in columns]
        first_body = len(rows)
        at: list[int] = []
        for index in range(len(columns[0].cells)):
            if index in self.gaps:
                rows.append([])
            at.append(len(rows))
            rows.append([col[index] for col in cells])
        if merged and self.carry == "merged":
            merges += _merged_down(columns, at, first_body, len(rows))
        if self.footer:
            rows.append([])
            rows += [[None] * max(0, len(columns) - 3) + list(line) for line in self.footer]
        hidden = {j for j, c in enumerate(columns) if c.hidden} if self.kind == "xlsx" else set()
        return Grid(rows, merges, hidden, self.sheet, self.before if self.kind == "xlsx" else ())

    def _drawn(self, column: Column) -> list[object]:
        cells = list(column.cells)
        if column.carried and self.carry == "repeated":
            last = None
            for i, value in enumerate(cells):
                last = value if value not in (None, "") else last
                cells[i] = last
        if column.numeric:
            style = "dot" if self.numbers == "cells" and self.kind == "csv" else self.numbers  # CSV holds text
            cells = [written(v, style) for v in cells]
        return cells

    def _json(self) -> bytes:
        keys = [" ".join(c.heading) for c in self.columns]
        cells = [self._drawn(c) for c in self.columns]
        records = [dict(zip(keys, row, strict=True)) for row in zip(*cells, strict=True)]
        document = {
            "ckan": {"help": "datastore_search", "success": True, "result": {"records": records}},
            "data": {"data": records},
            "list": records,
        }[self.wrap]
        return json.dumps(document, ensure_ascii=False).encode()


def _grouped(a: tuple[str, ...], b: tuple[str, ...], level: int) -> bool:
    """Two columns under one heading at ``level``: a group heading over both (a column's own heading
    is never shared, even where the next column's group is written the same)."""
    return len(a) > level + 1 and len(b) > level + 1 and a[: level + 1] == b[: level + 1]


def _merged_down(columns: tuple[Column, ...], at: list[int], first: int, end: int) -> list[Merge]:
    """A carried column's value merged over the blank cells under it (to the next value)."""
    merges = []
    for j, column in enumerate(columns):
        if not column.carried:
            continue
        starts = [at[i] for i, v in enumerate(column.cells) if v not in (None, "")]
        for k, start in enumerate(starts):
            stop = (starts[k + 1] if k + 1 < len(starts) else at[-1] + 1) - 1
            if stop > start:
                merges.append((start, j, stop, j))
    return merges


def written(value: object, style: str) -> object:
    """A number as a cell (``cells``) or as text with a comma ('1.234,5') or a dot ('1,234.5') decimal."""
    if style == "cells" or isinstance(value, bool) or not isinstance(value, int | float):
        return value
    value = round(float(value), 9)
    decimals = 0 if value.is_integer() else len(repr(value).split(".")[1])
    text = f"{value:,.{decimals}f}"
    return text if style == "dot" else text.translate(str.maketrans(",.", ".,"))


# --- variations ------------------------------------------------------------------------------------

TITLES: Cells = (
    ("LAPORAN CAPAIAN KINERJA TRIWULAN",),
    ("DINAS KESEHATAN KABUPATEN SUKAMAJU",),
    (),
)
SIGNATURE: Cells = (
    ("Sukamaju, 5 Oktober 2026",),
    ("Kepala Dinas Kesehatan,",),
    (),
    (),
    ("dr. NAMA KEPALA DINAS, M.Kes",),
    ("NIP. 19700101 199001 1 001",),
)


@dataclass(frozen=True)
class Variation:
    """A named change of layout that keeps the content; ``kinds``: the file kinds it applies to."""

    name: str
    apply: Callable[[Layout], Layout]
    kinds: frozenset[str] = frozenset({"xlsx", "csv"})


def _blocks(columns: tuple[Column, ...]) -> list[list[Column]]:
    """Columns in runs sharing a group heading: a group moves as one."""
    blocks: list[list[Column]] = []
    for column in columns:
        group = column.heading[:-1]
        if blocks and group and blocks[-1][-1].heading[:-1] == group:
            blocks[-1].append(column)
        else:
            blocks.append([column])
    return blocks


def reversed_columns(layout: Layout) -> Layout:
    return layout.with_columns(c for block in reversed(_blocks(layout.columns)) for c in block)


def extra_column(heading: str, value: str, at: int | None = None) -> Callable[[Layout], Layout]:
    def add(layout: Layout) -> Layout:
        rows = len(layout.columns[0].cells)
        cells = tuple(value if i % 2 == 0 else None for i in range(rows))
        columns = list(layout.columns)
        columns.insert(len(columns) if at is None else at, Column((heading,), cells, "extra"))
        return layout.with_columns(columns)

    return add


def hidden_helper(layout: Layout) -> Layout:
    """A helper column hidden in Excel (a lookup key the unit uses for its own formulas)."""
    rows = len(layout.columns[0].cells)
    helper = Column(("bantu",), tuple(1000 + i for i in range(rows)), "helper", hidden=True)
    return layout.with_columns((*layout.columns[:2], helper, *layout.columns[2:]))


def gaps(layout: Layout) -> Layout:
    rows = len(layout.columns[0].cells)
    return replace(layout, gaps=frozenset({0, rows // 2, rows - 1}) if rows > 2 else frozenset({0}))


def worded(role_headings: dict[str, tuple[str, ...]]) -> Callable[[Layout], Layout]:
    """Headings in another common wording: {role: heading}."""

    def word(layout: Layout) -> Layout:
        return layout.with_columns(
            replace(c, heading=role_headings[c.role]) if c.role in role_headings else c for c in layout.columns
        )

    return word


def combined(*steps: Callable[[Layout], Layout]) -> Callable[[Layout], Layout]:
    def apply(layout: Layout) -> Layout:
        for step in steps:
            layout = step(layout)
        return layout

    return apply


TABLE = frozenset({"xlsx", "csv"})
XLSX = frozenset({"xlsx"})
ALL = frozenset({"xlsx", "csv", "json"})

COMMON: tuple[Variation, ...] = (
    Variation("judul di atas tabel", lambda t: replace(t, titles=TITLES)),
    Variation("kepala dua baris digabung", lambda t: replace(t, header="merged"), XLSX),
    Variation("kepala dua baris tanpa gabung", lambda t: replace(t, header="unmerged")),
    Variation("sasaran digabung ke bawah", lambda t: replace(t, carry="merged", header="merged"), XLSX),
    Variation("sasaran diulang tiap baris", lambda t: replace(t, carry="repeated")),
    Variation("kolom dibalik urutannya", reversed_columns, ALL),
    Variation("kolom Keterangan", extra_column("Keterangan", "sesuai laporan puskesmas"), ALL),
    Variation("kolom Sumber Dana", extra_column("Sumber Dana", "APBD", at=1), ALL),
    Variation("angka sel", lambda t: replace(t, numbers="cells"), frozenset({"xlsx", "json"})),
    Variation("angka teks koma desimal", lambda t: replace(t, numbers="comma"), ALL),
    Variation("angka teks titik desimal", lambda t: replace(t, numbers="dot"), ALL),
    Variation("baris kosong", gaps),
    Variation("baris penomoran (1) (2) (3)", lambda t: replace(t, numbering="(1)")),
    Variation("baris penomoran 1 2 3", lambda t: replace(t, numbering="1")),
    Variation("blok tanda tangan", lambda t: replace(t, footer=SIGNATURE)),
    Variation("kolom bantu tersembunyi", hidden_helper, XLSX),
    Variation("di sheet kedua setelah petunjuk", lambda t: replace(t, before=(("Petunjuk", INSTRUCTIONS),)), XLSX),
)

EVERYTHING = Variation(
    "semua sekaligus",
    lambda t: replace(
        reversed_columns(hidden_helper(extra_column("Keterangan", "lihat lampiran")(gaps(t)))),
        titles=TITLES,
        header="merged",
        carry="merged",
        numbering="(1)",
        footer=SIGNATURE,
        numbers="comma",
        before=(("Petunjuk", INSTRUCTIONS),),
    ),
    XLSX,
)
PLAIN_COPY = Variation(
    "judul, teks titik desimal, tanda tangan",
    lambda t: replace(gaps(t), titles=TITLES, numbers="dot", footer=SIGNATURE, carry="repeated", numbering="1"),
)


def cases(base: Layout, variations: Iterable[Variation]) -> list[tuple[str, Layout]]:
    """(name, layout) of each variation that applies to ``base``'s kind and changes its drawing."""
    found = []
    for variation in variations:
        if base.kind not in variation.kinds:
            continue
        layout = variation.apply(base)
        if _drawing(layout) != _drawing(base):
            found.append((variation.name, layout))
    return found


def _drawing(layout: Layout) -> object:
    if layout.kind == "json":
        return layout.content()
    grid = layout.grid()
    return grid.rows, grid.merges, grid.hidden_columns, grid.before, layout.separator, layout.encoding


def params(cases: Iterable[tuple[str, tuple[object, ...]]], known: dict[str, str]) -> list:
    """pytest params with their ids; a case listed in ``known`` (its id, or its shape's "name: *")
    is a reader's known fault, expected to fail until it is fixed (strict: the fix removes it)."""
    found = []
    for name, values in cases:
        why = known.get(name) or known.get(name.split(": ")[0] + ": *")
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        found.append(pytest.param(*values, id=name, marks=marks))
    return found
