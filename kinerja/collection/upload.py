"""One upload of a unit's quarterly file, as the Unggah Data page and the command line's ``import``
take it: the file read once (its workbook opened once), checked once against the plan, then shown,
corrected on the page and saved. Everything the page shows of a file comes from here: the rows to
correct with the figures as they will be stored, every problem at its place (file, sheet, row,
column), the columns read and the heading rows to map by hand, what saving would change figure by
figure and why, and the accounting of every row of the file."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from kinerja.collection.annotate import annotated_workbook
from kinerja.collection.checking import check_data
from kinerja.collection.corrections import rows_frame, settled_readings, with_edits
from kinerja.collection.datafile import DataFile, Period
from kinerja.collection.mapping import data_mappings, unmatched_names
from kinerja.collection.reading import read_data_file
from kinerja.collection.saving import SavedVersion, save_data
from kinerja.collection.versions import budget_changes, changes
from kinerja.domain.period import period_name
from kinerja.storage.store import Store
from kinerja.workbook.headings import HeadingRow, heading_rows
from kinerja.workbook.screening import upload_name
from kinerja.workbook.spreadsheet import Sheet, read_sheets

NO_TABLE = "Tabel data tidak ditemukan"  # the reader's words for a file whose columns it could not name


@dataclass(frozen=True)
class Upload:
    """A file as read, with the columns mapped by hand before. Never changed: checking works on a
    copy, so one reading serves every check of the same file (the page keeps it across reruns)."""

    data: DataFile
    given: Period  # what the upload said of the file: the page's or command's year, quarter and unit
    # the file's rows that look like column headings, where a person may say which column holds
    # what (a unit's own spreadsheet); None where the columns are known (a Kinerja template, the
    # Permendagri 86 form) or nothing was read as a table
    headings: tuple[HeadingRow, ...] | None = None


@dataclass(frozen=True)
class UploadReview:
    """Everything the page shows of one checked file, and what saving it stores."""

    data: DataFile  # checked: the rows to save, problems at their place, rows skipped, figures unchanged
    corrections: pd.DataFrame | None  # the rows as a table to correct (None: nothing was read)
    changes: pd.DataFrame  # what saving would change, figure by figure, "baru" or "diubah"
    budget_changes: pd.DataFrame  # the same of the programmes' spending, rupiah by rupiah
    unmatched: list[str]  # indicator names the plan does not know, to be matched by hand
    marked: bytes | None  # the workbook with its problems marked on their cells (None: none, or not writable)
    headings: tuple[HeadingRow, ...] | None  # as Upload.headings
    settled: DataFile  # the file as read, figures as checking decided them: what corrections apply to
    given: Period  # as Upload.given

    @property
    def rows_read(self) -> int:
        """The figures read from the file (some may be found unchanged by checking)."""
        return len(self.settled.rows)

    @property
    def spending_read(self) -> int:
        """The programmes' quarters of spending read from the file (a budget table, the Renja form)."""
        return self.settled.programme_spending

    @property
    def no_table(self) -> bool:
        """No table of figures was found: the person is asked which column holds what."""
        return not self.data.rows and any(p.message.startswith(NO_TABLE) for p in self.data.errors)

    @property
    def nothing_to_save(self) -> bool:
        """Every figure of the file is already stored as the file says it."""
        data = self.data
        return not data.rows and not data.budget and bool(data.unchanged) and not data.errors


def read_upload(
    store: Store, content: bytes, file_name: str, given: Period = Period(), mapped: Mapping[str, str] | None = None
) -> Upload:
    """Read one file with the columns mapped by hand before: the sending unit's, those remembered
    for the file's heading row, then ``mapped`` (``import --map``). The workbook is opened once."""
    sheets = _sheets(content, file_name)
    mappings = data_mappings(store, content, file_name, given.unit, mapped, sheets)
    data = read_data_file(content, file_name, given, mappings, sheets)
    mappable = data.template is None and (data.columns or (not data.rows and _said_no_table(data)))
    headings = tuple(heading_rows(content, file_name, sheets or [])) if mappable else None
    return Upload(data, given, headings)


