"""The outbox sender: exactly once per row across a crash, retries with backoff, permanent failures, order."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlmodel import col, select

from bot import config
from bot.db import session_scope
from bot.engine import handle
from bot.messages import Inbound
from bot.models import Message
from bot.outbox import DeliveryError, OutboxItem, Sender, claim

CHILD_SENDER = """
import asyncio, sys
from pathlib import Path
from bot.outbox import Sender

class Stuck:
    channel = "telegram"
    async def send(self, item):
        Path(sys.argv[1]).write_text(str(item.id))  # claimed and about to send: now kill me
        await asyncio.sleep(3600)

asyncio.run(Sender([Stuck()]).run_once())
"""


class RecordingAdapter:
    channel = "telegram"

    def __init__(self, failures: list[DeliveryError] | None = None) -> None:
        self.sent: list[OutboxItem] = []
        self.failures = failures or []

    async def send(self, item: OutboxItem) -> str | None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(item)
        return f"42:{len(self.sent)}"


def queue_replies(text: str = "halo", chat: str = "42", message_id: str = "1") -> list[int]:
    """A turn on Telegram: the replies are committed to the outbox with the turn."""
    handle(
        Inbound(channel="telegram", chat_id=chat, user_id=chat, text=text, channel_message_id=message_id),
        inline=False,
    )
    with session_scope() as session:
        return list(
            session.exec(
                select(Message.id)
                .where(Message.direction == "out", Message.status == "pending")
                .order_by(col(Message.id))
            )
        )  # type: ignore[arg-type]


def outbox() -> list[Message]:
    with session_scope() as session:
        return list(session.exec(select(Message).where(Message.direction == "out").order_by(col(Message.id))))


def drain(sender: Sender) -> None:
    while asyncio.run(sender.run_once()):
        pass


def test_a_sender_killed_between_claim_and_send_delivers_exactly_once_after_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pending = queue_replies()
    marker = tmp_path / "claimed"
    env = {**os.environ, "OUTBOX_LEASE_SECONDS": "0"}  # the dead worker's lease expires at once
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_SENDER, str(marker)], env=env, cwd=Path(__file__).parent.parent
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the child sender never claimed the row"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert [row.status for row in outbox()] == ["sending"] + ["pending"] * (len(pending) - 1)

    adapter = RecordingAdapter()
    drain(Sender([adapter]))
    drain(Sender([adapter]))

    assert [item.id for item in adapter.sent] == pending
    assert {row.status for row in outbox()} == {"sent"}


def test_rows_committed_before_a_crash_are_sent_once_by_the_next_sender() -> None:
    pending = queue_replies()
    adapter = RecordingAdapter()

    drain(Sender([adapter]))
    drain(Sender([adapter]))

    assert [item.id for item in adapter.sent] == pending
    assert [row.channel_message_id for row in outbox()] == [f"42:{n}" for n in range(1, len(pending) + 1)]


def test_a_transient_failure_is_retried_later_with_backoff() -> None:
    [first, *_] = queue_replies()
    adapter = RecordingAdapter([DeliveryError("TimedOut")])

    asyncio.run(Sender([adapter]).run_once())

    row = outbox()[0]
    assert (row.id, row.status, row.attempts, row.error) == (first, "pending", 1, "TimedOut")
    assert row.next_attempt_at is not None and row.next_attempt_at > row.created_at
    assert adapter.sent == []  # the later replies of the same chat wait for the first


def test_after_the_last_attempt_the_failure_is_permanent_and_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OUTBOX_MAX_ATTEMPTS", "1")
    config.get_settings.cache_clear()
    queue_replies()

    asyncio.run(Sender([RecordingAdapter([DeliveryError("NetworkError")])]).run_once())

    row = outbox()[0]
    assert (row.status, row.error, row.next_attempt_at) == ("failed", "NetworkError", None)


def test_a_permanent_failure_is_not_retried() -> None:
    queue_replies()
    adapter = RecordingAdapter([DeliveryError("BadRequest: chat not found", permanent=True)])

    drain(Sender([adapter]))

    statuses = [row.status for row in outbox()]
    assert statuses[0] == "failed" and set(statuses[1:]) <= {"sent"}


def test_concurrent_claims_never_hand_out_a_row_twice() -> None:
    for chat in range(12):
        queue_replies(chat=str(100 + chat), message_id=f"c{chat}")

    with ThreadPoolExecutor(4) as pool:
        batches = list(pool.map(lambda _: claim(["telegram"], limit=5), range(4)))

    ids = [item.id for batch in batches for item in batch]
    assert len(ids) == len(set(ids)) == 12  # one row per conversation, each claimed once


def test_a_text_over_the_outbound_limit_is_refused_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAX_OUTBOUND_CHARS", "10")
    config.get_settings.cache_clear()
    queue_replies()
    adapter = RecordingAdapter()

    asyncio.run(Sender([adapter]).run_once())

    row = outbox()[0]
    assert row.status == "failed" and "over MAX_OUTBOUND_CHARS (10)" in (row.error or "")
    assert adapter.sent == []
