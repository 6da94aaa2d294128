"""The quarterly data template a unit fills in: its indicators with their targets and earlier
quarters, input cells unlocked and checked by Excel, the rest protected, and a hidden sheet that
tells the importer which unit, year and quarter it is for."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja.access.roles import Action, can, current
from kinerja.collection.datafile import TEMPLATE_SHEET, TEMPLATE_VERSION
from kinerja.domain.achievement import Aggregation
from kinerja.domain.numbers import plain_number
from kinerja.domain.period import roman
from kinerja.domain.vocabulary import AGGREGATION_WORD
from kinerja.storage.store import Store
from kinerja.workbook.writing import workbook_bytes, write_formula, write_instructions
from kinerja.workflow.completeness import units_in_plan

_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_INPUT_FILL = PatternFill("solid", fgColor="FFF7D6")
_LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_ROW = 5

_INDICATORS_SQL = """
SELECT i.id, i.code, i.name, i.measure_unit, i.aggregation, g.code AS goal_code, i.position,
       max(t.value) FILTER (WHERE t.kind = 'pk') AS annual_target,
       max(t.value_high) FILTER (WHERE t.kind = 'pk') AS annual_target_high,
       max(t.value) FILTER (WHERE t.kind = 'ra' AND t.quarter = $quarter) AS quarter_target,
       max(t.value_high) FILTER (WHERE t.kind = 'ra' AND t.quarter = $quarter) AS quarter_target_high
FROM indicator_in_year i
JOIN unit u ON u.id = i.unit_id AND upper(u.code) = upper($unit) AND i.year = $year
JOIN target t ON t.indicator_id = i.id AND t.year = $year
JOIN goal g ON g.id = i.goal_id
GROUP BY ALL
HAVING count(*) FILTER (WHERE t.kind = 'pk') > 0
ORDER BY goal_code, i.position, i.code
"""


# the unit's programmes of the year (those it is responsible for, with a pagu), the quarter's cash
# plan, and the spending stored for each quarter up to this one
_PROGRAMMES_SQL = """
SELECT p.id, p.code, p.name, b.pagu, k.amount AS cash_plan,
       max(s.spending) FILTER (WHERE s.quarter = 1) AS s1,
       max(s.spending) FILTER (WHERE s.quarter = 2) AS s2,
       max(s.spending) FILTER (WHERE s.quarter = 3) AS s3,
       max(s.spending) FILTER (WHERE s.quarter = 4) AS s4
