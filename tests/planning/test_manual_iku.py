"""The Manual IKU: its fields read from a plan's columns (kept when a later table has no such column),
the gaps an evaluator would find and the target below last year's realisation as tables, the Word
document's structure (one page and table per indicator, every field) and the command line."""

import io
import math

import pandas as pd
import pytest
from docx import Document
from openpyxl import Workbook

from kinerja.planning.manual_iku import manual_findings, manual_frame, target_below_last_year
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.reporting.manual_iku import FIELDS, manual_iku_docx
from tests.cli import kinerja

FULL = {
    "code": "IK01", "is_key": True, "definition": "Persentase …", "formula": "A / B × 100%", "numerator": "A",
    "denominator": "B", "aggregation": "RATIO", "data_source": "Laporan", "unit_code": "BID1", "frequency": "Triwulanan",
    "target_reason": "Renstra", "polarity": "positif", "target_low": 80.0, "target_high": math.nan,
    "last_realisation": 75.0,
}  # fmt: skip

FINDINGS = [
    ("lengkap", {}, []),
    ("IKU tanpa definisi", {"definition": None}, [("temuan", "IKU tanpa definisi operasional")]),
    ("IKU definisi spasi", {"definition": "  "}, [("temuan", "IKU tanpa definisi operasional")]),
    ("IKU tanpa formula", {"formula": ""}, [("temuan", "IKU tanpa formula (cara menghitung)")]),
    ("PK bukan IKU tanpa formula", {"is_key": False, "formula": None},
     [("catatan", "indikator PK tanpa formula (cara menghitung)")]),
    ("rasio tanpa penyebut", {"denominator": None}, [("temuan", "indikator rasio tanpa penyebut")]),
    ("rasio tanpa keduanya", {"numerator": None, "denominator": None},
     [("temuan", "indikator rasio tanpa pembilang dan penyebut")]),
    ("bukan rasio tanpa pembilang", {"aggregation": "LAST", "numerator": None, "denominator": None}, []),
    ("tanpa sumber data", {"data_source": None}, [("catatan", "sumber data belum diisi")]),
    ("tanpa frekuensi dan alasan", {"frequency": None, "target_reason": None},
     [("catatan", "frekuensi pengumpulan data belum diisi"), ("catatan", "alasan penetapan target belum diisi")]),
    ("target di bawah realisasi", {"target_low": 70.0},
     [("temuan", "target 70 di bawah realisasi 2025 (75)")]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "change", "expected"), FINDINGS, ids=[c[0] for c in FINDINGS])
def test_gaps_an_evaluator_would_find(case, change, expected):
    found = manual_findings(pd.DataFrame([FULL | change]), 2026)
    assert [(f.kind, f.message) for f in found] == expected
    assert all(f.code == "IK01" for f in found)


BELOW = [
    ("positif, di bawah", "positif", 70, 75, "target 70 di bawah realisasi 2025 (75)"),
    ("positif, sama", "positif", 75, 75, None),
    ("positif, di atas", "positif", 80, 75, None),
    ("negatif, di atas", "negatif", 10, 8.5, "target 10 di atas realisasi 2025 (8,5) padahal indikator negatif"),
    ("negatif, di bawah", "negatif", 8, 8.5, None),
    ("rentang tidak dibandingkan", "rentang", 10, 50, None),
    ("tanpa realisasi tahun lalu", "positif", 70, math.nan, None),
]


@pytest.mark.parametrize(("case", "polarity", "target", "last", "expected"), BELOW, ids=[c[0] for c in BELOW])
def test_target_below_last_years_realisation_is_flagged(case, polarity, target, last, expected):
    row = {"polarity": polarity, "target_low": float(target), "target_high": math.nan, "last_realisation": last}
    flagged = target_below_last_year(row)
    assert (flagged.format(year=2025) if flagged else None) == expected


