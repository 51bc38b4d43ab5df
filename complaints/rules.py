"""Complaint routing rules and SLA days per category (admins only, all audited)."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select

from complaints.models import CategorySla, RoutingRule
from complaints.routing import ANY
from operations.audit import record
from operations.auth import Principal, require_role
from operations.clock import as_naive_utc
from operations.db import Store
from operations.errors import FieldError, NotFound, ValidationFailed
from operations.models import Agency


def set_routing_rule(
    store: Store,
    actor: Principal,
    category_code: str,
    amphoe_code: str,
    agency_code: str,
    now: datetime,
) -> None:
    now = as_naive_utc(now)
    with store.write() as session:
        require_role(session, actor, "admin")
        if category_code != ANY and session.get(CategorySla, category_code) is None:
            raise NotFound("ไม่พบประเภทเรื่อง", "unknown category")
        if amphoe_code != ANY and not re.fullmatch(r"19\d\d", amphoe_code):
            raise NotFound("ไม่พบอำเภอ", "unknown amphoe")
        if session.get(Agency, agency_code) is None:
            raise NotFound("ไม่พบหน่วยงาน", "agency not found")
        rule = session.scalars(
            select(RoutingRule).where(
                RoutingRule.category_code == category_code, RoutingRule.amphoe_code == amphoe_code
            )
        ).first()
        before = None if rule is None else {"agency_code": rule.agency_code}
        if rule is None:
            rule = RoutingRule(
                category_code=category_code, amphoe_code=amphoe_code, agency_code=agency_code
            )
            session.add(rule)
        rule.agency_code = agency_code
        record(
            session,
            actor,
            "routing.set",
            "routing_rule",
            f"{category_code}/{amphoe_code}",
            before,
            {"agency_code": agency_code},
            now,
        )


def set_sla_days(
    store: Store, actor: Principal, category_code: str, days: int, now: datetime
) -> None:
    if not 1 <= days <= 365:
        raise ValidationFailed([FieldError("sla_days", "SLA 1-365 วัน", "SLA must be 1-365 days")])
    now = as_naive_utc(now)
    with store.write() as session:
        require_role(session, actor, "admin")
        sla = session.get(CategorySla, category_code)
        if sla is None:
            raise NotFound("ไม่พบประเภทเรื่อง", "unknown category")
        before = {"sla_days": sla.sla_days}
        sla.sla_days = days
        record(
            session,
            actor,
            "sla.set",
            "category_sla",
            category_code,
            before,
            {"sla_days": days},
            now,
        )


def list_routing(store: Store) -> list[RoutingRule]:
    with store.read() as session:
        return list(
            session.scalars(
                select(RoutingRule).order_by(RoutingRule.category_code, RoutingRule.amphoe_code)
            )
        )


def list_categories(store: Store) -> list[CategorySla]:
    with store.read() as session:
        return list(session.scalars(select(CategorySla).order_by(CategorySla.category_code)))
