"""The session cookie, set by the server with HttpOnly (scripts in the page cannot read it).

A Streamlit script runs over a websocket and cannot answer with a Set-Cookie header. So a sign-in
(or sign-out) hands the cookie's value to a one-time code, valid for a minute, held in this
process; the page posts the code to Kinerja's own route ``/_kinerja/sesi`` (``serve.py`` mounts it
beside Streamlit with ``st.App``), which answers with the cookie: HttpOnly, SameSite=Strict, and
Secure when the request came over HTTPS. The value never passes through the page's scripts."""

from __future__ import annotations

import secrets
import threading
import time

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

COOKIE = "kinerja_sesi"  # the session token, so that a reload or a new tab stays signed in
SIGNED_OUT = "keluar"  # the cookie's value after signing out: the demo's automatic admin stays away
ROUTE = "/_kinerja/sesi"
_VALID_FOR = 60.0  # seconds a code may wait for the page to post it
_codes: dict[str, tuple[str, float]] = {}  # code → (cookie value, monotonic deadline)
_lock = threading.Lock()


def hand_over(value: str) -> str:
    """A one-time code the page exchanges for the cookie ``value``."""
    code = secrets.token_urlsafe(24)
    now = time.monotonic()
    with _lock:
        for stale in [c for c, (_, deadline) in _codes.items() if deadline < now]:
            del _codes[stale]
        _codes[code] = (value, now + _VALID_FOR)
    return code


def _take(code: object) -> str | None:
    if not isinstance(code, str):
        return None
    with _lock:
        found = _codes.pop(code, None)
    return found[0] if found and found[1] >= time.monotonic() else None


async def set_cookie(request: Request) -> JSONResponse:
    """Exchange a code for the cookie. The custom header makes a cross-site form or image unable to
    call it (a browser asks the server first, and this server does not allow other origins)."""
    if request.headers.get("x-kinerja") != "1":
        return JSONResponse({"galat": "permintaan tidak sah"}, status_code=403)
    try:
        body = await request.json()
    except ValueError:
        body = {}
    value = _take(body.get("kode") if isinstance(body, dict) else None)
    if value is None:
        return JSONResponse({"galat": "kode tidak berlaku"}, status_code=404)
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    age = 365 * 24 * 60 * 60 if value == SIGNED_OUT else 12 * 60 * 60  # the session itself expires sooner
    response = JSONResponse({"ok": True})
    response.set_cookie(COOKIE, value, max_age=age, path="/", httponly=True, samesite="strict", secure=secure)
    return response


ROUTES = [Route(ROUTE, set_cookie, methods=["POST"])]
