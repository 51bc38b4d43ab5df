"""Set-up and jobs: migrations up and down, idempotent seeding, demo users, scheduled jobs."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from ops_helpers import T0, submit
from sqlalchemy import func, inspect, select

from bootstrap.jobs import run_scheduled_jobs
from bootstrap.setup import create_demo_users, ensure_operational_store
from complaints.models import CategorySla, RoutingRule
from complaints.routing import read_category_seed, read_routing_seed
from operations.db import Store, make_engine
from operations.migrate import downgrade_to_base, upgrade_to_head
from operations.models import Agency


def test_migrations_run_up_down_and_up_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    upgrade_to_head(engine)
    tables = set(inspect(engine).get_table_names())
    assert {
        "complaints",
        "case_events",
        "attachments",
        "users",
        "agencies",
        "routing_rules",
        "category_sla",
        "audit_log",
        "rate_limit_buckets",
    } <= tables
    downgrade_to_base(engine)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade_to_head(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_setup_is_idempotent_and_agrees_with_the_category_seed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'operational.sqlite'}"
    ensure_operational_store(url)
    ensure_operational_store(url)
    store = Store(url)
    with store.read() as session:
        categories = set(session.scalars(select(CategorySla.category_code)))
        rules = session.scalar(select(func.count()).select_from(RoutingRule))
        agencies = session.scalar(select(func.count()).select_from(Agency))
    store.dispose()
    assert categories == {c.category_code for c in read_category_seed()}
    routing = read_routing_seed()
    assert rules == len(routing)
    assert agencies == len({r.agency_code for r in routing})
    # every category has a route in every amphoe (directly or through "*")
    assert {r.category_code for r in routing} - {"*"} <= categories


def test_demo_users_get_new_random_passwords_only_when_asked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    first = create_demo_users(url)
    assert set(first) == {
        "demo_officer",
        "demo_officer_damrongdhama",
        "demo_executive",
        "demo_admin",
    }
    assert create_demo_users(url) == {}
    again = create_demo_users(url, reset=True)
    assert set(again) == set(first)
    assert not set(again.values()) & set(first.values())


def test_scheduled_jobs(store: Store, ops_url: str) -> None:
    submit(store)
    report = run_scheduled_jobs(ops_url, T0 + timedelta(days=20))
    assert report.escalated == 1
    assert run_scheduled_jobs(ops_url, T0 + timedelta(days=21)).escalated == 0
