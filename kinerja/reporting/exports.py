"""Tables as formatted Excel workbooks: headers, Indonesian number formats, frozen panes."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kinerja.domain.period import roman
from kinerja.domain.recap import with_progress_text

_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


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


FORMULA_STARTS = ("=", "+", "-", "@")


def as_text(cell) -> None:
    """Keep a cell that came from user data as text: a value starting with =, +, - or @ would
    otherwise be stored, or read by Excel, as a formula (CSV/formula injection)."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A CSV for people to open in Excel (UTF-8 with BOM): text that Excel would take for a formula
    gets a leading apostrophe, as OWASP advises for CSV injection."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda v: f"'{v}" if isinstance(v, str) and v.startswith((*FORMULA_STARTS, "\t", "\r")) else v
            )
    return safe.to_csv(index=False).encode("utf-8-sig")


def write_formula(cell, formula: str) -> None:
    """Write a formula Kinerja itself computes (a template's derived column): the one kind of
    cell :func:`workbook_bytes` leaves a formula."""
    cell.value = formula
    sheet = cell.parent
    if not hasattr(sheet, "kinerja_formulas"):
        sheet.kinerja_formulas = set()
    sheet.kinerja_formulas.add(cell.coordinate)


def workbook_bytes(workbook) -> bytes:
    """Save ``workbook`` with every text cell that could be taken for a formula kept as text,
    except the formulas Kinerja wrote on purpose (:func:`write_formula`)."""
    for sheet in workbook.worksheets:
        ours = getattr(sheet, "kinerja_formulas", set())
        for row in sheet.iter_rows():
            for cell in row:
                if cell.coordinate not in ours:
                    as_text(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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


_WIDE = {"Sasaran": 45, "Indikator": 45, "Nama Unit": 45, "Keterangan Progres Tahunan": 70}


def write_sheet(
    sheet, title: str, office_name: str, frame: pd.DataFrame, formats: dict[str, str], note: str = ""
) -> None:
    """A table as every export lays it out: title and office above (and ``note``, e.g. the settings the
    figures were computed with), a dark header row, number formats by heading, frozen panes and a filter."""
    sheet["A1"], sheet["A2"] = title, office_name.upper()
    if note:
        sheet["A3"] = note
        sheet["A3"].font = Font(italic=True, size=9)
    sheet["A1"].font, sheet["A2"].font = Font(bold=True, size=13), Font(bold=True)
    header_row = 4
    for col, name in enumerate(frame.columns, start=1):
        cell = sheet.cell(header_row, col, name)
        cell.fill, cell.font = _HEADER_FILL, Font(bold=True, color="FFFFFF")
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(col)].width = _WIDE.get(name, 14)
    for r, values in enumerate(frame.itertuples(index=False), start=header_row + 1):
        for col, (name, value) in enumerate(zip(frame.columns, values, strict=True), start=1):
            cell = sheet.cell(r, col, None if _missing(value) else _plain(value))
            if name in formats:
                cell.number_format = formats[name]
    sheet.freeze_panes = sheet.cell(header_row + 1, 3)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(frame.columns))}{header_row + len(frame)}"


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: object) -> object:
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "∞"
    return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value


def write_instructions(sheet, lines: list[str]) -> None:
    """An instructions sheet: the first line as its title, one line per row, wide enough to read."""
    for r, line in enumerate(lines, start=1):
        sheet.cell(r, 1, line)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110


# The Kertas Kerja Cascading's columns: for each level, the node and its indicator
_CASCADE_LEVELS = (
    ("tujuan_pemda", "Tujuan Pemda"),
    ("sasaran_pemda", "Sasaran Pemda"),
    ("tujuan_opd", "Tujuan PD"),
    ("sasaran_opd", "Sasaran PD"),
    ("program", "Program"),
    ("kegiatan", "Kegiatan"),
    ("sub_kegiatan", "Sub Kegiatan"),
    ("rhk", "Rencana Hasil Kerja"),
)


