"""Incremental, pseudonymised extract of the operational store into the warehouse's raw layer.

``extract_to_raw`` reads the cases changed since the last run (watermark on ``updated_at`` and
``complaint_id`` in ``raw.app_complaints_watermark``) and upserts them into ``raw.app_complaints``
in one DuckDB transaction. Rows are re-read from a short look-back window before the watermark (a
transaction that committed late is not missed) but written only if they differ from what is
already there, so each change lands once. No names, phones, LINE ids or national IDs leave the
store; the description was masked at intake. Times are Bangkok local time without
offset, like every raw table.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
from sqlalchemy import inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import lazyload

from complaints.models import Complaint
from operations.clock import to_bangkok, utc_now
from operations.db import Store, is_sqlite

SOURCE = "app_complaints"
LOOKBACK = timedelta(minutes=10)
CASE_ID_PREFIX = "APP-"
_EPOCH = datetime(1970, 1, 1)

_COLUMNS: tuple[tuple[str, str], ...] = (
    ("case_id", "VARCHAR"),
    ("tracking_code_hash", "VARCHAR"),
    ("category_code", "VARCHAR"),
    ("description", "VARCHAR"),
    ("tambon_code", "VARCHAR"),
    ("amphoe_code", "VARCHAR"),
    ("village_no", "BIGINT"),
    ("latitude", "DOUBLE"),
    ("longitude", "DOUBLE"),
    ("status", "VARCHAR"),
    ("agency_code", "VARCHAR"),
    ("received_at", "TIMESTAMP"),
    ("resolved_at", "TIMESTAMP"),
    ("updated_at", "TIMESTAMP"),
    ("is_escalated", "BOOLEAN"),
    ("duplicate_of", "VARCHAR"),
    ("rating", "BIGINT"),
    ("_source", "VARCHAR"),
    ("_loaded_at", "TIMESTAMP"),
)
_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
}

_DDL = (
    "CREATE SCHEMA IF NOT EXISTS raw",
    "CREATE TABLE IF NOT EXISTS raw.app_complaints ("
    + ", ".join(f"{name} {kind}" for name, kind in _COLUMNS)
    + ", PRIMARY KEY (case_id))",
    "CREATE TABLE IF NOT EXISTS raw.app_complaints_watermark ("
    "source VARCHAR PRIMARY KEY, last_updated_at TIMESTAMP, last_complaint_id BIGINT, "
    "last_run_at TIMESTAMP, rows_changed BIGINT)",
)


def case_key(complaint_id: int | None) -> str | None:
    return None if complaint_id is None else f"{CASE_ID_PREFIX}{complaint_id:08d}"


def warehouse_code_hash(operational_hash: str) -> str:
    """A second hash, so the warehouse key differs from the store's look-up key."""
    return hashlib.sha256(f"warehouse:{operational_hash}".encode()).hexdigest()


def _row(case: Complaint, loaded_at: datetime) -> dict[str, object]:
    return {
        "case_id": case_key(case.complaint_id),
        "tracking_code_hash": warehouse_code_hash(case.tracking_code_hash),
        "category_code": case.category_code,
        "description": case.description,  # masked at intake
        "tambon_code": case.tambon_code,
        "amphoe_code": case.amphoe_code,
        "village_no": case.village_no,
        "latitude": case.latitude,
        "longitude": case.longitude,
        "status": case.status,
        "agency_code": case.agency_code,
        "received_at": to_bangkok(case.received_at),
        "resolved_at": to_bangkok(case.resolved_at),
        "updated_at": to_bangkok(case.updated_at),
        "is_escalated": bool(case.is_escalated),
        # Only a merge makes a case a duplicate for the warehouse; a possible duplicate found at
        # intake is still a citizen's own report and is counted.
        "duplicate_of": case_key(case.duplicate_of) if case.status == "merged_duplicate" else None,
        "rating": case.rating,
        "_source": SOURCE,
        "_loaded_at": loaded_at,
    }


def extract_to_raw(raw_con: duckdb.DuckDBPyConnection, operational_url: str) -> int:
    """Upsert the cases changed since the last run into ``raw.app_complaints``; returns how many."""
    raw_con.execute("BEGIN TRANSACTION")
    try:
        for statement in _DDL:
            raw_con.execute(statement)
        mark = raw_con.execute(
            "SELECT last_updated_at, last_complaint_id FROM raw.app_complaints_watermark "
            "WHERE source = ?",
            [SOURCE],
        ).fetchone()
        last_at: datetime = mark[0] if mark else _EPOCH
        last_id: int = int(mark[1]) if mark else 0
        changed = _changed_cases(raw_con, operational_url, last_at)
        loaded_at = to_bangkok(utc_now()) or _EPOCH
        rows = [_row(case, loaded_at) for case in changed]
        if rows:
            batch = pa.Table.from_pylist(
                rows, schema=pa.schema([(n, _ARROW_TYPES[k]) for n, k in _COLUMNS])
            )
            raw_con.register("app_complaints_batch", batch)
            raw_con.execute(
                "DELETE FROM raw.app_complaints WHERE case_id IN "
                "(SELECT case_id FROM app_complaints_batch)"
            )
            raw_con.execute("INSERT INTO raw.app_complaints SELECT * FROM app_complaints_batch")
            raw_con.unregister("app_complaints_batch")
            newest = max(changed, key=lambda c: (c.updated_at, c.complaint_id))
            if (newest.updated_at, newest.complaint_id) > (last_at, last_id):
                last_at, last_id = newest.updated_at, newest.complaint_id
        raw_con.execute(
            "INSERT OR REPLACE INTO raw.app_complaints_watermark VALUES (?, ?, ?, ?, ?)",
            [SOURCE, last_at, last_id, loaded_at, len(rows)],
        )
        raw_con.execute("COMMIT")
    except BaseException:
        raw_con.execute("ROLLBACK")
        raise
    return len(rows)


def _changed_cases(
    raw_con: duckdb.DuckDBPyConnection, operational_url: str, last_at: datetime
) -> list[Complaint]:
    """Cases updated after ``last_at - LOOKBACK`` that differ from their raw copy."""
    since = last_at - LOOKBACK if last_at > _EPOCH + LOOKBACK else _EPOCH
    if is_sqlite(operational_url):
        database = make_url(operational_url).database
        if not database or not Path(database).is_file():
            return []  # no store yet (set-up not run): the raw table exists, empty
    store = Store(operational_url)
    try:
        if not inspect(store.engine).has_table(Complaint.__tablename__):
            return []
        with store.read() as session:
            cases = list(
                session.scalars(
                    select(Complaint)
                    .options(lazyload(Complaint.events))
                    .where(Complaint.updated_at > since)
                    .order_by(Complaint.updated_at, Complaint.complaint_id)
                )
            )
            for case in cases:
                session.expunge(case)
    finally:
        store.dispose()
    if not cases:
        return []
    keys = [case_key(c.complaint_id) for c in cases]
    present = dict(
        raw_con.execute(
            "SELECT case_id, updated_at FROM raw.app_complaints WHERE case_id IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [keys],
        ).fetchall()
    )
    return [c for c in cases if present.get(case_key(c.complaint_id)) != to_bangkok(c.updated_at)]
