"""Files whose headings Kinerja does not know ("uraian", "realisasi_2025", "kode_skpd", …): a person
says which column of a heading row holds what (on a page, or with ``--map`` on the command line),
and the page's answer is remembered for that heading row (its normalised headings, in any order),
so the next file with the same headings is read the same way while a file with other headings is not
affected. Plans (``kinerja.planning.columns``) and quarterly data (``kinerja.collection.mapping``)
each keep their own answers, over their own columns; this module holds what they share.

A mapping is a normalised heading → a column key of the reader, or ``abaikan`` (the column holds
nothing Kinerja reads, even where its heading looks as if it does).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from kinerja.access.roles import actor_name
from kinerja.domain.problems import Problem
from kinerja.domain.vocabulary import normalise_label
from kinerja.storage.store import Store
from kinerja.workbook.spreadsheet import (
    HEADER_SCAN_ROWS,
    ColumnSpec,
    Sheet,
    SpreadsheetError,
    Table,
    column_letter,
    could_be_header,
    is_blank_row,
    read_sheets,
    visible,
)

IGNORE = "abaikan"
_SAMPLES = 8  # values read under a heading, to judge what the column holds
_YEAR = re.compile(r"\b(20\d\d)$")


@dataclass(frozen=True)
class HeadingColumn:
    letter: str  # 'B'
    heading: str  # as written in the file
    label: str  # normalised, the key of a mapping
    example: str  # the first value under the heading, to recognise the column by
    samples: tuple[str, ...] = ()  # the first few values under it, to judge what it holds


@dataclass(frozen=True)
class HeadingRow:
    """A row of a file that looks like column headings, for a person to say which is which."""

    sheet: str
    row: int  # 1-based, as Excel shows it
    columns: tuple[HeadingColumn, ...]

    @property
    def signature(self) -> str:
        """The headings as a key: a file with the same headings, in any order, has the same one."""
        return "|".join(sorted({c.label for c in self.columns}))

    @property
    def name(self) -> str:
        return f"sheet {self.sheet}, baris {self.row}: " + ", ".join(c.heading for c in self.columns[:6])


@dataclass(frozen=True)
class ColumnRead:
    """Which column of a file was read as what: shown before the file is saved."""

    sheet: str
    row: int  # the heading row, 1-based
    letter: str
    heading: str  # as the reader normalised it
    key: str  # what Kinerja reads there: 'rencana.name', 'unit.code' for a plan, 'value', 'r2' for data
    target: str  # the same in words, e.g. "Indikator Kinerja"
    mapped: bool  # by a mapping a person gave, not by the heading's usual name

    def as_dict(self) -> dict[str, object]:
        return {
            "Sheet": self.sheet,
            "Baris judul": self.row,
            "Kolom": self.letter,
            "Judul di berkas": self.heading,
            "Dibaca sebagai": self.target,
            "Cara": "pemetaan kolom" if self.mapped else "judul dikenali",
        }


# --- reading with a mapping ---------------------------------------------------------------------


def is_ignored(key: str) -> bool:
    return key.startswith(f"{IGNORE}:")


def specs_with(mappings: Mapping[str, str], specs: Sequence[ColumnSpec]) -> tuple[ColumnSpec, ...]:
    """``specs`` with the headings mapped by hand tried first. A heading mapped to one of ``specs``'
    keys is that column; one mapped to anything else (``abaikan``, another table's column) is
    claimed, so that no column of ``specs`` takes it (see ``without_ignored``)."""
    labels = {spec.key: spec.label for spec in specs}
    mapped = []
    for source, target in mappings.items():
        if target in labels:
            mapped.append(ColumnSpec(target, labels[target], lambda label, wanted=source: label == wanted))
        else:
            mapped.append(ColumnSpec(f"{IGNORE}:{source}", IGNORE, lambda label, wanted=source: label == wanted))
    return (*mapped, *specs)


def without_ignored(table: Table) -> Table:
    """``table`` without the columns a mapping claimed to leave them out."""
    if not any(is_ignored(key) for key in table.columns):
        return table
    return replace(table, columns={k: c for k, c in table.columns.items() if not is_ignored(k)})


def columns_read(
    table: Table, targets: Mapping[str, str], mappings: Mapping[str, str], kind: str = ""
) -> list[ColumnRead]:
    """Each column ``table`` reads, in file order, with its key (``kind.key`` where a file holds
    several kinds of table), its words in ``targets``, and whether a mapping made it so."""
    found = []
    for key, col in sorted(table.columns.items(), key=lambda item: item[1]):
        if is_ignored(key):
            continue
        qualified = f"{kind}.{key}" if kind else key
        label = table.labels[col]
        found.append(
            ColumnRead(
                table.sheet.name,
                table.header_row + 1,
                column_letter(col),
                label,
                qualified,
                targets[qualified],
                label in mappings,
            )
        )
    return found


def read_map_options(options: Sequence[str], by_words: Mapping[str, str], example: str, known: str) -> dict[str, str]:
    """``--map`` options ('Uraian=Indikator Kinerja', 'No=abaikan') → normalised heading → key, the
    column named by any of its spellings in ``by_words`` (normalised words → key; ``abaikan`` is
    always one). Raises ValueError naming the option it cannot read and the ``known`` columns."""
    words = {normalise_label(IGNORE): IGNORE} | {normalise_label(w): key for w, key in by_words.items()}
    mappings = {}
    for option in options:
        heading, sep, wanted = option.partition("=")
        key = words.get(normalise_label(wanted))
        if not sep or not normalise_label(heading) or key is None:
            raise ValueError(
                f"--map '{option}' tidak dapat dibaca: tulis JUDUL=KOLOM, mis. '{example}'. {known}; atau {IGNORE}"
            )
        mappings[normalise_label(heading)] = key
    return mappings


def chosen_twice(chosen: Mapping[str, str | None], targets: Mapping[str, str]) -> tuple[list[Problem], set[str]]:
    """A person's reading of a heading row (heading → key, None or ``abaikan`` for a column not
    used): a key it does not know or one taken by two columns, and the keys it uses."""
    problems, seen = [], {}
    for heading, key in chosen.items():
        if not key or key == IGNORE:
            continue
        if key not in targets:
            problems.append(Problem(f"Kolom '{heading}': isian tidak dikenal '{key}'"))
        elif key in seen:
            problems.append(Problem(f"Kolom '{heading}' dan '{seen[key]}' sama-sama dibaca sebagai {targets[key]}"))
        seen.setdefault(key, heading)
    return problems, set(seen)


# --- suggesting -----------------------------------------------------------------------------------

# Whether a column holds what a heading says, judged by its values: keyed by column key.
ValueTests = Mapping[str, Callable[[HeadingColumn], bool]]


def holding(accepts: Callable[[str], bool], trusted: str | None = None) -> Callable[[HeadingColumn], bool]:
    """A column whose heading matches ``trusted`` (a regex on the normalised heading) holds what it
    says; any other holds it only where every value read under it (blanks and dashes aside) is
    accepted: 'jenis' is an aggregation where it holds 'Kumulatif', 'Nilai Akhir', not 'Urusan Wajib'."""

    def test(column: HeadingColumn) -> bool:
        if trusted and re.match(trusted, column.label):
            return True
        values = [v for v in column.samples if v.strip() not in ("-", "–")]
        return bool(values) and all(accepts(v) for v in values)

    return test


def suggested_columns(
    heading: HeadingRow,
    specs: Sequence[ColumnSpec],
    *,
    year: int | None = None,
    values: ValueTests | None = None,
    taken: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Column letter → key, for the columns of ``heading`` (other than ``taken`` letters) that name
    one of ``specs``. Where several headings name one, the best is taken: the column's own name
    ('target') or its name with the file's ``year`` ('target 2025') before a longer one
    ('target indikator'), then the one beside 'satuan', then the first. A heading of another year
    ('target 2024' in a 2025 file) names nothing; nor does a heading whose values say otherwise
    (``values``)."""
    found: dict[str, str] = {}
    for spec in specs:
        if spec.key in found.values():
            continue
        candidates = [
            (n, c)
            for n, c in enumerate(heading.columns)
            if c.letter not in found
            and c.letter not in taken
            and _names(spec, c.label, year)
            and (values is None or spec.key not in values or values[spec.key](c))
        ]
        if candidates:
            _, best = min(candidates, key=lambda item: _rank(spec, item[0], heading, year))
            found[best.letter] = spec.key
    return dict(sorted(found.items(), key=lambda item: [c.letter for c in heading.columns].index(item[0])))


