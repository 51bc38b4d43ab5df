"""Scheduled jobs of every operational domain (for the CLI or a timer): escalate, anonymise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from complaints.pdpa import DEFAULT_RETENTION_DAYS, anonymise_closed_cases
from complaints.workflow import escalate_overdue
from operations import ratelimit
from operations.clock import as_naive_utc, utc_now
from operations.db import Store


@dataclass(frozen=True)
class JobReport:
    escalated: int
    anonymised: int
    rate_limit_buckets_purged: int


def run_scheduled_jobs(
    url: str, now: datetime | None = None, retention_days: int = DEFAULT_RETENTION_DAYS
) -> JobReport:
    """Escalate overdue cases, anonymise closed ones past retention, drop old rate-limit rows."""
    moment = as_naive_utc(now) if now else utc_now()
    store = Store(url)
    try:
        escalated = escalate_overdue(store, moment)
        anonymised = anonymise_closed_cases(store, moment, retention_days)
        with store.write() as session:
            purged = ratelimit.purge_expired(session, moment)
    finally:
        store.dispose()
    return JobReport(escalated, anonymised, purged)
