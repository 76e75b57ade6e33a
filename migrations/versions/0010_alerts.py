"""alerts: people subscribed to warnings per destination country, the alerts supervisors sent, and each alert
message's link to its alert (delivery counts)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 22:50:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alertsubscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contact_id", "country"),
    )
    op.create_index("ix_alertsubscription_contact_id", "alertsubscription", ["contact_id"])
    op.create_index("ix_alertsubscription_country", "alertsubscription", ["country"])
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("message") as batch:
        batch.add_column(sa.Column("alert_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_message_alert_id", "alert", ["alert_id"], ["id"])
        batch.create_index("ix_message_alert_id", ["alert_id"])


def downgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.drop_index("ix_message_alert_id")
        batch.drop_constraint("fk_message_alert_id", type_="foreignkey")
        batch.drop_column("alert_id")
    op.drop_table("alert")
    op.drop_index("ix_alertsubscription_country", "alertsubscription")
    op.drop_index("ix_alertsubscription_contact_id", "alertsubscription")
    op.drop_table("alertsubscription")
