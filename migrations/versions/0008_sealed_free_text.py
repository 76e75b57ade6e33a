"""sealed free text: passport numbers and NIK typed in messages, stories, form answers, notes, FAQ questions
and conversation state encrypted in place (bot.sealed); no schema change

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 20:50:00.000000
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: table -> (text columns, JSON columns) that bot.models declares sealed
SEALED = {
    "message": (("text",), ()),
    "ticket": (("description",), ("intake",)),
    "ticketevent": ((), ("detail",)),
    "faqquestion": (("text",), ()),
    "conversation": ((), ("data",)),
}


def upgrade() -> None:
    from bot.pii import seal_text
    from bot.sealed import rewrite

    rewrite(op.get_bind(), SEALED, seal_text)


def downgrade() -> None:
    from bot.pii import unseal_text
    from bot.sealed import rewrite

    rewrite(op.get_bind(), SEALED, unseal_text)
