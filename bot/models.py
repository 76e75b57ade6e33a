"""The tables. Every row that names a person is reachable from :class:`Contact` (for export and erasure)."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Table, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.clock import utcnow
from bot.sealed import SealedJSON, SealedText


def table_of(model: type[SQLModel]) -> Table:
    """A model's Core table, for statements built once and run on the hot path (:mod:`bot.engine`)."""
    return model.__table__  # type: ignore[attr-defined]  # set by SQLModel's metaclass; its stubs omit it


def _json(default: type = dict, sa_type: Any = JSON) -> Any:
    return Field(default_factory=default, sa_column=Column(sa_type, nullable=False))


def _sealed_json() -> Any:
    """JSON that may hold what a person typed: identity numbers in it are encrypted at rest."""
    return _json(sa_type=SealedJSON)


def _sealed_text(**kwargs: Any) -> Any:
    """Free text a person (or an officer) typed: identity numbers in it are encrypted at rest."""
    return Field(sa_type=SealedText, **kwargs)


class Contact(SQLModel, table=True):
    """One person as seen on one channel."""

    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    external_id: str = Field(max_length=128)
    display_name: str | None = Field(default=None, max_length=200)
    language: str = Field(default="id", max_length=5)
    consent_at: datetime | None = None
    unreachable: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class Conversation(SQLModel, table=True):
    """Where a chat stands: the flow state, the half-filled form, and who holds it (bot or officer)."""

    __table_args__ = (UniqueConstraint("channel", "chat_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    chat_id: str = Field(max_length=128)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    state: str = Field(default="new", max_length=40)
    data: dict[str, Any] = _sealed_json()
    version: int = 0
    handoff_ticket_id: int | None = (
        None  # the ticket an officer holds this chat for; no FK (cycle with ticket)
    )
    last_inbound_at: datetime | None = None
    updated_at: datetime = Field(default_factory=utcnow)


class Queue(SQLModel, table=True):
    """A staff queue; rows mirror the configuration so tickets can reference them."""

    name: str = Field(primary_key=True, max_length=40)
    label: str = Field(max_length=200)
    first_response_hours: float
    resolution_hours: float


class Ticket(SQLModel, table=True):
    """Something a person needs from a person. Changed only through :mod:`bot.tickets`."""

    __table_args__ = (  # the console's queue views; its search uses trigram indexes (migration 0003)
        Index("ix_ticket_queue_status_created", "queue", "status", "created_at"),
        Index("ix_ticket_urgent_created", "urgent", "created_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(unique=True, max_length=20)
    pin_hash: str = Field(max_length=128)
    status: str = Field(default="new", max_length=24, index=True)
    category: str = Field(max_length=40, index=True)
    urgent: bool = Field(default=False, index=True)
    queue: str = Field(foreign_key="queue.name", index=True, max_length=40)
    channel: str = Field(max_length=20)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    conversation_id: int = Field(foreign_key="conversation.id")
    legal_basis: str = Field(default="consent", max_length=24)
    supplied_by: str = Field(default="self", max_length=24)
    reporter_name: str | None = Field(default=None, max_length=200)
    reporter_relationship: str = Field(default="self", max_length=24)
    worker_name: str | None = Field(default=None, max_length=200)
    worker_country: str | None = Field(default=None, max_length=2, index=True)
    #: who opened it (bot.turn.Turn.source), so a flooding source's danger messages join its recent urgent ticket
    source: str | None = Field(default=None, max_length=200, index=True)
    description: str = _sealed_text(default="")
    intake: dict[str, Any] = _sealed_json()  # the form's answers, without the identity numbers (below)
    passport_enc: str | None = Field(default=None, max_length=500)  # Fernet token, see bot.pii
    passport_hash: str | None = Field(default=None, max_length=64, index=True)  # blind index
    nik_enc: str | None = Field(default=None, max_length=500)
    nik_hash: str | None = Field(default=None, max_length=64, index=True)
    erased_at: datetime | None = None  # personal data removed (erasure request or retention)
    first_response_due: datetime | None = None
    resolution_due: datetime | None = None
    first_response_at: datetime | None = None
    assignee_id: int | None = Field(default=None, foreign_key="officer.id", index=True)
    escalated: bool = Field(default=False, index=True)
    labels: list[str] = _json(list)
    resolved_at: datetime | None = None
    rating: int | None = None
    rating_comment: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)


class TicketEvent(SQLModel, table=True):
    """Audit trail: who did what to a ticket, and when."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    actor: str = Field(max_length=64)
    kind: str = Field(max_length=32)
    detail: dict[str, Any] = _sealed_json()  # notes are free text


class Message(SQLModel, table=True):
    """Every inbound and outbound message. Outbound rows double as the outbox (``status`` pending -> sent)."""

    __table_args__ = (
        UniqueConstraint("channel", "direction", "channel_message_id"),
        Index("ix_message_outbox", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    reply_to_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    direction: str = Field(max_length=3)
    channel: str = Field(max_length=20)
    channel_message_id: str | None = Field(default=None, max_length=128)
    author: str = Field(default="contact", max_length=64)
    text: str = _sealed_text(default="")
    buttons: list[Any] = _json(list)
    status: str = Field(default="received", max_length=16)
    attempts: int = 0
    next_attempt_at: datetime | None = None
    error: str | None = None
    template: str | None = Field(default=None, max_length=64)  # a channel content template sent instead
    alert_id: int | None = Field(default=None, foreign_key="alert.id", index=True)  # an alert's delivery
    created_at: datetime = Field(default_factory=utcnow)


def _attachment_token() -> str:
    return secrets.token_urlsafe(24)


class Attachment(SQLModel, table=True):
    """A file a person sent (evidence). Stored on disk by content hash; only metadata lives here.
    ``token`` names it in console URLs: random, so one attachment's URL says nothing about another's."""

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(default_factory=_attachment_token, unique=True, index=True, max_length=40)
    message_id: int = Field(foreign_key="message.id", index=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    kind: str = Field(max_length=16)
    content_type: str | None = Field(default=None, max_length=100)
    filename: str | None = Field(default=None, max_length=255)
    size: int | None = None
    sha256: str | None = Field(default=None, max_length=64)
    path: str | None = Field(default=None, max_length=500)
    source_ref: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow)


class FaqQuestion(SQLModel, table=True):
    """A free-text question the bot tried to answer, kept for the knowledge-base editors."""

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    text: str = _sealed_text()
    topic_id: str | None = Field(default=None, max_length=80)
    score: float = 0.0
    outcome: str = Field(max_length=16, index=True)
    helpful: bool | None = None
    #: why it may be kept: "consent", or "public_service" for a question answered before consent (UU PDP 20(2))
    legal_basis: str = Field(default="consent", max_length=24)
    created_at: datetime = Field(default_factory=utcnow)


class InboxEvent(SQLModel, table=True):
    """A webhook delivery as received (Telegram update, Twilio form), stored before it is acknowledged.

    The unique (channel, event_id) makes redeliveries no-ops; ``status`` pending -> done lets a background task
    pick up anything a crashed worker left unprocessed."""

    __table_args__ = (
        UniqueConstraint("channel", "event_id"),
        Index("ix_inboxevent_pending", "status", "received_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    event_id: str = Field(max_length=160)
    payload: dict[str, Any] = _json()
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    error: str | None = None
    received_at: datetime = Field(default_factory=utcnow)
    processed_at: datetime | None = None


class Officer(SQLModel, table=True):
    """A staff account of the officer console. ``queues`` lists the queues it works (admins see all)."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=64)
    display_name: str = Field(max_length=200)
    role: str = Field(default="officer", max_length=16)  # officer, supervisor, admin
    queues: list[str] = _json(list)
    password_hash: str = Field(max_length=255)
    language: str = Field(default="id", max_length=5)
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class OfficerSession(SQLModel, table=True):
    """A console login. The cookie carries the signed ``id``; deleting the row logs the officer out."""

    id: str = Field(primary_key=True, max_length=64)
    officer_id: int = Field(foreign_key="officer.id", index=True)
    csrf_token: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)


class TicketSeen(SQLModel, table=True):
    """When an officer last looked at a ticket: the queue marks it unread when the person wrote after that."""

    officer_id: int = Field(foreign_key="officer.id", primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", primary_key=True, index=True)
    seen_at: datetime = Field(default_factory=utcnow)


class Mention(SQLModel, table=True):
    """An officer named with ``@username`` in a colleague's internal note (:mod:`desk.mentions`): listed on the
    console's notifications until the officer opens the ticket (``read_at``). No note text: that stays sealed
    in the note's event."""

    __table_args__ = (Index("ix_mention_officer_read", "officer_id", "read_at"),)

    id: int | None = Field(default=None, primary_key=True)
    officer_id: int = Field(foreign_key="officer.id")
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    author_id: int = Field(foreign_key="officer.id")
    created_at: datetime = Field(default_factory=utcnow)
    read_at: datetime | None = None


class CannedAnswer(SQLModel, table=True):
    """A prepared reply with ``{placeholders}`` (ref, worker, officer and the configured contacts)."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=120)
    language: str = Field(default="id", max_length=5)
    text: str
    created_at: datetime = Field(default_factory=utcnow)


class StaffNotice(SQLModel, table=True):
    """Something staff must see now (a new urgent ticket, an escalation): shown live in the console and,
    when configured, pushed to the staff Telegram group (``pushed_at``)."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    queue: str = Field(max_length=40, index=True)
    kind: str = Field(max_length=24)
    text: str = Field(max_length=500)
    count: int = 1  # how many notices it stands for: more than one when merged (bot.tickets.notify_staff)
    pushed_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)


class Lease(SQLModel, table=True):
    """A named lease held by one process at a time (the scheduler), so several workers run it once."""

    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(max_length=64)
    expires_at: datetime


class Throttle(SQLModel, table=True):
    """Failed attempts under one key (a reference's PIN, a source of PIN guesses, a login address), shared by
    every worker; changed only through :mod:`bot.throttle`, which locks the row for each attempt."""

    key: str = Field(primary_key=True, max_length=200)
    failures: int = 0
    last_failure_at: datetime | None = None
    locked_until: datetime | None = None


class Agency(SQLModel, table=True):
    """A recruitment agency (P3MI) in the register the agency keeps; written only by :mod:`bot.agencies`'s import,
    keyed by its SIP3MI licence number."""

    licence: str = Field(primary_key=True, max_length=80)
    name: str = Field(max_length=200)
    head_office: str = Field(default="", max_length=200)
    branches: list[str] = _json(list)
    status: str = Field(max_length=16)  # active, suspended, revoked
    valid_until: date | None = None
    countries: list[str] = _json(list)  # ISO 3166-1 alpha-2 codes it may place workers in
    updated_at: datetime = Field(default_factory=utcnow)


class AlertSubscription(SQLModel, table=True):
    """A person who asked for warnings about one destination country (fake job offers circulating, bans)."""

    __table_args__ = (UniqueConstraint("contact_id", "country"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    country: str = Field(max_length=2, index=True)
    created_at: datetime = Field(default_factory=utcnow)


class Alert(SQLModel, table=True):
    """A warning a supervisor sent to the people subscribed to a country, in one language; its messages are
    outbound :class:`Message` rows with ``alert_id`` set, so delivery is counted from them."""

    id: int | None = Field(default=None, primary_key=True)
    country: str = Field(max_length=2)
    language: str = Field(max_length=5)
    text: str
    author: str = Field(max_length=64)
    recipients: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class FaqTopic(SQLModel, table=True):
    """A knowledge-base entry as supervisors edit it in the console; ``document`` holds its question, phrasings
    and answer per language, tags, source and review date, validated like the YAML files (``faq.kb``). Written
    only through :mod:`faq.store`, which keeps a revision of every change."""

    id: str = Field(primary_key=True, max_length=80)
    document: dict[str, Any] = _json()
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: str = Field(default="", max_length=64)


class FaqTopicRevision(SQLModel, table=True):
    """One change to a topic (``document`` None: removed): the history, and the knowledge base's version (its
    newest id), which every worker process compares to notice a change."""

    id: int | None = Field(default=None, primary_key=True)
    topic_id: str = Field(max_length=80, index=True)
    document: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    actor: str = Field(max_length=64)
    note: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
