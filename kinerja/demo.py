"""Demo data: a fictional Dinas Kesehatan Kabupaten Sukamaju with two complete past years and the
current year up to TW II. Deterministic (fixed seed), so every machine shows the same numbers.

The plan goes through the same checks as a planner's workbook (``save_plan``), so the demo can
never hold a plan the app would refuse.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pandas as pd

from kinerja.access.accounts import NewAccount, add_account
from kinerja.access.roles import Action, Role, require
from kinerja.collection.realization import BudgetRow, RealizationRow, add_submission
from kinerja.planning.plan import draft_from_frames, save_plan
from kinerja.storage.settings import DEFAULTS
from kinerja.storage.store import Store

OFFICE = "Dinas Kesehatan Kabupaten Sukamaju"
YEARS = (2024, 2025, 2026)
CURRENT_YEAR, CURRENT_QUARTER = 2026, 2
SEED = 20260701

UNITS = [
    # code, name, parent, kind
    ("DINKES", OFFICE, None, "opd"),
    ("SEK", "Sekretariat", "DINKES", "sekretariat"),
    ("PK", "Subbagian Perencanaan dan Keuangan", "SEK", "subbag"),
    ("KESMAS", "Bidang Kesehatan Masyarakat", "DINKES", "bidang"),
    ("P2P", "Bidang Pencegahan dan Pengendalian Penyakit", "DINKES", "bidang"),
    ("YANKES", "Bidang Pelayanan Kesehatan", "DINKES", "bidang"),
    ("SDK", "Bidang Sumber Daya Kesehatan", "DINKES", "bidang"),
    ("RSUD", "RSUD Sukamaju", None, "eksternal"),
    ("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", None, "eksternal"),
]
T1 = "Meningkatkan derajat kesehatan masyarakat"
T2 = "Meningkatkan tata kelola pemerintahan yang akuntabel"
S1 = "Menurunnya angka kematian ibu dan bayi"
S2 = "Menurunnya prevalensi stunting dan gizi buruk"
S3 = "Terkendalinya penyakit menular dan tidak menular"
S4 = "Meningkatnya mutu dan akses pelayanan kesehatan"
S5 = "Meningkatnya akuntabilitas kinerja dan keuangan perangkat daerah"


@dataclass(frozen=True)
class DemoIndicator:
    """An indicator of the demo plan and how its figures behave over the years."""

    code: str
    tujuan: str
    sasaran: str
    name: str
    measure_unit: str
    polarity: str
    aggregation: str
    unit: str
    is_key: bool
    targets: dict[int, str]  # year → PK target as a planner writes it
    quarters: dict[int, tuple[str, str, str, str]]  # year → RA TW I–IV
    performance: float  # realisation ÷ target, on average
    scale: float = 0.0  # for RATIO: a quarter's denominator; SUM with target 0: a quarter's spread
    baseline: float | None = None
    reason: str | None = None


def _same(*quarters: str) -> dict[int, tuple[str, str, str, str]]:
    return dict.fromkeys(YEARS, quarters)  # type: ignore[arg-type]


INDICATORS = [
    DemoIndicator(
        "IK01",
        T1,
        S1,
        "Jumlah kematian ibu",
        "orang",
        "Negatif",
        "Kumulatif",
        "KESMAS",
        True,
        {2024: "10", 2025: "9", 2026: "8"},
        {2024: ("3", "2", "3", "2"), 2025: ("2", "3", "2", "2"), 2026: ("2", "2", "2", "2")},
        1.1,
    ),
    DemoIndicator(
        "IK02",
        T1,
        S1,
        "Angka kematian bayi per 1.000 kelahiran hidup",
        "per 1.000 KH",
        "Negatif",
        "Nilai Akhir",
        "KESMAS",
        True,
        {2024: "10,5", 2025: "10", 2026: "9,5"},
        {
            2024: ("11", "10,8", "10,6", "10,5"),
            2025: ("10,4", "10,3", "10,1", "10"),
            2026: ("9,9", "9,8", "9,6", "9,5"),
        },
        1.02,
    ),
    DemoIndicator(
        "IK03",
        T1,
        S1,
        "Persentase persalinan di fasilitas pelayanan kesehatan",
        "%",
        "Positif",
        "Rasio",
        "KESMAS",
        False,
        {2024: "92", 2025: "94", 2026: "95"},
        {2024: ("92",) * 4, 2025: ("94",) * 4, 2026: ("95",) * 4},
        0.99,
        scale=900,
    ),
    DemoIndicator(
        "IK04",
        T1,
        S1,
        "Cakupan kunjungan ibu hamil K6",
        "%",
        "Positif",
        "Rasio",
        "KESMAS",
        False,
        {2024: "85", 2025: "88", 2026: "90"},
        {2024: ("85",) * 4, 2025: ("88",) * 4, 2026: ("90",) * 4},
        0.9,
        scale=950,
    ),
    DemoIndicator(
        "IK05",
        T1,
        S2,
        "Prevalensi stunting pada balita",
        "%",
        "Negatif",
        "Nilai Akhir",
        "KESMAS",
        True,
        {2024: "18", 2025: "16", 2026: "14"},
        {2024: ("19,5", "19", "18,5", "18"), 2025: ("17,5", "17", "16,5", "16"), 2026: ("15,5", "15", "14,5", "14")},
        1.06,
    ),
    DemoIndicator(
        "IK06",
        T1,
        S2,
        "Persentase balita gizi buruk yang mendapat perawatan",
        "%",
        "Positif",
        "Rasio",
        "KESMAS",
        False,
        dict.fromkeys(YEARS, "100"),
        _same("100", "100", "100", "100"),
        0.97,
        scale=40,
    ),
    DemoIndicator(
        "IK07",
        T1,
        S2,
        "Jumlah desa lokus stunting yang diintervensi",
        "desa",
        "Positif",
        "Kumulatif",
        "KESMAS",
        False,
        {2024: "30", 2025: "36", 2026: "40"},
        {2024: ("6", "8", "8", "8"), 2025: ("8", "10", "9", "9"), 2026: ("10", "10", "10", "10")},
        0.88,
    ),
    DemoIndicator(
        "IK08",
        T1,
        S2,
        "Rata-rata partisipasi penimbangan balita (D/S)",
        "%",
        "Positif",
        "Rata-rata",
        "KESMAS",
        False,
        {2024: "80", 2025: "83", 2026: "85"},
        {2024: ("80",) * 4, 2025: ("83",) * 4, 2026: ("85",) * 4},
        0.96,
    ),
    DemoIndicator(
        "IK09",
        T1,
        S3,
        "Angka keberhasilan pengobatan TBC",
        "%",
        "Positif",
        "Rasio",
        "P2P",
        True,
        {2024: "88", 2025: "90", 2026: "90"},
        {2024: ("88",) * 4, 2025: ("90",) * 4, 2026: ("90",) * 4},
        0.93,
        scale=120,
    ),
    DemoIndicator(
        "IK10",
        T1,
        S3,
        "Angka kesakitan DBD per 100.000 penduduk",
        "per 100.000",
        "Negatif",
        "Kumulatif",
        "P2P",
        False,
        {2024: "50", 2025: "45", 2026: "40"},
        {2024: ("20", "15", "10", "5"), 2025: ("18", "13", "9", "5"), 2026: ("16", "12", "8", "4")},
        1.25,
    ),
    DemoIndicator(
        "IK11",
        T1,
        S3,
        "Cakupan imunisasi dasar lengkap",
        "%",
        "Positif",
        "Rasio",
        "P2P",
        True,
        {2024: "93", 2025: "94", 2026: "95"},
        {2024: ("93",) * 4, 2025: ("94",) * 4, 2026: ("95",) * 4},
        0.95,
        scale=850,
    ),
    DemoIndicator(
        "IK12",
        T1,
        S3,
        "Jumlah kasus malaria indigenous",
        "kasus",
        "Negatif",
        "Kumulatif",
        "P2P",
        False,
        {2024: "0", 2025: "0", 2026: "0"},
        _same("0", "0", "0", "0"),
        0.0,
        scale=0.15,
    ),
    DemoIndicator(
        "IK13",
        T1,
        S3,
        "Persentase penderita hipertensi yang mendapat pelayanan sesuai standar",
        "%",
        "Positif",
        "Rasio",
        "P2P",
        False,
        dict.fromkeys(YEARS, "100"),
        _same("100", "100", "100", "100"),
        0.62,
        scale=3000,
    ),
    DemoIndicator(
        "IK14",
        T1,
        S4,
        "Indeks kepuasan masyarakat terhadap layanan puskesmas",
        "indeks",
        "Positif",
        "Nilai Akhir",
        "YANKES",
        True,
        {2024: "80", 2025: "81", 2026: "82"},
        {2024: ("80",) * 4, 2025: ("81",) * 4, 2026: ("82",) * 4},
        1.01,
    ),
    DemoIndicator(
        "IK15",
        T1,
        S4,
        "Persentase puskesmas terakreditasi paripurna",
        "%",
        "Positif",
        "Nilai Akhir",
        "YANKES",
        False,
        {2024: "40", 2025: "50", 2026: "60"},
        {2024: ("30", "32", "36", "40"), 2025: ("40", "44", "46", "50"), 2026: ("50", "52", "56", "60")},
        0.8,
    ),
    DemoIndicator(
        "IK16",
        T1,
        S4,
        "Tingkat hunian tempat tidur (BOR) RSUD",
        "%",
        "Rentang",
        "Nilai Akhir",
        "RSUD",
        False,
        dict.fromkeys(YEARS, "60 - 85"),
        _same("60 - 85", "60 - 85", "60 - 85", "60 - 85"),
        1.12,
    ),
    DemoIndicator(
        "IK17",
        T1,
        S4,
        "Rata-rata waktu tunggu pelayanan rawat jalan",
        "menit",
        "Negatif",
        "Rata-rata",
        "YANKES",
        False,
        {2024: "75", 2025: "70", 2026: "60"},
        {2024: ("75",) * 4, 2025: ("70",) * 4, 2026: ("60",) * 4},
        1.08,
    ),
    DemoIndicator(
        "IK18",
        T1,
        S4,
        "Persentase penduduk terdaftar Jaminan Kesehatan Nasional",
        "%",
        "Positif",
        "Nilai Akhir",
        "DUKCAPIL",
        True,
        {2024: "95", 2025: "97", 2026: "98"},
        {2024: ("93", "94", "94", "95"), 2025: ("95", "96", "96", "97"), 2026: ("97", "97", "98", "98")},
        0.985,
    ),
    DemoIndicator(
        "IK19",
        T1,
        S4,
        "Persentase desa Stop Buang Air Besar Sembarangan (ODF)",
        "%",
        "Positif",
        "Nilai Akhir",
        "SDK",
        False,
        {2024: "50", 2025: "55", 2026: "60"},
        {2024: ("46", "47", "49", "50"), 2025: ("51", "52", "54", "55"), 2026: ("56", "57", "58", "60")},
        0.97,
        baseline=45,
    ),
    DemoIndicator(
        "IK20",
        T2,
        S5,
        "Nilai evaluasi SAKIP perangkat daerah",
        "nilai",
        "Positif",
        "Nilai Akhir",
        "PK",
        True,
        {2024: "70", 2025: "72", 2026: "75"},
        {2024: ("68", "68", "68", "70"), 2025: ("70", "70", "70", "72"), 2026: ("72", "72", "72", "75")},
        1.0,
    ),
    DemoIndicator(
        "IK21",
        T2,
        S5,
        "Persentase serapan anggaran",
        "%",
        "Positif",
        "Nilai Akhir",
        "PK",
        False,
        dict.fromkeys(YEARS, "95"),
        _same("20", "45", "70", "95"),
        0.92,
    ),
    DemoIndicator(
        "IK22",
        T2,
        S5,
        "Jumlah dokumen perencanaan dan pelaporan kinerja yang tepat waktu",
        "dokumen",
        "Positif",
        "Kumulatif",
        "PK",
        False,
        dict.fromkeys(YEARS, "6"),
        _same("2", "1", "1", "2"),
        1.0,
    ),
    DemoIndicator(
        "IK23",
        T2,
        S5,
        "Jumlah pengaduan masyarakat yang belum ditindaklanjuti",
        "pengaduan",
        "Negatif",
        "Nilai Akhir",
        "SEK",
        False,
        dict.fromkeys(YEARS, "0"),
        _same("0", "0", "0", "0"),
        0.0,
        scale=0.5,
    ),
]

PROGRAMMES = [
    (
        "P01",
        "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
        S1,
        "KESMAS",
        18_500_000_000,
    ),
    ("P02", "Program Pemberdayaan Masyarakat Bidang Kesehatan", S2, "KESMAS", 2_150_000_000),
    ("P03", "Program Pencegahan dan Pengendalian Penyakit", S3, "P2P", 6_400_000_000),
    ("P04", "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan", S4, "SDK", 3_250_000_000),
    ("P05", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", S5, "SEK", 41_800_000_000),
]
_CASH_SHARE = (0.18, 0.27, 0.28, 0.27)

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


def plan_frames(year: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The demo plan of ``year`` as the Perencanaan editor's tables (plan, units, programmes)."""
    plan = pd.DataFrame(
        [
            {
                "Tujuan": i.tujuan,
                "Sasaran Strategis": i.sasaran,
                "Kode Indikator": i.code,
                "Indikator Kinerja": i.name,
                "Satuan": i.measure_unit,
                "Target": i.targets[year],
                **{f"TW {r}": q for r, q in zip(("I", "II", "III", "IV"), i.quarters[year], strict=True)},
                "Polaritas": i.polarity,
                "Agregasi": i.aggregation,
                "Penanggung Jawab": i.unit,
                "IKU": "Ya" if i.is_key else "Tidak",
                "Baseline": i.baseline,
                "Alasan Selisih RA": i.reason,
                "Target Renstra": i.targets[year],
            }
            for i in INDICATORS
        ]
    )
    units = pd.DataFrame(UNITS, columns=["Kode Unit", "Nama Unit", "Unit Induk", "Jenis"])
    growth = {2024: 0.9, 2025: 0.95, 2026: 1.0}[year]
    programmes = pd.DataFrame(
        [(c, n, round(p * growth, -6), s, u) for c, n, s, u, p in PROGRAMMES],
        columns=["Kode Program", "Program", "Anggaran (Rp)", "Sasaran Strategis", "Penanggung Jawab"],
    )
    return plan, units, programmes


