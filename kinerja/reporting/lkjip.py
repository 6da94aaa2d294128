"""The annual report (LKjIP, PermenPAN-RB 53/2014 Lampiran II) and the Perjanjian Kinerja document,
drafted from the data: every number comes from the recap at TW IV, earlier years, the Renstra
targets and the budget; the units' own notes supply causes and solutions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from kinerja.cascade.export import depth_first
from kinerja.cascade.stored import branch, node_frame
from kinerja.cascade.tree import Level
from kinerja.domain.achievement import Aggregation
from kinerja.domain.numbers import fmt_date, fmt_number, fmt_percent, fmt_rupiah
from kinerja.domain.recap import progress_text
from kinerja.planning.stored import plan_years
from kinerja.reporting import front_matter as front
from kinerja.reporting import worddoc as word
from kinerja.reporting.chart_images import ChartImageError, chart_images
from kinerja.reporting.charts import achievement_by_goal, budget_quadrant
from kinerja.reporting.dashboard import View
from kinerja.reporting.narrative import amount, summary_paragraph
from kinerja.reporting.period_figures import PeriodFigures, period_figures
from kinerja.reporting.quarterly import Progress, measurement_rows, quiet
from kinerja.reporting.screens import worst_first
from kinerja.reporting.tree_printing import tree_figure
from kinerja.storage.figures import recap
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store
from kinerja.workbook.writing import workbook_bytes, write_sheet

SUMMARY = "IKHTISAR EKSEKUTIF"  # PermenPAN-RB 53/2014's word for the LKjIP's summary (not "Ringkasan")

ANNUAL_MEASUREMENT = {
    "indicator_name": "Indikator Kinerja",
    "measure_unit": "Satuan",
    "annual_target": "Target",
    "realization_to_date": "Realisasi",
    "achievement_pct": "Capaian (%)",
    "category": "Kategori",
}

_PROGRAMMES_SQL = """
SELECT p.code, p.name, g.code AS goal_code, g.name AS goal, b.pagu,
       (SELECT sum(s.spending) FROM budget_current s WHERE s.programme_id = p.id AND s.year = b.year) AS spending
FROM programme p JOIN programme_budget b ON b.programme_id = p.id AND b.year = ?
LEFT JOIN goal g ON g.id = p.goal_id
ORDER BY p.code
"""

_TARGETS_SQL = """
SELECT i.code, t.year, t.kind, t.value, iy.national_standard
FROM target t JOIN indicator i ON i.id = t.indicator_id
LEFT JOIN indicator_year iy ON iy.indicator_id = i.id AND iy.year = t.year
WHERE t.kind IN ('renstra', 'pk') AND t.quarter = 0
"""


def _notes(store: Store, year: int) -> pd.DataFrame:
    """Each indicator's drivers, obstacles and follow-up of the year, latest quarter first."""
    return store.df(
        "SELECT i.code, r.quarter, r.drivers, r.obstacles, r.follow_up FROM realization_current r "
        "JOIN indicator i ON i.id = r.indicator_id WHERE r.year = ? ORDER BY r.quarter DESC",
        [year],
    )


def _distinct(texts) -> list[str]:
    seen, out = set(), []
    for text in texts:
        text = (text or "").strip() if isinstance(text, str) else ""
        if text and text not in {"-", "–"} and text.lower() not in seen:
            seen.add(text.lower())
            out.append(text if text.endswith(".") else text + ".")
    return out


