"""A database that cannot write (a full disk) loses nothing silently: the web chat answers 503 and the page
says "not sent, try again" with the text kept, ``/healthz`` reports it, the terminal chat says so."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import select
from starlette.testclient import TestClient

from app.web import create_app
from bot.channels import terminal
from bot.db import get_engine, session_scope
from bot.models import Message


def _disk_full_error(engine: Engine) -> Exception:
    """What the driver raises when the disk is full."""
    if engine.dialect.name == "postgresql":
        import psycopg

        return psycopg.errors.DiskFull('could not extend file "base/16384/16390": No space left on device')
    return sqlite3.OperationalError("database or disk is full")


@contextmanager
def full_disk() -> Iterator[None]:
    """Every write fails as on a full disk; reads still work, as they do there."""
    engine = get_engine()

    def refuse(_conn, _cursor, statement: str, *_args: object) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise _disk_full_error(engine)

    event.listen(engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", refuse)


def stored_texts() -> list[str]:
    with session_scope() as session:
        return [row.text for row in session.exec(select(Message).where(Message.direction == "in"))]


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), base_url="http://127.0.0.1:8000") as test_client:
        test_client.get("/chat")
        yield test_client


def test_a_web_chat_message_that_cannot_be_stored_is_a_503_and_can_be_sent_again(client: TestClient) -> None:
    with full_disk():
        refused = client.post("/chat/messages", json={"id": "1", "text": "halo"})
    assert refused.status_code == 503 and stored_texts() == []
    again = client.post("/chat/messages", json={"id": "1", "text": "halo"})
    assert again.status_code == 200 and stored_texts() == ["halo"]


def test_healthz_reports_a_database_it_cannot_write(client: TestClient) -> None:
    with full_disk():
        sick = client.get("/healthz")
    assert sick.status_code == 503 and sick.json()["status"] == "error"
    assert client.get("/healthz").json() == {"status": "ok"}


def test_the_terminal_chat_says_a_message_was_not_stored() -> None:
    out = io.StringIO()
    with full_disk():
        terminal.run(["halo"], out, user="terminal-1", name=None, as_json=False, prompt=False)
    assert "belum tersimpan" in out.getvalue() and "sudah tersimpan" not in out.getvalue()


@pytest.mark.browser
def test_the_page_says_not_sent_and_keeps_the_text_until_it_is_stored(live_server: str, browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto(f"{live_server}/chat?lang=id")
    with full_disk():
        page.get_by_label("Pesan Anda").fill("halo")
        page.get_by_role("button", name="Kirim").click()
        page.get_by_text("Pesan belum terkirim. Coba lagi.").wait_for()
    assert page.get_by_label("Pesan Anda").input_value() == "halo"
    page.get_by_role("button", name="Kirim").click()
    page.get_by_role("log").get_by_text("Apakah Anda setuju?").wait_for()
    assert stored_texts() == ["halo"]