def _figures(indicator: DemoIndicator, year: int, rng: random.Random) -> list[RealizationRow]:
    """TW I … the last reported quarter's figures, tracking the Rencana Aksi with the indicator's
    performance and some noise."""
    rows = []
    for q in range(1, _quarters_reported(year) + 1):
        target = float(indicator.quarters[year][q - 1].split(" - ")[0].replace(",", "."))
        if indicator.polarity == "Rentang":
            target = 78.0  # around the upper bound of 60 - 85: some quarters inside, some above
        factor = indicator.performance * rng.uniform(0.95, 1.05)
        value = target * factor
        numerator = denominator = None
        if indicator.aggregation == "Rasio":
            denominator = float(round(indicator.scale * rng.uniform(0.9, 1.1)))
            numerator = float(min(denominator, round(denominator * min(value, 100) / 100)))
            value = None
        elif indicator.scale and target == 0:
            value = float(rng.random() < indicator.scale)
        elif indicator.measure_unit in ("orang", "desa", "dokumen", "kasus", "pengaduan"):
            value = float(max(0, round(value)))
        else:
            value = round(value, 2)
        rows.append(
            RealizationRow(
                indicator.code,
                value,
                numerator,
                denominator,
                drivers=rng.choice(DRIVERS),
                obstacles=rng.choice(OBSTACLES) if factor < 1 or indicator.polarity == "Negatif" else None,
                follow_up=rng.choice(FOLLOW_UPS),
                evidence_url=f"https://drive.sukamaju.go.id/bukti/{year}/tw{q}/{indicator.code.lower()}.pdf",
            )
        )
    return rows


