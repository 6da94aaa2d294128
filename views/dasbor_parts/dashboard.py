"""Pieces of the Dasbor Capaian page: the share link, drill-down from a chart, and the detail of
one indicator."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from kinerja.access.people import label_people, people
from kinerja.access.roles import Action, can, current
from kinerja.access.sharing import SharedView, create_link, links, revoke_link
from kinerja.collection.checking import is_web_link
from kinerja.domain.numbers import fmt_date
from kinerja.domain.period import period_name, roman
from kinerja.planning.stored import sasaran_codes, unit_codes
from kinerja.reporting.charts import from_spec, renstra_chart, trend_chart
from kinerja.reporting.dashboard import View, against_renstra, explain, narrative, trend
from kinerja.reporting.screens import code_key, risk_reading
from kinerja.storage.store import Store
from ui import keys
from ui.period import period_selector
from ui.resources import cached_branches, get_store
from ui.text import md_escape


def share_link(view: View) -> None:
    """The link that reopens exactly this view, to copy; and for those who may, a read-only link
    for people without an account."""
    # the period always, even when it is the page's default: next month the default is another
    query = urlencode({keys.YEAR: view.year, keys.QUARTER: f"TW {roman(view.quarter)}"} | st.query_params.to_dict())
    link = f"{st.context.url or ''}?{query}" if query else (st.context.url or "")
    with st.popover("Bagikan", icon=":material/share:"):
        st.caption("Salin tautan ini: siapa pun yang punya akun dan membukanya melihat tampilan yang sama.")
        st.code(link, language=None)
        st.code(f"{link}{'&' if query else '?'}{keys.MEETING}=1", language=None)
        st.caption("Tautan kedua membuka mode rapat: grafik besar tanpa kontrol, untuk proyektor.")
        if can(current(), Action.SHARE):
            _public_link(view)
    if keys.NEW_LINK in st.session_state:  # beside the button, not inside it: the popover closes as the page reruns
        st.success("Tautan baca-saja dibuat. Salin sekarang: tautan ini hanya ditampilkan di sesi ini.")
        st.code(st.session_state[keys.NEW_LINK], language=None)


def _public_link(view: View) -> None:
    st.divider()
    st.markdown("**Tautan baca-saja tanpa akun**")
    with st.form("tautan_baru", border=False):
        label = st.text_input("Nama tautan", placeholder=f"mis. Rapat pimpinan {period_name(view.year, view.quarter)}")
        expires = st.date_input("Berlaku sampai", value=dt.date.today() + dt.timedelta(days=30), format="DD/MM/YYYY")
        if st.form_submit_button("Buat tautan", icon=":material/add_link:"):
            token = create_link(
                get_store(), label, view.year, view.quarter, view.unit, view.goal, view.key_only, expires, view.branch
            )
            base = (st.context.url or "").rsplit("/", 1)[0]
            st.session_state[keys.NEW_LINK] = f"{base}/?{keys.SHARE_TOKEN}={token}"


def shared_links() -> None:
    """The read-only links made so far, each with its revoke button."""
    if not can(current(), Action.SHARE):
        return
    made = links(get_store())
    active = made[made["revoked_at"].isna()]
    if active.empty:
        return
    known = people(get_store())
    with st.expander(f"Tautan baca-saja yang aktif ({len(active)})", icon=":material/link:"):
        for row in active.itertuples():
            left, right = st.columns([4, 1])
            until = f", berlaku s.d. {fmt_date(row.expires_on)}" if pd.notna(row.expires_on) else ""
            left.markdown(
                f"**{md_escape(row.label)}** · {period_name(row.year, row.quarter)} · oleh {md_escape(label_people([row.created_by], known)[0])}{until}"
            )
            if right.button("Cabut", key=f"cabut_{row.id}", icon=":material/link_off:"):
                revoke_link(get_store(), int(row.id))
                st.rerun()


def view_period(years: list[int], version: int, shared: SharedView | None) -> tuple[int, int]:
    """The period the dashboard shows: the link's, fixed, for a read-only link; else the pickers'."""
    if shared is None:
        return period_selector(years, version)
    st.caption(f"Tautan baca-saja: **{md_escape(shared.label)}** · {period_name(shared.year, shared.quarter)}")
    return shared.year, shared.quarter


def filter_select(place, label: str, options: list[str], key: str, fixed: str | None, placeholder: str) -> str | None:
    """A dashboard filter bound to the link's query parameter; or, where a read-only link fixes it,
    the link's value shown in a disabled box that no query parameter reaches."""
    if fixed is not None:
        place.selectbox(label, [fixed], key=f"{key}_tetap", disabled=True)
        return fixed
    return place.selectbox(label, options, None, placeholder=placeholder, key=key, bind="query-params")


def drill_down(chart_key: str, choices: list[str], target_key: str):
    """An ``on_select`` callback: the bar clicked in chart ``chart_key`` becomes the filter
    ``target_key`` (``choices`` listed as the chart draws them, bottom up). A callback runs before
    the next script run, when a widget's value may still be set."""

    def choose() -> None:
        points = st.session_state[chart_key]["selection"]["points"]
        index = points[0].get("point_index") if points else None
        if index is not None and 0 <= index < len(choices):
            st.session_state[target_key] = choices[index]

    return choose


