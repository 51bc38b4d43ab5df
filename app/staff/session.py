"""The operational store as a Streamlit resource, the client key, and staff sign-in.

Sign-in is a real password check with backoff (:func:`operations.sessions.sign_in`); it opens a
server-side session bound to the browser's ``HttpOnly`` session cookie (set by ``app/server.py``),
so a reload or a new tab resumes it. Without the cookie (tests, plain HTTP) the session is bound to
a secret kept in this tab's session state instead. Every run resumes the session from the store, so
sign-out, expiry, a deactivated account or a changed password take effect at once; roles are
enforced again inside every service call.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from app.navigation import ROLES_KEY, home_of, page_by_url, title_of
from app.staff.labels import bilingual_pick, tr
from bootstrap.setup import ensure_operational_store
from operations import sessions
from operations.accounts import change_own_password, must_change_password
from operations.auth import Principal
from operations.clients import client_key as key_of_address
from operations.clock import utc_now
from operations.db import Store
from operations.errors import OperationsError, ValidationFailed
from settings import load_settings

log = logging.getLogger(__name__)

TAB_SECRET_KEY = "ops_tab_secret"  # noqa: S105 (a session-state key)
PRINCIPAL_KEY = "ops_principal"
ROLE_NAMES = {
    "officer": ("เจ้าหน้าที่", "officers"),
    "executive": ("ผู้บริหาร", "executives"),
    "admin": ("ผู้ดูแลระบบ", "administrators"),
}


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    ensure_operational_store(url)
    return Store(url)


def store() -> Store:
    """The operational store of this process (migrated and seeded on first use)."""
    return _store(load_settings().operational_url)


def client_key() -> str:
    """Who is asking, for rate limits: the client's address (never this browser session)."""
    try:
        address = st.context.ip_address
    except Exception:  # no client context (bare script run)
        address = None
    return key_of_address(address if isinstance(address, str) else None)


def show_error(error: OperationsError) -> None:
    """Thai first, English second, as plain text (never Markdown)."""
    if isinstance(error, ValidationFailed):
        for item in error.errors:
            st.error(bilingual_pick(item.message_th, item.message_en), icon=":material/error:")
    else:
        st.error(bilingual_pick(error.message_th, error.message_en), icon=":material/error:")


@contextmanager
def action() -> Iterator[None]:
    """Run a service call, showing domain errors to the person instead of a traceback."""
    try:
        yield
    except OperationsError as error:
        show_error(error)


def _secret() -> str:
    """The browser's session cookie, or (without one) a secret for this tab only."""
    try:
        cookie = st.context.cookies.get(sessions.SESSION_COOKIE)
    except Exception:  # no client context (bare script run)
        cookie = None
    if isinstance(cookie, str) and cookie:
        return cookie
    if TAB_SECRET_KEY not in st.session_state:
        st.session_state[TAB_SECRET_KEY] = sessions.new_secret()
    return str(st.session_state[TAB_SECRET_KEY])


def current_principal() -> Principal | None:
    """The signed-in staff member of this browser, resumed from the store on every run."""
    principal = sessions.resume(store(), _secret(), utc_now())
    st.session_state[PRINCIPAL_KEY] = principal
    st.session_state[ROLES_KEY] = [principal.role] if principal else []
    return principal


def sign_out(principal: Principal) -> None:
    sessions.sign_out(store(), principal, utc_now())
    st.session_state[PRINCIPAL_KEY] = None
    st.session_state[ROLES_KEY] = []


def login_form() -> None:
    st.subheader(tr("login_title"))
    with st.form("ops_login", clear_on_submit=False):
        username = st.text_input(tr("username"), max_chars=60, key="ops_login_username")
        password = st.text_input(
            tr("password"), type="password", max_chars=200, key="ops_login_password"
        )
        submitted = st.form_submit_button(tr("sign_in"), type="primary")
    if not submitted:
        return
    try:
        principal = sessions.sign_in(
            store(), username, password, client_key(), _secret(), utc_now()
        )
    except OperationsError as error:
        show_error(error)
        return
    st.session_state[ROLES_KEY] = [principal.role]
    st.rerun()


def change_password_form(principal: Principal, expanded: bool) -> None:
    with st.expander(tr("change_password"), expanded=expanded), st.form("ops_change_password"):
        current = st.text_input(tr("password"), type="password", key="ops_pw_current")
        new = st.text_input(tr("new_password"), type="password", key="ops_pw_new")
        if st.form_submit_button(
            tr("change_password"), type="primary" if expanded else "secondary"
        ):
            with action():
                change_own_password(store(), principal, current, new, utc_now())
                flash(tr("done"))
                st.rerun()


def account_sidebar(principal: Principal) -> None:
    with st.sidebar:
        st.caption(tr("signed_in_as", user=principal.username, role=role_name(principal.role)))
        if st.button(tr("sign_out"), key="ops_sign_out"):
            sign_out(principal)
            st.rerun()


def role_name(role: str) -> str:
    th, en = ROLE_NAMES.get(role, (role, role))
    return bilingual_pick(th, en)


def require_staff(*roles: str) -> Principal | None:
    """The signed-in principal when it has one of ``roles``; otherwise the sign-in form, the
    one-time password change, or a notice pointing to the person's own workspace."""
    principal = current_principal()
    if principal is None:
        login_form()
        return None
    account_sidebar(principal)
    if must_change_password(store(), principal):
        st.warning(tr("change_password_now"), icon=":material/password:")
        change_password_form(principal, expanded=True)
        return None
    if principal.role not in roles:
        st.warning(tr("wrong_role", roles=", ".join(role_name(r) for r in roles)))
        home = home_of(principal.role)
        if home is not None:
            st.info(tr("your_workspace_is", page=title_of(page_by_url(home))))
        return None
    return principal


FLASH_KEY = "ops_flash"


def flash(message: str) -> None:
    """A confirmation shown once on the next run (survives ``st.rerun``)."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(str(message), icon=":material/check_circle:")
