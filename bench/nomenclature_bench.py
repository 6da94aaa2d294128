"""Loading the national nomenclature (Kemendagri's 7,765 sub-kegiatan) as a new version of the
reference, and reading it back for a tree's checks, against pandas with calamine merely reading the
same file. The real file when the machine has it (../shared/samples), else one generated to its size.

Run alone: ``python -m bench.nomenclature_bench``; ``make bench`` runs it with the rest."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from bench.timing import best_of
from kinerja.access.roles import SYSTEM, set_actor
from kinerja.cascade.nomenclature import load_nomenclature
from kinerja.cascade.reference import load_reference
from kinerja.storage.store import Store

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[1] / "shared" / "samples" / "nomenklatur-kemendagri-subkegiatan.xlsx"
ROWS = 7_765
HEADER = ["JENIS PEMDA", "BIDANG", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "KINERJA", "INDIKATOR", "SATUAN", "TAG",
          "DEFINISI OPERASIONAL", "PELAKSANA", "SPM", "JENIS", "SUBKEGIATAN SEBELUMNYA"]  # fmt: skip


def generated(path: Path) -> Path:
    """A file of the real one's shape and size: 7,765 rows under 50 bidang, 220 programs and about
    1,500 kegiatan, texts of the real lengths (a definisi operasional of ~500 characters over lines)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Worksheet")
    sheet.append(HEADER)
    for n in range(ROWS):
        kind = "PROV" if n < 4_207 else "KABKOT"
        bidang = f"{n % 50 // 10 + 1}.{n % 50 + 1:02d}"
        program = f"{bidang}.{n % 4 + 2:02d}"
        kegiatan = f"{program}.{1 if kind == 'PROV' else 2}.{n % 7 + 1:02d}"
        code = f"{kegiatan}.{n // 200 + 1:04d}"
        definition = "\n".join(
            f"{k}) Langkah pelaksanaan sub kegiatan nomor {n} sesuai ketentuan yang berlaku" for k in range(7)
        )
        sheet.append([
            kind, f"{bidang} URUSAN PEMERINTAHAN BIDANG {n % 50}", f"{program} PROGRAM PENGELOLAAN BIDANG {n % 50}",
            f"{kegiatan} Pengelolaan Layanan Daerah Tingkat {kind}", f"{code} Penyediaan Layanan Sub Kegiatan {n}",
            f"Layanan {n} yang Tersedia", f"Jumlah Layanan {n} yang Disediakan", "Dokumen",
            '["BELANJA INFRASTRUKTUR PELAYANAN PUBLIK"]', definition, "Bidang Pelayanan", "NON-SPM", "Layanan",
            f"{kegiatan}.{n // 200 + 1 + 5000:04d} Nama Lama" if n % 22 == 0 else "",
        ])  # fmt: skip
    book.save(path)
    return path


def measure() -> dict[str, dict[str, float]]:
    work = Path(tempfile.mkdtemp(prefix="nomenklatur-"))
    try:
        source = SAMPLE if SAMPLE.exists() else generated(work / "nomenklatur-dibuat.xlsx")
        content = source.read_bytes()
        stores: list[Store] = []

        def fresh() -> None:  # each load into an empty database (the same file twice is not stored again)
            stores.append(Store(work / f"k{len(stores)}.duckdb"))

        loading = best_of(3, lambda: load_nomenclature(stores[-1], content, source.name), before=fresh)
        baseline = best_of(3, lambda: pd.read_excel(source, engine="calamine"))
        store = stores[-1]

        def changed() -> None:
            with store.write():
                pass

        reading = best_of(3, lambda: load_reference(store), before=changed)
        rows = store.scalar("SELECT count(*) FROM nomenclature_entry")
        for opened in stores:
            opened.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"nomenclature ({'the real file' if source == SAMPLE else 'generated'}, {rows} rows): loaded as a version "
        f"in {loading:.2f} s (pandas + calamine reading it: {baseline:.2f} s), read back for the checks in {reading:.2f} s"
    )
    return {
        "nomenclature_load": {"value": loading, "baseline": baseline},
        "nomenclature_reference_read": {"value": reading, "baseline": baseline},
    }


if __name__ == "__main__":
    set_actor(SYSTEM)
    results = measure()
    for name, figure in results.items():
        figure["ratio"] = figure["value"] / figure["baseline"]
        print(
            f"{name}: {figure['value']:.3f} s against {figure['baseline']:.3f} s baseline — ratio {figure['ratio']:.2f}"
        )
    print(json.dumps(results, indent=2))
