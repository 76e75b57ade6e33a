"""In headless Chromium: HTML and script a person sends (as a message, and as their name) reach the officer's
ticket page as literal text, nothing runs, and the session cookies are HttpOnly and SameSite."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from app.web import create_app
from bot.db import session_scope
from bot.engine import handle
from bot.messages import Inbound
from bot.models import Ticket
from desk import auth
from tests.desk.conftest import PASSWORD, add_officer
from tests.hostile.catalogue import SCRIPT
from tests.web_support import SCREENSHOTS, serve_in_thread, worker_asks_for_an_officer

INJECTED = "main script, main img[src='x'], main b"  # elements the payload would create if it were HTML


def urgent_ticket_from_a_hostile_name() -> str:
    """A Telegram person whose display name and message are HTML writes danger words: an urgent ticket."""
    handle(
        Inbound(
            channel="telegram",
            chat_id="666",
            user_id="666",
            text=f"tolong saya disekap majikan {SCRIPT}",
            display_name=SCRIPT,
            channel_message_id="666:1",
        )
    )
    with session_scope() as session:
        ticket = session.exec(select(Ticket).where(Ticket.reporter_name == SCRIPT)).one()
        return ticket.ref


@pytest.mark.browser
def test_html_from_a_worker_is_shown_as_text_and_never_runs(browser_page) -> None:  # type: ignore[no-untyped-def]
    with serve_in_thread(create_app()) as base_url:
        dialogs: list[str] = []
        worker = browser_page
        worker.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        worker.goto(f"{base_url}/chat?lang=id")
        web_ref = worker_asks_for_an_officer(worker)
        worker.get_by_label("Pesan Anda").fill(SCRIPT)  # filed on the ticket: its page shows it
        worker.keyboard.press("Enter")
        worker.get_by_role("log").get_by_text(SCRIPT).wait_for()  # the chat page shows it as text too
        telegram_ref = urgent_ticket_from_a_hostile_name()

        add_officer("ani", queues=("helpdesk", "urgent"))
        officer = worker.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        officer.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        officer.goto(f"{base_url}/console/login")
        officer.get_by_label("Nama pengguna").fill("ani")
        officer.get_by_label("Kata sandi").fill(PASSWORD)
        officer.get_by_role("button", name="Masuk").click()
        officer.wait_for_url(re.compile(r"/console/$"))
        for ref in (web_ref, telegram_ref):
            officer.goto(f"{base_url}/console/t/{ref}")
            officer.get_by_text(SCRIPT).first.wait_for()
            assert officer.locator(INJECTED).count() == 0
        officer.screenshot(path=str(SCREENSHOTS / "hostile-html-as-text.png"), full_page=True)
        reporter = officer.locator("dd", has_text=SCRIPT).first.inner_text()
        cookies = {cookie["name"]: cookie for cookie in officer.context.cookies()}
        chat_cookies = {cookie["name"]: cookie for cookie in worker.context.cookies()}
        officer.context.close()

    assert dialogs == []
    assert SCRIPT in reporter  # the display name, literally
    for cookie in (cookies[auth.COOKIE], chat_cookies["helpdesk_chat"]):
        assert cookie["httpOnly"] is True
        assert cookie["sameSite"] == "Lax"
        assert cookie["secure"] is False  # plain http here; Secure over https: test_security_headers.py
