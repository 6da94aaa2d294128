"""The quarterly report draft, opened as a planner would: its chapters, its table's numbers
against the recap, its charts, and its sentences' numbers."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from kinerja.domain.numbers import fmt_number, fmt_percent, fmt_rupiah
from kinerja.reporting.quarterly import quarterly_docx, quarterly_xlsx
from kinerja.storage.figures import recap
from tests.conftest import copy_db, db_spec
from tests.workbooks import office_template


@pytest.fixture(scope="module")
def report(demo_db_file, tmp_path_factory):
    """The demo's TW II 2026 report, built once (its charts take a browser start)."""
    from kinerja.storage.store import Store

    path = tmp_path_factory.mktemp("laporan") / "demo.duckdb"
    copy_db(demo_db_file, path)
    store = Store(db_spec(path))
    content = quarterly_docx(store, 2026, 2, cache_dir=path.parent / "grafik")
    frame = recap(store, 2026, 2)
    yield Document(io.BytesIO(content)), frame, store, path.parent / "grafik"
    store.close()


def test_the_chapters_of_the_regulation(report):
    document, _, _, _ = report
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:7] == [
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "BAB I PENDAHULUAN",
        "BAB II CAPAIAN KINERJA",
        "A. Ringkasan",
        "B. Pengukuran Kinerja",
        "C. Analisis Capaian per Indikator",
    ]
    assert headings[-1] == "BAB III PENUTUP"
    assert "TRIWULAN II TAHUN 2026" in [p.text for p in document.paragraphs[:12]]


def test_the_measurement_table_holds_the_recaps_numbers(report):
    document, frame, _, _ = report
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["No", "Sasaran Strategis", "Indikator Kinerja"] and header[-2:] == ["Capaian (%)", "Kategori"]
    assert len(table.rows) == len(frame) + 1
    for row, record in zip(table.rows[1:], frame.to_dict(orient="records"), strict=True):
        cells = [c.text for c in row.cells]
        assert cells[2] == record["indicator_name"]
        assert cells[8] == fmt_number(record["realization_to_date"])
        assert cells[9] == fmt_number(record["achievement_pct"], 1)
        assert cells[10] == record["category"]


def test_the_charts_are_in_and_cached(report):
    document, _, _, cache = report
    assert len(document.inline_shapes) == 3
    assert len(list(cache.glob("*.png"))) == 3


def test_every_indicator_has_a_paragraph_with_its_own_numbers(report):
    document, frame, _, _ = report
    text = "\n".join(p.text for p in document.paragraphs)
    ik13 = frame.set_index("indicator_code").loc["IK13"]
    sentence = (
        f"Capaian indikator {ik13.indicator_name} sampai dengan Triwulan II Tahun 2026 sebesar "
        f"{fmt_percent(ik13.achievement_pct)} (kategori {ik13.category})"
    )
    assert sentence in text
    assert "Kendala: Keterlambatan pengiriman laporan dari beberapa puskesmas." in text
    for name in frame["indicator_name"]:
        assert f"indikator {name}" in text


