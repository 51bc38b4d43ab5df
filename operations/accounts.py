"""Staff accounts and agencies: users, roles, passwords (admins only, all audited)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from operations.audit import record
from operations.auth import (
    STAFF_ROLES,
    Principal,
    check_password_strength,
    hash_password,
    new_password,
    require_role,
    verify_password,
)
from operations.clock import as_naive_utc
from operations.db import Store
from operations.errors import (
    AuthenticationFailed,
    FieldError,
    NotFound,
    OperationsError,
    ValidationFailed,
)
from operations.models import Agency, User
from operations.sessions import revoke_user_sessions

_USERNAME = re.compile(r"^[a-z0-9_.-]{3,60}$")
_AGENCY_CODE = re.compile(r"^[a-z0-9_]{2,40}$")
ROLES = ("officer", "executive", "admin")


@dataclass(frozen=True)
class UserRow:
    user_id: int
    username: str
    role: str
    agency_code: str | None
    display_name: str
    is_active: bool


def list_users(store: Store, actor: Principal) -> list[UserRow]:
    with store.read() as session:
        require_role(session, actor, "admin")
        return [
            UserRow(u.user_id, u.username, u.role, u.agency_code, u.display_name, u.is_active)
            for u in session.scalars(select(User).order_by(User.username))
        ]


def create_user(
    store: Store,
    actor: Principal,
    username: str,
    role: str,
    now: datetime,
    agency_code: str | None = None,
    display_name: str = "",
    password: str | None = None,
) -> str:
    """Create a user; returns the password (random when not given), shown once."""
    username = username.strip().lower()
    errors = []
    if not _USERNAME.match(username):
        errors.append(
            FieldError("username", "ชื่อผู้ใช้ 3-60 ตัว a-z 0-9 _ . -", "username: 3-60 of a-z 0-9 _ . -")
        )
    if role not in ROLES:
        errors.append(FieldError("role", "บทบาทไม่ถูกต้อง", "unknown role"))
    if role == "officer" and not agency_code:
        errors.append(FieldError("agency", "เจ้าหน้าที่ต้องสังกัดหน่วยงาน", "an officer needs an agency"))
    if errors:
        raise ValidationFailed(errors)
    secret = password or new_password()
    check_password_strength(secret)
    now = as_naive_utc(now)
    with store.write() as session:
        require_role(session, actor, "admin")
        if session.scalars(select(User).where(User.username == username)).first() is not None:
            raise OperationsError("มีชื่อผู้ใช้นี้แล้ว", "the username is taken")
        if agency_code and session.get(Agency, agency_code) is None:
            raise NotFound("ไม่พบหน่วยงาน", "agency not found")
        user = User(
            username=username,
            password_hash=hash_password(secret),
            role=role,
            agency_code=agency_code if role == "officer" else agency_code or None,
            display_name=display_name.strip()[:120],
            is_active=True,
            must_change_password=password is None,
            created_at=now,
        )
        session.add(user)
        session.flush()
        record(
            session,
            actor,
            "user.create",
            "user",
            user.user_id,
            None,
            {"username": username, "role": role, "agency_code": user.agency_code},
            now,
        )
    return secret


def set_user_active(
    store: Store, actor: Principal, user_id: int, active: bool, now: datetime
) -> None:
    now = as_naive_utc(now)
    with store.write() as session:
        require_role(session, actor, "admin")
        user = session.get(User, user_id)
        if user is None:
            raise NotFound()
        if user.user_id == actor.user_id and not active:
            raise OperationsError("ปิดบัญชีของตนเองไม่ได้", "you cannot deactivate yourself")
        before = {"is_active": user.is_active}
        user.is_active = active
        if not active:
            revoke_user_sessions(session, user_id, now)
        record(
            session, actor, "user.set_active", "user", user_id, before, {"is_active": active}, now
        )


def reset_password(store: Store, actor: Principal, user_id: int, now: datetime) -> str:
    now = as_naive_utc(now)
    secret = new_password()
    with store.write() as session:
        require_role(session, actor, "admin")
        user = session.get(User, user_id)
        if user is None:
            raise NotFound()
        user.password_hash = hash_password(secret)
        user.must_change_password = True
        revoke_user_sessions(session, user_id, now)
        record(
            session, actor, "user.reset_password", "user", user_id, None, {"password": "reset"}, now
        )
    return secret


def upsert_agency(
    store: Store,
    actor: Principal,
    agency_code: str,
    name_th: str,
    name_en: str,
    kind: str,
    now: datetime,
    active: bool = True,
) -> None:
    if (
        not _AGENCY_CODE.match(agency_code)
        or not name_th.strip()
        or kind not in {"lao", "district", "provincial"}
    ):
        raise ValidationFailed(
            [
                FieldError(
                    "agency", "รหัส/ชื่อ/ประเภทหน่วยงานไม่ถูกต้อง", "invalid agency code, name or kind"
                )
            ]
        )
    now = as_naive_utc(now)
    with store.write() as session:
        require_role(session, actor, "admin")
        agency = session.get(Agency, agency_code)
        before = None
        if agency is None:
            agency = Agency(agency_code=agency_code, created_at=now)
            session.add(agency)
        else:
            before = {
                "name_th": agency.name_th,
                "name_en": agency.name_en,
                "kind": agency.kind,
                "is_active": agency.is_active,
            }
        agency.name_th, agency.name_en, agency.kind, agency.is_active = (
            name_th.strip(),
            name_en.strip(),
            kind,
            active,
        )
        after = {
            "name_th": agency.name_th,
            "name_en": agency.name_en,
            "kind": kind,
            "is_active": active,
        }
        record(session, actor, "agency.upsert", "agency", agency_code, before, after, now)


def list_agencies(store: Store) -> list[Agency]:
    with store.read() as session:
        return list(session.scalars(select(Agency).order_by(Agency.agency_code)))


def change_own_password(
    store: Store, actor: Principal, current: str, new: str, now: datetime
) -> None:
    """Any staff member replaces their own password (the one-time one first of all).

    Every other session of the account is closed; the one the change was made in stays open.
    """
    check_password_strength(new)
    now = as_naive_utc(now)
    with store.write() as session:
        require_role(session, actor, *STAFF_ROLES, password_change=True)
        user = session.get(User, actor.user_id)
        if user is None or not verify_password(user.password_hash, current):
            raise AuthenticationFailed()
        if current == new:
            raise OperationsError("รหัสผ่านใหม่ต้องไม่ซ้ำของเดิม", "the new password must differ")
        user.password_hash = hash_password(new)
        user.must_change_password = False
        revoke_user_sessions(session, user.user_id, now, keep=actor.session_id)
        record(
            session,
            actor,
            "user.change_password",
            "user",
            user.user_id,
            None,
            {"password": "changed"},
            now,
        )


def must_change_password(store: Store, actor: Principal) -> bool:
    with store.read() as session:
        user = session.get(User, actor.user_id)
        return bool(user and user.must_change_password)
