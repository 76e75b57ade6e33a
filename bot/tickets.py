"""Ticket actions: the only code that writes tickets. Each action also writes its audit event, so the
bot flows, the officer console and the CLI leave the same trail."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.clock import utcnow
from bot.config import get_config
from bot.keys import secret_key
from bot.models import Attachment, Contact, Conversation, Message, Ticket, TicketEvent

CATEGORIES = (
    "unpaid_wages",
    "repatriation",
    "failed_departure",
    "overcharging",
    "job_fraud",
    "violence",
    "sexual_violence",
    "trafficking",
    "document_retention",
    "contract_violation",
    "illness",
    "death",
    "lost_contact",
    "social_security",
    "other",
)
STATUSES = ("new", "open", "waiting_on_reporter", "resolved", "closed")
OPEN_STATUSES = ("new", "open", "waiting_on_reporter")
REF_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U: easy to read aloud and type on a phone


@dataclass(frozen=True)
class NewTicket:
    """What a flow knows when it opens a ticket."""

    category: str
    description: str
    urgent: bool = False
    country: str | None = None
    reporter_name: str | None = None
    relationship: str = "self"
    worker_name: str | None = None
    intake: dict[str, Any] | None = None
    legal_basis: str = "consent"
    supplied_by: str = "self"


def _new_ref() -> str:
    return "PMI-" + "".join(secrets.choice(REF_ALPHABET) for _ in range(6))


def _pin_hash(ref: str, pin: str) -> str:
    return hmac.new(secret_key(), f"{ref}:{pin}".encode(), hashlib.sha256).hexdigest()


def verify_pin(ticket: Ticket, pin: str) -> bool:
    return hmac.compare_digest(ticket.pin_hash, _pin_hash(ticket.ref, pin.strip()))


def normalise_ref(text: str) -> str:
    """People type references in lower case, with spaces, or without the prefix."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    compact = compact.removeprefix("PMI")
    return f"PMI-{compact}" if compact else ""


def record(
    session: Session, ticket: Ticket, actor: str, kind: str, at: datetime | None = None, **detail: Any
) -> None:
    assert ticket.id is not None
    session.add(TicketEvent(ticket_id=ticket.id, actor=actor, kind=kind, at=at or utcnow(), detail=detail))


def open_ticket(
    session: Session,
    *,
    contact: Contact,
    conversation: Conversation,
    new: NewTicket,
    actor: str,
    now: datetime | None = None,
) -> tuple[Ticket, str]:
    """Create a ticket routed to its queue with its deadlines; returns the ticket and its one-time PIN."""
    now = now or utcnow()
    config = get_config()
    queue_name = config.route(urgent=new.urgent, category=new.category, country=new.country)
    queue = config.queues[queue_name]
    ref = _new_ref()
    while session.exec(select(Ticket.id).where(Ticket.ref == ref)).first() is not None:
        ref = _new_ref()
    pin = f"{secrets.randbelow(10**6):06d}"
    assert contact.id is not None and conversation.id is not None
    ticket = Ticket(
        ref=ref,
        pin_hash=_pin_hash(ref, pin),
        category=new.category,
        urgent=new.urgent,
        queue=queue_name,
        channel=conversation.channel,
        contact_id=contact.id,
        conversation_id=conversation.id,
        legal_basis=new.legal_basis,
        supplied_by=new.supplied_by,
        reporter_name=new.reporter_name,
        reporter_relationship=new.relationship,
        worker_name=new.worker_name,
        worker_country=new.country,
        description=new.description,
        intake=new.intake or {},
        first_response_due=now + timedelta(hours=queue.first_response_hours),
        resolution_due=now + timedelta(hours=queue.resolution_hours),
        created_at=now,
        updated_at=now,
    )
    session.add(ticket)
    session.flush()
    record(
        session,
        ticket,
        actor,
        "created",
        at=now,
        queue=queue_name,
        category=new.category,
        urgent=new.urgent,
        legal_basis=new.legal_basis,
    )
    return ticket, pin


def attach_message(
    session: Session,
    ticket: Ticket,
    message_id: int,
    actor: str,
    attachments: Sequence[Attachment] = (),
) -> None:
    """File a person's message (and its files) under a ticket, where officers read it."""
    session.execute(update(Message).where(col(Message.id) == message_id).values(ticket_id=ticket.id))
    for attachment in attachments:
        attachment.ticket_id = ticket.id
        session.add(attachment)
    ticket.updated_at = utcnow()
    if ticket.status == "waiting_on_reporter":
        set_status(session, ticket, "open", actor, reason="reporter_replied")
    record(session, ticket, actor, "message", message_id=message_id)


def set_status(session: Session, ticket: Ticket, status: str, actor: str, reason: str | None = None) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    if status == ticket.status:
        return
    record(session, ticket, actor, "status", old=ticket.status, new=status, reason=reason)
    ticket.status = status
    ticket.updated_at = utcnow()
    session.add(ticket)


def make_urgent(session: Session, ticket: Ticket, actor: str, reason: str) -> None:
    """Escalate to the urgent queue (a danger message arrived on an ordinary ticket)."""
    if ticket.urgent:
        return
    config = get_config()
    queue_name = config.route(urgent=True, category=ticket.category, country=ticket.worker_country)
    record(session, ticket, actor, "urgent", reason=reason, old_queue=ticket.queue, new_queue=queue_name)
    now = utcnow()
    ticket.urgent = True
    ticket.queue = queue_name
    ticket.first_response_due = min(
        ticket.first_response_due or now,
        now + timedelta(hours=config.queues[queue_name].first_response_hours),
    )
    ticket.updated_at = now
    session.add(ticket)


def latest_open_ticket(session: Session, contact_id: int) -> Ticket | None:
    return session.exec(
        select(Ticket)
        .where(Ticket.contact_id == contact_id, col(Ticket.status).in_(OPEN_STATUSES))
        .order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc())
    ).first()


def find_by_ref(session: Session, ref: str) -> Ticket | None:
    return session.exec(select(Ticket).where(Ticket.ref == normalise_ref(ref))).first()
