"""Telegram end to end through python-telegram-bot against a recording Bot API transport."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select
from starlette.testclient import TestClient

from app.web import create_app
from bot import config, inbox
from bot.channels.telegram import TelegramChannel
from bot.db import session_scope
from bot.engine import handle
from bot.inbox import InboxRecovery
from bot.markup import to_telegram
from bot.messages import Inbound
from bot.models import Attachment, Contact, InboxEvent, Message
from bot.outbox import Sender
from tests.fakes import eventually
from tests.fakes.servers import bot_api_app
from tests.fakes.telegram import RecordingBotApi, text_update
from tests.web_support import serve_in_thread

SECRET = "s3cret-token_1"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


@pytest.fixture
def api() -> RecordingBotApi:
    return RecordingBotApi()


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch, api: RecordingBotApi) -> Iterator[TestClient]:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:TEST")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://helpdesk.example.org")
    config.get_settings.cache_clear()
    channel = TelegramChannel(config.get_settings(), request=api)
    with TestClient(create_app([channel])) as test_client:
        yield test_client


def inbound_rows() -> list[Message]:
    with session_scope() as session:
        return list(session.exec(select(Message).where(Message.direction == "in").order_by(col(Message.id))))


def inbox_rows() -> list[InboxEvent]:
    with session_scope() as session:
        return list(session.exec(select(InboxEvent)))


def test_a_text_message_is_answered_through_the_bot_api_in_html(
    client: TestClient, api: RecordingBotApi
) -> None:
    response = client.post("/webhooks/telegram", json=text_update(1, "halo"), headers=HEADERS)

    assert response.status_code == 200
    [message] = inbound_rows()
    assert message.text == "halo"
    sent = eventually(lambda: len(api.sent()) >= 2 and api.sent())
    assert all(call["parse_mode"] == "HTML" and call["chat_id"] == 42 for call in sent)
    assert "Halo!" in sent[0]["text"]
    with session_scope() as session:
        contact = session.exec(select(Contact)).one()
    assert contact.display_name == "Siti Aminah"


def test_buttons_become_an_inline_keyboard_and_a_press_reaches_the_engine(
    client: TestClient, api: RecordingBotApi
) -> None:
    client.post("/webhooks/telegram", json=text_update(1, "halo"), headers=HEADERS)
    with_keyboard = eventually(lambda: [call for call in api.sent() if call.get("reply_markup")])
    keyboard = with_keyboard[0]["reply_markup"]["inline_keyboard"]
    labels = {row[0]["text"]: row[0]["callback_data"] for row in keyboard}
    assert labels["Setuju"] == "consent_yes"

    press = {
        "update_id": 2,
        "callback_query": {
            "id": "cbq-1",
            "chat_instance": "ci",
            "from": {"id": 42, "is_bot": False, "first_name": "Siti"},
            "data": "consent_yes",
            "message": {
                "message_id": 1001,
                "date": 1_760_000_000,
                "chat": {"id": 42, "type": "private"},
                "text": "Apakah Anda setuju?",
                "reply_markup": {"inline_keyboard": keyboard},
            },
        },
    }
    assert client.post("/webhooks/telegram", json=press, headers=HEADERS).status_code == 200

    assert inbound_rows()[-1].text == "Setuju"
    assert api.sent("answerCallbackQuery")[0]["callback_query_id"] == "cbq-1"
    with session_scope() as session:
        assert session.exec(select(Contact)).one().consent_at is not None


@pytest.mark.parametrize("secret", ["wrong", "", SECRET + "x"])
def test_a_wrong_secret_token_is_refused_and_nothing_is_stored(client: TestClient, secret: str) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    response = client.post("/webhooks/telegram", json=text_update(1, "halo"), headers=headers)

    assert response.status_code == 403
    assert inbox_rows() == [] and inbound_rows() == []


def test_a_redelivered_update_is_acknowledged_and_not_processed_again(client: TestClient) -> None:
    first = client.post("/webhooks/telegram", json=text_update(7, "halo"), headers=HEADERS)
    again = client.post("/webhooks/telegram", json=text_update(7, "halo"), headers=HEADERS)

    assert first.status_code == again.status_code == 200
    assert len(inbox_rows()) == 1
    assert len(inbound_rows()) == 1


@pytest.mark.parametrize("body", [b"{not json", b'{"no_update_id": 1}', b"[1, 2]", b'{"update_id": "x"}'])
def test_malformed_updates_are_refused_and_nothing_is_stored(client: TestClient, body: bytes) -> None:
    response = client.post("/webhooks/telegram", content=body, headers=HEADERS)

    assert response.status_code == 400
    assert inbox_rows() == []


def test_a_huge_body_is_refused_before_it_is_stored(client: TestClient) -> None:
    update = text_update(1, "x" * 300_000)
    response = client.post("/webhooks/telegram", json=update, headers=HEADERS)

    assert response.status_code == 413
    assert inbox_rows() == []


def test_unknown_update_types_are_acknowledged_and_ignored(client: TestClient, api: RecordingBotApi) -> None:
    future = {"update_id": 3, "managed_bot_story": {"id": 1, "anything": ["new"]}}
    response = client.post("/webhooks/telegram", json=future, headers=HEADERS)

    assert response.status_code == 200
    assert [row.status for row in inbox_rows()] == ["done"]
    assert inbound_rows() == []


def test_a_photo_without_text_is_saved_with_its_hash(client: TestClient, api: RecordingBotApi) -> None:
    api.files["photo-big"] = b"\xff\xd8jpeg bytes"
    update = text_update(4, "")
    del update["message"]["text"]
    update["message"]["photo"] = [
        {"file_id": "photo-small", "file_unique_id": "s", "width": 90, "height": 90, "file_size": 10},
        {"file_id": "photo-big", "file_unique_id": "b", "width": 800, "height": 800, "file_size": 13},
    ]

    assert client.post("/webhooks/telegram", json=update, headers=HEADERS).status_code == 200

    with session_scope() as session:
        attachment = session.exec(select(Attachment)).one()
    assert attachment.kind == "photo" and attachment.source_ref == "photo-big"
    assert attachment.sha256 == hashlib.sha256(b"\xff\xd8jpeg bytes").hexdigest()
    assert attachment.path is not None and Path(attachment.path).read_bytes() == b"\xff\xd8jpeg bytes"


def test_a_document_of_a_refused_type_keeps_only_its_file_id(
    client: TestClient, api: RecordingBotApi
) -> None:
    update = text_update(5, "")
    del update["message"]["text"]
    update["message"]["document"] = {
        "file_id": "doc-1",
        "file_unique_id": "d",
        "mime_type": "application/x-msdownload",
        "file_name": "setup.exe",
        "file_size": 100,
    }

    client.post("/webhooks/telegram", json=update, headers=HEADERS)

    with session_scope() as session:
        attachment = session.exec(select(Attachment)).one()
    assert (attachment.source_ref, attachment.path, attachment.filename) == ("doc-1", None, "setup.exe")
    assert api.sent("getFile") == []


def test_start_with_a_deep_link_payload_and_edited_messages_reach_the_engine(client: TestClient) -> None:
    client.post("/webhooks/telegram", json=text_update(10, "/start kbri-taipei"), headers=HEADERS)
    edited = text_update(11, "halo lagi", message_id=10)
    edited["edited_message"] = {**edited.pop("message"), "edit_date": 1_760_000_100}
    client.post("/webhooks/telegram", json=edited, headers=HEADERS)

    assert [row.text for row in inbound_rows()] == ["/start kbri-taipei", "halo lagi"]


def test_blocking_the_bot_marks_the_contact_unreachable(client: TestClient) -> None:
    client.post("/webhooks/telegram", json=text_update(1, "halo"), headers=HEADERS)
    member = {"user": {"id": 777, "is_bot": True, "first_name": "Helpdesk"}}
    blocked = {
        "update_id": 2,
        "my_chat_member": {
            "chat": {"id": 42, "type": "private"},
            "from": {"id": 42, "is_bot": False, "first_name": "Siti"},
            "date": 1_760_000_000,
            "old_chat_member": {**member, "status": "member"},
            "new_chat_member": {**member, "status": "kicked", "until_date": 0},
        },
    }
    client.post("/webhooks/telegram", json=blocked, headers=HEADERS)

    with session_scope() as session:
        assert session.exec(select(Contact)).one().unreachable is True


def test_a_forbidden_send_fails_permanently_and_marks_the_contact(
    client: TestClient, api: RecordingBotApi
) -> None:
    api.errors["sendMessage"] = [(403, "Forbidden: bot was blocked by the user")]
    client.post("/webhooks/telegram", json=text_update(1, "halo"), headers=HEADERS)

    def failed() -> list[Message]:
        with session_scope() as session:
            return list(session.exec(select(Message).where(Message.status == "failed")))

    [row] = eventually(failed)
    assert row.error is not None and "Forbidden" in row.error
    with session_scope() as session:
        assert session.exec(select(Contact)).one().unreachable is True


def test_the_webhook_answers_404_when_telegram_is_not_configured() -> None:
    config.get_settings.cache_clear()
    with TestClient(create_app()) as test_client:
        assert (
            test_client.post("/webhooks/telegram", json=text_update(1, "halo"), headers=HEADERS).status_code
            == 404
        )


def test_bold_markup_becomes_html_and_everything_else_is_escaped() -> None:
    assert to_telegram("a < b & *penting* <script>") == "a &lt; b &amp; <b>penting</b> &lt;script&gt;"


def test_telegram_api_base_url_points_the_bot_at_another_bot_api_server(
    monkeypatch: pytest.MonkeyPatch, api: RecordingBotApi
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:TEST")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    handle(
        Inbound(channel="telegram", chat_id="42", user_id="42", text="halo", channel_message_id="1"),
        inline=False,
    )

    async def send_all(channel: TelegramChannel) -> None:
        await channel.start()
        try:
            while await Sender([channel]).run_once():
                pass
        finally:
            await channel.stop()

    with serve_in_thread(bot_api_app(api)) as base_url:
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", base_url)
        config.get_settings.cache_clear()
        asyncio.run(send_all(TelegramChannel(config.get_settings())))

    assert api.calls[0][0] == "getMe"
    assert api.sent()[0]["chat_id"] == 42 and api.sent()[0]["text"].startswith("Halo!")


def test_an_update_left_unprocessed_by_a_crashed_worker_is_processed_by_the_recovery(
    monkeypatch: pytest.MonkeyPatch, api: RecordingBotApi
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:TEST")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    config.get_settings.cache_clear()
    channel = TelegramChannel(config.get_settings(), request=api)
    inbox.store("telegram", "21", text_update(21, "halo"))  # stored and acknowledged, then the worker died
    recovery = InboxRecovery({"telegram": channel.process}, older_than=timedelta(0))

    async def recover() -> int:
        await channel.start()
        try:
            return await recovery.run_once() + await recovery.run_once()
        finally:
            await channel.stop()

    assert asyncio.run(recover()) == 1
    assert [row.status for row in inbox_rows()] == ["done"]
    assert [row.text for row in inbound_rows()] == ["halo"]


def test_a_webhook_that_finds_the_database_locked_answers_in_time_and_the_update_is_processed(
    monkeypatch: pytest.MonkeyPatch, api: RecordingBotApi, database: str
) -> None:
    from tests.test_whatsapp import inbox_locked

    for name, value in {
        "TELEGRAM_BOT_TOKEN": "123:TEST",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "WEBHOOK_ANSWER_SECONDS": "0.5",
    }.items():
        monkeypatch.setenv(name, value)
    config.get_settings.cache_clear()
    channel = TelegramChannel(config.get_settings(), request=api)
    with TestClient(create_app([channel])) as client, inbox_locked(database) as unlock:
        answer = client.post("/webhooks/telegram", json=text_update(1, "halo"), headers=HEADERS)
        unlock()
        assert answer.status_code == 503  # in time; Telegram delivers it again
        sent = eventually(api.sent)  # stored once the lock went, processed, answered
        assert sent[0]["text"].startswith("Halo!")
        again = client.post("/webhooks/telegram", json=text_update(1, "halo"), headers=HEADERS)
        assert again.status_code == 200
    assert [row.status for row in inbox_rows()] == ["done"] and len(inbound_rows()) == 1


def test_a_group_chat_is_refused_and_nothing_of_its_messages_is_stored(
    client: TestClient, api: RecordingBotApi
) -> None:
    update = text_update(31, "gaji saya belum dibayar", chat=-1001)
    update["message"]["chat"] = {"id": -1001, "type": "supergroup", "title": "PMI Taipei"}
    assert client.post("/webhooks/telegram", json=update, headers=HEADERS).status_code == 200
    [refusal] = eventually(lambda: api.sent())
    assert refusal["chat_id"] == -1001 and "chat pribadi" in refusal["text"]
    assert inbound_rows() == []
    with session_scope() as session:
        assert session.exec(select(Contact)).all() == []