def load_demo(store: Store) -> None:
    """Load the demo plan and data; refused if a plan of the demo years already exists."""
    existing = store.scalar("SELECT count(*) FROM target WHERE year IN (2024, 2025, 2026) AND kind = 'pk'")
    if existing:
        raise ValueError("Basis data sudah berisi rencana tahun 2024–2026; data demo tidak dimuat.")
    for year in YEARS:
        plan, units, programmes = plan_frames(year)
        draft = draft_from_frames(year, plan, units, programmes)
        save_plan(store, draft, demo=True)
    rng = random.Random(SEED)
    figures = {(i.code, year): _figures(i, year, rng) for year in YEARS for i in INDICATORS}
    for account in DEMO_ACCOUNTS:
        add_account(store, account, demo=True)
    sent: dict[tuple[str, int, int], dt.datetime] = {}
    with store.write() as w:
        for year in YEARS:
            for q in range(1, _quarters_reported(year) + 1):
                for unit in sorted({i.unit for i in INDICATORS}):
                    indicators = [i for i in INDICATORS if i.unit == unit]
                    rows = [figures[i.code, year][q - 1] for i in indicators]
                    sent[unit, year, q] = _sent_at(year, q, rng)
                    add_submission(
                        w,
                        unit,
                        year,
                        q,
                        rows,
                        _budget(unit, year, q, rng),
                        source="demo",
                        created_by="demo",
                        demo=True,
                        created_at=sent[unit, year, q],
                    )
        for year in YEARS:
            for q in range(1, 5):
                w.execute(
                    "INSERT INTO quarter_deadline (year, quarter, due_on) VALUES (?, ?, ?)", [year, q, _due(year, q)]
                )
        _set(w, "office_name", OFFICE)
        _set(w, "demo_loaded", "true")
        _review_loop(w, sent)
        _dispositions(w)
        for n, (code, *_) in enumerate(UNITS):  # fictional numbers, for the reminders' WhatsApp links
            w.execute(
                "UPDATE unit SET phone = ?, email = ? WHERE code = ?",
                [f"0812-3456-{7000 + n:04d}", f"{code.lower()}@sukamaju.go.id", code],
            )


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
)
# TW II 2026, the quarter in progress: each unit somewhere in the loop
_IN_PROGRESS = {"KESMAS": "submitted", "P2P": "returned", "SDK": "submitted", "YANKES": "draft"}
_RETURN_NOTE = (
    "IK13",
    "Jumlah penderita yang dilayani (pembilang) lebih kecil dari laporan SPM bulanan; mohon dicek ulang "
    "dengan rekap puskesmas dan lampirkan bukti.",
)


