"""Retention by the scheduler (controllable clock), attachment URLs, and masked logs from a served request."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta

import httpx
from sqlmodel import select

from bot import tickets
from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.models import Attachment, Message, Ticket
from desk import scheduler
from tests.privacy.conftest import complaint
from tests.web_support import free_port


def _close(ticket_id: int | None) -> None:
    with session_scope() as db:
        ticket = db.get(Ticket, ticket_id)
        assert ticket is not None
        tickets.change_status(db, ticket, "closed", "officer:1", "done")


def test_scheduler_erases_closed_tickets_after_the_retention_period_only() -> None:
    closed, still_open = complaint("worker-1"), complaint("worker-2")
    _close(closed.id)
    days = get_config().retention.closed_ticket_days
    assert scheduler.run_once(utcnow() + timedelta(days=days - 1), holder="a").erased == 0  # type: ignore[union-attr]
    assert scheduler.run_once(utcnow() + timedelta(days=days + 1), holder="a").erased == 1  # type: ignore[union-attr]
    with session_scope() as db:
        erased, kept = db.get(Ticket, closed.id), db.get(Ticket, still_open.id)
        assert erased is not None and erased.erased_at is not None and erased.worker_name is None
        assert (erased.category, erased.status) == ("unpaid_wages", "closed")
        assert kept is not None and kept.erased_at is None and kept.worker_name == "Siti Aminah"
        texts = {m.conversation_id: m.text for m in db.exec(select(Message).where(Message.direction == "in"))}
    assert (
        texts[closed.conversation_id] == tickets.ERASED
        and texts[still_open.conversation_id] != tickets.ERASED
    )


def test_attachment_urls_are_random_tokens_not_row_numbers() -> None:
    ticket = complaint()
    with session_scope() as db:
        message = db.exec(select(Message)).first()
        assert message is not None and message.id is not None
        rows = [Attachment(message_id=message.id, ticket_id=ticket.id, kind="photo") for _ in range(2)]
        db.add_all(rows)
        db.flush()
        tokens = [row.token for row in rows]
    assert len(set(tokens)) == 2 and all(len(token) >= 32 and not token.isdigit() for token in tokens)


def test_stored_type_outside_the_allow_list_is_served_as_octet_stream(console) -> None:
    from bot.config import get_settings
    from tests.desk.conftest import add_officer

    ticket = complaint()
    folder = get_settings().attachments_path
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page.html").write_bytes(b"<script>alert(1)</script>")
    with session_scope() as db:
        message = db.exec(select(Message)).first()
        assert message is not None and message.id is not None
        row = Attachment(
            message_id=message.id,
            ticket_id=ticket.id,
            kind="document",
            content_type="text/html",
            path="page.html",
        )
        db.add(row)
        db.flush()
        token = row.token
    add_officer("ani", queues=("asia_pacific",))
    response = console("ani").get(f"/console/t/{ticket.ref}/attachments/{token}")
    assert response.status_code == 200 and response.headers["content-type"] == "application/octet-stream"


def test_a_served_requests_log_lines_are_masked(database: str) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from app.cli import main; main()", "serve", "--port", str(port)],
        env={**os.environ, "FAQ_SEMANTIC": "off"},
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz?paspor=C7654321&hp=6281234567890", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.3)
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=30)
    log = err.decode()
    assert "GET /healthz" in log  # uvicorn's access line went through the masking formatter
    assert "7654321" not in log and "81234567890" not in log
    assert "GET /healthz?*** HTTP/1.1" in log  # access lines carry no query string
