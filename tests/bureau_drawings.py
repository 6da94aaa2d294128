"""Pohon kinerja drawn by officials, as two provincial bureaus draw theirs (DOMAIN.md, "Cascades as
offices draw them"): the head (Kepala Biro, eselon II) with "Sasaran 1", "Sasaran 2" over its boxes;
each Bagian (eselon III) under its unit heading with boxes "Sasaran : 1" (the head's sasaran it
supports); each Sub Bagian (eselon IV) under its heading with its indicators numbered "1.1" / "2.1"
(the Bagian's sasaran and indicator they support); boxes of merged cells, "ESELON …" labels at the
left, a title. One tree, drawn in the layouts offices use: a label's text in the same cell, in the
cell right of it, below it, or one row down and one column right; a unit's boxes stacked in a column
or side by side."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook

from kinerja.cascade.tree import IndicatorKind, Level

STYLES = ("satu sel", "teks di kanan", "teks di bawah", "teks di bawah kanan")
WIDTH = 5  # a box's columns: its label's, then four for its text

TUJUAN = "Meningkatnya pertumbuhan ekonomi daerah"
SASARAN = (
    "Meningkatnya kualitas kebijakan perekonomian daerah",
    "Meningkatnya akuntabilitas kinerja Biro Perekonomian",
)


def bureau_plan() -> bytes:
    """The bureau's PK: one tujuan, two sasaran with an indicator each, and its units (two of its four
    Bagian and Sub Bagian are in the unit list, the drawing names the others as written)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK 2026"
    sheet.append(["PERJANJIAN KINERJA BIRO PEREKONOMIAN TAHUN 2026"])
    sheet.append([])
    sheet.append(["Tujuan", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan", "Target",
                  "Polaritas", "Agregasi", "IKU", "Penanggung Jawab"])  # fmt: skip
    sheet.append([TUJUAN, SASARAN[0], "IK01", "Persentase rekomendasi kebijakan perekonomian yang ditindaklanjuti",
                  "%", 80, "Positif", "Nilai Akhir", "Ya", "BIRO"])  # fmt: skip
    sheet.append([TUJUAN, SASARAN[1], "IK02", "Nilai SAKIP Biro Perekonomian", "nilai", 75, "Positif", "Nilai Akhir",
                  "Ya", "BIRO"])  # fmt: skip
    units = book.create_sheet("Unit")
    units.append(["Kode Unit", "Nama Unit", "Unit Induk", "Jenis"])
    units.append(["BIRO", "Biro Perekonomian", "", "opd"])
    units.append(["TANI", "Bagian Pertanian", "BIRO", "bidang"])
    units.append(["TU-TANI", "Sub Bagian Tata Usaha", "TANI", "subbag"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Drawn:
    """A box as drawn: "Sasaran 1" (numbered), "Sasaran : 1" (supports 1) or "Sasaran : …" (neither),
    its text, and its indicators, each with the "1.1" written before it (or None)."""

    text: str
    numbered: int | None = None
    supports: int | None = None
    indicators: tuple[tuple[str | None, str], ...] = ()


@dataclass(frozen=True)
class Unit:
    """A unit heading and the boxes under it; ``units``: the units under it (a Bagian's Sub Bagian)."""

    heading: str
    boxes: tuple[Drawn, ...]
    units: tuple[Unit, ...] = field(default_factory=tuple)


HEAD = Unit(
    "KEPALA BIRO PEREKONOMIAN",
    (
        Drawn(
            SASARAN[0],
            numbered=1,
            indicators=((None, "Persentase rekomendasi kebijakan perekonomian yang ditindaklanjuti (80%)"),),
        ),
        Drawn(SASARAN[1], numbered=2, indicators=((None, "Nilai SAKIP Biro Perekonomian (75 Nilai)"),)),
    ),
    (
        Unit(
            "BAGIAN PERTANIAN",
            (
                Drawn(
                    "Meningkatnya kualitas rekomendasi kebijakan pertanian",
                    supports=1,
                    indicators=(
                        (None, "Persentase rekomendasi kebijakan pertanian yang ditindaklanjuti (85%)"),
                        (None, "Jumlah kajian komoditas unggulan (3 Dokumen)"),
                    ),
                ),
                Drawn(
                    "Meningkatnya akuntabilitas kinerja Bagian Pertanian",
                    supports=2,
                    indicators=((None, "Nilai evaluasi kinerja Bagian Pertanian (80 Nilai)"),),
                ),
            ),
            (
                Unit(
                    "SUB BAGIAN TANAMAN PANGAN",
                    (
                        Drawn(
                            "Tersedianya bahan kebijakan tanaman pangan",
                            indicators=(
                                ("1.1", "Jumlah bahan rekomendasi tanaman pangan (4 Dokumen)"),
                                ("1.2", "Jumlah data komoditas unggulan yang dimutakhirkan (12 Komoditas)"),
                            ),
                        ),
                    ),
                ),
                Unit(
                    "SUB BAGIAN TATA USAHA",
                    (
                        Drawn(
                            "Terkelolanya administrasi dan laporan kinerja bagian",
                            indicators=(("2.1", "Jumlah laporan kinerja yang disusun tepat waktu (4 Laporan)"),),
                        ),
                    ),
                ),
            ),
        ),
        Unit(
            "BAGIAN PEREKONOMIAN",
            (
                Drawn(
                    "Meningkatnya kualitas rekomendasi kebijakan perekonomian",
                    supports=1,
                    indicators=((None, "Persentase rekomendasi kebijakan ekonomi yang ditindaklanjuti (80%)"),),
                ),
            ),
            (
                Unit(
                    "SUB BAGIAN PEREKONOMIAN DAERAH",
                    (
                        Drawn(
                            "Tersedianya kajian perekonomian daerah",
                            indicators=(("1.1", "Jumlah kajian perekonomian daerah (2 Kajian)"),),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


def _indicator(name: str, target: float, unit: str, kind: IndicatorKind) -> tuple:
    return (name, kind, unit, target)


# Every node the drawing gives, by its name: level, parent (the plan's S1/S2 or another node's name),
# unit code, official, indicators (name, kind, satuan, target). The head's sasaran are the plan's.
EXPECTED = {
    "Meningkatnya kualitas rekomendasi kebijakan pertanian": (
        Level.PROGRAM, "S1", "TANI", None,
        [("Persentase rekomendasi kebijakan pertanian yang ditindaklanjuti", IndicatorKind.OUTCOME, "%", 85),
         ("Jumlah kajian komoditas unggulan", IndicatorKind.OUTCOME, "Dokumen", 3)],
    ),
    "Meningkatnya akuntabilitas kinerja Bagian Pertanian": (
        Level.PROGRAM, "S2", "TANI", None,
        [("Nilai evaluasi kinerja Bagian Pertanian", IndicatorKind.OUTCOME, "Nilai", 80)],
    ),
    "Meningkatnya kualitas rekomendasi kebijakan perekonomian": (
        Level.PROGRAM, "S1", None, "BAGIAN PEREKONOMIAN",
        [("Persentase rekomendasi kebijakan ekonomi yang ditindaklanjuti", IndicatorKind.OUTCOME, "%", 80)],
    ),
    "Tersedianya bahan kebijakan tanaman pangan": (
        Level.KEGIATAN, "Meningkatnya kualitas rekomendasi kebijakan pertanian", None, "SUB BAGIAN TANAMAN PANGAN",
        [("Jumlah bahan rekomendasi tanaman pangan", IndicatorKind.OUTPUT, "Dokumen", 4),
         ("Jumlah data komoditas unggulan yang dimutakhirkan", IndicatorKind.OUTPUT, "Komoditas", 12)],
    ),
    "Terkelolanya administrasi dan laporan kinerja bagian": (
        Level.KEGIATAN, "Meningkatnya akuntabilitas kinerja Bagian Pertanian", "TU-TANI", None,
        [("Jumlah laporan kinerja yang disusun tepat waktu", IndicatorKind.OUTPUT, "Laporan", 4)],
    ),
    "Tersedianya kajian perekonomian daerah": (
        Level.KEGIATAN, "Meningkatnya kualitas rekomendasi kebijakan perekonomian", None,
        "SUB BAGIAN PEREKONOMIAN DAERAH",
        [("Jumlah kajian perekonomian daerah", IndicatorKind.OUTPUT, "Kajian", 2)],
    ),
}  # fmt: skip


def tree_of(nodes) -> dict[str, tuple]:
    """The nodes read, in EXPECTED's terms (a parent that is a node named by its name)."""
    names = {node.code: node.name for node in nodes}
    return {
        node.name: (
            node.level,
            names.get(node.parent_code, node.parent_code),
            node.unit_code,
            node.official,
            [(i.name, i.kind, i.measure_unit, i.target) for i in node.indicators],
        )
        for node in nodes
    }


class _Canvas:
    """Cells (0-based row, column) and merged ranges of one sheet."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], object] = {}
        self.merges: list[tuple[int, int, int, int]] = []

    def put(self, row: int, col: int, value: object, width: int = 1) -> None:
        self.cells[row, col] = value
        if width > 1:
            self.merges.append((row, col, row, col + width - 1))

    def xlsx(self, sheet: str = "Pohon Kinerja") -> bytes:
        book = Workbook()
        drawn = book.active
        drawn.title = sheet
        for (row, col), value in self.cells.items():
            drawn.cell(row + 1, col + 1, value)
        for r0, c0, r1, c1 in self.merges:
            drawn.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def _labelled(canvas: _Canvas, row: int, col: int, label: str, text: str, style: str) -> int:
    """A label and its text in ``style``; the row after them."""
    if style == "satu sel":
        canvas.put(row, col, f"{label} {text}", WIDTH)
        return row + 1
    if style == "teks di kanan":
        canvas.put(row, col, label)
        canvas.put(row, col + 1, text, WIDTH - 1)
        return row + 1
    if style == "teks di bawah":
        canvas.put(row, col, label, WIDTH)
        canvas.put(row + 1, col, text, WIDTH)
        return row + 2
    canvas.put(row, col, label)  # teks di bawah kanan: one row down, one column right
    canvas.put(row + 1, col + 1, text, WIDTH - 1)
    return row + 2


def _box(canvas: _Canvas, row: int, col: int, box: Drawn, style: str) -> int:
    """A box from ``row``; the row after it."""
    if box.numbered is not None:  # "Sasaran 1" over the head's box, its text under it
        canvas.put(row, col, f"Sasaran {box.numbered}", WIDTH)
        canvas.put(row + 1, col, box.text, WIDTH)
        row += 2
    elif box.supports is not None and style in ("satu sel", "teks di bawah"):
        canvas.put(row, col, f"Sasaran : {box.supports}", WIDTH)
        canvas.put(row + 1, col, box.text, WIDTH)
        row += 2
    elif box.supports is not None:
        row = _labelled(canvas, row, col, f"Sasaran : {box.supports}", box.text, style)
    else:
        row = _labelled(canvas, row, col, "Sasaran :", box.text, style)
    for n, (number, text) in enumerate(box.indicators):
        if style in ("satu sel", "teks di bawah"):
            written = f"{number} {text}" if number else text
            if n:
                canvas.put(row, col, written, WIDTH)
                row += 1
            else:
                row = _labelled(canvas, row, col, "Indikator :", written, style)
        elif number:  # "1.1" in the label's column, the indicator beside it
            if not n:
                canvas.put(row, col, "Indikator :")
                row += 1
            canvas.put(row, col, number)
            canvas.put(row, col + 1, text, WIDTH - 1)
            row += 1
        elif n:
            canvas.put(row, col + 1, text, WIDTH - 1)
            row += 1
        else:
            row = _labelled(canvas, row, col, "Indikator :", text, style)
    return row


def _width(unit: Unit, stacked: bool) -> int:
    """The columns a unit takes: its boxes' (side by side, or one column stacked) or its units'."""
    own = WIDTH if stacked else len(unit.boxes) * (WIDTH + 1) - 1
    under = sum(_width(u, stacked) + 1 for u in unit.units) - 1
    return max(own, under)


def _unit(canvas: _Canvas, row: int, col: int, unit: Unit, style: str, stacked: bool) -> int:
    """A unit's heading and boxes; the row its units' band may start at."""
    canvas.put(row, col, unit.heading, _width(unit, stacked))
    row += 1
    bottom = row
    for n, box in enumerate(unit.boxes):
        if stacked:
            row = _box(canvas, row, col, box, style) + 1
            bottom = row
        else:
            bottom = max(bottom, _box(canvas, row, col + n * (WIDTH + 1), box, style) + 1)
    return bottom


def bureau_drawing(style: str = "teks di bawah kanan", *, stacked: bool = True, eselon: bool = True) -> bytes:
    """The bureau's tree in ``style`` (STYLES), each unit's boxes ``stacked`` in a column or side by
    side; ``eselon``: the "ESELON …" labels at the left."""
    canvas = _Canvas()
    canvas.put(0, 0, "POHON KINERJA BIRO PEREKONOMIAN SEKRETARIAT DAERAH PROVINSI CONTOH TAHUN 2026")
    left = 1
    bands = [(HEAD,), HEAD.units, tuple(u for bagian in HEAD.units for u in bagian.units)]
    row = 2
    for level, band in zip(("ESELON II", "ESELON III", "ESELON IV"), bands, strict=True):
        if eselon:
            canvas.put(row, 0, level)
        col, bottom = left, row
        for unit in band:
            owner = next((b for b in HEAD.units if unit in b.units), None)
            if owner is not None and unit is owner.units[0]:
                col = left + sum(_width(b, stacked) + 1 for b in HEAD.units[: HEAD.units.index(owner)])
            bottom = max(bottom, _unit(canvas, row, col, unit, style, stacked))
            col += _width(unit, stacked) + 1
        row = bottom + 1
    return canvas.xlsx()


_SHAPE = (
    "<xdr:twoCellAnchor><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row>"
    "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{end}</xdr:col><xdr:colOff>0</xdr:colOff>"
    "<xdr:row>{bottom}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
    '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{id}" name="TextBox {id}"/><xdr:cNvSpPr txBox="1"/>'
    '</xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
    "<xdr:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>"
)
_CONNECTOR = (
    "<xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row>"
    "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>8</xdr:row>"
    '<xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="99" name="Garis"/>'
    '<xdr:cNvCxnSpPr/></xdr:nvCxnSpPr><xdr:spPr><a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>'
    "</xdr:spPr></xdr:cxnSp><xdr:clientData/></xdr:twoCellAnchor>"
)


def with_text_boxes(content: bytes, boxes: list[tuple[int, int, str]]) -> bytes:
    """``content`` (an xlsx) with text boxes (0-based row, column, text; lines split at \\n) drawn over its
    first sheet and a connector line between them, written as Excel writes shapes: the text in the
    drawing's XML, none in the cells."""
    from xml.sax.saxutils import escape

    shapes = "".join(
        _SHAPE.format(
            col=col, row=row, end=col + WIDTH, bottom=row + 3, id=n + 2,
            paragraphs="".join(f"<a:p><a:r><a:t>{escape(line)}</a:t></a:r></a:p>" for line in text.split("\n")),
        )
        for n, (row, col, text) in enumerate(boxes)
    )  # fmt: skip
    drawing = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">{shapes}{_CONNECTOR}</xdr:wsDr>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdShapes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
        'Target="../drawings/drawing1.xml"/></Relationships>'
    )
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</worksheet>",
                    b'<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                    b'r:id="rIdShapes"/></worksheet>',
                )
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/drawings/drawing1.xml" '
                    b'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
                )
            target.writestr(item, data)
        target.writestr("xl/drawings/drawing1.xml", drawing)
        target.writestr("xl/worksheets/_rels/sheet1.xml.rels", rels)
    return out.getvalue()


def shapes_only_drawing() -> bytes:
    """The bureau's head and one Bagian drawn only with text boxes: a title in a cell, no other cell text."""
    canvas = _Canvas()
    canvas.put(0, 0, "POHON KINERJA BIRO PEREKONOMIAN TAHUN 2026")
    return with_text_boxes(
        canvas.xlsx(),
        [
            (2, 1, f"Sasaran 1\n{SASARAN[0]}\nIndikator :\nPersentase rekomendasi kebijakan (80%)"),
            (2, 8, f"Sasaran 2\n{SASARAN[1]}\nIndikator :\nNilai SAKIP Biro Perekonomian (75 Nilai)"),
            (9, 1, "BAGIAN PERTANIAN\nSasaran : 1\nMeningkatnya kualitas rekomendasi kebijakan pertanian"),
        ],
    )
