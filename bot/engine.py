"""The conversation engine: one inbound message in, the replies out, in one transaction, exactly once.

Every channel calls :func:`handle`. The engine stores the message, loads and locks the conversation, lets the
handlers decide, stores the replies as outbound messages, and commits. A message whose channel id was seen
before gets the replies stored the first time, and nothing else happens. If a handler fails, the turn is
rolled back, the message is kept with status ``failed``, and the person gets a short apology. If even that
cannot be stored (a full disk, a database that refuses writes), :class:`NotStored` is raised: the channel
must tell the sender the message did not arrive, never answer as if it had.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from bot import actors, hooks
from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.i18n import normalise_language, use_language
from bot.messages import Button, Inbound, Outbound
from bot.models import Attachment, Contact, Conversation, Message, table_of
from bot.turn import Turn, apology
from nlu.text import storable, strip_controls

log = logging.getLogger(__name__)


Inline = bool | Callable[[], bool]


class NotStored(RuntimeError):
    """The message could not be stored at all, not even as failed: nothing of it is kept."""


def handle(inbound: Inbound, *, inline: Inline = True, engine: Engine | None = None) -> list[Outbound]:
    """Answer ``inbound``. ``inline`` channels (the terminal, web chat, TwiML) deliver the returned replies
    themselves, so those are stored as sent; other channels leave them in the outbox for the sender.
    ``inline`` may be a callable asked once, when the replies are stored: a webhook whose answer may no longer
    reach the person says no, and the replies go through the outbox. Raises :class:`NotStored`."""
    respond = hooks.responder()  # the flows (handlers.router.respond), handed over by app.wiring
    inbound = replace(
        inbound, text=storable(inbound.text), display_name=storable(inbound.display_name or "") or None
    )
    for attempt in range(3):
        try:
            with session_scope(engine) as session:
                return _process(session, inbound, inline, respond)
        except IntegrityError:
            # The message id was stored before (a redelivery), or another process created the same contact
            # or chat a moment ago: answer with the first replies, or run again and find the new rows.
            earlier = _replies_to_earlier(inbound, engine)
            if earlier is not None:
                return earlier
            if attempt == 2:
                break
        except OperationalError as error:
            # SQLite busy past its timeout, or a pooled connection the database server dropped (a restart, a
            # failover): the pool has been refreshed, so the turn runs again on a new connection. This stands
            # in for pool_pre_ping, which costs a round trip on every checkout.
            if not (error.connection_invalidated or "locked" in str(error)) or attempt == 2:
                log.exception("database error while handling %s message %s", inbound.channel, _ref(inbound))
                break
        except Exception:
            log.exception("handler failed on %s message %s", inbound.channel, _ref(inbound))
            break
    return _store_failure(inbound, inline, engine)


def _ref(inbound: Inbound) -> str:
    return inbound.channel_message_id or "(no id)"


def _process(session: Session, inbound: Inbound, inline: Inline, respond: hooks.Respond) -> list[Outbound]:
    now = utcnow()
    contact, conversation = _participants(session, inbound)
    # A redelivered message id violates the unique constraint here, before any handler runs.
    message_id = _store_inbound(session, inbound, conversation, now, status="received")
    turn = Turn(
        session=session,
        config=get_config(),
        contact=contact,
        conversation=conversation,
        inbound=inbound,
        message_id=message_id,
        now=now,
        data=conversation.data,  # saved by _save_conversation; a failed turn is rolled back whole
        attachments=_store_attachments(session, inbound, message_id),
    )
    with use_language(contact.language):
        respond(turn)
    turn.data["buttons"] = turn.offered_buttons()
    _store_replies(session, turn.replies, message_id, conversation, inline, now, turn.ticket_id)
    _save_conversation(session, conversation, turn.data, now)
    return turn.replies


_CONVERSATIONS, _MESSAGES = table_of(Conversation), table_of(Message)
_SAVE_CONVERSATION = (
    update(_CONVERSATIONS)
    .where(_CONVERSATIONS.c.id == bindparam("conversation_id"))
    .where(_CONVERSATIONS.c.version == bindparam("expected_version"))
)


def _save_conversation(session: Session, conversation: Conversation, data: dict, now: datetime) -> None:
    """Write the conversation's new state with one statement, checking its version (belt and braces
    behind the row lock), and take it out of the ORM's unit of work, which would write it again."""
    saved = session.connection().execute(
        _SAVE_CONVERSATION,
        {
            "conversation_id": conversation.id,
            "expected_version": conversation.version,
            "state": conversation.state,
            "data": data,
            "version": conversation.version + 1,
            "handoff_ticket_id": conversation.handoff_ticket_id,
            "updated_at": now,
            "last_inbound_at": now,
        },
    )
    if saved.rowcount != 1:
        raise StaleConversation(conversation.id)
    session.expunge(conversation)


class StaleConversation(RuntimeError):
    """Another turn changed the conversation first (should be impossible while the row is locked)."""


_PARTICIPANTS = (
    select(Conversation, Contact)
    .join(Contact, col(Contact.id) == Conversation.contact_id)
    .where(Conversation.channel == bindparam("channel"), Conversation.chat_id == bindparam("chat_id"))
    .with_for_update(of=Conversation)
)  # built once: composing the statement cost more than running it


def _participants(session: Session, inbound: Inbound) -> tuple[Contact, Conversation]:
    """The person and the chat, with the chat's row locked for this turn (one query on the hot path)."""
    found = session.exec(
        _PARTICIPANTS, params={"channel": inbound.channel, "chat_id": inbound.chat_id}
    ).first()
    if found is not None and found[1].external_id == inbound.user_id:
        conversation, contact = found
        name = _display_name(inbound)
        if name and contact.display_name != name:
            contact.display_name = name
        return contact, conversation
    contact = _contact(session, inbound)
    return contact, _conversation(session, inbound, contact, lock=True)


