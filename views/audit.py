import datetime as dt

import streamlit as st

from kinerja.access.roles import Action
from kinerja.domain.numbers import fmt_number
from kinerja.reporting.audit_trail import (
    COLUMNS,
    AuditFilter,
    audit_choices,
    audit_csv,
    audit_entries,
    audit_workbook,
    filters_in_words,
)
from kinerja.storage.settings import office_clock
from ui.period import open_page
from ui.tables import show_table

SHOWN = 2000
page = open_page(Action.AUDIT, "Jejak Audit", period=False)
store = page.store
clock = office_clock(store)
st.caption(
    "Setiap perubahan rencana, data, status, akun dan pengaturan: siapa, kapan, apa, dan bagian yang berubah. "
    f"Waktu menurut zona kantor ({clock.zone}). Jejak ini tidak dapat diubah dari aplikasi."
)
choices = audit_choices(store)
person, unit, period, action = st.columns(4)
chosen = AuditFilter(
    person=person.selectbox(
        "Oleh", list(choices.people), format_func=choices.people.get, index=None, placeholder="Semua orang"
    ),
    unit=unit.selectbox(
        "Unit", list(choices.units), format_func=choices.units.get, index=None, placeholder="Semua unit"
    ),
    period=period.selectbox(
        "Periode",
        list(choices.periods),
        format_func=choices.periods.get,
        index=None,
        placeholder="Semua periode",
        key="audit_periode",
        bind="query-params",  # the LKE's evidence links open the trail filtered
    ),
    action=action.selectbox(
        "Tindakan",
        list(choices.actions),
        format_func=choices.actions.get,
        index=None,
        placeholder="Semua tindakan",
        key="audit_tindakan",
        bind="query-params",
    ),
    since=(dates := st.columns(3))[0].date_input("Dari tanggal", value=None, format="DD/MM/YYYY"),
    until=dates[1].date_input("Sampai tanggal", value=None, format="DD/MM/YYYY"),
    text=dates[2].text_input("Cari kata", placeholder="mis. IK01, dikembalikan, nama berkas") or None,
)
found = audit_entries(store, chosen)
shown = f" ({fmt_number(SHOWN, 0)} terbaru ditampilkan; unduhan memuat semuanya)" if len(found) > SHOWN else ""
st.caption(f"{fmt_number(len(found), 0)} entri{shown}")
show_table(
    found[COLUMNS].head(SHOWN),
    hide_index=True,
    width="stretch",
    row_height=60,  # two lines of a cell: a long sentence or change reads without opening it
    column_config={
        "Waktu": st.column_config.TextColumn(width=180),
        "Oleh": st.column_config.TextColumn(width=290),
        "Tindakan": st.column_config.TextColumn(width=320),  # "Laporan TW I 2026 ditetapkan final" read whole
        "Perubahan": st.column_config.TextColumn(width="large"),
    },
)
stamp = clock.local(dt.datetime.now()).strftime("%Y%m%d")
left, right = st.columns(2)
left.download_button(
    "Unduh CSV",
    audit_csv(found),
    file_name=f"jejak-audit-{stamp}.csv",
    mime="text/csv",
    icon=":material/download:",
)
right.download_button(
    "Unduh Excel",
    audit_workbook(found, filters_in_words(chosen, choices, clock.zone)),
    file_name=f"jejak-audit-{stamp}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
