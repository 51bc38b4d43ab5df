"""Scheduled jobs of every operational domain (for the CLI or a timer): escalate, anonymise, clean
up, and verify the audit log's hash chain against the anchor kept outside the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, or_

from complaints.pdpa import DEFAULT_RETENTION_DAYS, anonymise_closed_cases
from complaints.workflow import escalate_overdue
from operations import ratelimit, throttle
from operations.audit import Anchor, ChainReport, verify_chain
from operations.clock import as_naive_utc, utc_now
from operations.db import Store
from operations.models import StaffSession
from settings import load_settings

SESSIONS_KEPT = timedelta(days=30)  # ended sessions are kept this long, for the record


@dataclass(frozen=True)
class JobReport:
    escalated: int
    anonymised: int
    rate_limit_buckets_purged: int
    audit: ChainReport


def run_scheduled_jobs(
    url: str,
    now: datetime | None = None,
    retention_days: int = DEFAULT_RETENTION_DAYS,
    anchor_path: Path | None = None,
) -> JobReport:
    """Escalate overdue cases, anonymise closed ones past retention, drop old rate-limit, sign-in
    and session rows, then verify the audit chain (moving the anchor on only when intact)."""
    moment = as_naive_utc(now) if now else utc_now()
    store = Store(url)
    try:
        escalated = escalate_overdue(store, moment)
        anonymised = anonymise_closed_cases(store, moment, retention_days)
        with store.write() as session:
            purged = ratelimit.purge_expired(session, moment)
            throttle.purge_stale(session, moment)
            session.execute(
                delete(StaffSession).where(
                    or_(
                        StaffSession.expires_at < moment - SESSIONS_KEPT,
                        StaffSession.revoked_at < moment - SESSIONS_KEPT,
                    )
                )
            )
        audit = verify_audit(store, anchor_path or load_settings().audit_anchor)
    finally:
        store.dispose()
    return JobReport(escalated, anonymised, purged, audit)


def verify_audit(store: Store, anchor_path: Path, move_anchor: bool = True) -> ChainReport:
    """Check the chain against the anchor file; an intact chain moves the anchor to its end."""
    report = verify_chain(store, Anchor.load(anchor_path))
    if report.ok and report.last is not None and move_anchor:
        report.last.save(anchor_path)
    return report
