"""console mentions: an officer named with @username in a colleague's internal note is notified in the console

Revision ID: 0014_console
Revises: 0013
Create Date: 2026-12-02 01:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_console"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mention",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("officer_id", sa.Integer(), sa.ForeignKey("officer.id"), nullable=False),
        sa.Column("ticket_id", sa.Integer(), sa.ForeignKey("ticket.id"), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("officer.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_mention_officer_read", "mention", ["officer_id", "read_at"])
    op.create_index("ix_mention_ticket_id", "mention", ["ticket_id"])


def downgrade() -> None:
    op.drop_index("ix_mention_ticket_id", table_name="mention")
    op.drop_index("ix_mention_officer_read", table_name="mention")
    op.drop_table("mention")
