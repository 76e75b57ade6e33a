"""ticket seen: when each officer last looked at each ticket, so the console's queue marks tickets the person
wrote to after that as unread

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 22:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticketseen",
        sa.Column("officer_id", sa.Integer(), sa.ForeignKey("officer.id"), primary_key=True),
        sa.Column("ticket_id", sa.Integer(), sa.ForeignKey("ticket.id"), primary_key=True),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_ticketseen_ticket_id", "ticketseen", ["ticket_id"])


def downgrade() -> None:
    op.drop_index("ix_ticketseen_ticket_id", table_name="ticketseen")
    op.drop_table("ticketseen")
