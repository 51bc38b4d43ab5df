"""Seed rows of the complaints domain: agencies, routing rules and SLA days from the dbt seeds.

Only missing rows are added, so what admins changed in the app is never overwritten.
"""

from __future__ import annotations

from sqlalchemy import select

from complaints.models import CategorySla, RoutingRule
from complaints.routing import agency_kind, read_category_seed, read_routing_seed
from operations.clock import utc_now
from operations.db import Store
from operations.models import Agency


def load_complaint_seeds(store: Store) -> None:
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
