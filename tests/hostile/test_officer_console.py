"""Hostile input through the officer console's forms and query strings: login, reply, note, search, and the
numbers in URLs. Each gets its defined status, never a 5xx; what officers type is stored once and shown as
text."""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest
from sqlmodel import col, select
from starlette.testclient import TestClient

from app.web import create_app
from bot.config import get_settings
from bot.db import session_scope
from bot.models import Message, TicketEvent
from nlu.text import storable
from tests.desk.conftest import Console, add_officer, csrf_of, ticket_from_chat
from tests.hostile.catalogue import SCRIPT, TEXTS, HostileText, Outcome
from tests.hostile.support import assert_nothing_crashed

SHOWN = [case for case in TEXTS if case.outcome is not Outcome.REFUSED and case.name != "lone-surrogate"]
SEARCHED = [case for case in SHOWN if case.outcome is Outcome.ANSWERED]  # a 50 KB URL is not a search
HUGE = "99999999999999999999999"


@pytest.fixture
def officer() -> Iterator[Console]:
    add_officer("ani")
    with TestClient(create_app()) as client:
        console = Console(client)
        assert console.login("ani").status_code == 303
        yield console


@pytest.fixture
def anonymous() -> Iterator[TestClient]:
    with TestClient(create_app()) as client:
        yield client


def login_form(client: TestClient, username: str, password: str) -> dict[str, str]:
    return {"username": username, "password": password, "csrf": csrf_of(client.get("/console/login").text)}


@pytest.mark.parametrize(
    ("username", "password"),
    [
        (SCRIPT, "x"),
        ("' OR 1=1 --", "' OR '1'='1"),
        ("ani\x00", "correct horse battery"),
        ("\u202eina", "x" * 5000),
    ],
)
def test_a_hostile_login_is_refused_with_the_login_page(
    anonymous: TestClient, username: str, password: str
) -> None:
    add_officer("ani")

    response = anonymous.post("/console/login", data=login_form(anonymous, username, password))

    assert response.status_code == 401
    assert "<script>" not in response.text


def test_an_oversized_login_form_is_refused_before_it_is_parsed(anonymous: TestClient) -> None:
    form = login_form(anonymous, "ani", "p" * 300_000)

    assert anonymous.post("/console/login", data=form).status_code == 413


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"username=\xff\xfe&password=\xc3\x28&csrf=x", "application/x-www-form-urlencoded", 403),
        (b'{"username": "ani", "password": "x"}', "application/json", 403),
        (b"--boundary\r\nbroken", "multipart/form-data; boundary=boundary", 403),
    ],
    ids=["invalid-utf8", "json", "broken-multipart"],
)
def test_a_malformed_login_post_is_a_4xx(
    anonymous: TestClient, body: bytes, content_type: str, status: int
) -> None:
    response = anonymous.post("/console/login", content=body, headers={"content-type": content_type})

    assert response.status_code == status


@pytest.mark.parametrize("case", SHOWN, ids=[case.name for case in SHOWN])
def test_a_hostile_reply_and_note_are_stored_once_and_shown_as_text(
    officer: Console, case: HostileText
) -> None:
    ticket = ticket_from_chat()
    page = f"/console/t/{ticket.ref}"
    officer.post(f"{page}/claim")

    reply = officer.post(f"{page}/reply", {"text": case.text, "confirm_night": "1"})
    note = officer.post(f"{page}/note", {"text": case.text})

    assert reply.status_code == note.status_code == 303
    assert_nothing_crashed()
    with session_scope() as session:
        [answer] = session.exec(
            select(Message).where(
                Message.ticket_id == ticket.id,
                Message.direction == "out",
                col(Message.author).startswith("officer"),
            )
        )
        notes = session.exec(select(TicketEvent).where(TicketEvent.kind == "note")).all()
    typed = storable(case.text).strip()
    assert answer.text.endswith("\n" + typed[: get_settings().max_outbound_chars])  # after the "from" line
    assert [note.detail["text"] for note in notes] == [typed[:5000]]
    shown = officer.get(page).text
    assert "<script>alert" not in shown and "<img src=x" not in shown
    if case.name == "html-and-script":
        assert html.escape("<script>alert(", quote=False) in shown


def test_a_reply_without_the_csrf_token_changes_nothing(officer: Console) -> None:
    ticket = ticket_from_chat()

    response = officer.client.post(f"/console/t/{ticket.ref}/reply", data={"text": "halo", "csrf": "forged"})

    assert response.status_code == 403
    with session_scope() as session:
        officer_messages = select(Message).where(
            Message.ticket_id == ticket.id, col(Message.author).startswith("officer")
        )
        assert session.exec(officer_messages).all() == []


@pytest.mark.parametrize("case", SEARCHED, ids=[case.name for case in SEARCHED])
def test_a_hostile_search_is_answered_with_the_queue_page(officer: Console, case: HostileText) -> None:
    ticket_from_chat()

    response = officer.get("/console/", params={"q": case.text, "view": "all"})

    assert response.status_code == 200
    assert "<script>alert" not in response.text


@pytest.mark.parametrize(
    "path",
    [
        f"/console/?page={HUGE}",
        "/console/?page=%C2%B2",
        "/console/?assignee=%C2%B2",
        f"/console/?assignee={HUGE}",
        f"/console/notices.json?after={HUGE}",
        "/console/notices.json?after=%C2%B2",
        "/console/t/{ref}?canned=%C2%B2",
        f"/console/t/{{ref}}?canned={HUGE}",
        f"/console/t/{{ref}}/attachments/{HUGE}",
        "/console/t/..%2F..%2Fetc%2Fpasswd",
        f"/console/export.csv?page={HUGE}",
    ],
)
def test_numbers_and_paths_out_of_range_are_not_server_errors(officer: Console, path: str) -> None:
    ticket = ticket_from_chat()

    response = officer.get(path.format(ref=ticket.ref), follow_redirects=False)

    assert response.status_code < 500
