"""agency register: licensed recruitment agencies (P3MI) with their SIP3MI licence, status, validity, branches
and the countries they may place workers in (helpdesk agencies import)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 22:40:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agency",
        sa.Column("licence", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("head_office", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("branches", sa.JSON(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("licence"),
    )


def downgrade() -> None:
    op.drop_table("agency")
