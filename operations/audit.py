"""The append-only audit log: who did what, when, with the state before and after.

Only :func:`record` writes it (there is no update or delete path in the code, and database triggers
refuse both). Snapshots never copy personal data: contact fields appear only as "present" flags and
free text is masked, so anonymising a case later leaves nothing personal in the log.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from operations.auth import Principal
from operations.masking import mask_text
from operations.models import AuditEntry


def plain(value: Any) -> Any:
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value


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
    entry = AuditEntry(
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
    )
    session.add(entry)
    return entry
