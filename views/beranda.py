import datetime as dt

import streamlit as st

from kinerja.access.roles import Action
from kinerja.domain.numbers import fmt_date, fmt_number, fmt_percent
from kinerja.domain.period import period_name
from kinerja.domain.recap import category_counts as count_by_category
from kinerja.domain.recap import display_recap, overall_score, roll_up_by
from kinerja.evaluation.follow_up import overdue
from kinerja.reporting.charts import achievement_by_goal, category_counts
from kinerja.storage.settings import office_clock
from kinerja.workflow.review import returned_quarters
from ui.period import open_page, period_selector
from ui.resources import cached_recap, cached_settings
from ui.tables import show_table
from ui.text import md_escape

page = open_page(Action.READ, "Capaian Kinerja")
version = page.version
year, quarter = period_selector(page.years, version)

if page.actor.scope:  # a unit's account: quarters a reviewer returned to it come first
    for r in returned_quarters(page.store, page.actor.scope, year).itertuples():
        note = f": “{md_escape(r.note)}”" if r.note else ""
        st.warning(
            f"Data {md_escape(r.unit_code)} {period_name(year, r.quarter)} dikembalikan oleh {md_escape(r.person)} "
            f"pada {office_clock(page.store).show(r.happened_at)}{note}. Perbaiki di **Unggah Data**, lalu ajukan lagi di **Verifikasi**.",
            icon=":material/undo:",
        )

for r in overdue(page.store, dt.date.today()).itertuples():  # TL-LHE past its due date
    st.warning(
        f"Tindak lanjut rekomendasi {md_escape(r.source)} lewat batas {fmt_date(r.due_on)} ({md_escape(r.status)}): "
        f"{md_escape(r.recommendation)} — {md_escape(r.owner)}. Lihat **Evaluasi AKIP**.",
        icon=":material/assignment_late:",
    )

settings = cached_settings(version, year)
frame = cached_recap(version, year, quarter)
by_goal = roll_up_by(frame, "goal", settings.scale)
reported = int(frame["realization_to_date"].notna().sum())

score, indicators, key_indicators = st.columns(3)
score.metric("Skor capaian keseluruhan", fmt_percent(overall_score(frame)), border=True)
indicators.metric("Indikator berdata", f"{fmt_number(reported)} dari {fmt_number(len(frame))}", border=True)
key_indicators.metric("IKU", f"{fmt_number(int(frame['is_key'].sum()))} indikator", border=True)

st.plotly_chart(
    achievement_by_goal(by_goal, settings.scale, title=f"Capaian per sasaran s.d. {period_name(year, quarter)}"),
    key="grafik_sasaran",
)
st.plotly_chart(
    category_counts(count_by_category(frame, settings.scale), title="Jumlah indikator per kategori"),
    key="grafik_kategori",
)
with st.expander("Rincian per indikator"):
    show_table(display_recap(frame), hide_index=True)
st.caption(
    f"Skor = capaian dibatasi {fmt_percent(settings.score_cap, 0)}; skor sasaran = rata-rata skor indikatornya. "
    + settings.statement()
)
