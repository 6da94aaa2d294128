import streamlit as st

from kinerja.access.roles import Action
from kinerja.reporting.screens import code_key
from ui import keys
from ui.period import open_page
from ui.resources import cached_dashboard, cached_settings
from views.dasbor_parts.dashboard import indicator_detail, share_link, shared_links, view_filters
from views.dasbor_parts.meeting import presentation
from views.dasbor_parts.screens import Board, risk_dialog, screens_of, summary

page = open_page(Action.READ, "Dasbor Capaian", shared_link=True)  # the title: hidden in meeting mode
store, version, shared = page.store, page.version, page.shared
meeting = st.query_params.get(keys.MEETING) == "1"
headline = st.container()  # first on the screen, above the folded filters: are we on track, what is at risk?
view = view_filters(store, version, page.years, shared)
settings = cached_settings(version, view.year)
shown = cached_dashboard(version, view)
frame = shown.frame
if frame.empty:
    st.info("Tidak ada indikator untuk pilihan ini.")
    st.stop()
board = Board(view, shown, settings, version, meeting)
if meeting:  # a presentation: one screen at a time
    presentation(board)
    st.stop()
with headline:
    summary(board)
if shared is None:
    share_link(view)
    shared_links()
for _title, draw in screens_of(board)[1:]:
    draw(board)
risk_dialog(board)
names = dict(sorted(zip(frame["indicator_code"], frame["indicator_name"], strict=True), key=lambda i: code_key(i[0])))
chosen = st.selectbox(
    "Rincian indikator (atau klik batangnya)",
    list(names),
    index=None,
    placeholder="Pilih kode indikator",
    key=keys.INDICATOR,
    bind="query-params",
)
if chosen:
    record = frame.set_index("indicator_code").loc[chosen].to_dict() | {"indicator_code": chosen}
    indicator_detail(record, view.year, view.quarter, settings, shown.projections)
