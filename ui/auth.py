"""Who is using this session: the signed-in account (local password or OpenID Connect through
``st.login``), the demo's automatic admin, or a read-only share link; and the checks every page
makes before it shows anything."""

from __future__ import annotations

import time

import streamlit as st

from kinerja.access import Action, Actor, current, may_ever, set_actor
from kinerja.accounts import SignInRefused, actor_by_email, actor_of, has_accounts
from kinerja.demo import DEMO_ADMIN
from kinerja.sharing import SharedView, shared_view
from ui import keys
from ui.resources import cached_settings, data_version, get_store

IDLE_SECONDS = 60 * 60  # a session unused for an hour must sign in again
MAX_SECONDS = 12 * 60 * 60  # and every session after twelve hours


def oidc_configured() -> bool:
    """Whether the deployment set up OpenID Connect (an [auth] section in secrets.toml)."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False
    except Exception:  # unreadable secrets: local accounts only
        return False


def _expired(started: float, seen: float) -> bool:
    now = time.time()
    return now - seen > IDLE_SECONDS or now - started > MAX_SECONDS


def session_actor() -> Actor | None:
    """The actor of this session, re-read from the database on every run so that a deactivated
    account or a changed role takes effect at once; None when nobody is signed in."""
    store = get_store()
    signed = st.session_state.get(keys.SIGNED_IN)
    if signed:
        name, started, seen = signed
        if _expired(started, seen):
            sign_out("Sesi berakhir; silakan masuk lagi.")
            return None
        try:
            actor = actor_of(store, name)
        except SignInRefused:
            sign_out("Akun Anda tidak aktif lagi.")
            return None
        st.session_state[keys.SIGNED_IN] = (name, started, time.time())
        return actor
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        try:
            actor = actor_by_email(store, str(st.user.get("email", "")))
        except SignInRefused as exc:
            st.session_state[keys.SIGN_IN_MESSAGE] = str(exc)
            return None
        _start(actor.name)
        return actor
    settings = cached_settings(data_version())
    if settings.demo_loaded and not st.session_state.get(keys.SIGNED_OUT):
        try:
            actor = actor_of(store, DEMO_ADMIN)
        except SignInRefused:
            return None
        _start(actor.name)
        st.session_state[keys.DEMO_AUTO] = True
        return actor
    return None


def _start(name: str) -> None:
    now = time.time()
    st.session_state[keys.SIGNED_IN] = (name, now, now)


def signed_in(actor: Actor) -> None:
    """A successful sign-in: this session acts as ``actor`` from now on."""
    _start(actor.name)
    st.session_state.pop(keys.SIGNED_OUT, None)
    st.session_state.pop(keys.DEMO_AUTO, None)
    st.session_state.pop(keys.SIGN_IN_MESSAGE, None)


def sign_out(message: str | None = None) -> None:
    st.session_state.pop(keys.SIGNED_IN, None)
    st.session_state.pop(keys.DEMO_AUTO, None)
    st.session_state[keys.SIGNED_OUT] = True
    if message:
        st.session_state[keys.SIGN_IN_MESSAGE] = message
    set_actor(None)


def share_token() -> str | None:
    return st.query_params.get(keys.SHARE_TOKEN)


def current_shared_view() -> SharedView | None:
    token = share_token()
    return shared_view(get_store(), token) if token else None


def start_run() -> tuple[Actor | None, SharedView | None]:
    """At the top of every script run: who this session is, made the current actor for every
    write of the run, and the share link it came through (if any)."""
    actor = session_actor()
    set_actor(actor)
    shared = current_shared_view() if actor is None else None
    return actor, shared


def page_allows(action: Action) -> Actor:
    """Stop the page unless the session's actor may do ``action``: a crafted URL to a page the
    navigation does not offer still shows nothing."""
    actor = current()
    if not may_ever(actor, action):
        st.error("Anda tidak berwenang membuka halaman ini.", icon=":material/block:")
        st.stop()
    return actor  # type: ignore[return-value]


def first_run() -> bool:
    return not has_accounts(get_store())
