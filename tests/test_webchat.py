"""The web chat: its JSON endpoints (identity cookie, CSRF rules, officer answers pulled) and the page in
headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select
from starlette.testclient import TestClient
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app.web import create_app
from bot import attachments, config
from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.models import Attachment, Contact, Conversation, Message
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


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(client: TestClient, data: bytes, content_type: str, message_id: str = "f1", **headers: str):  # type: ignore[no-untyped-def]
    return client.post(
        f"/chat/files?id={message_id}&after=0&name=../../bukti%20gaji.png",
        content=data,
        headers={"Content-Type": content_type, "X-Chat-Upload": "1", **headers},
    )


def test_a_file_is_stored_with_its_message_as_the_other_channels_store_media(client: TestClient) -> None:
    say(client, "halo", "a1")

    messages = upload(client, PNG, "image/png").json()["messages"]

    [sent] = [message for message in messages if message["files"]]
    assert sent["from"] == "person" and sent["files"] == ["bukti gaji.png"]  # the name, never its path
    with session_scope() as session:
        attachment = session.exec(select(Attachment)).one()
        message = session.get(Message, attachment.message_id)
    assert message is not None and message.channel == "web" and message.direction == "in"
    assert (attachment.kind, attachment.content_type, attachment.size) == ("photo", "image/png", len(PNG))
    stored = attachments.stored_path(attachment.path or "")
    assert stored is not None and stored.read_bytes() == PNG
    assert upload(client, PNG, "image/png").status_code == 200  # a retried upload is one message
    with session_scope() as session:
        assert len(session.exec(select(Attachment)).all()) == 1


@pytest.mark.parametrize(
    ("data", "content_type", "status", "notice"),
    [
        (b"<html><script>alert(1)</script>", "text/html", 415, "Berkas jenis ini tidak bisa diterima"),
        (b"MZ\x90\x00", "application/x-msdownload", 415, "Berkas jenis ini tidak bisa diterima"),
        (PNG + b"\x00" * 1024 * 1024, "image/png", 413, "Berkas terlalu besar. Ukuran paling besar 1 MB."),
    ],
)
def test_a_file_of_a_refused_type_or_too_large_is_refused_and_nothing_is_stored(
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    content_type: str,
    status: int,
    notice: str,
) -> None:
    monkeypatch.setenv("MAX_ATTACHMENT_BYTES", str(1024 * 1024))
    config.get_settings.cache_clear()

    refused = upload(client, data, content_type)

    assert refused.status_code == status and refused.json()["notice"].startswith(notice)
    with session_scope() as session:
        assert session.exec(select(Message)).all() == [] and session.exec(select(Attachment)).all() == []
    assert not any(config.get_settings().attachments_path.glob("*/*"))


def test_a_file_posted_without_the_pages_header_or_from_another_site_is_refused(client: TestClient) -> None:
    no_header = client.post("/chat/files?id=f1&after=0", content=PNG, headers={"Content-Type": "image/png"})
    cross_site = upload(client, PNG, "image/png", Origin="https://evil.example")

    assert no_header.status_code == cross_site.status_code == 403
    with session_scope() as session:
        assert session.exec(select(Message)).all() == []


def test_the_page_greets_before_anything_is_stored(client: TestClient) -> None:
    page = client.get("/chat")

    assert "ketik <strong>menu</strong> untuk melihat pilihan" in page.text
    with session_scope() as session:
        assert session.exec(select(Conversation)).all() == [] and session.exec(select(Contact)).all() == []


def test_the_page_speaks_the_conversations_language_not_the_browsers(client: TestClient) -> None:
    english_browser = {"Accept-Language": "en-US,en;q=0.9"}
    assert '<html lang="en">' in client.get("/chat", headers=english_browser).text  # no conversation yet

    say(client, "halo", "a1")  # an Indonesian conversation

    page = client.get("/chat", headers=english_browser).text
    assert '<html lang="id">' in page and "Pesan Anda" in page and "Your message" not in page
    assert client.get("/chat/messages?after=0").json()["language"] == "id"


def test_a_language_picked_on_the_page_before_the_first_message_is_the_conversations(
    client: TestClient,
) -> None:
    messages = say(client, "halo", "a1", language="en").json()["messages"]

    assert messages[1]["text"].startswith("Hello!")
    assert '<html lang="en">' in client.get("/chat").text
    with session_scope() as session:
        assert session.exec(select(Contact)).one().language == "en"
    say(client, "halo lagi", "a2", language="id")  # only a new conversation takes it
    with session_scope() as session:
        assert session.exec(select(Contact)).one().language == "en"


def test_an_unknown_page_language_is_no_choice(client: TestClient) -> None:
    assert say(client, "halo", "a1", language="xx").status_code == 200
    with session_scope() as session:
        assert session.exec(select(Contact)).one().language == "id"


def test_bot_text_comes_with_its_markup_and_phone_numbers_rendered_safely(client: TestClient) -> None:
    last = say(client, "halo", "a1").json()["messages"][-1]["id"]
    messages = say(client, "<b>tolong</b> saya dipukuli majikan", "a2", after=last).json()["messages"]

    assert messages[0]["html"] == "&lt;b&gt;tolong&lt;/b&gt; saya dipukuli majikan"
    bot_html = " ".join(m["html"] for m in messages if m["from"] == "bot")
    assert '<a class="tel" href="tel:+622129244800">+62 21 2924 4800</a>' in bot_html


def test_a_file_from_a_new_chat_over_the_networks_limit_is_refused_and_not_kept() -> None:
    app = create_app()

    def new_chat() -> TestClient:
        fresh = TestClient(app, client=("198.51.100.7", 5000), base_url="http://127.0.0.1:8000")
        fresh.get("/chat")
        return fresh

    for n in range(get_config().limits.new_web_chats_per_source.failures):
        assert say(new_chat(), "halo", f"h{n}").status_code == 200

    assert upload(new_chat(), PNG, "image/png").status_code == 429
    with session_scope() as session:
        assert session.exec(select(Attachment)).all() == []
    assert not any(config.get_settings().attachments_path.glob("*/*"))
