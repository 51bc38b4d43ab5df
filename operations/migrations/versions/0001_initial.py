"""Operational store: cases, timeline, photos, users, agencies, routing, SLA, audit, rate limits.

The audit log is append-only: triggers refuse UPDATE and DELETE on SQLite and PostgreSQL.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("name_th", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("agency_code", name=op.f("pk_agencies")),
    )
    op.create_table(
        "audit_log",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=60), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity_type", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=60), nullable=False),
        sa.Column("before_json", sa.Text(), nullable=True),
        sa.Column("after_json", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("audit_id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table(
        "category_sla",
        sa.Column("category_code", sa.String(length=40), nullable=False),
        sa.Column("name_th", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("sla_days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("category_code", name=op.f("pk_category_sla")),
    )
    op.create_table(
        "rate_limit_buckets",
        sa.Column("bucket_key", sa.String(length=80), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bucket_key", name=op.f("pk_rate_limit_buckets")),
    )
    op.create_table(
        "routing_rules",
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("category_code", sa.String(length=40), nullable=False),
        sa.Column("amphoe_code", sa.String(length=4), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_code"],
            ["agencies.agency_code"],
            name=op.f("fk_routing_rules_agency_code_agencies"),
        ),
        sa.PrimaryKeyConstraint("rule_id", name=op.f("pk_routing_rules")),
        sa.UniqueConstraint("category_code", "amphoe_code", name="uq_routing_rule"),
    )
    op.create_table(
        "users",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=True),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_code"], ["agencies.agency_code"], name=op.f("fk_users_agency_code_agencies")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "complaints",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("tracking_code_hash", sa.String(length=64), nullable=False),
        sa.Column("submission_token_hash", sa.String(length=64), nullable=False),
        sa.Column("tracking_code_sealed", sa.String(length=64), nullable=False),
        sa.Column("category_code", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("amphoe_code", sa.String(length=4), nullable=False),
        sa.Column("tambon_code", sa.String(length=6), nullable=False),
        sa.Column("village_no", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=True),
        sa.Column("assigned_user_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("contact_phone", sa.String(length=20), nullable=True),
        sa.Column("contact_line_id", sa.String(length=60), nullable=True),
        sa.Column("national_id_hash", sa.String(length=200), nullable=True),
        sa.Column("national_id_masked", sa.String(length=20), nullable=True),
        sa.Column("consent_version", sa.String(length=20), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("sla_due_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_escalated", sa.Boolean(), nullable=False),
        sa.Column("escalated_at", sa.DateTime(), nullable=True),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.Column("resolution_text", sa.Text(), nullable=True),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("anonymised_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_code"],
            ["agencies.agency_code"],
            name=op.f("fk_complaints_agency_code_agencies"),
        ),
        sa.ForeignKeyConstraint(
            ["assigned_user_id"],
            ["users.user_id"],
            name=op.f("fk_complaints_assigned_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["complaints.complaint_id"],
            name=op.f("fk_complaints_duplicate_of_complaints"),
        ),
        sa.PrimaryKeyConstraint("complaint_id", name=op.f("pk_complaints")),
        sa.UniqueConstraint(
            "submission_token_hash", name=op.f("uq_complaints_submission_token_hash")
        ),
        sa.UniqueConstraint("tracking_code_hash", name=op.f("uq_complaints_tracking_code_hash")),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index("ix_complaints_changes", ["updated_at", "complaint_id"], unique=False)
        batch_op.create_index(
            "ix_complaints_dup", ["category_code", "status", "received_at"], unique=False
        )
        batch_op.create_index(
            "ix_complaints_queue", ["agency_code", "status", "received_at"], unique=False
        )

    op.create_table(
        "case_events",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("status_from", sa.String(length=20), nullable=True),
        sa.Column("status_to", sa.String(length=20), nullable=True),
        sa.Column("agency_code", sa.String(length=40), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("is_public", sa.Boolean(), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_user_id"], ["users.user_id"], name=op.f("fk_case_events_actor_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.complaint_id"],
            name=op.f("fk_case_events_complaint_id_complaints"),
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_case_events")),
    )
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_events_complaint_id"), ["complaint_id"], unique=False
        )

    op.create_table(
        "attachments",
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("stored_name", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.complaint_id"],
            name=op.f("fk_attachments_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["case_events.event_id"], name=op.f("fk_attachments_event_id_case_events")
        ),
        sa.PrimaryKeyConstraint("attachment_id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_attachments_stored_name")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attachments_complaint_id"), ["complaint_id"], unique=False
        )

    _protect_audit_log()


def downgrade() -> None:
    _unprotect_audit_log()
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_complaint_id"))

    op.drop_table("attachments")
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_events_complaint_id"))

    op.drop_table("case_events")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_complaints_queue")
        batch_op.drop_index("ix_complaints_dup")
        batch_op.drop_index("ix_complaints_changes")

    op.drop_table("complaints")
    op.drop_table("users")
    op.drop_table("routing_rules")
    op.drop_table("rate_limit_buckets")
    op.drop_table("category_sla")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
    op.drop_table("agencies")


_SQLITE_TRIGGERS = {
    "audit_log_no_update": "BEFORE UPDATE ON audit_log",
    "audit_log_no_delete": "BEFORE DELETE ON audit_log",
}
_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql
"""


def _protect_audit_log() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name, when in _SQLITE_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} {when} "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            "ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )


def _unprotect_audit_log() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
