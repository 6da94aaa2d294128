"""Tables on the pages: a missing value shows as a dash in a table to read and as an empty cell in
a table to edit, never as Streamlit's "None"."""

from __future__ import annotations

import streamlit as st

MISSING = "–"


def show_table(data, **options):
    """st.dataframe, with missing values shown as a dash."""
    return st.dataframe(data, **({"placeholder": MISSING} | options))


def edit_table(data, **options):
    """st.data_editor, with missing values left empty (a cell to fill in)."""
    return st.data_editor(data, **({"placeholder": ""} | options))
