"""Deadlines with a controllable clock: escalation, warning then closing silent tickets, one scheduler."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlmodel import col, select

from bot import tickets
from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.models import Message, StaffNotice, Ticket
from desk import notify, scheduler
from tests.desk.conftest import ticket_from_chat


def _ticket(ticket_id: int | None) -> Ticket:
    with session_scope() as db:
        row = db.get(Ticket, ticket_id)
        assert row is not None
        return row


def test_ticket_past_first_response_deadline_is_escalated_once_with_a_notice() -> None:
    ticket = ticket_from_chat()
    hours = get_config().queues[ticket.queue].first_response_hours
    assert scheduler.run_once(utcnow() + timedelta(hours=hours - 1), holder="a") == scheduler.Round()
    later = utcnow() + timedelta(hours=hours + 1)
    assert scheduler.run_once(later, holder="a").escalated == 1  # type: ignore[union-attr]
    assert scheduler.run_once(later, holder="a").escalated == 0  # type: ignore[union-attr]
    assert _ticket(ticket.id).escalated
    with session_scope() as db:
        notices = db.exec(select(StaffNotice).where(StaffNotice.kind == "escalated")).all()
    assert len(notices) == 1 and "first_response_overdue" in notices[0].text


def test_answered_ticket_is_escalated_only_after_resolution_deadline() -> None:
    ticket = ticket_from_chat()
    with session_scope() as db:
        row = db.get(Ticket, ticket.id)
        assert row is not None
        tickets.reply(db, row, officer_id=_officer(db), text="Kami bantu")
    queue = get_config().queues[ticket.queue]
    scheduler.run_once(utcnow() + timedelta(hours=queue.first_response_hours + 1), holder="a")
    assert not _ticket(ticket.id).escalated
    scheduler.run_once(utcnow() + timedelta(hours=queue.resolution_hours + 1), holder="a")
    assert _ticket(ticket.id).escalated


def _officer(db) -> int:  # type: ignore[no-untyped-def]
    from bot.models import Officer

    officer = Officer(username="ani", display_name="Ani", password_hash="x", queues=["helpdesk"])
    db.add(officer)
    db.flush()
    assert officer.id is not None
    return officer.id


def test_silent_reporter_is_warned_then_the_ticket_closes() -> None:
    ticket = ticket_from_chat("worker-1")
    with session_scope() as db:
        row = db.get(Ticket, ticket.id)
        assert row is not None
        tickets.set_status(db, row, "waiting_on_reporter", "officer:1", reason="perlu dokumen")
    policy = get_config().console
    start = _ticket(ticket.id).updated_at
    before_warning = start + timedelta(days=policy.waiting_close_days - policy.waiting_warning_days - 1)
    assert scheduler.run_once(before_warning, holder="a").warned == 0  # type: ignore[union-attr]
    warn_time = start + timedelta(days=policy.waiting_close_days - policy.waiting_warning_days + 1)
    assert scheduler.run_once(warn_time, holder="a").warned == 1  # type: ignore[union-attr]
    assert scheduler.run_once(warn_time, holder="a").warned == 0  # type: ignore[union-attr]
    assert _ticket(ticket.id).status == "waiting_on_reporter"
    close_time = start + timedelta(days=policy.waiting_close_days + 1)
    assert scheduler.run_once(close_time, holder="a").closed == 1  # type: ignore[union-attr]
    assert _ticket(ticket.id).status == "closed"
    with session_scope() as db:
        told = db.exec(
            select(Message.text)
            .where(Message.ticket_id == ticket.id, Message.author == "bot")
            .order_by(col(Message.id))
        ).all()
    assert "menunggu jawaban Anda" in told[-2] and "kami tutup" in told[-1]  # after the bot's first answer


def test_reporter_answer_after_the_warning_keeps_the_ticket_open() -> None:
    ticket = ticket_from_chat("worker-1")
    with session_scope() as db:
        row = db.get(Ticket, ticket.id)
        assert row is not None
        tickets.set_status(db, row, "waiting_on_reporter", "officer:1", reason="perlu dokumen")
    policy = get_config().console
    start = _ticket(ticket.id).updated_at
    scheduler.run_once(start + timedelta(days=policy.waiting_close_days - 1), holder="a")
    from tests.support import Chat

    Chat(user="worker-1").send("ini dokumennya")  # the chat is still held by the ticket
    assert _ticket(ticket.id).status == "open"
    scheduler.run_once(start + timedelta(days=policy.waiting_close_days + 1), holder="a")
    assert _ticket(ticket.id).status == "open"


def test_only_one_process_holds_the_scheduler_lease_until_it_expires() -> None:
    now = utcnow()
    ttl = timedelta(seconds=60)
    assert scheduler.acquire_lease("worker-a", now, ttl)
    assert not scheduler.acquire_lease("worker-b", now + timedelta(seconds=30), ttl)
    assert scheduler.acquire_lease("worker-a", now + timedelta(seconds=30), ttl)  # renewal
    assert scheduler.run_once(now + timedelta(seconds=40), holder="worker-b") is None
    assert scheduler.acquire_lease("worker-b", now + timedelta(seconds=200), ttl)  # a dead holder's lease


def test_notices_are_pushed_to_the_staff_telegram_group_once(monkeypatch) -> None:
    from bot import config

    monkeypatch.setenv("STAFF_TELEGRAM_CHAT_ID", "-100123")
    monkeypatch.setenv("STAFF_TELEGRAM_BOT_TOKEN", "123:abc")
    config.get_settings.cache_clear()
    ticket_from_chat("worker-2", "tolong saya dipukuli majikan")
    sent: list[dict] = []

    def handler(request: httpx.Request) -> httpx.Response:
        import json

        sent.append(json.loads(request.content))
        return httpx.Response(200, json={"ok": True})

    assert notify.push_pending(httpx.Client(transport=httpx.MockTransport(handler))) == 1
    assert notify.push_pending(httpx.Client(transport=httpx.MockTransport(handler))) == 0
    assert sent[0]["chat_id"] == "-100123" and sent[0]["text"].startswith("URGENT PMI-")
