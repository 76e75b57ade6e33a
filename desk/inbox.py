"""What the queue shows of each ticket besides its own columns, as an inbox does: the last message's first line,
since when the person has been waiting for an officer, and whether they wrote after this officer last looked.

A few grouped queries for one page of tickets (never one per row), and the officer's last look at a ticket
(:class:`bot.models.TicketSeen`), written when the ticket page is opened or polled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from bot.markup import to_terminal
from bot.models import Contact, Message, Ticket, TicketEvent, TicketSeen
from bot.tickets import OPEN_STATUSES
from desk.permissions import conceal_identity

PREVIEW_CHARS = 120
OFFICER_AUTHOR = "officer:%"


@dataclass(frozen=True)
class Row:
    """One ticket as the inbox lists it."""

    ticket: Ticket
    who: str
    preview: str
    preview_author: str  # "contact", "bot", "officer:N"
    waiting_since: datetime | None
    unread: bool


def rows(db: Session, officer_id: int, page: Sequence[Ticket], *, full_identity: bool) -> list[Row]:
    """The inbox rows of ``page`` (in its order) for the officer ``officer_id``; identity numbers in the
    previews masked unless ``full_identity``."""
    ids = [ticket.id for ticket in page if ticket.id is not None]
    if not ids:
        return []
    last = _last_messages(db, ids)
    last_in = _last_inbound(db, ids)
    waiting = _waiting_since(db, ids)
    seen = _seen(db, officer_id, ids)
    names = _contact_names(db, [ticket.contact_id for ticket in page])
    result = []
    for ticket in page:
        message = last.get(ticket.id)
        wrote = last_in.get(ticket.id)
        looked = seen.get(ticket.id)
        result.append(
            Row(
                ticket=ticket,
                who=ticket.worker_name or ticket.reporter_name or names.get(ticket.contact_id) or "",
                preview=first_line(
                    message.text, framed=message.author.startswith("officer:"), full_identity=full_identity
                )
                if message
                else "",
                preview_author=message.author if message else "",
                waiting_since=waiting.get(ticket.id) if ticket.status in OPEN_STATUSES else None,
                unread=wrote is not None and (looked is None or wrote > looked),
            )
        )
    return result


def first_line(text: str, *, framed: bool = False, full_identity: bool = False) -> str:
    """The first non-empty line of a message, without the bot's markup, cut to :data:`PREVIEW_CHARS`.
    ``framed``: an officer's reply, sent under a line naming the report (:func:`bot.tickets.reply`), skipped.
    Identity numbers are masked (unless ``full_identity``) before the cut, which could leave part of one."""
    lines = [part.strip() for part in text.splitlines() if part.strip()]
    line = (lines[1:] if framed and len(lines) > 1 else lines or [""])[0]
    line = conceal_identity(to_terminal(line, tty=False), full_identity)  # the markup's asterisks dropped
    return line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1].rstrip() + "…"


def _last_messages(db: Session, ids: list[int]) -> dict[int, Message]:
    """Each ticket's last message from the person or an officer (the bot's receipts say nothing new), or
    the bot's when there is no other."""
    found = _newest(db, ids, col(Message.author) != "bot")
    rest = [ticket_id for ticket_id in ids if ticket_id not in found]
    return {**found, **(_newest(db, rest, col(Message.author) == "bot") if rest else {})}


def _newest(db: Session, ids: list[int], condition: ColumnElement[bool]) -> dict[int, Message]:
    newest = (
        select(func.max(Message.id))
        .where(col(Message.ticket_id).in_(ids), condition)
        .group_by(col(Message.ticket_id))
    )
    found = db.exec(select(Message).where(col(Message.id).in_(newest)))
    return {message.ticket_id: message for message in found if message.ticket_id is not None}


def _last_inbound(db: Session, ids: list[int]) -> dict[int, datetime]:
    query = (
        select(Message.ticket_id, func.max(Message.created_at))
        .where(col(Message.ticket_id).in_(ids), col(Message.direction) == "in")
        .group_by(col(Message.ticket_id))
    )
    return {ticket_id: at for ticket_id, at in db.exec(query) if ticket_id is not None}


def _waiting_since(db: Session, ids: list[int]) -> dict[int, datetime]:
    """The person's first message after the last officer reply (or since the ticket began, if no officer has
    answered yet): how long they have waited for a person. The bot's automatic answers do not count."""
    reply = aliased(Message)
    answered = (
        select(func.max(reply.created_at))
        .where(reply.ticket_id == Message.ticket_id, col(reply.author).like(OFFICER_AUTHOR))
        .scalar_subquery()
    )
    query = (
        select(Message.ticket_id, func.min(Message.created_at))
        .where(
            col(Message.ticket_id).in_(ids),
            col(Message.direction) == "in",
            or_(answered.is_(None), col(Message.created_at) > answered),
        )
        .group_by(col(Message.ticket_id))
    )
    return {ticket_id: at for ticket_id, at in db.exec(query) if ticket_id is not None}


def _seen(db: Session, officer_id: int, ids: list[int]) -> dict[int, datetime]:
    query = select(TicketSeen.ticket_id, TicketSeen.seen_at).where(
        TicketSeen.officer_id == officer_id, col(TicketSeen.ticket_id).in_(ids)
    )
    return dict(db.exec(query).all())


def _contact_names(db: Session, contact_ids: list[int]) -> dict[int, str]:
    query = select(Contact.id, Contact.display_name).where(col(Contact.id).in_(set(contact_ids)))
    return {contact_id: name for contact_id, name in db.exec(query) if contact_id is not None and name}


def mark_seen(db: Session, officer_id: int, ticket: Ticket, now: datetime) -> None:
    """The officer has seen the ticket as it is ``now``."""
    assert ticket.id is not None
    row = db.get(TicketSeen, (officer_id, ticket.id))
    if row is None:
        row = TicketSeen(officer_id=officer_id, ticket_id=ticket.id, seen_at=now)
    row.seen_at = max(row.seen_at, now)
    db.add(row)


def version(db: Session, officer_id: int) -> str:
    """Changes whenever any list could have changed for this officer: a new message or ticket event anywhere,
    or this officer's look at a ticket. Three index lookups, so a poll that finds nothing new costs little."""
    message = db.exec(select(func.max(Message.id))).one()
    event = db.exec(select(func.max(TicketEvent.id))).one()
    seen = db.exec(select(func.max(TicketSeen.seen_at)).where(TicketSeen.officer_id == officer_id)).one()
    return f"{message or 0}.{event or 0}.{seen.timestamp() if seen else 0}"
