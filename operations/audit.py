"""The append-only, tamper-evident audit log: who did what, when, with the state before and after.

Only :func:`record` writes it. Each row carries the SHA-256 of its own content chained to the row
before (``prev_hash`` -> ``row_hash``), so :func:`verify_chain` finds the first row that was
rewritten, deleted or slipped in, even by someone who bypassed the database's own guards (triggers
that refuse UPDATE, DELETE and REPLACE; on PostgreSQL an application role that may only INSERT).
Deleting rows at the end leaves a valid but shorter chain: the anchor (the last row checked,
written by the scheduled job to a file outside the database) catches that too.

Snapshots never copy personal data: contact fields appear only as "present" flags and free text is
masked, so anonymising a case later leaves nothing personal in the log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from operations.auth import Principal
from operations.db import Store
from operations.masking import mask_text
from operations.models import AuditEntry

GENESIS = "0" * 64
_PG_CHAIN_LOCK = 19_0001  # advisory lock key: one appender at a time on PostgreSQL


def plain(value: Any) -> Any:
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value


def row_hash(entry: AuditEntry) -> str:
    """SHA-256 of the row's content and the hash of the row before it."""
    content = [
        entry.audit_id,
        plain(entry.at),
        entry.actor_user_id,
        entry.actor,
        entry.actor_role,
        entry.action,
        entry.entity_type,
        entry.entity_id,
        entry.before_json,
        entry.after_json,
        entry.reason,
    ]
    payload = entry.prev_hash + "\n" + json.dumps(content, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _chain_tail(session: Session) -> tuple[int, str]:
    """(last id, last hash), holding the chain for this transaction so appends never interleave.

    SQLite write transactions already hold the database lock (``BEGIN IMMEDIATE``); PostgreSQL
    takes a transaction-scoped advisory lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_CHAIN_LOCK})
    last = session.execute(
        select(AuditEntry.audit_id, AuditEntry.row_hash).order_by(AuditEntry.audit_id.desc())
    ).first()
    return (0, GENESIS) if last is None else (int(last[0]), str(last[1]))


def record(
    session: Session,
    actor: Principal,
    action: str,
    entity_type: str,
    entity_id: object,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    at: datetime,
    reason: str | None = None,
) -> AuditEntry:
    last_id, last_hash = _chain_tail(session)
    entry = AuditEntry(
        audit_id=last_id + 1,
        at=at,
        actor_user_id=actor.user_id,
        actor=actor.username,
        actor_role=actor.role,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        before_json=None
        if before is None
        else json.dumps(before, ensure_ascii=False, sort_keys=True),
        after_json=None if after is None else json.dumps(after, ensure_ascii=False, sort_keys=True),
        reason=mask_text(reason),
        prev_hash=last_hash,
    )
    entry.row_hash = row_hash(entry)
    session.add(entry)
    session.flush()  # the next record() in this transaction chains onto this row
    return entry


# ----------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class Anchor:
    """The last row a verification found intact: kept outside the database."""

    audit_id: int
    row_hash: str

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps({"audit_id": self.audit_id, "row_hash": self.row_hash}))
        partial.replace(path)

    @staticmethod
    def load(path: Path) -> Anchor | None:
        if not path.is_file():
            return None
        data = json.loads(path.read_text())
        return Anchor(int(data["audit_id"]), str(data["row_hash"]))


@dataclass(frozen=True)
class ChainReport:
    rows: int
    broken_at: int | None  # the first audit_id that does not fit the chain
    problem_th: str = ""
    problem_en: str = ""
    last: Anchor | None = None

    @property
    def ok(self) -> bool:
        return self.broken_at is None

    def bilingual(self) -> str:
        if self.ok:
            return f"บันทึกตรวจสอบครบถ้วน {self.rows:,} แถว / audit log intact: {self.rows:,} rows"
        return f"{self.problem_th} / {self.problem_en}"


def check_rows(entries: Iterable[AuditEntry], anchor: Anchor | None = None) -> ChainReport:
    """Walk the rows in id order; report the first that was changed, removed or inserted."""
    previous_id, previous_hash, rows = 0, GENESIS, 0
    anchor_seen = anchor is None
    for entry in entries:
        rows += 1
        if entry.audit_id != previous_id + 1:
            return _broken(rows, previous_id + 1, "missing", entry.audit_id - 1)
        if entry.prev_hash != previous_hash:
            return _broken(rows, entry.audit_id, "relinked")
        if entry.row_hash != row_hash(entry):
            return _broken(rows, entry.audit_id, "changed")
        if anchor is not None and entry.audit_id == anchor.audit_id:
            if entry.row_hash != anchor.row_hash:
                return _broken(rows, entry.audit_id, "rewritten")
            anchor_seen = True
        previous_id, previous_hash = entry.audit_id, entry.row_hash
    if not anchor_seen:
        assert anchor is not None
        return _broken(rows, previous_id + 1, "truncated", anchor.audit_id)
    return ChainReport(rows, None, last=Anchor(previous_id, previous_hash) if rows else None)


def _broken(rows: int, audit_id: int, kind: str, other: int = 0) -> ChainReport:
    th, en = {
        "missing": (
            f"แถวที่ {audit_id}: ไม่มีแถวนี้"
            + (f" ถึงแถว {other}" if other > audit_id else "")
            + " (ถูกลบหรือเลขแถวถูกเปลี่ยน)",
            f"row {audit_id}: missing"
            + (f" up to row {other}" if other > audit_id else "")
            + " (deleted or renumbered)",
        ),
        "relinked": (
            f"แถวที่ {audit_id}: ไม่ต่อกับแถวก่อนหน้า (มีแถวถูกลบ แทรก หรือแก้ไข)",
            f"row {audit_id}: does not follow the row before it (a row was deleted, inserted "
            "or changed)",
        ),
        "changed": (
            f"แถวที่ {audit_id}: เนื้อหาถูกแก้ไข (ค่าแฮชไม่ตรง)",
            f"row {audit_id}: its content was changed (hash mismatch)",
        ),
        "rewritten": (
            f"แถวที่ {audit_id}: ไม่ตรงกับที่ตรวจไว้ครั้งก่อน (ถูกเขียนใหม่ทั้งสาย)",
            f"row {audit_id}: differs from the last verified copy (the chain was rewritten)",
        ),
        "truncated": (
            f"แถวที่ {audit_id}: แถวท้ายสุดถูกลบ (เคยตรวจถึงแถว {other})",
            f"row {audit_id}: rows at the end were deleted (verified up to row {other} before)",
        ),
    }[kind]
    return ChainReport(rows, audit_id, th, en)


def verify_chain(store: Store, anchor: Anchor | None = None) -> ChainReport:
    """Check every audit row of the store (streamed, in id order)."""
    with store.read() as session:
        rows = session.scalars(
            select(AuditEntry).order_by(AuditEntry.audit_id).execution_options(yield_per=2_000)
        )
        return check_rows(rows, anchor)
