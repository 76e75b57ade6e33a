"""The ticket page built for answering (earlier chat folded, the story once, a refused reply explained in the
reply box), the live feeds of the list and the open ticket, and the small things: login back to the page asked
for, a favicon, the demo's canned answers."""

from __future__ import annotations

import re
from unittest import mock

from click.testing import CliRunner
from sqlmodel import select

from app.cli import cli
from bot.db import session_scope
from bot.models import CannedAnswer, Message, Ticket
from tests.desk.conftest import PASSWORD, add_officer, csrf_of, ticket_from_chat
from tests.desk.test_ticket_work import NIGHT_IN_JAKARTA
from tests.support import Chat
from tests.test_conversation import STORY, complete_complaint


def test_the_form_chat_is_folded_and_the_story_is_shown_once(console) -> None:
    chat = Chat(user="worker-1")
    chat.consent()
    complete_complaint(chat)
    chat.press("Kirim")
    add_officer("ani", queues=("asia_pacific",))
    with session_scope() as db:
        ticket = db.exec(select(Ticket)).one()
    page = console("ani").get(f"/console/t/{ticket.ref}").text
    folded, _sep, shown = page.partition("</details>")
    assert '<details class="earlier">' in folded and "Kowloon" in folded  # a form answer, before the ticket
    own = shown.split('id="messages"')[1].split("</ol>")[0]
    assert ticket.ref in own and "Kowloon" not in own  # the receipt of the submitted form is the ticket's
    assert shown.count(STORY) == 1  # unfolded, in the intake card only


def test_a_reply_refused_at_night_says_why_in_the_reply_box_and_keeps_the_draft(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani")
    view = console("ani")
    with mock.patch("desk.web.utcnow", return_value=NIGHT_IN_JAKARTA):
        response = view.post(f"/console/t/{ticket.ref}/reply", {"text": "Kabar baik untuk Anda"})
    assert response.status_code == 409
    reply_box = re.search(r'<form[^>]*id="reply".*?</form>', response.text, re.S)
    assert reply_box and 'role="alert"' in reply_box.group(0) and "malam hari" in reply_box.group(0)
    assert "Kabar baik untuk Anda</textarea>" in reply_box.group(0)


def test_the_open_ticket_feed_brings_new_messages_and_marks_them_seen(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani")
    view = console("ani")
    page = view.get(f"/console/t/{ticket.ref}").text
    last = re.search(r'data-last="(\d+)"', page).group(1)  # type: ignore[union-attr]
    assert view.get(f"/console/t/{ticket.ref}/live.json", params={"after": last}).json()["html"].strip() == ""
    Chat(user="worker-1").send("saya masih di asrama")
    assert "Belum dibaca" in view.get("/console/inbox.json").json()["html"]
    feed = view.get(f"/console/t/{ticket.ref}/live.json", params={"after": last}).json()
    assert "saya masih di asrama" in feed["html"] and int(feed["last"]) > int(last)
    assert "Belum dibaca" not in view.get("/console/inbox.json").json()["html"]


def test_the_list_feed_keeps_the_filters(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani")
    view = console("ani")
    assert ticket.ref in view.get("/console/inbox.json", params={"view": "unassigned"}).json()["html"]
    assert ticket.ref not in view.get("/console/inbox.json", params={"view": "mine"}).json()["html"]


def test_login_returns_to_the_page_asked_for_and_only_inside_the_console(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani")
    view = console()
    asked = view.get(f"/console/t/{ticket.ref}?canned=1", follow_redirects=False)
    assert asked.headers["location"].startswith("/console/login?next=")
    login_page = view.get(asked.headers["location"]).text
    assert f'name="next" value="/console/t/{ticket.ref}?canned=1"' in login_page
    for asked_for, landing in (
        (f"/console/t/{ticket.ref}", f"/console/t/{ticket.ref}"),
        ("https://evil.example/console/", "/console/"),
        ("//evil.example/console/", "/console/"),
        ("/elsewhere", "/console/"),
    ):
        fresh = console()
        token = csrf_of(fresh.get("/console/login").text)
        response = fresh.client.post(
            "/console/login",
            data={"username": "ani", "password": PASSWORD, "csrf": token, "next": asked_for},
            follow_redirects=False,
        )
        assert response.headers["location"] == landing, asked_for


def test_favicon_is_served(console) -> None:
    response = console().get("/console/static/favicon.svg")
    assert response.status_code == 200 and "<svg" in response.text
    add_officer("ani")
    assert 'rel="icon" href="/console/static/favicon.svg"' in console("ani").get("/console/").text


def test_demo_has_canned_answers_once(console) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["officers", "demo"])
    runner.invoke(cli, ["officers", "demo"])
    with session_scope() as db:
        rows = db.exec(select(CannedAnswer)).all()
    assert {row.language for row in rows} == {"id", "en"}
    assert len(rows) == len({row.title for row in rows}) >= 4


def test_keyboard_shortcuts_are_listed(console) -> None:
    add_officer("ani")
    page = console("ani").get("/console/").text
    assert 'id="shortcuts"' in page and "Ctrl</kbd>+<kbd>Enter" in page


def test_live_feed_of_another_queue_ticket_is_not_found(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani", queues=("urgent",))
    assert console("ani").get(f"/console/t/{ticket.ref}/live.json").status_code == 404
    with session_scope() as db:
        assert db.exec(select(Message).where(Message.ticket_id == ticket.id)).first() is not None


def test_the_list_feed_answers_same_until_something_changed(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani")
    view = console("ani")
    first = view.get("/console/inbox.json").json()
    again = view.get("/console/inbox.json", params={"version": first["version"]}).json()
    assert again == {"same": True, "version": first["version"]}
    Chat(user="worker-1").send("ada kabar?")
    changed = view.get("/console/inbox.json", params={"version": first["version"]}).json()
    assert "ada kabar?" in changed["html"] and changed["version"] != first["version"]
    view.get(f"/console/t/{ticket.ref}")  # this officer's look changes the unread mark
    seen = view.get("/console/inbox.json", params={"version": changed["version"]}).json()
    assert "html" in seen and "Belum dibaca" not in seen["html"]
