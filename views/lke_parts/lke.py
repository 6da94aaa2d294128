"""The Evaluasi AKIP page's widgets: a criterion with its computed answer, evidence and the stages'
answers; the follow-up of findings; loading a worksheet version."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kinerja.domain.numbers import fmt_number
from kinerja.domain.problems import InputRejected
from kinerja.evaluation.assessment import Assessment, save_answer
from kinerja.evaluation.evidence import add_evidence
from kinerja.evaluation.follow_up import SOURCES, STATUSES, save_follow_up
from kinerja.evaluation.rules import known_rules
from kinerja.evaluation.worksheet import STAGES, load_version
from kinerja.storage.store import Store
from ui.resources import flash
from ui.text import md_escape

SOURCE_WORDS = {"dihitung": "dihitung dari data", "diubah": "diubah kantor", "diisi": "diisi kantor", "belum": "belum"}


def _refused(exc: InputRejected) -> None:
    st.error("Tidak disimpan: " + "; ".join(md_escape(p.message) for p in exc.problems))


def criterion_card(store: Store, a: Assessment, row, may_edit: bool) -> None:
    """One criterion: its text, the computed answer with rule, figures and links, and the forms."""
    points = f"{fmt_number(row.nilai_mandiri, 2)} dari {fmt_number(row.bobot, 2)} poin"
    with st.expander(f"{row.kode} · {row.mandiri or '–'} · {SOURCE_WORDS[row.sumber]} · {points}"):
        st.markdown(md_escape(row.kriteria))
        if row.aturan:
            st.markdown(f"**Dihitung: {md_escape(row.dihitung or 'tidak dapat dihitung')}** — {md_escape(row.aturan)}")
            st.caption(md_escape(row.angka))
            st.markdown(" · ".join(f"[{md_escape(label)}]({url})" for label, url in row.tautan))
        if row.alasan:
            st.info(f"Jawaban diubah kantor: {md_escape(row.alasan)}", icon=":material/edit:")
        stages = " · ".join(
            f"{md_escape(a.worksheet.stages.get(s, s))}: {md_escape(getattr(row, s) or '–')}" for s in STAGES
        )
        st.caption(stages)
        st.caption(f"Bukti diminta: {md_escape(row.bukti_diminta)} · bukti diberikan: {row.bukti_diberikan}")
        if may_edit:
            _answer_form(store, a, row)


def _answer_form(store: Store, a: Assessment, row) -> None:
    letters = list(a.worksheet.scales[row.skala])
    with st.form(f"jawab_{row.kode}", border=False):
        left, right = st.columns(2)
        stage = left.selectbox(
            "Tahap", STAGES, format_func=lambda s: a.worksheet.stages.get(s, s), key=f"tahap_{row.kode}"
        )
        answer = right.selectbox("Jawaban", letters, index=None, placeholder="Pilih jawaban", key=f"jawaban_{row.kode}")
        reason = st.text_input("Alasan (wajib bila mengubah jawaban yang dihitung)", key=f"alasan_{row.kode}")
        note = st.text_input("Catatan", key=f"catatan_{row.kode}")
        recommendation = st.text_input("Rekomendasi", key=f"rekomendasi_{row.kode}")
        link = st.text_input("Tautan bukti dukung", key=f"tautan_{row.kode}")
        upload = st.file_uploader("Berkas bukti dukung", key=f"berkas_{row.kode}")
        if st.form_submit_button("Simpan", icon=":material/save:"):
            try:
                if answer or note or recommendation:
                    save_answer(store, a.year, row.kode, stage, answer or None, reason=reason, note=note,
                                recommendation=recommendation)  # fmt: skip
                if upload is not None or link:
                    add_evidence(store, a.year, row.kode, upload.name if upload else link,
                                 content=upload.getvalue() if upload else None,
                                 file_name=upload.name if upload else None, url=link or None)  # fmt: skip
            except InputRejected as exc:
                _refused(exc)
                return
            flash(f"Kriteria {row.kode} disimpan.")
            st.rerun()


def follow_up_section(store: Store, year: int, frame: pd.DataFrame, may_edit: bool) -> None:
    """The year's recommendations and, for an admin, a form to record or update one."""
    if frame.empty:
        st.caption("Belum ada rekomendasi evaluasi yang dicatat untuk tahun ini.")
    else:
        shown = frame.rename(columns={"id": "No", "source": "Sumber", "recommendation": "Rekomendasi",
                                      "owner": "Penanggung jawab", "due_on": "Batas", "status": "Status",
                                      "evidence_url": "Tautan bukti", "note": "Catatan"})  # fmt: skip
        st.dataframe(shown[["No", "Sumber", "Rekomendasi", "Penanggung jawab", "Batas", "Status", "Tautan bukti",
                            "Catatan"]], hide_index=True, width="stretch")  # fmt: skip
    if not may_edit:
        return
    with st.form("tindak_lanjut", clear_on_submit=True):
        ids = [None, *frame["id"]] if not frame.empty else [None]
        chosen = st.selectbox("Rekomendasi", ids, format_func=lambda i: "Baru" if i is None else f"No {i}")
        recommendation = st.text_area("Isi rekomendasi")
        left, middle, right = st.columns(3)
        owner = left.text_input("Penanggung jawab")
        source = middle.selectbox("Sumber", SOURCES)
        status = right.selectbox("Status", STATUSES)
        due = left.date_input("Batas waktu", value=None, format="DD/MM/YYYY")
        link = middle.text_input("Tautan bukti")
        upload = right.file_uploader("Berkas bukti", key="tl_berkas")
        note = st.text_input("Catatan tindak lanjut")
        if st.form_submit_button("Simpan rekomendasi", icon=":material/save:"):
            try:
                save_follow_up(store, year, recommendation, owner, status, source=source, due_on=due, note=note,
                               evidence=(upload.name, upload.getvalue()) if upload else None, evidence_url=link,
                               follow_up_id=chosen)  # fmt: skip
            except InputRejected as exc:
                _refused(exc)
                return
            flash("Rekomendasi disimpan.")
            st.rerun()


def worksheet_upload(store: Store, year: int) -> None:
    upload = st.file_uploader("Muat versi lembar kerja (JSON) untuk tahun ini dan sesudahnya", type=["json"])
    if upload is not None and st.button("Muat lembar kerja", icon=":material/upload:"):
        try:
            sheet = load_version(store, year, upload.getvalue(), upload.name, known_rules())
        except InputRejected as exc:
            _refused(exc)
            return
        flash(f"Lembar kerja «{sheet.name}» dimuat untuk {year} dan sesudahnya.")
        st.rerun()


def today() -> dt.date:
    return dt.date.today()
