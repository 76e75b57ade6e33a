"""WhatsApp through Twilio: webhooks signed with the real RequestValidator, replies through the real REST client."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sqlalchemy import text
from sqlmodel import col, select
from starlette.testclient import TestClient
from twilio.request_validator import RequestValidator

from app.web import create_app
from bot import config
from bot.channels.whatsapp import WhatsAppChannel
from bot.clock import utcnow
from bot.db import make_engine, session_scope
from bot.engine import handle
from bot.messages import Inbound
from bot.models import Attachment, Contact, Conversation, InboxEvent, Message
from bot.outbox import Sender
from tests.fakes import eventually
from tests.fakes.media import media_server
from tests.fakes.servers import twilio_app
from tests.fakes.twilio import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    PUBLIC_BASE_URL,
    WHATSAPP_FROM,
    RecordingTwilioHttpClient,
    inbound_form,
    signed,
)
from tests.web_support import serve_in_thread

HOOK = "/webhooks/whatsapp"
STATUS = "/webhooks/whatsapp/status"
TEMPLATE = "HX" + "1" * 32


@pytest.fixture
def twilio() -> RecordingTwilioHttpClient:
    return RecordingTwilioHttpClient()


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch, twilio: RecordingTwilioHttpClient) -> Iterator[TestClient]:
    for name, value in {
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_WHATSAPP_FROM": WHATSAPP_FROM,
        "TWILIO_REPLY_TEMPLATE_SID": TEMPLATE,
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
    }.items():
        monkeypatch.setenv(name, value)
    config.get_settings.cache_clear()
    channel = WhatsAppChannel(config.get_settings(), http_client=twilio)
    with TestClient(create_app([channel])) as test_client:
        yield test_client


def post(client: TestClient, form: dict[str, str], path: str = HOOK, **kwargs: object):  # type: ignore[no-untyped-def]
    return client.post(path, data=form, headers=signed(path, form), **kwargs)  # type: ignore[arg-type]


def twiml_messages(body: str) -> list[str]:
    return [element.text or "" for element in ElementTree.fromstring(body).iter("Message")]


def rows(model: type, *where: object) -> list:  # type: ignore[type-arg]
    with session_scope() as session:
        return list(session.exec(select(model).where(*where).order_by(col(model.id))))  # type: ignore[attr-defined]


def test_twilios_published_signature_example_validates() -> None:
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+12349013030",
        "Digits": "1234",
        "From": "+12349013030",
        "To": "+18005551212",
    }
    validator = RequestValidator("12345")
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"

    assert validator.compute_signature(url, params) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    assert validator.validate(url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
    assert not validator.validate(url, {**params, "Digits": "9999"}, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")


def test_a_signed_message_is_answered_with_twiml_and_the_profile_name_is_kept(client: TestClient) -> None:
    response = post(client, inbound_form("SM1", "halo"))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    replies = twiml_messages(response.text)
    assert replies[0].startswith("Halo!")
    assert "1. Setuju" in replies[-1]  # buttons as numbered options
    [contact] = rows(Contact)
    assert (contact.display_name, contact.external_id) == ("Siti", "6281234567890")
    assert [(row.status, row.payload) for row in rows(InboxEvent)] == [("done", {})]  # raw copy dropped
    assert post(client, inbound_form("SM1", "halo")).status_code == 200  # the key still deduplicates
    assert len(rows(Message, Message.direction == "in")) == 1


def test_a_typed_number_chooses_the_numbered_option(client: TestClient) -> None:
    post(client, inbound_form("SM1", "halo"))
    post(client, inbound_form("SM2", "1"))

    [contact] = rows(Contact)
    assert contact.consent_at is not None


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Twilio-Signature": "0/KCTR6DLpKmkAf8muzZqo1nDgQ="}, signed(HOOK, inbound_form("SM1", "other"))],
)
def test_a_forged_or_missing_signature_is_refused_and_nothing_is_stored(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.post(HOOK, data=inbound_form("SM1", "halo"), headers=headers)

    assert response.status_code == 403
    assert rows(InboxEvent) == [] and rows(Message) == []


def test_a_signature_for_another_host_is_refused(client: TestClient) -> None:
    form = inbound_form("SM1", "halo")
    signature = RequestValidator(AUTH_TOKEN).compute_signature("https://evil.example" + HOOK, form)

    assert client.post(HOOK, data=form, headers={"X-Twilio-Signature": signature}).status_code == 403


def test_a_replayed_message_sid_is_not_processed_again_and_gets_the_first_answer(client: TestClient) -> None:
    """Twilio delivers again when it got no answer (a worker died after the turn): the answer is repeated."""
    first = post(client, inbound_form("SM1", "halo"))
    again = post(client, inbound_form("SM1", "halo"))

    assert first.status_code == again.status_code == 200
    assert twiml_messages(again.text) == twiml_messages(first.text) != []
    assert len(rows(InboxEvent)) == 1
    assert len(rows(Message, Message.direction == "in")) == 1


def test_a_malformed_form_is_refused_and_nothing_is_stored(client: TestClient) -> None:
    response = client.post(
        HOOK, content=b"\xff\xfe=%%", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )

    assert response.status_code == 400
    assert rows(InboxEvent) == []


def test_a_signed_form_without_a_message_sid_is_refused(client: TestClient) -> None:
    form = inbound_form("SM1", "halo")
    del form["MessageSid"]

    assert post(client, form).status_code == 400
    assert rows(InboxEvent) == []


def test_a_huge_body_is_refused(client: TestClient) -> None:
    form = inbound_form("SM1", "x" * 300_000)

    assert post(client, form).status_code == 413
    assert rows(InboxEvent) == []


@contextmanager
def trusting(
    monkeypatch: pytest.MonkeyPatch, base: str, twilio: RecordingTwilioHttpClient | None = None
) -> Iterator[TestClient]:
    """The app with ``base`` configured as the Twilio-compatible API (whose host serves media too)."""
    monkeypatch.setenv("TWILIO_API_BASE_URL", base)
    config.get_settings.cache_clear()
    with TestClient(create_app([WhatsAppChannel(config.get_settings(), http_client=twilio)])) as client:
        yield client


def test_a_slow_media_download_gets_the_webhook_answered_first_and_the_reply_sent_through_the_api(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, twilio: RecordingTwilioHttpClient
) -> None:
    photo = b"\x89PNG a slow photo"
    gate = threading.Event()  # the media server sends nothing until it is set
    threading.Timer(20, gate.set).start()  # (so that code answering only after the download ends ends too)
    monkeypatch.setenv("WEBHOOK_ANSWER_SECONDS", "0.5")
    with (
        media_server({"/m/1": ("image/png", photo)}, gate=gate) as base,
        trusting(monkeypatch, base, twilio) as app,
    ):
        form = inbound_form(
            "SM1", "halo", NumMedia="1", MediaUrl0=f"{base}/m/1", MediaContentType0="image/png"
        )
        answer = post(app, form)
        gate.set()
        assert answer.status_code == 200 and twiml_messages(answer.text) == []  # answered before the download
        sent = eventually(lambda: twilio.messages)  # the reply, through the REST API
        assert sent[0]["Body"].startswith("Halo!")
        replies = eventually(lambda: rows(Message, Message.direction == "out", Message.status == "sent"))
        assert all(row.channel_message_id for row in replies)  # sent by the API, none taken as inline
    [attachment] = rows(Attachment)
    assert attachment.path is not None and Path(attachment.path).read_bytes() == photo
    assert [row.status for row in rows(InboxEvent)] == ["done"]


@contextmanager
def inbox_locked(database: str) -> Iterator[Callable[[], None]]:
    """Another process holding a lock the webhook's first write waits for (SQLite: the database's write lock;
    PostgreSQL: the inbox table); yields the function that releases it (also called at the end)."""
    if database.startswith("sqlite"):
        locker = sqlite3.connect(database.removeprefix("sqlite:///"), isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        try:
            yield locker.rollback
        finally:
            locker.rollback()
            locker.close()
        return
    engine = make_engine(database)
    with engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(text("LOCK TABLE inboxevent IN EXCLUSIVE MODE"))
        release = threading.Lock()

        def unlock() -> None:
            with release:
                if transaction.is_active:
                    transaction.rollback()

        try:
            yield unlock
        finally:
            unlock()
    engine.dispose()


def test_a_webhook_that_finds_the_database_locked_answers_in_time_and_the_reply_follows(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, twilio: RecordingTwilioHttpClient, database: str
) -> None:
    monkeypatch.setenv("WEBHOOK_ANSWER_SECONDS", "0.5")
    with trusting(monkeypatch, "http://127.0.0.1:9", twilio) as app, inbox_locked(database) as unlock:
        answer = post(app, inbound_form("SM1", "halo"))
        unlock()
        assert answer.status_code == 503  # in time, and honest: not stored yet
        sent = eventually(lambda: twilio.messages)  # stored once the lock went, answered through the API
        assert sent[0]["Body"].startswith("Halo!")
    assert [row.status for row in rows(InboxEvent)] == ["done"]


def test_media_is_downloaded_and_stored_with_its_hash(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = b"\x89PNG photo of a contract"
    with (
        media_server({"/m/1": ("image/png", photo), "/m/2": ("application/zip", b"zip")}) as base,
        trusting(monkeypatch, base) as twilio_client,
    ):
        form = inbound_form(
            "SM1",
            "",
            NumMedia="2",
            MediaUrl0=f"{base}/m/1",
            MediaContentType0="image/png",
            MediaUrl1=f"{base}/m/2",
            MediaContentType1="application/zip",
        )
        assert post(twilio_client, form).status_code == 200

    stored, refused = rows(Attachment)
    assert (stored.kind, stored.content_type, stored.sha256) == (
        "photo",
        "image/png",
        hashlib.sha256(photo).hexdigest(),
    )
    assert stored.path is not None and Path(stored.path).read_bytes() == photo
    assert (refused.path, refused.source_ref) == (None, f"{base}/m/2")


def test_media_is_fetched_with_the_credentials_from_twilios_own_host_only(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = ("image/png", b"\x89PNG")
    seen: list[str | None] = []
    with media_server({"/m/1": photo}, seen) as base:
        assert (
            post(
                client,
                inbound_form("SM1", "", NumMedia="1", MediaUrl0=f"{base}/m/1", MediaContentType0="image/png"),
            ).status_code
            == 200
        )
        with trusting(monkeypatch, base) as twilio_client:  # now this host is "Twilio"
            post(
                twilio_client,
                inbound_form("SM2", "", NumMedia="1", MediaUrl0=f"{base}/m/1", MediaContentType0="image/png"),
            )

    [trusted] = seen  # the first, from a host that was not Twilio's, was never fetched
    assert trusted is not None and trusted.startswith("Basic ")
    assert [bool(row.path) for row in rows(Attachment)] == [False, True]


def test_status_callbacks_store_the_delivery_state_once_and_never_go_back(
    client: TestClient, twilio: RecordingTwilioHttpClient
) -> None:
    post(client, inbound_form("SM1", "halo"))
    officer_answer(minutes_since_inbound=1)
    eventually(lambda: twilio.messages)
    sid = eventually(lambda: rows(Message, Message.status == "sent", Message.author == "officer:1"))[
        0
    ].channel_message_id

    for status in ("sent", "read", "delivered", "read"):
        callback = {"MessageSid": sid, "MessageStatus": status, "AccountSid": ACCOUNT_SID}
        assert post(client, callback, STATUS).status_code == 204

    [row] = rows(Message, Message.channel_message_id == sid)
    assert row.status == "read"
    assert len(rows(InboxEvent, InboxEvent.channel == "whatsapp-status")) == 3


def officer_answer(
    *, minutes_since_inbound: float, text: str = "Jawaban petugas: paspor Anda sudah diproses."
) -> int:
    """Queue an officer's answer in the only conversation, as the console would, the person having last written
    ``minutes_since_inbound`` ago."""
    with session_scope() as session:
        conversation = session.exec(select(Conversation)).one()
        conversation.last_inbound_at = utcnow() - timedelta(minutes=minutes_since_inbound)
        session.add(conversation)
        message = Message(
            conversation_id=conversation.id,  # type: ignore[arg-type]
            direction="out",
            channel="whatsapp",
            author="officer:1",
            text=text,
            status="pending",
            next_attempt_at=utcnow(),
        )
        session.add(message)
        session.flush()
        assert message.id is not None
        return message.id


def test_a_late_answer_sends_the_template_and_waits_for_the_persons_reply(
    client: TestClient, twilio: RecordingTwilioHttpClient
) -> None:
    post(client, inbound_form("SM1", "halo"))
    answer = officer_answer(minutes_since_inbound=25 * 60)
    second = officer_answer(minutes_since_inbound=25 * 60, text="Satu hal lagi.")

    templates = eventually(lambda: [m for m in twilio.messages if "ContentSid" in m])
    eventually(lambda: len(rows(Message, Message.status == "held")) == 2)
    assert templates[0]["ContentSid"] == TEMPLATE and templates[0]["To"] == "whatsapp:+6281234567890"
    assert all("Body" not in m for m in twilio.messages)

    post(client, inbound_form("SM2", "ada jawaban?"))

    bodies = eventually(lambda: len([m for m in twilio.messages if "Body" in m]) >= 2 and twilio.messages)
    assert [m["Body"] for m in bodies if "Body" in m] == [
        "Jawaban petugas: paspor Anda sudah diproses.",
        "Satu hal lagi.",
    ]
    assert len([m for m in twilio.messages if "ContentSid" in m]) == 1
    # The fake records a send before the sender stores its outcome: wait for the rows, not just the fake.
    eventually(
        lambda: {row.status for row in rows(Message, col(Message.id).in_([answer, second]))} == {"sent"}
    )


def test_a_refusal_for_the_closed_window_holds_the_message(
    client: TestClient, twilio: RecordingTwilioHttpClient
) -> None:
    post(client, inbound_form("SM1", "halo"))
    twilio.errors.append((400, 63016))
    answer = officer_answer(minutes_since_inbound=60)

    eventually(lambda: rows(Message, Message.id == answer, Message.status == "held"))
    assert eventually(lambda: [m for m in twilio.messages if m.get("ContentSid") == TEMPLATE])


def test_a_long_answer_is_split_into_parts_of_at_most_1600_characters(
    client: TestClient, twilio: RecordingTwilioHttpClient
) -> None:
    post(client, inbound_form("SM1", "halo"))
    sentence = "Ini kalimat penjelasan yang cukup panjang untuk diuji. "
    officer_answer(minutes_since_inbound=1, text=sentence * 70)

    parts = eventually(lambda: len(twilio.messages) >= 3 and twilio.messages)
    assert all(len(part["Body"]) <= 1600 for part in parts)
    assert all(part["Body"].endswith(".") for part in parts)
    assert all(part["StatusCallback"] == PUBLIC_BASE_URL + STATUS for part in parts)


def test_the_webhooks_answer_404_when_twilio_is_not_configured() -> None:
    config.get_settings.cache_clear()
    with TestClient(create_app()) as test_client:
        assert test_client.post(HOOK, data=inbound_form("SM1", "halo")).status_code == 404
        assert test_client.post(STATUS, data={"MessageSid": "SM1"}).status_code == 404


def test_twilio_api_base_url_points_the_client_at_a_twilio_compatible_api(
    monkeypatch: pytest.MonkeyPatch, twilio: RecordingTwilioHttpClient
) -> None:
    for name, value in {
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_WHATSAPP_FROM": WHATSAPP_FROM,
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
    }.items():
        monkeypatch.setenv(name, value)
    handle(
        Inbound(
            channel="whatsapp",
            chat_id="whatsapp:+6281",
            user_id="6281",
            text="halo",
            channel_message_id="SM1",
        ),
        inline=False,
    )

    async def send_all(channel: WhatsAppChannel) -> None:
        await channel.start()
        try:
            while await Sender([channel]).run_once():
                pass
        finally:
            await channel.stop()

    with serve_in_thread(twilio_app(twilio)) as base_url:
        monkeypatch.setenv("TWILIO_API_BASE_URL", base_url)
        config.get_settings.cache_clear()
        asyncio.run(send_all(WhatsAppChannel(config.get_settings())))

    first = twilio.messages[0]
    assert (first["To"], first["From"]) == ("whatsapp:+6281", WHATSAPP_FROM)
    assert first["Body"].startswith("Halo!")
    assert {row.status for row in rows(Message, Message.direction == "out")} == {"sent"}