def test_an_unchanged_period_exports_again_without_rendering(report, monkeypatch):
    import kinerja.reporting.chart_images as images

    _, _, store, cache = report

    def no_browser(*_args, **_kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(images.pio, "write_images", no_browser)
    again = Document(io.BytesIO(quarterly_docx(store, 2026, 2, cache_dir=cache)))
    assert len(again.inline_shapes) == 3


def test_the_excel_version_has_the_same_table(demo_store):
    workbook = load_workbook(io.BytesIO(quarterly_xlsx(demo_store, 2026, 2)))
    assert workbook.sheetnames == ["Pengukuran TW II", "Analisis", "Evaluasi Renja TW II"]
    sheet = workbook["Pengukuran TW II"]
    assert sheet["A1"].value == "PENGUKURAN KINERJA TRIWULAN II TAHUN 2026"
    header = [c.value for c in sheet[4]]
    frame = recap(demo_store, 2026, 2)
    realised = header.index("Realisasi s.d. TW") + 1
    assert [sheet.cell(5 + n, realised).value for n in range(len(frame))] == pytest.approx(
        list(frame["realization_to_date"])
    )
    assert sheet.freeze_panes == "C5"


@pytest.fixture(scope="module")
def lkjip(demo_db_file, tmp_path_factory):
    from kinerja.reporting.lkjip import annual_docx
    from kinerja.storage.store import Store

    path = tmp_path_factory.mktemp("lkjip") / "demo.duckdb"
    copy_db(demo_db_file, path)
    store = Store(db_spec(path))
    yield Document(io.BytesIO(annual_docx(store, 2025, cache_dir=path.parent / "grafik"))), store
    store.close()


def test_the_lkjip_has_the_chapters_and_the_seven_analyses_per_sasaran(lkjip):
    document, _ = lkjip
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for chapter in (
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "A. Capaian Kinerja Organisasi",
        "B. Realisasi Anggaran",
        "BAB IV PENUTUP",
        "LAMPIRAN 1. PERJANJIAN KINERJA",
        "LAMPIRAN 2. PENGUKURAN KINERJA",
    ):
        assert chapter in headings
    goals = [h for h in headings if h.startswith("Sasaran ")]
    assert len(goals) == 5
    analyses = [p.text for p in document.paragraphs if p.text[:2] in {f"{n}." for n in range(1, 8)}]
    assert analyses[:7] == [
        "1. Target dan realisasi",
        "2. Perbandingan dengan tahun sebelumnya",
        "3. Perbandingan dengan target Renstra",
        "4. Perbandingan dengan standar nasional",
        "5. Penyebab keberhasilan atau kegagalan dan solusinya",
        "6. Efisiensi penggunaan sumber daya",
        "7. Program dan kegiatan yang mendukung",
    ]
    assert len(analyses) == 35


def test_the_lkjip_numbers_are_the_recaps_at_tw_iv(lkjip):
    document, store = lkjip
    frame = recap(store, 2025, 4).set_index("indicator_code")
    text = "\n".join(p.text for p in document.paragraphs)
    ik04 = frame.loc["IK04"]
    assert (
        f"Indikator {ik04.indicator_name}: realisasi {fmt_number(ik04.realization_to_date)}% dari target "
        f"{fmt_number(ik04.annual_target)}%, capaian {fmt_percent(ik04.achievement_pct)} (kategori {ik04.category})."
    ) in text
    assert "Pada tahun 2025, skor capaian kinerja secara keseluruhan" in text
    measurement = document.tables[-1]
    assert len(measurement.rows) == len(frame) + 1
    assert [r.cells[5].text for r in measurement.rows[1:]] == [fmt_number(v) for v in frame["realization_to_date"]]
    assert len(document.inline_shapes) == 2, "sasaran chart and budget quadrant"


def test_the_pk_document_has_its_two_tables_and_signatures(demo_store):
    from kinerja.reporting.lkjip import pk_docx

    document = Document(io.BytesIO(pk_docx(demo_store, 2026)))
    assert document.paragraphs[0].text == "PERJANJIAN KINERJA TAHUN 2026"
    indicators, programmes, signature = document.tables
    assert [c.text for c in indicators.rows[0].cells] == ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"]
    assert len(indicators.rows) == 24
    assert [c.text for c in programmes.rows[0].cells] == ["No", "Program", "Anggaran (Rp)"]
    pagu = demo_store.scalar(
        "SELECT pagu FROM programme_budget b JOIN programme p ON p.id = b.programme_id WHERE p.code = 'P01' AND year = 2026"
    )
    assert programmes.rows[1].cells[2].text == fmt_rupiah(pagu)
    assert "Pihak Pertama," in signature.rows[0].cells[1].text


def test_pdf_says_what_to_install_without_libreoffice(monkeypatch):
    from kinerja.reporting import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    with pytest.raises(pdf.PdfUnavailable, match="apt-get install libreoffice-writer-nogui"):
        pdf.to_pdf(b"docx")


def test_pdf_runs_libreoffice_headless_with_its_own_profile(monkeypatch, tmp_path):
    """A stand-in soffice that records its arguments and writes the PDF where LibreOffice would."""
    from kinerja.reporting import pdf

    fake = tmp_path / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > {tmp_path}/args\n'
        'for a; do last="$a"; done\n'
        'out=$(dirname "$last")/$(basename "$last" .docx).pdf\n'
        'printf "%%PDF-1.7 palsu" > "$out"\n'
    )
    fake.chmod(0o755)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: str(fake) if name == "soffice" else None)
    assert pdf.to_pdf(b"docx", "lkjip-2025") == b"%PDF-1.7 palsu"
    args = (tmp_path / "args").read_text()
    assert "--headless --convert-to pdf" in args and "-env:UserInstallation=file://" in args
    assert args.strip().endswith("lkjip-2025.docx")


