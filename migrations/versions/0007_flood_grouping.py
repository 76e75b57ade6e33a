"""ticket source and staff notice count: who opened a ticket (web: client network; Telegram: chat; WhatsApp:
number), so danger messages from a flooding source are filed on its recent urgent ticket; how many notices a
merged staff notice stands for

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 20:50:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("ticket", sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
    op.create_index("ix_ticket_source", "ticket", ["source"])
    op.add_column("staffnotice", sa.Column("count", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    # Not in batch mode: on SQLite that copies the ticket table, which the foreign keys to it refuse (SQLite
    # 3.35+ drops a column in place).
    op.drop_column("staffnotice", "count")
    op.drop_index("ix_ticket_source", table_name="ticket")
    op.drop_column("ticket", "source")
