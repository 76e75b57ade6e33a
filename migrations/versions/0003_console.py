"""officer console: officers, sessions, canned answers, staff notices, the scheduler lease;
ticket assignee, escalation, labels, rating; search indexes (pg_trgm on PostgreSQL)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 04:51:27.481708
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cannedanswer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "lease",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("holder", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "officer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("queues", sa.JSON(), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "officersession",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("officersession", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_officersession_officer_id"), ["officer_id"], unique=False)

    op.create_table(
        "staffnotice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("queue", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("pushed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["ticket.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("staffnotice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staffnotice_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_staffnotice_queue"), ["queue"], unique=False)
        batch_op.create_index(batch_op.f("ix_staffnotice_ticket_id"), ["ticket_id"], unique=False)

    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assignee_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("escalated", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("labels", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("resolved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("rating", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("rating_comment", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_ticket_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ticket_escalated"), ["escalated"], unique=False)
        batch_op.create_foreign_key("fk_ticket_assignee_id_officer", "officer", ["assignee_id"], ["id"])
        batch_op.create_index(
            "ix_ticket_queue_status_created", ["queue", "status", "created_at"], unique=False
        )
        batch_op.create_index("ix_ticket_urgent_created", ["urgent", "created_at", "id"], unique=False)

    _search_indexes()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in TRGM_INDEXES:
            op.drop_index(name)
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_urgent_created")
        batch_op.drop_index("ix_ticket_queue_status_created")
        batch_op.drop_constraint("fk_ticket_assignee_id_officer", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_ticket_escalated"))
        batch_op.drop_index(batch_op.f("ix_ticket_assignee_id"))
        batch_op.drop_column("rating_comment")
        batch_op.drop_column("rating")
        batch_op.drop_column("resolved_at")
        batch_op.drop_column("labels")
        batch_op.drop_column("escalated")
        batch_op.drop_column("assignee_id")

    with op.batch_alter_table("staffnotice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staffnotice_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_staffnotice_queue"))
        batch_op.drop_index(batch_op.f("ix_staffnotice_created_at"))

    op.drop_table("staffnotice")
    with op.batch_alter_table("officersession", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officersession_officer_id"))

    op.drop_table("officersession")
    op.drop_table("officer")
    op.drop_table("lease")
    op.drop_table("cannedanswer")


TRGM_INDEXES = {
    "ix_message_text_trgm": ("message", "text"),
    "ix_ticket_ref_trgm": ("ticket", "ref"),
    "ix_ticket_worker_name_trgm": ("ticket", "worker_name"),
    "ix_ticket_reporter_name_trgm": ("ticket", "reporter_name"),
    "ix_ticket_intake_trgm": ("ticket", "(intake::text)"),
}


def _search_indexes() -> None:
    """The console's search is ILIKE '%term%'; on PostgreSQL trigram GIN indexes make that fast."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in TRGM_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)")
