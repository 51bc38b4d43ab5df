"""Who is acting: password hashing (argon2id), log-in, roles, and the permission checks."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from operations.errors import AuthenticationFailed, PermissionDenied
from operations.models import User

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


def require_role(actor: Principal, *roles: str) -> None:
    if actor.role not in roles:
        raise PermissionDenied(f"role {actor.role} cannot do this")


def require_agency(actor: Principal, agency_code: str | None) -> None:
    """Officers act only on their own agency's cases."""
    require_role(actor, "officer")
    if actor.agency_code is None or actor.agency_code != agency_code:
        raise PermissionDenied("a case of another agency")


def sees_personal_data(actor: Principal, agency_code: str | None) -> bool:
    """Only officers of the case's agency see the reporter's contact details."""
    return (
        actor.role == "officer"
        and actor.agency_code is not None
        and actor.agency_code == agency_code
    )
