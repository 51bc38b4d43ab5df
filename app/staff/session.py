"""The operational store as a Streamlit resource, the client key, and staff log-in.

Log-in is a real password check (argon2 via :func:`operations.auth.authenticate`), rate-limited
per client and per username; the session keeps only the user id, and every run re-reads the user so
a deactivated account or a changed role takes effect at once. Roles are enforced again inside every
service call, so a page that forgot a check still cannot act beyond the role.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import streamlit as st
from sqlalchemy import select

from app.navigation import ROLES_KEY
from app.staff.labels import bilingual_pick, tr
from bootstrap.setup import ensure_operational_store
from operations import ratelimit
from operations.auth import Principal, authenticate, principal_of
from operations.clock import utc_now
from operations.db import Store
from operations.errors import OperationsError, ValidationFailed
from operations.models import User
from settings import load_settings

log = logging.getLogger(__name__)

USER_KEY = "ops_user_id"
LOGIN_AT_KEY = "ops_login_at"
CLIENT_KEY = "ops_client_key"
SESSION_HOURS = 8


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    ensure_operational_store(url)
    return Store(url)


def store() -> Store:
    """The operational store of this process (migrated and seeded on first use)."""
    return _store(load_settings().operational_url)


def client_key() -> str:
    """Who is asking, for rate limits: the client IP when known, else this browser session."""
    ip = None
    try:
        ip = st.context.ip_address
    except AttributeError:  # pragma: no cover - older Streamlit
        ip = None
    if isinstance(ip, str) and ip:
        return "ip:" + hashlib.sha256(ip.encode()).hexdigest()[:32]
    if CLIENT_KEY not in st.session_state:
        st.session_state[CLIENT_KEY] = "session:" + uuid.uuid4().hex
    return str(st.session_state[CLIENT_KEY])


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


def current_principal() -> Principal | None:
    user_id = st.session_state.get(USER_KEY)
    login_at = st.session_state.get(LOGIN_AT_KEY)
    if user_id is None or login_at is None:
        return None
    if utc_now() - login_at > timedelta(hours=SESSION_HOURS):
        sign_out()
        return None
    with store().read() as session:
        user = session.scalars(select(User).where(User.user_id == user_id)).first()
        if user is None or not user.is_active:
            sign_out()
            return None
        return principal_of(user)


def sign_out() -> None:
    for key in (USER_KEY, LOGIN_AT_KEY):
        st.session_state.pop(key, None)
    st.session_state[ROLES_KEY] = []


def _login_form() -> None:
    st.subheader(tr("login_title"))
    with st.form("ops_login", clear_on_submit=False):
        username = st.text_input(tr("username"), max_chars=60, key="ops_login_username")
        password = st.text_input(
            tr("password"), type="password", max_chars=200, key="ops_login_password"
        )
        submitted = st.form_submit_button(tr("sign_in"), type="primary")
    if not submitted:
        return
    now = utc_now()
    try:
        with store().write() as session:
            ratelimit.hit(session, ratelimit.LOGIN, client_key(), now)
            ratelimit.hit(session, ratelimit.LOGIN, "user:" + username.strip().lower(), now)
        with store().read() as session:
            principal = authenticate(session, username, password)
    except OperationsError as error:
        log.info("staff sign-in refused")
        show_error(error)
        return
    st.session_state[USER_KEY] = principal.user_id
    st.session_state[LOGIN_AT_KEY] = now
    st.session_state[ROLES_KEY] = [principal.role]
    st.rerun()


def _change_password_form(principal: Principal) -> None:
    from operations.accounts import change_own_password, must_change_password

    flagged = must_change_password(store(), principal)
    if flagged:
        st.warning(tr("change_password_now"))
    with st.expander(tr("change_password"), expanded=flagged), st.form("ops_change_password"):
        current = st.text_input(tr("password"), type="password", key="ops_pw_current")
        new = st.text_input(tr("new_password"), type="password", key="ops_pw_new")
        if st.form_submit_button(tr("change_password")):
            with action():
                change_own_password(store(), principal, current, new, utc_now())
                st.success(tr("done"))


def require_staff(*roles: str) -> Principal | None:
    """The signed-in principal when it has one of ``roles``; otherwise show log-in or a notice."""
    principal = current_principal()
    if principal is None:
        _login_form()
        return None
    with st.sidebar:
        st.caption(tr("signed_in_as", user=principal.username, role=principal.role))
        if st.button(tr("sign_out"), key="ops_sign_out"):
            sign_out()
            st.rerun()
        _change_password_form(principal)
    if principal.role not in roles:
        st.warning(tr("wrong_role", roles=", ".join(roles)))
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
