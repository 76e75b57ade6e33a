"""Failed attempts counted per key in the database, so the count holds across chats, cookies and workers.

An attempt first :func:`hold`\\ s its key: the key's row is created or locked (``INSERT ... ON CONFLICT DO
UPDATE`` locks it on PostgreSQL; SQLite's write lock serialises transactions anyway) and stays locked until the
transaction ends. Attempts under one key therefore run one after another: each sees every failure before it,
none is checked against a stale count, and no increment is lost however many arrive together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, update
from sqlmodel import Session, col

from bot.config import AttemptLimit
from bot.models import Throttle


@dataclass
class Gate:
    """One attempt under a held key: whether it may go ahead, and its outcome to record."""

    session: Session
    key: str
    limit: AttemptLimit
    now: datetime
    failures: int
    locked_until: datetime | None

    @property
    def locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > self.now

    def fail(self) -> bool:
        """Count a failure; True when it locks the key (the ``failures``-th and each later failure)."""
        self.failures += 1
        excess = self.failures - self.limit.failures
        if excess >= 0:
            delay = min(self.limit.lock_base_seconds * 2**excess, self.limit.lock_max_seconds)
            self.locked_until = self.now + timedelta(seconds=delay)
        self.session.execute(
            update(Throttle)
            .where(col(Throttle.key) == self.key)
            .values(failures=self.failures, last_failure_at=self.now, locked_until=self.locked_until)
        )
        return excess >= 0

    def clear(self) -> None:
        """A success: the count starts again."""
        self.session.execute(delete(Throttle).where(col(Throttle.key) == self.key))


def hold(session: Session, key: str, limit: AttemptLimit, now: datetime) -> Gate:
    """Lock ``key``'s row for the rest of the transaction (creating it) and read its count. A count whose
    last failure is older than ``forget_after_hours`` starts again."""
    from sqlalchemy.dialects import postgresql, sqlite  # here: SQLite's processes need no PostgreSQL dialect

    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(Throttle)
        .values(key=key, failures=0)
        .on_conflict_do_update(index_elements=["key"], set_={"key": key})  # a no-op that locks the row
        .returning(Throttle.failures, Throttle.last_failure_at, Throttle.locked_until)
    )
    failures, last_failure_at, locked_until = session.execute(statement).one()
    if last_failure_at is None or now - last_failure_at > timedelta(hours=limit.forget_after_hours):
        failures = 0
    return Gate(session, key, limit, now, failures, locked_until)


def prune(session: Session, now: datetime, idle: timedelta) -> int:
    """Delete counts with no failure for ``idle`` and no lock in force (a guessed reference leaves one)."""
    result = session.execute(
        delete(Throttle).where(
            or_(col(Throttle.last_failure_at).is_(None), col(Throttle.last_failure_at) < now - idle),
            or_(col(Throttle.locked_until).is_(None), col(Throttle.locked_until) < now),
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]  # a CursorResult, typed as Result
