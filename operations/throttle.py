"""Sign-in throttling with exponential backoff, per client, per (account, client) and per account.

A client (an IP address, see :mod:`operations.clients`) that keeps failing waits longer and longer
(up to 15 minutes), and so does one client guessing one account. The account as a whole only slows
down after failures from very many clients, and then by at most :data:`PER_ACCOUNT` ``cap_seconds``:
a stranger can slow an officer down by seconds, never lock her out, because the stranger's own
address is throttled long before the account is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from operations.db import insert_if_missing
from operations.errors import RateLimited
from operations.models import LoginThrottle

FORGET_AFTER = timedelta(hours=24)  # failures older than this no longer count


@dataclass(frozen=True)
class Backoff:
    scope: str
    free_failures: int  # failures allowed before any wait
    base_seconds: int  # the first wait; each further failure doubles it
    cap_seconds: int

    def wait_seconds(self, failures: int) -> int:
        if failures < self.free_failures:
            return 0
        return int(min(self.base_seconds * 2 ** (failures - self.free_failures), self.cap_seconds))


PER_CLIENT = Backoff("client", 10, 2, 900)
PER_ACCOUNT_AND_CLIENT = Backoff("pair", 5, 2, 900)
PER_ACCOUNT = Backoff("account", 50, 1, 30)


def throttle_keys(username: str, client_key: str) -> dict[Backoff, str]:
    account = username.strip().lower()
    return {
        PER_CLIENT: _key(PER_CLIENT, client_key),
        PER_ACCOUNT_AND_CLIENT: _key(PER_ACCOUNT_AND_CLIENT, f"{account}|{client_key}"),
        PER_ACCOUNT: _key(PER_ACCOUNT, account),
    }


def _key(backoff: Backoff, value: str) -> str:
    digest = hashlib.sha256(f"{backoff.scope}|{value}".encode()).hexdigest()[:60]
    return f"{backoff.scope}:{digest}"


def check(session: Session, keys: dict[Backoff, str], now: datetime) -> None:
    """:class:`RateLimited` when any of ``keys`` must still wait (a refused try is not counted)."""
    wait = 0
    for backoff, key in keys.items():
        row = session.get(LoginThrottle, key)
        if row is None or now - row.last_failure_at > FORGET_AFTER:
            continue
        ready_at = row.last_failure_at + timedelta(seconds=backoff.wait_seconds(row.failures))
        wait = max(wait, int((ready_at - now).total_seconds() + 0.999))
    if wait > 0:
        raise RateLimited(wait)


def failed(session: Session, keys: dict[Backoff, str], now: datetime) -> None:
    for key in keys.values():
        values = {"throttle_key": key, "failures": 0, "last_failure_at": now}
        insert_if_missing(session, LoginThrottle, values)
        row = session.get(LoginThrottle, key, with_for_update=True, populate_existing=True)
        assert row is not None
        stale = now - row.last_failure_at > FORGET_AFTER
        row.failures = 1 if stale else row.failures + 1
        row.last_failure_at = now
    session.flush()


def succeeded(session: Session, keys: dict[Backoff, str]) -> None:
    """A correct password clears the client's and the pair's failures and takes back its own
    count from the account's (every try is counted as a failure until it proves right)."""
    cleared = [keys[PER_CLIENT], keys[PER_ACCOUNT_AND_CLIENT]]
    session.execute(delete(LoginThrottle).where(LoginThrottle.throttle_key.in_(cleared)))
    account = session.get(LoginThrottle, keys[PER_ACCOUNT], with_for_update=True)
    if account is not None:
        account.failures = max(account.failures - 1, 0)


def purge_stale(session: Session, now: datetime) -> int:
    result = session.execute(
        delete(LoginThrottle).where(LoginThrottle.last_failure_at < now - FORGET_AFTER)
    )
    return int(getattr(result, "rowcount", 0) or 0)
