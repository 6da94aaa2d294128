"""A province's pohon kinerja (its 180 sasaran, 3,000 nodes in all): saving it, reading it with
every node's achievement, building the first screen (a tile a unit) and the budget view, and the
Pohon Kinerja page's runs (opened, a unit opened by a click), against the recap of the same year; and a
flat list as large as the national nomenclature (7,765 rows, its bidang, program and kegiatan
repeated on every row) read into its tree, against pandas reading the same file."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from openpyxl import Workbook

from bench.timing import best_of
from kinerja.access.accounts import NewAccount, add_account, start_session
from kinerja.access.roles import Role
from kinerja.cascade.importing import plan_sasaran_nodes
from kinerja.cascade.reading import read_cascade
from kinerja.cascade.screen import budget_totals, budget_window, drawn, first_screen, shape, tree_units
from kinerja.cascade.stored import DraftNode, NodeIndicator, node_frame, save_tree
from kinerja.cascade.tree import IndicatorKind, Level
from kinerja.domain import vocabulary
from kinerja.reporting.chart_images import figure_pdf
from kinerja.reporting.tree_charts import budget_chart, cascade_map
from kinerja.reporting.tree_printing import tree_pdf
from kinerja.storage.figures import recap
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
    scale = load_settings(store, year).scale
    reading = best_of(3, lambda: node_frame(store, year, 4), before=lambda: _changed(store))
    frame = node_frame(store, year, 4)

    def first() -> int:  # as the page opens: the units of the top, the tiles, the figure sent
        nodes = budget_totals(frame)
        units = tree_units(store, year, 4, nodes)
        outline = shape(nodes, units.of_top, order=list(units.names))
        boxes = drawn(nodes, outline, first_screen(nodes, units.of_top), units)
        cascade_map(boxes, scale, "Pohon kinerja").to_json()
        budget_chart(drawn(nodes, outline, budget_window(outline, None), units), "Pagu").to_json()
        return len(boxes)

    drawing, tiles = best_of(3, first), first()
    baseline = best_of(3, lambda: recap(store, year, 4), before=lambda: _changed(store))
    # on paper: a branch (a sasaran's programs down) on one A4 page, against kaleido drawing an empty figure
    program = frame.loc[frame["level"] == Level.PROGRAM, "parent_code"].iloc[0]
    printing = best_of(2, lambda: tree_pdf(store, year, 4, program))
    kaleido = best_of(2, lambda: figure_pdf(go.Figure()))
    if not store.scalar("SELECT count(*) FROM account WHERE name = 'bench.admin'"):
        add_account(store, NewAccount("bench.admin", Role.ADMIN, "bench-rahasia-1"))
    token = start_session(store, "bench.admin")
    store.close()
    page, clicked = _page_runs(province_db, token)
    print(
        f"province tree of {len(nodes)} nodes: saved in {saving:.2f} s, read with its achievement in {reading:.2f} s, "
        f"its first screen ({tiles} tiles) and budget view built in {drawing:.2f} s, a branch's A4 PDF in "
        f"{printing:.2f} s (an empty figure's: {kaleido:.2f} s); the Pohon Kinerja page {page:.2f} s cold, "
        f"{clicked:.2f} s to open a unit clicked on"
    )
    return {
        "tree_province_save": {"value": saving, "baseline": baseline},
        "tree_province_read": {"value": reading, "baseline": baseline},
        "tree_province_draw": {"value": drawing, "baseline": baseline},
        "tree_province_pdf": {"value": printing, "baseline": kaleido},
        "tree_page_run": {"value": page, "baseline": baseline},
        "tree_page_open_node": {"value": clicked, "baseline": baseline},
        **measure_flat_list(),
    }


def _page_runs(province_db: Path, token: str) -> tuple[float, float]:
    """The Pohon Kinerja page under AppTest (the server's time; the browser's drawing is not in
    it): its first run after the data changed, and the run a click on a unit's tile asks for."""
    import streamlit as st
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from streamlit.testing.v1 import AppTest

    from bench.dashboard_bench import ROOT, checked
    from ui import keys
    from ui.resources import get_store

    os.environ["KINERJA_DB"] = str(province_db)

    def opened() -> AppTest:
        st.cache_data.clear()
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        app.query_params[keys.YEAR] = "2025"
        app.session_state[keys.SESSION_TOKEN] = token
        app.run()
        with get_store().write():  # the data version moves: every cached read is stale
            pass
        return app.switch_page("views/pohon.py")

    timings = []
    for _ in range(2):
        app = opened()
        timings.append(best_of(1, lambda: checked(app.run())))  # noqa: B023 (called at once)
    cold = min(timings)
    app = checked(opened().run())

    def click() -> None:  # the browser's report of a click on the first unit's tile
        (chart,) = [c for c in app.get("plotly_chart") if "grafik_pohon" in c.proto.id]
        tile = json.loads(chart.proto.spec)["data"][0]["ids"][1]
        states = app._tree.get_widget_states()
        points = {"selection": {"points": [{"id": tile}], "point_indices": [0], "box": [], "lasso": []}}
        states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(points)))
        checked(app._run(states))
        checked(app.selectbox(key=keys.TREE_NODE).set_value(None).run())  # back to the tiles, untimed below

    clicked = best_of(1, click)  # the first click reads the unit's branch; later ones are cached
    return cold, clicked


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
    cold = vocabulary._normalised.cache_clear
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
