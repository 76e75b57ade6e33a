"""The outbox: outbound :class:`~bot.models.Message` rows, written in the same transaction as the turn that caused
them, delivered here.

Pull channels (the terminal, web chat) fetch their rows with :func:`take_pending`. Push channels (Telegram, WhatsApp)
are delivered by :class:`Sender` through an :class:`Adapter` per channel:

1. *claim*: in a short transaction, rows that are due are locked (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so
   two workers never claim one row), set to ``sending`` with ``attempts + 1`` and a lease
   (``next_attempt_at = now + OUTBOX_LEASE_SECONDS``), and committed;
2. *send*, outside any transaction;
3. *record* the outcome, fenced on (status ``sending``, attempts) so a stale sender cannot overwrite a newer claim.

A crash before step 2 leaves the row ``sending`` with an expiring lease: it is claimed again and delivered after
restart. The only window for a duplicate is a crash after the peer accepted the message and before step 3
commits (neither Telegram nor Twilio accepts an idempotency key): then the row is sent once more when the lease
expires. Rows of one conversation go out in order: a row waits while an earlier one is unsent.

Only one worker sends at a time on PostgreSQL (a session advisory lock, :mod:`bot.singleton`), so the
per-process rate limits of the channels are global ones; the others stand by and take over within seconds when
that worker dies, releasing the leases of the rows it had claimed at once.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import exists, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.clock import utcnow
from bot.config import get_settings
from bot.db import session_scope
from bot.messages import Button, Outbound
from bot.models import Contact, Conversation, Message
from bot.singleton import SENDER_LOCK, run_exclusively

log = logging.getLogger(__name__)

UNSENT = ("pending", "sending")


@dataclass(frozen=True)
class OutboxItem:
    """One claimed row, detached from the session."""

    id: int
    channel: str
    attempts: int
    conversation_id: int
    chat_id: str
    text: str
    buttons: tuple[Button, ...]
    template: str | None
    last_inbound_at: datetime | None


class DeliveryError(Exception):
    """Sending failed. ``permanent`` failures are not retried; ``unreachable`` marks the contact."""

    def __init__(self, reason: str, *, permanent: bool = False, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent or unreachable
        self.unreachable = unreachable


class Held(Exception):
    """The channel may not carry this message now (WhatsApp's 24-hour window): keep it until the person writes,
    and send ``notice_template`` (a content template id) instead, once."""

    def __init__(self, notice_template: str | None) -> None:
        super().__init__("held until the person writes again")
        self.notice_template = notice_template


class Adapter(Protocol):
    channel: str

    async def send(self, item: OutboxItem) -> str | None:
        """Deliver ``item``; return the channel's message id. Raise :class:`DeliveryError` or :class:`Held`."""
        ...


def take_pending(channel: str, chat_id: str) -> list[Outbound]:
    """Rows queued for a pull channel's chat since it last fetched (an officer's answer), marked sent."""
    with session_scope() as session:
        rows = session.exec(
            select(Message)
            .join(Conversation, col(Conversation.id) == Message.conversation_id)
            .where(
                Conversation.channel == channel,
                Conversation.chat_id == chat_id,
                Message.direction == "out",
                Message.status == "pending",
            )
            .order_by(col(Message.id))
        ).all()
        for row in rows:
            row.status = "sent"
            row.next_attempt_at = None
            session.add(row)
        return [
            Outbound(row.text, tuple(Button(label, value) for label, value in row.buttons)) for row in rows
        ]


def release_held(session: Session, channel: str, chat_id: str) -> None:
    """The person wrote again: send what was held for them (in the caller's transaction)."""
    conversation = select(Conversation.id).where(
        Conversation.channel == channel, Conversation.chat_id == chat_id
    )
    session.exec(
        update(Message)
        .where(
            col(Message.conversation_id).in_(conversation.scalar_subquery()),
            col(Message.direction) == "out",
            col(Message.status) == "held",
        )
        .values(status="pending", next_attempt_at=utcnow())
    )


def claim(channels: Sequence[str], limit: int = 50) -> list[OutboxItem]:
    """Lock and lease the due rows of ``channels``, oldest first, at most one per conversation."""
    now = utcnow()
    lease = timedelta(seconds=get_settings().outbox_lease_seconds)
    earlier = aliased(Message)
    query = (
        select(Message, Conversation.chat_id, Conversation.last_inbound_at)
        .join(Conversation, col(Conversation.id) == Message.conversation_id)
        .where(
            Message.direction == "out",
            col(Message.channel).in_(channels),
            col(Message.status).in_(UNSENT),
            col(Message.next_attempt_at) <= now,
            ~exists().where(
                col(earlier.conversation_id) == col(Message.conversation_id),
                col(earlier.direction) == "out",
                col(earlier.status).in_(UNSENT),
                col(earlier.id) < col(Message.id),
            ),
        )
        .order_by(col(Message.id))
        .limit(limit)
        .with_for_update(skip_locked=True, of=Message)
    )
    items = []
    with session_scope() as session:
        for row, chat_id, last_inbound_at in session.exec(query).all():
            assert row.id is not None
            row.status, row.attempts, row.next_attempt_at = "sending", row.attempts + 1, now + lease
            session.add(row)
            items.append(
                OutboxItem(
                    id=row.id,
                    channel=row.channel,
                    attempts=row.attempts,
                    conversation_id=row.conversation_id,
                    chat_id=chat_id,
                    text=row.text,
                    buttons=tuple(Button(label, value) for label, value in row.buttons),
                    template=row.template,
                    last_inbound_at=last_inbound_at,
                )
            )
    return items


def release_leases(channels: Sequence[str]) -> int:
    """Make rows a dead sender had claimed due now instead of when their lease ends. Called only by the sender
    that has just taken the lock, so no live sender holds those claims; the fence on ``attempts`` still keeps
    a late outcome of the old claim from being recorded."""
    with session_scope() as session:
        result = session.exec(
            update(Message)
            .where(
                col(Message.direction) == "out",
                col(Message.channel).in_(channels),
                col(Message.status) == "sending",
            )
            .values(next_attempt_at=utcnow())
        )
        if result.rowcount:
            log.warning("took over %s outbox rows claimed by a sender that is gone", result.rowcount)
        return int(result.rowcount)


def backoff(attempts: int) -> timedelta:
    """Exponential backoff with jitter: about 2 s, 4 s, 8 s ... capped at one hour."""
    return timedelta(seconds=min(2**attempts, 3600) * random.uniform(0.8, 1.2))  # noqa: S311


def record_sent(item: OutboxItem, channel_message_id: str | None) -> None:
    _record(item, status="sent", channel_message_id=channel_message_id, next_attempt_at=None, error=None)


def record_failure(item: OutboxItem, error: DeliveryError) -> None:
    """Retry later with backoff, or record a permanent failure (and an unreachable contact) in one step."""
    final = error.permanent or item.attempts >= get_settings().outbox_max_attempts
    if final:
        values: dict[str, object] = {"status": "failed", "next_attempt_at": None}
        log.warning("outbox message %s failed permanently after %s attempts", item.id, item.attempts)
    else:
        values = {"status": "pending", "next_attempt_at": utcnow() + backoff(item.attempts)}
    with session_scope() as session:
        recorded = _fenced_update(session, item, error=str(error)[:500], **values)
        conversation = (
            session.get(Conversation, item.conversation_id) if recorded and error.unreachable else None
        )
        contact = conversation and session.get(Contact, conversation.contact_id)
        if contact is not None:
            contact.unreachable = True
            session.add(contact)


def record_held(item: OutboxItem, held: Held) -> None:
    """Hold the row; queue the notice template unless one was sent since the person last wrote."""
    with session_scope() as session:
        if (
            _fenced_update(session, item, status="held", next_attempt_at=None, error=None)
            and held.notice_template
        ):
            queue_notice(session, item.conversation_id, item.channel, held.notice_template)


def record_held_by_sid(channel: str, channel_message_id: str, notice_template: str | None) -> None:
    """The channel accepted a message and reported later that it could not deliver it outside the window."""
    with session_scope() as session:
        message = session.exec(
            select(Message).where(
                Message.channel == channel,
                Message.direction == "out",
                Message.channel_message_id == channel_message_id,
            )
        ).first()
        if message is None or message.status == "held" or message.template:
            return
        message.status, message.next_attempt_at = "held", None
        session.add(message)
        if notice_template:
            queue_notice(session, message.conversation_id, channel, notice_template)


def queue_notice(session: Session, conversation_id: int, channel: str, template: str) -> None:
    """Queue the content template that tells the person something is waiting, unless one went out since they
    last wrote (in the caller's transaction)."""
    conversation = session.get(Conversation, conversation_id)
    notice = select(Message.id).where(
        Message.conversation_id == conversation_id,
        Message.direction == "out",
        col(Message.template).is_not(None),
    )
    if conversation is not None and conversation.last_inbound_at is not None:
        notice = notice.where(col(Message.created_at) >= conversation.last_inbound_at)
    if session.exec(notice).first() is None:
        session.add(
            Message(
                conversation_id=conversation_id,
                direction="out",
                channel=channel,
                author="bot",
                template=template,
                status="pending",
                next_attempt_at=utcnow(),
            )
        )


def _record(item: OutboxItem, **values: object) -> None:
    with session_scope() as session:
        _fenced_update(session, item, **values)


def _fenced_update(session: Session, item: OutboxItem, **values: object) -> bool:
    result = session.exec(
        update(Message)
        .where(
            col(Message.id) == item.id,
            col(Message.status) == "sending",
            col(Message.attempts) == item.attempts,
        )
        .values(**values)
    )
    if not result.rowcount:
        log.warning("outbox message %s was claimed again meanwhile; outcome not recorded", item.id)
    return bool(result.rowcount)


# Delivery outcomes are written on threads of their own, one pool per process (as the active sender is): on the
# shared default pool they would queue behind the webhook turns, and a worker killed meanwhile would send again
# what the peer had already accepted.
_RECORDER = ThreadPoolExecutor(max_workers=2, thread_name_prefix="outbox-record")


class Sender:
    """Delivers the outbox of the push channels. ``run`` is a background service of the web app."""

    def __init__(self, adapters: Sequence[Adapter], *, poll_seconds: float = 0.25) -> None:
        self.adapters = {adapter.channel: adapter for adapter in adapters}
        self.poll_seconds = poll_seconds

    async def _record(self, write: Callable[..., Any], *args: Any) -> None:
        await asyncio.get_running_loop().run_in_executor(_RECORDER, write, *args)

    async def run_once(self) -> int:
        """Claim what is due, send it (conversations in parallel), record the outcomes. Returns rows handled."""
        items = await asyncio.to_thread(claim, list(self.adapters))
        await asyncio.gather(*(self._deliver(item) for item in items))
        return len(items)

    async def _deliver(self, item: OutboxItem) -> None:
        limit = get_settings().max_outbound_chars
        if len(item.text) > limit:
            reason = f"text of {len(item.text)} characters is over MAX_OUTBOUND_CHARS ({limit})"
            await self._record(record_failure, item, DeliveryError(reason, permanent=True))
            return
        try:
            channel_message_id = await self.adapters[item.channel].send(item)
        except Held as held:
            await self._record(record_held, item, held)
        except DeliveryError as error:
            await self._record(record_failure, item, error)
        except Exception as error:
            log.exception("unexpected error sending outbox message %s", item.id)
            await self._record(record_failure, item, DeliveryError(type(error).__name__))
        else:
            await self._record(record_sent, item, channel_message_id)

    async def run(self) -> None:
        """Send until cancelled; on PostgreSQL only while this worker holds the sender lock."""
        if self.adapters:
            await run_exclusively(
                SENDER_LOCK, self._loop, on_takeover=lambda: release_leases(list(self.adapters))
            )

    async def _loop(self) -> None:
        while True:
            try:
                handled = await self.run_once()
            except Exception:
                log.exception("outbox sender pass failed")
                handled = 0
            if not handled:
                await asyncio.sleep(self.poll_seconds)
