"""Routing (category, amphoe) -> agency, SLA days per category, and the seeds behind them.

Rules are looked up most specific first: (category, amphoe), (category, "*"), ("*", "*").
The seeds: ``seeds/complaint_routing.csv`` (this module's own) and
``seeds/complaint_categories.csv`` (names and SLA days, shared with dbt: read, never written).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from complaints.models import CategorySla, RoutingRule
from settings import PROJECT_ROOT

ROUTING_SEED = PROJECT_ROOT / "seeds" / "complaint_routing.csv"
CATEGORY_SEED = PROJECT_ROOT / "seeds" / "complaint_categories.csv"
ANY = "*"
DEFAULT_SLA_DAYS = 15


@dataclass(frozen=True)
class RoutingSeedRow:
    category_code: str
    amphoe_code: str
    agency_code: str
    agency_name_th: str
    agency_name_en: str


@dataclass(frozen=True)
class CategorySeedRow:
    category_code: str
    name_th: str
    name_en: str
    sla_days: int


def read_routing_seed(path: Path = ROUTING_SEED) -> list[RoutingSeedRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            RoutingSeedRow(
                row["category_code"].strip(),
                row["amphoe_code"].strip(),
                row["agency_code"].strip(),
                row["agency_name_th"].strip(),
                row["agency_name_en"].strip(),
            )
            for row in csv.DictReader(handle)
        ]


def read_category_seed(path: Path = CATEGORY_SEED) -> list[CategorySeedRow]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            CategorySeedRow(
                row["category_code"].strip(),
                row["name_th"].strip(),
                row["name_en"].strip(),
                int(row["sla_days"]),
            )
            for row in csv.DictReader(handle)
        ]


def agency_kind(agency_code: str) -> str:
    if agency_code.startswith("lgo_"):
        return "lao"
    if agency_code.startswith("district_"):
        return "district"
    return "provincial"


def route(session: Session, category_code: str, amphoe_code: str) -> str | None:
    """The responsible agency for a new case, or None when no rule matches."""
    rules = session.execute(
        select(RoutingRule.category_code, RoutingRule.amphoe_code, RoutingRule.agency_code).where(
            RoutingRule.category_code.in_((category_code, ANY)),
            RoutingRule.amphoe_code.in_((amphoe_code, ANY)),
        )
    ).all()
    found = {(c, a): agency for c, a, agency in rules}
    for key in ((category_code, amphoe_code), (category_code, ANY), (ANY, amphoe_code), (ANY, ANY)):
        if key in found:
            return found[key]
    return None


def sla_days(session: Session, category_code: str) -> int:
    days = session.scalar(
        select(CategorySla.sla_days).where(CategorySla.category_code == category_code)
    )
    return int(days) if days is not None else DEFAULT_SLA_DAYS


def due_at(received_at: datetime, days: int) -> datetime:
    return received_at + timedelta(days=days)


def category_codes(session: Session) -> set[str]:
    return set(session.scalars(select(CategorySla.category_code)))
