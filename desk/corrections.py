"""Officers' corrections of the danger reader, exported to grow the corpus (``helpdesk danger
export-corrections``).

A "not urgent" click on an urgent ticket, and an officer marking an ordinary ticket urgent, say what the
reader should have decided about the message it read. The export writes those messages in the corpus format
(``q``, ``urgent``, ``kind``, ``from``) with identity numbers, phone numbers, e-mail addresses and the
ticket's names masked, for a person to review before it goes into ``nlu/corpus/``.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot import actors
from bot.logs import mask
from bot.models import Message, Ticket, TicketEvent

CORRECTIONS = ("not_urgent", "urgent")


def corrections(session: Session) -> list[dict[str, Any]]:
    """One case per corrected ticket, the latest correction winning."""
    events = session.exec(
        select(TicketEvent)
        .where(col(TicketEvent.kind).in_((*CORRECTIONS, "danger")))
        .order_by(col(TicketEvent.id))
    ).all()
    read: dict[int, TicketEvent] = {}
    verdict: dict[int, bool] = {}
    for event in events:
        if event.kind == "danger":
            read.setdefault(event.ticket_id, event)
        elif actors.is_officer(event.actor):
            verdict[event.ticket_id] = event.kind == "urgent"
    cases = []
    for ticket_id, urgent in verdict.items():
        ticket = session.get(Ticket, ticket_id)
        text = _message_read(session, ticket_id, read.get(ticket_id))
        if ticket is None or text is None:
            continue
        danger = read[ticket_id].detail.get("danger") if ticket_id in read else None
        cases.append(
            {
                "q": _anonymised(text, ticket),
                "urgent": urgent,
                "kind": (danger or "") if urgent else "correction",
                "from": "family" if ticket.reporter_relationship != "self" else "worker",
            }
        )
    return cases


def _message_read(session: Session, ticket_id: int, danger_event: TicketEvent | None) -> str | None:
    """The message the reader judged: the one its event names, else the ticket's first from the person."""
    message_id = danger_event.detail.get("message_id") if danger_event else None
    message = session.get(Message, message_id) if message_id else None
    if message is None:
        message = session.exec(
            select(Message)
            .where(Message.ticket_id == ticket_id, Message.direction == "in")
            .order_by(col(Message.id))
        ).first()
    return message.text if message is not None and message.text else None


def _anonymised(text: str, ticket: Ticket) -> str:
    for name in (ticket.reporter_name, ticket.worker_name):
        for part in (name or "").split():
            if len(part) > 2:
                text = text.replace(part, "[nama]")
    return mask(text)