def test_the_period_archive_holds_reports_data_and_every_original(demo_store, tmp_path):
    import zipfile

    import pandas as pd

    from kinerja.collection.checking import check_data
    from kinerja.collection.datafile import Period as Given
    from kinerja.collection.reading import read_data_file
    from kinerja.collection.saving import save_data
    from kinerja.collection.template import unit_template
    from kinerja.reporting.archive import period_archive
    from tests.workbooks import fill_template

    for value in (8, 9):  # two versions of P2P's TW III, from two different files
        content = fill_template(unit_template(demo_store, "P2P", 2026, 3), {"IK10": {"Realisasi TW III": value}})
        save_data(demo_store, check_data(demo_store, read_data_file(content, f"p2p-{value}.xlsx", Given())),
                  confirm_warnings=True)  # fmt: skip
    archive = zipfile.ZipFile(io.BytesIO(period_archive(demo_store, 2026, 3, cache_dir=tmp_path)))
    names = archive.namelist()
    folder = "arsip-kinerja-2026-tw3/"
    for expected in (
        "laporan/laporan-kinerja-2026-tw3.docx",
        "laporan/laporan-kinerja-2026-tw3.xlsx",
        "laporan/evaluasi-renja-2026-tw3.xlsx",
        "laporan/manual-iku-2026.docx",
        "laporan/matriks-peran-hasil-2026.xlsx",
        "data/rekap-2026-tw3.xlsx",
        "data/rekap-2026-tw3.parquet",
        "data/realisasi-semua-versi-2026-tw3.parquet",
        "berkas-asli/daftar-versi.csv",
        "berkas-asli/P2P-v1-p2p-8.xlsx",
        "berkas-asli/P2P-v2-p2p-9.xlsx",
    ):
        assert folder + expected in names
    every = pd.read_parquet(io.BytesIO(archive.read(folder + "data/realisasi-semua-versi-2026-tw3.parquet")))
    ik10 = every[every["indicator_code"] == "IK10"]
    assert list(ik10["version"]) == [1, 2] and list(ik10["value"]) == [8, 9], "nothing earlier is lost"


def test_edited_paragraphs_are_exported_until_the_numbers_change(demo_store):
    from kinerja.reporting.quarterly import quarterly_data, save_texts

    data = quarterly_data(demo_store, 2026, 2)
    edit = data.drafts["IK13"] + " Puskesmas Sukamaju Barat sudah mulai melapor mingguan."
    assert save_texts(demo_store, 2026, 2, data.drafts, {"IK13": edit, "IK01": data.drafts["IK01"]}) == 1
    document = Document(io.BytesIO(quarterly_docx(demo_store, 2026, 2)))
    assert edit in [p.text for p in document.paragraphs]
    with demo_store.write() as w:  # a corrected figure changes IK13's numbers, and so its draft
        w.execute(
            "UPDATE realization SET numerator = numerator + 50 WHERE indicator_id = (SELECT id FROM indicator "
            "WHERE code = 'IK13') AND year = 2026 AND quarter = 2"
        )
    again = quarterly_data(demo_store, 2026, 2)
    assert again.stale == {"IK13"}
    assert again.paragraphs["IK13"] == again.drafts["IK13"] != data.drafts["IK13"], "the old numbers are not exported"


def test_the_offices_template_carries_the_report(demo_store):
    from kinerja.reporting.office_template import current_template, remove_template, save_template

    save_template(demo_store, office_template(), "kop-dinkes.docx")
    assert current_template(demo_store)[0] == "kop-dinkes.docx"
    document = Document(io.BytesIO(quarterly_docx(demo_store, 2026, 2)))
    first, table_section = document.sections[0], document.sections[1]
    assert first.header.paragraphs[0].text == "PEMERINTAH KABUPATEN SUKAMAJU — Dinas Kesehatan Kabupaten Sukamaju"
    assert first.footer.paragraphs[0].text == "LAPORAN KINERJA TRIWULAN II TAHUN 2026"
    size = lambda s: (round(s.page_width.cm, 1), round(s.page_height.cm, 1))  # noqa: E731
    assert size(first) == (21.5, 33.0), "the office's F4 paper"
    assert size(table_section) == (33.0, 21.5), "F4 turned for the table"
    assert "Isi templat ini diganti oleh laporan." not in [p.text for p in document.paragraphs]
    assert "BAB I PENDAHULUAN" in [p.text for p in document.paragraphs]
    remove_template(demo_store)
    assert current_template(demo_store) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"bukan word", "bukan templat Word"),
        (office_template(" {{ nama_bupati }}"), "penanda tidak dikenal {{ nama_bupati }}"),
        (office_template(" {% if %}"), "bukan templat Word"),
    ],
)
def test_a_template_that_cannot_carry_reports_is_refused_on_upload(demo_store, content, message):
    from kinerja.reporting.office_template import TemplateRejected, current_template, save_template

    with pytest.raises(TemplateRejected, match=message):
        save_template(demo_store, content, "kop.docx")
    assert current_template(demo_store) is None


