import streamlit as st

from kinerja.reporting.screens import code_key
from ui import keys
from ui.dashboard import indicator_detail, share_link, shared_links, view_filters
from ui.meeting import presentation
from ui.period import require_plan
from ui.resources import cached_dashboard, cached_settings, cached_years, data_version, get_store
from ui.screens import Board, risk_dialog, screens_of, summary

store, version = get_store(), data_version()
years = cached_years(version)
meeting = st.query_params.get(keys.MEETING) == "1"
st.title("Dasbor Capaian")  # in meeting mode hidden: each screen has its own headline
require_plan(years)
headline = st.container()  # first on the screen, above the folded filters: are we on track, what is at risk?
view, shared = view_filters(store, version, years)
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
