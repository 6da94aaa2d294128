import datetime as dt

import streamlit as st

from kinerja.access.audit import AUDIT_COLUMNS, audit_actors, audit_kinds, audit_trail, audit_workbook
from kinerja.access.roles import Action
from kinerja.reporting.exports import csv_bytes
from ui.auth import page_allows
from ui.resources import get_store
from ui.tables import show_table

page_allows(Action.AUDIT)
store = get_store()
st.title("Jejak Audit")
st.caption(
    "Setiap perubahan rencana, data, status, akun dan pengaturan: siapa, kapan, apa, sebelum dan sesudah. "
    "Jejak ini tidak dapat diubah dari aplikasi."
)
actors, kinds = audit_actors(store), audit_kinds(store)
left, middle, right = st.columns(3)
actor = left.selectbox("Oleh", actors, index=None, placeholder="Semua")
action = middle.selectbox("Jenis tindakan", kinds, index=None, placeholder="Semua")
text = right.text_input("Cari (unit, akun, nilai)")
since, until = st.columns(2)
start = since.date_input("Dari tanggal", value=None, format="DD/MM/YYYY")
end = until.date_input("Sampai tanggal", value=None, format="DD/MM/YYYY")
found = audit_trail(store, actor=actor, action=action, text=text or None, since=start, until=end)
st.caption(f"{len(found)} entri")
show_table(found.head(2000).fillna("").rename(columns=AUDIT_COLUMNS), hide_index=True, width="stretch")
stamp = dt.date.today().strftime("%Y%m%d")
left, right = st.columns(2)
left.download_button(
    "Unduh CSV",
    csv_bytes(found.rename(columns=AUDIT_COLUMNS)),
    file_name=f"jejak-audit-{stamp}.csv",
    mime="text/csv",
    icon=":material/download:",
)
right.download_button(
    "Unduh Excel",
    audit_workbook(found),
    file_name=f"jejak-audit-{stamp}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