def test_the_lkjip_passages_a_planner_words_are_kept_until_their_numbers_change(demo_store):
    from kinerja.reporting.lkjip import annual_docx, annual_drafts, annual_paragraphs
    from kinerja.reporting.quarterly import save_texts

    drafts = {k: d for k, (_, d) in annual_drafts(demo_store, 2025).items()}
    assert set(drafts) == {"isu", "penutup", *(f"penyebab:S{n}" for n in range(1, 6))}
    assert drafts["penyebab:S3"].startswith("Faktor pendorong: ")
    closing = "Kinerja tahun 2025 baik; tahun 2026 difokuskan pada pengendalian penyakit tidak menular."
    assert save_texts(demo_store, 2025, 0, drafts, {"penutup": closing}) == 1
    document = Document(io.BytesIO(annual_docx(demo_store, 2025)))
    texts = [p.text for p in document.paragraphs]
    assert closing in texts and texts[_heading_at(document, "BAB IV PENUTUP") + 1] == closing
    with demo_store.write() as w:  # a corrected figure moves the year's score, and so the closing's draft
        w.execute("UPDATE realization SET value = value * 0.5 WHERE year = 2025 AND quarter = 4")
    assert annual_paragraphs(demo_store, 2025)["penutup"] != closing


def test_the_lkjip_compares_with_a_national_standard_where_the_plan_records_one(demo_store):
    from kinerja.reporting.lkjip import annual_docx

    with demo_store.write() as w:
        w.execute(  # DELETE then INSERT: a DuckLake has no keys for INSERT OR REPLACE to find
            "DELETE FROM indicator_year WHERE year = 2025 AND indicator_id = (SELECT id FROM indicator WHERE code = 'IK04')"
        )
        w.execute(
            "INSERT INTO indicator_year (indicator_id, year, national_standard) "
            "SELECT id, 2025, 100 FROM indicator WHERE code = 'IK04'"
        )
    ik04 = recap(demo_store, 2025, 4).set_index("indicator_code").loc["IK04"]
    text = "\n".join(p.text for p in Document(io.BytesIO(annual_docx(demo_store, 2025))).paragraphs)
    assert (
        f"Indikator {ik04.indicator_name}: realisasi {fmt_number(ik04.realization_to_date)}% terhadap standar nasional 100%."
        in text
    )


def test_the_closing_names_the_indicators_at_risk_and_the_rule(report):
    """Issue 17: at risk is a projection under the office's threshold, and the report says so."""
    document, frame, _, _ = report
    closing = [p.text for p in document.paragraphs if p.text.startswith("Berdasarkan proyeksi sampai akhir tahun")]
    assert len(closing) == 1
    assert "(proyeksi skor akhir tahun di bawah 76%, batas bawah kategori Tinggi)" in closing[0]
    hypertension = frame.set_index("indicator_code").loc["IK13", "indicator_name"]
    assert "1 indikator berisiko" in closing[0] and hypertension in closing[0]


def test_the_quarterly_report_says_annual_progress_in_words(report):
    """Under each paragraph its annual progress; Bab III names the counts off the year's pace."""
    document, _, _, _ = report
    texts = [p.text for p in document.paragraphs]
    assert (
        "Progres tahunan: Kuota tahunan terpakai 50,0% (4 dari 8 orang) saat 50% tahun berlalu — sesuai laju." in texts
    )
    assert sum(t.startswith("Progres tahunan: ") for t in texts) == 23
    closing = texts[_heading_at(document, "BAB III PENUTUP") + 1]
    assert closing.startswith("Progres tahunan indikator kumulatif s.d. TW II: 1 kuota tahunan terpakai di atas laju")
    assert "Angka kesakitan DBD per 100.000 penduduk" in closing