def cascade_workbook(
    tree: pd.DataFrame,
    year: int,
    office_name: str,
    links: pd.DataFrame | None = None,
    money: pd.DataFrame | None = None,
) -> bytes:
    """The Kertas Kerja Cascading evaluators ask for: one row per node and indicator in the tree's
    order (each branch under its parent), the node and its indicator in its level's columns, with
    the target, the score to date, the money and the official; the same rows as a plain list
    (``tree`` is :func:`kinerja.cascade.stored.tree_frame`); and the crosscutting links, if any.
    ``money`` (by node code: level, pagu, spending, pagu_total, spending_total) fills a node's first
    row: a sub-kegiatan's pagu and realised spending in "Pagu (Rp)" and "Realisasi (Rp)", so those
    columns sum to the budget; a node above, the sum of the sub-kegiatan under it in the "Subtotal"
    columns, never in the budget's."""
    levels = [(key, word) for key, word in _CASCADE_LEVELS if (tree["level"] == key).any()]
    rows, seen = [], set()
    for record in depth_first(tree).itertuples(index=False):
        row = {f"{word}": None for _, word in levels} | {f"Indikator {word}": None for _, word in levels}
        word = dict(levels)[record.level]
        row[word] = f"{record.code} {record.name}"
        row[f"Indikator {word}"] = record.indicator_name
        first = record.code not in seen
        seen.add(record.code)
        amounts = _amounts(money, record.code) if first else {}
        rows.append(row | {"Target": record.target, "Skor (%)": record.score_pct, **amounts,
                           "Penanggung Jawab": record.official})  # fmt: skip
    ordered = [c for _, word in levels for c in (word, f"Indikator {word}")]
    matrix = pd.DataFrame(rows, columns=[*ordered, "Target", "Skor (%)", *_MONEY_HEADINGS, "Penanggung Jawab"])
    workbook = Workbook()
    write_sheet(workbook.active, f"KERTAS KERJA CASCADING TAHUN {year}", office_name, matrix, _CASCADE_FORMATS)
    workbook.active.title = "Kertas Kerja Cascading"
    listed = tree.rename(columns=_TREE_HEADINGS)[list(_TREE_HEADINGS.values())]
    write_sheet(
        workbook.create_sheet("Daftar Simpul"), f"POHON KINERJA TAHUN {year}", office_name, listed, _CASCADE_FORMATS
    )
    if links is not None and len(links):
        write_sheet(workbook.create_sheet("Crosscutting"), f"CROSSCUTTING TAHUN {year}", office_name, links, {})
    return workbook_bytes(workbook)


_MONEY_HEADINGS = ("Pagu (Rp)", "Realisasi (Rp)", "Subtotal Pagu (Rp)", "Subtotal Realisasi (Rp)")
_CASCADE_FORMATS = {
    "Skor (%)": "0.0",
    **dict.fromkeys(_MONEY_HEADINGS, "#,##0"),
    "Subtotal Pagu di Berkas (Rp)": "#,##0",
}


def _amounts(money: pd.DataFrame | None, code: str) -> dict[str, float | None]:
    """A node's money in the Kertas Kerja's columns: a sub-kegiatan's own, or a branch's subtotal."""
    if money is None or code not in money.index:
        return {}
    node = money.loc[code]
    if node["level"] == "sub_kegiatan":
        return {"Pagu (Rp)": _amount(node["pagu"]), "Realisasi (Rp)": _amount(node["spending"])}
    return {"Subtotal Pagu (Rp)": node["pagu_total"] or None, "Subtotal Realisasi (Rp)": node["spending_total"] or None}


def _amount(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


_TREE_HEADINGS = {
    "level": "Tingkat",
    "code": "Kode",
    "name": "Nama",
    "parent_code": "Kode Induk",
    "unit_code": "Unit",
    "official": "Penanggung Jawab",
    "indicator_code": "Kode Indikator",
    "indicator_name": "Indikator",
    "target": "Target",
    "score_pct": "Skor (%)",
    "pagu": "Pagu (Rp)",
    "pagu_subtotal": "Subtotal Pagu di Berkas (Rp)",
}


def depth_first(tree: pd.DataFrame) -> pd.DataFrame:
    """The tree's rows with each node's branch right under it (a node's indicators stay together)."""
    codes = list(dict.fromkeys(tree["code"]))
    parent_of = dict(zip(tree["code"], tree["parent_code"], strict=True))
    children: dict[object, list[str]] = {}
    for code in codes:
        parent = parent_of[code]
        children.setdefault(parent if isinstance(parent, str) and parent in parent_of else None, []).append(code)
    order: list[str] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        code = stack.pop()
        order.append(code)
        stack.extend(reversed(children.get(code, [])))
    rank = {code: n for n, code in enumerate(order)}
    return tree.assign(_rank=tree["code"].map(rank)).sort_values("_rank", kind="stable").drop(columns="_rank")
