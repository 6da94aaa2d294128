"""The pieces every Word report is made of: an A4 document, headings and paragraphs, tables with a
repeated dark header row and fixed column widths, and landscape pages for wide tables."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HEADER_FILL = "1F4E79"


def new_document(store=None, title: str = "", period: str = "", office: str = "", year: int = 0):
    """The office's template (kinerja.reporting.office_template) when one is set, else A4, 2.5 cm margins,
    Arial 11."""
    if store is not None:
        from kinerja.reporting.office_template import base, current_template

        found = current_template(store)
        if found:
            return _styles_looked_up_once(base(found[1], title, period, office, year))
    document = Document()
    first = document.sections[0]
    first.page_width, first.page_height = Cm(21), Cm(29.7)
    first.left_margin = first.right_margin = first.top_margin = first.bottom_margin = Cm(2.5)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(11)
    return _styles_looked_up_once(document)


def _styles_looked_up_once(document):
    """The document with each style name looked up once: python-docx searches every style of the
    document (and its default) for each heading, list item and table it is given a style by name,
    about 1 ms each, two seconds of a province's LKjIP. A report adds no style while it is written."""
    part, found = document.part, {}
    look_up = part.get_style_id

    def style_id(style_or_name, style_type):
        if not isinstance(style_or_name, str):
            return look_up(style_or_name, style_type)
        if (style_or_name, style_type) not in found:
            found[style_or_name, style_type] = look_up(style_or_name, style_type)
        return found[style_or_name, style_type]

    part.get_style_id = style_id
    return document


def paragraph(document, text: str, *, bold: bool = False, size: int | None = None, center: bool = False, style=None):
    added = document.add_paragraph(style=style)
    run = added.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if center:
        added.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return added


def cover(document, title: str, subtitle: str, office: str, date_text: str) -> None:
    for _ in range(6):
        document.add_paragraph()
    paragraph(document, title, bold=True, size=20, center=True)
    paragraph(document, subtitle, bold=True, size=16, center=True)
    document.add_paragraph()
    paragraph(document, office.upper(), bold=True, size=14, center=True)
    paragraph(document, date_text, size=11, center=True)
    document.add_page_break()


def _shade(cell, color: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    properties.append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def table(
    document,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    size: int = 8,
):
    """A table with a dark, repeated header row; ``numeric`` columns right-aligned."""
    added = document.add_table(rows=1, cols=len(headings))
    added.style = "Table Grid"
    added.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(added.rows[0].cells, headings, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(size)
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _shade(cell, HEADER_FILL)
    _repeat_header(added.rows[0])
    added.autofit = False
    for column, width in zip(added.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice and Word lay out by
    for cell, width in zip(added.rows[0].cells, widths_cm, strict=True):
        cell.width = Cm(width)
    twips = [int(Cm(width).twips) for width in widths_cm]
    for start in range(0, len(rows), _ROWS_AT_ONCE):
        for row in list(parse_xml(_rows_xml(rows[start : start + _ROWS_AT_ONCE], twips, set(numeric), size))):
            added._tbl.append(row)
    return added


_ROWS_AT_ONCE = 500
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _rows_xml(rows: Sequence[Sequence[str]], twips: Sequence[int], numeric: set[int], size: int) -> str:
    """The body rows of a table as WordprocessingML, written at once: python-docx's cell by cell
    took 40 s for a province's LKjIP. Each cell as python-docx writes it: its width, one paragraph
    (right-aligned for ``numeric`` columns), one run of ``size`` points; a line break as <w:br/>."""
    rows_xml = []
    for values in rows:
        if len(values) != len(twips):
            raise ValueError(f"baris tabel berisi {len(values)} sel untuk {len(twips)} kolom")
        cells = []
        for index, (text, width) in enumerate(zip(values, twips, strict=True)):
            align = '<w:pPr><w:jc w:val="right"/></w:pPr>' if index in numeric else ""
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{align}<w:r>'
                f'<w:rPr><w:sz w:val="{size * 2}"/></w:rPr>{_run_text(text)}</w:r></w:p></w:tc>'
            )
        rows_xml.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return f"<w:tbl {nsdecls('w')}>{''.join(rows_xml)}</w:tbl>"


def _run_text(text: str) -> str:
    parts = []
    for n, line in enumerate(_NOT_XML.sub("", str(text)).split("\n")):
        if n:
            parts.append("<w:br/>")
        for m, piece in enumerate(line.split("\t")):
            if m:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(parts)


def _sides(document) -> tuple[int, int]:
    first = document.sections[0]
    return min(first.page_width, first.page_height), max(first.page_width, first.page_height)


def landscape(document):
    """A new section turned sideways (the document's own paper: A4, or the office's F4)."""
    return _new_section(document, WD_ORIENT.LANDSCAPE)


def portrait(document):
    """A new section upright again, on the same paper."""
    return _new_section(document, WD_ORIENT.PORTRAIT)


def _new_section(document, orientation):
    short, long = _sides(document)
    section = document.add_section()
    section.orientation = orientation
    wide = orientation == WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = (long, short) if wide else (short, long)
    return section


def picture(document, image: bytes, caption: str, width_cm: float = 16.0, height_cm: float = 22.0) -> None:
    """A chart across the text column with its caption under it, the two kept on one page (the
    picture's paragraph keeps with the next). ``image`` is drawn for ``width_cm``
    (:mod:`kinerja.reporting.chart_images`); one taller than ``height_cm`` is narrowed to fit the page."""
    shape = Image.from_blob(image)
    tall = shape.px_height / shape.px_width * width_cm
    width = width_cm if tall <= height_cm else height_cm * shape.px_width / shape.px_height
    document.add_picture(io.BytesIO(image), width=Cm(width))
    placed = document.paragraphs[-1]
    placed.alignment = WD_ALIGN_PARAGRAPH.CENTER
    placed.paragraph_format.keep_with_next = True
    paragraph(document, caption, size=9, center=True)


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