def _comparison_tables(document):
    """Bab III (2)'s tables: those headed Indikator and years."""
    headed = [(t, [c.text for c in t.rows[0].cells]) for t in document.tables]
    return [t for t, h in headed if h[0] == "Indikator" and len(h) > 1 and all(y.isdigit() for y in h[1:])]


def test_the_lkjip_compares_only_with_years_that_hold_figures(lkjip):
    """Issue 27: the demo starts in 2024, so the 2025 LKjIP has no 2023 column, and no column is all '–'."""
    document, _ = lkjip
    tables = _comparison_tables(document)
    assert len(tables) == 5, "one per sasaran"
    for table in tables:
        assert [c.text for c in table.rows[0].cells] == ["Indikator", "2024", "2025"]
        for column in range(1, 3):
            assert any(row.cells[column].text != "–" for row in table.rows[1:])
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kuota tahunan terpakai 100,0% (9 dari 9 orang) pada akhir tahun — tidak terlampaui." in text


def test_the_first_year_says_there_is_nothing_earlier_and_the_third_shows_both(demo_store):
    from kinerja.reporting.lkjip import annual_docx

    first = Document(io.BytesIO(annual_docx(demo_store, 2024)))
    assert not _comparison_tables(first)
    said = [p.text for p in first.paragraphs if p.text.startswith("Belum ada realisasi tahun sebelumnya")]
    assert len(said) == 5 and said[0].endswith("dimulai dari tahun 2024.")
    third = _comparison_tables(Document(io.BytesIO(annual_docx(demo_store, 2026))))
    assert {tuple(c.text for c in t.rows[0].cells) for t in third} == {("Indikator", "2024", "2025", "2026")}


