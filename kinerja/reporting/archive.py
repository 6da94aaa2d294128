"""One download per period, the SOP's "stored as electronic data": the reports, every uploaded
original file with its versions, and the data as Excel and Parquet."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from kinerja.cascade.stored import kertas_kerja
from kinerja.collection.versions import versions
from kinerja.domain.period import roman
from kinerja.reporting import lkjip, manual_iku, renja_form, rhk
from kinerja.reporting import quarterly as reports
from kinerja.reporting.exports import recap_workbook
from kinerja.reporting.quarterly import Progress, quiet
from kinerja.storage.figures import recap
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store
from kinerja.workbook.writing import csv_bytes, workbook_bytes, write_sheet

_REALISATIONS_SQL = """
SELECT u.code AS unit_code, s.version, s.created_at, s.created_by, s.file_name, i.code AS indicator_code,
       r.year, r.quarter, r.value, r.numerator, r.denominator, r.drivers, r.obstacles, r.follow_up, r.evidence_url
FROM realization r JOIN submission s ON s.id = r.submission_id
JOIN unit u ON u.id = s.unit_id JOIN indicator i ON i.id = r.indicator_id
WHERE r.year = ? AND r.quarter = ?
ORDER BY u.code, s.version, i.code
"""


def _safe(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", name).strip("_") or "berkas"


def _parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def period_archive(
    store: Store, year: int, quarter: int, *, cache_dir: Path | None = None, progress: Progress = quiet
) -> bytes:
    """A zip of the quarter: its report (Word and Excel; with the LKjIP at TW IV), the forms sent with it
    (the Evaluasi Renja, the Manual IKU, the Matriks Peran Hasil where the year has a tree), the recap, every
    version's realisations (Excel and Parquet), and each uploaded original once, named by
    unit and version."""
    settings = load_settings(store, year)
    folder = f"arsip-kinerja-{year}-tw{quarter}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        progress(0.05, "Laporan triwulan")
        archive.writestr(f"{folder}/laporan/laporan-kinerja-{year}-tw{quarter}.docx",
                         reports.quarterly_docx(store, year, quarter, cache_dir=cache_dir))  # fmt: skip
        archive.writestr(f"{folder}/laporan/laporan-kinerja-{year}-tw{quarter}.xlsx",
                         reports.quarterly_xlsx(store, year, quarter))  # fmt: skip
        archive.writestr(f"{folder}/laporan/evaluasi-renja-{year}-tw{quarter}.xlsx",
                         renja_form.renja_xlsx(store, year, quarter))  # fmt: skip
        archive.writestr(f"{folder}/laporan/manual-iku-{year}.docx", manual_iku.manual_iku_docx(store, year))
        if store.scalar("SELECT count(*) FROM cascade_node WHERE year = ?", [year]):
            archive.writestr(f"{folder}/laporan/matriks-peran-hasil-{year}.xlsx", rhk.rhk_xlsx(store, year))
        if quarter == 4:
            progress(0.35, "LKjIP")
            archive.writestr(f"{folder}/laporan/lkjip-{year}.docx", lkjip.annual_docx(store, year, cache_dir=cache_dir))
            archive.writestr(f"{folder}/laporan/lkjip-{year}.xlsx", lkjip.annual_xlsx(store, year))
        progress(0.6, "Data")
        frame = recap(store, year, quarter, settings=settings)
        archive.writestr(f"{folder}/data/rekap-{year}-tw{quarter}.xlsx",
                         recap_workbook(frame, year, quarter, settings.office_name, settings_line=settings.statement()))  # fmt: skip
        archive.writestr(f"{folder}/data/rekap-{year}-tw{quarter}.parquet", _parquet(frame))
        if store.scalar("SELECT count(*) FROM cascade_node WHERE year = ?", [year]):
            archive.writestr(f"{folder}/data/kertas-kerja-cascading-{year}.xlsx", kertas_kerja(store, year, quarter))
        figures = store.df(_REALISATIONS_SQL, [year, quarter])
        archive.writestr(f"{folder}/data/realisasi-semua-versi-{year}-tw{quarter}.parquet", _parquet(figures))
        workbook = Workbook()
        workbook.active.title = f"Realisasi TW {roman(quarter)}"
        write_sheet(workbook.active, f"REALISASI SEMUA VERSI TRIWULAN {roman(quarter)} TAHUN {year}",
               settings.office_name, figures, {})  # fmt: skip
        archive.writestr(f"{folder}/data/realisasi-semua-versi-{year}-tw{quarter}.xlsx", workbook_bytes(workbook))
        progress(0.8, "Berkas asli")
        listed = versions(store, year, quarter)
        archive.writestr(f"{folder}/berkas-asli/daftar-versi.csv", csv_bytes(listed.drop(columns=["id"])))
        written: set[str] = set()
        for row in listed.itertuples(index=False):
            digest = row.file_sha256
            if not isinstance(digest, str) or digest in written:
                continue
            found = store.rows("SELECT file_name, content FROM stored_file WHERE sha256 = ?", [digest])
            if found:
                name, content = found[0]
                archive.writestr(f"{folder}/berkas-asli/{row.Unit}-v{row.Versi}-{_safe(name)}", bytes(content))
                written.add(digest)
    progress(1.0, "Selesai")
    return buffer.getvalue()
