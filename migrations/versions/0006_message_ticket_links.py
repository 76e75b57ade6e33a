"""message ticket links: file on its ticket every message that belongs to one (the data of erasure, retention
and the ticket page), as far as the stored rows tell

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 19:50:00.000000
"""

from datetime import timedelta

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

message = sa.table(
    "message",
    sa.column("id"),
    sa.column("conversation_id"),
    sa.column("ticket_id"),
    sa.column("reply_to_id"),
    sa.column("created_at", sqlmodel.sql.sqltypes.UTCDateTime()),
)
attachment = sa.table("attachment", sa.column("message_id"), sa.column("ticket_id"))
ticket = sa.table(
    "ticket",
    sa.column("id"),
    sa.column("conversation_id"),
    sa.column("intake", sa.JSON),
    sa.column("created_at", sqlmodel.sql.sqltypes.UTCDateTime()),
)
FORM_KEYS = ("name", "reporter_name")  # an intake with one of these was filled in a form


def upgrade() -> None:
    connection = op.get_bind()
    _messages_of_filed_attachments(connection)
    _form_conversations(connection)
    _replies_follow_what_they_answer(connection)


def _messages_of_filed_attachments(connection: sa.Connection) -> None:
    """A message carrying a file filed on a ticket belongs to that ticket (evidence sent in a form)."""
    filed = (
        sa.select(attachment.c.ticket_id)
        .where(attachment.c.message_id == message.c.id, attachment.c.ticket_id.is_not(None))
        .limit(1)
        .scalar_subquery()
    )
    connection.execute(message.update().where(message.c.ticket_id.is_(None)).values(ticket_id=filed))


def _form_conversations(connection: sa.Connection) -> None:
    """The unfiled messages of a form ticket's chat since the chat's previous ticket (at most the form
    expiry before it) up to the confirmation, which carries the ticket's own timestamp."""
    from bot.config import get_config

    expiry = timedelta(hours=get_config().conversation.form_expiry_hours)
    rows = connection.execute(
        sa.select(ticket.c.id, ticket.c.conversation_id, ticket.c.intake, ticket.c.created_at).order_by(
            ticket.c.conversation_id, ticket.c.created_at, ticket.c.id
        )
    ).all()
    previous: dict[int, object] = {}
    for row in rows:
        since = row.created_at - expiry
        earlier = previous.get(row.conversation_id)
        previous[row.conversation_id] = row.created_at
        if not any(key in (row.intake or {}) for key in FORM_KEYS):
            continue
        if earlier is not None and earlier > since:
            since = earlier
        connection.execute(
            message.update()
            .where(
                message.c.conversation_id == row.conversation_id,
                message.c.ticket_id.is_(None),
                message.c.created_at > since,
                message.c.created_at <= row.created_at,
            )
            .values(ticket_id=row.id)
        )


def _replies_follow_what_they_answer(connection: sa.Connection) -> None:
    parent = message.alias("parent")
    filed = (
        sa.select(parent.c.ticket_id).where(parent.c.id == message.c.reply_to_id).limit(1).scalar_subquery()
    )
    connection.execute(
        message.update()
        .where(message.c.ticket_id.is_(None), message.c.reply_to_id.is_not(None))
        .values(ticket_id=filed)
    )


def downgrade() -> None:
    """The links stay: the column existed before this revision."""