def test_a_report_table_keeps_every_cell_as_text_with_its_width_and_alignment():
    """Rows written at once (python-docx cell by cell took 40 s for a province's LKjIP): each cell's
    text as given (markup characters, line breaks, tabs), characters XML cannot hold dropped, the
    numeric columns right-aligned, every cell of its column's width."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from kinerja.reporting.worddoc import table

    document = Document()
    rows = [["1", "Cakupan <b>air</b> & sanitasi\nbaris dua", "85,5"], ["2", "", "\x0b12\t3"]] * 300
    table(document, ["No", "Indikator", "Capaian"], rows, [1.0, 8.0, 2.5], numeric=(2,))
    buffer = io.BytesIO()
    document.save(buffer)
    (read,) = Document(io.BytesIO(buffer.getvalue())).tables
    assert [[c.text for c in row.cells] for row in read.rows[1:3]] == [
        ["1", "Cakupan <b>air</b> & sanitasi\nbaris dua", "85,5"],
        ["2", "", "12\t3"],
    ]
    assert len(read.rows) == 601
    body = read.rows[600].cells
    assert [round(c.width.cm, 1) for c in body] == [1.0, 8.0, 2.5]
    assert [c.paragraphs[0].alignment for c in body][2] == WD_ALIGN_PARAGRAPH.RIGHT
    assert body[1].paragraphs[0].runs[0].font.size.pt == 8


# --- as the regulation shapes them (issue 28 item 4) ---------------------------------------------------

PLACEHOLDERS = ("Lengkapi", "lengkapi", "……", "...", "TODO", "isi dengan", "belum menuliskan", "[", "{{")


def _heading_at(document, text: str) -> int:
    """The paragraph number of the heading ``text`` (not its line in the Daftar Isi)."""
    return next(n for n, p in enumerate(document.paragraphs) if p.text == text and p.style.name.startswith("Heading"))


def _headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def _every_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_lkjip_opens_with_kata_pengantar_daftar_isi_and_ikhtisar_eksekutif(lkjip):
    document, _ = lkjip
    assert _headings(document)[:4] == ["KATA PENGANTAR", "DAFTAR ISI", "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN"]
    assert "RINGKASAN EKSEKUTIF" not in _headings(document), "PermenPAN-RB 53/2014 says Ikhtisar Eksekutif"


def test_daftar_isi_is_a_toc_field_with_the_headings_written_out_that_word_updates(lkjip):
    from docx.oxml.ns import qn

    document, _ = lkjip
    body = document.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert [i.strip() for i in instructions] == ['TOC \\o "1-3" \\h \\z \\u']
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert next(body.iter(qn("w:fldChar"))).get(qn("w:dirty")) == "true"
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true", "Word updates on opening"
    texts = [p.text for p in document.paragraphs]
    start = texts.index("DAFTAR ISI") + 1
    written = texts[start : start + texts[start:].index("")]
    headings = _headings(document)
    expected = [p.text for p in document.paragraphs[start:] if p.style.name in ("Heading 1", "Heading 2", "Heading 3")]
    assert written == expected and written[0] == "IKHTISAR EKSEKUTIF" and "BAB IV PENUTUP" in written
    assert "Sasaran 1: Menurunnya angka kematian ibu dan bayi" in written, "level 3 too"
    assert len(headings) == len(written) + 2, "every heading after Daftar Isi is listed"


def test_kata_pengantar_is_signed_by_the_head_from_the_settings(demo_db_file, tmp_path):
    from kinerja.reporting.lkjip import annual_docx
    from kinerja.storage.settings import save_settings
    from kinerja.storage.store import Store

    path = tmp_path / "demo.duckdb"
    copy_db(demo_db_file, path)
    store = Store(db_spec(path))
    try:
        save_settings(store, {"head_name": "", "head_nip": ""})  # the demo's head, taken away
        unsigned = Document(io.BytesIO(annual_docx(store, 2025, cache_dir=tmp_path / "grafik")))
        texts = [p.text for p in unsigned.paragraphs]
        position = texts.index("Kepala Dinas Kesehatan Kabupaten Sukamaju,")
        # three lines of room to sign, then the page break: no name made up, no dotted line
        assert texts.index("DAFTAR ISI") - position == 5 and not any(texts[position + 1 : position + 5])
        save_settings(store, {"head_name": "dr. Siti Rahmawati, M.Kes", "head_nip": "19750101 200012 2 001"})
        signed = Document(io.BytesIO(annual_docx(store, 2025, cache_dir=tmp_path / "grafik")))
        texts = [p.text for p in signed.paragraphs]
        position = texts.index("Kepala Dinas Kesehatan Kabupaten Sukamaju,")
        assert texts[position + 4 : position + 6] == ["dr. Siti Rahmawati, M.Kes", "NIP 19750101 200012 2 001"]
        assert signed.paragraphs[position + 4].runs[0].bold
        pk = Document(io.BytesIO(__import__("kinerja.reporting.lkjip").reporting.lkjip.pk_docx(store, 2026)))
        assert "dr. Siti Rahmawati, M.Kes\nNIP 19750101 200012 2 001" in pk.tables[-1].rows[3].cells[1].text
    finally:
        store.close()


def test_no_placeholder_is_printed_from_a_plan_without_narratives(demo_db_file, tmp_path):
    """The units wrote no notes and the planner no passages: the LKjIP and the quarterly report print
    no instruction; the Laporan page's list says what is left to write."""
    from kinerja.reporting.lkjip import annual_docx, unwritten_passages
    from kinerja.storage.store import Store

    path = tmp_path / "demo.duckdb"
    copy_db(demo_db_file, path)
    store = Store(db_spec(path))
    try:
        with store.write() as w:
            w.execute("UPDATE realization SET drivers = NULL, obstacles = NULL, follow_up = NULL")
            w.execute("DELETE FROM report_text")
        for content in (
            annual_docx(store, 2025, cache_dir=tmp_path / "grafik"),
            quarterly_docx(store, 2026, 2, cache_dir=tmp_path / "grafik"),
        ):
            text = _every_text(Document(io.BytesIO(content)))
            assert not [p for p in PLACEHOLDERS if p in text], "an instruction or a blank printed"
        missing = unwritten_passages(store, 2025)
        assert missing[0] == "Bab I B. Isu Strategis" and len(missing) == 1 + 5, "the issues and five sasaran"
    finally:
        store.close()


def test_a_caption_stays_with_its_picture(report, lkjip):
    for document in (report[0], lkjip[0]):
        paragraphs = document.paragraphs
        pictures = [n for n, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic")]
        assert pictures
        for n in pictures:
            assert paragraphs[n].paragraph_format.keep_with_next, "the picture keeps with its caption"
            assert paragraphs[n + 1].text.startswith("Gambar"), "the caption follows its picture"