def _sheets(content: bytes, file_name: str) -> list[Sheet] | None:
    """The file's sheets, or None where they cannot be read (read_data_file then says why)."""
    try:
        return read_sheets(content, upload_name(file_name))
    except Exception:  # SpreadsheetError, or a reader's own fault: read_data_file reports either, as always
        return None


def _said_no_table(data: DataFile) -> bool:
    return any(p.message.startswith(NO_TABLE) for p in data.errors)


def check_upload(store: Store, upload: Upload, threshold: float = 90.0) -> DataFile:
    """The file as read, checked against the plan (``checking.check_data``) on a copy."""
    return _checked(store, upload.data, threshold)[0]


def _checked(store: Store, data: DataFile, threshold: float) -> tuple[DataFile, list]:
    """A copy of ``data`` checked, and its rows in the file's order as checking left them."""
    rows = [row.copy() for row in data.rows]
    copy = dataclasses.replace(
        data,
        rows=list(rows),
        problems=list(data.problems),
        budget=[dataclasses.replace(line) for line in data.budget],
        skipped=list(data.skipped),
        unchanged=[],
        columns=list(data.columns),
    )
    return check_data(store, copy, threshold=threshold), rows


def review_upload(store: Store, upload: Upload, threshold: float = 90.0) -> UploadReview:
    """The file checked once, with everything the page shows of it."""
    checked, rows = _checked(store, upload.data, threshold)
    settled = settled_readings(upload.data, rows)
    corrections = rows_frame(settled) if settled.rows else None
    return _review(store, checked, corrections, upload.headings, settled, upload.given)


def corrected(store: Store, review: UploadReview, table: pd.DataFrame, threshold: float = 90.0) -> UploadReview:
    """The file as corrected in the page's table (``review.corrections`` as the person left it),
    checked; the review itself where nothing was changed."""
    if review.corrections is None or table.equals(review.corrections):
        return review
    checked = check_data(store, with_edits(review.settled, table), threshold=threshold)
    return _review(store, checked, review.corrections, review.headings, review.settled, review.given)


def _review(store: Store, checked: DataFile, corrections, headings, settled: DataFile, given: Period) -> UploadReview:
    marked = annotated_workbook(checked.content, checked.file_name, checked.problems) if checked.problems else None
    return UploadReview(
        checked,
        corrections,
        changes(store, checked),
        budget_changes(store, checked),
        unmatched_names(checked),
        marked,
        headings,
        settled,
        given,
    )


def saved_summary(data: DataFile, saved: list[SavedVersion]) -> str:
    """'P2P TW III 2026 versi 2 (6 baris: 2 angka baru, 1 diubah); 4 angka … tidak berubah'."""
    versions = "; ".join(
        f"{v.unit_code} {period_name(v.year, v.quarter)} versi {v.version} ({v.counts()})" for v in saved
    )
    spending = sum(line.programme_code is not None and line.indicator_id is None for line in data.budget)
    versions += f"; {spending} realisasi anggaran program" if spending else ""
    return versions + (f"; {data.unchanged_summary()}" if data.unchanged else "")


def import_files(
    store: Store,
    files: list[tuple[str, bytes]],
    given: Period = Period(),
    *,
    confirm_warnings: bool = False,
    dry_run: bool = False,
    created_by: str | None = None,
    threshold: float = 90.0,
    mapped: Mapping[str, str] | None = None,
) -> list[tuple[DataFile, list[SavedVersion] | None]]:
    """Read, check and (unless ``dry_run``) save each file on its own, as the page does: one refused
    file does not stop the others. Returns each checked file with its saved versions, or None where
    nothing was saved."""
    results = []
    for name, content in files:
        data = check_upload(store, read_upload(store, content, name, given, mapped), threshold)
        saved = None
        if not dry_run and not data.errors and (confirm_warnings or not data.warnings):
            saved = save_data(store, data, confirm_warnings=confirm_warnings, created_by=created_by)
        results.append((data, saved))
    return results
