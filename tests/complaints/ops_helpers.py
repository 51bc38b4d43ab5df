"""Helpers shared by the operational tests (imported by name: the folder is on sys.path)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from complaints.intake import Receipt, submit_complaint
from complaints.validation import SubmissionInput
from operations.auth import Principal, principal_of
from operations.db import Store
from operations.models import User

T0 = datetime(2025, 1, 6, 2, 0)  # a Monday, 09:00 in Bangkok


def demo_users_ready(url: str) -> dict[str, str]:
    """The demo users of a new store, each having replaced the one-time password (as they must
    first); returns username -> current password."""
    from bootstrap.setup import create_demo_users
    from operations.accounts import change_own_password

    one_time = create_demo_users(url)
    store = Store(url)
    passwords = {}
    try:
        for username, password in one_time.items():
            passwords[username] = f"{password}-changed"
            change_own_password(
                store, principal(store, username), password, passwords[username], T0
            )
    finally:
        store.dispose()
    return passwords


def principal(store: Store, username: str) -> Principal:
    with store.read() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        return principal_of(user)


def road_report(**changes: object) -> SubmissionInput:
    """A valid report in Pak Phriao (Mueang Saraburi), routed to lgo_1901."""
    values: dict[str, object] = {
        "category_code": "road_footpath",
        "description": "ถนนหน้าวัดเป็นหลุมลึก รถจักรยานยนต์ล้มบ่อย",
        "amphoe_code": "1901",
        "tambon_code": "190101",
        "village_no": 3,
        "latitude": 14.5300,
        "longitude": 100.9100,
        "contact_name": "สมชาย ใจดี",
        "contact_phone": "081-234-5678",
        "contact_line_id": "somchai_99",
        "consent": True,
    }
    values.update(changes)
    return SubmissionInput(**values)  # type: ignore[arg-type]


def submit(store: Store, at: datetime = T0, client: str = "client-1", **changes: object) -> Receipt:
    return submit_complaint(store, road_report(**changes), str(uuid.uuid4()), client, at)