def annual_docx(store: Store, year: int, *, cache_dir: Path | None = None, progress: Progress = quiet,
                today: dt.date | None = None) -> bytes:  # fmt: skip
    """The LKjIP draft of ``year``."""
    progress(0.05, "Menghitung capaian tahunan")
    figures = annual_figures(store, year)
    settings, frame = figures.settings, figures.frame
    earlier = earlier_recaps(store, year, settings)
    targets = store.df(_TARGETS_SQL)
    renstra = targets[targets["kind"] == "renstra"]
    final_renstra = renstra.sort_values("year").groupby("code").last()
    this_year = targets[(targets["year"] == year)].set_index(["code", "kind"])
    by_goal, score, grade, counts = figures.by_goal, figures.score, figures.grade, figures.counts
    budget = figures.budget if figures.budget is not None else pd.DataFrame()
    programmes = store.df(_PROGRAMMES_SQL, [year])
    tree = node_frame(store, year, 4)  # the pohon kinerja, where the year has one
    texts = annual_paragraphs(store, year, figures)
    progress(0.3, "Membuat grafik")
    figures = {"sasaran": achievement_by_goal(by_goal, settings.scale, title=f"Capaian per sasaran tahun {year}")}
    if len(budget):
        figures["anggaran"] = budget_quadrant(budget, f"Kinerja dan serapan anggaran per sasaran, {year}")
    if len(tree):  # as it prints on its own: as many levels as stay readable on the page, with indicators and pagu
        figures["pohon"] = tree_figure(store, year, 4)
    chart_note = None
    try:
        images = chart_images(figures, cache_dir or store.path.parent / "cache" / "grafik")
    except ChartImageError as exc:
        images, chart_note = {}, str(exc)
    progress(0.6, "Menyusun dokumen")
    document = word.new_document(
        store, "LAPORAN KINERJA INSTANSI PEMERINTAH", f"TAHUN {year}", settings.office_name, year
    )
    date_text = fmt_date(today or dt.date.today())
    word.cover(
        document, "LAPORAN KINERJA INSTANSI PEMERINTAH", f"(LKjIP) TAHUN {year}", settings.office_name, date_text
    )
    front.foreword(document, settings, f"Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun {year}", date_text)
    contents = front.contents(document)
    reported = int(frame["realization_to_date"].notna().sum())
    document.add_heading(SUMMARY, 1)
    document.add_paragraph(summary_paragraph(score, grade, counts, year, 0, reported, len(frame)))
    word.paragraph(document, settings.statement(), size=9)
    if len(by_goal):
        ranked = worst_first(by_goal.dropna(subset=["score_pct"]), "goal")
        if len(ranked):
            low, high = ranked.iloc[0], ranked.iloc[-1]
            document.add_paragraph(
                f"Sasaran dengan capaian tertinggi adalah {high['goal']} ({fmt_percent(high['score_pct'])}), "
                f"sedangkan capaian terendah pada sasaran {low['goal']} ({fmt_percent(low['score_pct'])})."
            )
    if len(programmes) and programmes["pagu"].sum():
        spent, pagu = programmes["spending"].fillna(0).sum(), programmes["pagu"].sum()
        document.add_paragraph(
            f"Realisasi anggaran program tahun {year} sebesar {fmt_rupiah(spent)} dari pagu {fmt_rupiah(pagu)} "
            f"({fmt_percent(spent / pagu * 100)})."
        )

    document.add_heading("BAB I PENDAHULUAN", 1)
    document.add_heading("A. Gambaran Umum Organisasi", 2)
    units = store.rows("SELECT code, name, is_external FROM unit ORDER BY is_external, code")
    document.add_paragraph(
        f"{settings.office_name} melaksanakan kinerjanya melalui unit kerja berikut, dengan dukungan data dari "
        "instansi mitra:"
    )
    for code, name, external in units:
        document.add_paragraph(f"{name} ({code}){' — instansi mitra' if external else ''}", style="List Bullet")
    document.add_heading("B. Isu Strategis", 2)
    _write_text(document, texts["isu"])

    document.add_heading("BAB II PERENCANAAN KINERJA", 1)
    document.add_heading("A. Rencana Strategis", 2)
    document.add_paragraph(
        "Target Renstra untuk tahun ini dan target akhir periode Renstra bagi setiap indikator sasaran:"
    )
    rows = []
    for number, r in enumerate(frame.itertuples(), start=1):
        now = this_year["value"].get((r.indicator_code, "renstra"))
        end = final_renstra["value"].get(r.indicator_code)
        end_year = final_renstra["year"].get(r.indicator_code)
        rows.append([str(number), r.indicator_name, r.measure_unit or "", fmt_number(now) if now is not None else "–",
                     f"{fmt_number(end)} ({end_year})" if end is not None else "–"])  # fmt: skip
    word.table(document, ["No", "Indikator", "Satuan", f"Target Renstra {year}", "Target Akhir Renstra"], rows,
               [0.8, 8.0, 2.0, 2.6, 2.6], numeric=(3, 4))  # fmt: skip
    document.add_heading("B. Perjanjian Kinerja", 2)
    document.add_paragraph(f"Perjanjian Kinerja tahun {year} memuat {len(frame)} indikator pada {len(by_goal)} sasaran "
                           "strategis; tabelnya terlampir.")  # fmt: skip
    if len(tree):
        _cascade_section(document, tree, year, images.get("pohon"))

    progress(0.75, "Menyusun analisis per sasaran")
    document.add_heading("BAB III AKUNTABILITAS KINERJA", 1)
    document.add_heading("A. Capaian Kinerja Organisasi", 2)
    if "sasaran" in images:
        word.picture(document, images["sasaran"], "Gambar 1. Capaian per sasaran")
    if chart_note:
        word.paragraph(document, chart_note, size=9)
    supporting = _Supporting(tree)  # the tree's programs and kegiatan, for every sasaran below
    # looked up once, not per sasaran and indicator (a Series' .get over 2,400 indicators ran for seconds)
    goal_rows = by_goal.set_index("goal")
    end_value, end_year = final_renstra["value"].to_dict(), final_renstra["year"].to_dict()
    standard_of = this_year["national_standard"].to_dict()
    for number, (goal, group) in enumerate(frame.groupby("goal", sort=False), start=1):
        goal_row = goal_rows.loc[goal]
        document.add_heading(f"Sasaran {number}: {goal}", 3)
        score_text = fmt_percent(goal_row["score_pct"]) if pd.notna(goal_row["score_pct"]) else "belum dapat dihitung"
        document.add_paragraph(f"Skor capaian sasaran: {score_text} (kategori {goal_row['category'] or '–'}).")
        word.paragraph(document, "1. Target dan realisasi", bold=True)
        for r in group.to_dict(orient="records"):
            if pd.isna(r["realization_to_date"]):
                document.add_paragraph(f"Indikator {r['indicator_name']} belum memiliki realisasi tahun {year}.")
                continue
            unit = r["measure_unit"]
            # a count (SUM) also says how much of its target or ceiling the year used
            of_year = f" {progress_text(r)}." if r["aggregation"] == Aggregation.SUM else ""
            document.add_paragraph(
                f"Indikator {r['indicator_name']}: realisasi {amount(r['realization_to_date'], unit)} dari target "
                f"{amount(r['annual_target'], unit)}, capaian {fmt_percent(r['achievement_pct'])} "
                f"(kategori {r['category']}).{of_year}"
            )
        word.paragraph(document, "2. Perbandingan dengan tahun sebelumnya", bold=True)
        _earlier_years_table(document, group, earlier, year)
        word.paragraph(document, "3. Perbandingan dengan target Renstra", bold=True)
        for r in group.itertuples():
            end = end_value.get(r.indicator_code)
            if end is None or pd.isna(r.realization_to_date):
                document.add_paragraph(f"Indikator {r.indicator_name}: target akhir Renstra belum dicatat.")
                continue
            document.add_paragraph(
                f"Indikator {r.indicator_name}: realisasi {year} {amount(r.realization_to_date, r.measure_unit)} "
                f"dibandingkan target akhir Renstra {amount(end, r.measure_unit)} "
                f"(tahun {end_year.get(r.indicator_code)})."
            )
        word.paragraph(document, "4. Perbandingan dengan standar nasional", bold=True)
        standards = [
            (r, standard_of.get((r.indicator_code, "pk")))
            for r in group.itertuples()
            if pd.notna(standard_of.get((r.indicator_code, "pk")))
        ]
        if standards:
            for r, standard in standards:
                document.add_paragraph(
                    f"Indikator {r.indicator_name}: realisasi {amount(r.realization_to_date, r.measure_unit)} "
                    f"terhadap standar nasional {amount(standard, r.measure_unit)}."
                )
        else:
            document.add_paragraph("Tidak ada standar nasional yang dicatat dalam rencana untuk indikator sasaran ini.")
        word.paragraph(document, "5. Penyebab keberhasilan atau kegagalan dan solusinya", bold=True)
        _write_text(document, texts[f"penyebab:{group['goal_code'].iloc[0]}"])
        word.paragraph(document, "6. Efisiensi penggunaan sumber daya", bold=True)
        money = budget[budget["goal"] == goal] if len(budget) else budget
        if len(money) and pd.notna(money.iloc[0]["absorption_pct"]):
            m = money.iloc[0]
            document.add_paragraph(
                f"Capaian kinerja sasaran {score_text} dengan serapan anggaran {fmt_percent(m['absorption_pct'])} "
                f"({fmt_rupiah(m['spending'])} dari pagu {fmt_rupiah(m['pagu'])})."
            )
        else:
            document.add_paragraph("Tidak ada anggaran program yang dicatat untuk sasaran ini.")
        word.paragraph(document, "7. Program dan kegiatan yang mendukung", bold=True)
        if _supporting_from_tree(document, supporting, group["goal_code"].iloc[0]):
            continue
        behind = programmes[programmes["goal"] == goal]
        for p in behind.itertuples():
            document.add_paragraph(f"{p.code} {p.name}: pagu {fmt_rupiah(p.pagu)}, realisasi {fmt_rupiah(p.spending or 0)}.",
                                   style="List Bullet")  # fmt: skip
        if behind.empty:
            document.add_paragraph("Belum ada program yang dikaitkan dengan sasaran ini.")

    document.add_heading("B. Realisasi Anggaran", 2)
    if "anggaran" in images:
        word.picture(document, images["anggaran"], "Gambar 2. Kinerja dan serapan anggaran per sasaran")
    rows = [[p.code, p.name, fmt_rupiah(p.pagu), fmt_rupiah(p.spending or 0),
             fmt_percent((p.spending or 0) / p.pagu * 100) if p.pagu else "–"] for p in programmes.itertuples()]  # fmt: skip
    word.table(document, ["Kode", "Program", "Pagu", "Realisasi", "Serapan"], rows, [1.4, 7.6, 2.8, 2.8, 1.6],
               numeric=(2, 3, 4))  # fmt: skip

    document.add_heading("BAB IV PENUTUP", 1)
    _write_text(document, texts["penutup"])
    progress(0.9, "Menyusun lampiran")
    word.landscape(document)
    document.add_heading("LAMPIRAN 1. PERJANJIAN KINERJA", 1)
    _pk_tables(document, store, year, frame)
    document.add_heading("LAMPIRAN 2. PENGUKURAN KINERJA", 1)
    word.table(document, ["No", "Sasaran Strategis", *ANNUAL_MEASUREMENT.values()],
               measurement_rows(frame, ANNUAL_MEASUREMENT), [0.8, 5.0, 7.5, 2.0, 2.2, 2.2, 2.0, 2.5],
               numeric=range(4, 7))  # fmt: skip
    front.fill_contents(document, contents)
    content = word.to_bytes(document)
    progress(1.0, "Selesai")
    return content


