"""Demo data: a fictional Dinas Kesehatan Kabupaten Sukamaju with two complete past years and the
current year up to TW II. Deterministic (fixed seed), so every machine shows the same numbers.

The plan is data: each year's PK + Rencana Aksi workbook under data/demo/, read and saved through
the same import a planner's upload goes through (``read_plan_file``, ``save_plan``), so the demo
can never hold a plan the app would refuse (its programmes' anggaran kas too). Only how the figures
behave is written here; they come in as a unit sends them: each unit's quarterly template, filled in
and uploaded by its operator through the one upload (``collection.upload``, ``save_data``) at the
demo's date, so the demo can never hold a figure the checks would refuse either.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from kinerja.access.accounts import NewAccount, actor_of, add_account
from kinerja.access.roles import Action, Actor, Role, acting_as, require
from kinerja.cascade.importing import import_cascade
from kinerja.cascade.links import LINK_COLUMNS, save_links
from kinerja.collection.datafile import Period
from kinerja.collection.realization import RealizationRow
from kinerja.collection.saving import save_data
from kinerja.collection.template import BUDGET_SHEET, HEADER_ROW, template_file_name, unit_template
from kinerja.collection.upload import check_upload, read_upload
from kinerja.domain.achievement import Aggregation, Polarity
from kinerja.domain.office_time import OfficeClock
from kinerja.domain.period import ANNUAL, roman, usual_due_date
from kinerja.planning.rows import PlanRow, ProgrammeRow
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.reporting.quarterly import record_draft
from kinerja.storage.settings import DEFAULTS, office_clock
from kinerja.storage.store import Store
from kinerja.workbook.writing import workbook_bytes
from kinerja.workflow import review
from kinerja.workflow.meetings import meeting_link, record_meeting

OFFICE = "Dinas Kesehatan Kabupaten Sukamaju"
YEARS = (2024, 2025, 2026)
CURRENT_YEAR, CURRENT_QUARTER = 2026, 2
SEED = 20260701

PLANS = Path(__file__).resolve().parents[1] / "data" / "demo"  # rencana-kinerja-YYYY.xlsx, the office's PK + RA


def plan_file(year: int) -> Path:
    """The demo office's PK + Rencana Aksi workbook of ``year``, as a planner would upload it."""
    return PLANS / f"rencana-kinerja-{year}.xlsx"


@dataclass(frozen=True)
class Behaviour:
    """How an indicator's figures behave over the years: realisation ÷ target on average, and for
    RATIO a quarter's denominator (for a SUM with target 0: the chance of a case in a quarter)."""

    performance: float
    scale: float = 0.0


BEHAVIOUR = {
    "IK01": Behaviour(1.1),
    "IK02": Behaviour(1.02),
    "IK03": Behaviour(0.99, scale=900),
    "IK04": Behaviour(0.9, scale=950),
    "IK05": Behaviour(1.06),
    "IK06": Behaviour(0.97, scale=40),
    "IK07": Behaviour(0.88),
    "IK08": Behaviour(0.96),
    "IK09": Behaviour(0.93, scale=120),
    "IK10": Behaviour(1.25),
    "IK11": Behaviour(0.95, scale=850),
    "IK12": Behaviour(0.0, scale=0.15),
    "IK13": Behaviour(0.62, scale=3000),
    "IK14": Behaviour(1.01),
    "IK15": Behaviour(0.8),
    "IK16": Behaviour(1.12),
    "IK17": Behaviour(1.08),
    "IK18": Behaviour(0.985),
    "IK19": Behaviour(0.97),
    "IK20": Behaviour(1.0),
    "IK21": Behaviour(0.92),
    "IK22": Behaviour(1.0),
    "IK23": Behaviour(0.0, scale=0.5),
}

