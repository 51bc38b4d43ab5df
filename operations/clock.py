"""Time: naive UTC in the store; every service takes ``now`` so tests control the clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

BANGKOK = timezone(timedelta(hours=7), "Asia/Bangkok")


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def as_naive_utc(moment: datetime) -> datetime:
    """Aware datetimes are converted to UTC; naive ones are taken as UTC already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def to_bangkok(moment: datetime | None) -> datetime | None:
    """Naive UTC -> naive Bangkok local time (the warehouse's convention)."""
    if moment is None:
        return None
    return (moment + timedelta(hours=7)).replace(tzinfo=None)


def next_change_time(previous: datetime | None, now: datetime) -> datetime:
    """``now``, but always after ``previous``: a row's ``updated_at`` only ever grows (extract)."""
    if previous is None or now > previous:
        return now
    return previous + timedelta(microseconds=1)
