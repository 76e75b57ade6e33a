"""The web chat: its JSON endpoints (identity cookie, CSRF rules, officer answers pulled) and the page in
headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select
from starlette.testclient import TestClient
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot.clock import utcnow
from bot.db import session_scope
from bot.models import Contact, Conversation, Message
from bot.web.app import create_app
from tests.web_support import SCREENSHOTS


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), base_url="http://127.0.0.1:8000") as test_client:
        test_client.get("/chat")
        yield test_client


def say(client: TestClient, text: str, message_id: str, **extra: object):  # type: ignore[no-untyped-def]
    return client.post("/chat/messages", json={"id": message_id, "text": text, **extra})


def test_the_page_sets_a_signed_http_only_cookie(client: TestClient) -> None:
    response = client.get("/chat?lang=en")

    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert '<html lang="en">' in response.text and "Your message" in response.text


def test_a_message_gets_the_bots_replies_with_buttons(client: TestClient) -> None:
    messages = say(client, "halo", "a1").json()["messages"]

    assert messages[0] == {
        "id": messages[0]["id"],
        "from": "person",
        "text": "halo",
        "html": "halo",
        "files": [],
        "buttons": [],
    }
    assert messages[1]["text"].startswith("Halo!")
    assert {"label": "Setuju", "value": "consent_yes"} in messages[-1]["buttons"]


def test_a_retried_post_is_not_processed_twice(client: TestClient) -> None:
    say(client, "halo", "same")
    say(client, "halo", "same")

    with session_scope() as session:
        assert len(session.exec(select(Message).where(Message.direction == "in")).all()) == 1


def test_without_the_cookie_or_with_a_forged_one_nothing_is_stored() -> None:
    with TestClient(create_app()) as stranger:
        assert say(stranger, "halo", "x").status_code == 403
        stranger.cookies.set("helpdesk_chat", "web-forged.abc.def")
        assert say(stranger, "halo", "x").status_code == 403
    with session_scope() as session:
        assert session.exec(select(Message)).all() == []


def test_a_cross_site_post_or_a_form_post_is_refused(client: TestClient) -> None:
    cross_site = client.post(
        "/chat/messages", json={"id": "1", "text": "halo"}, headers={"Origin": "https://evil.example"}
    )
    as_form = client.post("/chat/messages", data={"id": "1", "text": "halo"})

    assert cross_site.status_code == as_form.status_code == 403
    with session_scope() as session:
        assert session.exec(select(Message)).all() == []


def test_an_officers_answer_is_pulled_once(client: TestClient) -> None:
    last = say(client, "halo", "a1").json()["messages"][-1]["id"]
    with session_scope() as session:
        conversation = session.exec(select(Conversation)).one()
        session.add(
            Message(
                conversation_id=conversation.id,  # type: ignore[arg-type]
                direction="out",
                channel="web",
                author="officer:1",
                text="Ini jawaban petugas.",
                status="pending",
                next_attempt_at=utcnow(),
            )
        )

    pulled = client.get(f"/chat/messages?after={last}").json()["messages"]

    assert [m["text"] for m in pulled] == ["Ini jawaban petugas."]
    with session_scope() as session:
        assert session.exec(select(Message).where(Message.author == "officer:1")).one().status == "sent"
    assert client.get(f"/chat/messages?after={pulled[-1]['id']}").json()["messages"] == []


@pytest.mark.browser
def test_a_person_chats_in_the_browser_and_presses_a_button(live_server: str, browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto(f"{live_server}/chat?lang=id")

    page.get_by_label("Pesan Anda").fill("halo")
    page.get_by_role("button", name="Kirim").click()
    page.get_by_role("log").get_by_text("Apakah Anda setuju?").wait_for()
    page.get_by_role("button", name="Setuju", exact=True).click()
    page.get_by_role("log").get_by_text("Terima kasih", exact=False).first.wait_for()
    page.screenshot(path=str(SCREENSHOTS / "webchat-360.png"), full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling on a phone
    with session_scope() as session:
        assert session.exec(select(Contact)).one().consent_at is not None


@pytest.mark.browser
def test_the_page_switches_to_english_and_keeps_the_history(live_server: str, browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto(f"{live_server}/chat?lang=id")
    page.get_by_label("Pesan Anda").fill("halo")
    page.keyboard.press("Enter")
    page.get_by_role("log").get_by_text("Apakah Anda setuju?").wait_for()

    page.get_by_role("link", name="English").click()
    page.get_by_label("Your message").wait_for()

    page.get_by_role("log").get_by_text("Apakah Anda setuju?").wait_for()  # the history, reloaded
    assert page.locator("#log li.person").all_inner_texts()[0].endswith("halo")
    with session_scope() as session:
        assert session.exec(select(Contact)).one().language == "en"


def chat_cookie(app, client: tuple[str, int], headers: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    return TestClient(app, client=client).get("/chat", headers=headers).headers["set-cookie"]


def test_web_chat_cookie_is_secure_behind_a_trusted_tls_proxy() -> None:
    """As uvicorn serves it (``--proxy-headers``, ``--forwarded-allow-ips``): a proxy it trusts tells https."""
    app = ProxyHeadersMiddleware(create_app(), trusted_hosts="10.0.0.5")
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    assert "Secure" in chat_cookie(app, ("10.0.0.5", 4000), forwarded)
    assert "Secure" not in chat_cookie(app, ("198.51.100.9", 4000), forwarded)  # not a trusted proxy
    assert "Secure" not in chat_cookie(app, ("10.0.0.5", 4000), {})