EARLIER_YEARS_SHOWN = 2  # the columns of "Perbandingan dengan tahun sebelumnya" beside the year
EARLIER_YEARS_READ = 5  # a Renstra period: how far back a year with figures is looked for


def earlier_recaps(store: Store, year: int, settings) -> dict[int, pd.DataFrame]:
    """The recaps at TW IV of the plan's years before ``year`` (the last Renstra period's worth),
    by indicator code, most recent first."""
    years = sorted((y for y in plan_years(store) if y < year), reverse=True)[:EARLIER_YEARS_READ]
    return {y: recap(store, y, 4, settings=settings).set_index("indicator_code") for y in years}


def years_with_figures(earlier: dict[int, pd.DataFrame], codes) -> list[int]:
    """The most recent earlier years (up to :data:`EARLIER_YEARS_SHOWN`, oldest first) in which any of
    ``codes`` has a realisation for the year: a year without one would be a column of "–"."""
    found = [y for y, frame in earlier.items() if frame["realization_to_date"][frame.index.isin(codes)].notna().any()]
    return sorted(found[:EARLIER_YEARS_SHOWN])


def _earlier_years_table(document, group: pd.DataFrame, earlier: dict[int, pd.DataFrame], year: int) -> None:
    """Bab III (2): each indicator's realisation in the earlier years that hold figures, and this year's."""
    years = years_with_figures(earlier, group["indicator_code"])
    if not years:
        document.add_paragraph(
            f"Belum ada realisasi tahun sebelumnya untuk indikator sasaran ini: perbandingan antartahun dimulai "
            f"dari tahun {year}."
        )
        return
    codes = group["indicator_code"]
    columns = [earlier[y]["realization_to_date"].reindex(codes).tolist() for y in years]  # one lookup a year
    rows = []
    for n, r in enumerate(group.itertuples()):
        past = [column[n] for column in columns]
        rows.append([r.indicator_name, *(amount(v, r.measure_unit) for v in (*past, r.realization_to_date))])
    widths = [8.0 + 2.6 * (EARLIER_YEARS_SHOWN - len(years)), *[2.6] * (len(years) + 1)]
    word.table(document, ["Indikator", *map(str, years), str(year)], rows, widths, numeric=range(1, len(years) + 2))