def _dispositions(w) -> None:
    """The Sekretaris's disposition at the start of every demo quarter's collection."""
    accounts = dict(w.cursor.execute("SELECT name, id FROM account").fetchall())
    tasks = [
        ("kabid.kesmas", "KESMAS", "Kumpulkan data indikator Bidang Kesmas dari puskesmas dan seksi"),
        ("admin.demo", "SEK,PK,P2P,YANKES,SDK", "Kumpulkan data bidang lain dan rekap capaian triwulan"),
    ]
    rows = []
    for year in YEARS:
        for q in range(1, _quarters_reported(year) + 1):
            start = dt.datetime.combine(_due(year, q) - dt.timedelta(days=15), dt.time(8, 15))
            done = None if (year, q) == (CURRENT_YEAR, CURRENT_QUARTER) else start + dt.timedelta(days=16)
            for name, units, task in tasks:
                rows.append(
                    (len(rows) + 1, year, q, accounts[name], units, task, _due(year, q),
                     "Gunakan templat terbaru; lampirkan bukti dukung.", "sekretaris", start, done)
                )  # fmt: skip
    w.executemany(
        "INSERT INTO assignment (id, year, quarter, assignee_id, units, task, due_on, note, assigned_by, "
        "assigned_at, done_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)",
        rows,
    )


