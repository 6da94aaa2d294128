"""Tables on the pages: a missing value shows as a dash in a table to read and as an empty cell in
a table to edit, never as Streamlit's "None"."""

from __future__ import annotations

import pandas as pd
import streamlit as st

MISSING = "–"


def show_table(data, **options):
    """st.dataframe, with missing values shown as a dash and fractions with the reader's decimal
    comma (a float column not configured otherwise: 86,07, not 86.07)."""
    if isinstance(data, pd.DataFrame):
        floats = [c for c in data.columns if pd.api.types.is_float_dtype(data[c])]
        localized = {c: st.column_config.NumberColumn(format="localized") for c in floats}
        options["column_config"] = localized | (options.get("column_config") or {})
    return st.dataframe(data, **({"placeholder": MISSING} | options))


def edit_table(data, **options):
    """st.data_editor, with missing values left empty (a cell to fill in)."""
    return st.data_editor(data, **({"placeholder": ""} | options))
