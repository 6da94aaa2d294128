"""Import of one 50,000-row workbook into the province database, against pandas merely reading it."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from bench.pandas_recap import pandas_achievement
from bench.timing import best_of
from kinerja.collection.upload import import_files
from kinerja.storage.figures import recap
from kinerja.storage.store import Store
from kinerja.workbook.screening import screen

ROWS = 50_000
RUNS = 3  # the import and each reading timed three times, the best kept: the least disturbed by the machine
HEADER = [
    "Kode Indikator",
    "Indikator Kinerja",
    "Tahun",
    "Triwulan",
    "Realisasi",
    "Pembilang",
    "Penyebut",
    "Faktor Pendorong",
]


def build_workbook(store: Store, path: Path) -> None:
    """A long sheet of realisations for the province plan, as a data office would export it: each
    figure near its Rencana Aksi target (80–110%), as real quarters are."""
    plan = store.df(
        "SELECT i.code, i.name, i.aggregation, t.year, t.quarter, t.value AS target FROM indicator i "
        "JOIN target t ON t.indicator_id = i.id AND t.kind = 'ra' ORDER BY t.year, i.id, t.quarter"
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(["REALISASI KINERJA PROVINSI"])
    sheet.append(HEADER)
    for written, record in enumerate(plan.head(ROWS).itertuples(index=False)):
        share = 0.8 + ((written * 7919) % 31) / 100  # 80–110% of the quarter's target, deterministic
        quarter = f"TW {record.quarter}"
        if record.aggregation == "RATIO":
            numerator = round(min(record.target * share, 100))
            sheet.append([record.code, record.name, record.year, quarter, None, numerator, 100, "Pendampingan rutin"])
        else:
            sheet.append(
                [
                    record.code,
                    record.name,
                    record.year,
                    quarter,
                    round(record.target * share, 2),
                    None,
                    None,
                    "Pendampingan rutin",
                ]
            )
    workbook.save(path)


def measure(province_db: Path) -> dict[str, dict[str, float]]:
    """Seconds for the import (read, check, store) and for pandas + openpyxl reading the same file,
    and for the recap right after the last upload."""
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "data.xlsx"
        timings, store = [], None
        for attempt in range(RUNS):  # each into its own copy of the province, as the first upload of the file
            db = Path(folder) / f"k{attempt}.duckdb"
            shutil.copy(province_db, db)
            if store is not None:
                store.close()
            store = Store(db)
            if not attempt:
                build_workbook(store, workbook)
                content = workbook.read_bytes()
            start = time.perf_counter()
            results = import_files(store, [(workbook.name, content)], confirm_warnings=True)
            timings.append(time.perf_counter() - start)
        imported = min(timings)
        data, saved = results[0]
        if saved is None:
            raise RuntimeError(f"benchmark file refused: {data.errors[:3]}")
        stored = sum(v.rows for v in saved)
        start = time.perf_counter()
        recap(store, 2016, 4)
        recap_after = time.perf_counter() - start
        start = time.perf_counter()
        pandas_achievement(store, 2016, 4)
        recap_after_pandas = time.perf_counter() - start
        store.close()
        read_openpyxl = best_of(RUNS, lambda: pd.read_excel(workbook, engine="openpyxl", header=1))
        read_calamine = best_of(RUNS, lambda: pd.read_excel(workbook, engine="calamine", header=1))
        # part of the import above: unpacked once more, its XML scanned
        screening = best_of(RUNS, lambda: screen(content, ".xlsx"))
    print(
        f"import of {stored} rows in {len(saved)} versions: {imported:.2f} s; "
        f"pandas reading alone: openpyxl {read_openpyxl:.2f} s, calamine {read_calamine:.2f} s; "
        f"screening the file {screening:.2f} s"
    )
    return {
        "import_50k_rows": {"value": imported, "baseline": read_openpyxl},
        "import_50k_rows_vs_calamine_read": {"value": imported, "baseline": read_calamine},
        "recap_after_upload_province": {"value": recap_after, "baseline": recap_after_pandas},
        "upload_screening_vs_calamine_read": {"value": screening, "baseline": read_calamine},
    }