def _display_name(inbound: Inbound) -> str | None:
    return strip_controls(inbound.display_name or "")[:200] or None


def _contact(session: Session, inbound: Inbound) -> Contact:
    contact = session.exec(
        select(Contact).where(Contact.channel == inbound.channel, Contact.external_id == inbound.user_id)
    ).first()
    name = _display_name(inbound)
    if contact is None:
        contact = Contact(
            channel=inbound.channel,
            external_id=inbound.user_id,
            display_name=name,
            language=normalise_language(inbound.language),
        )
        session.add(contact)
        session.flush()
    elif name and contact.display_name != name:
        contact.display_name = name
    return contact


def _conversation(session: Session, inbound: Inbound, contact: Contact, *, lock: bool) -> Conversation:
    query = select(Conversation).where(
        Conversation.channel == inbound.channel, Conversation.chat_id == inbound.chat_id
    )
    conversation = session.exec(query.with_for_update() if lock else query).first()
    if conversation is None:
        assert contact.id is not None
        conversation = Conversation(channel=inbound.channel, chat_id=inbound.chat_id, contact_id=contact.id)
        session.add(conversation)
        session.flush()
    return conversation


def _replies_to_earlier(inbound: Inbound, engine: Engine | None) -> list[Outbound] | None:
    with session_scope(engine) as session:
        earlier = _already_seen(session, inbound)
        return _stored_replies(session, earlier) if earlier is not None else None


def _already_seen(session: Session, inbound: Inbound) -> Message | None:
    if not inbound.channel_message_id:
        return None
    return session.exec(
        select(Message).where(
            Message.channel == inbound.channel,
            Message.direction == "in",
            Message.channel_message_id == inbound.channel_message_id,
        )
    ).first()


def _stored_replies(session: Session, message: Message) -> list[Outbound]:
    rows = session.exec(select(Message).where(Message.reply_to_id == message.id).order_by(col(Message.id)))
    return [Outbound(row.text, tuple(Button(label, value) for label, value in row.buttons)) for row in rows]


_INSERT_INBOUND = insert(_MESSAGES).returning(_MESSAGES.c.id)
_INSERT_REPLIES = insert(_MESSAGES)


def _store_inbound(
    session: Session, inbound: Inbound, conversation: Conversation, now: datetime, status: str
) -> int:
    """Insert the inbound message; a repeated channel message id fails here on the unique constraint.
    (Core statements on the hot path: the ORM's per-object bookkeeping doubled the cost of a turn.)"""
    row: dict[str, Any] = {
        "conversation_id": conversation.id,
        "direction": "in",
        "channel": inbound.channel,
        "channel_message_id": inbound.channel_message_id,
        "author": actors.CONTACT,
        "text": inbound.text,
        "buttons": [],
        "status": status,
        "attempts": 0,
        "created_at": now,
    }
    return int(session.connection().execute(_INSERT_INBOUND, row).scalar_one())


def _store_attachments(session: Session, inbound: Inbound, message_id: int) -> list[Attachment]:
    rows = [
        Attachment(
            message_id=message_id,
            kind=item.kind,
            content_type=item.content_type,
            filename=item.filename,
            size=item.size,
            sha256=item.sha256,
            path=item.path,
            source_ref=item.source_ref,
        )
        for item in inbound.attachments
    ]
    session.add_all(rows)
    if rows:
        session.flush()
    return rows


def _store_replies(
    session: Session,
    replies: list[Outbound],
    message_id: int,
    conversation: Conversation,
    inline: Inline,
    now: datetime,
    ticket_id: int | None = None,
) -> None:
    """Write the replies as outbound messages in one statement (filed on ``ticket_id``, the ticket of the
    message they answer): sent already for inline channels, otherwise pending in the outbox."""
    if not replies:
        return
    if callable(inline):
        inline = inline()
    rows = [
        {
            "conversation_id": conversation.id,
            "ticket_id": ticket_id,
            "reply_to_id": message_id,
            "direction": "out",
            "channel": conversation.channel,
            "author": "bot",
            "text": reply.text,
            "buttons": [[b.label, b.value] for b in reply.buttons],
            "status": "sent" if inline else "pending",
            "attempts": 0,
            "next_attempt_at": None if inline else now,
            "created_at": now,
        }
        for reply in replies
    ]
    session.connection().execute(_INSERT_REPLIES, rows)


def _store_failure(inbound: Inbound, inline: Inline, engine: Engine | None) -> list[Outbound]:
    """Keep the message and answer with an apology; the conversation state is left as it was. When not even
    that can be stored, raise :class:`NotStored` (the apology says the message is kept)."""
    try:
        with session_scope(engine) as session:
            contact = _contact(session, inbound)
            conversation = _conversation(session, inbound, contact, lock=True)
            earlier = _already_seen(session, inbound)
            if earlier is not None:
                return _stored_replies(session, earlier)
            message_id = _store_inbound(session, inbound, conversation, utcnow(), status="failed")
            _store_attachments(session, inbound, message_id)
            with use_language(contact.language):
                replies = [apology()]
            _store_replies(session, replies, message_id, conversation, inline, utcnow())
            return replies
    except Exception as error:
        log.exception("could not even store the failed %s message %s", inbound.channel, _ref(inbound))
        raise NotStored(inbound.channel) from error