FROM programme p
JOIN unit u ON u.id = p.unit_id AND upper(u.code) = upper($unit)
JOIN programme_budget b ON b.programme_id = p.id AND b.year = $year
LEFT JOIN programme_cash_plan k ON k.programme_id = p.id AND k.year = $year AND k.quarter = $quarter
LEFT JOIN budget_current s ON s.programme_id = p.id AND s.year = $year AND s.quarter <= $quarter
GROUP BY ALL
ORDER BY p.code
"""
BUDGET_SHEET = "Anggaran"


class TemplateError(ValueError):
    """No template can be made (unknown unit, no indicators); the message is for the user."""


def unit_template(store: Store, unit: str, year: int, quarter: int) -> bytes:
    """The xlsx template of ``unit`` for ``year`` TW ``quarter``."""
    unit_row = store.rows("SELECT code, name FROM unit WHERE upper(code) = upper(?)", [unit])
    if not unit_row:
        raise TemplateError(f"unit tidak dikenal: {unit}")
    code, name = unit_row[0]
    indicators = store.df(_INDICATORS_SQL, {"unit": code, "year": year, "quarter": quarter})
    if indicators.empty:
        raise TemplateError(f"unit {code} tidak punya indikator pada rencana tahun {year}")
    figures = store.df(
        "SELECT indicator_id, quarter, value, numerator, denominator, drivers, obstacles, follow_up, evidence_url "
        "FROM realization_current WHERE year = ? AND quarter <= ?",
        [year, quarter],
    )
    programmes = store.df(_PROGRAMMES_SQL, {"unit": code, "year": year, "quarter": quarter})
    workbook = Workbook()
    _write_data_sheet(workbook.active, code, name, year, quarter, indicators, figures)
    if not programmes.empty:
        _write_budget_sheet(workbook.create_sheet(BUDGET_SHEET), code, name, year, quarter, programmes)
    _write_instructions(workbook.create_sheet("Petunjuk"), year, quarter, budget=not programmes.empty)
    meta = workbook.create_sheet(TEMPLATE_SHEET)
    for row in (
        ("template", "kinerja"),
        ("versi", TEMPLATE_VERSION),
        ("unit", code),
        ("tahun", year),
        ("triwulan", quarter),
    ):
        meta.append(row)
    meta.sheet_state = "veryHidden"
    return workbook_bytes(workbook)


def all_unit_templates(store: Store, year: int, quarter: int) -> bytes:
    """A zip of the template of every unit that has indicators in ``year`` and that the current
    account sends data for (an operator gets its own units', never the others')."""
    actor = current()
    units = [(code,) for code in units_in_plan(store, year) if can(actor, Action.UPLOAD, code)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for (code,) in units:
            archive.writestr(template_file_name(code, year, quarter), unit_template(store, code, year, quarter))
    return buffer.getvalue()


def template_file_name(unit: str, year: int, quarter: int) -> str:
    return f"data-kinerja-{unit.lower()}-{year}-tw{quarter}.xlsx"


def _write_data_sheet(sheet, code, name, year, quarter, indicators: pd.DataFrame, figures: pd.DataFrame) -> None:
    sheet.title = "Data"
    _write_title(sheet, f"DATA KINERJA TRIWULAN {roman(quarter)} TAHUN {year}", f"{name} ({code})", "")
    earlier = [f"Realisasi TW {roman(q)}" for q in range(1, quarter)]
    now = roman(quarter)
    headers = [
        "Kode Indikator", "Indikator Kinerja", "Satuan", "Agregasi", "Target Tahunan", f"Target TW {now}",
        *earlier, f"Realisasi TW {now}", f"Pembilang TW {now}", f"Penyebut TW {now}",
        "Faktor Pendorong", "Faktor Penghambat", "Tindak Lanjut", "Bukti Dukung",
    ]  # fmt: skip
    _write_headers(sheet, headers)
    value_col = 7 + len(earlier)
    by_quarter = {(r.indicator_id, r.quarter): r for r in figures.itertuples(index=False)}
    last = HEADER_ROW
    for last, indicator in enumerate(indicators.itertuples(index=False), start=HEADER_ROW + 1):
        ratio = indicator.aggregation == Aggregation.RATIO.value
        current = by_quarter.get((indicator.id, quarter))
        values = [
            indicator.code, indicator.name, indicator.measure_unit, AGGREGATION_WORD[Aggregation(indicator.aggregation)],
            _target_text(indicator.annual_target, indicator.annual_target_high),
            _target_text(indicator.quarter_target, indicator.quarter_target_high),
            *(_value(by_quarter.get((indicator.id, q)), "value") for q in range(1, quarter)),
        ]  # fmt: skip
        for col, value in enumerate(values, start=1):
            _locked(sheet.cell(last, col, value))
        cell_value = sheet.cell(last, value_col)
        if ratio:
            num, den = get_column_letter(value_col + 1), get_column_letter(value_col + 2)
            write_formula(
                cell_value,
                f'=IF(AND(ISNUMBER({num}{last}),ISNUMBER({den}{last}),{den}{last}<>0),ROUND({num}{last}/{den}{last}*100,2),"")',
            )
            _locked(cell_value)
            _input(sheet.cell(last, value_col + 1, _value(current, "numerator")))
            _input(sheet.cell(last, value_col + 2, _value(current, "denominator")))
        else:
            _input(cell_value)
            cell_value.value = _value(current, "value")
            _locked(sheet.cell(last, value_col + 1))
            _locked(sheet.cell(last, value_col + 2))
        for offset, key in enumerate(("drivers", "obstacles", "follow_up", "evidence_url"), start=3):
            cell = _input(sheet.cell(last, value_col + offset, _value(current, key)))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[last].height = 48  # three lines of a note
    _validate_numbers(sheet, value_col, last)
    _layout(sheet, headers, value_col)


def _write_title(sheet, title: str, unit: str, what: str) -> None:
    """A sheet's three top lines: its title, the unit, and what to fill in."""
    sheet["A1"], sheet["A2"] = title, unit
    sheet["A1"].font, sheet["A2"].font = Font(bold=True, size=13), Font(bold=True)
    sheet["A3"] = f"Isi sel berwarna kuning{what}. Sel abu-abu terkunci."


def _write_budget_sheet(sheet, code, name, year, quarter, programmes: pd.DataFrame) -> None:
    """The unit's programmes of the year: pagu, the quarter's cash plan and the spending of earlier
    quarters shown (locked), the quarter's spending to fill in (yellow), as the Data sheet is laid out."""
    now = roman(quarter)
    title = f"REALISASI ANGGARAN PROGRAM TRIWULAN {now} TAHUN {year}"
    _write_title(sheet, title, f"{name} ({code})", " dengan belanja triwulan ini dalam rupiah")
    earlier = [f"Realisasi Anggaran TW {roman(q)} (Rp)" for q in range(1, quarter)]
    headers = ["Kode Program", "Program", "Pagu (Rp)", f"Anggaran Kas TW {now} (Rp)", *earlier]
    headers.append(f"Realisasi Anggaran TW {now} (Rp)")
    _write_headers(sheet, headers)
    value_col = len(headers)
    last = HEADER_ROW
    for last, programme in enumerate(programmes.itertuples(index=False), start=HEADER_ROW + 1):
        money = [programme.pagu, programme.cash_plan, *(getattr(programme, f"s{q}") for q in range(1, quarter))]
        _locked(sheet.cell(last, 1, programme.code))
        _locked(sheet.cell(last, 2, programme.name)).alignment = Alignment(wrap_text=True, vertical="top")
        for col, value in enumerate(money, start=3):
            _locked(sheet.cell(last, col, _money(value))).number_format = "#,##0"
        cell = _input(sheet.cell(last, value_col, _money(getattr(programme, f"s{quarter}"))))
        cell.number_format = "#,##0.00"
    spending = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    spending.error, spending.errorTitle = "Isi dengan angka rupiah, tidak negatif.", "Bukan angka rupiah"
    spending.prompt, spending.promptTitle = "Belanja program triwulan ini (Rp)", "Realisasi anggaran"
    sheet.add_data_validation(spending)
    letter = get_column_letter(value_col)
    spending.add(f"{letter}{HEADER_ROW + 1}:{letter}{max(last, HEADER_ROW + 1)}")
    _layout(sheet, headers, value_col)


