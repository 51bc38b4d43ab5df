"""Rendering helpers: every value that people typed is shown as text, never Markdown or HTML."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pandas as pd
import streamlit as st

from app.i18n import fmt_date, lang
from app.staff.labels import tr
from complaints.status import STATUS_NAMES
from complaints.views import AgencyStats, TimelineEntry
from operations.clock import to_bangkok

EVENT_NAMES: dict[str, tuple[str, str]] = {
    "received": ("รับเรื่อง", "Received"),
    "routed": ("ส่งถึงหน่วยงาน", "Routed to agency"),
    "accepted": ("หน่วยงานรับเรื่อง", "Accepted by agency"),
    "update": ("ความคืบหน้า", "Update"),
    "transferred": ("ส่งต่อหน่วยงาน", "Transferred"),
    "assigned": ("ผู้บริหารมอบหมาย", "Assigned by executive"),
    "resolved": ("แก้ไขแล้ว", "Resolved"),
    "confirmed": ("ผู้แจ้งยืนยันผล", "Confirmed by citizen"),
    "reopened": ("เปิดเรื่องใหม่", "Reopened"),
    "rejected": ("ไม่รับเรื่อง", "Rejected"),
    "merged": ("รวมกับเรื่องซ้ำ", "Merged as duplicate"),
    "escalated": ("เกินกำหนด ส่งผู้บริหาร", "Escalated (past SLA)"),
    "rated": ("ให้คะแนน", "Rated"),
    "comment": ("ความเห็นภายใน", "Internal comment"),
    "possible_duplicate": ("อาจเป็นเรื่องซ้ำ", "Possible duplicate"),
}


def fmt_time(moment: datetime | None) -> str:
    """Naive UTC -> Bangkok date and time, Thai or English."""
    local = to_bangkok(moment)
    if local is None:
        return "–"
    return f"{fmt_date(local)} {local:%H:%M}"


def status_name(status: str) -> str:
    th, en = STATUS_NAMES.get(status, (status, status))
    return en if lang() == "en" else th


def event_name(kind: str) -> str:
    th, en = EVENT_NAMES.get(kind, (kind, kind))
    return en if lang() == "en" else th


def timeline_frame(entries: Iterable[TimelineEntry]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                tr("when"): fmt_time(entry.at),
                tr("event"): event_name(entry.kind),
                tr("agency"): entry.agency_name or "",
                tr("message"): entry.message or "",
            }
            for entry in entries
        ]
    )


def show_timeline(entries: Iterable[TimelineEntry]) -> None:
    frame = timeline_frame(entries)
    if not frame.empty:
        st.dataframe(frame, hide_index=True, width="stretch")


def field(label: str, value: object) -> None:
    """``label: value`` with the value as plain text."""
    st.caption(label)
    st.text("–" if value is None or value == "" else str(value))


def show_agency_stats(stats: Iterable[AgencyStats]) -> None:
    """Cases, open, resolved (within SLA), overdue now, median days and rating per agency."""
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("agency"): s.agency_name,
                    tr("cases"): s.cases,
                    tr("open_cases"): s.open_cases,
                    tr("resolved"): s.resolved,
                    tr("within_sla"): s.resolved_within_sla,
                    tr("overdue_open"): s.overdue_open,
                    tr("median_days"): s.median_days_to_resolve,
                    tr("avg_rating"): s.average_rating,
                }
                for s in stats
            ]
        ),
        hide_index=True,
        width="stretch",
    )
