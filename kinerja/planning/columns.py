"""Plan files whose headings Kinerja does not recognise ("uraian", "kode_skpd", …): the planner says
which column holds what, on the Perencanaan page or with ``import-plan --map``, and the page's
answer is remembered for its heading row, so the next file with the same headings is read the
same way while a file with other headings is not affected.

A mapping is a normalised heading → a qualified key: ``rencana.name`` (the plan table's Indikator
Kinerja), ``unit.code`` (a unit list's Kode Unit), ``program.pagu`` (a programme table's Anggaran),
or ``abaikan`` (the column holds nothing Kinerja reads, even where its heading looks as if it does).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kinerja.access.roles import Action, actor_name, require
from kinerja.collection.spreadsheet import (
    HEADER_SCAN_ROWS,
    ColumnSpec,
    Sheet,
    SpreadsheetError,
    column_letter,
    could_be_header,
    is_blank_row,
    match_columns,
    normalise_label,
    read_sheets,
    visible,
)
from kinerja.domain.problems import InputRejected, Problem
from kinerja.planning.rows import PLAN_COLUMNS, PROGRAMME_COLUMNS, UNIT_COLUMNS
from kinerja.storage.store import Store

IGNORE = "abaikan"
TABLES: dict[str, tuple[ColumnSpec, ...]] = {
    "rencana": PLAN_COLUMNS,
    "unit": UNIT_COLUMNS,
    "program": PROGRAMME_COLUMNS,
}
_TABLE_NAME = {"rencana": "", "unit": " (daftar unit)", "program": " (daftar program)"}


def mapping_targets() -> dict[str, str]:
    """Every qualified key a column can be mapped to, with the words a planner reads:
    'rencana.name' → 'Indikator Kinerja', 'unit.code' → 'Kode Unit (daftar unit)'."""
    return {f"{table}.{spec.key}": spec.label + _TABLE_NAME[table] for table, specs in TABLES.items() for spec in specs}


def specs_with(mappings: Mapping[str, str], table: str) -> tuple[ColumnSpec, ...]:
    """``table``'s columns with the headings mapped by hand tried first; a heading mapped to another
    table's column, or to ``abaikan``, is claimed so that no column of this table takes it."""
    labels = {spec.key: spec.label for spec in TABLES[table]}
    mapped = []
    for source, target in mappings.items():
        owner, _, key = target.partition(".")
        if owner == table and key in labels:
            mapped.append(ColumnSpec(key, labels[key], lambda label, wanted=source: label == wanted))
        else:
            mapped.append(ColumnSpec(f"{IGNORE}:{source}", IGNORE, lambda label, wanted=source: label == wanted))
    return (*mapped, *TABLES[table])


def _label(table: str, key: str) -> str:
    return next(spec.label for spec in TABLES[table] if spec.key == key)


def is_ignored(key: str) -> bool:
    return key.startswith(f"{IGNORE}:")


def remembered_mappings(store: Store, content: bytes, file_name: str) -> dict[str, str]:
    """The columns planners mapped by hand in files with a heading row like one of this file's:
    normalised heading → qualified key."""
    signatures = [row.signature for row in heading_rows(content, file_name)]
    if not signatures:
        return {}
    return dict(
        store.rows(
            "SELECT source_label, target_key FROM plan_column_mapping WHERE headings IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY saved_at",
            [signatures],
        )
    )


def remember_plan_columns(store: Store, heading: HeadingRow, chosen: Mapping[str, str | None]) -> None:
    """Remember the planner's reading of one heading row: ``chosen`` maps each column's normalised
    heading to a qualified key, or to None for a column not used. Files with other headings are
    not affected."""
    require(Action.PLAN)
    problems = mapping_problems(chosen)
    if problems:
        raise InputRejected(problems)
    wanted = {label: key or IGNORE for label, key in chosen.items()}
    with store.write() as w:
        before = dict(
            w.cursor.execute(
                "SELECT source_label, target_key FROM plan_column_mapping WHERE headings = ?", [heading.signature]
            ).fetchall()
        )
        w.execute("DELETE FROM plan_column_mapping WHERE headings = ?", [heading.signature])
        w.executemany(
            "INSERT INTO plan_column_mapping (headings, source_label, target_key, saved_by) VALUES (?, ?, ?, ?)",
            [[heading.signature, label, key, actor_name()] for label, key in wanted.items()],
        )
        w.audit(
            "padanan.kolom_rencana",
            f"judul kolom: {', '.join(c.heading for c in heading.columns)}",
            before=before or None,
            after=wanted,
        )