DRIVERS = [
    "Dukungan kader posyandu dan lintas sektor di tingkat desa berjalan baik.",
    "Pendampingan rutin oleh tim puskesmas dan pemanfaatan aplikasi pencatatan.",
    "Alokasi dana desa untuk kegiatan kesehatan meningkat.",
    "Koordinasi dengan rumah sakit dan jejaring rujukan semakin lancar.",
    "Sosialisasi melalui media sosial dan tokoh agama menjangkau lebih banyak warga.",
]
OBSTACLES = [
    "Keterlambatan pengiriman laporan dari beberapa puskesmas.",
    "Keterbatasan tenaga kesehatan di wilayah terpencil.",
    "Cuaca ekstrem menghambat kunjungan ke desa sasaran.",
    "Ketersediaan logistik (vaksin/reagen) sempat terlambat dari provinsi.",
    "Data sasaran belum sinkron dengan data kependudukan.",
]
FOLLOW_UPS = [
    "Menyurati kepala puskesmas dan menjadwalkan validasi data bulanan.",
    "Mengusulkan penambahan tenaga melalui skema penugasan khusus.",
    "Menjadwal ulang kegiatan dan menambah pos pelayanan bergerak.",
    "Berkoordinasi dengan Dinas Kesehatan Provinsi untuk percepatan distribusi.",
    "Pemadanan data sasaran bersama Disdukcapil setiap triwulan.",
]


def _quarters_reported(year: int) -> int:
    return CURRENT_QUARTER if year == CURRENT_YEAR else 4


def _figures(row: PlanRow, year: int, rng: random.Random) -> list[RealizationRow]:
    """TW I … the last reported quarter's figures, tracking the Rencana Aksi with the indicator's
    performance and some noise."""
    behaviour = BEHAVIOUR[row.code]
    rows = []
    for q in range(1, _quarters_reported(year) + 1):
        target = row.quarters[q - 1].low
        if row.polarity is Polarity.RANGE:
            target = 78.0  # around the upper bound of 60 - 85: some quarters inside, some above
        factor = behaviour.performance * rng.uniform(0.95, 1.05)
        value = target * factor
        numerator = denominator = None
        if row.aggregation is Aggregation.RATIO:
            denominator = float(round(behaviour.scale * rng.uniform(0.9, 1.1)))
            numerator = float(min(denominator, round(denominator * min(value, 100) / 100)))
            value = None
        elif behaviour.scale and target == 0:
            value = float(rng.random() < behaviour.scale)
        elif row.measure_unit in ("orang", "desa", "dokumen", "kasus", "pengaduan"):
            value = float(max(0, round(value)))
        else:
            value = round(value, 2)
        rows.append(
            RealizationRow(
                row.code,
                value,
                numerator,
                denominator,
                drivers=rng.choice(DRIVERS),
                obstacles=rng.choice(OBSTACLES) if factor < 1 or row.polarity is Polarity.NEGATIVE else None,
                follow_up=rng.choice(FOLLOW_UPS),
                evidence_url=f"https://drive.sukamaju.go.id/bukti/{year}/tw{q}/{row.code.lower()}.pdf",
            )
        )
    return rows


def load_demo(store: Store) -> None:
    """Load the demo plan and data; refused if a plan of the demo years already exists."""
    existing = store.scalar("SELECT count(*) FROM target WHERE year IN (2024, 2025, 2026) AND kind = 'pk'")
    if existing:
        raise ValueError("Basis data sudah berisi rencana tahun 2024–2026; data demo tidak dimuat.")
    plans, budgets = {}, {}
    for year in YEARS:  # through the same import a planner's upload goes through
        draft = read_plan_file(plan_file(year).read_bytes(), plan_file(year).name)
        if draft.errors or draft.year != year:
            raise ValueError(f"Rencana demo {plan_file(year).name} tidak dapat dibaca: {draft.errors[:3]}")
        save_plan(store, draft, demo=True)
        plans[year] = {row.code: row for row in draft.rows}
        budgets[year] = draft.programmes
    units = [unit.code for unit in draft.units]
    rng = random.Random(SEED)
    figures = {(code, year): _figures(plans[year][code], year, rng) for year in YEARS for code in BEHAVIOUR}
    owners = {code: row.unit for code, row in plans[YEARS[-1]].items()}
    for account in DEMO_ACCOUNTS:
        add_account(store, account, demo=True)
    sent: dict[tuple[str, int, int], dt.datetime] = {}
    clock = office_clock(store)  # the demo's office hours (WIB) as the database writes times
    for year in YEARS:  # each unit's quarterly file, sent through the upload a unit's operator makes
        for q in range(1, _quarters_reported(year) + 1):
            for unit in sorted(set(owners.values())):
                rows = [figures[code, year][q - 1] for code in BEHAVIOUR if owners[code] == unit]
                sent[unit, year, q] = clock.stored(_sent_at(year, q, rng))
                spending = _budget(budgets[year], unit, q, rng)
                with acting_as(_operator(store, unit)):
                    _send(store, unit, year, q, rows, spending, sent[unit, year, q])
    with store.write() as w:
        for year in YEARS:
            for q in range(1, 5):
                w.execute(
                    "INSERT INTO quarter_deadline (year, quarter, due_on) VALUES (?, ?, ?)",
                    [year, q, usual_due_date(year, q)],
                )
        _set(w, "office_name", OFFICE)
        for key, value in DEMO_HEAD.items():  # who signs the demo's Kata Pengantar and PK (fictional)
            _set(w, key, value)
        _set(w, "demo_loaded", "true")
        _dispositions(w, clock)
        for n, code in enumerate(units):  # fictional numbers, for the reminders' WhatsApp links
            w.execute(
                "UPDATE unit SET phone = ?, email = ? WHERE code = ?",
                [f"0812-3456-{7000 + n:04d}", f"{code.lower()}@sukamaju.go.id", code],
            )
    _review_history(store, sent, clock)
    # the current year's pohon kinerja, from a Kertas Kerja Cascading through the planner's import
    import_cascade(store, CURRENT_YEAR, cascade_worksheet(), tree_file().name, demo=True)
    save_links(store, CURRENT_YEAR, pd.DataFrame(DEMO_LINKS, columns=LINK_COLUMNS))


