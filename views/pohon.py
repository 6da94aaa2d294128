import streamlit as st

from kinerja.access.roles import Action, can
from kinerja.cascade.checks import findings_frame, tree_checks
from kinerja.cascade.stored import branch, kertas_kerja
from kinerja.domain.period import period_name
from kinerja.reporting.charts import budget_chart, cascade_chart
from ui import keys
from ui.cascade import cascade_import, crosscutting, indicator_editor, node_detail, node_editor, printed_tree
from ui.dashboard import chart
from ui.nomenclature import proposals_panel
from ui.period import open_page, period_selector
from ui.resources import cached_nodes, cached_settings, made_on_click
from ui.tables import show_table

page = open_page(
    "Pohon Kinerja",
    "Cascading sasaran perangkat daerah → program → kegiatan → sub kegiatan, dengan indikator, pagu dan capaiannya.",
)
year, quarter = period_selector(page.years, page.version)
settings = cached_settings(page.version)
nodes = cached_nodes(page.version, year, quarter)
if can(page.actor, Action.PLAN):
    cascade_import(page.store, year, empty=nodes.empty)
if nodes.empty:
    st.info(f"Belum ada pohon kinerja tahun {year}.")
    st.stop()
findings = tree_checks(page.store, year)
names = dict(zip(nodes["code"], nodes["name"], strict=True))
parents = set(nodes["parent_code"].dropna())
root = st.selectbox(
    "Cabang yang digambar", [c for c in nodes["code"] if c in parents], index=None, placeholder="Seluruh pohon",
    format_func=lambda code: f"{code} · {names[code]}", key=keys.TREE_BRANCH, bind="query-params",
)  # fmt: skip
shown = branch(nodes, root)
editing = can(page.actor, Action.PLAN)
tabs = st.tabs(
    ["Pohon", "Anggaran per cabang", f"Pemeriksaan ({len(findings)})", "Crosscutting",
     *(["Ubah simpul", "Ubah indikator"] if editing else [])]
)  # fmt: skip
drawn, budget, checks, links = tabs[:4]
with drawn:
    chart(
        cascade_chart(shown, settings.scale, f"Pohon kinerja {year}, capaian s.d. {period_name(year, quarter)}"),
        "grafik_pohon",
        False,
    )
    printed_tree(page.store, year, quarter, root)
    st.caption(
        "Warna: kategori capaian s.d. triwulan (sasaran dan di atasnya, dari indikator PK di bawahnya); abu-abu: "
        "belum ada angka (indikator program ke bawah belum dikumpulkan). Klik kotak untuk membuka cabangnya; "
        "simpul yang lebih dalam tampil dengan memilih cabangnya di atas. Untuk kertas: PDF di atas menggambar cabang yang "
        "dipilih sampai tingkat yang masih terbaca di A4 lanskap; Ctrl+P mencetak halaman ini tanpa tombolnya."
    )
with budget:
    chart(budget_chart(shown, f"Pagu per cabang, {year}"), "grafik_pagu_pohon", False)
with checks:
    if findings:
        show_table(findings_frame(findings), hide_index=True, width="stretch", key="temuan_pohon")
        st.caption("Buka simpul yang disebut di bawah untuk melihat indikator dan anggarannya.")
    else:
        st.success("Tidak ada temuan: setiap simpul punya indikator bertarget dan terhubung ke sasaran.")
    if editing:
        proposals_panel(page.store, year)  # the national nomenclature's standard indicators, to accept
with links:
    crosscutting(page.store, year, nodes["code"].tolist(), editing)
if editing:
    with tabs[4]:
        node_editor(page.store, year)
    with tabs[5]:
        indicator_editor(page.store, year, nodes["code"].tolist())
st.download_button(
    "Unduh Kertas Kerja Cascading (xlsx)",
    made_on_click(kertas_kerja, page.store, year, quarter),
    file_name=f"kertas-kerja-cascading-{year}.xlsx",
    icon=":material/download:",
    key="unduh_kertas_kerja",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
node_detail(page.store, nodes, year, quarter, settings, [f.code for f in findings])
