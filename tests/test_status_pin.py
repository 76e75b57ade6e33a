"""Checking a report from another chat: wrong PINs counted per reference and per source (not per chat), the
lock with its growing back-off, the owner told, the same answer for unknown references, and parallel guesses
(threads against the real database: PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlmodel import col, select
from starlette.testclient import TestClient

from app.web import create_app
from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.models import Message, Throttle, Ticket, TicketEvent
from bot.throttle import hold
from desk import scheduler
from tests.support import Chat

WRONG, LOCKED = "PIN tidak cocok", "Terlalu banyak percobaan"


def urgent_ticket(channel: str = "telegram") -> tuple[Ticket, str]:
    """A worker's danger message opens a ticket and tells its reference and PIN."""
    owner = Chat(user="owner-1", channel=channel)
    owner.send("saya mau bunuh diri")
    [pin] = re.findall(r"PIN\W{0,3}(\d{6})", owner.text)
    with session_scope() as db:
        ticket = db.exec(select(Ticket)).one()
    return ticket, pin


def wrong(pin: str) -> str:
    return "000000" if pin != "000000" else "111111"


def at_pin_question(user: str, ref: str, channel: str = "telegram") -> Chat:
    """Someone in another chat asks for the status of ``ref`` and is asked for the PIN."""
    chat = Chat(user=user, channel=channel)
    chat.consent()
    chat.send("cek status")
    chat.send(ref)
    assert "Ketik PIN" in chat.text
    return chat


def events(ticket: Ticket, kind: str) -> list[TicketEvent]:
    with session_scope() as db:
        return list(
            db.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == kind))
        )


def owner_notices(ticket: Ticket) -> list[Message]:
    with session_scope() as db:
        return list(
            db.exec(
                select(Message).where(
                    Message.conversation_id == ticket.conversation_id,
                    Message.direction == "out",
                    col(Message.text).contains("percobaan PIN yang salah"),
                )
            )
        )


def test_wrong_pins_from_fresh_chats_lock_the_ticket() -> None:
    ticket, pin = urgent_ticket()
    limit = get_config().conversation.status_pin.per_ticket.failures
    for n in range(limit):
        guesser = at_pin_question(f"guesser-{n}", ticket.ref)
        guesser.send(wrong(pin))
        assert WRONG in guesser.text
    late = at_pin_question("guesser-late", ticket.ref)
    late.send(pin)  # even the right PIN: the check is locked, not this chat
    assert LOCKED in late.text and "Status" not in late.text


def test_a_locked_pin_check_is_a_ticket_event_and_the_owner_is_told_on_their_channel() -> None:
    ticket, pin = urgent_ticket(channel="telegram")
    for n in range(get_config().conversation.status_pin.per_ticket.failures):
        at_pin_question(f"guesser-{n}", ticket.ref, channel="whatsapp").send(wrong(pin))
    [event] = events(ticket, "pin_locked")
    assert event.actor == "bot" and event.detail["channel"] == "whatsapp"
    [notice] = owner_notices(ticket)
    assert notice.channel == "telegram" and notice.status == "pending" and ticket.ref in notice.text
    assert notice.ticket_id == ticket.id


def test_the_right_pin_before_the_limit_shows_the_report_and_resets_the_count() -> None:
    ticket, pin = urgent_ticket()
    chat = at_pin_question("family", ticket.ref)
    chat.send(wrong(pin))
    chat.send(pin)
    assert ticket.ref in chat.text and "Status" in chat.text
    with session_scope() as db:
        assert db.get(Throttle, f"pin-ref:{ticket.ref}") is None


def test_an_unknown_reference_and_a_wrong_pin_get_the_same_answers() -> None:
    ticket, pin = urgent_ticket()
    real = at_pin_question("real", ticket.ref)
    made_up = at_pin_question("made-up", "PMI-ZZZZZZ")
    asked = real.text
    assert made_up.text == asked
    real.send(wrong(pin))
    made_up.send(wrong(pin))
    assert real.text == made_up.text and WRONG in real.text


def test_guesses_from_one_chat_over_many_references_lock_that_chat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        get_config().limits, "contact_messages_per_minute", 0
    )  # flood control is not the point
    ticket, pin = urgent_ticket()
    limit = get_config().conversation.status_pin.per_source.failures
    guesser = Chat(user="guesser", channel="telegram")
    guesser.consent()
    for n in range(limit):
        guesser.send("menu")
        guesser.send("cek status")
        guesser.send(f"PMI-ZZZZ{'23456789AB'[n]}2")
        guesser.send("123456")
        assert WRONG in guesser.text
    guesser.send("menu")
    guesser.send("cek status")
    guesser.send(ticket.ref)
    guesser.send(pin)
    assert LOCKED in guesser.text


