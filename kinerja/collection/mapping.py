"""What users told the upload page about their own spreadsheets, remembered per unit: "our row
named X is indicator Y", "our column headed X holds the realisation". The next upload from that
unit is read with it."""

from __future__ import annotations

from kinerja.access.roles import Action, require
from kinerja.collection.datafile import DataFile
from kinerja.collection.spreadsheet import (
    HEADER_SCAN_ROWS,
    SpreadsheetError,
    could_be_header,
    normalise_label,
    read_sheets,
    visible,
)
from kinerja.storage.store import Store

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
