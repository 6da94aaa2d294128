"""What users told the upload page about their own spreadsheets: "our row named X is indicator Y"
(remembered per unit), and which column of a heading row holds what ("realisasi_2025 is the
Realisasi"; remembered per heading row, as plans have it: see ``kinerja.workbook.headings``).
The next upload is read with them; ``import --map`` gives columns for one run. Columns mapped per
unit before heading rows were remembered (``remember_column``) are still read."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kinerja.access.roles import Action, require
from kinerja.collection.datafile import DATA_COLUMNS, LABEL, MONTH_OF_KEY, DataFile
from kinerja.collection.reading import quarter_word
from kinerja.domain.problems import InputRejected, Problem
from kinerja.domain.vocabulary import normalise_label
from kinerja.storage.store import Store
from kinerja.workbook import headings
from kinerja.workbook.headings import IGNORE, HeadingRow, chosen_twice, holding, read_map_options, suggested_columns
from kinerja.workbook.spreadsheet import (
    HEADER_SCAN_ROWS,
    Sheet,
    SpreadsheetError,
    could_be_header,
    read_sheets,
    visible,
)

NOT_FOUND = "Indikator tidak ditemukan"


def remember_indicator(store: Store, unit_code: str, source_name: str, indicator_code: str) -> None:
    """From now on, ``unit_code``'s rows named ``source_name`` are ``indicator_code``."""
    require(Action.UPLOAD, unit_code)
    with store.write() as w:
        w.audit("padanan.indikator", f"unit {unit_code}", after={source_name: indicator_code})
        unit = w.scalar("SELECT id FROM unit WHERE upper(code) = upper(?)", [unit_code])
        indicator = w.scalar("SELECT id FROM indicator WHERE upper(code) = upper(?)", [indicator_code])
        if unit is None or indicator is None:
            raise KeyError(f"unit atau indikator tidak dikenal: {unit_code}, {indicator_code}")
        key = normalise_label(source_name)
        w.execute("DELETE FROM indicator_alias WHERE unit_id = ? AND source_name = ?", [unit, key])
        w.execute("INSERT INTO indicator_alias VALUES (?, ?, ?)", [unit, key, indicator])


def remember_column(store: Store, unit_code: str, source_label: str, key: str) -> None:
    """From now on, ``unit_code``'s column headed ``source_label`` holds ``key`` (see datafile.LABEL)."""
    require(Action.UPLOAD, unit_code)
    with store.write() as w:
        w.audit("padanan.kolom", f"unit {unit_code}", after={source_label: key})
        unit = w.scalar("SELECT id FROM unit WHERE upper(code) = upper(?)", [unit_code])
        if unit is None:
            raise KeyError(f"unit tidak dikenal: {unit_code}")
        label = normalise_label(source_label)
        w.execute("DELETE FROM column_mapping WHERE unit_id = ? AND source_label = ?", [unit, label])
        w.execute("INSERT INTO column_mapping VALUES (?, ?, ?)", [unit, label, key])


def column_mappings(store: Store, unit_code: str | None = None) -> dict[str, str]:
    """Remembered column labels → keys: of one unit, or of every unit when none is given."""
    rows = store.rows(
        "SELECT m.source_label, m.target_key FROM column_mapping m JOIN unit u ON u.id = m.unit_id "
        "WHERE ? IS NULL OR upper(u.code) = upper(?) ORDER BY u.code DESC",
        [unit_code, unit_code],
    )
    return dict(rows)


def data_mappings(
    store: Store,
    content: bytes,
    file_name: str,
    unit_code: str | None = None,
    given: Mapping[str, str] | None = None,
    sheets: list[Sheet] | None = None,
) -> dict[str, str]:
    """The columns mapped by hand that a data file is read with: the sending unit's older mappings
    (of every unit, without one), then those remembered for the file's heading row, then ``given``
    (``import --map``), each over the one before. ``sheets``: the file's sheets already read."""
    remembered = headings.remembered(store, "data", content, file_name, sheets)
    return column_mappings(store, unit_code) | remembered | dict(given or {})


_VALUES = {"quarter": holding(lambda v: quarter_word(v) is not None, trusted=r"^(triwulan|tw|trw)$")}
# a data table needs the indicator (by code or name) and a figure
_WHO, _FIGURES = ("code", "name"), ("value", "r1", "r2", "r3", "r4", "numerator")