def test_web_chat_guesses_from_new_cookies_count_for_one_address(monkeypatch: pytest.MonkeyPatch) -> None:
    limit = get_config().conversation.status_pin.per_source.failures
    chats = get_config().limits.new_web_chats_per_source.model_copy(update={"failures": limit + 1})
    limits = get_config().limits.model_copy(update={"new_web_chats_per_source": chats})
    monkeypatch.setattr(get_config(), "limits", limits)  # the PIN count alone, not the new-chat limit
    app = create_app()

    def guess(client_id: int, ref: str, pin: str) -> str:
        browser = TestClient(app, base_url="http://127.0.0.1:8000", client=("203.0.113.7", 40000 + client_id))
        browser.get("/chat")  # a fresh cookie: a new chat
        for n, text in enumerate(["halo", "cek status", ref, pin]):
            replies = browser.post("/chat/messages", json={"id": f"m{n}", "text": text}).json()["messages"]
            if n == 0:
                agree = next(b for m in replies for b in m["buttons"] if b["label"] == "Setuju")
                browser.post("/chat/messages", json={"id": "c", "text": "", "button": agree["value"]})
        last_in = max(n for n, message in enumerate(replies) if message["from"] == "person")
        return "\n".join(message["text"] for message in replies[last_in + 1 :])

    ticket, pin = urgent_ticket()
    for n in range(limit):
        assert WRONG in guess(n, f"PMI-ZZZZ{'23456789AB'[n]}2", "123456")
    assert LOCKED in guess(limit, ticket.ref, pin)


def test_each_failure_after_the_lock_locks_for_twice_as_long() -> None:
    limit = get_config().conversation.status_pin.per_ticket
    now = utcnow()
    with session_scope() as db:
        for _ in range(limit.failures - 1):
            assert not hold(db, "k", limit, now).fail()
        gate = hold(db, "k", limit, now)
        assert gate.fail() and gate.locked_until == now + timedelta(seconds=limit.lock_base_seconds)
        assert hold(db, "k", limit, now + timedelta(seconds=1)).locked  # refused unchecked, not counted
        later = now + timedelta(seconds=limit.lock_base_seconds + 1)
        gate = hold(db, "k", limit, later)
        assert not gate.locked and gate.fail()
        assert gate.locked_until == later + timedelta(seconds=2 * limit.lock_base_seconds)
        forgotten = later + timedelta(hours=limit.forget_after_hours + 1)
        assert hold(db, "k", limit, forgotten).failures == 0


def test_the_scheduler_forgets_idle_counts_but_keeps_locks_in_force() -> None:
    limit = get_config().conversation.status_pin.per_ticket
    now = utcnow()
    with session_scope() as db:
        hold(db, "idle", limit, now).fail()
        gate = hold(db, "locked", limit, now)
        gate.failures = limit.failures - 1
        gate.fail()
    later = now + timedelta(hours=limit.forget_after_hours + 1)
    with session_scope() as db:
        for row in db.exec(select(Throttle)):  # as if the lock had been set long ago, for long
            row.last_failure_at = now - timedelta(days=3)
        db.get(Throttle, "locked").locked_until = later + timedelta(hours=1)  # type: ignore[union-attr]
    scheduler.run_once(later)
    with session_scope() as db:
        assert [row.key for row in db.exec(select(Throttle))] == ["locked"]


def in_parallel(actions: list[Callable[[], None]]) -> None:
    """Run ``actions`` on threads released together, each on its own connection."""
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action: Callable[[], None]) -> None:
        barrier.wait()
        try:
            action()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def test_parallel_wrong_pins_from_many_chats_stop_at_the_limit() -> None:
    ticket, pin = urgent_ticket()
    limit = get_config().conversation.status_pin.per_ticket.failures
    guessers = [at_pin_question(f"guesser-{n}", ticket.ref) for n in range(4 * limit)]
    in_parallel([lambda chat=chat: chat.send(wrong(pin)) for chat in guessers])
    answers = [chat.text for chat in guessers]
    assert sum(WRONG in text for text in answers) == limit  # only `limit` PINs were checked at all
    assert sum(LOCKED in text for text in answers) == 3 * limit
    with session_scope() as db:
        row = db.get(Throttle, f"pin-ref:{ticket.ref}")
        assert row is not None and row.failures == limit
    assert len(events(ticket, "pin_locked")) == 1 and len(owner_notices(ticket)) == 1
    late = at_pin_question("late", ticket.ref)
    late.send(pin)
    assert LOCKED in late.text