def _cascade_section(document, tree: pd.DataFrame, year: int, image: bytes | None) -> None:
    """Bab II C: the pohon kinerja, drawn and as a table of its sasaran, programs and kegiatan."""
    document.add_heading("C. Pohon Kinerja (Cascading)", 2)
    counted = tree["level"].value_counts()
    parts = [f"{int(counted.get(level, 0))} {word}" for level, word in _TREE_WORDS if counted.get(level, 0)]
    document.add_paragraph(f"Pohon kinerja tahun {year} memuat {', '.join(parts)}; kertas kerja cascading "
                           "selengkapnya (dengan sub kegiatan dan pagunya) terlampir dalam arsip.")  # fmt: skip
    if image:
        word.picture(document, image, "Gambar. Pohon kinerja, diwarnai menurut kategori capaian")
    whole = depth_first(branch(tree, limit=len(tree)))  # each branch under its parent, pagu summed up
    shown = whole[whole["level"].isin(PRINTED_LEVELS)]
    rows = [[Level(r.level).word, r.code, r.name, fmt_rupiah(r.pagu_total) if r.pagu_total else "–"]
            for r in shown.itertuples()]  # fmt: skip
    word.table(document, ["Tingkat", "Kode", "Nama", "Pagu"], rows, [3.0, 3.0, 8.0, 3.0], numeric=(3,))


