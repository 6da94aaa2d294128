"""The office's own Word template: its letterhead (headers and footers), page size and styles carry
every report. Placeholders in it are filled with docxtpl; the report's body replaces the
template's body. Checked on upload, so a report never fails on it later."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from docx import Document
from docxtpl import DocxTemplate

from kinerja.access.roles import Action, require
from kinerja.domain.numbers import fmt_date
from kinerja.storage.store import Store

PLACEHOLDERS = {
    "kantor": "the office's name",
    "judul": "the report's title, e.g. LAPORAN KINERJA",
    "periode": "e.g. TRIWULAN II TAHUN 2026",
    "tahun": "the report's year",
    "tanggal": "the date it was drafted, dd-mm-yyyy",
}
NEEDED_STYLES = ("Normal", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid")
SETTING = "report_template"  # the sha256 of the stored template (stored_file)


class TemplateRejected(ValueError):
    """An uploaded template that cannot carry the reports; the message says why, in Indonesian."""


def check_template(content: bytes, file_name: str) -> list[str]:
    """The problems of an uploaded template (empty when it can be used)."""
    try:
        template = DocxTemplate(io.BytesIO(content))
        used = template.get_undeclared_template_variables()
    except Exception as exc:  # docxtpl/jinja raise many kinds
        return [f"{file_name}: bukan templat Word (.docx) yang dapat dibaca ({exc.__class__.__name__}: {exc})."]
    problems = []
    unknown = sorted(set(used) - set(PLACEHOLDERS))
    if unknown:
        problems.append(
            f"{file_name}: penanda tidak dikenal {', '.join('{{ ' + u + ' }}' for u in unknown)}; "
            f"yang tersedia: {', '.join('{{ ' + p + ' }}' for p in PLACEHOLDERS)}."
        )
    styles = {style.name for style in Document(io.BytesIO(content)).styles}
    missing = [name for name in NEEDED_STYLES if name not in styles]
    if missing:
        problems.append(
            f"{file_name}: gaya Word berikut tidak ada: {', '.join(missing)}. Buat templat dari dokumen Word biasa "
            "(Berkas → Baru) agar gaya bawaan tersedia."
        )
    if not problems:
        try:
            base(content, "LAPORAN KINERJA", "TRIWULAN I TAHUN 2026", "Dinas Contoh", 2026)
        except Exception as exc:
            problems.append(f"{file_name}: templat tidak dapat diisi ({exc.__class__.__name__}: {exc}).")
    return problems


def save_template(store: Store, content: bytes, file_name: str) -> None:
    """Make ``content`` the office's template for every report, after checking it."""
    require(Action.SETTINGS)
    problems = check_template(content, file_name)
    if problems:
        raise TemplateRejected(" ".join(problems))
    digest = hashlib.sha256(content).hexdigest()
    with store.write() as w:
        w.execute(
            "INSERT INTO stored_file (sha256, file_name, size, content) SELECT ?, ?, ?, ? "
            "WHERE NOT EXISTS (SELECT 1 FROM stored_file WHERE sha256 = ?)",
            [digest, file_name, len(content), content, digest],
        )
        before = w.scalar("SELECT value FROM setting WHERE key = ?", [SETTING])
        w.execute("DELETE FROM setting WHERE key = ?", [SETTING])
        w.execute("INSERT INTO setting VALUES (?, ?)", [SETTING, digest])
        w.audit("templat.laporan", "templat laporan", {"sha256": before}, {"sha256": digest, "berkas": file_name})


def remove_template(store: Store) -> None:
    """Back to the built-in look."""
    require(Action.SETTINGS)
    with store.write() as w:
        w.execute("DELETE FROM setting WHERE key = ?", [SETTING])
        w.audit("templat.laporan", "templat laporan", None, {"sha256": None})


def current_template(store: Store) -> tuple[str, bytes] | None:
    """The office's template (file name, content), or None for the built-in look."""
    found = store.rows(
        "SELECT f.file_name, f.content FROM setting s JOIN stored_file f ON f.sha256 = s.value WHERE s.key = ?",
        [SETTING],
    )
    return (found[0][0], bytes(found[0][1])) if found else None


def base(content: bytes, title: str, period: str, office: str, year: int, today: dt.date | None = None):
    """A python-docx document from the template: placeholders filled, its body emptied (headers,
    footers, page setup and styles kept) for the report to be written into."""
    template = DocxTemplate(io.BytesIO(content))
    template.render(
        {
            "kantor": office,
            "judul": title,
            "periode": period,
            "tahun": year,
            "tanggal": fmt_date(today or dt.date.today()),
        }
    )
    buffer = io.BytesIO()
    template.save(buffer)
    document = Document(io.BytesIO(buffer.getvalue()))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):  # the last section's page setup stays
            body.remove(child)
    return document
