"""PDPA duties: anonymise closed cases after the retention period; give citizens their data."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from complaints import tracking
from complaints.models import Attachment, CaseEvent, Complaint
from complaints.snapshot import case_snapshot
from complaints.status import CLOSED_STATUSES
from complaints.validation import normalise_phone
from operations import ratelimit
from operations.audit import record
from operations.auth import SYSTEM, Principal
from operations.clock import as_naive_utc, next_change_time
from operations.db import Store
from operations.errors import NotFound
from operations.masking import mask_text

DEFAULT_RETENTION_DAYS = 365
PRIVACY_NOTICE_TH = (
    "ข้อมูลติดต่อของท่าน (ชื่อ โทรศัพท์ LINE ID) ใช้เพื่อติดต่อกลับและแจ้งผลการแก้ไขปัญหาเท่านั้น "
    "เปิดเผยเฉพาะเจ้าหน้าที่ของหน่วยงานที่รับผิดชอบเรื่องนี้ ไม่แสดงต่อสาธารณะ และจะถูกลบเมื่อปิดเรื่องครบ "
    "{days} วัน ท่านขอสำเนาข้อมูลของท่านได้ด้วยรหัสติดตามและเบอร์โทรศัพท์หรือ LINE ID ที่ให้ไว้ "
    "(พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562)"
)
PRIVACY_NOTICE_EN = (
    "Your contact details (name, phone, LINE ID) are used only to reach you and report the "
    "outcome. Only officers of the agency handling your case see them; they are never shown "
    "publicly and are "
    "deleted {days} days after the case is closed. You can ask for a copy of your data with your "
    "tracking code and the phone number or LINE ID you gave (Personal Data Protection Act 2019)."
)


def anonymise_closed_cases(
    store: Store,
    now: datetime,
    retention_days: int = DEFAULT_RETENTION_DAYS,
    actor: Principal = SYSTEM,
) -> int:
    """Erase personal data of cases closed more than ``retention_days`` ago; returns how many.

    Contact fields and the national ID are erased, free text is masked, report photos are deleted.
    The case itself (category, place, dates, status) stays for statistics.
    """
    now = as_naive_utc(now)
    cutoff = now - timedelta(days=retention_days)
    with store.write() as session:
        cases = session.scalars(
            select(Complaint)
            .where(
                Complaint.status.in_(CLOSED_STATUSES),
                Complaint.closed_at.is_not(None),
                Complaint.closed_at <= cutoff,
                Complaint.anonymised_at.is_(None),
            )
            .with_for_update()
        ).all()
        for case in cases:
            before = case_snapshot(case)
            case.contact_name = None
            case.contact_phone = None
            case.contact_line_id = None
            case.national_id_hash = None
            case.national_id_masked = None
            case.description = mask_text(case.description) or ""
            case.description_original = None
            case.resolution_text = mask_text(case.resolution_text)
            case.anonymised_at = now
            case.updated_at = next_change_time(case.updated_at, now)
            for event in session.scalars(
                select(CaseEvent).where(CaseEvent.complaint_id == case.complaint_id)
            ):
                event.message = mask_text(event.message)
            for photo in session.scalars(
                select(Attachment).where(
                    Attachment.complaint_id == case.complaint_id, Attachment.purpose == "report"
                )
            ):
                session.delete(photo)
            record(
                session,
                actor,
                "case.anonymise",
                "complaint",
                case.complaint_id,
                before,
                case_snapshot(case),
                now,
            )
    return len(cases)


def export_citizen_data(
    store: Store,
    tracking_code: str,
    contact: str,
    client_key: str = "export",
    now: datetime | None = None,
) -> dict[str, Any]:
    """Everything stored about the citizen's case, for the holder of its code and contact.

    ``contact`` must equal the phone number or LINE ID given with the report (a second factor, so
    a tracking code alone never reveals contact details). Rate-limited like tracking look-ups.
    """
    moment = as_naive_utc(now) if now else None
    if moment is not None:
        with store.write() as session:
            ratelimit.hit_client_and_all(
                session, ratelimit.TRACK_LOOKUP, ratelimit.TRACK_LOOKUP_ALL, client_key, moment
            )
    code = tracking.normalise_code(tracking_code)
    with store.read() as session:
        case = None
        if code is not None:
            case = session.scalars(
                select(Complaint).where(Complaint.tracking_code_hash == tracking.hash_code(code))
            ).first()
        phone = normalise_phone(contact) if contact else None
        line_id = contact.strip().lstrip("@").lower() if contact else ""
        matches = case is not None and (
            (phone is not None and phone == case.contact_phone)
            or (bool(line_id) and line_id == case.contact_line_id)
        )
        if case is None or not matches:
            raise NotFound(
                "ไม่พบข้อมูลที่ตรงกับรหัสติดตามและข้อมูลติดต่อนี้",
                "no data matches this tracking code and contact",
            )
        photos = session.execute(
            select(
                Attachment.stored_name,
                Attachment.content_type,
                Attachment.size_bytes,
                Attachment.purpose,
            ).where(Attachment.complaint_id == case.complaint_id)
        ).all()
        return {
            "tracking_code": code,
            "category_code": case.category_code,
            "description": case.description_original or case.description,
            "amphoe_code": case.amphoe_code,
            "tambon_code": case.tambon_code,
            "village_no": case.village_no,
            "latitude": case.latitude,
            "longitude": case.longitude,
            "contact_name": case.contact_name,
            "contact_phone": case.contact_phone,
            "contact_line_id": case.contact_line_id,
            "national_id": case.national_id_masked,
            "consent_version": case.consent_version,
            "consent_at": case.consent_at.isoformat(),
            "received_at": case.received_at.isoformat(),
            "status": case.status,
            "resolution_text": case.resolution_text,
            "rating": case.rating,
            "timeline": [
                {
                    "at": e.at.isoformat(),
                    "kind": e.kind,
                    "status": e.status_to,
                    "message": e.message,
                }
                for e in case.events
                if e.is_public
            ],
            "photos": [
                {"name": name, "content_type": ctype, "size_bytes": size, "purpose": purpose}
                for name, ctype, size, purpose in photos
            ],
        }