def indicator_detail(record, year: int, quarter: int, settings, projected=None, prefix: str = "") -> None:
    """History, the quarter's figures and how they were computed, where it stands against the risk
    rule (``projected``: the view's projections), and what the unit wrote. ``prefix`` keeps the
    charts' keys apart when the detail is drawn twice (the page and the risk line's dialog)."""
    code = record["indicator_code"]
    st.subheader(f"{md_escape(code)} · {md_escape(record['indicator_name'])}")
    left, right = st.columns([3, 2])
    with left:
        figure = trend_chart(
            trend(get_store(), code, year, settings),
            record["measure_unit"],
            f"Realisasi dan target s.d. triwulan, {year - 2}–{year}",
        )
        st.plotly_chart(figure, key=f"{prefix}grafik_tren")
    with right:
        st.markdown("**Bagaimana angka ini dihitung**")
        for line in explain(record, quarter, settings):
            st.markdown(f"- {md_escape(line)}")
        if projected is not None:
            found = projected[projected["indicator_code"] == code]
            reading = risk_reading(record, found.iloc[0].to_dict() if len(found) else None, quarter, settings)
            st.markdown(f"**Risiko akhir tahun:** {md_escape(reading)}")
    st.plotly_chart(
        renstra_chart(
            against_renstra(get_store(), code, year, settings),
            record["measure_unit"],
            "Realisasi tahunan, target PK dan target Renstra",
        ),
        key=f"{prefix}grafik_renstra",
    )
    notes = narrative(get_store(), code, year, quarter)
    st.markdown(f"**Catatan unit {md_escape(record['unit_code'] or '')}, {period_name(year, quarter)}**")
    labels = {"drivers": "Faktor pendorong", "obstacles": "Faktor penghambat", "follow_up": "Tindak lanjut"}
    for name, label in labels.items():
        st.markdown(f"*{label}:* {md_escape(notes[name]) if notes[name] else '—'}")
    if is_web_link(notes["evidence_url"]):
        st.link_button("Buka bukti dukung", notes["evidence_url"], icon=":material/open_in_new:")


MEETING_FONT = 20  # px: read from the back of a meeting room
MEETING_HEIGHT = 760  # px: a chart under its headline on a 1080 px projector screen


def for_screen(figure, meeting: bool):
    """In meeting mode a chart fills a projector's screen, with type readable from the back."""
    if meeting:
        grown = MEETING_FONT / (figure.layout.font.size or MEETING_FONT)  # every line of text grows by as much
        figure.update_layout(
            height=min(max(round((figure.layout.height or 0) * grown), 640), MEETING_HEIGHT),
            font={"size": MEETING_FONT},
            title={"text": ""},  # the screen's headline names the chart, larger
            # room for the 0% tick at the left edge and the axis title below
            margin={"l": 40, "r": 40, "t": 40, "b": 110},
        )
        figure.update_xaxes(title_standoff=24, automargin=True)
    return figure


def chart(figure, key: str, meeting: bool, **selection) -> None:
    """Draw ``figure``; in meeting mode projector-sized and without Streamlit's chart theme, which
    would shrink its axis labels. ``selection``: ``selection_mode`` and ``on_select`` for drill-down."""
    st.plotly_chart(for_screen(figure, meeting), theme=None if meeting else "streamlit", key=key, **selection)


def chart_spec(spec: dict, key: str, meeting: bool, **selection) -> None:
    """Draw a figure kept as its spec (already sized by :func:`for_screen`), built again unchecked."""
    st.plotly_chart(from_spec(spec), theme=None if meeting else "streamlit", key=key, **selection)


FILTERS_LABEL = "Saringan: periode, unit, cabang pohon kinerja, sasaran, IKU"


def view_filters(store: Store, version: int, years: list[int], shared: SharedView | None) -> View:
    """The dashboard's filters (period, unit, pohon kinerja branch, sasaran, IKU only), each bound
    to the link; a read-only link's (``shared``) own filters fixed."""
    # folded under the answer (a phone shows it first) unless the link narrows the view; hidden in
    # meeting mode, still bound to the link
    narrowing = (keys.UNIT, keys.GOAL, keys.DASHBOARD_BRANCH, keys.KEY_ONLY)
    narrowed = any(st.query_params.get(k) or st.session_state.get(k) for k in narrowing)
    unfolded = narrowed or shared is not None
    with st.container(key="saringan"), st.expander(FILTERS_LABEL, unfolded, icon=":material/filter_list:"):
        year, quarter = view_period(years, version, shared)
        units = sorted(unit_codes(store), key=code_key)  # "S2" before "S10", never as text
        goals = dict(sorted(sasaran_codes(store).items(), key=lambda item: code_key(item[1])))  # name → code
        left, middle, right = st.columns([1, 2, 1])
        # bound widgets put the option as shown into the link: options are the words people use
        names = {code: name for name, code in goals.items()}
        unit = filter_select(left, "Unit", units, keys.UNIT, shared and shared.unit, "Semua unit")
        fixed_goal = names.get(shared.goal) if shared and shared.goal else None
        branches = cached_branches(version, year)  # the region's and the office's tujuan in the year's tree
        branch = shared.branch if shared else None
        if branches or branch:
            labels = {code: label for label, code in branches.items()}
            fixed = labels.get(branch, branch) if branch else None
            chosen = filter_select(
                middle, "Cabang pohon kinerja", list(branches), keys.DASHBOARD_BRANCH, fixed, "Seluruh pohon"
            )
            branch = branch or branches.get(chosen)
        goal = goals.get(filter_select(middle, "Sasaran", list(goals), keys.GOAL, fixed_goal, "Semua sasaran"))
        if shared and shared.key_only:
            key_only = right.toggle("Hanya IKU", True, key=f"{keys.KEY_ONLY}_tetap", disabled=True)
        else:
            key_only = right.toggle("Hanya IKU", key=keys.KEY_ONLY, bind="query-params")
    return View(year, quarter, unit, goal, key_only, branch)
