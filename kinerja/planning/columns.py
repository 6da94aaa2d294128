"""Plan files whose headings Kinerja does not recognise ("uraian", "kode_skpd", …): the planner says
which column holds what, on the Perencanaan page or with ``import-plan --map``, and the page's
answer is remembered for its heading row, so the next file with the same headings is read the
same way while a file with other headings is not affected (``kinerja.workbook.headings``).

A mapping is a normalised heading → a qualified key: ``rencana.name`` (the plan table's Indikator
Kinerja), ``unit.code`` (a unit list's Kode Unit), ``program.pagu`` (a programme table's Anggaran),
or ``abaikan`` (the column holds nothing Kinerja reads, even where its heading looks as if it does).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kinerja.access.roles import Action, require
from kinerja.domain.problems import InputRejected, Problem
from kinerja.domain.vocabulary import normalise_label, parse_aggregation, parse_polarity
from kinerja.planning.rows import PLAN_COLUMNS, PROGRAMME_COLUMNS, UNIT_COLUMNS, UNIT_KINDS
from kinerja.storage.store import Store
from kinerja.workbook import headings
from kinerja.workbook.headings import (
    IGNORE,
    HeadingColumn,
    HeadingRow,
    chosen_twice,
    heading_rows,
    holding,
    is_ignored,
    read_map_options,
    suggested_columns,
)
from kinerja.workbook.spreadsheet import ColumnSpec

__all__ = [
    "IGNORE",
    "TABLES",
    "HeadingColumn",
    "HeadingRow",
    "heading_rows",
    "is_ignored",
    "mapping_problems",
    "mapping_targets",
    "parse_map_options",
    "remember_plan_columns",
    "remembered_mappings",
    "specs_with",
    "suggested_reading",
]

TABLES: dict[str, tuple[ColumnSpec, ...]] = {
    "rencana": PLAN_COLUMNS,
    "unit": UNIT_COLUMNS,
    "program": PROGRAMME_COLUMNS,
}
_TABLE_NAME = {"rencana": "", "unit": " (daftar unit)", "program": " (daftar program)"}
# Headings that may name something else ('jenis' of a budget, 'arah' of a policy): a column so headed
# is suggested only where its values are the column's words.
_VALUES = {
    "rencana": {
        "aggregation": holding(lambda v: parse_aggregation(v) is not None, trusted=r"^agregasi"),
        "polarity": holding(lambda v: parse_polarity(v) is not None, trusted=r"^(polaritas|polarisasi|polarity)"),
    },
    "unit": {"kind": holding(lambda v: normalise_label(v) in UNIT_KINDS)},
}


def mapping_targets() -> dict[str, str]:
    """Every qualified key a column can be mapped to, with the words a planner reads:
    'rencana.name' → 'Indikator Kinerja', 'unit.code' → 'Kode Unit (daftar unit)'."""
    return {f"{table}.{spec.key}": spec.label + _TABLE_NAME[table] for table, specs in TABLES.items() for spec in specs}


def specs_with(mappings: Mapping[str, str], table: str) -> tuple[ColumnSpec, ...]:
    """``table``'s columns with the headings mapped by hand tried first; a heading mapped to another
    table's column, or to ``abaikan``, is claimed so that no column of this table takes it."""
    own = {source: target.partition(".")[2] for source, target in mappings.items() if target.startswith(f"{table}.")}
    return headings.specs_with({source: own.get(source, IGNORE) for source in mappings}, TABLES[table])


def _label(table: str, key: str) -> str:
    return next(spec.label for spec in TABLES[table] if spec.key == key)


def remembered_mappings(store: Store, content: bytes, file_name: str) -> dict[str, str]:
    """The columns planners mapped by hand in files with a heading row like one of this file's:
    normalised heading → qualified key."""
    return headings.remembered(store, "rencana", content, file_name)


def remember_plan_columns(store: Store, heading: HeadingRow, chosen: Mapping[str, str | None]) -> None:
    """Remember the planner's reading of one heading row: ``chosen`` maps each column's normalised
    heading to a qualified key, or to None for a column not used. Files with other headings are
    not affected."""
    require(Action.PLAN)
    problems = mapping_problems(chosen)
    if problems:
        raise InputRejected(problems)
    wanted = {label: key or IGNORE for label, key in chosen.items()}
    headings.remember(store, "rencana", heading, wanted, "padanan.kolom_rencana")


def mapping_problems(chosen: Mapping[str, str | None]) -> list[Problem]:
    """A column chosen twice, or an indicator table without its indicator or target column."""
    problems, used_keys = chosen_twice(chosen, mapping_targets())
    for table, specs in TABLES.items():
        used = {k.partition(".")[2] for k in used_keys if k.startswith(f"{table}.")}
        missing = [s.label for s in specs if s.required and s.key not in used]
        if used and missing:
            name = "tabel indikator" if table == "rencana" else f"{_TABLE_NAME[table].strip(' ()')}"
            problems.append(Problem(f"Untuk {name}, tentukan juga kolom {', '.join(missing)}"))
    return problems


def parse_map_options(options: Sequence[str]) -> dict[str, str]:
    """``import-plan --map``: 'Uraian=Indikator Kinerja', 'kode_skpd=Penanggung Jawab',
    'nama_skpd=unit.name', 'No=abaikan' → normalised heading → qualified key. Raises ValueError
    naming the option it cannot read."""
    by_words = {}
    for key, words in reversed(mapping_targets().items()):  # the plan table's own columns win a shared name
        table, _, bare = key.partition(".")
        spellings = [key, words, _label(table, bare)] + ([bare] if table == "rencana" else [])
        by_words.update(dict.fromkeys(map(normalise_label, spellings), key))
    known = ", ".join(dict.fromkeys(s.label for s in PLAN_COLUMNS))
    return read_map_options(
        options,
        by_words,
        "Uraian=Indikator Kinerja",
        f"Kolom rencana: {known}; daftar unit: unit.code, unit.name, unit.parent; program: program.name, program.pagu",
    )


def suggested_reading(heading: HeadingRow, year: int | None = None) -> dict[str, str]:
    """Column letter → qualified key, as each column of this heading row reads by its name (the best
    of several headings that name one column; see ``headings.suggested_columns``): the plan
    table's columns first, then a unit list's, then programmes'."""
    found: dict[str, str] = {}
    for table, specs in TABLES.items():
        taken = frozenset(found)
        for letter, key in suggested_columns(heading, specs, year=year, values=_VALUES.get(table), taken=taken).items():
            found[letter] = f"{table}.{key}"
    return found
