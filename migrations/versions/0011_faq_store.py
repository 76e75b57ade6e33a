"""faq store: the knowledge base in the database (topics as validated documents, every change kept as a
revision whose newest id is the knowledge base's version), seeded from the shipped YAML by faq.store

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 23:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "faqtopic",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "faqtopicrevision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("document", sa.JSON(), nullable=True),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_faqtopicrevision_topic_id", "faqtopicrevision", ["topic_id"])


def downgrade() -> None:
    op.drop_index("ix_faqtopicrevision_topic_id", "faqtopicrevision")
    op.drop_table("faqtopicrevision")
    op.drop_table("faqtopic")