# The demo's accounts, all with the password DEMO_PASSWORD (fictional data, shown on the sign-in page)
DEMO_PASSWORD = "sukamaju2026"
DEMO_ADMIN = "admin.demo"
DEMO_ACCOUNTS = (
    NewAccount(DEMO_ADMIN, Role.ADMIN, DEMO_PASSWORD, None, "Admin Demo (JF Perencana)"),
    NewAccount("operator.kesmas", Role.OPERATOR, DEMO_PASSWORD, "KESMAS", "Operator Bidang Kesmas"),
    NewAccount("operator.p2p", Role.OPERATOR, DEMO_PASSWORD, "P2P", "Operator Bidang P2P"),
    NewAccount("kabid.kesmas", Role.REVIEWER, DEMO_PASSWORD, "KESMAS", "Kepala Bidang Kesmas"),
    NewAccount("sekretaris", Role.REVIEWER, DEMO_PASSWORD, "DINKES", "Sekretaris Dinas"),
    NewAccount("kadis", Role.LEADER, DEMO_PASSWORD, None, "Kepala Dinas"),
    NewAccount("verifikator.bappeda", Role.BAPPEDA, DEMO_PASSWORD, None, "Verifikator LKE Bappeda"),
    NewAccount("verifikator.organisasi", Role.ORGANISATION, DEMO_PASSWORD, None, "Verifikator LKE Bagian Organisasi"),
    NewAccount("inspektur", Role.INSPECTORATE, DEMO_PASSWORD, None, "Auditor Inspektorat"),
)
# TW II 2026, the quarter in progress: each unit somewhere in the loop
_IN_PROGRESS = {"KESMAS": "submitted", "P2P": "returned", "SDK": "submitted", "YANKES": "draft"}
# who verifies a unit's quarter: its Kepala Bidang, else the Sekretaris for the office's own units, else
# (another office's data the Secretariat collects: Dukcapil, RSUD) the planner, as the roles allow
_REVIEWERS = ("kabid.kesmas", "sekretaris", DEMO_ADMIN)
_RETURN_NOTE = (
    "IK13",
    "Jumlah penderita yang dilayani (pembilang) lebih kecil dari laporan SPM bulanan; mohon dicek ulang "
    "dengan rekap puskesmas dan lampirkan bukti.",
)


def _operator(store: Store, unit: str) -> Actor:
    """The unit's operator account, or (another office's data the Secretariat collects: Dukcapil,
    RSUD) an operator of that unit with no account of its own."""
    name = f"operator.{unit.lower()}"
    if any(account.name == name for account in DEMO_ACCOUNTS):
        return actor_of(store, name)
    return Actor(name, Role.OPERATOR, unit, frozenset({unit}))


