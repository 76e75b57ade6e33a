"""Braces in what people type never break a message nor get filled: only our own templates have placeholders
(``HelpdeskConfig.fill``); names, replies and display names are inserted into them as typed."""

from __future__ import annotations

import html

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from app.web import create_app
from bot import tickets
from bot.db import session_scope
from bot.models import CannedAnswer, Officer, Ticket
from tests.desk.conftest import Console, add_officer, ticket_from_chat
from tests.hostile.catalogue import BRACES
from tests.support import Chat
from tests.test_conversation import complete_complaint


@pytest.mark.parametrize("name", BRACES)
def test_a_name_with_braces_reads_as_typed_in_the_summary_and_the_report_is_sent(name: str) -> None:
    chat = Chat(user="worker-braces")
    chat.consent()
    complete_complaint(chat, name=name)
    assert "Mohon periksa laporan Anda" in chat.text and name in chat.text
    assert "0800-1000" not in chat.text  # "{hotline}" typed as a name is not filled
    chat.press("Kirim")
    with session_scope() as db:
        [ticket] = db.exec(select(Ticket)).all()
    assert ticket.worker_name == name and ticket.ref in chat.text


@pytest.mark.parametrize("text", BRACES)
def test_an_officer_reply_with_braces_reads_as_typed_in_the_status_check(text: str) -> None:
    ticket = ticket_from_chat()
    officer_id = add_officer("ani")
    with session_scope() as db:
        tickets.reply(db, db.get(Ticket, ticket.id), officer_id, text)
    chat = Chat(user="worker-1")
    chat.send("menu")
    chat.send("status")
    chat.press(ticket.ref)
    assert "Pesan terakhir dari petugas" in chat.text and chat.text.endswith(f"\n{text}")


@pytest.mark.parametrize("display_name", BRACES)
def test_a_canned_answer_takes_names_with_braces_as_typed(display_name: str) -> None:
    ticket = ticket_from_chat()
    officer_id = add_officer("ani")
    with session_scope() as db:
        db.get(Officer, officer_id).display_name = display_name  # type: ignore[union-attr]
        canned = CannedAnswer(title="Salam", language="id", text="Saya {officer}, laporan {ref}. {hotline}")
        db.add(canned)
        db.flush()
        canned_id = canned.id
    with TestClient(create_app()) as client:
        officer = Console(client)
        assert officer.login("ani").status_code == 303
        page = officer.get(f"/console/t/{ticket.ref}", params={"canned": str(canned_id)})
    assert page.status_code == 200
    assert html.escape(f"Saya {display_name}, laporan {ticket.ref}. 0800-1000") in page.text
