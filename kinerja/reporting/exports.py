"""The quarter's recap as a formatted Excel workbook."""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook

from kinerja.domain.period import roman
from kinerja.domain.recap import with_progress_text
from kinerja.workbook.writing import workbook_bytes, write_sheet


def recap_workbook(
    recap_frame: pd.DataFrame,
    year: int,
    quarter: int,
    office_name: str,
    completeness: pd.DataFrame | None = None,
    settings_line: str = "",
) -> bytes:
    """The quarter's recap (numbers as numbers) and, if given, its completeness, as an xlsx;
    ``settings_line`` says the settings its figures were computed with (``Settings.statement``)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Rekap TW {roman(quarter)}"
    numbers = with_progress_text(recap_frame).rename(columns=_RECAP_HEADINGS)[list(_RECAP_HEADINGS.values())]
    write_sheet(
        sheet,
        f"REKAP CAPAIAN KINERJA TRIWULAN {roman(quarter)} TAHUN {year}",
        office_name,
        numbers,
        _RECAP_FORMATS,
        settings_line,
    )
    if completeness is not None:
        write_sheet(
            workbook.create_sheet("Kelengkapan"),
            f"KELENGKAPAN DATA TRIWULAN {roman(quarter)} TAHUN {year}",
            office_name,
            completeness,
            {"Kelengkapan": '0.0"%"'},
        )
    return workbook_bytes(workbook)


_RECAP_HEADINGS = {
    "unit_code": "Unit",
    "goal": "Sasaran",
    "indicator_code": "Kode",
    "indicator_name": "Indikator",
    "measure_unit": "Satuan",
    "polarity": "Polaritas",
    "aggregation": "Agregasi",
    "annual_target": "Target Tahunan",
    "annual_target_high": "Target Tahunan (batas atas)",
    "target_to_date": "Target s.d. TW",
    "realization_to_date": "Realisasi s.d. TW",
    "achievement_pct": "Capaian (%)",
    "score_pct": "Skor (%)",
    "category": "Kategori",
    "annual_progress_pct": "Progres Tahunan (%)",
    "annual_progress_text": "Keterangan Progres Tahunan",
    "note": "Catatan",
}
_RECAP_FORMATS = {
    "Target Tahunan": "#,##0.##",
    "Target Tahunan (batas atas)": "#,##0.##",
    "Target s.d. TW": "#,##0.##",
    "Realisasi s.d. TW": "#,##0.##",
    "Capaian (%)": "0.0",
    "Skor (%)": "0.0",
    "Progres Tahunan (%)": "0.0",
}
