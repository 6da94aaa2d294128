import streamlit as st

from kinerja.access.roles import Action, can
from kinerja.domain.numbers import fmt_number
from kinerja.evaluation.assessment import answer_history, assess, grade_gap, raise_most
from kinerja.evaluation.export import evidence_pack, lke_workbook
from kinerja.evaluation.follow_up import follow_ups
from kinerja.evaluation.worksheet import built_in_text
from ui import keys
from ui.period import open_page
from ui.resources import made_on_click
from ui.tables import show_table
from ui.text import md_escape
from views.lke_parts.lke import criterion_card, evidence_upload, follow_up_section, worksheet_upload

page = open_page(
    Action.READ,
    "Evaluasi AKIP",
    "Lembar Kerja Evaluasi (PermenPAN-RB 88/2021): jawaban yang dibuktikan data Kinerja, nilai, predikat "
    "dan tindak lanjut rekomendasi.",
)
store, actor, may_edit = page.store, page.actor, can(page.actor, Action.PLAN)
years = sorted(page.years, reverse=True)
linked = str(st.query_params.get(keys.YEAR, ""))  # an evidence link names its year
start = years.index(int(linked)) if linked.isdigit() and int(linked) in years else min(1, len(years) - 1)
year = st.selectbox("Tahun kinerja yang dievaluasi", years, index=start, key="lke_tahun")
found, history = assess(store, year), answer_history(store, year)

own, final = found.grade("mandiri"), found.grade("final")
score, grade, checked = st.columns(3)
score.metric("Nilai penilaian mandiri", f"{found.totals['mandiri']:.2f}".replace(".", ","), border=True)
grade.metric("Predikat", f"{own.grade} ({own.words})", border=True)
checked.metric("Nilai final Inspektorat", f"{found.totals['final']:.2f}".replace(".", ","), border=True)
unanswered = int((found.criteria["sumber"] == "belum").sum())  # counted as nought until answered
pending = f" · {unanswered} dari {len(found.criteria)} kriteria belum dijawab: nilai sementara" if unanswered else ""
st.caption(f"{md_escape(grade_gap(found))}{pending} · Lembar kerja: {md_escape(found.worksheet.source)}")

resume = found.parts.rename(
    columns={"kode": "Kode", "nama": "Komponen / subkomponen", "bobot": "Bobot", "mandiri": "Mandiri",
             "verifikasi": "Verifikasi", "penjaminan": "Penjaminan", "final": "Final", "verifikator": "Verifikator"}
)  # fmt: skip
points = ["Bobot", "Mandiri", "Verifikasi", "Penjaminan", "Final"]  # Indonesian numbers: 11,12 not 11.12
show_table(
    resume.drop(columns=["tingkat"]).assign(**{c: resume[c].map(fmt_number) for c in points}),
    hide_index=True,
    width="stretch",
)

st.subheader("Yang paling menaikkan nilai")
gains = raise_most(found)
show_table(gains.assign(**{"Poin tersisa": gains["Poin tersisa"].map(fmt_number)}), hide_index=True, width="stretch")

st.subheader("Kriteria")
computed_only = st.toggle("Hanya kriteria yang dihitung dari data Kinerja", key="lke_dihitung")
tabs = st.tabs([f"{c.code}. {c.name}" for c in found.worksheet.components])
for tab, component in zip(tabs, found.worksheet.components, strict=True):
    with tab:
        for sub in component.subcomponents:
            st.markdown(f"**{md_escape(sub.code)} {md_escape(sub.name)}** (bobot {sub.weight:g})")
            rows = found.criteria[found.criteria["subkomponen"] == sub.code]
            for row in rows.itertuples(index=False):
                if not computed_only or row.aturan:
                    criterion_card(store, found, row, actor, history)
if can(actor, Action.LKE_SELF):
    with st.expander("Unggah beberapa bukti dukung sekaligus", icon=":material/upload_file:"):
        evidence_upload(store, found)

st.subheader("Tindak lanjut rekomendasi (TL-LHE)")
follow_up_section(store, year, follow_ups(store, year), may_edit)

st.subheader("Unduh")
left, right = st.columns(2)
left.download_button(
    "LKE (Excel, tata letak daerah)",
    made_on_click(lke_workbook, store, found),
    file_name=f"LKE-{year}.xlsx",
    icon=":material/download:",
)
right.download_button(
    "Paket bukti dukung (zip)",
    made_on_click(evidence_pack, store, found),
    file_name=f"bukti-dukung-LKE-{year}.zip",
    icon=":material/folder_zip:",
)
if may_edit:
    with st.expander("Lembar kerja (versi peraturan atau rubrik Inspektorat)"):
        worksheet_upload(store, year)
        st.download_button("Lembar kerja bawaan (JSON)", built_in_text(), file_name="lke-bawaan.json")
