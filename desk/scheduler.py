"""Deadlines: escalate overdue tickets, warn and then close tickets whose reporter stays silent, push staff
notices to Telegram, erase the personal data of tickets closed longer than ``retention.closed_ticket_days``,
forget idle failure counts (:mod:`bot.throttle`). One instance runs across all workers: on PostgreSQL only the
worker holding the scheduler's advisory lock runs rounds (:mod:`bot.singleton`; a standby takes over within
seconds when it dies), and each round also takes a lease row (a conditional UPDATE, the same on SQLite), so two
processes never run a round at once."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from bot import privacy, throttle, tickets
from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.models import Lease, Ticket, TicketEvent
from bot.singleton import SCHEDULER_LOCK, run_exclusively
from desk import notify
from desk.queries import overdue_condition

log = logging.getLogger(__name__)
LEASE = "scheduler"
BATCH = 200


@dataclass(frozen=True)
class Round:
    escalated: int = 0
    warned: int = 0
    closed: int = 0
    pushed: int = 0
    erased: int = 0
    pruned: int = 0


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def acquire_lease(holder: str, now: datetime, ttl: timedelta) -> bool:
    """Take or renew the scheduler lease; False while another live process holds it."""
    try:
        with session_scope() as db:
            result = db.execute(
                update(Lease)
                .where(
                    col(Lease.name) == LEASE,
                    or_(col(Lease.holder) == holder, col(Lease.expires_at) < now),
                )
                .values(holder=holder, expires_at=now + ttl)
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]  # a CursorResult, typed as Result
                return True
            if db.get(Lease, LEASE) is not None:
                return False
            db.add(Lease(name=LEASE, holder=holder, expires_at=now + ttl))
            db.flush()
            return True
    except IntegrityError:  # another process created the row at the same moment
        return False


def release_lease() -> None:
    """End the lease now: called by the worker that has just taken the scheduler lock, when the lease's
    holder (if any) is dead, so the first round need not wait for the lease to expire."""
    with session_scope() as db:
        db.execute(
            update(Lease).where(col(Lease.name) == LEASE).values(expires_at=utcnow() - timedelta(seconds=1))
        )


def escalate_overdue(now: datetime) -> int:
    """Flag open tickets past a deadline and notify supervisors (once per ticket)."""
    with session_scope() as db:
        rows = db.exec(
            select(Ticket).where(overdue_condition(now), col(Ticket.escalated).is_(False)).limit(BATCH)
        ).all()
        for ticket in rows:
            due = ticket.first_response_due
            late_first = ticket.first_response_at is None and due is not None and due < now
            reason = "first_response_overdue" if late_first else "resolution_overdue"
            tickets.escalate(db, ticket, "scheduler", reason)
        return len(rows)


def _warned() -> ColumnElement[bool]:
    """The reporter was warned since the ticket last changed."""
    return exists().where(
        col(TicketEvent.ticket_id) == Ticket.id,
        col(TicketEvent.kind) == "silence_warning",
        col(TicketEvent.at) >= Ticket.updated_at,
    )


def close_silent(now: datetime) -> tuple[int, int]:
    """Tickets waiting on the reporter: warn ``waiting_warning_days`` before closing, close after
    ``waiting_close_days`` of silence (counted from the last change, e.g. the officer's question)."""
    policy, timezone = get_config().console, get_config().conversation.timezone
    close_after = timedelta(days=policy.waiting_close_days)
    warn_after = close_after - timedelta(days=policy.waiting_warning_days)
    warned = closed = 0
    with session_scope() as db:
        waiting = [col(Ticket.status) == "waiting_on_reporter"]
        for ticket in db.exec(
            select(Ticket).where(*waiting, col(Ticket.updated_at) < now - warn_after, ~_warned()).limit(BATCH)
        ).all():
            tickets.warn_silence(db, ticket, ticket.updated_at + close_after, timezone, now)
            warned += 1
        for ticket in db.exec(
            select(Ticket).where(*waiting, col(Ticket.updated_at) < now - close_after, _warned()).limit(BATCH)
        ).all():
            tickets.close_silent(db, ticket)
            closed += 1
    return warned, closed


def erase_expired(now: datetime) -> int:
    """Retention: anonymise tickets closed (last changed) more than ``closed_ticket_days`` ago."""
    cutoff = now - timedelta(days=get_config().retention.closed_ticket_days)
    with session_scope() as db:
        rows = db.exec(
            select(Ticket)
            .where(
                col(Ticket.status) == "closed",
                col(Ticket.updated_at) < cutoff,
                col(Ticket.erased_at).is_(None),
            )
            .limit(BATCH)
        ).all()
        for ticket in rows:
            privacy.erase_ticket(db, ticket, "scheduler", "retention")
        return len(rows)


def prune_throttles(now: datetime) -> int:
    """Forget failure counts (bot.throttle) idle longer than any configured count is kept."""
    config = get_config()
    flood = config.limits
    limits = (
        config.conversation.status_pin.per_ticket,
        config.conversation.status_pin.per_source,
        config.console.login_per_address,
        flood.new_web_chats_per_source,
        flood.urgent_tickets_per_source,
        flood.staff_notices_per_queue,
    )
    hours = max(limit.forget_after_hours for limit in limits)
    with session_scope() as db:
        return throttle.prune(db, now, timedelta(hours=hours))


def run_once(now: datetime | None = None, holder: str | None = None) -> Round | None:
    """One round of the scheduler, or None when another process holds the lease."""
    now = now or utcnow()
    interval = get_config().console.scheduler_interval_seconds
    if not acquire_lease(holder or holder_id(), now, timedelta(seconds=interval * 3)):
        return None
    escalated = escalate_overdue(now)
    warned, closed = close_silent(now)
    return Round(
        escalated=escalated,
        warned=warned,
        closed=closed,
        pushed=notify.push_pending(),
        erased=erase_expired(now),
        pruned=prune_throttles(now),
    )


class Scheduler:
    """The background service a web worker starts (see :func:`app.web.create_app`); every worker runs
    one, the advisory lock and the lease let one of them work. Rounds run in a thread so requests are not
    blocked."""

    async def run(self) -> None:
        await run_exclusively(SCHEDULER_LOCK, self._rounds, on_takeover=release_lease)

    async def _rounds(self) -> None:
        interval = get_config().console.scheduler_interval_seconds
        holder = holder_id()
        while True:
            try:
                await asyncio.to_thread(run_once, None, holder)
            except Exception:
                log.exception("scheduler round failed")
            await asyncio.sleep(interval)
