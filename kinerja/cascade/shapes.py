"""Text boxes (drawing shapes) in a workbook's sheets. Some offices draw the whole pohon kinerja with
text boxes over the cells: the text is in the drawing's XML, not in any cell, so no cell reader sees
it. Kinerja does not read them as a tree (their places say nothing reliable about what hangs under
what); it finds them so that the person is told why the file reads empty and what to export instead."""

from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree import ElementTree

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_DRAWING = "/drawing"
_LARGEST_PART = 16 * 1024 * 1024  # a drawing's XML; the file was screened (zip bombs, DTDs) before


def text_boxes(content: bytes) -> dict[str, list[str]]:
    """Each sheet's text boxes that hold text (sheet name → their texts), for an xlsx; {} otherwise.
    Lines and connectors (shapes without text) are left out."""
    if not content.startswith(b"PK"):
        return {}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return {
                sheet: texts for sheet, path in _sheet_drawings(archive).items() if (texts := _texts(archive, path))
            }
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError):
        return {}  # not a workbook these parts make sense of: the readers say what they can


def _part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    info = archive.getinfo(name)
    if info.file_size > _LARGEST_PART:
        raise ValueError(name)
    return ElementTree.fromstring(archive.read(info))


def _targets(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of ``part``: id → (type, the target's path in the archive)."""
    folder, name = posixpath.split(part)
    rels = f"{folder}/_rels/{name}.rels"
    if rels not in archive.namelist():
        return {}
    found = {}
    for rel in _part(archive, rels).findall("rel:Relationship", _NS):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return found


def _sheet_drawings(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the path of its drawing part."""
    sheets = _targets(archive, "xl/workbook.xml")
    drawings = {}
    for sheet in _part(archive, "xl/workbook.xml").findall("m:sheets/m:sheet", _NS):
        path = sheets.get(sheet.get(_R, ""), ("", ""))[1]
        if path not in archive.namelist():
            continue
        for kind, target in _targets(archive, path).values():
            if kind.endswith(_DRAWING) and target in archive.namelist():
                drawings[sheet.get("name", "")] = target
    return drawings


def _texts(archive: zipfile.ZipFile, path: str) -> list[str]:
    texts = []
    for shape in _part(archive, path).iter(f"{{{_NS['xdr']}}}sp"):
        text = " ".join(" ".join(t.text or "" for t in shape.iter(f"{{{_NS['a']}}}t")).split())
        if text:
            texts.append(text)
    return texts