def _send(
    store: Store,
    unit: str,
    year: int,
    quarter: int,
    rows: list[RealizationRow],
    spending: dict[str, float],
    at: dt.datetime,
) -> None:
    """The unit's quarterly template, filled in as its operator would, uploaded at ``at``."""
    content = _filled(unit_template(store, unit, year, quarter), quarter, rows, spending)
    name = template_file_name(unit, year, quarter)
    data = check_upload(store, read_upload(store, content, name, Period(year, quarter, unit)))
    if data.errors:
        raise ValueError(f"Data demo {name} ditolak: {[p.message for p in data.errors[:3]]}")
    save_data(store, data, confirm_warnings=True, at=at, demo=True)


def _filled(template: bytes, quarter: int, rows: list[RealizationRow], spending: dict[str, float]) -> bytes:
    """The template with the quarter's figures, narrative and programme spending in its input cells."""
    book = load_workbook(io.BytesIO(template))
    now = roman(quarter)
    sheet = book["Data"]
    columns = _columns(sheet)
    keys = {
        "value": f"Realisasi TW {now}", "numerator": f"Pembilang TW {now}", "denominator": f"Penyebut TW {now}",
        "drivers": "Faktor Pendorong", "obstacles": "Faktor Penghambat", "follow_up": "Tindak Lanjut",
        "evidence_url": "Bukti Dukung",
    }  # fmt: skip
    figures = {row.indicator_code: row for row in rows}
    for line in range(HEADER_ROW + 1, sheet.max_row + 1):
        figure = figures.get(sheet.cell(line, columns["Kode Indikator"]).value)
        for key, label in keys.items():
            value = getattr(figure, key) if figure else None
            if value is not None:
                sheet.cell(line, columns[label], value)
        if figure and figure.denominator:  # the ratio's formula as Excel saves it: with its result
            sheet.cell(line, columns[keys["value"]], round(figure.numerator / figure.denominator * 100, 2))
    if spending:
        sheet = book[BUDGET_SHEET]
        columns = _columns(sheet)
        for line in range(HEADER_ROW + 1, sheet.max_row + 1):
            code = sheet.cell(line, columns["Kode Program"]).value
            if code in spending:
                sheet.cell(line, columns[f"Realisasi Anggaran TW {now} (Rp)"], spending[code])
    return workbook_bytes(book)


def _columns(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[HEADER_ROW] if cell.value}


def _dispositions(w, clock: OfficeClock) -> None:
    """The Sekretaris's disposition at the start of every demo quarter's collection."""
    accounts = dict(w.cursor.execute("SELECT name, id FROM account").fetchall())
    tasks = [
        ("kabid.kesmas", "KESMAS", "Kumpulkan data indikator Bidang Kesmas dari puskesmas dan seksi"),
        ("admin.demo", "SEK,PK,P2P,YANKES,SDK", "Kumpulkan data bidang lain dan rekap capaian triwulan"),
    ]
    rows = []
    for year in YEARS:
        for q in range(1, _quarters_reported(year) + 1):
            start = clock.stored(dt.datetime.combine(usual_due_date(year, q) - dt.timedelta(days=15), dt.time(8, 15)))
            done = None if (year, q) == (CURRENT_YEAR, CURRENT_QUARTER) else start + dt.timedelta(days=16)
            for name, units, task in tasks:
                rows.append(
                    (len(rows) + 1, year, q, accounts[name], units, task, usual_due_date(year, q),
                     "Gunakan templat terbaru; lampirkan bukti dukung.", "sekretaris", start, done)
                )  # fmt: skip
    w.executemany(
        "INSERT INTO assignment (id, year, quarter, assignee_id, units, task, due_on, note, assigned_by, "
        "assigned_at, done_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)",
        rows,
    )


