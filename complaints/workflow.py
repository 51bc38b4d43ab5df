"""Changes to a case after intake: officers, executives, citizens (by tracking code) and jobs.

Every change goes through :func:`_change`: permission already checked by the caller, the status
machine consulted, the case row locked, a timeline event added and an audit entry (before/after)
written, all in one transaction.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from complaints import tracking
from complaints.models import Attachment, CaseEvent, Complaint
from complaints.overdue import overdue_condition
from complaints.routing import due_at, sla_days
from complaints.snapshot import case_snapshot
from complaints.status import OPEN_STATUSES, check_transition
from complaints.validation import clean_free_text, description_errors
from operations import ratelimit
from operations.audit import record
from operations.auth import PUBLIC, SYSTEM, Principal, require_agency, require_role
from operations.clock import as_naive_utc, next_change_time
from operations.db import Store
from operations.errors import FieldError, NotFound, OperationsError, ValidationFailed
from operations.masking import mask_text
from operations.models import Agency, User
from operations.uploads import validate_photo

log = logging.getLogger(__name__)

REOPEN_WINDOW_DAYS = 14


def _text(value: str | None, field: str, required: bool = True) -> str:
    text = clean_free_text(value)
    if not text and not required:
        return ""
    errors = description_errors(text, field)
    if errors:
        raise ValidationFailed(errors)
    return text


def _case(session: Session, complaint_id: int) -> Complaint:
    case = session.scalars(
        select(Complaint).where(Complaint.complaint_id == complaint_id).with_for_update()
    ).first()
    if case is None:
        raise NotFound("ไม่พบเรื่องร้องเรียน", "case not found")
    return case


def _case_by_code(session: Session, code_text: str) -> Complaint:
    code = tracking.normalise_code(code_text)
    case = None
    if code is not None:
        case = session.scalars(
            select(Complaint)
            .where(Complaint.tracking_code_hash == tracking.hash_code(code))
            .with_for_update()
        ).first()
    if case is None:
        raise NotFound("ไม่พบรหัสติดตามนี้", "tracking code not found")
    return case


def _change(
    session: Session,
    case: Complaint,
    actor: Principal,
    action: str,
    now: datetime,
    *,
    status: str | None = None,
    event_kind: str,
    message: str | None = None,
    public: bool = True,
    reason: str | None = None,
    **fields: object,
) -> None:
    before = case_snapshot(case)
    old_status = case.status
    if status is not None:
        check_transition(case.status, status)
        case.status = status
    for name, value in fields.items():
        setattr(case, name, value)
    case.updated_at = next_change_time(case.updated_at, now)
    session.add(
        CaseEvent(
            complaint_id=case.complaint_id,
            at=now,
            kind=event_kind,
            status_from=old_status if status else None,
            status_to=status,
            agency_code=case.agency_code,
            message=mask_text(message) if public else message,
            is_public=public,
            actor_user_id=actor.user_id,
        )
    )
    record(
        session,
        actor,
        action,
        "complaint",
        case.complaint_id,
        before,
        case_snapshot(case),
        now,
        reason,
    )
    log.info("case %s: %s by %s", case.complaint_id, action, actor.role)


def _active_agency(session: Session, agency_code: str) -> Agency:
    agency = session.get(Agency, agency_code)
    if agency is None or not agency.is_active:
        raise NotFound("ไม่พบหน่วยงาน", "agency not found")
    return agency


# ----------------------------------------------------------------------------- officers


def accept(store: Store, actor: Principal, complaint_id: int, now: datetime) -> None:
    now = as_naive_utc(now)
    with store.write() as session:
        case = _case(session, complaint_id)
        require_agency(session, actor, case.agency_code)
        _change(
            session,
            case,
            actor,
            "case.accept",
            now,
            status="in_progress",
            event_kind="accepted",
            assigned_user_id=actor.user_id,
        )


def transfer(
    store: Store, actor: Principal, complaint_id: int, to_agency: str, reason: str, now: datetime
) -> None:
    """Send an open case to another agency with a reason (the case's officers or executives)."""
    now = as_naive_utc(now)
    reason = _text(reason, "reason")
    with store.write() as session:
        case = _case(session, complaint_id)
        if actor.role == "executive":
            require_role(session, actor, "executive")
        else:
            require_agency(session, actor, case.agency_code)
        _active_agency(session, to_agency)
        if to_agency == case.agency_code:
            raise OperationsError("เรื่องอยู่ที่หน่วยงานนี้แล้ว", "the case is already with this agency")
        _change(
            session,
            case,
            actor,
            "case.transfer",
            now,
            status="routed",
            event_kind="transferred",
            message=reason,
            reason=reason,
            agency_code=to_agency,
            assigned_user_id=None,
        )


def add_update(
    store: Store,
    actor: Principal,
    complaint_id: int,
    message: str,
    now: datetime,
    public: bool = True,
) -> None:
    now = as_naive_utc(now)
    message = _text(message, "message")
    with store.write() as session:
        case = _case(session, complaint_id)
        require_agency(session, actor, case.agency_code)
        if case.status not in OPEN_STATUSES:
            raise OperationsError("เรื่องนี้ปิดแล้ว", "the case is closed")
        _change(
            session,
            case,
            actor,
            "case.update",
            now,
            event_kind="update",
            message=message,
            public=public,
        )


def resolve(
    store: Store,
    actor: Principal,
    complaint_id: int,
    result: str,
    now: datetime,
    photo: bytes | None = None,
) -> None:
    now = as_naive_utc(now)
    result = _text(result, "result")
    clean_photo = None
    if photo:
        try:
            clean_photo = validate_photo(photo)
        except FieldError as error:
            raise ValidationFailed([error]) from error
    with store.write() as session:
        case = _case(session, complaint_id)
        require_agency(session, actor, case.agency_code)
        _change(
            session,
            case,
            actor,
            "case.resolve",
            now,
            status="resolved",
            event_kind="resolved",
            message=result,
            resolution_text=mask_text(result),
            resolved_at=now,
            closed_at=now,
        )
        if clean_photo is not None:
            session.add(
                Attachment(
                    complaint_id=case.complaint_id,
                    purpose="resolution",
                    stored_name=clean_photo.stored_name,
                    content_type=clean_photo.content_type,
                    size_bytes=len(clean_photo.content),
                    sha256=clean_photo.sha256,
                    content=clean_photo.content,
                    created_at=now,
                )
            )


def reject(store: Store, actor: Principal, complaint_id: int, reason: str, now: datetime) -> None:
    now = as_naive_utc(now)
    reason = _text(reason, "reason")
    with store.write() as session:
        case = _case(session, complaint_id)
        require_agency(session, actor, case.agency_code)
        _change(
            session,
            case,
            actor,
            "case.reject",
            now,
            status="rejected",
            event_kind="rejected",
            message=reason,
            reason=reason,
            closed_at=now,
        )


def merge_duplicate(
    store: Store, actor: Principal, complaint_id: int, into_id: int, now: datetime
) -> None:
    """Close ``complaint_id`` as a duplicate of ``into_id`` (which stays open and is worked on)."""
    now = as_naive_utc(now)
    with store.write() as session:
        case = _case(session, complaint_id)
        require_agency(session, actor, case.agency_code)
        target = session.get(Complaint, into_id)
        if (
            target is None
            or target.agency_code != case.agency_code  # never into another agency's case
            or into_id == complaint_id
            or target.status == "merged_duplicate"
        ):
            raise OperationsError(
                "เลือกเรื่องหลักของหน่วยงานท่าน ที่ยังไม่ถูกรวมและไม่ใช่เรื่องเดียวกัน",
                "choose a main case of your agency that is another case and not itself merged",
            )
        _change(
            session,
            case,
            actor,
            "case.merge",
            now,
            status="merged_duplicate",
            event_kind="merged",
            message=f"#{into_id}",
            duplicate_of=into_id,
            closed_at=now,
        )


def comment(store: Store, actor: Principal, complaint_id: int, message: str, now: datetime) -> None:
    """An internal note (not on the public timeline): executives, or the case's officers."""
    now = as_naive_utc(now)
    message = _text(message, "message")
    with store.write() as session:
        case = _case(session, complaint_id)
        if actor.role == "executive":
            require_role(session, actor, "executive")
        else:
            require_agency(session, actor, case.agency_code)
        _change(
            session,
            case,
            actor,
            "case.comment",
            now,
            event_kind="comment",
            message=message,
            public=False,
        )


# ----------------------------------------------------------------------------- executives


def assign(
    store: Store,
    actor: Principal,
    complaint_id: int,
    agency_code: str,
    now: datetime,
    officer_id: int | None = None,
    reason: str = "",
) -> None:
    """Executives give an open case to an agency (and optionally one of its officers)."""
    now = as_naive_utc(now)
    note = _text(reason, "reason", required=False) or None
    with store.write() as session:
        require_role(session, actor, "executive")
        case = _case(session, complaint_id)
        if case.status not in OPEN_STATUSES:
            raise OperationsError("เรื่องนี้ปิดแล้ว", "the case is closed")
        _active_agency(session, agency_code)
        if officer_id is not None:
            officer = session.get(User, officer_id)
            if officer is None or officer.role != "officer" or officer.agency_code != agency_code:
                raise NotFound("ไม่พบเจ้าหน้าที่ของหน่วยงานนี้", "no such officer in this agency")
        if agency_code != case.agency_code:
            _change(
                session,
                case,
                actor,
                "case.assign",
                now,
                status="routed",
                event_kind="assigned",
                message=note,
                reason=note,
                agency_code=agency_code,
                assigned_user_id=officer_id,
            )
        else:
            _change(
                session,
                case,
                actor,
                "case.assign",
                now,
                event_kind="assigned",
                message=note,
                public=False,
                reason=note,
                assigned_user_id=officer_id,
            )


# ----------------------------------------------------------------------------- citizens


def confirm_fix(store: Store, code: str, client_key: str, now: datetime) -> None:
    now = as_naive_utc(now)
    with store.write() as session:
        ratelimit.hit_client_and_all(
            session, ratelimit.CITIZEN_ACTION, ratelimit.CITIZEN_ACTION_ALL, client_key, now
        )
    with store.write() as session:
        case = _case_by_code(session, code)
        _change(
            session,
            case,
            PUBLIC,
            "case.confirm",
            now,
            status="confirmed",
            event_kind="confirmed",
            closed_at=now,
        )


def reopen(store: Store, code: str, reason: str, client_key: str, now: datetime) -> None:
    now = as_naive_utc(now)
    reason = _text(reason, "reason")
    with store.write() as session:
        ratelimit.hit_client_and_all(
            session, ratelimit.CITIZEN_ACTION, ratelimit.CITIZEN_ACTION_ALL, client_key, now
        )
    with store.write() as session:
        case = _case_by_code(session, code)
        check_transition(case.status, "reopened")
        if case.resolved_at is None or now > case.resolved_at + timedelta(days=REOPEN_WINDOW_DAYS):
            raise OperationsError(
                f"เปิดเรื่องใหม่ได้ภายใน {REOPEN_WINDOW_DAYS} วันหลังแก้ไข",
                f"a case can be reopened within {REOPEN_WINDOW_DAYS} days of its resolution",
            )
        _change(
            session,
            case,
            PUBLIC,
            "case.reopen",
            now,
            status="reopened",
            event_kind="reopened",
            message=reason,
            reason=reason,
            reopen_count=case.reopen_count + 1,
            resolved_at=None,
            closed_at=None,
            sla_due_at=due_at(now, sla_days(session, case.category_code)),
        )


def rate(store: Store, code: str, stars: int, client_key: str, now: datetime) -> None:
    now = as_naive_utc(now)
    if stars not in range(1, 6):
        raise ValidationFailed([FieldError("rating", "ให้คะแนน 1 ถึง 5", "rate from 1 to 5")])
    with store.write() as session:
        ratelimit.hit_client_and_all(
            session, ratelimit.CITIZEN_ACTION, ratelimit.CITIZEN_ACTION_ALL, client_key, now
        )
    with store.write() as session:
        case = _case_by_code(session, code)
        if case.status not in {"resolved", "confirmed"}:
            raise OperationsError("ให้คะแนนได้หลังแก้ไขแล้ว", "rating is possible once resolved")
        _change(
            session,
            case,
            PUBLIC,
            "case.rate",
            now,
            event_kind="rated",
            message=f"{stars}/5",
            rating=stars,
        )


# ----------------------------------------------------------------------------- jobs


def escalate_overdue(store: Store, now: datetime) -> int:
    """Flag overdue cases (:mod:`complaints.overdue`) as escalated; returns how many."""
    now = as_naive_utc(now)
    with store.read() as session:  # a cheap read first: pages call this on every run
        pending = session.scalar(
            select(Complaint.complaint_id)
            .where(overdue_condition(now), Complaint.is_escalated.is_(False))
            .limit(1)
        )
    if pending is None:
        return 0
    with store.write() as session:
        overdue = session.scalars(
            select(Complaint)
            .where(overdue_condition(now), Complaint.is_escalated.is_(False))
            .order_by(Complaint.complaint_id)
            .with_for_update()
        ).all()
        for case in overdue:
            _change(
                session,
                case,
                SYSTEM,
                "case.escalate",
                now,
                event_kind="escalated",
                is_escalated=True,
                escalated_at=now,
            )
    return len(overdue)
