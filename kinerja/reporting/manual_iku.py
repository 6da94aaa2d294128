"""The Manual IKU as the Word document offices attach (KKE B.1.2): a cover line, then one page per
indicator (IKU first, then the PK's other indicators), each a two-column table of every field with
what an evaluator would note of it under the table (a blank field named, a target below last year's
realisation flagged), and the head's signature at the end."""

from __future__ import annotations

import pandas as pd
from docx.shared import Cm, Pt

from kinerja.domain.achievement import Aggregation, Polarity
from kinerja.domain.numbers import fmt_number
from kinerja.domain.vocabulary import AGGREGATION_WORD, POLARITY_WORD
from kinerja.planning.manual_iku import manual_findings, manual_frame
from kinerja.reporting import worddoc as word
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store

# each page's rows: the field's label, and how its text is read from a row of manual_frame
FIELDS: tuple[str, ...] = (
    "Kode", "Indikator Kinerja", "Jenis Indikator", "Sasaran Strategis", "Definisi Operasional", "Formula",
    "Pembilang", "Penyebut", "Satuan", "Polaritas", "Agregasi (cara menghitung capaian)", "Sumber Data",
    "Penanggung Jawab", "Frekuensi Pengumpulan Data", "Target", "Realisasi Tahun Sebelumnya",
    "Alasan Penetapan Target",
)  # fmt: skip


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _target(low: float, high: float) -> str:
    return fmt_number(low) if pd.isna(high) else f"{fmt_number(low)} – {fmt_number(high)}"


def field_texts(row: dict, year: int) -> list[str]:
    """The page's texts of one indicator, in FIELDS' order; a field the plan leaves blank stays blank
    (the gap is a finding on the page and the command line, never a made-up text)."""
    unit = " – ".join(t for t in (_text(row["unit_code"]), _text(row["unit_name"])) if t)
    ratio = row["aggregation"] == Aggregation.RATIO.value
    last = row["last_realisation"]
    return [
        row["code"], row["name"], "Indikator Kinerja Utama (IKU)" if row["is_key"] else "Indikator Kinerja (PK)",
        row["sasaran"], _text(row["definition"]), _text(row["formula"]),
        _text(row["numerator"]) if ratio or _text(row["numerator"]) else "tidak berlaku (bukan rasio)",
        _text(row["denominator"]) if ratio or _text(row["denominator"]) else "tidak berlaku (bukan rasio)",
        _text(row["measure_unit"]), POLARITY_WORD[Polarity(row["polarity"])],
        AGGREGATION_WORD[Aggregation(row["aggregation"])], _text(row["data_source"]), unit,
        _text(row["frequency"]), f"{_target(row['target_low'], row['target_high'])} (tahun {year})",
        "" if pd.isna(last) else f"{fmt_number(last)} (tahun {year - 1})", _text(row["target_reason"]),
    ]  # fmt: skip


def manual_iku_docx(store: Store, year: int, frame: pd.DataFrame | None = None) -> bytes:
    """The year's Manual IKU: one page per indicator of the PK (``frame``: :func:`manual_frame`)."""
    frame = manual_frame(store, year) if frame is None else frame
    settings = load_settings(store, year)
    office = settings.office_name
    findings: dict[str, list[str]] = {}
    for found in manual_findings(frame, year):
        findings.setdefault(found.code, []).append(f"{found.kind}: {found.message}")
    document = word.new_document(store, "MANUAL INDIKATOR KINERJA", f"TAHUN {year}", office, year)
    word.paragraph(document, f"MANUAL INDIKATOR KINERJA UTAMA TAHUN {year}", bold=True, size=14, center=True)
    word.paragraph(document, office.upper(), bold=True, size=12, center=True)
    keys = int(frame["is_key"].sum())
    document.add_paragraph(
        f"Manual ini memuat {len(frame)} indikator Perjanjian Kinerja tahun {year} ({keys} IKU), satu halaman "
        "per indikator: definisi operasional, formula, sumber data, penanggung jawab dan frekuensi pengumpulan data."
    )
    for number, row in enumerate(frame.to_dict("records"), start=1):
        document.add_page_break()
        word.paragraph(document, f"{number}. {row['code']} {row['name']}", bold=True, size=12)
        rows = [[label, text] for label, text in zip(FIELDS, field_texts(row, year), strict=True)]
        word.table(document, ["Uraian", "Keterangan"], rows, [5.0, 11.0], size=10)
        if row["code"] in findings:  # the blank rows say why they are blank; the evaluator's points first seen here
            note = word.paragraph(document, "Catatan pemeriksaan Kinerja: " + "; ".join(findings[row["code"]]) + ".")
            note.runs[0].italic, note.runs[0].font.size = True, Pt(9)
    _signature(document, office, settings.head_name, settings.head_nip, year)
    return word.to_bytes(document)


def _signature(document, office: str, name: str, nip: str, year: int) -> None:
    """The head who sets the manual signs under the last indicator (a line for the name and NIP
    written by hand where Kinerja does not hold them)."""
    document.add_paragraph()
    lines = [f"…………, …… {year}", f"Kepala {office},", "", "", "", name or "(………………………………)",
             f"NIP. {nip or '……………………………'}"]  # fmt: skip
    for number, text in enumerate(lines):
        added = word.paragraph(document, text, bold=number == 5 and bool(name))
        added.paragraph_format.left_indent = Cm(8.5)
        added.paragraph_format.space_after = Pt(0)
        added.paragraph_format.keep_with_next = number < len(lines) - 1
