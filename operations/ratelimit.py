"""Fixed-window rate limits kept in the operational store (shared by every app process).

Each public action counts twice: per client (its network address, :mod:`operations.clients`, so a
new browser session does not start over) and for everyone together (a ceiling that many addresses
cannot get round). Staff sign-in has its own backoff (:mod:`operations.throttle`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from operations.db import insert_if_missing
from operations.errors import RateLimited
from operations.models import RateLimitBucket


@dataclass(frozen=True)
class Limit:
    scope: str
    max_hits: int
    window_seconds: int


TRACK_LOOKUP = Limit("track", 30, 600)  # tracking-code look-ups per client per 10 min
SUBMIT = Limit("submit", 20, 3600)  # new cases per client per hour
CITIZEN_ACTION = Limit("citizen_action", 20, 3600)  # confirm/reopen/rate per client per hour
# Everyone together: far above the province's real traffic (a few hundred cases a day).
TRACK_LOOKUP_ALL = Limit("track_all", 2_000, 600)
SUBMIT_ALL = Limit("submit_all", 2_000, 3600)
CITIZEN_ACTION_ALL = Limit("citizen_action_all", 2_000, 3600)
EVERYONE = "*"


def bucket_key(scope: str, client_key: str) -> str:
    """Scope plus a hash of the client key (client keys may be IP addresses: personal data)."""
    return f"{scope}:" + hashlib.sha256(f"{scope}|{client_key}".encode()).hexdigest()[:40]


def hit(session: Session, limit: Limit, client_key: str, now: datetime) -> None:
    """Count one hit in the caller's transaction; :class:`RateLimited` when the window is full."""
    key = bucket_key(limit.scope, client_key)
    # Create the row first (concurrent first hits must not collide), then lock and count.
    insert_if_missing(session, RateLimitBucket, {"bucket_key": key, "window_start": now, "hits": 0})
    bucket = session.scalars(
        select(RateLimitBucket).where(RateLimitBucket.bucket_key == key).with_for_update()
    ).one()
    window = timedelta(seconds=limit.window_seconds)
    if now - bucket.window_start >= window:
        bucket.window_start = now
        bucket.hits = 1
        return
    if bucket.hits >= limit.max_hits:
        retry = int((bucket.window_start + window - now).total_seconds()) + 1
        raise RateLimited(retry)
    bucket.hits += 1


def hit_client_and_all(
    session: Session, per_client: Limit, for_all: Limit, client_key: str, now: datetime
) -> None:
    """Count one hit for the client and one for everyone (the client's limit is checked first)."""
    hit(session, per_client, client_key, now)
    hit(session, for_all, EVERYONE, now)


def purge_expired(session: Session, now: datetime, longest_window_seconds: int = 86_400) -> int:
    result = session.execute(
        delete(RateLimitBucket).where(
            RateLimitBucket.window_start < now - timedelta(seconds=longest_window_seconds)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
