"""The Evaluasi AKIP page's widgets: a criterion with its computed answer, evidence, the stages'
answers and their history, the form for the columns the person answers; evidence files several at
once; the follow-up of findings; loading a worksheet version."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kinerja.access.roles import Action, Actor, Forbidden, can
from kinerja.domain.numbers import fmt_number
from kinerja.domain.problems import InputRejected
from kinerja.evaluation.assessment import HISTORY_COLUMNS, Assessment, answerable_stages, save_answer
from kinerja.evaluation.evidence import EvidenceFile, add_evidence, add_evidence_files, criterion_in_name
from kinerja.evaluation.follow_up import SOURCES, STATUSES, save_follow_up
from kinerja.evaluation.rules import known_rules
from kinerja.evaluation.worksheet import STAGES, load_version
from kinerja.storage.store import Store
from ui.resources import flash
from ui.text import md_escape

SOURCE_WORDS = {"dihitung": "dihitung dari data", "diubah": "diubah kantor", "diisi": "diisi kantor", "belum": "belum"}


def _refused(exc: InputRejected | Forbidden) -> None:
    if isinstance(exc, Forbidden):
        st.error(f"Tidak disimpan: {md_escape(str(exc))}")
        return
    said = [f"{p.file}: {p.message}" if p.file else p.message for p in exc.problems]
    st.error("Tidak disimpan: " + "; ".join(md_escape(m) for m in said))


def criterion_card(store: Store, a: Assessment, row, actor: Actor | None, history: pd.DataFrame) -> None:
    """One criterion: its text, the computed answer with rule, figures and links, the answers'
    history, and the form for the columns ``actor`` answers."""
    points = f"{fmt_number(row.nilai_mandiri, 2)} dari {fmt_number(row.bobot, 2)} poin"
    with st.expander(f"{row.kode} · {row.mandiri or '–'} · {SOURCE_WORDS[row.sumber]} · {points}"):
        st.markdown(md_escape(row.kriteria))
        if row.aturan:
            st.markdown(f"**Dihitung: {md_escape(row.dihitung or 'tidak dapat dihitung')}** — {md_escape(row.aturan)}")
            st.caption(md_escape(row.angka))
            st.markdown(" · ".join(f"[{md_escape(label)}]({_quoted(url)})" for label, url in row.tautan))
        if row.alasan:
            st.info(f"Jawaban diubah kantor: {md_escape(row.alasan)}", icon=":material/edit:")
        stages = " · ".join(
            f"{md_escape(a.worksheet.stages.get(s, s))}: {md_escape(getattr(row, s) or '–')}" for s in STAGES
        )
        st.caption(stages)
        st.caption(f"Bukti diminta: {md_escape(row.bukti_diminta)} · bukti diberikan: {row.bukti_diberikan}")
        mine = history[history["Kriteria"] == row.kode]
        if not mine.empty:
            st.markdown("**Riwayat jawaban**")
            st.table(mine[HISTORY_COLUMNS[1:]].fillna("").set_index("Waktu"))  # a few rows, read as text
        stages_mine = answerable_stages(actor, a.worksheet, row.kode)
        if stages_mine:
            _answer_form(store, a, row, stages_mine, can(actor, Action.LKE_SELF))


def _quoted(url: str) -> str:
    """A link's address as markdown reads it whole (a space or bracket would end it)."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _answer_form(store: Store, a: Assessment, row, stages: list[str], with_evidence: bool) -> None:
    letters = list(a.worksheet.scales[row.skala])
    with st.form(f"jawab_{row.kode}", border=False):
        left, right = st.columns(2)
        stage = left.selectbox(
            "Kolom", stages, format_func=lambda s: a.worksheet.stages.get(s, s), key=f"tahap_{row.kode}"
        )
        answer = right.selectbox("Jawaban", letters, index=None, placeholder="Pilih jawaban", key=f"jawaban_{row.kode}")
        reason = st.text_input("Alasan (wajib bila mengubah jawaban yang dihitung)", key=f"alasan_{row.kode}")
        note = st.text_input("Catatan", key=f"catatan_{row.kode}")
        recommendation = st.text_input("Rekomendasi", key=f"rekomendasi_{row.kode}")
        link = st.text_input("Tautan bukti dukung", key=f"tautan_{row.kode}") if with_evidence else None
        upload = st.file_uploader("Berkas bukti dukung", key=f"berkas_{row.kode}") if with_evidence else None
        if st.form_submit_button("Simpan", icon=":material/save:"):
            try:
                if answer or note or recommendation:
                    save_answer(store, a.year, row.kode, stage, answer or None, reason=reason, note=note,
                                recommendation=recommendation)  # fmt: skip
                if upload is not None or link:
                    add_evidence(store, a.year, row.kode, upload.name if upload else link,
                                 content=upload.getvalue() if upload else None,
                                 file_name=upload.name if upload else None, url=link or None)  # fmt: skip
            except (InputRejected, Forbidden) as exc:
                _refused(exc)
                return
            flash(f"Kriteria {row.kode} disimpan.")
            st.rerun()


def evidence_upload(store: Store, a: Assessment) -> None:
    """Several evidence files at once: each assigned to a criterion (proposed from a name that
    begins with its code, to be confirmed), then kept together."""
    files = st.file_uploader("Berkas bukti dukung (beberapa sekaligus)", accept_multiple_files=True,
                             key="bukti_banyak")  # fmt: skip
    if not files:
        st.caption(
            "Nama berkas yang diawali kode kriteria (mis. «A.2.1 SK Renstra.pdf») langsung diusulkan ke kriteria itu."
        )
        return
    codes = [c.code for c in a.worksheet.criteria]
    table = pd.DataFrame(
        {
            "Berkas": [f.name for f in files],
            "Kriteria": [criterion_in_name(f.name, codes) for f in files],
            "Nama bukti": [f.name.rsplit(".", 1)[0] for f in files],
        }
    )
    chosen = st.data_editor(
        table, hide_index=True, width="stretch", disabled=["Berkas"], key="bukti_banyak_kriteria",
        column_config={"Kriteria": st.column_config.SelectboxColumn(options=codes, required=True)},
    )  # fmt: skip
    if st.button("Simpan semua bukti", icon=":material/upload:", key="simpan_bukti_banyak"):
        items = [EvidenceFile(f.name, f.getvalue(), k or None, label or "")
                 for f, k, label in zip(files, chosen["Kriteria"], chosen["Nama bukti"], strict=True)]  # fmt: skip
        try:
            add_evidence_files(store, a.year, items)
        except (InputRejected, Forbidden) as exc:
            _refused(exc)
            return
        flash(f"{len(items)} berkas bukti dukung disimpan.")
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
