"""SQLAlchemy models of the complaints domain (tables created by the Alembic migrations).

Personal data lives only in the ``contact_*``, ``national_id_*`` and ``description_original``
columns of :class:`Complaint` (erased by the retention job); ``description`` is masked at intake,
and the audit log never copies the personal columns.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from operations.models import Base


class RoutingRule(Base):
    __tablename__ = "routing_rules"
    __table_args__ = (UniqueConstraint("category_code", "amphoe_code", name="uq_routing_rule"),)

    rule_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_code: Mapped[str] = mapped_column(String(40))  # or "*"
    amphoe_code: Mapped[str] = mapped_column(String(4))  # or "*"
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.agency_code"))


class CategorySla(Base):
    __tablename__ = "category_sla"

    category_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    sla_days: Mapped[int] = mapped_column(Integer)


class Complaint(Base):
    __tablename__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_queue", "agency_code", "status", "received_at"),
        Index("ix_complaints_dup", "category_code", "status", "received_at"),
        Index("ix_complaints_changes", "updated_at", "complaint_id"),
    )

    complaint_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tracking_code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    submission_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The tracking code XOR a key derived from the submission token: only the submitter's
    # retry (same token) can read it back; a leaked database does not reveal tracking codes.
    tracking_code_sealed: Mapped[str] = mapped_column(String(64))
    category_code: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)  # masked at intake: what everyone else sees
    amphoe_code: Mapped[str] = mapped_column(String(4))
    tambon_code: Mapped[str] = mapped_column(String(6))
    village_no: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20))
    agency_code: Mapped[str | None] = mapped_column(ForeignKey("agencies.agency_code"))
    assigned_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.user_id"))
    channel: Mapped[str] = mapped_column(String(20), default="citizen_app")
    # personal data (never in logs, audit or the warehouse)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    contact_line_id: Mapped[str | None] = mapped_column(String(60))
    national_id_hash: Mapped[str | None] = mapped_column(String(200))
    national_id_masked: Mapped[str | None] = mapped_column(String(20))
    # the description as typed, only when masking changed it: for the case's own officers
    description_original: Mapped[str | None] = mapped_column(Text)
    consent_version: Mapped[str] = mapped_column(String(20))
    consent_at: Mapped[datetime] = mapped_column(DateTime)
    # workflow
    received_at: Mapped[datetime] = mapped_column(DateTime)
    sla_due_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    is_escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("complaints.complaint_id"))
    resolution_text: Mapped[str | None] = mapped_column(Text)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[int | None] = mapped_column(Integer)
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="complaint", order_by="CaseEvent.event_id", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CaseEvent(Base):
    """The timeline of a case; ``is_public`` events are shown on the tracking page."""

    __tablename__ = "case_events"

    event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.complaint_id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(30))
    status_from: Mapped[str | None] = mapped_column(String(20))
    status_to: Mapped[str | None] = mapped_column(String(20))
    agency_code: Mapped[str | None] = mapped_column(String(40))
    message: Mapped[str | None] = mapped_column(Text)
    is_public: Mapped[bool] = mapped_column(Boolean, default=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.user_id"))

    complaint: Mapped[Complaint] = relationship(back_populates="events")


class Attachment(Base):
    """A photo, stored as a blob so that it commits (or not) with its case."""

    __tablename__ = "attachments"

    attachment_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.complaint_id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("case_events.event_id"))
    purpose: Mapped[str] = mapped_column(String(20))  # report|resolution
    stored_name: Mapped[str] = mapped_column(
        String(64), unique=True
    )  # random, never the upload name
    content_type: Mapped[str] = mapped_column(String(40))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(DateTime)