def _review_history(store: Store, sent: dict[tuple[str, int, int], dt.datetime], clock: OfficeClock) -> None:
    """Every demo quarter through the loop, by workflow.review's own steps at the demo's times: the
    unit's operator submits, its reviewer verifies (or returns, with a note on an indicator); the
    finished periods' reports are then drafted, corrected and final, which locks them. TW II 2026 is in
    progress: one unit returned, one still a draft."""
    scopes = {a.name: actor_of(store, a.name) for a in DEMO_ACCOUNTS}
    for (unit, year, q), at in sorted(sent.items()):  # each a draft since its upload
        reviewer = next(scopes[name] for name in _REVIEWERS if unit in scopes[name].scope or name == DEMO_ADMIN)
        state = _IN_PROGRESS.get(unit, "verified") if (year, q) == (CURRENT_YEAR, CURRENT_QUARTER) else "verified"
        if state != "draft":
            with acting_as(_operator(store, unit)):
                review.submit(store, unit, year, q, at=at + dt.timedelta(hours=2), demo=True)
        with acting_as(reviewer):
            reviewed = at + dt.timedelta(days=2)
            if state == "returned":
                note = "Ada data yang perlu diperbaiki."
                review.send_back(store, unit, year, q, note, dict([_RETURN_NOTE]), at=reviewed, demo=True)
            elif state == "verified":
                review.verify(store, unit, year, q, at=reviewed, demo=True)
    with acting_as(scopes[DEMO_ADMIN]):
        for year in YEARS:
            periods = [q for q in range(1, 5) if (year, q) < (CURRENT_YEAR, CURRENT_QUARTER)]
            for q in periods + ([ANNUAL] if year < CURRENT_YEAR else []):
                due = dt.date(year + 1, 3, 31) if q == ANNUAL else usual_due_date(year, q)
                start = clock.stored(dt.datetime.combine(due, dt.time(10)))
                record_draft(store, year, q, at=start + dt.timedelta(days=3), demo=True)
                for days in (6, 9):  # corrected, then final
                    review.advance_report(store, year, q, at=start + dt.timedelta(days=days), demo=True)
    with acting_as(scopes["kadis"]):  # the Kepala Dinas shows each finished quarter in a meeting
        for year in YEARS:
            for q in (q for q in range(1, 5) if (year, q) < (CURRENT_YEAR, CURRENT_QUARTER)):
                at = clock.stored(dt.datetime.combine(usual_due_date(year, q) + dt.timedelta(days=20), dt.time(9)))
                record_meeting(store, year, q, meeting_link({"tahun": str(year), "tw": str(q)}), at=at, demo=True)


def _sent_at(year: int, quarter: int, rng: random.Random) -> dt.datetime:
    """Most units send within the deadline; now and then one is a few days late."""
    days = rng.choice([3, 5, 7, 9, 10, 12, 13, 14, 17])
    return dt.datetime.combine(
        usual_due_date(year, quarter) - dt.timedelta(days=14) + dt.timedelta(days=days), dt.time(9, 30)
    )


def _budget(programmes: list[ProgrammeRow], unit: str, quarter: int, rng: random.Random) -> dict[str, float]:
    """What each of the unit's programmes spent in the quarter (by code): most of its anggaran kas
    (the plan's)."""
    return {
        programme.code: round(programme.cash_plan[quarter - 1] * rng.uniform(0.7, 1.0), -3)
        for programme in programmes
        if programme.unit == unit
    }


DEMO_HEAD = {"head_name": "dr. Siti Rahmawati, M.Kes", "head_nip": "19750101 200012 2 001"}


def _set(w, key: str, value: str) -> None:
    w.execute("DELETE FROM setting WHERE key = ?", [key])
    w.execute("INSERT INTO setting VALUES (?, ?)", [key, value])


