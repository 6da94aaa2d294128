"""Meeting mode as a presentation: one screen at a time, filling a projector's 1920 × 1080, the
period and the data's completeness on each; ← and → (or the buttons) move, and it can advance on
its own. The screens are the page's (views.dasbor_parts.screens)."""

from __future__ import annotations

import time

import streamlit as st

from kinerja.access.roles import current
from kinerja.reporting.screens import next_screen
from kinerja.workflow.meetings import meeting_link, record_meeting
from ui import keys
from ui.resources import get_store
from ui.text import md_escape
from views.dasbor_parts.screens import Board, screens_of

AUTO_SECONDS = 20  # a screen's time when the presentation advances on its own

# type read from the back of a room: headline 40 px, text 32 px, metric values 72 px; the
# filters, the sidebar and Streamlit's header are not shown
STYLE = """<style>
.st-key-saringan, [data-testid="stHeading"]:has(h1), [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
[data-testid="stMainBlockContainer"] {padding-top: 1rem; padding-bottom: 1rem; max-width: 100%;}
.st-key-layar h1 {font-size: 44px;}
.st-key-layar .st-key-judul_layar p {font-size: 40px; font-weight: 700; line-height: 1.2;}
.st-key-layar .st-key-keterangan_layar p {font-size: 28px;}
.st-key-layar [data-testid="stMarkdownContainer"] p, .st-key-layar li {font-size: 32px; line-height: 1.35;}
.st-key-layar [data-testid="stMetricLabel"] p {font-size: 28px;}
.st-key-layar [data-testid="stMetricValue"] p {font-size: 72px; line-height: 1.1;}
.st-key-layar .st-key-navigasi_layar p {font-size: 22px;}
.st-key-layar [data-testid="stMetricDelta"] p {font-size: 26px;}
.st-key-layar [data-testid="stCaptionContainer"] p {font-size: 24px;}
</style>"""


def _move(step: int, count: int) -> None:
    state = st.session_state
    state[keys.MEETING_SCREEN] = next_screen(state.get(keys.MEETING_SCREEN, 0), count, step)
    state[keys.MEETING_SHOWN_AT] = time.monotonic()


def _auto_started() -> None:
    st.session_state[keys.MEETING_SHOWN_AT] = time.monotonic()


def presentation(board: Board) -> None:
    """The meeting's screens, one at a time; a fragment, so moving redraws one screen, not the page.
    A signed-in person's meeting is kept once per session and view (evidence of the leaders' use)."""
    st.html(STYLE)
    _record(board)
    auto = st.session_state.get(keys.MEETING_AUTO, False)
    st.fragment(_screen, run_every=AUTO_SECONDS if auto else None)(board, auto)


def _record(board: Board) -> None:
    link = meeting_link(dict(st.query_params.to_dict()))
    kept = st.session_state.setdefault(keys.MEETING_RECORDED, set())
    if current() is None or link in kept:  # a read-only share link has no person to name
        return
    record_meeting(get_store(), board.view.year, board.view.quarter, link)
    kept.add(link)


def _screen(board: Board, auto: bool) -> None:
    state = st.session_state
    if state.get(keys.MEETING_AUTO, False) != auto:  # switched: the fragment's timer is set by the page
        st.rerun()
    shown = screens_of(board)
    index = state.get(keys.MEETING_SCREEN, 0) % len(shown)
    if auto and time.monotonic() - state.get(keys.MEETING_SHOWN_AT, 0) >= AUTO_SECONDS - 1:
        index = next_screen(index, len(shown))  # the fragment's timer: the next screen
        state[keys.MEETING_SCREEN], state[keys.MEETING_SHOWN_AT] = index, time.monotonic()
    title, draw = shown[index]
    with st.container(key="layar"):
        head, controls = st.columns([3, 2], vertical_alignment="top")
        with head.container(key="judul_layar"):
            st.markdown(f"{md_escape(title)} · {board.period}")
        with head.container(key="keterangan_layar"):
            st.markdown(f"{board.completeness} · layar {index + 1} dari {len(shown)}")
        with controls.container(horizontal=True, horizontal_alignment="right", key="navigasi_layar"):
            # the arrow keys press these buttons
            st.button(
                "Sebelumnya", icon=":material/arrow_back:", shortcut="Left", on_click=_move, args=(-1, len(shown))
            )
            st.button(
                "Berikutnya", icon=":material/arrow_forward:", shortcut="Right", on_click=_move, args=(1, len(shown))
            )
            st.toggle(f"Maju otomatis setiap {AUTO_SECONDS} detik", key=keys.MEETING_AUTO, on_change=_auto_started)
        draw(board)
