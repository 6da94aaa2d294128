"""The pages before a report's chapters, as PermenPAN-RB 53/2014 shapes them: the Kata Pengantar
signed by the head of the office, and the Daftar Isi.

The Daftar Isi is a Word TOC field whose entries are written out: a page number cannot be known
without laying the pages out, so the headings are listed (LibreOffice's PDF shows them as written)
and the field is marked dirty, with the document asking to update its fields, so Word fills in
the page numbers when the file is opened."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from kinerja.reporting import worddoc as word
from kinerja.storage.settings import Settings

FOREWORD = "KATA PENGANTAR"
CONTENTS = "DAFTAR ISI"
TOC_FIELD = 'TOC \\o "1-3" \\h \\z \\u'


def foreword(document, settings: Settings, report: str, date_text: str) -> None:
    """Kata Pengantar: what the report is and what it is for, signed by the head of the office:
    the position, room for the signature, the name and NIP from the settings. Without a name in the
    settings the name is left for the head to write (the Laporan page says so): none is made up."""
    document.add_heading(FOREWORD, 1)
    document.add_paragraph(
        f"Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat-Nya {report} "
        f"{settings.office_name} dapat disusun. Laporan ini merupakan wujud akuntabilitas pelaksanaan tugas dan "
        "fungsi sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun 2014."
    )
    document.add_paragraph(
        "Laporan ini menyajikan capaian indikator kinerja terhadap target yang diperjanjikan, beserta faktor "
        "pendorong, kendala dan upaya tindak lanjutnya. Semoga laporan ini menjadi bahan evaluasi dan perbaikan "
        "kinerja, serta memberi informasi yang bermanfaat bagi pimpinan dan para pemangku kepentingan."
    )
    document.add_paragraph()
    for text, bold in _signature(settings, date_text):
        added = word.paragraph(document, text, bold=bold)
        added.paragraph_format.left_indent = Cm(8.5)
        added.paragraph_format.space_after = Pt(0)
        added.paragraph_format.keep_with_next = True
    document.add_page_break()


def _signature(settings: Settings, date_text: str) -> list[tuple[str, bool]]:
    lines = [(date_text, False), (f"Kepala {settings.office_name},", False), ("", False), ("", False), ("", False)]
    if settings.head_name:
        lines.append((settings.head_name, True))
        if settings.head_nip:
            lines.append((f"NIP {settings.head_nip}", False))
    return lines


def contents(document):
    """Daftar Isi's heading and the paragraph the table of contents goes before (see :func:`fill_contents`)."""
    document.add_heading(CONTENTS, 1)
    marker = document.add_paragraph()
    document.add_page_break()
    return marker


def fill_contents(document, marker, levels: int = 3) -> None:
    """Write the headings that follow ``marker`` (levels 1 to ``levels``) into a TOC field before it,
    each indented by its level; Word is asked to update the field, with page numbers, on opening."""
    body = document.element.body
    names = {style.style_id: style.name for style in document.styles}
    after = False
    entries = []
    for block in body.iterchildren(qn("w:p")):
        if block is marker._p:
            after = True
            continue
        if not after:
            continue
        style = block.pPr.pStyle.val if block.pPr is not None and block.pPr.pStyle is not None else ""
        level = _heading_level(names.get(style, ""))
        text = "".join(t.text or "" for t in block.iter(qn("w:t"))).strip()
        if level and level <= levels and text:
            entries.append((level, text))
    if not entries:
        return
    for number, (level, text) in enumerate(entries):
        entry = word.paragraph(document, "")
        entry.paragraph_format.left_indent = Cm(0.75 * (level - 1))
        entry.paragraph_format.space_after = Pt(2)
        if number == 0:
            _field_char(entry, "begin", dirty=True)
            _instruction(entry, TOC_FIELD)
            _field_char(entry, "separate")
        run = entry.add_run(text)
        run.bold = level == 1
        if number == len(entries) - 1:
            _field_char(entry, "end")
        marker._p.addprevious(entry._p)
    _update_fields_on_open(document)


def _heading_level(style_name: str | None) -> int:
    """1 for "Heading 1" and so on; 0 for any other style."""
    if style_name and style_name.startswith("Heading ") and style_name[8:].isdigit():
        return int(style_name[8:])
    return 0


def _field_char(paragraph, kind: str, dirty: bool = False) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(char)


def _instruction(paragraph, text: str) -> None:
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {text} "
    paragraph.add_run()._r.append(instruction)


def _update_fields_on_open(document) -> None:
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
