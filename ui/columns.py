"""Tentukan kolom, on the Perencanaan and Unggah Data pages: a file's heading row with an example
value under each heading and what each column is read as; the person sets the rest and the answer
is remembered for files with the same headings."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from kinerja.domain.problems import InputRejected
from kinerja.workbook.headings import ColumnRead, HeadingRow
from ui.resources import flash
from ui.tables import edit_table, show_table
from ui.text import md_escape

UNUSED = "Tidak dipakai"


def columns_read(columns: list[ColumnRead], key: str) -> None:
    """Which column of the file was read as what, and how (its heading, or a mapping)."""
    if columns:
        show_table(pd.DataFrame([c.as_dict() for c in columns]), hide_index=True, key=f"kolom_{key}")


def heading_choice(rows: list[HeadingRow], read: list[ColumnRead], key: str) -> HeadingRow:
    """The heading row to map: the one the file was read by, else the widest; a choice where there are several."""
    first = next((r for r in rows if read and (r.sheet, r.row) == (read[0].sheet, read[0].row)), None)
    first = first or max(rows, key=lambda r: len(r.columns))
    if len(rows) == 1:
        return first
    return st.selectbox(
        "Baris judul kolom", rows, index=rows.index(first), format_func=lambda r: r.name, key=f"judul_{key}"
    )


def mapping_editor(
    heading: HeadingRow,
    targets: Mapping[str, str],
    read: list[ColumnRead],
    suggested: Mapping[str, str],
    key: str,
    remember: Callable[[dict[str, str | None]], None],
) -> None:
    """The heading row's columns with what each is read as, editable; "Pakai pemetaan kolom ini"
    calls ``remember`` with each column's normalised heading → key (None: not used). ``targets``:
    key → words; ``read``: the columns the file was read with; ``suggested``: letter → key."""
    frame = pd.DataFrame(
        {
            "Kolom": [c.letter for c in heading.columns],
            "Judul di berkas": [c.heading for c in heading.columns],
            "Contoh isi": [c.example for c in heading.columns],
            "Dibaca sebagai": [targets.get(k, UNUSED) for k in _shown(heading, read, suggested)],
        }
    )
    edited = edit_table(
        frame,
        hide_index=True,
        disabled=["Kolom", "Judul di berkas", "Contoh isi"],
        key=f"petakan_{key}_{heading.sheet}_{heading.row}",
        column_config={
            "Dibaca sebagai": st.column_config.SelectboxColumn(options=[UNUSED, *targets.values()], required=True)
        },
    )
    if st.button("Pakai pemetaan kolom ini", icon=":material/check:", key=f"pakai_kolom_{key}"):
        keys_by_words = {words: k for k, words in targets.items()}
        labels = {c.letter: c.label for c in heading.columns}
        chosen = {
            labels[letter]: keys_by_words.get(words)
            for letter, words in zip(edited["Kolom"], edited["Dibaca sebagai"], strict=True)
        }
        try:
            remember(chosen)
        except InputRejected as exc:
            st.error("\n".join(f"- {md_escape(p.message)}" for p in exc.problems), icon=":material/error:")
        else:
            flash("Pemetaan kolom disimpan; berkas dibaca ulang dengannya.")
            st.rerun()


def _shown(heading: HeadingRow, read: list[ColumnRead], suggested: Mapping[str, str]) -> list[str | None]:
    """Each column's key as the file was read with this heading row; where a mapping read it, that
    alone; else the suggestion for the columns and keys the reading left."""
    current = [c for c in read if (c.sheet, c.row) == (heading.sheet, heading.row)]
    keys = {c.key for c in current}
    shown = {} if any(c.mapped for c in current) else {col: k for col, k in suggested.items() if k not in keys}
    shown |= {c.letter: c.key for c in current}
    return [shown.get(c.letter) for c in heading.columns]
