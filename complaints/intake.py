"""Citizen intake: a validated submission becomes exactly one routed case.

Personal data in the description (phone numbers, IDs, names, ...) is masked here, once: the public,
the audit log and the warehouse only ever see the masked text; the text as typed is kept apart for
the case's own officers until the retention job erases it.

Exactly once: the form carries a random submission token; its hash is unique in the store, so a
double click or a retry after a lost response returns the case already made (with the same tracking
code) instead of a second one. Validation happens before the transaction, and the case, its
timeline, photo and audit entries are written in one transaction: all or nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from complaints import tracking
from complaints.models import Attachment, CaseEvent, Complaint
from complaints.routing import category_codes, due_at, route, sla_days
from complaints.snapshot import case_snapshot
from complaints.status import OPEN_STATUSES
from complaints.validation import SubmissionInput, ValidSubmission, validate_submission
from operations import ratelimit
from operations.areas import AreaCatalogue, saraburi_areas
from operations.audit import record
from operations.auth import PUBLIC, SYSTEM, hash_password
from operations.clock import as_naive_utc
from operations.db import Store
from operations.errors import OperationsError
from operations.geo import ProvinceShape, distance_m
from operations.masking import mask_national_id, mask_text

log = logging.getLogger(__name__)

CONSENT_VERSION = "2025-01"
DUPLICATE_RADIUS_M = 100.0
DUPLICATE_WINDOW_DAYS = 30
_DEGREES_PER_100M = 0.0015  # generous box before the exact distance
MAX_TOKEN_CHARS = 100


@dataclass(frozen=True)
class Receipt:
    complaint_id: int
    tracking_code: str
    created: bool  # False: the same submission token had already made this case
    agency_code: str | None
    duplicate_of: int | None


def submit_complaint(
    store: Store,
    data: SubmissionInput,
    submission_token: str,
    client_key: str,
    now: datetime,
    shape: ProvinceShape | None = None,
    areas: AreaCatalogue | None = None,
) -> Receipt:
    """Validate and store one submission; one ``submission_token`` always gives one case."""
    if not submission_token or len(submission_token) > MAX_TOKEN_CHARS:
        raise OperationsError("แบบฟอร์มไม่ถูกต้อง กรุณาโหลดหน้าใหม่", "invalid form, please reload")
    now = as_naive_utc(now)
    token_hash = tracking.hash_token(submission_token)
    with store.read() as session:
        existing = _by_token(session, token_hash, submission_token)
        if existing is not None:
            return existing
        categories = category_codes(session)
    valid = validate_submission(data, categories, areas or saraburi_areas(), shape)
    national_id_hash = hash_password(valid.national_id) if valid.national_id else None
    try:
        with store.write() as session:
            existing = _by_token(session, token_hash, submission_token)
            if existing is not None:
                return existing
            ratelimit.hit_client_and_all(
                session, ratelimit.SUBMIT, ratelimit.SUBMIT_ALL, client_key, now
            )
            receipt = _create(session, valid, submission_token, token_hash, national_id_hash, now)
    except IntegrityError:
        # Another writer committed the same token first (PostgreSQL): return its case.
        with store.read() as session:
            existing = _by_token(session, token_hash, submission_token)
        if existing is None:
            raise
        return existing
    log.info("case %s received (category %s)", receipt.complaint_id, valid.category_code)
    return receipt


def _by_token(session: Session, token_hash: str, token: str) -> Receipt | None:
    case = session.scalars(
        select(Complaint).where(Complaint.submission_token_hash == token_hash)
    ).first()
    if case is None:
        return None
    return Receipt(
        complaint_id=case.complaint_id,
        tracking_code=tracking.unseal_code(case.tracking_code_sealed, token),
        created=False,
        agency_code=case.agency_code,
        duplicate_of=case.duplicate_of,
    )


def find_duplicate(session: Session, valid: ValidSubmission, now: datetime) -> int | None:
    """The earliest open case of the same category near the same place in the last 30 days."""
    since = now - timedelta(days=DUPLICATE_WINDOW_DAYS)
    query = select(
        Complaint.complaint_id,
        Complaint.tambon_code,
        Complaint.village_no,
        Complaint.latitude,
        Complaint.longitude,
    ).where(
        Complaint.category_code == valid.category_code,
        Complaint.status.in_(OPEN_STATUSES),
        Complaint.received_at >= since,
        Complaint.duplicate_of.is_(None),
    )
    if valid.latitude is not None and valid.longitude is not None:
        near = Complaint.latitude.between(
            valid.latitude - _DEGREES_PER_100M, valid.latitude + _DEGREES_PER_100M
        ) & Complaint.longitude.between(
            valid.longitude - _DEGREES_PER_100M, valid.longitude + _DEGREES_PER_100M
        )
        same_village = (Complaint.tambon_code == valid.tambon_code) & (
            Complaint.village_no == valid.village_no
        )
        query = query.where(near | same_village) if valid.village_no else query.where(near)
    elif valid.village_no is not None:
        query = query.where(
            Complaint.tambon_code == valid.tambon_code, Complaint.village_no == valid.village_no
        )
    else:
        return None
    for case_id, tambon, village, lat, lon in session.execute(
        query.order_by(Complaint.complaint_id)
    ):
        if (
            valid.village_no is not None
            and tambon == valid.tambon_code
            and village == valid.village_no
        ):
            return int(case_id)
        if (
            lat is not None
            and lon is not None
            and valid.latitude is not None
            and valid.longitude is not None
            and distance_m(lat, lon, valid.latitude, valid.longitude) <= DUPLICATE_RADIUS_M
        ):
            return int(case_id)
    return None


def _create(
    session: Session,
    valid: ValidSubmission,
    token: str,
    token_hash: str,
    national_id_hash: str | None,
    now: datetime,
) -> Receipt:
    agency = route(session, valid.category_code, valid.amphoe_code)
    duplicate_of = find_duplicate(session, valid, now)
    code = _unused_code(session)
    masked = mask_text(valid.description) or ""
    case = Complaint(
        tracking_code_hash=tracking.hash_code(code),
        submission_token_hash=token_hash,
        tracking_code_sealed=tracking.seal_code(code, token),
        category_code=valid.category_code,
        description=masked,
        description_original=valid.description if masked != valid.description else None,
        amphoe_code=valid.amphoe_code,
        tambon_code=valid.tambon_code,
        village_no=valid.village_no,
        latitude=valid.latitude,
        longitude=valid.longitude,
        status="received",
        agency_code=None,
        channel="citizen_app",
        contact_name=valid.contact_name,
        contact_phone=valid.contact_phone,
        contact_line_id=valid.contact_line_id,
        national_id_hash=national_id_hash,
        national_id_masked=mask_national_id(valid.national_id) if valid.national_id else None,
        consent_version=CONSENT_VERSION,
        consent_at=now,
        received_at=now,
        sla_due_at=due_at(now, sla_days(session, valid.category_code)),
        updated_at=now,
        is_escalated=False,
        duplicate_of=duplicate_of,
        reopen_count=0,
    )
    session.add(case)
    session.flush()
    session.add(
        CaseEvent(complaint_id=case.complaint_id, at=now, kind="received", status_to="received")
    )
    record(
        session,
        PUBLIC,
        "case.submit",
        "complaint",
        case.complaint_id,
        None,
        case_snapshot(case),
        now,
    )
    if agency:
        before = case_snapshot(case)
        case.status = "routed"
        case.agency_code = agency
        record(
            session,
            SYSTEM,
            "case.route",
            "complaint",
            case.complaint_id,
            before,
            case_snapshot(case),
            now,
        )
        session.add(
            CaseEvent(
                complaint_id=case.complaint_id,
                at=now,
                kind="routed",
                status_from="received",
                status_to="routed",
                agency_code=agency,
            )
        )
    if duplicate_of is not None:
        session.add(
            CaseEvent(
                complaint_id=case.complaint_id,
                at=now,
                kind="possible_duplicate",
                message=f"#{duplicate_of}",
                is_public=False,
            )
        )
    if valid.photo is not None:
        session.add(
            Attachment(
                complaint_id=case.complaint_id,
                purpose="report",
                stored_name=valid.photo.stored_name,
                content_type=valid.photo.content_type,
                size_bytes=len(valid.photo.content),
                sha256=valid.photo.sha256,
                content=valid.photo.content,
                created_at=now,
            )
        )
    return Receipt(case.complaint_id, code, True, agency, duplicate_of)


def _unused_code(session: Session) -> str:
    """A fresh code; a collision (about 1 in 10^18 per pair) just draws again."""
    while True:
        code = tracking.new_tracking_code()
        taken = session.scalar(
            select(Complaint.complaint_id).where(
                Complaint.tracking_code_hash == tracking.hash_code(code)
            )
        )
        if taken is None:
            return code