# the levels Bab II prints (the sub-kegiatan are in the Kertas Kerja: a row of them would not be read on paper)
PRINTED_LEVELS = [str(level) for level in Level if level not in (Level.SUB_KEGIATAN, Level.RHK)]
_TREE_WORDS = (
    ("tujuan_pemda", "tujuan pemda"),
    ("sasaran_pemda", "sasaran pemda"),
    ("tujuan_opd", "tujuan"),
    ("sasaran_opd", "sasaran"),
    ("program", "program"),
    ("kegiatan", "kegiatan"),
    ("sub_kegiatan", "sub kegiatan"),
)


class _Supporting:
    """The programs and kegiatan of the whole tree, each branch under its parent with the pagu under
    it (``depth_first(branch(…))``), worked out once for every sasaran of the report: a sasaran's are
    the rows of the codes under it, in the same order (a province's 180 sasaran each drew the whole
    tree's branch again: half of its LKjIP's time)."""

    def __init__(self, tree: pd.DataFrame):
        self.codes = set(tree["code"])
        whole = depth_first(branch(tree, limit=len(tree))) if len(tree) else tree
        self.rows = whole[whole["level"].isin(["program", "kegiatan"])] if len(tree) else tree
        self.children: dict[object, list[str]] = {}
        for code, parent in zip(tree["code"], tree["parent_code"], strict=True):
            self.children.setdefault(parent, []).append(code)

    def under(self, code: str) -> pd.DataFrame:
        """The rows of ``code`` and of the nodes under it."""
        below, stack = {code}, list(self.children.get(code, []))
        while stack:
            child = stack.pop()
            if child not in below:
                below.add(child)
                stack += self.children.get(child, [])
        return self.rows[self.rows["code"].isin(below)]


