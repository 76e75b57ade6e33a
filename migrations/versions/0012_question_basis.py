"""question legal basis: a question answered before the privacy notice was accepted is kept on the
public-service basis of UU PDP art. 20(2) ("public_service"); earlier ones were all asked after consent

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 22:40:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "faqquestion",
        sa.Column(
            "legal_basis",
            sqlmodel.sql.sqltypes.AutoString(length=24),
            nullable=False,
            server_default="consent",
        ),
    )


def downgrade() -> None:
    op.drop_column("faqquestion", "legal_basis")
