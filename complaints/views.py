"""Read models for the pages: public (anonymised), officer (own agency), executive, board."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from complaints import tracking
from complaints.location import public_point
from complaints.models import Attachment, CaseEvent, CategorySla, Complaint
from complaints.overdue import is_overdue, overdue_condition
from complaints.status import CLOSED_STATUSES, OPEN_STATUSES, STATUS_NAMES
from complaints.workflow import REOPEN_WINDOW_DAYS
from operations import ratelimit
from operations.areas import saraburi_areas
from operations.auth import Principal, require_agency, require_role, sees_personal_data
from operations.clock import as_naive_utc
from operations.db import Store
from operations.errors import NotFound
from operations.masking import mask_line_id, mask_phone, mask_text
from operations.models import Agency


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    status_to: str | None
    agency_name: str | None
    message: str | None  # masked


@dataclass(frozen=True)
class PublicCase:
    """What anyone holding the tracking code sees: no personal data."""

    complaint_id: int
    tracking_code: str
    category_code: str
    category_name: str
    area_name: str
    village_no: int | None
    description: str  # masked
    status: str
    agency_name: str | None
    received_at: datetime
    resolved_at: datetime | None
    resolution_text: str | None  # masked
    rating: int | None
    can_confirm: bool
    can_reopen: bool
    can_rate: bool
    timeline: tuple[TimelineEntry, ...]
    resolution_photo_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class CaseDetail:
    """A case as staff see it; contact fields are masked unless the viewer may see them."""

    complaint_id: int
    category_code: str
    category_name: str
    amphoe_code: str
    tambon_code: str
    area_name: str
    village_no: int | None
    latitude: float | None
    longitude: float | None
    description: str
    status: str
    agency_code: str | None
    agency_name: str | None
    received_at: datetime
    sla_due_at: datetime
    is_escalated: bool
    duplicate_of: int | None
    resolution_text: str | None
    rating: int | None
    reopen_count: int
    contact_name: str | None
    contact_phone: str | None
    contact_line_id: str | None
    national_id_masked: str | None
    personal_data_visible: bool
    timeline: tuple[TimelineEntry, ...]
    photo_ids: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class QueueRow:
    complaint_id: int
    category_name: str
    area_name: str
    village_no: int | None
    status: str
    received_at: datetime
    age_days: int
    sla_due_at: datetime
    is_overdue: bool
    is_escalated: bool
    duplicate_of: int | None
    agency_code: str | None


@dataclass(frozen=True)
class BoardRow:
    complaint_id: int
    category_code: str
    category_name: str
    amphoe_code: str
    tambon_code: str
    area_name: str
    status: str
    status_name: str
    agency_name: str | None
    received_at: datetime
    resolved_at: datetime | None
    latitude: float | None  # rounded
    longitude: float | None


@dataclass(frozen=True)
class AgencyStats:
    agency_code: str
    agency_name: str
    cases: int
    open_cases: int
    resolved: int
    resolved_within_sla: int
    overdue_open: int
    median_days_to_resolve: float | None
    average_rating: float | None


def _names(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    categories = {
        c.category_code: f"{c.name_th} ({c.name_en})" for c in session.scalars(select(CategorySla))
    }
    agencies = {a.agency_code: a.name_th for a in session.scalars(select(Agency))}
    return categories, agencies


def _timeline(
    events: list[CaseEvent], agencies: dict[str, str], public_only: bool
) -> tuple[TimelineEntry, ...]:
    return tuple(
        TimelineEntry(
            at=event.at,
            kind=event.kind,
            status_to=event.status_to,
            agency_name=agencies.get(event.agency_code or "") if event.agency_code else None,
            message=mask_text(event.message),
        )
        for event in events
        if event.is_public or not public_only
    )


def _area(case: Complaint) -> str:
    areas = saraburi_areas()
    return f"{areas.name(case.tambon_code)}, {areas.name(case.amphoe_code)}"


# ----------------------------------------------------------------------------- public


def public_case(
    store: Store, code_text: str, client_key: str, now: datetime, count_hit: bool = True
) -> PublicCase:
    """A case by tracking code (rate-limited per client; misses count as hits too)."""
    now = as_naive_utc(now)
    if count_hit:  # False only when re-showing a case this session already found
        with store.write() as session:
            ratelimit.hit_client_and_all(
                session, ratelimit.TRACK_LOOKUP, ratelimit.TRACK_LOOKUP_ALL, client_key, now
            )
    code = tracking.normalise_code(code_text)
    if code is None:
        raise NotFound("รูปแบบรหัสติดตามไม่ถูกต้อง", "this is not a tracking code")
    with store.read() as session:
        case = session.scalars(
            select(Complaint).where(Complaint.tracking_code_hash == tracking.hash_code(code))
        ).first()
        if case is None:
            raise NotFound("ไม่พบรหัสติดตามนี้", "tracking code not found")
        categories, agencies = _names(session)
        photos = tuple(
            session.scalars(
                select(Attachment.attachment_id).where(
                    Attachment.complaint_id == case.complaint_id, Attachment.purpose == "resolution"
                )
            )
        )
        within_window = case.resolved_at is not None and now <= case.resolved_at + timedelta(
            days=REOPEN_WINDOW_DAYS
        )
        return PublicCase(
            complaint_id=case.complaint_id,
            tracking_code=code,
            category_code=case.category_code,
            category_name=categories.get(case.category_code, case.category_code),
            area_name=_area(case),
            village_no=case.village_no,
            description=case.description,  # masked at intake
            status=case.status,
            agency_name=agencies.get(case.agency_code or ""),
            received_at=case.received_at,
            resolved_at=case.resolved_at,
            resolution_text=mask_text(case.resolution_text),
            rating=case.rating,
            can_confirm=case.status == "resolved",
            can_reopen=case.status == "resolved" and within_window,
            can_rate=case.status in {"resolved", "confirmed"},
            timeline=_timeline(list(case.events), agencies, public_only=True),
            resolution_photo_ids=photos,
        )


def public_photo(store: Store, code_text: str, attachment_id: int) -> tuple[bytes, str]:
    """A resolution photo of the case with this code (report photos are for officers only)."""
    code = tracking.normalise_code(code_text) or ""
    with store.read() as session:
        row = session.execute(
            select(Attachment.content, Attachment.content_type)
            .join(Complaint, Complaint.complaint_id == Attachment.complaint_id)
            .where(
                Attachment.attachment_id == attachment_id,
                Attachment.purpose == "resolution",
                Complaint.tracking_code_hash == tracking.hash_code(code),
            )
        ).first()
    if row is None:
        raise NotFound()
    return bytes(row[0]), str(row[1])


def board(
    store: Store,
    now: datetime,
    days: int = 90,
    category_code: str | None = None,
    amphoe_code: str | None = None,
    limit: int = 500,
) -> list[BoardRow]:
    """Recent cases, anonymised: no text, no contact, public points (:mod:`complaints.location`)."""
    since = as_naive_utc(now) - timedelta(days=days)
    with store.read() as session:
        categories, agencies = _names(session)
        query = select(Complaint).where(Complaint.received_at >= since)
        if category_code:
            query = query.where(Complaint.category_code == category_code)
        if amphoe_code:
            query = query.where(Complaint.amphoe_code == amphoe_code)
        cases = session.scalars(query.order_by(Complaint.received_at.desc()).limit(limit)).all()
        return [
            BoardRow(
                complaint_id=c.complaint_id,
                category_code=c.category_code,
                category_name=categories.get(c.category_code, c.category_code),
                amphoe_code=c.amphoe_code,
                tambon_code=c.tambon_code,
                area_name=_area(c),
                status=c.status,
                status_name=" / ".join(STATUS_NAMES.get(c.status, (c.status, c.status))),
                agency_name=agencies.get(c.agency_code or ""),
                received_at=c.received_at,
                resolved_at=c.resolved_at,
                latitude=point[0],
                longitude=point[1],
            )
            for c in cases
            for point in [public_point(c.category_code, c.tambon_code, c.latitude, c.longitude)]
        ]


@dataclass(frozen=True)
class _StatRow:
    status: str
    received_at: datetime
    resolved_at: datetime | None
    due_at: datetime
    escalated: bool
    rating: int | None


def agency_stats(store: Store, now: datetime, days: int = 365) -> list[AgencyStats]:
    now = as_naive_utc(now)
    since = now - timedelta(days=days)
    with store.read() as session:
        _, agencies = _names(session)
        rows = session.execute(
            select(
                Complaint.agency_code,
                Complaint.status,
                Complaint.received_at,
                Complaint.resolved_at,
                Complaint.sla_due_at,
                Complaint.is_escalated,
                Complaint.rating,
            ).where(Complaint.received_at >= since, Complaint.agency_code.is_not(None))
        ).all()
    grouped: dict[str, list[_StatRow]] = defaultdict(list)
    for agency, status, received, resolved_at, due, escalated, rating in rows:
        grouped[str(agency)].append(
            _StatRow(str(status), received, resolved_at, due, bool(escalated), rating)
        )
    stats = []
    for agency_code, items in sorted(grouped.items()):
        resolved = [r for r in items if r.resolved_at is not None]
        days_to_resolve = [
            (r.resolved_at - r.received_at).total_seconds() / 86_400
            for r in resolved
            if r.resolved_at is not None
        ]
        ratings = [r.rating for r in items if r.rating is not None]
        stats.append(
            AgencyStats(
                agency_code=agency_code,
                agency_name=agencies.get(agency_code, agency_code),
                cases=len(items),
                open_cases=sum(1 for r in items if r.status in OPEN_STATUSES),
                resolved=len(resolved),
                resolved_within_sla=sum(
                    1 for r in resolved if r.resolved_at is not None and r.resolved_at <= r.due_at
                ),
                overdue_open=sum(1 for r in items if is_overdue(r.status, r.due_at, now)),
                median_days_to_resolve=round(median(days_to_resolve), 1)
                if days_to_resolve
                else None,
                average_rating=round(sum(ratings) / len(ratings), 2) if ratings else None,
            )
        )
    return stats


# ----------------------------------------------------------------------------- staff


def officer_queue(
    store: Store,
    actor: Principal,
    now: datetime,
    statuses: tuple[str, ...] = tuple(sorted(OPEN_STATUSES)),
    amphoe_code: str | None = None,
    min_age_days: int = 0,
) -> list[QueueRow]:
    """Cases of the officer's own agency, oldest first."""
    now = as_naive_utc(now)
    with store.read() as session:
        require_role(session, actor, "officer")
        categories, _ = _names(session)
        query = select(Complaint).where(
            Complaint.agency_code == actor.agency_code, Complaint.status.in_(statuses)
        )
        if amphoe_code:
            query = query.where(Complaint.amphoe_code == amphoe_code)
        if min_age_days > 0:
            query = query.where(Complaint.received_at <= now - timedelta(days=min_age_days))
        cases = session.scalars(query.order_by(Complaint.received_at)).all()
        return [_queue_row(c, categories, now) for c in cases]


