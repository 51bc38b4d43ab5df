"""Who is acting: password hashing (argon2id), log-in, roles, and the permission checks.

Every service checks its actor with :func:`require_role` or :func:`require_agency` inside its own
transaction. For staff that is more than the role the page passed in: the account must still be
active with the same role and agency, its one-time password must have been changed, and the sign-in
session (when there is one) must not have been revoked or have expired. So a deactivated officer,
a changed role or a flagged account stops working at once, whatever a page forgot to check.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from operations.errors import (
    AuthenticationFailed,
    PasswordChangeRequired,
    PermissionDenied,
    SessionEnded,
)
from operations.models import StaffSession, User

Role = Literal["public", "officer", "executive", "admin"]
STAFF_ROLES: Final[tuple[Role, ...]] = ("officer", "executive", "admin")
MIN_PASSWORD_CHARS = 12


@dataclass(frozen=True)
class Principal:
    """The actor of a service call: a logged-in user, the public, or the system (jobs)."""

    user_id: int | None
    username: str
    role: Role | Literal["system"]
    agency_code: str | None = None
    session_id: int | None = None  # the staff sign-in session this actor acts through


PUBLIC: Final = Principal(None, "public", "public")
SYSTEM: Final = Principal(None, "system", "system")


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id, RFC 9106 low-memory profile


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hasher().hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_password() -> str:
    """A random one-time password (about 96 bits)."""
    return secrets.token_urlsafe(12)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise PermissionDenied(f"passwords need at least {MIN_PASSWORD_CHARS} characters")


def authenticate(session: Session, username: str, password: str) -> Principal:
    """The principal for a correct username and password; :class:`AuthenticationFailed` otherwise.

    An unknown user costs the same argon2 verification as a known one (no user enumeration).
    """
    user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
    if user is None or not user.is_active:
        verify_password(_dummy_hash(), password)
        raise AuthenticationFailed()
    if not verify_password(user.password_hash, password):
        raise AuthenticationFailed()
    return principal_of(user)


def principal_of(user: User) -> Principal:
    role: Role = user.role  # type: ignore[assignment]
    return Principal(user.user_id, user.username, role, user.agency_code)


def require_role(
    session: Session, actor: Principal, *roles: str, password_change: bool = False
) -> None:
    """``actor`` has one of ``roles`` and, for staff, an account in good standing right now."""
    if actor.role not in roles:
        raise PermissionDenied(f"role {actor.role} cannot do this")
    if actor.role in STAFF_ROLES:
        _check_account(session, actor, password_change)


def _check_account(session: Session, actor: Principal, password_change: bool) -> None:
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    if (
        user is None
        or not user.is_active
        or user.role != actor.role
        or user.agency_code != actor.agency_code
    ):
        raise SessionEnded()
    if actor.session_id is not None:
        staff_session = session.get(StaffSession, actor.session_id)
        if (
            staff_session is None
            or staff_session.user_id != user.user_id
            or staff_session.revoked_at is not None
        ):
            raise SessionEnded()
    if user.must_change_password and not password_change:
        raise PasswordChangeRequired()


def require_agency(session: Session, actor: Principal, agency_code: str | None) -> None:
    """Officers act only on their own agency's cases."""
    require_role(session, actor, "officer")
    if actor.agency_code is None or actor.agency_code != agency_code:
        raise PermissionDenied("a case of another agency")


def sees_personal_data(actor: Principal, agency_code: str | None) -> bool:
    """Only officers of the case's agency see the reporter's contact details."""
    return (
        actor.role == "officer"
        and actor.agency_code is not None
        and actor.agency_code == agency_code
    )