# DuckDB checks a foreign key against rows deleted earlier in the same transaction: the tree's
# references to the demo's indicators go in a transaction of their own, first
REMOVE_DEMO_TREE = [
    "DELETE FROM cascade_link WHERE node_id IN (SELECT id FROM cascade_node WHERE demo)",
    "DELETE FROM cascade_indicator WHERE node_id IN (SELECT id FROM cascade_node WHERE demo) "
    "OR indicator_id IN (SELECT id FROM indicator WHERE demo)",  # a tree saved since keeps its own indicators
    "DELETE FROM cascade_node WHERE demo",
]
REMOVE_DEMO = [
    "DELETE FROM review_note WHERE event_id IN (SELECT id FROM review_event WHERE demo)",
    "DELETE FROM review_event WHERE demo",
    "DELETE FROM report_event WHERE demo",
    "DELETE FROM assignment WHERE demo",
    "DELETE FROM meeting_shown WHERE demo",
    "DELETE FROM account WHERE demo",
    "DELETE FROM realization WHERE submission_id IN (SELECT id FROM submission WHERE demo)",
    "DELETE FROM budget_realization WHERE submission_id IN (SELECT id FROM submission WHERE demo)",
    "DELETE FROM indicator_spending WHERE submission_id IN (SELECT id FROM submission WHERE demo)",
    # the demo units' uploaded files, unless the same content was also uploaded by someone or kept as evidence
    "DELETE FROM stored_file WHERE sha256 IN (SELECT file_sha256 FROM submission WHERE demo) "
    "AND sha256 NOT IN (SELECT file_sha256 FROM submission WHERE NOT demo AND file_sha256 IS NOT NULL) "
    "AND sha256 NOT IN (SELECT file_sha256 FROM lke_evidence WHERE file_sha256 IS NOT NULL)",
    "DELETE FROM submission WHERE demo",
    "DELETE FROM target WHERE indicator_id IN (SELECT id FROM indicator WHERE demo)",
    "DELETE FROM indicator_year WHERE indicator_id IN (SELECT id FROM indicator WHERE demo)",
    "DELETE FROM indicator_plan WHERE indicator_id IN (SELECT id FROM indicator WHERE demo)",
    "DELETE FROM indicator_budget WHERE indicator_id IN (SELECT id FROM indicator WHERE demo)",
    "DELETE FROM indicator WHERE demo",
    "DELETE FROM programme_budget WHERE programme_id IN (SELECT id FROM programme WHERE demo)",
    "DELETE FROM programme_cash_plan WHERE programme_id IN (SELECT id FROM programme WHERE demo)",
    "DELETE FROM programme WHERE demo",
    "DELETE FROM goal WHERE demo AND id NOT IN (SELECT goal_id FROM indicator) "
    "AND id NOT IN (SELECT goal_id FROM cascade_node WHERE goal_id IS NOT NULL) "
    "AND id NOT IN (SELECT goal_id FROM indicator_plan) "
    "AND id NOT IN (SELECT parent_id FROM goal WHERE parent_id IS NOT NULL AND NOT demo)",
    "DELETE FROM unit WHERE demo AND id NOT IN (SELECT unit_id FROM indicator WHERE unit_id IS NOT NULL) "
    "AND id NOT IN (SELECT unit_id FROM indicator_plan WHERE unit_id IS NOT NULL) "
    "AND id NOT IN (SELECT unit_id FROM submission) "
    "AND id NOT IN (SELECT unit_id FROM cascade_node WHERE unit_id IS NOT NULL)",
]


def remove_demo(store: Store) -> None:
    """Remove everything the demo loaded, keeping what users added since."""
    require(Action.DEMO)
    with store.write() as w:
        for statement in REMOVE_DEMO_TREE:
            w.execute(statement)
    with store.write() as w:
        w.audit("demo.hapus", "data demo")
        for statement in REMOVE_DEMO:
            w.execute(statement)
        w.execute("UPDATE unit SET parent_id = NULL WHERE parent_id NOT IN (SELECT id FROM unit)")
        for year in YEARS:  # deadlines a user has changed since are theirs
            for quarter in range(1, 5):
                w.execute(
                    "DELETE FROM quarter_deadline WHERE year = ? AND quarter = ? AND due_on = ?",
                    [year, quarter, usual_due_date(year, quarter)],
                )
        _set(w, "office_name", DEFAULTS["office_name"])
        for key in DEMO_HEAD:
            _set(w, key, DEFAULTS[key])
        _set(w, "demo_loaded", "false")


DEMO_LINKS = [  # work shared with other offices: one agreed, one still waiting for the other office
    ["1.02.05.2.01", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", None,
     "Konvergensi percepatan penurunan stunting", "diterima", None],
    ["1.02.02.2.02.0003", "RSUD Sukamaju", None, "Rujukan bayi baru lahir berisiko tinggi", "diusulkan", None],
]  # fmt: skip


def tree_file() -> Path:
    """The demo office's Kertas Kerja Cascading of the current year, as an office keeps it (written once
    by data/demo/make_kertas_kerja.py)."""
    return PLANS / f"kertas-kerja-cascading-{CURRENT_YEAR}.xlsx"


def cascade_worksheet() -> bytes:
    """The demo office's Kertas Kerja Cascading as a planner would upload it."""
    return tree_file().read_bytes()
