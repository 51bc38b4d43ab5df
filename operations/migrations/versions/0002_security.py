"""Security: hash-chained audit rows (and no REPLACE on SQLite), staff sessions, sign-in backoff,
and the masked description with its original kept apart.

Existing audit rows are chained in id order; existing descriptions are masked, the text as typed
moving to ``description_original`` (erased by the retention job like the other personal fields).

Revision ID: 0002_security
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_security"
down_revision = "0001"
branch_labels = ("security",)
depends_on = None

_NO_REPLACE = (
    "CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log "
    "WHEN EXISTS (SELECT 1 FROM audit_log WHERE audit_id = NEW.audit_id) "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
)
_SQLITE_GUARDS = {
    "audit_log_no_update": "BEFORE UPDATE ON audit_log",
    "audit_log_no_delete": "BEFORE DELETE ON audit_log",
}


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))
    _chain_existing_rows()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_guards(create=True)
        op.execute(_NO_REPLACE)

    op.create_table(
        "staff_sessions",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.user_id"], name=op.f("fk_staff_sessions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_staff_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_sessions_token_hash")),
    )
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_sessions_user_id"), ["user_id"], unique=False)
    op.create_table(
        "login_throttle",
        sa.Column("throttle_key", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("throttle_key", name=op.f("pk_login_throttle")),
    )

    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description_original", sa.Text(), nullable=True))
    _mask_existing_descriptions()


def downgrade() -> None:
    _restore_descriptions()
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_column("description_original")
    op.drop_table("login_throttle")
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_sessions_user_id"))
    op.drop_table("staff_sessions")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_replace")
        _sqlite_guards(create=False)
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_guards(create=True)


def _sqlite_guards(create: bool) -> None:
    """The UPDATE/DELETE triggers of revision 0001 (a batch table copy on SQLite drops them)."""
    for name, when in _SQLITE_GUARDS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        if create:
            op.execute(
                f"CREATE TRIGGER {name} {when} "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )


def _audit_table() -> sa.TableClause:
    text, string, integer = sa.Text(), sa.String(), sa.Integer()
    return sa.table(
        "audit_log",
        sa.column("audit_id", integer),
        sa.column("at", sa.DateTime()),
        sa.column("actor_user_id", integer),
        sa.column("actor", string),
        sa.column("actor_role", string),
        sa.column("action", string),
        sa.column("entity_type", string),
        sa.column("entity_id", string),
        sa.column("before_json", text),
        sa.column("after_json", text),
        sa.column("reason", text),
        sa.column("prev_hash", string),
        sa.column("row_hash", string),
    )


def _chain_existing_rows() -> None:
    from operations.audit import GENESIS, row_hash
    from operations.models import AuditEntry

    bind = op.get_bind()
    table = _audit_table()
    rows = bind.execute(sa.select(table).order_by(table.c.audit_id)).mappings().all()
    if not rows:
        return
    if bind.dialect.name == "sqlite":
        _sqlite_guards(create=False)
    else:
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    previous = GENESIS
    for position, row in enumerate(rows, start=1):
        values = {k: v for k, v in row.items() if k not in ("prev_hash", "row_hash")}
        entry = AuditEntry(**{**values, "audit_id": position, "prev_hash": previous})
        digest = row_hash(entry)
        bind.execute(
            table.update()
            .where(table.c.audit_id == row["audit_id"])
            .values(audit_id=position, prev_hash=previous, row_hash=digest)
        )
        previous = digest
    if bind.dialect.name != "sqlite":
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")


def _complaints_table() -> sa.TableClause:
    return sa.table(
        "complaints",
        sa.column("complaint_id", sa.Integer()),
        sa.column("description", sa.Text()),
        sa.column("description_original", sa.Text()),
    )


def _mask_existing_descriptions() -> None:
    from operations.masking import mask_text

    bind = op.get_bind()
    table = _complaints_table()
    for complaint_id, description in bind.execute(
        sa.select(table.c.complaint_id, table.c.description)
    ).all():
        masked = mask_text(str(description)) or ""
        if masked != description:
            bind.execute(
                table.update()
                .where(table.c.complaint_id == complaint_id)
                .values(description=masked, description_original=description)
            )


def _restore_descriptions() -> None:
    bind = op.get_bind()
    table = _complaints_table()
    bind.execute(
        table.update()
        .where(table.c.description_original.is_not(None))
        .values(description=table.c.description_original)
    )
