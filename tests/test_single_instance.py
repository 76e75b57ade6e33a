"""The outbox sender and the deadline scheduler run in one place across workers (PostgreSQL advisory locks), and
a standby takes over within seconds when the holder is killed. Holders are real processes killed with SIGKILL."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.db import get_engine
from bot.outbox import Sender
from bot.singleton import SCHEDULER_LOCK, SENDER_LOCK, run_exclusively
from desk import scheduler
from tests.fakes import eventually
from tests.test_outbox import RecordingAdapter, outbox, queue_replies

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="advisory locks are PostgreSQL's; on SQLite there is one process (run with TEST_DATABASE_URL)",
)
ROOT = Path(__file__).resolve().parent.parent

STUCK_SENDER = """
import asyncio, sys
from pathlib import Path
from bot.outbox import Sender

class Stuck:
    channel = "telegram"
    async def send(self, item):
        Path(sys.argv[1]).write_text(str(item.id))  # claimed, about to send: now kill me
        await asyncio.sleep(3600)

asyncio.run(Sender([Stuck()]).run())
"""
SCHEDULER = "import asyncio; from desk.scheduler import Scheduler; asyncio.run(Scheduler().run())"


def lock_holder(key: int) -> int | None:
    """The backend pid holding advisory lock ``key`` in this test's database, if any (advisory locks are per
    database, but pg_locks lists every database's: another suite on the same server must not be mistaken for
    this one's worker)."""
    with get_engine().connect() as connection:
        return connection.execute(
            text(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = :key AND granted"
                " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            ),
            {"key": key},
        ).scalar()


@contextmanager
def child(code: str, *args: str) -> Iterator[subprocess.Popen[bytes]]:
    """A worker-like process on the test's database (the environment carries DATABASE_URL)."""
    process = subprocess.Popen([sys.executable, "-c", code, *args], env=dict(os.environ), cwd=ROOT)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()


def test_two_senders_in_one_database_deliver_every_row_once_and_only_one_of_them_sends() -> None:
    for chat in range(20):
        rows = queue_replies(chat=str(100 + chat), message_id=str(chat))  # every pending row so far
    first, second = RecordingAdapter(), RecordingAdapter()

    async def both() -> None:
        tasks = [asyncio.create_task(Sender([adapter]).run()) for adapter in (first, second)]
        try:
            await asyncio.to_thread(eventually, lambda: all(row.status == "sent" for row in outbox()), 30)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    asyncio.run(both())
    delivered = [item.id for item in first.sent + second.sent]
    assert sorted(delivered) == sorted(rows)  # each row exactly once
    assert not first.sent or not second.sent  # one sender worked, the other stood by


def test_a_standby_sender_takes_over_within_seconds_when_the_holder_is_killed(tmp_path: Path) -> None:
    stuck_row = queue_replies(chat="42", message_id="1")[0]
    marker = tmp_path / "claimed"
    standby = RecordingAdapter()
    with child(STUCK_SENDER, str(marker)) as holder:
        eventually(lambda: marker.exists() or holder.poll() is not None, 60)
        assert marker.read_text() == str(stuck_row)
        waiting = queue_replies(chat="43", message_id="2")  # the rest of chat 42's and chat 43's

        async def stand_by_then_take_over() -> None:
            task = asyncio.create_task(Sender([standby]).run())
            try:
                await asyncio.sleep(
                    3
                )  # longer than a standby's retry: it must not send while the holder lives
                assert standby.sent == []
                holder.send_signal(signal.SIGKILL)
                # The dead holder's lease (OUTBOX_LEASE_SECONDS, 60 s) is released by the new holder at once.
                await asyncio.to_thread(eventually, lambda: len(standby.sent) >= 1 + len(waiting), 20)
                # A send is recorded before its outcome is stored: let the sender finish before stopping it.
                await asyncio.to_thread(eventually, lambda: {row.status for row in outbox()} == {"sent"}, 20)
            finally:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

        asyncio.run(stand_by_then_take_over())
    assert sorted(item.id for item in standby.sent) == sorted([stuck_row, *waiting])
    assert [row.status for row in outbox()] == ["sent"] * len(outbox())


def test_the_scheduler_runs_in_one_worker_and_a_standby_takes_over_when_it_is_killed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rounds: list[float] = []
    monkeypatch.setattr(scheduler, "run_once", lambda *_args: rounds.append(time.monotonic()))
    with child(SCHEDULER) as holder:
        eventually(lambda: lock_holder(SCHEDULER_LOCK), 60)

        async def stand_by_then_take_over() -> None:
            task = asyncio.create_task(scheduler.Scheduler().run())
            try:
                await asyncio.sleep(3)
                assert rounds == []  # the holder is alive: no round here
                holder.send_signal(signal.SIGKILL)
                await asyncio.to_thread(eventually, lambda: rounds, 20)
            finally:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

        asyncio.run(stand_by_then_take_over())


def test_a_holder_whose_lock_session_ends_stops_working() -> None:
    """If the lock's connection dies under a live worker (the lock went with it), that worker stops."""
    stopped: list[bool] = []

    async def work() -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            stopped.append(True)

    async def scenario() -> None:
        task = asyncio.create_task(run_exclusively(SENDER_LOCK, work, retry_seconds=60, check_seconds=0.2))
        try:
            pid = await asyncio.to_thread(eventually, lambda: lock_holder(SENDER_LOCK))
            with get_engine().connect() as connection:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            await asyncio.to_thread(eventually, lambda: stopped)
            assert lock_holder(SENDER_LOCK) is None  # and it waits retry_seconds before trying again
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    asyncio.run(scenario())