def _plan(headers: list[str], rows: list[list]) -> bytes:
    """A PK sheet as offices keep it: a title, a blank row, then the table."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK 2026"
    sheet.append(["PERJANJIAN KINERJA TAHUN 2026"])
    sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BASE = ["Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan", "Target", "Polaritas", "Agregasi",
        "IKU", "Penanggung Jawab"]  # fmt: skip
S = "Meningkatnya kualitas pelayanan"
ROWS = [
    [S, "IK01", "Persentase layanan tepat waktu", "%", 90, "Positif", "Rasio", "Ya", "BID1"],
    [S, "IK02", "Jumlah inovasi", "inovasi", 3, "Positif", "Kumulatif", "Tidak", "BID1"],
]
MANUAL = ["Definisi Operasional", "Formula", "Pembilang", "Penyebut", "Sumber Data", "Frekuensi", "Alasan Target"]
TEXTS = [
    ["Layanan selesai dalam waktu standar", "A / B × 100%", "layanan tepat waktu", "seluruh layanan",
     "Aplikasi layanan", "Triwulanan", "Renstra 2025–2029"],
    ["Inovasi yang diluncurkan", "jumlah inovasi", None, None, "SK Kepala", "Tahunan", "Tren 3 tahun"],
]  # fmt: skip


@pytest.fixture
def planned(store):
    save_plan(
        store, read_plan_file(_plan(BASE + MANUAL, [r + t for r, t in zip(ROWS, TEXTS, strict=True)]), "pk.xlsx", 2026)
    )
    return store


def test_a_plans_manual_columns_are_stored_and_kept_by_a_table_without_them(planned):
    frame = manual_frame(planned, 2026).set_index("code")
    assert frame.loc["IK01", "formula"] == "A / B × 100%"
    assert frame.loc["IK01", "numerator"] == "layanan tepat waktu"
    assert frame.loc["IK02", "target_reason"] == "Tren 3 tahun"
    assert frame.loc["IK01", "definition"] == "Layanan selesai dalam waktu standar"
    # the same plan without those columns, a target changed: the texts stay
    changed = [[*r[:4], 95, *r[5:]] if r[1] == "IK01" else r for r in ROWS]
    save_plan(planned, read_plan_file(_plan(BASE, changed), "pk-revisi.xlsx", 2026))
    after = manual_frame(planned, 2026).set_index("code")
    assert after.loc["IK01", "target_low"] == 95
    assert after.loc["IK01", "formula"] == "A / B × 100%"
    assert after.loc["IK02", "data_source"] == "SK Kepala"
    assert after.loc["IK01", "definition"] == "Layanan selesai dalam waktu standar"
    assert not [f for f in manual_findings(manual_frame(planned, 2026), 2026) if f.kind == "temuan"]


def test_a_changed_formula_alone_is_saved(planned):
    texts = [[*TEXTS[0][:1], "(A / B) × 100", *TEXTS[0][2:]], TEXTS[1]]
    summary = save_plan(
        planned, read_plan_file(_plan(BASE + MANUAL, [r + t for r, t in zip(ROWS, texts, strict=True)]), "b.xlsx", 2026)
    )
    assert summary.saved
    assert manual_frame(planned, 2026).set_index("code").loc["IK01", "formula"] == "(A / B) × 100"


def test_the_word_document_has_one_page_and_table_per_indicator_with_every_field(planned):
    document = Document(io.BytesIO(manual_iku_docx(planned, 2026)))
    tables = document.tables
    assert len(tables) == 2
    breaks = document.element.body.xml.count('w:type="page"')
    assert breaks == 2, "each indicator starts its own page"
    first = {row.cells[0].text: row.cells[1].text for row in tables[0].rows[1:]}
    assert list(first) == list(FIELDS)
    assert first["Kode"] == "IK01" and first["Jenis Indikator"] == "Indikator Kinerja Utama (IKU)"
    assert first["Formula"] == "A / B × 100%" and first["Penyebut"] == "seluruh layanan"
    assert (
        first["Frekuensi Pengumpulan Data"] == "Triwulanan" and first["Agregasi (cara menghitung capaian)"] == "Rasio"
    )
    second = {row.cells[0].text: row.cells[1].text for row in tables[1].rows[1:]}
    assert second["Pembilang"] == "tidak berlaku (bukan rasio)"
    assert second["Target"] == "3 (tahun 2026)"


def test_command_line_writes_the_manual_and_names_the_findings(demo_db_path, tmp_path):
    done = kinerja("form", "manual-iku", "--year", "2026", "-o", str(tmp_path / "manual.docx"), db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "Manual IKU 2026 ditulis ke" in done.stdout and "23 indikator, 8 IKU" in done.stdout
    assert "Temuan IK20: IKU tanpa definisi operasional" in done.stderr  # the demo office left IK20 undefined
    assert "Temuan IK01" not in done.stderr, "IK01 is defined, with its formula, in the demo plan"
    assert "Temuan IK14: target 82 di bawah realisasi 2025 (83,26)" in done.stderr
    assert len(Document(str(tmp_path / "manual.docx")).tables) == 23


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--year", "2019", "-o", "{tmp}/m.docx"), "tidak ada rencana kinerja tahun 2019"),
        (("--year", "2026", "-o", "{tmp}/m.xlsx"), "harus berakhiran .docx"),
        (("--year", "2026", "-o", "{tmp}/tidak-ada/m.docx"), "folder tidak ditemukan"),
    ],
)
def test_command_line_refuses_in_indonesian(demo_db_path, tmp_path, args, said):
    done = kinerja("form", "manual-iku", *(a.format(tmp=tmp_path) for a in args), db=demo_db_path)
    assert done.returncode == 2
    assert said in done.stderr and "Traceback" not in done.stderr
