"""The person's rights over their data (UU 27/2022 PDP): a copy of everything held about them, and erasure.

Erasure anonymises instead of deleting rows, so the statistics (tickets by category, country, queue, status,
week; response times; ratings) stay true: names, identity numbers, message texts, free-text answers and files
go, and the erasure itself is recorded as a ticket event and a log line without personal data."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot import pii, tickets
from bot.channels import attachments
from bot.clock import iso
from bot.models import Attachment, Contact, Conversation, FaqQuestion, Message, Ticket, TicketEvent
from bot.serialize import ticket_json

log = logging.getLogger(__name__)


def _row(row: Any, *exclude: str) -> dict[str, Any]:
    data = row.model_dump(exclude=set(exclude))
    return {key: iso(value) if isinstance(value, datetime) else value for key, value in data.items()}


def export_contact(session: Session, contact: Contact) -> dict[str, Any]:
    """Everything held about ``contact``, identity numbers decrypted, as JSON-ready data."""
    conversations = session.exec(select(Conversation).where(Conversation.contact_id == contact.id)).all()
    conversation_ids = [c.id for c in conversations]
    own_tickets = session.exec(
        select(Ticket).where(Ticket.contact_id == contact.id).order_by(col(Ticket.id))
    ).all()
    ticket_ids = [t.id for t in own_tickets]
    messages = session.exec(
        select(Message).where(col(Message.conversation_id).in_(conversation_ids)).order_by(col(Message.id))
    ).all()
    return {
        "contact": _row(contact),
        "conversations": [_row(c) for c in conversations],
        "messages": [_row(m, "buttons", "attempts", "next_attempt_at", "error") for m in messages],
        "tickets": [
            {
                **ticket_json(session, t),
                "intake": {**t.intake, **pii.identity(t)},
                "rating": t.rating,
                "rating_comment": t.rating_comment,
                "resolved_at": iso(t.resolved_at) if t.resolved_at else None,
            }
            for t in own_tickets
        ],
        "events": [
            _row(e)
            for e in session.exec(
                select(TicketEvent)
                .where(col(TicketEvent.ticket_id).in_(ticket_ids))
                .order_by(col(TicketEvent.id))
            )
        ],
        "attachments": [
            _row(a, "path", "token")
            for a in session.exec(
                select(Attachment).where(col(Attachment.message_id).in_([m.id for m in messages]))
            )
        ],
        "faq_questions": [
            _row(q) for q in session.exec(select(FaqQuestion).where(FaqQuestion.contact_id == contact.id))
        ],
    }


def erase_ticket(session: Session, ticket: Ticket, actor: str, reason: str) -> None:
    """Anonymise one ticket with the messages and files filed on it or written in its chat since it opened
    (retention: the contact's other tickets and later chats are kept)."""
    tickets.anonymise(session, ticket, actor, reason)
    messages = session.exec(
        select(Message).where(
            (col(Message.ticket_id) == ticket.id)
            | (
                (col(Message.conversation_id) == ticket.conversation_id)
                & (col(Message.created_at) >= ticket.created_at)
            )
        )
    ).all()
    _erase_messages(session, messages)


def erase_contact(session: Session, contact: Contact, actor: str) -> int:
    """Anonymise the person: every ticket, message, file, form in progress and FAQ question, and the contact
    itself (its channel id becomes a random token, so the person is a stranger if they write again).
    Returns the number of tickets anonymised."""
    own_tickets = session.exec(select(Ticket).where(Ticket.contact_id == contact.id)).all()
    for ticket in own_tickets:
        tickets.anonymise(session, ticket, actor, "erasure_request")
    token = "erased-" + secrets.token_hex(8)
    conversations = session.exec(select(Conversation).where(Conversation.contact_id == contact.id)).all()
    for conversation in conversations:
        conversation.chat_id, conversation.data, conversation.state = token, {}, "new"
        conversation.handoff_ticket_id = None
        session.add(conversation)
        _erase_messages(
            session, session.exec(select(Message).where(Message.conversation_id == conversation.id)).all()
        )
    for question in session.exec(select(FaqQuestion).where(FaqQuestion.contact_id == contact.id)):
        question.text = tickets.ERASED
        session.add(question)
    contact.external_id, contact.display_name, contact.consent_at = token, None, None
    session.add(contact)
    log.info(
        "erased contact %s: %d tickets, %d conversations", contact.id, len(own_tickets), len(conversations)
    )
    return len(own_tickets)


def _erase_messages(session: Session, messages: list[Message] | Any) -> None:
    """Message texts replaced, buttons dropped, attached files deleted from disk (metadata kept, unnamed)."""
    ids = []
    for message in messages:
        message.text, message.buttons = tickets.ERASED, []
        session.add(message)
        ids.append(message.id)
    for attachment in session.exec(select(Attachment).where(col(Attachment.message_id).in_(ids))):
        _delete_file(session, attachment)
        attachment.path = attachment.filename = attachment.source_ref = attachment.sha256 = None
        session.add(attachment)


def _delete_file(session: Session, attachment: Attachment) -> None:
    """Delete the stored file unless another attachment (same content, another person) still uses it."""
    if not attachment.path:
        return
    others = session.exec(
        select(Attachment.id).where(Attachment.path == attachment.path, Attachment.id != attachment.id)
    ).first()
    if others is not None:
        return
    path = attachments.stored_path(attachment.path)
    if path is not None:
        path.unlink(missing_ok=True)