def _review_loop(w, sent: dict[tuple[str, int, int], dt.datetime]) -> None:
    """Every demo quarter through the loop: finished periods verified and their reports final,
    TW II 2026 in progress (one unit returned with a note)."""
    events: list[tuple] = []
    notes: list[tuple] = []
    for (unit, year, q), at in sorted(sent.items()):
        operator = f"operator.{unit.lower()}"
        reviewer = "kabid.kesmas" if unit == "KESMAS" else "sekretaris"
        steps = [("draft", operator, at, None), ("submitted", operator, at + dt.timedelta(hours=2), None)]
        state = _IN_PROGRESS.get(unit, "verified") if (year, q) == (CURRENT_YEAR, CURRENT_QUARTER) else "verified"
        if state == "draft":
            steps = steps[:1]
        elif state == "returned":
            steps.append(("returned", reviewer, at + dt.timedelta(days=2), "Ada data yang perlu diperbaiki."))
        elif state == "verified":
            steps.append(("verified", reviewer, at + dt.timedelta(days=2), None))
        unit_id = w.scalar("SELECT id FROM unit WHERE code = ?", [unit])
        for state_name, actor, when, note in steps:
            events.append((len(events) + 1, unit_id, year, q, state_name, actor, when, note, True))
        if state == "returned":
            indicator = w.scalar("SELECT id FROM indicator WHERE code = ?", [_RETURN_NOTE[0]])
            notes.append((len(events), indicator, _RETURN_NOTE[1]))
    base = w.next_id("review_event") - 1
    w.executemany(
        "INSERT INTO review_event (id, unit_id, year, quarter, state, actor, happened_at, note, demo) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(base + e[0], *e[1:]) for e in events],
    )
    w.executemany("INSERT INTO review_note VALUES (?, ?, ?)", [(base + e, i, n) for e, i, n in notes])
    reports = []
    for year in YEARS:
        periods = [q for q in range(1, 5) if (year, q) < (CURRENT_YEAR, CURRENT_QUARTER)]
        if year < CURRENT_YEAR:
            periods.append(0)
        for q in periods:
            due = dt.date(year + 1, 3, 31) if q == 0 else _due(year, q)
            start = dt.datetime.combine(due, dt.time(10))
            for days, state in ((3, "draft"), (6, "corrected"), (9, "final")):
                reports.append((year, q, state, DEMO_ADMIN, start + dt.timedelta(days=days)))
    first = w.next_id("report_event")
    w.executemany(
        "INSERT INTO report_event (id, year, quarter, state, actor, happened_at, demo) VALUES (?, ?, ?, ?, ?, ?, true)",
        [(first + n, *r) for n, r in enumerate(reports)],
    )


