"""Flood control per contact: over the limit a person is slowed down politely, every message is still stored,
others are not affected, the limit holds across concurrent workers, and danger always goes through."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlmodel import col, select

from bot import config
from bot.clock import utcnow
from bot.db import session_scope
from bot.models import Message, Ticket
from tests.support import Chat

LIMIT = 5
SLOW_DOWN = "Mohon tunggu sebentar"


@pytest.fixture(autouse=True)
def low_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    limits = config.get_config().limits.model_copy(update={"contact_messages_per_minute": LIMIT})
    monkeypatch.setattr(config.get_config(), "limits", limits)


def inbound(user: str) -> list[Message]:
    with session_scope() as session:
        return list(
            session.exec(
                select(Message)
                .where(Message.direction == "in", col(Message.channel_message_id).startswith(user))
                .order_by(col(Message.id))
            )
        )


def test_a_flood_is_stored_whole_answered_with_one_notice_and_does_not_slow_anyone_else() -> None:
    flooder, other = Chat(user="flooder", channel="web"), Chat(user="other", channel="web")
    other.send("halo", message_id="other-0")
    answers = [flooder.send(f"spam {n}", message_id=f"flooder-{n}") for n in range(LIMIT + 10)]

    assert all(answers[:LIMIT])  # within the limit: answered as usual
    over = answers[LIMIT:]
    assert [len(replies) for replies in over] == [1] + [0] * (len(over) - 1)
    assert SLOW_DOWN in over[0][0].text
    assert len(inbound("flooder")) == LIMIT + 10  # nothing lost
    assert {row.status for row in inbound("flooder")} == {"received"}
    other.press("Setuju")
    assert "menu" in other.text.lower() or other.buttons()  # the other person goes on normally


def test_the_notice_is_in_the_persons_language() -> None:
    chat = Chat(user="english", channel="web")
    chat.send("hello, I want to ask something", message_id="english-0")
    for n in range(1, LIMIT + 1):
        chat.send(f"hello again {n}", message_id=f"english-{n}")
    assert "a lot of messages" in chat.text


def test_danger_goes_through_a_flood() -> None:
    chat = Chat(user="danger", channel="web")
    for n in range(LIMIT + 3):
        chat.send(f"spam {n}", message_id=f"danger-{n}")
    chat.send("tolong saya dipukuli majikan", message_id="danger-x")
    assert "DARURAT" in chat.text
    with session_scope() as session:
        [ticket] = session.exec(select(Ticket)).all()
    assert ticket.urgent


def test_the_limit_holds_across_concurrent_workers() -> None:
    """Two workers (threads with their own sessions) take one person's messages at once: the bucket lives in
    the conversation's row, read and written under its lock, so no more than the limit are answered in all."""

    def send(n: int) -> int:
        return len(Chat(user="busy", channel="web").send(f"pesan {n}", message_id=f"busy-{n}"))

    with ThreadPoolExecutor(max_workers=2) as pool:
        replies = list(pool.map(send, range(4 * LIMIT)))

    answered = [n for n in replies if n]
    assert len(answered) == LIMIT + 1  # LIMIT turns, then one notice
    assert len(inbound("busy")) == 4 * LIMIT


def test_the_terminal_chat_is_not_limited() -> None:
    chat = Chat(user="operator")
    answers = [chat.send(f"pesan {n}", message_id=f"operator-{n}") for n in range(LIMIT + 3)]
    assert all(answers) and not any(SLOW_DOWN in reply.text for replies in answers for reply in replies)


def test_the_bucket_refills_at_the_limit_per_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = Chat(user="steady", channel="web")
    start = utcnow()
    monkeypatch.setattr("bot.engine.utcnow", lambda: start)
    for n in range(LIMIT):
        assert chat.send(f"pesan {n}", message_id=f"steady-{n}")
    assert SLOW_DOWN in chat.send("satu lagi", message_id="steady-over")[0].text

    # One token comes back every minute / LIMIT: a moment before that the person is still held back
    # (and gets no second notice within the minute), right after it one message is answered again.
    refill = timedelta(minutes=1) / LIMIT
    monkeypatch.setattr("bot.engine.utcnow", lambda: start + refill * 0.9)
    assert chat.send("masih terlalu cepat", message_id="steady-early") == []
    monkeypatch.setattr("bot.engine.utcnow", lambda: start + refill * 1.1)
    assert chat.send("menu", message_id="steady-refilled")
    assert chat.send("lagi", message_id="steady-again") == []
