"""Console fixtures: officers, a logged-in HTTP client, and tickets made by chatting as a worker."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from app.web import create_app
from bot.db import session_scope
from bot.models import Officer, Ticket
from desk import auth
from tests.support import Chat

PASSWORD = "correct horse battery"


def add_officer(username: str, role: str = "officer", queues: tuple[str, ...] = ("helpdesk",)) -> int:
    with session_scope() as db:
        officer = Officer(
            username=username,
            display_name=username.title(),
            role=role,
            queues=list(queues),
            password_hash=auth.hash_password(PASSWORD),
        )
        db.add(officer)
        db.flush()
        assert officer.id is not None
        return officer.id


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


class Console:
    """An officer's browser: logs in, reads pages, posts forms with the page's CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.token = ""

    def login(self, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
        page = self.client.get("/console/login")
        response = self.client.post(
            "/console/login",
            data={"username": username, "password": password, "csrf": csrf_of(page.text)},
            follow_redirects=False,
        )
        if response.status_code == 303:
            self.token = csrf_of(self.client.get("/console/").text)
        return response

    def get(self, path: str, **kwargs):  # type: ignore[no-untyped-def]
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        return self.client.post(path, data={"csrf": self.token, **(data or {})}, follow_redirects=False)


@pytest.fixture
def console() -> Callable[..., Console]:
    def make(username: str | None = None, base_url: str = "http://testserver") -> Console:
        view = Console(TestClient(create_app(), base_url=base_url))
        if username:
            assert view.login(username).status_code == 303
        return view

    return make


def ticket_from_chat(user: str = "worker-1", text: str = "petugas") -> Ticket:
    """A worker consents and asks for an officer (or writes ``text``): the ticket that opens."""
    chat = Chat(user=user)
    chat.consent()
    chat.send(text)
    with session_scope() as db:
        ticket = db.exec(select(Ticket).order_by(Ticket.id.desc())).first()  # type: ignore[union-attr]
        assert ticket is not None
        return ticket