def _queue_row(c: Complaint, categories: dict[str, str], now: datetime) -> QueueRow:
    return QueueRow(
        complaint_id=c.complaint_id,
        category_name=categories.get(c.category_code, c.category_code),
        area_name=_area(c),
        village_no=c.village_no,
        status=c.status,
        received_at=c.received_at,
        age_days=(now - c.received_at).days,
        sla_due_at=c.sla_due_at,
        is_overdue=is_overdue(c.status, c.sla_due_at, now),
        is_escalated=c.is_escalated,
        duplicate_of=c.duplicate_of,
        agency_code=c.agency_code,
    )


def escalations(store: Store, actor: Principal, now: datetime) -> list[QueueRow]:
    """Overdue cases (:mod:`complaints.overdue`, reference: now), longest overdue first:
    executives only. The escalation job has flagged each of them."""
    now = as_naive_utc(now)
    with store.read() as session:
        require_role(session, actor, "executive")
        categories, _ = _names(session)
        cases = session.scalars(
            select(Complaint).where(overdue_condition(now)).order_by(Complaint.sla_due_at)
        ).all()
        return [_queue_row(c, categories, now) for c in cases]


def case_detail(store: Store, actor: Principal, complaint_id: int) -> CaseDetail:
    """Officers of the case's agency (with contact details) and executives (masked)."""
    with store.read() as session:
        case = session.get(Complaint, complaint_id)
        if case is None:
            raise NotFound()
        if actor.role == "officer":
            require_agency(session, actor, case.agency_code)
        else:
            require_role(session, actor, "executive")
        visible = sees_personal_data(actor, case.agency_code)
        latitude, longitude = (
            (case.latitude, case.longitude)
            if visible
            else public_point(case.category_code, case.tambon_code, case.latitude, case.longitude)
        )
        categories, agencies = _names(session)
        photos = tuple(
            session.scalars(
                select(Attachment.attachment_id).where(Attachment.complaint_id == complaint_id)
            )
        )
        return CaseDetail(
            complaint_id=case.complaint_id,
            category_code=case.category_code,
            category_name=categories.get(case.category_code, case.category_code),
            amphoe_code=case.amphoe_code,
            tambon_code=case.tambon_code,
            area_name=_area(case),
            village_no=case.village_no,
            latitude=latitude,
            longitude=longitude,
            description=(case.description_original or case.description)
            if visible
            else case.description,
            status=case.status,
            agency_code=case.agency_code,
            agency_name=agencies.get(case.agency_code or ""),
            received_at=case.received_at,
            sla_due_at=case.sla_due_at,
            is_escalated=case.is_escalated,
            duplicate_of=case.duplicate_of,
            resolution_text=case.resolution_text if visible else mask_text(case.resolution_text),
            rating=case.rating,
            reopen_count=case.reopen_count,
            contact_name=case.contact_name if visible else ("***" if case.contact_name else None),
            contact_phone=case.contact_phone if visible else mask_phone(case.contact_phone),
            contact_line_id=case.contact_line_id if visible else mask_line_id(case.contact_line_id),
            national_id_masked=case.national_id_masked,
            personal_data_visible=visible,
            timeline=_timeline(list(case.events), agencies, public_only=False),
            photo_ids=photos if visible or actor.role == "executive" else (),
        )


def staff_photo(store: Store, actor: Principal, attachment_id: int) -> tuple[bytes, str]:
    with store.read() as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None:
            raise NotFound()
        case = session.get(Complaint, attachment.complaint_id)
        assert case is not None
        if actor.role == "officer":
            require_agency(session, actor, case.agency_code)
        else:
            require_role(session, actor, "executive")
        return bytes(attachment.content), attachment.content_type


def is_closed(status: str) -> bool:
    return status in CLOSED_STATUSES


def agency_officers(store: Store, actor: Principal, agency_code: str) -> list[tuple[int, str]]:
    """(user id, display name) of the active officers of one agency: for executives assigning."""
    from operations.models import User

    with store.read() as session:
        require_role(session, actor, "executive", "admin")
        return [
            (u.user_id, u.display_name or u.username)
            for u in session.scalars(
                select(User).where(
                    User.role == "officer", User.agency_code == agency_code, User.is_active
                )
            )
        ]
