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
    with op.batch_alter_table("ticket") as batch:
        batch.add_column(sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch.create_index("ix_ticket_source", ["source"])
    with op.batch_alter_table("staffnotice") as batch:
        batch.add_column(sa.Column("count", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("staffnotice") as batch:
        batch.drop_column("count")
    with op.batch_alter_table("ticket") as batch:
        batch.drop_index("ix_ticket_source")
        batch.drop_column("source")
