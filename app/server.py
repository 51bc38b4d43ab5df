"""The app's web server: ``streamlit run app/server.py`` (what ``saraburi serve`` runs).

Streamlit serves ``streamlit_app.py`` through Starlette (``st.App``); this module adds one ASGI
middleware in front of it:

- every HTML page response that comes without it sets the staff session cookie
  (``operations.sessions.SESSION_COOKIE``): a random secret, ``HttpOnly; Secure; SameSite=Lax``,
  with the ``__Host-`` prefix (this origin only, no sub-domain can set it). The Streamlit script
  reads it from ``st.context.cookies`` and resumes the server-side session bound to it
  (``operations.sessions``), so staff stay signed in across reloads and new tabs. JavaScript never
  sees it. Why a cookie set by the server and not by a component: see ``docs/security.md``.
- security headers on every response (anti-framing, no MIME sniffing, no referrer leaks), also
  when no reverse proxy adds them;
- ``/_stcore/metrics`` answers 404 to anyone but this machine.
"""

from __future__ import annotations

import secrets
from http.cookies import SimpleCookie
from typing import Any

import streamlit as st
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from operations.sessions import SESSION_COOKIE

COOKIE_MAX_AGE = 30 * 24 * 3600  # the browser's key; each sign-in on it lasts 8 hours at most
SECURITY_HEADERS = {
    "content-security-policy": "frame-ancestors 'self'",
    "x-frame-options": "SAMEORIGIN",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(self)",
}
_LOCAL = {"127.0.0.1", "::1"}


def session_cookie_header(secret: str) -> str:
    return (
        f"{SESSION_COOKIE}={secret}; Path=/; Max-Age={COOKIE_MAX_AGE}; Secure; HttpOnly; "
        "SameSite=Lax"
    )


class SecurityMiddleware:
    """Pure ASGI (WebSockets pass through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].endswith("/_stcore/metrics") and _client_host(scope) not in _LOCAL:
            await _not_found(send)
            return
        has_cookie = SESSION_COOKIE in _cookies(scope)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if not has_cookie and headers.get("content-type", "").startswith("text/html"):
                    headers.append("set-cookie", session_cookie_header(secrets.token_urlsafe(32)))
            await send(message)

        await self.app(scope, receive, with_headers)


def _client_host(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else ""


def _cookies(scope: Scope) -> dict[str, Any]:
    raw = b"; ".join(value for name, value in scope.get("headers", []) if name == b"cookie")
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw.decode("latin-1"))
    except Exception:  # a malformed Cookie header: treat as none
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


async def _not_found(send: Send) -> None:
    await send({"type": "http.response.start", "status": 404, "headers": []})
    await send({"type": "http.response.body", "body": b""})


app = st.App("streamlit_app.py", middleware=[Middleware(SecurityMiddleware)])
