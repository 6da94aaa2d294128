"""Report drafts from the data: the quarterly report (Laporan Kinerja Triwulan) in Word and Excel.
Chapters and tables follow PermenPAN-RB 53/2014; every number comes from the recap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from kinerja.domain.numbers import fmt_date, fmt_number, fmt_percent
from kinerja.domain.period import period_name, roman
from kinerja.domain.recap import annual_progress_text, pace_summary
from kinerja.reporting import front_matter as front
from kinerja.reporting import worddoc as word
from kinerja.reporting.chart_images import ChartImageError, chart_images
from kinerja.reporting.charts import PAPER_NAME_LINE, achievement_by_goal, category_counts, indicators_worst_first
from kinerja.reporting.dashboard import View
from kinerja.reporting.narrative import QUARTER_WORD, indicator_paragraph, summary_paragraph
from kinerja.reporting.period_figures import PeriodFigures, period_figures
from kinerja.reporting.renja_form import renja_figures, write_renja_sheet
from kinerja.storage.store import Store
from kinerja.workbook.writing import workbook_bytes, write_sheet

Progress = Callable[[float, str], None]


def quiet(_share: float, _what: str) -> None:
    """The progress callback of a report built without a page to show it on."""
    pass


# The measurement table's columns: recap column → heading (quarterly report, Pengukuran Kinerja)
MEASUREMENT = {
    "indicator_name": "Indikator Kinerja",
    "measure_unit": "Satuan",
    "annual_target": "Target Tahunan",
    "quarter_target": "Target TW",
    "quarter_realization": "Realisasi TW",
    "target_to_date": "Target s.d. TW",
    "realization_to_date": "Realisasi s.d. TW",
    "achievement_pct": "Capaian (%)",
    "category": "Kategori",
}


@dataclass
class QuarterlyData:
    """Everything the quarterly report states, computed once: the period's figures (the
    dashboard's, :func:`kinerja.reporting.period_figures.period_figures`) and the words around them."""

    figures: PeriodFigures
    notes: dict[str, dict[str, str | None]]
    paragraphs: dict[str, str] = field(default_factory=dict)  # what the report says: edits where still valid
    drafts: dict[str, str] = field(default_factory=dict)  # drafted from the numbers
    stale: set[str] = field(default_factory=set)  # edited, but the numbers have changed since
    progress: dict[str, str] = field(default_factory=dict)  # each indicator's annual progress in words

    @property
    def year(self) -> int:
        return self.figures.view.year

    @property
    def quarter(self) -> int:
        return self.figures.view.quarter

    @property
    def office(self) -> str:
        return self.figures.settings.office_name

    @property
    def frame(self) -> pd.DataFrame:
        return self.figures.frame

    @property
    def by_goal(self) -> pd.DataFrame:
        return self.figures.by_goal

    @property
    def score(self) -> float | None:
        return self.figures.score

    @property
    def grade(self) -> str | None:
        return self.figures.grade

    @property
    def counts(self) -> pd.DataFrame:
        return self.figures.counts

    @property
    def at_risk(self) -> pd.DataFrame:
        return self.figures.at_risk

    @property
    def risk_rule(self) -> str:
        """The at-risk rule in words (Settings.risk_rule)."""
        return self.figures.settings.risk_rule()

    @property
    def settings_line(self) -> str:
        """The settings the figures were computed with (Settings.statement)."""
        return self.figures.settings.statement()


