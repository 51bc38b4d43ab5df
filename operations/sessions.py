"""Staff sign-in sessions kept in the operational store.

The browser holds a random secret (an ``HttpOnly; Secure; SameSite=Lax`` cookie set by the app's
server, see ``app/server.py``); the store keeps only its SHA-256, with the user, an absolute expiry
(:data:`SESSION_HOURS`) and an idle timeout (:data:`IDLE_MINUTES`). Every page run resumes the
session from the secret, so a reload or a new tab stays signed in; signing out, deactivating the
account or changing its password revokes it, and the service layer refuses a revoked session
(:func:`operations.auth.require_role`).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from operations import throttle
from operations.audit import record
from operations.auth import Principal, authenticate, principal_of
from operations.clock import as_naive_utc
from operations.db import Store
from operations.errors import AuthenticationFailed
from operations.models import StaffSession, User

log = logging.getLogger(__name__)

SESSION_COOKIE = "__Host-saraburi_staff"  # the browser's secret, set by the app's server
SESSION_HOURS = 8
IDLE_MINUTES = 30
_TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most once a minute


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(("staff-session:" + secret).encode()).hexdigest()


def sign_in(
    store: Store, username: str, password: str, client_key: str, secret: str, now: datetime
) -> Principal:
    """Check the password (throttled, see :mod:`operations.throttle`) and open a session.

    ``secret`` is what the browser will present on its next visits; any earlier session under the
    same secret (another user on this browser) is closed first.
    """
    now = as_naive_utc(now)
    keys = throttle.throttle_keys(username, client_key)
    with store.write() as session:
        throttle.check(session, keys, now)
        throttle.failed(session, keys, now)  # counted before the check: parallel tries count too
    with store.read() as session:
        try:
            principal = authenticate(session, username, password)
        except AuthenticationFailed:
            log.info("staff sign-in refused")
            raise
    with store.write() as session:
        throttle.succeeded(session, keys)
    with store.write() as session:
        digest = secret_hash(secret)
        session.execute(delete(StaffSession).where(StaffSession.token_hash == digest))
        row = StaffSession(
            token_hash=digest,
            user_id=principal.user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=SESSION_HOURS),
        )
        session.add(row)
        session.flush()
        principal = _with_session(principal, row.session_id)
        record(session, principal, "session.sign_in", "user", principal.user_id, None, None, now)
    return principal


def resume(store: Store, secret: str, now: datetime) -> Principal | None:
    """The principal of a live session for ``secret``; None (and the session closed) otherwise."""
    now = as_naive_utc(now)
    digest = secret_hash(secret)
    with store.read() as session:
        row = session.scalars(
            select(StaffSession).where(
                StaffSession.token_hash == digest, StaffSession.revoked_at.is_(None)
            )
        ).first()
        user = session.get(User, row.user_id) if row is not None else None
        if row is None or user is None:
            return None
        ended = (
            not user.is_active
            or now >= row.expires_at
            or now - row.last_seen_at > timedelta(minutes=IDLE_MINUTES)
        )
        stale = now - row.last_seen_at >= _TOUCH_EVERY
        principal = _with_session(principal_of(user), row.session_id)
    if ended:
        _revoke(store, digest, now)
        return None
    if stale:
        with store.write() as session:
            session.execute(
                update(StaffSession)
                .where(StaffSession.session_id == principal.session_id)
                .values(last_seen_at=now)
            )
    return principal


def sign_out(store: Store, principal: Principal, now: datetime) -> None:
    now = as_naive_utc(now)
    with store.write() as session:
        session.execute(
            update(StaffSession)
            .where(StaffSession.session_id == principal.session_id)
            .values(revoked_at=now)
        )
        if principal.user_id is not None:
            record(
                session, principal, "session.sign_out", "user", principal.user_id, None, None, now
            )


def revoke_user_sessions(
    session: Session, user_id: int, now: datetime, keep: int | None = None
) -> None:
    """Close the open sessions of a user (deactivation, password change or reset) but ``keep``."""
    session.execute(
        update(StaffSession)
        .where(
            StaffSession.user_id == user_id,
            StaffSession.revoked_at.is_(None),
            StaffSession.session_id != (keep if keep is not None else -1),
        )
        .values(revoked_at=now)
    )


def _revoke(store: Store, digest: str, now: datetime) -> None:
    with store.write() as session:
        session.execute(
            update(StaffSession)
            .where(StaffSession.token_hash == digest, StaffSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )


def _with_session(principal: Principal, session_id: int) -> Principal:
    return Principal(
        principal.user_id, principal.username, principal.role, principal.agency_code, session_id
    )
