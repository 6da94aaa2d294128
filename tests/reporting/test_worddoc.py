"""The pieces of every Word report (kinerja/reporting/worddoc.py)."""

import io

import pytest
from docx import Document

from kinerja.reporting import worddoc


def test_styles_named_again_are_looked_up_once_and_land_as_python_docx_sets_them(monkeypatch):
    document = worddoc.new_document()
    searched = []
    styles = type(document.styles)
    original = styles._get_style_id_from_name
    monkeypatch.setattr(styles, "_get_style_id_from_name", lambda self, *a: searched.append(a) or original(self, *a))
    for n in range(3):
        document.add_heading(f"Bab {n}", 1)
        document.add_paragraph(f"butir {n}", style="List Bullet")
        worddoc.paragraph(document, f"biasa {n}")
    worddoc.table(document, ["Indikator", "Nilai"], [["IK01", "1"]], [8.0, 3.0])
    assert len(searched) == 3, "Heading 1, List Bullet and Table Grid: each once"
    buffer = io.BytesIO()
    document.save(buffer)
    again = Document(io.BytesIO(buffer.getvalue()))
    assert [p.style.name for p in again.paragraphs[:3]] == ["Heading 1", "List Bullet", "Normal"]
    assert again.tables[0].style.name == "Table Grid"


def test_a_style_the_document_lacks_is_still_refused():
    with pytest.raises(KeyError):
        worddoc.new_document().add_paragraph("x", style="Gaya Tidak Ada")
