"""Who is using this session: the signed-in account (local password or OpenID Connect through
``st.login``), the demo's automatic admin, or a read-only share link; and the checks every page
makes before it shows anything."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st
import streamlit.components.v1 as components

from kinerja.access.accounts import (
    SignInRefused,
    actor_by_email,
    actor_of,
    end_session,
    has_accounts,
    resume_session,
    start_session,
)
from kinerja.access.roles import Action, Actor, current, may_ever, set_actor
from kinerja.access.sharing import SharedView, shared_view
from kinerja.demo import DEMO_ADMIN
from kinerja.storage.config import environment
from ui import keys
from ui.resources import cached_office, data_version, get_store
from ui.session_cookie import COOKIE, ROUTE, SIGNED_OUT, hand_over


def oidc_configured() -> bool:
    """Whether the deployment set up OpenID Connect (an [auth] section in secrets.toml)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no or unreadable secrets: local accounts only
        return False


def _cookie() -> str | None:
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # no browser request behind this session (AppTest)
        return None
    return value if isinstance(value, str) else None


def session_actor() -> Actor | None:
    """The actor of this session, re-read from the database on every run so that a deactivated
    account or a changed role takes effect at once; None when nobody is signed in."""
    store = get_store()
    token = st.session_state.get(keys.SESSION_TOKEN)
    if token is None and not st.session_state.get(keys.SIGNED_OUT):
        cookie = _cookie()
        if cookie == SIGNED_OUT:
            st.session_state[keys.SIGNED_OUT] = True
        elif cookie:
            token = cookie
    if token:
        name = resume_session(store, token)
        if name is None:
            sign_out("Sesi berakhir; silakan masuk lagi.")
            return None
        st.session_state[keys.SESSION_TOKEN] = token
        try:
            return actor_of(store, name)
        except SignInRefused:
            sign_out("Akun Anda tidak aktif lagi.")
            return None
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        try:
            return actor_by_email(store, str(st.user.get("email", "")))
        except SignInRefused as exc:
            st.session_state[keys.SIGN_IN_MESSAGE] = str(exc)
            return None
    settings = cached_office(data_version())
    if settings.demo_loaded and not st.session_state.get(keys.SIGNED_OUT) and not share_token() and local_visitor():
        # a read-only link shows what it shows, demo or not; a visitor from another machine signs in
        try:
            actor = actor_of(store, DEMO_ADMIN)
        except SignInRefused:
            return None
        st.session_state[keys.DEMO_AUTO] = True
        return actor
    return None


_FORWARDING = ("X-Forwarded-For", "Forwarded", "X-Real-Ip", "X-Forwarded-Host", "Via")
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def local_visitor() -> bool:
    """Whether the browser runs on the server's own machine (the demo's automatic admin is only for
    the person trying Kinerja there, and only where `make run` asks for it): connected from
    localhost, to a server it calls localhost, from a page it loaded from localhost, and not through
    a proxy that says it forwards someone else. A proxy on the same machine that says nothing still
    passes on the Host or the Origin its visitor used, which are not localhost."""
    if not environment().demo_auto:
        return False
    try:
        if isinstance(st.context.ip_address, str):  # None from localhost (AppTest gives no address at all)
            return False
        headers = st.context.headers
    except Exception:  # no browser request behind this session (AppTest): the machine itself
        return True
    if any(headers.get(name) for name in _FORWARDING):
        return False
    # a browser always sends Host; none at all is no browser request (AppTest): the machine itself
    host, origin = headers.get("Host"), headers.get("Origin")
    return (host is None or _loopback(host)) and (origin is None or _loopback(urlsplit(origin).netloc))


def _loopback(netloc: str) -> bool:
    """'localhost:8501', '127.0.0.1', '[::1]:8501' → True."""
    host = urlsplit(f"//{netloc}").hostname or ""
    return host in _LOOPBACK


def signed_in(actor: Actor) -> None:
    """A successful sign-in: this session, and the browser's later ones, act as ``actor``."""
    token = start_session(get_store(), actor.name)
    st.session_state[keys.SESSION_TOKEN] = token
    st.session_state[keys.PENDING_COOKIE] = token
    # UPLOAD_PERIOD: Unggah Data opens on the quarter the new account has to fill
    for key in (keys.SIGNED_OUT, keys.DEMO_AUTO, keys.SIGN_IN_MESSAGE, keys.UPLOAD_PERIOD):
        st.session_state.pop(key, None)


def sign_out(message: str | None = None) -> None:
    token = st.session_state.pop(keys.SESSION_TOKEN, None)
    if token:
        end_session(get_store(), token)
    st.session_state.pop(keys.DEMO_AUTO, None)
    st.session_state[keys.SIGNED_OUT] = True
    st.session_state[keys.PENDING_COOKIE] = SIGNED_OUT
    if message:
        st.session_state[keys.SIGN_IN_MESSAGE] = message
    set_actor(None)


def write_cookie() -> None:
    """Hand the browser the cookie of a sign-in or sign-out of the run before (never in the run
    that reruns at once, whose output the browser may not receive): the page posts a one-time code
    to the server, which sets the cookie HttpOnly (ui/session_cookie.py)."""
    value = st.session_state.pop(keys.PENDING_COOKIE, None)
    if value:
        code = hand_over(value)
        components.html(
            "<script>fetch(window.parent.location.origin + '"
            + ROUTE
            + "', {method: 'POST', credentials: 'same-origin', headers: {'X-Kinerja': '1', "
            + "'Content-Type': 'application/json'}, body: JSON.stringify({kode: '"
            + code
            + "'})});</script>",
            height=0,
        )


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
