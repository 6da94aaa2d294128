"""Pengaturan › the settings a year's figures are computed with: chosen from a year (default the year
in progress), a final year's lock and its unlock, and each setting's history by year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.access.roles import Action, current
from kinerja.access.roles import can as allowed
from kinerja.domain.office_time import ZONE_WORDS
from kinerja.domain.problems import InputRejected
from kinerja.storage.settings import SETTING_WORDS, format_scale, setting_history
from kinerja.storage.store import Store
from kinerja.workflow.lock import unlock_plan
from kinerja.workflow.year_settings import change_settings, locked_years_from
from ui.resources import cached_settings, flash
from ui.tables import show_table
from ui.text import md_escape

FORMULAS = {"2T-R": "(2T − R) / T × 100 — pedoman PermenPAN-RB (bawaan)", "T/R": "T / R × 100"}


def year_settings_panel(store: Store, version: int, years: list[int], in_progress: int) -> None:
    """The figures' settings from a chosen year, the office's name, and the history by year."""
    choices = sorted({*years, in_progress, in_progress + 1})
    from_year = st.selectbox(
        "Berlaku mulai tahun",
        choices,
        index=choices.index(in_progress),
        key="pengaturan_mulai_tahun",
        help="Perubahan berlaku untuk tahun ini dan sesudahnya (sampai perubahan berikutnya); "
        "tahun-tahun sebelumnya tetap dihitung dengan pengaturannya sendiri.",
    )
    settings = cached_settings(version, from_year)
    formula = st.radio(
        "Rumus polaritas negatif",
        list(FORMULAS),
        index=list(FORMULAS).index(settings.negative_formula.value),
        format_func=FORMULAS.get,
        key=f"rumus_{from_year}",
    )
    cap = st.number_input(
        "Batas skor (%)", 100.0, 300.0, settings.score_cap, 5.0, format="%.0f", key=f"batas_skor_{from_year}"
    )
    risk = st.number_input(
        "Batas berisiko (%)", 1.0, 100.0, settings.risk_threshold, 1.0, format="%.0f", key=f"berisiko_{from_year}",
        help="Indikator yang proyeksi skor akhir tahunnya di bawah batas ini ditandai berisiko di dasbor dan laporan. "
        "Bawaan: batas bawah kategori kedua skala (Tinggi).",
    )  # fmt: skip
    scale = st.text_input(
        "Skala kategori", format_scale(settings.scale), key=f"skala_{from_year}",
        help="Dari kategori terbaik ke terendah, dipisah titik koma: batas bawah, nama, warna (boleh tidak ditulis). "
        "Kategori terakhir tanpa batas bawah.",
    )  # fmt: skip
    office = st.text_input("Nama instansi (berlaku untuk semua tahun)", settings.office_name)
    head, nip = st.columns(2)
    head_name = head.text_input(
        "Nama kepala instansi", settings.head_name, help="Penanda tangan Kata Pengantar dan PK."
    )
    head_nip = nip.text_input("NIP kepala instansi", settings.head_nip)
    zone = st.selectbox(
        "Zona waktu kantor (berlaku untuk semua tahun)", list(ZONE_WORDS),
        index=list(ZONE_WORDS).index(settings.office_time_zone), format_func=ZONE_WORDS.get,
        help="Waktu di Jejak Audit, riwayat verifikasi dan versi data ditampilkan menurut zona ini.",
    )  # fmt: skip
    for year, reason in locked_years_from(store, from_year):
        st.warning(reason, icon=":material/lock:")
        _unlock_form(store, year)
    if st.button("Simpan pengaturan", key="simpan_pengaturan"):
        values = {"negative_formula": formula, "score_cap": str(cap), "office_name": office.strip()}
        values |= {"office_time_zone": zone, "head_name": head_name.strip(), "head_nip": head_nip.strip()}
        if scale != format_scale(settings.scale):
            values["category_scale"] = scale
        values["risk_threshold"] = str(risk) if settings.risk_threshold_set or risk != settings.risk_threshold else ""
        try:
            change = change_settings(store, values, from_year)
        except InputRejected as exc:
            for problem in exc.problems:
                st.error(md_escape(problem.message if not problem.subject else f"{problem.subject}: {problem.message}"))
        else:
            flash(" ".join(change.lines()))
            st.rerun()
    _history(store)


def _unlock_form(store: Store, year: int) -> None:
    if not allowed(current(), Action.UNLOCK):
        return
    with st.form(f"buka_kunci_pengaturan_{year}", border=False):
        reason = st.text_input(f"Alasan membuka kunci tahun {year}", placeholder="mis. keputusan Kepala Dinas 3 Juli")
        if st.form_submit_button(f"Buka kunci tahun {year} untuk satu perubahan", icon=":material/lock_open:"):
            try:
                unlock_plan(store, year, reason)
            except InputRejected as exc:
                st.error(md_escape(exc.problems[0].message))
            else:
                flash(f"Kunci tahun {year} dibuka untuk satu perubahan; alasan tercatat di jejak audit.")
                st.rerun()


def _history(store: Store) -> None:
    history = setting_history(store)
    with st.expander(f"Riwayat pengaturan per tahun ({len(history)})", icon=":material/history:"):
        if history.empty:
            st.caption("Belum pernah diubah: semua tahun memakai pengaturan bawaan.")
            return
        show_table(
            pd.DataFrame(
                {
                    "Pengaturan": history["key"].map(SETTING_WORDS),
                    "Berlaku mulai tahun": history["from_year"].astype(str),
                    "Nilai": history["value"].replace("", "bawaan"),
                }
            ),
            hide_index=True,
            width="stretch",
        )
