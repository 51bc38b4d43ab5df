"""The audited state of a complaint: what the audit log stores before and after a change.

Snapshots never copy personal data: contact fields appear only as "present" flags and free text is
masked, so anonymising a case later leaves nothing personal in the log.
"""

from __future__ import annotations

from typing import Any

from complaints.models import Complaint
from operations.audit import plain
from operations.masking import mask_text

_CASE_FIELDS = (
    "status",
    "category_code",
    "amphoe_code",
    "tambon_code",
    "village_no",
    "agency_code",
    "assigned_user_id",
    "is_escalated",
    "duplicate_of",
    "reopen_count",
    "rating",
    "sla_due_at",
    "resolved_at",
    "closed_at",
)


def case_snapshot(case: Complaint) -> dict[str, Any]:
    snapshot = {name: plain(getattr(case, name)) for name in _CASE_FIELDS}
    snapshot["description"] = case.description  # masked at intake
    snapshot["resolution_text"] = mask_text(case.resolution_text)
    snapshot["has_location"] = case.latitude is not None
    snapshot["has_contact"] = bool(case.contact_name or case.contact_phone or case.contact_line_id)
    snapshot["has_national_id"] = case.national_id_hash is not None
    snapshot["anonymised"] = case.anonymised_at is not None
    return snapshot