def _supporting_from_tree(document, tree: _Supporting, goal_code: str) -> bool:
    """Bab III (7) from the pohon kinerja: the programs and kegiatan under the sasaran, with the pagu
    under each; False when the tree does not hold the sasaran (the plan's programmes are listed)."""
    if goal_code not in tree.codes:
        return False
    under = tree.under(goal_code)
    if under.empty:
        document.add_paragraph("Pohon kinerja belum memuat program di bawah sasaran ini.")
    for r in under.itertuples():
        indent = "" if r.level == "program" else "    "
        document.add_paragraph(f"{indent}{r.code} {r.name}: pagu {fmt_rupiah(r.pagu_total)}.", style="List Bullet")
    return True


def _pk_tables(document, store: Store, year: int, frame: pd.DataFrame) -> None:
    rows = [
        [str(n), row["goal"], row["indicator_name"], amount(row["annual_target"], row["measure_unit"] or "")]
        for n, row in enumerate(frame.to_dict(orient="records"), start=1)
    ]
    word.table(document, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"], rows, [1.0, 8.0, 10.0, 4.0],
               numeric=(3,), size=9)  # fmt: skip
    document.add_paragraph()
    programmes = store.df(_PROGRAMMES_SQL, [year])
    rows = [[str(n), f"{p.code} {p.name}", fmt_rupiah(p.pagu)] for n, p in enumerate(programmes.itertuples(), start=1)]
    word.table(document, ["No", "Program", "Anggaran (Rp)"], rows, [1.0, 15.0, 5.0], numeric=(2,), size=9)


def pk_docx(store: Store, year: int, today: dt.date | None = None) -> bytes:
    """The Perjanjian Kinerja document: its two tables and the signature block of both parties."""
    settings = load_settings(store, year)
    frame = recap(store, year, 4, settings=settings)
    document = word.new_document(store, "PERJANJIAN KINERJA", f"TAHUN {year}", settings.office_name, year)
    word.paragraph(document, f"PERJANJIAN KINERJA TAHUN {year}", bold=True, size=14, center=True)
    word.paragraph(document, settings.office_name.upper(), bold=True, size=12, center=True)
    document.add_paragraph(
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi "
        f"pada hasil, pihak pertama berjanji mewujudkan target kinerja tahun {year} berikut ini sesuai lampiran "
        "perjanjian, dan pihak kedua akan melakukan supervisi serta evaluasi atas capaiannya."
    )
    _pk_tables(document, store, year, frame)
    document.add_paragraph()
    signature = document.add_table(rows=4, cols=2)
    texts = [
        ("Pihak Kedua,", f"…………, {fmt_date(today or dt.date.today())}\nPihak Pertama,"),
        ("Bupati/Wali Kota", f"Kepala {settings.office_name}"),
        ("\n\n\n", "\n\n\n"),
        ("(…………………………)", _signed(settings.head_name, settings.head_nip)),
    ]
    for row, (left, right) in zip(signature.rows, texts, strict=True):
        row.cells[0].text, row.cells[1].text = left, right
    return word.to_bytes(document)


def _signed(name: str, nip: str) -> str:
    """The head's name and NIP under the signature, from the settings; blank lines to write them by
    hand where the settings hold none (a form to be signed, never a made-up name)."""
    return f"{name or '(…………………………)'}\nNIP {nip or '…………………………'}"


def annual_xlsx(store: Store, year: int) -> bytes:
    """The LKjIP's measurement form and the budget as formatted sheets."""
    figures = annual_figures(store, year)
    settings, frame = figures.settings, figures.frame
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Pengukuran {year}"
    table = frame[["goal", *ANNUAL_MEASUREMENT]].rename(columns={"goal": "Sasaran Strategis", **ANNUAL_MEASUREMENT})
    write_sheet(sheet, f"PENGUKURAN KINERJA TAHUN {year}", settings.office_name, table,
           {"Target": "#,##0.##", "Realisasi": "#,##0.##", "Capaian (%)": "0.0"}, settings.statement())  # fmt: skip
    programmes = store.df(_PROGRAMMES_SQL, [year])
    money = pd.DataFrame(
        {
            "Kode": programmes["code"],
            "Program": programmes["name"],
            "Sasaran": programmes["goal"],
            "Pagu": programmes["pagu"],
            "Realisasi": programmes["spending"].fillna(0),
            "Serapan (%)": (programmes["spending"].fillna(0) / programmes["pagu"] * 100).round(2),
        }
    )
    write_sheet(workbook.create_sheet("Realisasi Anggaran"), f"REALISASI ANGGARAN TAHUN {year}", settings.office_name,
           money, {"Pagu": "#,##0", "Realisasi": "#,##0", "Serapan (%)": "0.0"})  # fmt: skip
    return workbook_bytes(workbook)