def _names(spec: ColumnSpec, label: str, year: int | None) -> bool:
    written = _YEAR.search(label)
    if year is not None and written and int(written.group(1)) != year:
        return False
    return spec.matches(label) or (year is not None and label == f"{normalise_label(spec.label)} {year}")


def _rank(spec: ColumnSpec, index: int, heading: HeadingRow, year: int | None) -> tuple[int, int, int]:
    own = normalise_label(spec.label)
    label = heading.columns[index].label
    exact = label == own or (year is not None and label == f"{own} {year}")
    neighbours = heading.columns[max(index - 1, 0) : index + 2]
    beside_satuan = any(c.label.startswith("satuan") for c in neighbours if c is not heading.columns[index])
    return (not exact, not beside_satuan, index)


# --- heading rows -----------------------------------------------------------------------------------


def heading_rows(content: bytes, file_name: str, sheets: list[Sheet] | None = None) -> list[HeadingRow]:
    """Every row among the first rows of each visible sheet that looks like column headings (two or
    more text cells, no numbers), with an example value under each heading. ``sheets``: the file's
    sheets already read (the file is not opened again)."""
    if sheets is None:
        try:
            sheets = read_sheets(content, file_name)
        except SpreadsheetError:
            return []
    return [row for sheet in visible(sheets) for row in _heading_rows(sheet)]