def mapping_problems(chosen: Mapping[str, str | None]) -> list[Problem]:
    """A column chosen twice, or an indicator table without its indicator or target column."""
    targets = mapping_targets()
    problems, seen = [], {}
    for heading, key in chosen.items():
        if not key:
            continue
        if key not in targets and key != IGNORE:
            problems.append(Problem(f"Kolom '{heading}': isian tidak dikenal '{key}'"))
        elif key in seen:
            problems.append(Problem(f"Kolom '{heading}' dan '{seen[key]}' sama-sama dibaca sebagai {targets[key]}"))
        seen.setdefault(key, heading)
    for table, specs in TABLES.items():
        used = {k.partition(".")[2] for k in seen if k.startswith(f"{table}.")}
        missing = [s.label for s in specs if s.required and s.key not in used]
        if used and missing:
            name = "tabel indikator" if table == "rencana" else f"{_TABLE_NAME[table].strip(' ()')}"
            problems.append(Problem(f"Untuk {name}, tentukan juga kolom {', '.join(missing)}"))
    return problems


def parse_map_options(options: Sequence[str]) -> dict[str, str]:
    """``import-plan --map``: 'Uraian=Indikator Kinerja', 'kode_skpd=Penanggung Jawab',
    'nama_skpd=unit.name', 'No=abaikan' → normalised heading → qualified key. Raises ValueError
    naming the option it cannot read."""
    by_words = {IGNORE: IGNORE}
    for key, words in reversed(mapping_targets().items()):  # the plan table's own columns win a shared name
        table, _, bare = key.partition(".")
        spellings = [key, words, _label(table, bare)] + ([bare] if table == "rencana" else [])
        by_words.update(dict.fromkeys(map(normalise_label, spellings), key))
    mappings = {}
    for option in options:
        heading, sep, wanted = option.partition("=")
        key = by_words.get(normalise_label(wanted))
        if not sep or not normalise_label(heading) or key is None:
            known = ", ".join(dict.fromkeys(s.label for s in PLAN_COLUMNS))
            raise ValueError(
                f"--map '{option}' tidak dapat dibaca: tulis JUDUL=KOLOM, mis. 'Uraian=Indikator Kinerja'. "
                f"Kolom rencana: {known}; daftar unit: unit.code, unit.name, unit.parent; program: program.name, "
                f"program.pagu; atau {IGNORE}"
            )
        mappings[normalise_label(heading)] = key
    return mappings


@dataclass(frozen=True)
class HeadingColumn:
    letter: str  # 'B'
    heading: str  # as written in the file
    label: str  # normalised, the key of a mapping
    example: str  # the first value under the heading, to recognise the column by


@dataclass(frozen=True)
class HeadingRow:
    """A row of a file that looks like column headings, for the planner to say which is which."""

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


def suggested_reading(heading: HeadingRow) -> dict[str, str]:
    """Column letter → qualified key, as the reader would take each column of this heading row by
    its name alone: the plan table's columns first, then a unit list's, then programmes'."""
    labels = {n: c.label for n, c in enumerate(heading.columns)}
    found: dict[str, str] = {}
    for table, specs in TABLES.items():
        free = {n: label for n, label in labels.items() if heading.columns[n].letter not in found}
        for key, n in match_columns(free, specs).items():
            found[heading.columns[n].letter] = f"{table}.{key}"
    return found


def heading_rows(content: bytes, file_name: str) -> list[HeadingRow]:
    """Every row among the first rows of each visible sheet that looks like column headings (two or
    more text cells, no numbers), with an example value under each heading."""
    try:
        sheets = visible(read_sheets(content, file_name))
    except SpreadsheetError:
        return []
    return [row for sheet in sheets for row in _heading_rows(sheet)]


def _heading_rows(sheet: Sheet) -> list[HeadingRow]:
    found = []
    for index, cells in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if not could_be_header(cells):
            continue
        columns = tuple(
            HeadingColumn(
                column_letter(col), " ".join(str(value).split()), normalise_label(value), _example(sheet, index, col)
            )
            for col, value in enumerate(cells)
            if normalise_label(value)
        )
        if len(columns) >= 2:
            found.append(HeadingRow(sheet.name, index + 1, columns))
    return found


def _example(sheet: Sheet, header: int, col: int) -> str:
    for cells in sheet.rows[header + 1 : header + 12]:
        if is_blank_row(cells) or col >= len(cells):
            continue
        value = cells[col]
        if value not in (None, ""):
            text = " ".join(str(value).split())
            return text if len(text) <= 60 else text[:59] + "…"
    return ""
