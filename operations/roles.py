"""PostgreSQL: the application's own role may read and write every table but only append to the
audit log (no UPDATE, DELETE or TRUNCATE), and may not change the schema.

Production runs migrations as the database owner (``saraburi ops-setup``) and the app and jobs as a
separate role that owns nothing, so it cannot drop the audit triggers either
(``docs/deployment.md``).
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, text

APPEND_ONLY_TABLES = ("audit_log",)
READ_ONLY_TABLES = ("alembic_version",)
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def grant_application_role(engine: Engine, role: str) -> None:
    """Give the existing login ``role`` the application's rights (run as the owner; idempotent)."""
    if engine.dialect.name != "postgresql":
        raise ValueError("roles exist on PostgreSQL only")
    if not _ROLE_NAME.match(role):
        raise ValueError(f"not a plain role name: {role!r}")
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        *(f"REVOKE UPDATE, DELETE, TRUNCATE ON {t} FROM {role}" for t in APPEND_ONLY_TABLES),
        *(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {t} FROM {role}" for t in READ_ONLY_TABLES),
    ]
    with engine.begin() as connection:
        for statement in statements:  # identifiers checked above; DDL takes no bound parameters
            connection.execute(text(statement))
