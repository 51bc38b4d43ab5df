"""Set-up of the operational store: migrate, load the seeds, create the demo users.

``ensure_operational_store(url)`` is safe to run on every start: it migrates to the latest
revision and adds seed rows that are missing (it never overwrites what admins changed).
``create_demo_users(url)`` creates the demo officer, executive and admin with random one-time
passwords and returns them, to be printed once; passwords are never hard-coded anywhere.
"""

from __future__ import annotations

from sqlalchemy import select

from app.operations.audit import record
from app.operations.auth import SYSTEM, hash_password, new_password
from app.operations.clock import utc_now
from app.operations.db import Store
from app.operations.migrate import upgrade_to_head
from app.operations.models import Agency, CategorySla, RoutingRule, User
from app.operations.routing import agency_kind, read_category_seed, read_routing_seed

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
        load_seeds(store)
    finally:
        store.dispose()


def load_seeds(store: Store) -> None:
    now = utc_now()
    routing = read_routing_seed()
    categories = read_category_seed()
    with store.write() as session:
        known_agencies = set(session.scalars(select(Agency.agency_code)))
        for row in routing:
            if row.agency_code not in known_agencies:
                session.add(
                    Agency(
                        agency_code=row.agency_code,
                        name_th=row.agency_name_th,
                        name_en=row.agency_name_en,
                        kind=agency_kind(row.agency_code),
                        is_active=True,
                        created_at=now,
                    )
                )
                known_agencies.add(row.agency_code)
        session.flush()
        rule_keys = select(RoutingRule.category_code, RoutingRule.amphoe_code)
        known_rules: set[tuple[str, str]] = {(c, a) for c, a in session.execute(rule_keys)}
        for row in routing:
            if (row.category_code, row.amphoe_code) not in known_rules:
                session.add(
                    RoutingRule(
                        category_code=row.category_code,
                        amphoe_code=row.amphoe_code,
                        agency_code=row.agency_code,
                    )
                )
                known_rules.add((row.category_code, row.amphoe_code))
        known_categories = set(session.scalars(select(CategorySla.category_code)))
        for category in categories:
            if category.category_code not in known_categories:
                session.add(
                    CategorySla(
                        category_code=category.category_code,
                        name_th=category.name_th,
                        name_en=category.name_en,
                        sla_days=category.sla_days,
                    )
                )


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
