"""``@username`` in an internal note notifies that colleague in the console: a :class:`bot.models.Mention` row,
counted in the header on every page and by the notice poll, listed on ``/console/mentions`` and read once the
officer opens the ticket.

Only colleagues who may see the ticket (:func:`desk.permissions.can_view`, active accounts) can be mentioned:
a note must not tell anyone outside the ticket's queue that it exists. The author is never notified of their
own name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from bot.models import Mention, Officer, Ticket
from desk.permissions import can_view, queues_of

# what follows an "@" that starts a word; a trailing dot or hyphen is punctuation ("@budi.")
_NAME = re.compile(r"(?<![\w@])@([\w.-]{1,64})")
LIST_LIMIT = 50


@dataclass(frozen=True)
class Outcome:
    notified: list[Officer]
    refused: list[str]  # names typed after "@" that are no colleague who may see the ticket


def names_in(text: str) -> list[str]:
    """The usernames written after ``@`` in ``text``, lower-cased, in order, once each."""
    found = (match.group(1).rstrip(".-").lower() for match in _NAME.finditer(text))
    return list(dict.fromkeys(name for name in found if name))


def mentionable(db: Session, ticket: Ticket, author: Officer) -> list[Officer]:
    """Active colleagues who may see ``ticket`` (the autocomplete offers them), by display name."""
    active = db.exec(select(Officer).where(col(Officer.active)).order_by(col(Officer.display_name)))
    return [officer for officer in active if officer.id != author.id and can_view(officer, ticket)]


def notify(db: Session, ticket: Ticket, author: Officer, text: str, now: datetime) -> Outcome:
    """Mentions for the colleagues ``text`` names, in the transaction that writes the note."""
    assert ticket.id is not None and author.id is not None
    names = names_in(text)
    if not names:
        return Outcome([], [])
    allowed = {officer.username.lower(): officer for officer in mentionable(db, ticket, author)}
    notified = [allowed[name] for name in names if name in allowed]
    for officer in notified:
        assert officer.id is not None
        db.add(Mention(officer_id=officer.id, ticket_id=ticket.id, author_id=author.id, created_at=now))
    refused = [name for name in names if name not in allowed and name != author.username.lower()]
    return Outcome(notified, refused)


def _visible(officer: Officer) -> list[ColumnElement[bool]]:
    """Mentions of this officer on tickets they can still see (a ticket moved to another queue drops out)."""
    return [col(Mention.officer_id) == officer.id, col(Ticket.queue).in_(queues_of(officer))]


def unread_count(db: Session, officer: Officer) -> int:
    """An index lookup (officer, read_at) and the tickets' primary keys: cheap enough for every page and poll."""
    query = (
        select(func.count())
        .select_from(Mention)
        .join(Ticket, col(Ticket.id) == col(Mention.ticket_id))
        .where(*_visible(officer), col(Mention.read_at).is_(None))
    )
    return int(db.exec(query).one())


def latest(db: Session, officer: Officer) -> list[tuple[Mention, Ticket]]:
    """The officer's newest mentions with their tickets, unread first."""
    query = (
        select(Mention, Ticket)
        .join(Ticket, col(Ticket.id) == col(Mention.ticket_id))
        .where(*_visible(officer))
        .order_by(col(Mention.read_at).is_not(None), col(Mention.id).desc())
        .limit(LIST_LIMIT)
    )
    return list(db.exec(query).all())


def mark_read(db: Session, officer_id: int, ticket_id: int, now: datetime) -> None:
    """The officer opened the ticket: their mentions on it are read."""
    db.execute(
        update(Mention)
        .where(
            col(Mention.officer_id) == officer_id,
            col(Mention.ticket_id) == ticket_id,
            col(Mention.read_at).is_(None),
        )
        .values(read_at=now)
    )