def _write_text(document, text: str) -> None:
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line.strip())


def annual_figures(store: Store, year: int) -> PeriodFigures:
    """The LKjIP's figures: the year at TW IV, as the dashboard and the quarterly report have them."""
    return period_figures(store, View(year, 4))


def annual_drafts(store: Store, year: int, figures: PeriodFigures | None = None) -> dict[str, tuple[str, str]]:
    """The LKjIP's passages a planner words: key → (where it goes, the draft from the data): the
    strategic issues, each sasaran's causes and solutions (from the units' notes), the closing.
    ``figures``: the year's :func:`annual_figures`, when already at hand."""
    figures = annual_figures(store, year) if figures is None else figures
    settings, frame, score, grade = figures.settings, figures.frame, figures.score, figures.grade
    notes = _notes(store, year)
    drafts: dict[str, tuple[str, str]] = {}
    weakest = figures.worst.dropna(subset=["score_pct"]).head(3)
    # only what the data says: the Renstra's strategic issues are the planner's to write, and the
    # Laporan page flags them while unwritten (unwritten_passages); an instruction is never printed
    drafts["isu"] = (
        "Bab I B. Isu Strategis",
        "Berdasarkan capaian tahun ini, isu strategis yang perlu mendapat perhatian tercermin pada indikator "
        + "; ".join(f"{r.indicator_name} ({fmt_percent(r.achievement_pct)})" for r in weakest.itertuples())
        + "."
        if len(weakest)
        else "",
    )
    for (goal_code, goal), group in frame.groupby(["goal_code", "goal"], sort=False):
        said = notes[notes["code"].isin(group["indicator_code"])]
        lines = [
            f"{label}: {' '.join(found[:4])}"
            for label, column in (
                ("Faktor pendorong", "drivers"),
                ("Kendala", "obstacles"),
                ("Solusi dan tindak lanjut", "follow_up"),
            )
            if (found := _distinct(said[column]))
        ]
        drafts[f"penyebab:{goal_code}"] = (
            f"Bab III, {goal}: 5. Penyebab dan solusi",
            "\n".join(lines),  # empty: left for the planner, flagged on the page
        )
    drafts["penutup"] = (
        "Bab IV Penutup",
        f"Secara keseluruhan kinerja {settings.office_name} tahun {year} berada pada kategori {grade or '–'} "
        f"dengan skor {fmt_percent(score)}. Indikator yang belum mencapai target menjadi prioritas perbaikan tahun "
        "berikutnya melalui tindak lanjut yang telah diuraikan pada Bab III.",
    )
    return drafts


PLANNERS_OWN = ("isu",)  # passages the data can only begin: the Renstra's strategic issues


def unwritten_passages(store: Store, year: int) -> list[str]:
    """Where the LKjIP of ``year`` still waits for the planner's words (as the Laporan page lists
    them): a passage with no text, and the strategic issues while only the data's sentence is there.
    The report leaves these empty rather than print an instruction."""
    figures = annual_figures(store, year)
    drafts = annual_drafts(store, year, figures)
    shown = annual_paragraphs(store, year, figures)
    return [
        label
        for key, (label, draft) in drafts.items()
        if not shown[key].strip() or (key in PLANNERS_OWN and shown[key] == draft)
    ]


def annual_paragraphs(store: Store, year: int, figures: PeriodFigures | None = None) -> dict[str, str]:
    """What the LKjIP says in those passages: the planner's edit where its draft is unchanged."""
    from kinerja.reporting.quarterly import saved_texts

    edits = saved_texts(store, year, 0)
    return {
        key: edits[key][1] if key in edits and edits[key][0] == draft else draft
        for key, (_, draft) in annual_drafts(store, year, figures).items()
    }