def _heading_rows(sheet: Sheet) -> list[HeadingRow]:
    found = []
    for index, cells in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if not could_be_header(cells):
            continue
        columns = []
        for col, value in enumerate(cells):
            if normalise_label(value):
                samples = _samples(sheet, index, col)
                heading = " ".join(str(value).split())
                columns.append(
                    HeadingColumn(
                        column_letter(col), heading, normalise_label(value), _short(next(iter(samples), "")), samples
                    )
                )
        if len(columns) >= 2:
            found.append(HeadingRow(sheet.name, index + 1, tuple(columns)))
    return found


def _samples(sheet: Sheet, header: int, col: int) -> tuple[str, ...]:
    found = []
    for cells in sheet.rows[header + 1 : header + 12 + _SAMPLES]:
        if len(found) == _SAMPLES:
            break
        if is_blank_row(cells) or col >= len(cells) or cells[col] in (None, ""):
            continue
        text = " ".join(str(cells[col]).split())
        if text:
            found.append(text)
    return tuple(found)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


# --- remembering ------------------------------------------------------------------------------------

# Where each kind of file keeps its answers (the same columns; see migrations 009 and 014).
MAPPING_TABLES = {"rencana": "plan_column_mapping", "data": "data_column_mapping"}


def remembered(
    store: Store, kind: str, content: bytes, file_name: str, sheets: list[Sheet] | None = None
) -> dict[str, str]:
    """The columns mapped by hand in ``kind`` files with a heading row like one of this file's:
    normalised heading → key. ``sheets``: the file's sheets already read."""
    table = MAPPING_TABLES[kind]
    if store.scalar(f"SELECT count(*) FROM {table}") == 0:  # nothing remembered: no need to read the file
        return {}
    signatures = [row.signature for row in heading_rows(content, file_name, sheets)]
    if not signatures:
        return {}
    return dict(
        store.rows(
            f"SELECT source_label, target_key FROM {table} WHERE headings IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY saved_at",
            [signatures],
        )
    )


def remember(
    store: Store, kind: str, heading: HeadingRow, wanted: Mapping[str, str], action: str, where: str = ""
) -> None:
    """Replace what ``kind`` files with ``heading``'s headings are read with by ``wanted`` (heading →
    key or ``abaikan``), audited as ``action``. The caller checks the person may."""
    table = MAPPING_TABLES[kind]
    with store.write() as w:
        before = dict(
            w.cursor.execute(
                f"SELECT source_label, target_key FROM {table} WHERE headings = ?", [heading.signature]
            ).fetchall()
        )
        w.execute(f"DELETE FROM {table} WHERE headings = ?", [heading.signature])
        w.executemany(
            f"INSERT INTO {table} (headings, source_label, target_key, saved_by, saved_at) "
            "VALUES (?, ?, ?, ?, current_timestamp)",
            [[heading.signature, label, key, actor_name()] for label, key in wanted.items()],
        )
        w.audit(
            action,
            f"{where}judul kolom: {', '.join(c.heading for c in heading.columns)}",
            before=before or None,
            after=dict(wanted),
        )
