"""The status machine of a case: which transitions exist, and nothing else."""

from __future__ import annotations

from typing import Final, Literal

from operations.errors import TransitionNotAllowed

Status = Literal[
    "received",
    "routed",
    "in_progress",
    "resolved",
    "confirmed",
    "reopened",
    "rejected",
    "merged_duplicate",
]

STATUSES: Final[tuple[Status, ...]] = (
    "received",
    "routed",
    "in_progress",
    "resolved",
    "confirmed",
    "reopened",
    "rejected",
    "merged_duplicate",
)
OPEN_STATUSES: Final[frozenset[str]] = frozenset({"received", "routed", "in_progress", "reopened"})
TERMINAL_STATUSES: Final[frozenset[str]] = frozenset({"confirmed", "rejected", "merged_duplicate"})
# Not open any more: counted as closed for retention (resolved may still be reopened for a while).
CLOSED_STATUSES: Final[frozenset[str]] = TERMINAL_STATUSES | {"resolved"}

# A transfer moves an open case to another agency; it lands as "routed" again.
TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    "received": frozenset({"routed", "rejected", "merged_duplicate"}),
    "routed": frozenset({"routed", "in_progress", "rejected", "merged_duplicate"}),
    "in_progress": frozenset({"routed", "resolved", "rejected", "merged_duplicate"}),
    "resolved": frozenset({"confirmed", "reopened"}),
    "reopened": frozenset({"routed", "in_progress", "rejected", "merged_duplicate"}),
    "confirmed": frozenset(),
    "rejected": frozenset(),
    "merged_duplicate": frozenset(),
}

STATUS_NAMES: Final[dict[str, tuple[str, str]]] = {
    "received": ("รับเรื่องแล้ว", "Received"),
    "routed": ("ส่งถึงหน่วยงานแล้ว", "Routed to agency"),
    "in_progress": ("กำลังดำเนินการ", "In progress"),
    "resolved": ("แก้ไขแล้ว", "Resolved"),
    "confirmed": ("ผู้แจ้งยืนยันผลแล้ว", "Confirmed by citizen"),
    "reopened": ("เปิดเรื่องใหม่", "Reopened"),
    "rejected": ("ไม่รับเรื่อง", "Rejected"),
    "merged_duplicate": ("รวมกับเรื่องซ้ำ", "Merged as duplicate"),
}


def allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def check_transition(current: str, target: str) -> None:
    """Raise :class:`TransitionNotAllowed` unless ``current -> target`` is allowed."""
    if not allowed(current, target):
        raise TransitionNotAllowed(current, target)
