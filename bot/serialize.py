"""Tickets as plain JSON objects: the contract of ``helpdesk tickets`` that other tools rely on."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from bot import pii
from bot.clock import iso
from bot.models import Message, Ticket


def ticket_json(session: Session, ticket: Ticket) -> dict[str, Any]:
    intake = ticket.intake or {}
    numbers = pii.identity(ticket)
    return {
        "ref": ticket.ref,
        "status": ticket.status,
        "category": ticket.category,
        "urgent": ticket.urgent,
        "queue": ticket.queue,
        "channel": ticket.channel,
        "created_at": iso(ticket.created_at),
        "legal_basis": ticket.legal_basis,
        "supplied_by": ticket.supplied_by,
        "reporter": {"name": ticket.reporter_name, "relationship": ticket.reporter_relationship},
        "worker": {
            "name": ticket.worker_name,
            "passport_number": numbers["passport_number"],
            "nik": numbers["nik"],
            "country": ticket.worker_country,
            "city": intake.get("city"),
            "employer": intake.get("employer"),
            "agency": intake.get("agency"),
        },
        "description": ticket.description,
        "messages": _message_count(session, ticket),
    }


def _message_count(session: Session, ticket: Ticket) -> int:
    """Messages of the ticket's conversation since it opened, plus any filed under it from elsewhere."""
    query = (
        select(func.count())
        .select_from(Message)
        .where(
            (Message.ticket_id == ticket.id)
            | (
                (Message.conversation_id == ticket.conversation_id)
                & (Message.created_at >= ticket.created_at)
            )
        )
    )
    return int(session.exec(query).one())
