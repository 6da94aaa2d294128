"""A province's pohon kinerja (its 180 sasaran, 3,000 nodes in all): saving it, reading it with
every node's achievement, and building the drawn tree, against the recap of the same year; and a
flat list as large as the national nomenclature (7,765 rows, its bidang, program and kegiatan
repeated on every row) read into its tree, against pandas reading the same file."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from openpyxl import Workbook

from bench.timing import best_of
from kinerja.cascade.importing import plan_sasaran_nodes
from kinerja.cascade.printing import tree_pdf
from kinerja.cascade.reading import read_cascade
from kinerja.cascade.stored import DraftNode, NodeIndicator, branch, node_frame, save_tree
from kinerja.cascade.tree import IndicatorKind, Level
from kinerja.collection import spreadsheet
from kinerja.domain.recap import recap
from kinerja.reporting.chart_images import figure_pdf
from kinerja.reporting.charts import cascade_chart
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store


def province_tree(store: Store, year: int) -> list[DraftNode]:
    """Every sasaran of the plan with programs, kegiatan and sub-kegiatan under it (Kemendagri-shaped
    codes, an output indicator and a pagu on each sub-kegiatan): about 3,000 nodes."""
    nodes = plan_sasaran_nodes(store, year)
    for s, sasaran in enumerate(list(nodes)):
        for p in range(2 if s % 3 else 3):
            program = f"{s // 9 + 1}.{s % 9 + 1:02d}.{p + 1:02d}"
            nodes.append(
                DraftNode(
                    Level.PROGRAM,
                    program,
                    f"Program {program}",
                    sasaran.code,
                    indicators=(NodeIndicator("Persentase capaian program", IndicatorKind.OUTCOME, "%", 90),),
                )
            )
            for k in range(2):
                kegiatan = f"{program}.2.{k + 1:02d}"
                nodes.append(
                    DraftNode(
                        Level.KEGIATAN,
                        kegiatan,
                        f"Kegiatan {kegiatan}",
                        program,
                        indicators=(NodeIndicator("Jumlah layanan", IndicatorKind.OUTPUT, "layanan", 12),),
                    )
                )
                for u in range(2 + (s + p + k) % 2):
                    sub = f"{kegiatan}.{u + 1:04d}"
                    nodes.append(DraftNode(Level.SUB_KEGIATAN, sub, f"Sub kegiatan {sub}", kegiatan, pagu=150e6 * (u + 1),
                                           indicators=(NodeIndicator("Jumlah dokumen", IndicatorKind.OUTPUT, "dokumen", 4),)))  # fmt: skip
    return nodes


def measure(province_db: Path) -> dict[str, dict[str, float]]:
    store = Store(province_db)
    year = 2025
    nodes = province_tree(store, year)
    saving = best_of(2, lambda: save_tree(store, year, nodes))
    scale = load_settings(store).scale
    reading = best_of(3, lambda: node_frame(store, year, 4), before=lambda: _changed(store))
    frame = node_frame(store, year, 4)
    drawing = best_of(3, lambda: cascade_chart(branch(frame), scale, "Pohon kinerja").to_json())  # as the page
    baseline = best_of(3, lambda: recap(store, year, 4), before=lambda: _changed(store))
    # on paper: a branch (a sasaran's programs down) on one A4 page, against kaleido drawing an empty figure
    program = frame.loc[frame["level"] == Level.PROGRAM, "parent_code"].iloc[0]
    printing = best_of(2, lambda: tree_pdf(store, year, 4, program))
    kaleido = best_of(2, lambda: figure_pdf(go.Figure()))
    store.close()
    print(
        f"province tree of {len(nodes)} nodes: saved in {saving:.2f} s, read with its achievement in {reading:.2f} s, "
        f"its first screen ({len(branch(frame))} boxes) built in {drawing:.2f} s, a branch's A4 PDF in {printing:.2f} s "
        f"(an empty figure's: {kaleido:.2f} s)"
    )
    return {
        "tree_province_save": {"value": saving, "baseline": baseline},
        "tree_province_read": {"value": reading, "baseline": baseline},
        "tree_province_draw": {"value": drawing, "baseline": baseline},
        "tree_province_pdf": {"value": printing, "baseline": kaleido},
        **measure_flat_list(),
    }


NOMENCLATURE_HEADINGS = ["JENIS PEMDA", "BIDANG", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "KINERJA", "INDIKATOR",
                         "SATUAN", "TAG", "DEFINISI OPERASIONAL", "PELAKSANA", "SPM", "JENIS",
                         "SUBKEGIATAN SEBELUMNYA"]  # fmt: skip


def flat_list(rows: int = 7765) -> bytes:
    """A list in the national nomenclature's shape: one row per sub-kegiatan, its bidang, program and
    kegiatan written again as "code name" on every row, a definition of a few hundred characters
    (short on some rows), the province's list then the regencies' (the same codes again)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Worksheet")
    sheet.append(NOMENCLATURE_HEADINGS)
    for n in range(rows):
        kind, m = ("PROV", n) if n < rows // 2 else ("KAB/KOTA", n - rows // 2)
        bidang = f"{m // 400 % 9 + 1}.{m // 400 % 30 + 1:02d}"
        program, kegiatan = f"{bidang}.{m // 35 % 9 + 2:02d}", f"{bidang}.{m // 35 % 9 + 2:02d}.2.{m // 5 % 7 + 1:02d}"
        sub = f"{kegiatan}.{m % 5 + 1 + m // 35 * 5:04d}"
        definition = "Cakupan: penyediaan layanan sesuai standar." if n % 3 else "Operasionalisasi: " + "langkah " * 60
        sheet.append([kind, f"{bidang} URUSAN BIDANG {bidang}", f"{program} PROGRAM {program}",
                      f"{kegiatan} Kegiatan {kegiatan}", f"{sub} Sub Kegiatan {sub}", f"Keluaran {sub}",
                      f"Jumlah keluaran {sub}", "Dokumen", '["BELANJA"]', definition, "bidang terkait",
                      "NON-SPM", "Layanan", None])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def measure_flat_list() -> dict[str, dict[str, float]]:
    """The flat list read into its tree (every row a node or the same node again) against pandas
    reading the same file (calamine), each from cold label caches."""
    content = flat_list()
    cold = spreadsheet._normalised.cache_clear
    found = read_cascade(content, "nomenklatur.xlsx")
    reading = best_of(3, lambda: read_cascade(content, "nomenklatur.xlsx"), before=cold)
    baseline = best_of(3, lambda: pd.read_excel(io.BytesIO(content), engine="calamine"))
    print(
        f"flat list of 7,765 rows: {len(found.nodes)} nodes, {len(found.problems)} problems, read in {reading:.2f} s "
        f"(pandas reading the file: {baseline:.2f} s)"
    )
    return {"tree_flat_list_read": {"value": reading, "baseline": baseline}}


def _changed(store: Store) -> None:  # as after an upload: nothing read before is reused
    with store.write():
        pass