def suggested_data_columns(heading: HeadingRow, year: int | None = None) -> dict[str, str]:
    """Column letter → data column key, as each column of this heading row reads by its name (the
    best of several headings that name one column; 'realisasi 2025' is the Realisasi of a 2025 file).
    A row with no realisation heading gets one proposed from a data portal's words ('capaian_2026',
    'nilai'): a proposal the person confirms, never read without them."""
    found = suggested_columns(heading, DATA_COLUMNS, year=year, values=_VALUES)
    if not set(found.values()) & set(_FIGURES):
        for column in heading.columns:
            written = _PORTAL_FIGURE.match(column.label)
            if (
                written
                and column.letter not in found
                and (not written.group(2) or year in (None, int(written.group(2))))
            ):
                found[column.letter] = "value"
                break
    return dict(sorted(found.items(), key=lambda item: [c.letter for c in heading.columns].index(item[0])))


# what open-data portals call a year's figure: a proposal for "Realisasi", never read by itself
_PORTAL_FIGURE = re.compile(r"^(capaian|nilai|jumlah|angka)( 20\d\d)?$")


def remember_data_columns(
    store: Store, heading: HeadingRow, chosen: Mapping[str, str | None], unit_code: str | None = None
) -> None:
    """Remember a person's reading of one heading row of a data file: ``chosen`` maps each column's
    normalised heading to a data column key (``datafile.LABEL``), or to None for a column not used.
    Every data file with the same headings is read with it, whoever sends it; files with other
    headings are not affected. ``unit_code``: the unit the person uploads for."""
    require(Action.UPLOAD, unit_code)
    problems = data_mapping_problems(chosen)
    if problems:
        raise InputRejected(problems)
    wanted = {label: key or IGNORE for label, key in chosen.items()}
    where = f"unit {unit_code}, " if unit_code else ""
    headings.remember(store, "data", heading, wanted, "padanan.kolom_data", where)


def data_mapping_problems(chosen: Mapping[str, str | None]) -> list[Problem]:
    """A column chosen twice, or a table without its indicator or its figures."""
    problems, used = chosen_twice(chosen, LABEL)
    if not used & set(_WHO):
        problems.append(Problem("Tentukan kolom Indikator Kinerja atau Kode Indikator"))
    if not used & set(_FIGURES):
        problems.append(
            Problem("Tentukan kolom angkanya: Realisasi, Realisasi TW I … TW IV, atau Pembilang dan Penyebut")
        )
    return problems


def parse_data_map_options(options: Sequence[str]) -> dict[str, str]:
    """``import --map``: 'realisasi_2025=Realisasi', 'indikator_sasaran=Indikator Kinerja',
    'TW2=r2', 'sumberdana=abaikan' → normalised heading → data column key, the column named by its
    label or its key as plans' ``--map`` takes them. Raises ValueError naming the option it cannot
    read and every column it could name."""
    by_words = {spelling: spec.key for spec in DATA_COLUMNS for spelling in (spec.key, spec.label)}
    labels = dict.fromkeys(spec.label for spec in DATA_COLUMNS if spec.key not in MONTH_OF_KEY)
    known = ", ".join([*labels, "Realisasi Januari … Desember (juga Target, Pembilang, Penyebut tiap bulan)"])
    return read_map_options(options, by_words, "realisasi_2025=Realisasi", f"Kolom data: {known}")


def unmatched_names(data: DataFile) -> list[str]:
    """Indicator names in the file that matched nothing in the plan, in file order."""
    names = []
    for problem in data.errors:
        if problem.message.startswith(NOT_FOUND) and problem.value and str(problem.value) not in names:
            names.append(str(problem.value))
    return names


def header_candidates(content: bytes, file_name: str) -> list[tuple[str, int, list[str]]]:
    """(sheet, row number, labels) of the rows that look like a header, for choosing columns by hand."""
    try:
        sheets = read_sheets(content, file_name)
    except SpreadsheetError:
        return []
    found = []
    for sheet in visible(sheets):
        for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
            labels = [normalise_label(v) for v in row if normalise_label(v)]
            if could_be_header(row) and len(labels) >= 2:
                found.append((sheet.name, index + 1, labels))
    return found
