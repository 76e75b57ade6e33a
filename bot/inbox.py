"""The webhook inbox: every delivery is stored once, by (channel, event id), before it is acknowledged, and
processed after. Rows a crashed worker left pending are processed again by :class:`InboxRecovery`; processing
is idempotent because the engine ignores a channel message id it has seen."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select, update

from bot.clock import utcnow
from bot.db import get_engine, retry_dropped, session_scope
from bot.models import InboxEvent

log = logging.getLogger(__name__)

Processor = Callable[[dict[str, Any]], Awaitable[None]]


@retry_dropped
def store(channel: str, event_id: str, payload: dict[str, Any]) -> int | None:
    """Insert the event unless it is already there (atomic on both databases). Returns the new row's id, or
    None for a redelivery."""
    dialect = postgresql if get_engine().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(InboxEvent)
        .values(channel=channel, event_id=event_id, payload=payload, status="pending", received_at=utcnow())
        .on_conflict_do_nothing(index_elements=["channel", "event_id"])
        .returning(InboxEvent.id)
    )
    with session_scope() as session:
        return session.exec(statement).scalar()


@retry_dropped
def mark(event_id: int, status: str, error: str | None = None, *, session: Session | None = None) -> None:
    """Record the outcome of processing, in ``session``'s transaction when given.

    A processed event keeps only its key (for deduplication): the raw copy of the person's message and
    profile is dropped, since the message itself is stored (and erasable) with its conversation."""
    values: dict[str, Any] = {"status": status, "error": error, "processed_at": utcnow()}
    if status == "done":
        values["payload"] = {}
    statement = update(InboxEvent).where(col(InboxEvent.id) == event_id).values(**values)
    if session is not None:
        session.exec(statement)
        return
    with session_scope() as own:
        own.exec(statement)


async def process(event_id: int, payload: dict[str, Any], processor: Processor) -> None:
    """Run ``processor`` on one stored event and record the outcome; failures are kept for a later try."""
    try:
        await processor(payload)
    except Exception as error:
        log.exception("processing inbox event %s failed", event_id)
        await asyncio.to_thread(mark, event_id, "failed", type(error).__name__)
    else:
        await asyncio.to_thread(mark, event_id, "done")


def claim_stale(
    channels: list[str], older_than: timedelta, max_attempts: int, limit: int = 20
) -> list[InboxEvent]:
    """Pending or failed events older than ``older_than`` (their first worker died or failed), leased by
    bumping ``received_at`` so another worker does not take them at the same time."""
    now = utcnow()
    query = (
        select(InboxEvent)
        .where(
            col(InboxEvent.channel).in_(channels),
            col(InboxEvent.status).in_(("pending", "failed")),
            col(InboxEvent.received_at) < now - older_than,
            col(InboxEvent.attempts) < max_attempts,
        )
        .order_by(col(InboxEvent.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    with session_scope() as session:
        rows = list(session.exec(query).all())
        for row in rows:
            row.attempts += 1
            row.received_at = now
            session.add(row)
    return rows


class InboxRecovery:
    """A background service: processes inbox rows left behind by a crash, a failure or a restart."""

    def __init__(
        self,
        processors: Mapping[str, Processor],
        *,
        older_than: timedelta = timedelta(seconds=30),
        max_attempts: int = 5,
        poll_seconds: float = 5.0,
    ) -> None:
        self.processors = dict(processors)
        self.older_than, self.max_attempts, self.poll_seconds = older_than, max_attempts, poll_seconds

    async def run_once(self) -> int:
        rows = await asyncio.to_thread(claim_stale, list(self.processors), self.older_than, self.max_attempts)
        for row in rows:
            assert row.id is not None
            await process(row.id, row.payload, self.processors[row.channel])
        return len(rows)

    async def run(self) -> None:
        while self.processors:
            try:
                await self.run_once()
            except Exception:
                log.exception("inbox recovery pass failed")
            await asyncio.sleep(self.poll_seconds)
