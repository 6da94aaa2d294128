"""The LKE as the regional workbook lays it out (RESUME, PENILAIAN, BUKTI DUKUNG), and the evidence
pack: one folder per criterion with its uploaded files, its links and the figures Kinerja computed."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from kinerja.evaluation.assessment import Assessment
from kinerja.evaluation.evidence import evidence_file, evidence_frame
from kinerja.evaluation.worksheet import STAGES
from kinerja.storage.settings import office_settings
from kinerja.storage.store import Store
from kinerja.workbook.writing import workbook_bytes

_HEAD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="D9E1F2")
_PART = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_STAGE_HEADS = {
    "mandiri": "PENILAIAN MANDIRI (OPD)",
    "verifikasi": "VERVAL (BAPPEDA; BAG. ORGANISASI)",
    "penjaminan": "PENJAMINAN KUALITAS (INSPEKTORAT)",
    "final": "PENILAIAN FINAL (INSPEKTORAT)",
}
_SOURCE_WORDS = {"dihitung": "dihitung dari data Kinerja", "diubah": "diubah kantor", "diisi": "diisi kantor"}


def lke_workbook(store: Store, assessment: Assessment) -> bytes:
    """The year's LKE in the regional workbook's three sheets."""
    book = Workbook()
    office = office_settings(store).office_name
    _resume(book.active, assessment, office)
    _penilaian(book.create_sheet("PENILAIAN"), assessment)
    _bukti(book.create_sheet("BUKTI DUKUNG"), store, assessment)
    return workbook_bytes(book)


def _title(sheet, lines: list[str]) -> None:
    for n, line in enumerate(lines, start=1):
        sheet.cell(n, 1, line).font = Font(bold=True, size=12 if n == 1 else 11)


def _header(sheet, row: int, heads: list[str], widths: list[int]) -> None:
    for n, (head, width) in enumerate(zip(heads, widths, strict=True), start=1):
        cell = sheet.cell(row, n, head)
        cell.font, cell.fill, cell.border, cell.alignment = (
            _HEAD,
            _FILL,
            _BOX,
            Alignment(wrap_text=True, vertical="center"),
        )
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = sheet.cell(row + 1, 1)
    sheet.row_dimensions[row].height = 48  # the stages' headings on three lines
    # printed or opened as PDF: landscape, every column on the page's width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def _row(sheet, row: int, values: list, fill: PatternFill | None = None, number_from: int = 99) -> None:
    for n, value in enumerate(values, start=1):
        cell = sheet.cell(row, n, value)
        cell.border, cell.alignment = _BOX, _WRAP
        if fill is not None:
            cell.fill = fill
        if n >= number_from and isinstance(value, float):
            cell.number_format = "0.00"


def _resume(sheet, a: Assessment, office: str) -> None:
    sheet.title = "RESUME"
    _title(sheet, [f"RESUME LEMBAR KERJA EVALUASI AKIP TAHUN {a.year}", office, a.worksheet.name])
    heads = ["KODE", "NO", "KOMPONEN", "SUB-KOMPONEN", "BOBOT", *(_STAGE_HEADS[s] for s in STAGES), "KETERANGAN"]
    _header(sheet, 5, heads, [9, 5, 34, 16, 9, 16, 16, 16, 16, 30])
    row = 6
    for part in a.parts.itertuples(index=False):
        is_component = part.tingkat == "komponen"
        values = [part.kode, part.kode if is_component else None, part.nama if is_component else None,
                  None if is_component else part.nama, float(part.bobot), *(float(getattr(part, s)) for s in STAGES),
                  f"Verifikator: {part.verifikator}" if is_component else None]  # fmt: skip
        _row(sheet, row, values, _PART if is_component else None, number_from=5)
        row += 1
    _row(sheet, row, [None, "Nilai Akuntabilitas Kinerja", None, None, 100.0, *(a.totals[s] for s in STAGES), None],
         _PART, number_from=5)  # fmt: skip
    grades = [a.grade(s) for s in STAGES]
    _row(sheet, row + 1, [None, "Predikat", None, None, None, *(f"{g.grade} ({g.words})" for g in grades), None])
    for r in (row, row + 1):
        sheet.cell(r, 2).font = _HEAD
        sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)


def _penilaian(sheet, a: Assessment) -> None:
    _title(sheet, [f"PENILAIAN LEMBAR KERJA EVALUASI AKIP TAHUN {a.year}"])
    heads = ["KODE", "NO", "KOMPONEN", "SUB-KOMPONEN", "BOBOT MAKSIMAL", "KRITERIA KOMPONEN", "BUKTI DUKUNG",
             "LINK BUKTI DUKUNG", "DASAR PERHITUNGAN (KINERJA)"]  # fmt: skip
    for stage in STAGES:
        heads += [f"{_STAGE_HEADS[stage]}: KRITERIA PENILAIAN", "KOEFISIEN KRITERIA", "NILAI"]
    heads += ["CATATAN/KETERANGAN", "REKOMENDASI"]
    _header(sheet, 3, heads, [9, 7, 22, 14, 12, 55, 35, 35, 55] + [14, 11, 9] * len(STAGES) + [35, 35])
    names = {p.kode: p.nama for p in a.parts.itertuples(index=False)}
    scales = a.worksheet.scales
    row = 4
    for part in a.parts.itertuples(index=False):
        component = part.tingkat == "komponen"
        _row(sheet, row, [part.kode, part.kode, part.nama if component else None, None if component else part.nama,
                          float(part.bobot)] + [None] * (len(heads) - 5), _PART, number_from=5)  # fmt: skip
        row += 1
        if component:
            continue
        for c in a.criteria[a.criteria["subkomponen"] == part.kode].itertuples(index=False):
            links = "\n".join(f"{label}: {url}" for label, url in c.tautan)
            basis = ""
            if c.aturan:
                basis = f"{c.aturan}\n{c.angka}\nJawaban: {_SOURCE_WORDS.get(c.sumber, 'belum')}"
                basis += f"; alasan: {c.alasan}" if c.alasan else ""
            values = [c.kode, c.kode, names.get(c.komponen), part.nama, float(c.bobot), c.kriteria,
                      c.bukti_diminta.replace("; ", "\n"), links, basis]  # fmt: skip
            for stage in STAGES:
                answer = getattr(c, stage)
                coefficient = scales[c.skala].get(answer) if isinstance(answer, str) else None
                values += [answer or "Belum diisi", coefficient, float(getattr(c, f"nilai_{stage}"))]
            _row(sheet, row, [*values, c.catatan or None, c.rekomendasi or None], number_from=5)
            row += 1
    _fit_rows(sheet, 4, row)
    # the regional sheet is some 35 columns wide: on A3 landscape, two pages across at a readable size,
    # each page repeating the criterion's code and number and the heading row
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3
    sheet.page_setup.fitToWidth = 2
    sheet.print_title_cols, sheet.print_title_rows = "A:B", "3:3"


LINE_HEIGHT = 13  # points: one line of 11-point text


def _fit_rows(sheet, first: int, end: int) -> None:
    """Each row as tall as its longest wrapped cell: LibreOffice does not grow a row for wrapped
    text written without a height, and the lines would overlap the rows below."""
    widths = {letter: dim.width or 9 for letter, dim in sheet.column_dimensions.items()}
    for number in range(first, end):
        lines = 1
        for cell in sheet[number]:
            if isinstance(cell.value, str):
                per_line = max(1, int(widths.get(cell.column_letter, 9) * 1.1))
                lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in cell.value.split("\n")))
        sheet.row_dimensions[number].height = LINE_HEIGHT * lines + 2


def _bukti(sheet, store: Store, a: Assessment) -> None:
    _title(sheet, [f"BUKTI DUKUNG LKE TAHUN {a.year}"])
    _header(sheet, 3, ["NO", "KRITERIA", "BUKTI DUKUNG", "STATUS", "LINK"], [6, 10, 60, 24, 60])
    given = evidence_frame(store, a.year)
    row, number = 4, 1
    for c in a.criteria.itertuples(index=False):
        mine = given[given["criterion"] == c.kode]
        paths = _pack_paths(_folder(c.kode, c.kriteria), mine)
        items = [(r.label, "sudah unggah" if r.file_sha256 else "tautan", r.url or paths.get(n))
                 for n, r in enumerate(mine.itertuples(index=False))]  # fmt: skip
        items += [(label, "dari data Kinerja", url) for label, url in c.tautan]
        if not items:
            items = [(c.bukti_diminta, "belum ada", None)]
        for label, status, link in items:
            _row(sheet, row, [number, c.kode, label, status, link])
            row, number = row + 1, number + 1


def _pack_paths(folder: str, evidence) -> dict[int, str]:
    """Where each uploaded file of a criterion lies in the pack, by its position in ``evidence``:
    its own name, made unique ('sk.pdf', 'sk (2).pdf') when two files share one."""
    paths, taken = {}, set()
    for n, r in enumerate(evidence.itertuples(index=False)):
        if not r.file_sha256:
            continue
        stem, dot, ext = _safe(r.file_name or "bukti").rpartition(".")
        stem, ext = (stem, f".{ext}") if dot and stem else (f"{stem}{dot}{ext}", "")
        name, copy = f"{stem}{ext}", 1
        while name.lower() in taken:
            copy += 1
            name = f"{stem} ({copy}){ext}"
        taken.add(name.lower())
        paths[n] = f"{folder}/{name}"
    return paths


def _folder(code: str, text: str) -> str:
    words = re.sub(r"[^\w\s-]", "", text, flags=re.UNICODE).split()
    return f"{code} {' '.join(words[:8])}".strip()


def evidence_pack(store: Store, assessment: Assessment) -> bytes:
    """A zip: the LKE workbook, and a folder per criterion named by it holding its uploaded files,
    its links and, for a computed criterion, the rule and figures (dasar-perhitungan.txt)."""
    buffer = io.BytesIO()
    given = evidence_frame(store, assessment.year)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as pack:
        pack.writestr(f"LKE-{assessment.year}.xlsx", lke_workbook(store, assessment))
        for c in assessment.criteria.itertuples(index=False):
            folder = _folder(c.kode, c.kriteria)
            mine = given[given["criterion"] == c.kode]
            for path, digest in ((p, mine.iloc[n]["file_sha256"]) for n, p in _pack_paths(folder, mine).items()):
                found = evidence_file(store, digest)
                if found:
                    pack.writestr(path, found[1])
            links = [f"{r.label}: {r.url}" for r in mine.itertuples(index=False) if r.url]
            links += [f"{label}: {url}" for label, url in c.tautan]
            if links:
                pack.writestr(f"{folder}/tautan.txt", "\n".join(links) + "\n")
            if c.aturan:
                pack.writestr(
                    f"{folder}/dasar-perhitungan.txt", f"{c.aturan}\n{c.angka}\nJawaban: {c.mandiri or '-'}\n"
                )
    return buffer.getvalue()


def _safe(name: str) -> str:
    return re.sub(r"[\\/:*?\"<>|]+", "_", name).strip() or "berkas"