def _money(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _write_headers(sheet, headers: list[str]) -> None:
    for col, label in enumerate(headers, start=1):
        cell = sheet.cell(HEADER_ROW, col, label)
        cell.fill, cell.font, cell.border = _HEADER_FILL, Font(bold=True, color="FFFFFF"), _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _target_text(low: float, high: float) -> object:
    if pd.isna(low):
        return None
    return float(low) if pd.isna(high) else f"{plain_number(low)} - {plain_number(high)}"


def _value(figure, key: str) -> object:
    if figure is None:
        return None
    value = getattr(figure, key)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return round(value, 2) if isinstance(value, float) else value


def _locked(cell):
    cell.fill, cell.border = _LOCKED_FILL, _BORDER
    cell.protection = Protection(locked=True)
    return cell


def _input(cell):
    cell.fill, cell.border = _INPUT_FILL, _BORDER
    cell.protection = Protection(locked=False)
    return cell


def _validate_numbers(sheet, value_col: int, last: int) -> None:
    numbers = DataValidation(
        type="decimal", operator="between", formula1="-1000000000000000", formula2="1000000000000000"
    )
    numbers.error, numbers.errorTitle = (
        "Isi dengan angka (gunakan koma desimal sesuai pengaturan Excel).",
        "Bukan angka",
    )
    numbers.prompt, numbers.promptTitle = "Angka realisasi triwulan ini", "Realisasi"
    sheet.add_data_validation(numbers)
    for col in (value_col, value_col + 1, value_col + 2):
        letter = get_column_letter(col)
        numbers.add(f"{letter}{HEADER_ROW + 1}:{letter}{max(last, HEADER_ROW + 1)}")


def _layout(sheet, headers: list[str], value_col: int) -> None:
    widths = {
        "Kode Indikator": 12,
        "Indikator Kinerja": 48,
        "Kode Program": 12,
        "Program": 48,
        "Faktor Pendorong": 36,
        "Faktor Penghambat": 36,
        "Tindak Lanjut": 36,
        "Bukti Dukung": 30,
    }
    for col, label in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = widths.get(label, 18 if "(Rp)" in label else 14)
    sheet.row_dimensions[HEADER_ROW].height = 32
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 3)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _write_instructions(sheet, year: int, quarter: int, budget: bool = False) -> None:
    now = roman(quarter)
    lines = [
        f"PETUNJUK PENGISIAN DATA KINERJA TRIWULAN {now} TAHUN {year}",
        "",
        f"1. Isi sel kuning di sheet 'Data': Realisasi TW {now} (angka triwulan ini), faktor pendorong,",
        "   faktor penghambat, tindak lanjut, dan tautan bukti dukung.",
        "2. Indikator Kumulatif: isi angka triwulan ini saja (bukan jumlah sejak TW I); aplikasi menjumlahkannya.",
        "   Indikator Nilai Akhir dan Rata-rata: isi nilai/posisi pada triwulan ini.",
        "3. Indikator Rasio: isi Pembilang dan Penyebut; persentasenya dihitung otomatis.",
        "4. Persentase ditulis sebagai angka persen (85,5), bukan pecahan (0,855).",
        "5. Bila capaian di bawah target, jelaskan faktor penghambat dan tindak lanjutnya.",
        "6. Jangan mengubah kode, nama indikator, atau urutan kolom. Simpan sebagai .xlsx lalu unggah",
        "   di halaman Unggah Data.",
    ]
    if budget:
        lines += [
            f"7. Sheet '{BUDGET_SHEET}': isi Realisasi Anggaran TW {now} tiap program unit ini, yaitu belanja triwulan",
            "   ini saja dalam rupiah (bukan jumlah sejak TW I, bukan persen). Pagu, anggaran kas dan realisasi",
            "   triwulan sebelumnya hanya untuk dibaca.",
        ]
    write_instructions(sheet, lines)
