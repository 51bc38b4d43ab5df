"""Set-up of the operational store for every domain: migrate, load the seeds, demo users.

``ensure_operational_store(url)`` is safe to run on every start: it migrates to the latest
revision and adds seed rows that are missing (it never overwrites what admins changed).
``create_demo_users(url)`` creates the demo officer, executive and admin with random one-time
passwords and returns them, to be printed once; passwords are never hard-coded anywhere.
"""

from __future__ import annotations

from sqlalchemy import select

from complaints.setup import load_complaint_seeds
from operations.audit import record
from operations.auth import SYSTEM, hash_password, new_password
from operations.clock import utc_now
from operations.db import Store
from operations.migrate import upgrade_to_head
from operations.models import User

DEMO_OFFICER_AGENCY = "lgo_1901"  # roads, drains, waste, lighting, trees in Mueang Saraburi
DEMO_USERS: dict[str, tuple[str, str | None, str]] = {
    "demo_officer": ("officer", DEMO_OFFICER_AGENCY, "เจ้าหน้าที่ทดลอง / Demo officer"),
    "demo_officer_damrongdhama": (
        "officer",
        "damrongdhama_saraburi",
        "เจ้าหน้าที่ศูนย์ดำรงธรรม / Demo officer",
    ),
    "demo_executive": ("executive", None, "ผู้บริหารทดลอง / Demo executive"),
    "demo_admin": ("admin", None, "ผู้ดูแลระบบทดลอง / Demo admin"),
}


def ensure_operational_store(url: str) -> None:
    """Create or upgrade the store at ``url`` and load missing seed rows (idempotent)."""
    store = Store(url)
    try:
        upgrade_to_head(store.engine)
        load_complaint_seeds(store)
    finally:
        store.dispose()


def create_demo_users(url: str, reset: bool = False) -> dict[str, str]:
    """Create the demo users that do not exist yet (all of them again with ``reset``).

    Returns username -> one-time password for the users created or reset now; the caller prints
    them once. Existing users keep their passwords unless ``reset`` is true.
    """
    ensure_operational_store(url)
    store = Store(url)
    passwords: dict[str, str] = {}
    try:
        with store.write() as session:
            for username, (role, agency, display) in DEMO_USERS.items():
                user = session.scalars(select(User).where(User.username == username)).first()
                if user is not None and not reset:
                    continue
                password = new_password()
                if user is None:
                    user = User(
                        username=username,
                        password_hash=hash_password(password),
                        role=role,
                        agency_code=agency,
                        display_name=display,
                        is_active=True,
                        must_change_password=True,
                        created_at=utc_now(),
                    )
                    session.add(user)
                    session.flush()
                    action = "user.create"
                else:
                    user.password_hash = hash_password(password)
                    user.is_active = True
                    action = "user.reset_password"
                record(
                    session,
                    SYSTEM,
                    action,
                    "user",
                    user.user_id,
                    None,
                    {"username": username, "role": role, "agency_code": agency},
                    utc_now(),
                )
                passwords[username] = password
    finally:
        store.dispose()
    return passwords