def quarterly_data(store: Store, year: int, quarter: int) -> QuarterlyData:
    figures = period_figures(store, View(year, quarter))
    notes = {
        code: {"drivers": d, "obstacles": o, "follow_up": f}
        for code, d, o, f in store.rows(
            "SELECT i.code, r.drivers, r.obstacles, r.follow_up FROM realization_current r "
            "JOIN indicator i ON i.id = r.indicator_id WHERE r.year = ? AND r.quarter = ?",
            [year, quarter],
        )
    }
    data = QuarterlyData(figures, notes)
    frame = figures.frame
    data.drafts = {
        row["indicator_code"]: indicator_paragraph(row, quarter, year, notes.get(row["indicator_code"]))
        for row in frame.to_dict(orient="records")
    }
    # said beside the paragraph, not in it: a planner's edits stay valid while the numbers do
    data.progress = dict(zip(frame["indicator_code"], annual_progress_text(frame), strict=True))
    edits = saved_texts(store, year, quarter)
    data.paragraphs = {
        code: edits[code][1] if code in edits and edits[code][0] == draft else draft
        for code, draft in data.drafts.items()
    }
    data.stale = {code for code, draft in data.drafts.items() if code in edits and edits[code][0] != draft}
    return data


def saved_texts(store: Store, year: int, quarter: int) -> dict[str, tuple[str, str]]:
    """A period's edited paragraphs: indicator code → (the draft it was edited from, the edit)."""
    rows = store.rows(
        "SELECT indicator_code, drafted, edited FROM report_text WHERE year = ? AND quarter = ?", [year, quarter]
    )
    return {code: (drafted, edited) for code, drafted, edited in rows}


def save_texts(store: Store, year: int, quarter: int, drafts: dict[str, str], texts: dict[str, str]) -> int:
    """Keep the planner's paragraphs (``texts``) for the next export, each with the draft it was
    edited from; a paragraph set back to its draft forgets the edit. Returns how many are kept."""
    from kinerja.access.roles import Action, require

    actor = require(Action.REPORT)
    kept = 0
    with store.write() as w:
        before = saved_texts(store, year, quarter)
        for code, text in texts.items():
            text = (text or "").strip()
            w.execute(
                "DELETE FROM report_text WHERE year = ? AND quarter = ? AND indicator_code = ?", [year, quarter, code]
            )
            if text and text != drafts.get(code):
                w.execute(
                    "INSERT INTO report_text (year, quarter, indicator_code, drafted, edited, edited_by) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [year, quarter, code, drafts[code], text, actor.name],
                )
                kept += 1
        w.audit(
            "laporan.narasi",
            f"narasi laporan {period_name(year, quarter)}",
            {k: v[1] for k, v in before.items()},
            {k: v for k, v in texts.items() if v and v != drafts.get(k)},
        )
    return kept


def quarterly_figures(data: QuarterlyData, scale) -> dict:
    """The dashboard's charts that the report carries."""
    period = f"s.d. TW {roman(data.quarter)} {data.year}"
    worst = data.figures.worst.head(15)
    return {
        "sasaran": achievement_by_goal(data.by_goal, scale, title=f"Capaian per sasaran {period}"),
        "indikator": indicators_worst_first(
            worst, scale, f"Lima belas indikator dengan capaian terendah {period}", PAPER_NAME_LINE
        ),
        "kategori": category_counts(data.counts, f"Jumlah indikator per kategori {period}"),
    }


# --- Word ---------------------------------------------------------------------------------------------


