"""The Cadangan section of Pengaturan: the backups kept beside the database, one more on demand,
and each one as a zip to download."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from kinerja.access.roles import Action, require
from kinerja.domain.numbers import fmt_number
from kinerja.storage.backup import backup, backup_folder, backup_plan_words, backups, zipped
from ui.resources import flash, get_store
from ui.tables import show_table
from ui.text import md_escape


def backup_panel() -> None:
    store = get_store()
    folder = backup_folder(store)
    st.caption(md_escape(backup_plan_words(store)))
    if st.button("Buat cadangan sekarang", icon=":material/backup:", key="buat_cadangan"):
        target = folder / f"kinerja-{dt.datetime.now():%Y-%m-%d-%H%M%S}"
        require(Action.BACKUP)
        manifest = backup(store, target)
        flash(
            f"Cadangan ditulis ke {target}: {fmt_number(manifest.rows)} baris dari {len(manifest.tables)} tabel, diperiksa."
        )
        st.rerun()
    found = backups(folder) if folder.exists() else []
    if not found:
        st.info("Belum ada cadangan.", icon=":material/info:")
        return
    show_table(
        [{"Cadangan": p.name, "Dibuat": m.created_at.replace("T", " "), "Baris": m.rows} for p, m in found],
        hide_index=True,
    )
    latest, _ = found[0]
    st.download_button(
        f"Unduh {latest.name} (zip)",
        lambda: zipped(latest),  # built only when clicked
        file_name=f"{latest.name}.zip",
        mime="application/zip",
        icon=":material/download:",
        key="unduh_cadangan",
    )
