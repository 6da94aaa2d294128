import datetime as dt

import streamlit as st

from kinerja.access.roles import Action
from kinerja.domain.vocabulary import AGGREGATION_WORD, POLARITY_WORD
from kinerja.planning.editor import draft_from_frames
from kinerja.planning.rows import LABEL, UNIT_KINDS
from kinerja.planning.stored import plan_frame, programmes_frame, units_frame
from kinerja.planning.workbook import plan_template
from kinerja.workbook.spreadsheet import UPLOAD_TYPES
from ui import keys
from ui.period import open_page
from ui.resources import cached_office, made_on_click
from ui.tables import edit_table
from views.perencanaan_parts.plan_preview import plan_lock, save_from_page, uploaded_plan

page = open_page(Action.PLAN, "Perencanaan", period=False)  # the plan is made here: it opens without one
actor, store, version, years = page.actor, page.store, page.version, page.years
settings = cached_office(version)
choices = sorted(set(years) | {dt.date.today().year, (max(years) + 1) if years else dt.date.today().year}, reverse=True)
year = st.selectbox("Tahun rencana", choices, index=choices.index(max(years)) if years else 0, key=keys.PLAN_YEAR)


plan_lock(store, year, actor)


def save(draft, removed=()) -> None:
    save_from_page(store, draft, removed)


plan_tab, unit_tab, programme_tab, upload_tab = st.tabs(
    ["Indikator & Target", "Unit Kerja", "Program & Anggaran", "Impor / Unduh Templat"],
    key=keys.PLAN_TAB,  # the open tab survives a rerun (a mapping saved, a proposal ticked)
    on_change="rerun",
)
units = units_frame(store)
with plan_tab:
    stored = plan_frame(store, year)
    st.caption(
        "Satu baris per indikator. Target berupa angka (85,5) atau rentang (80 - 90); TW I–IV adalah Rencana Aksi."
    )
    edited = edit_table(
        stored,
        num_rows="dynamic",
        hide_index=True,
        height=560,
        key=f"{keys.PLAN_EDITOR}_{year}_{version}",
        column_config={
            LABEL["tujuan"]: st.column_config.TextColumn(width="small"),
            LABEL["sasaran"]: st.column_config.TextColumn(width="medium", required=True),
            LABEL["code"]: st.column_config.TextColumn(width="small", pinned=True),
            LABEL["name"]: st.column_config.TextColumn(width="large", pinned=True, required=True),
            LABEL["target"]: st.column_config.TextColumn(width="small", required=True),
            LABEL["polarity"]: st.column_config.SelectboxColumn(options=list(POLARITY_WORD.values()), required=True),
            LABEL["aggregation"]: st.column_config.SelectboxColumn(
                options=list(AGGREGATION_WORD.values()), required=True
            ),
            LABEL["is_key"]: st.column_config.SelectboxColumn(options=["Ya", "Tidak"]),
            LABEL["unit"]: st.column_config.SelectboxColumn(options=units["Kode Unit"].tolist()),
            LABEL["weight"]: st.column_config.NumberColumn(min_value=0, format="%.2f"),
        },
    )
    if st.button("Simpan rencana", type="primary", key="simpan_rencana"):
        removed = sorted(set(stored[LABEL["code"]].dropna()) - set(edited[LABEL["code"]].dropna()))
        save(draft_from_frames(year, edited), removed)

with unit_tab:
    st.caption("Unit kerja membentuk pohon (Unit Induk); unit eksternal adalah OPD lain atau instansi pemasok data.")
    edited_units = edit_table(
        units,
        num_rows="add",
        hide_index=True,
        key=f"{keys.UNIT_EDITOR}_{version}",
        column_config={"Jenis": st.column_config.SelectboxColumn(options=list(UNIT_KINDS), required=True)},
    )
    if st.button("Simpan unit", type="primary", key="simpan_unit"):
        save(draft_from_frames(year, plan_frame(store, year).iloc[0:0], units=edited_units))

with programme_tab:
    st.caption(
        f"Program dan pagu anggaran tahun {year}, dengan sasaran yang didukungnya, dan anggaran kas (rencana "
        "penarikan dana DPA) per triwulan: keempatnya diisi atau dikosongkan, jumlahnya sama dengan pagu."
    )
    programmes = programmes_frame(store, year)
    money = st.column_config.NumberColumn(min_value=0, format="localized")
    edited_programmes = edit_table(
        programmes,
        num_rows="dynamic",
        hide_index=True,
        key=f"{keys.PROGRAMME_EDITOR}_{year}_{version}",
        column_config={label: st.column_config.TextColumn(width="medium") for label in ("Program", "Sasaran Strategis")}
        | {label: money for label in programmes.columns if label.endswith("(Rp)")},
    )
    if st.button("Simpan program", type="primary", key="simpan_program"):
        save(draft_from_frames(year, plan_frame(store, year).iloc[0:0], programmes=edited_programmes))

with upload_tab:
    st.download_button(
        "Unduh templat PK + Rencana Aksi",
        made_on_click(plan_template, store, year, settings.office_name),
        file_name=f"rencana-kinerja-{year}.xlsx",
        icon=":material/download:",
        key="unduh_templat",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    uploaded = st.file_uploader(
        "Unggah PK + Rencana Aksi (xlsx, xls, csv, json)", type=UPLOAD_TYPES, key=keys.PLAN_UPLOAD
    )
    if uploaded is not None:
        uploaded_plan(store, uploaded, year, units)