def _due(year: int, quarter: int) -> dt.date:
    """The 15th of the month after the quarter."""
    return dt.date(year + 1, 1, 15) if quarter == 4 else dt.date(year, 3 * quarter + 1, 15)


def _sent_at(year: int, quarter: int, rng: random.Random) -> dt.datetime:
    """Most units send within the deadline; now and then one is a few days late."""
    days = rng.choice([3, 5, 7, 9, 10, 12, 13, 14, 17])
    return dt.datetime.combine(_due(year, quarter) - dt.timedelta(days=14) + dt.timedelta(days=days), dt.time(9, 30))


def _budget(unit: str, year: int, quarter: int, rng: random.Random) -> list[BudgetRow]:
    growth = {2024: 0.9, 2025: 0.95, 2026: 1.0}[year]
    rows = []
    for code, _, _, owner, pagu in PROGRAMMES:
        if owner == unit:
            plan = round(pagu * growth, -6) * _CASH_SHARE[quarter - 1]
            rows.append(BudgetRow(code, plan, round(plan * rng.uniform(0.7, 1.0), -3)))
    return rows


def _set(w, key: str, value: str) -> None:
    w.execute("DELETE FROM setting WHERE key = ?", [key])
    w.execute("INSERT INTO setting VALUES (?, ?)", [key, value])


REMOVE_DEMO = [
    "DELETE FROM review_note WHERE event_id IN (SELECT id FROM review_event WHERE demo)",
    "DELETE FROM review_event WHERE demo",
    "DELETE FROM report_event WHERE demo",
    "DELETE FROM assignment WHERE demo",
    "DELETE FROM account WHERE demo",
    "DELETE FROM realization WHERE submission_id IN (SELECT id FROM submission WHERE demo)",
    "DELETE FROM budget_realization WHERE submission_id IN (SELECT id FROM submission WHERE demo)",
    "DELETE FROM submission WHERE demo",
    "DELETE FROM target WHERE indicator_id IN (SELECT id FROM indicator WHERE demo)",
    "DELETE FROM indicator_year WHERE indicator_id IN (SELECT id FROM indicator WHERE demo)",
    "DELETE FROM indicator_plan WHERE indicator_id IN (SELECT id FROM indicator WHERE demo)",
    "DELETE FROM indicator WHERE demo",
    "DELETE FROM programme_budget WHERE programme_id IN (SELECT id FROM programme WHERE demo)",
    "DELETE FROM programme WHERE demo",
    "DELETE FROM goal WHERE demo AND id NOT IN (SELECT goal_id FROM indicator) "
    "AND id NOT IN (SELECT goal_id FROM indicator_plan) "
    "AND id NOT IN (SELECT parent_id FROM goal WHERE parent_id IS NOT NULL AND NOT demo)",
    "DELETE FROM unit WHERE demo AND id NOT IN (SELECT unit_id FROM indicator WHERE unit_id IS NOT NULL) "
    "AND id NOT IN (SELECT unit_id FROM indicator_plan WHERE unit_id IS NOT NULL) "
    "AND id NOT IN (SELECT unit_id FROM submission)",
]


def remove_demo(store: Store) -> None:
    """Remove everything the demo loaded, keeping what users added since."""
    require(Action.DEMO)
    with store.write() as w:
        w.audit("demo.hapus", "data demo")
        for statement in REMOVE_DEMO:
            w.execute(statement)
        w.execute("UPDATE unit SET parent_id = NULL WHERE parent_id NOT IN (SELECT id FROM unit)")
        for year in YEARS:  # deadlines a user has changed since are theirs
            for quarter in range(1, 5):
                w.execute(
                    "DELETE FROM quarter_deadline WHERE year = ? AND quarter = ? AND due_on = ?",
                    [year, quarter, _due(year, quarter)],
                )
        _set(w, "office_name", DEFAULTS["office_name"])
        _set(w, "demo_loaded", "false")
