"""What "overdue" means: one rule for every page, export, job and the warehouse.

A case is overdue when it is still open and its due time (received + its category's SLA days) is
before the reference time. Only the reference time differs, and every page says which it uses:

- the operational store (cases citizens reported in this app, their officers' queues, the
  executives' workspace, the escalation job): now;
- the warehouse (every complaint feed, including this app's cases up to the last pipeline run; the
  complaints monitor, exports, KPIs): the end of the build's as-of date, in ``fct_complaints``
  (``is_overdue``, the same rule in SQL) and in the monthly KPIs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_

from complaints.models import Complaint
from complaints.status import OPEN_STATUSES

RULE_TH = "เกินกำหนด = ยังไม่ปิดเรื่อง และเลยเวลาครบกำหนดแล้ว (เวลารับเรื่อง + จำนวนวันตาม SLA ของประเภทเรื่อง)"
RULE_EN = "Overdue = still open and past its due time (received + the category's SLA days)"


def is_overdue(status: str, due_at: datetime, reference: datetime) -> bool:
    return status in OPEN_STATUSES and due_at < reference


def overdue_condition(reference: datetime) -> ColumnElement[bool]:
    """The same rule as a SQL condition on the store's complaints."""
    return and_(Complaint.status.in_(OPEN_STATUSES), Complaint.sla_due_at < reference)
