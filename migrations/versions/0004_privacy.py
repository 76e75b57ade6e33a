"""privacy: passport numbers and NIK encrypted out of the intake JSON with blind indexes, ticket erasure
mark, random attachment tokens for console URLs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 08:23:07.796284
"""

import secrets

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

IDENTITY_FIELDS = ("passport_number", "nik")


def upgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
    _fill_attachment_tokens()
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.alter_column(
            "token", existing_type=sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False
        )
        batch_op.create_index(batch_op.f("ix_attachment_token"), ["token"], unique=True)

    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("passport_enc", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True)
        )
        batch_op.add_column(
            sa.Column("passport_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.add_column(sa.Column("nik_enc", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))
        batch_op.add_column(sa.Column("nik_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column("erased_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_ticket_nik_hash"), ["nik_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_ticket_passport_hash"), ["passport_hash"], unique=False)
    _encrypt_identity_numbers()


def _fill_attachment_tokens() -> None:
    connection = op.get_bind()
    for (attachment_id,) in connection.execute(sa.text("SELECT id FROM attachment")).all():
        connection.execute(
            sa.text("UPDATE attachment SET token = :token WHERE id = :id"),
            {"token": secrets.token_urlsafe(24), "id": attachment_id},
        )


def _encrypt_identity_numbers() -> None:
    """Move clear passport numbers and NIK out of ``ticket.intake`` into the encrypted columns."""
    from bot.models import Ticket
    from bot.pii import seal

    connection = op.get_bind()
    ticket = sa.table(
        "ticket",
        sa.column("id"),
        sa.column("intake", sa.JSON),
        *(sa.column(name) for name in ("passport_enc", "passport_hash", "nik_enc", "nik_hash")),
    )
    for row in connection.execute(sa.select(ticket.c.id, ticket.c.intake)).all():
        intake = row.intake or {}
        if not any(field in intake for field in IDENTITY_FIELDS):
            continue
        sealed = Ticket()
        rest = seal(sealed, intake)
        connection.execute(
            ticket.update()
            .where(ticket.c.id == row.id)
            .values(
                intake=rest,
                passport_enc=sealed.passport_enc,
                passport_hash=sealed.passport_hash,
                nik_enc=sealed.nik_enc,
                nik_hash=sealed.nik_hash,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_passport_hash"))
        batch_op.drop_index(batch_op.f("ix_ticket_nik_hash"))
        batch_op.drop_column("erased_at")
        batch_op.drop_column("nik_hash")
        batch_op.drop_column("nik_enc")
        batch_op.drop_column("passport_hash")
        batch_op.drop_column("passport_enc")

    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_token"))
        batch_op.drop_column("token")
