"""One instance across all workers: a PostgreSQL session advisory lock held on a connection of its own.

The lock lives exactly as long as the database session that took it: when the holding process dies (even by
SIGKILL) PostgreSQL ends its session and frees the lock, and a standby, trying every ``retry_seconds``, takes
over within seconds. The holder checks its lock connection every ``check_seconds`` and stops working when the
connection is gone (the lock went with it, so another worker may already hold it). Without PostgreSQL (SQLite,
one process) the work simply runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.db import get_engine

log = logging.getLogger(__name__)

SENDER_LOCK = 7_314_002  # the outbox sender (bot/outbox.py)
SCHEDULER_LOCK = 7_314_003  # the deadline scheduler (desk/scheduler.py)


async def run_exclusively(
    key: int,
    work: Callable[[], Awaitable[None]],
    *,
    on_takeover: Callable[[], object] | None = None,
    retry_seconds: float = 2.0,
    check_seconds: float = 2.0,
) -> None:
    """Run ``work`` (which runs until cancelled) only while this process holds lock ``key``; stand by otherwise.
    ``on_takeover`` runs (in a thread) each time the lock is taken, before ``work``: it may clean up after a
    dead holder, since no other holder can be alive then."""
    if get_engine().dialect.name != "postgresql":
        await work()
        return
    while True:
        connection: Connection | None = None
        try:
            connection = await asyncio.to_thread(get_engine().connect)
            if await asyncio.to_thread(_try_lock, connection, key):
                log.info("took advisory lock %s", key)
                if on_takeover is not None:
                    await asyncio.to_thread(on_takeover)
                await _while_alive(connection, work, check_seconds)
                log.warning("lost advisory lock %s (its database session ended)", key)
        except Exception:
            log.exception("advisory lock %s: standing by after an error", key)
        finally:
            if connection is not None:
                # Really close the session (not back into the pool still holding the lock).
                await asyncio.to_thread(_discard, connection)
        await asyncio.sleep(retry_seconds)


async def _while_alive(
    connection: Connection, work: Callable[[], Awaitable[None]], check_seconds: float
) -> None:
    """Run ``work`` until the lock connection stops answering."""
    task = asyncio.ensure_future(work())
    try:
        while not task.done():
            await asyncio.wait({task}, timeout=check_seconds)
            if not task.done() and not await asyncio.to_thread(_alive, connection):
                return
        task.result()
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def _try_lock(connection: Connection, key: int) -> bool:
    locked = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar()
    connection.commit()
    return bool(locked)


def _alive(connection: Connection) -> bool:
    try:
        connection.execute(text("SELECT 1"))
        connection.commit()
    except Exception:
        return False
    return True


def _discard(connection: Connection) -> None:
    with contextlib.suppress(Exception):
        connection.invalidate()
    with contextlib.suppress(Exception):
        connection.close()
