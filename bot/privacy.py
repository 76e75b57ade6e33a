"""The person's rights over their data (UU 27/2022 PDP): a copy of everything held about them, and erasure.

Erasure anonymises instead of deleting rows, so the statistics (tickets by category, country, queue, status,
week; response times; ratings) stay true: names, identity numbers, message texts, free-text answers and files
go, and the erasure itself is recorded as a ticket event and a log line without personal data."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot import attachments, pii, tickets
from bot.clock import iso
from bot.models import (
    AlertSubscription,
    Attachment,
    Contact,
    Conversation,
    FaqQuestion,
    Message,
    Ticket,
    TicketEvent,
)
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
        "alert_subscriptions": [
            _row(s)
            for s in session.exec(select(AlertSubscription).where(AlertSubscription.contact_id == contact.id))
        ],
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
        **_events(session, ticket_ids),
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


#: Event kinds held back from the person's copy: the staff's internal working notes.
WITHHELD_EVENTS = {"note": "internal note of the help desk staff, not shared with the person"}


def _events(session: Session, ticket_ids: list[int | None]) -> dict[str, Any]:
    """The tickets' events for the person's copy; internal notes are listed as withheld, without their text."""
    events = session.exec(
        select(TicketEvent).where(col(TicketEvent.ticket_id).in_(ticket_ids)).order_by(col(TicketEvent.id))
    ).all()
    return {
        "events": [_row(e) for e in events if e.kind not in WITHHELD_EVENTS],
        "withheld": [
            {"ticket_id": e.ticket_id, "kind": e.kind, "at": iso(e.at), "reason": WITHHELD_EVENTS[e.kind]}
            for e in events
            if e.kind in WITHHELD_EVENTS
        ],
    }


def erase_ticket(session: Session, ticket: Ticket, actor: str, reason: str, **detail: Any) -> None:
    """Anonymise one ticket with exactly what belongs to it: its messages (filed on it, including the form's
    conversation that opened it), its intake, its files on disk. Other tickets and chats are not touched.
    The one erasure path of retention, the console and ``helpdesk privacy erase``."""
    tickets.anonymise(session, ticket, actor, reason, **detail)
    messages = session.exec(select(Message).where(Message.ticket_id == ticket.id)).all()
    _erase_messages(session, messages)
    _erase_attachments(
        session,
        select(Attachment).where(
            (col(Attachment.ticket_id) == ticket.id)
            | col(Attachment.message_id).in_([m.id for m in messages])
        ),
    )
    checkpoint_after_commit(session)


def erase_contact(session: Session, contact: Contact, actor: str, **detail: Any) -> int:
    """Anonymise the person: every ticket (through :func:`erase_ticket`), every other message and file of
    their chats, forms in progress, FAQ questions, and the contact itself (its channel id becomes a random
    token, so the person is a stranger if they write again). Returns the number of tickets anonymised."""
    own_tickets = session.exec(select(Ticket).where(Ticket.contact_id == contact.id)).all()
    for ticket in own_tickets:
        erase_ticket(session, ticket, actor, "erasure_request", **detail)
    token = "erased-" + secrets.token_hex(8)
    conversations = session.exec(select(Conversation).where(Conversation.contact_id == contact.id)).all()
    for conversation in conversations:
        conversation.chat_id, conversation.data, conversation.state = token, {}, "new"
        conversation.handoff_ticket_id = None
        session.add(conversation)
        messages = session.exec(select(Message).where(Message.conversation_id == conversation.id)).all()
        _erase_messages(session, messages)
        _erase_attachments(
            session, select(Attachment).where(col(Attachment.message_id).in_([m.id for m in messages]))
        )
    for question in session.exec(select(FaqQuestion).where(FaqQuestion.contact_id == contact.id)):
        question.text = tickets.ERASED
        session.add(question)
    for subscription in session.exec(
        select(AlertSubscription).where(AlertSubscription.contact_id == contact.id)
    ):
        session.delete(subscription)
    contact.external_id, contact.display_name, contact.consent_at = token, None, None
    session.add(contact)
    log.info(
        "erased contact %s: %d tickets, %d conversations", contact.id, len(own_tickets), len(conversations)
    )
    return len(own_tickets)


def open_erasure_request(session: Session, ticket: Ticket) -> TicketEvent | None:
    """The person's erasure request this ticket carries, while it is open (not yet carried out)."""
    if ticket.erased_at is not None or ticket.status not in tickets.OPEN_STATUSES:
        return None
    requests = session.exec(
        select(TicketEvent)
        .where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "privacy_request")
        .order_by(col(TicketEvent.id).desc())
    )
    return next((event for event in requests if event.detail.get("request") == "erase"), None)


def outside_queues(session: Session, contact_id: int, queues: Sequence[str]) -> bool:
    """Whether the person has a ticket in a queue not among ``queues`` (the confirming officer's)."""
    found = session.exec(
        select(Ticket.id).where(Ticket.contact_id == contact_id, col(Ticket.queue).not_in(list(queues)))
    ).first()
    return found is not None


def confirm_erasure(
    session: Session, request_ticket: Ticket, actor: str, queues: Sequence[str]
) -> str | None:
    """Carry out the erasure request of ``request_ticket`` as ``actor``, who works ``queues``. Refused
    (returns why) without an open request, or when the person has tickets in queues the officer does not
    work. Each erased ticket's ``erased`` event names the request and the officer; the request is closed."""
    request = open_erasure_request(session, request_ticket)
    if request is None:
        return "no_request"
    if outside_queues(session, request_ticket.contact_id, queues):
        return "other_queues"
    contact = session.get(Contact, request_ticket.contact_id)
    assert contact is not None
    erase_contact(session, contact, actor, request=request_ticket.ref, request_event=request.id)
    tickets.set_status(session, request_ticket, "closed", actor, reason="erasure_done")
    return None


def _erase_messages(session: Session, messages: list[Message] | Any) -> None:
    """Texts replaced, buttons and delivery errors dropped, the channel's message id (a Telegram id names
    the chat, that is the person's user id) replaced by a random token."""
    for message in messages:
        message.text, message.buttons, message.error = tickets.ERASED, [], None
        if message.channel_message_id is not None:
            message.channel_message_id = "erased-" + secrets.token_hex(12)
        session.add(message)


def _erase_attachments(session: Session, query: Any) -> None:
    """Files deleted from disk; the metadata stays, unnamed."""
    for attachment in session.exec(query):
        _delete_file(session, attachment)
        attachment.path = attachment.filename = attachment.source_ref = attachment.sha256 = None
        session.add(attachment)


def checkpoint_after_commit(session: Session) -> None:
    """On SQLite, once the erasure is committed, copy the write-ahead log into the database file and empty
    it, so the erased texts do not linger in ``*.db-wal`` (``secure_delete`` zeroes freed pages, bot.db)."""
    if session.get_bind().dialect.name != "sqlite" or session.info.get("checkpoint"):
        return
    session.info["checkpoint"] = True
    event.listen(session, "after_commit", _checkpoint, once=True)


def _checkpoint(session: Session) -> None:
    session.info.pop("checkpoint", None)
    bind = session.get_bind()
    assert isinstance(
        bind, Engine
    )  # sessions are opened on the engine (bot.db.session_scope), never a connection
    raw = bind.raw_connection()
    try:  # outside a transaction (the engine's "begin" hook would open one): a checkpoint needs none
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


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
