import streamlit as st

from kinerja.access.roles import Action, can
from kinerja.cascade.checks import findings_frame, tree_checks
from kinerja.cascade.screen import window_for
from kinerja.cascade.stored import kertas_kerja
from kinerja.domain.period import period_name
from ui.nomenclature import proposals_panel
from ui.period import open_page, period_selector
from ui.resources import cached_node_indicators, cached_settings, cached_tree, made_on_click
from ui.tables import show_table
from views.pohon_parts.cascade import cascade_import, crosscutting, indicator_editor, node_editor, printed_tree
from views.pohon_parts.sasaran import plan_join_panel
from views.pohon_parts.tree import budget_view, node_choice, node_detail, tree_chart

page = open_page(
    Action.READ,
    "Pohon Kinerja",
    "Cascading sasaran perangkat daerah → program → kegiatan → sub kegiatan, dengan indikator, pagu dan capaiannya.",
)
year, quarter = period_selector(page.years, page.version)
settings = cached_settings(page.version, year)
nodes, units, tree = cached_tree(page.version, year, quarter)
if can(page.actor, Action.PLAN):
    cascade_import(page.store, year, empty=nodes.empty)
if nodes.empty:
    st.info(f"Belum ada pohon kinerja tahun {year}.")
    st.stop()
findings = tree_checks(page.store, year)
editing = can(page.actor, Action.PLAN)
period = period_name(year, quarter)
tabs = st.tabs(
    ["Pohon", "Anggaran per cabang", f"Pemeriksaan ({len(findings)})", "Crosscutting",
     *(["Ubah simpul", "Ubah indikator"] if editing else [])]
)  # fmt: skip
drawn, budget, checks, links = tabs[:4]
with drawn:
    chart_slot, detail_slot = st.container(), st.container()
    opened = node_choice(nodes, units, tree)  # under the node's detail: the keyboard's way to open a node
    with chart_slot:
        shown = window_for(tree, opened)
        tree_chart(nodes, units, tree, shown, opened, settings.scale, f"Pohon kinerja {year}, capaian s.d. {period}")
    with detail_slot:
        node_detail(nodes, units, tree, opened, cached_node_indicators(page.version, year, quarter), period)
    printed_tree(page.store, year, quarter, opened)
    st.caption(
        "Untuk kertas: PDF menggambar cabang simpul yang dibuka (atau seluruh pohon) dengan indikator, target dan "
        "pagu tiap kotak, sampai tingkat yang masih terbaca di A4 lanskap; Ctrl+P mencetak halaman ini tanpa tombolnya."
    )
with budget:
    budget_view(nodes, units, tree, opened, f"Pagu per cabang {year}: luas kotak = pagu, warna = serapan")
with checks:
    if findings:
        show_table(findings_frame(findings), hide_index=True, width="stretch", key="temuan_pohon")
        st.caption("Buka simpul yang disebut di tab Pohon untuk melihat indikator dan anggarannya.")
    else:
        st.success("Tidak ada temuan: setiap simpul punya indikator bertarget dan terhubung ke sasaran.")
    if editing:
        plan_join_panel(page.store, year)  # the tree drawn before the PK: its sasaran and the PK's, to join
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