def _cell_text(value: object, column: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if column == "achievement_pct":
        return fmt_number(float(value), 1)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt_number(float(value))
    return str(value)


def measurement_rows(frame: pd.DataFrame, columns) -> list[list[str]]:
    """The measurement form's rows: number, sasaran (once per group), then ``columns``."""
    rows, previous = [], None
    for number, row in enumerate(frame.to_dict(orient="records"), start=1):
        goal = row["goal"] if row["goal"] != previous else ""
        previous = row["goal"]
        rows.append([str(number), goal, *(_cell_text(row[c], c) for c in columns)])
    return rows


def _measurement_table(document, frame: pd.DataFrame) -> None:
    headings = ["No", "Sasaran Strategis", *MEASUREMENT.values()]
    widths = [0.8, 4.0, 5.6, 1.7, 1.7, 1.5, 1.7, 1.7, 1.7, 1.5, 2.3]  # 24.2 cm: A4 landscape inside its margins
    word.table(document, headings, measurement_rows(frame, MEASUREMENT), widths, numeric=range(4, 10))


def _progress_paragraph(document, words: str) -> None:
    """An indicator's annual progress under its paragraph: "Progres tahunan: …"."""
    added = document.add_paragraph()
    added.add_run("Progres tahunan: ").bold = True
    added.add_run(f"{words}.")


def quarterly_docx(
    store: Store,
    year: int,
    quarter: int,
    *,
    cache_dir: Path | None = None,
    progress: Progress = quiet,
    today: dt.date | None = None,
) -> bytes:
    """The Laporan Kinerja Triwulan as a Word document the planner can still edit."""
    progress(0.05, "Menghitung capaian")
    data = quarterly_data(store, year, quarter)
    settings = data.figures.settings
    progress(0.25, "Membuat grafik")
    images: dict[str, bytes] = {}
    chart_note = None
    try:
        images = chart_images(
            quarterly_figures(data, settings.scale), cache_dir or store.path.parent / "cache" / "grafik"
        )
    except ChartImageError as exc:
        chart_note = str(exc)
    progress(0.7, "Menyusun dokumen")
    period = f"{QUARTER_WORD[quarter].upper()} TAHUN {year}"
    document = word.new_document(store, "LAPORAN KINERJA", period, data.office, year)
    date_text = fmt_date(today or dt.date.today())
    word.cover(document, "LAPORAN KINERJA", period, data.office, date_text)
    front.foreword(document, settings, f"Laporan Kinerja {QUARTER_WORD[quarter]} Tahun {year}", date_text)
    contents = front.contents(document)

    document.add_heading("BAB I PENDAHULUAN", 1)
    document.add_paragraph(
        f"Laporan Kinerja {QUARTER_WORD[quarter]} Tahun {year} {data.office} disusun sebagai wujud akuntabilitas "
        "kinerja sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun 2014. Laporan ini menyajikan capaian indikator "
        "Perjanjian Kinerja terhadap target Rencana Aksi sampai dengan triwulan berjalan, beserta faktor pendorong, "
        "kendala dan tindak lanjutnya."
    )
    document.add_heading("BAB II CAPAIAN KINERJA", 1)
    document.add_heading("A. Ringkasan", 2)
    reported = int(data.frame["realization_to_date"].notna().sum())
    document.add_paragraph(
        summary_paragraph(data.score, data.grade, data.counts, year, quarter, reported, len(data.frame))
    )
    word.paragraph(document, data.settings_line, size=9)
    for goal, score, grade in zip(
        data.by_goal["goal"], data.by_goal["score_pct"], data.by_goal["category"], strict=True
    ):
        text = f"{fmt_percent(score)} (kategori {grade})" if pd.notna(score) else "belum dapat dihitung"
        document.add_paragraph(f"Sasaran {goal}: skor capaian {text}.", style="List Bullet")
    for name, caption in (("sasaran", "Gambar 1. Capaian per sasaran"), ("kategori", "Gambar 2. Sebaran kategori")):
        if name in images:
            word.picture(document, images[name], caption)
    if chart_note:
        word.paragraph(document, chart_note, size=9)

    word.landscape(document)
    document.add_heading("B. Pengukuran Kinerja", 2)
    word.paragraph(document, f"Tabel 1. Pengukuran Kinerja {QUARTER_WORD[quarter]} Tahun {year}", bold=True, size=10)
    _measurement_table(document, data.frame)
    word.portrait(document)

    document.add_heading("C. Analisis Capaian per Indikator", 2)
    if "indikator" in images:
        word.picture(document, images["indikator"], "Gambar 3. Indikator dengan capaian terendah")
    for goal, group in data.frame.groupby("goal", sort=False):
        document.add_heading(f"Sasaran: {goal}", 3)
        for code in group["indicator_code"]:
            document.add_paragraph(data.paragraphs[code])
            _progress_paragraph(document, data.progress[code])

    document.add_heading("BAB III PENUTUP", 1)
    if pace := pace_summary(data.frame, "indicator_name"):
        document.add_paragraph(pace)
    if len(data.at_risk):
        names = ", ".join(data.at_risk["indicator_name"].head(8))
        document.add_paragraph(
            f"Berdasarkan proyeksi sampai akhir tahun, {len(data.at_risk)} indikator berisiko "
            f"({data.risk_rule}), antara lain: {names}. Unit penanggung jawab diharapkan menindaklanjuti kendala "
            "yang telah diidentifikasi pada triwulan berikutnya."
        )
    else:
        document.add_paragraph(
            f"Berdasarkan proyeksi sampai akhir tahun, tidak ada indikator yang berisiko ({data.risk_rule})."
        )
    progress(0.95, "Menyimpan")
    front.fill_contents(document, contents)
    content = word.to_bytes(document)
    progress(1.0, "Selesai")
    return content


def quarterly_xlsx(store: Store, year: int, quarter: int) -> bytes:
    """The quarterly report's measurement table and narrative as formatted sheets."""
    data = quarterly_data(store, year, quarter)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Pengukuran TW {roman(quarter)}"
    table = data.frame[["goal", *MEASUREMENT]].rename(columns={"goal": "Sasaran Strategis", **MEASUREMENT})
    formats = {
        h: "#,##0.##" for h in ("Target Tahunan", "Target TW", "Realisasi TW", "Target s.d. TW", "Realisasi s.d. TW")
    }
    formats["Capaian (%)"] = "0.0"
    title = f"PENGUKURAN KINERJA {QUARTER_WORD[quarter].upper()} TAHUN {year}"
    write_sheet(sheet, title, data.office, table, formats, data.settings_line)
    analysis = pd.DataFrame(
        {
            "Sasaran": data.frame["goal"],
            "Kode": data.frame["indicator_code"],
            "Indikator": data.frame["indicator_name"],
            "Analisis": [data.paragraphs[c] for c in data.frame["indicator_code"]],
            "Progres Tahunan": [data.progress[c] for c in data.frame["indicator_code"]],
        }
    )
    narrative = workbook.create_sheet("Analisis")
    write_sheet(narrative, f"ANALISIS CAPAIAN {QUARTER_WORD[quarter].upper()} TAHUN {year}", data.office, analysis, {})
    narrative.column_dimensions["D"].width = 100
    narrative.column_dimensions["E"].width = 60
    write_renja_sheet(workbook.create_sheet(), renja_figures(store, year, quarter))
    return workbook_bytes(workbook)


def record_draft(store: Store, year: int, quarter: int, *, at: dt.datetime | None = None, demo: bool = False) -> None:
    """The first draft of a period's report marks SOP step 4 (or 7, annual) as done: a draft event,
    once. An admin's work (REPORT); a leader may build and read drafts without recording them.
    ``at``, ``demo``: as :func:`kinerja.workflow.review.record`."""
    from kinerja.access.roles import Action, require

    require(Action.REPORT)
    if store.scalar("SELECT count(*) FROM report_event WHERE year = ? AND quarter = ?", [year, quarter]):
        return
    actor = require(Action.REPORT)
    with store.write() as w:
        w.execute(
            "INSERT INTO report_event (id, year, quarter, state, actor, demo, happened_at) "
            "VALUES (?, ?, ?, 'draft', ?, ?, coalesce(?::TIMESTAMP, current_timestamp::TIMESTAMP))",
            [w.next_id("report_event"), year, quarter, actor.name, demo, at],
        )
        entity = f"laporan {period_name(year, quarter)}" if quarter else f"laporan tahunan {year}"
        w.audit("laporan.draft", entity, at=at)
