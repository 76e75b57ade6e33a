"""Driving the whole application with every channel switched on (fakes behind the real client libraries),
and checking that a hostile delivery left the database in a clean state."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from sqlmodel import col, select
from starlette.testclient import TestClient

from app.web import create_app
from bot import config
from bot.channels.telegram import TelegramChannel
from bot.channels.whatsapp import WhatsAppChannel
from bot.db import session_scope
from bot.models import InboxEvent, Message
from tests.fakes.telegram import RecordingBotApi, text_update
from tests.fakes.twilio import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    PUBLIC_BASE_URL,
    WHATSAPP_FROM,
    RecordingTwilioHttpClient,
    inbound_form,
    signed,
)

TELEGRAM_SECRET = "hostile-secret_1"
TELEGRAM_HOOK = "/webhooks/telegram"
WHATSAPP_HOOK = "/webhooks/whatsapp"


def all_channels_client(
    monkeypatch: pytest.MonkeyPatch,
    *,
    bot_api: RecordingBotApi | None = None,
    public_base_url: str = PUBLIC_BASE_URL,
) -> TestClient:
    """The application with Telegram (behind ``bot_api``) and WhatsApp configured, at ``public_base_url``."""
    for name, value in {
        "TELEGRAM_BOT_TOKEN": "123:TEST",
        "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_WHATSAPP_FROM": WHATSAPP_FROM,
        "PUBLIC_BASE_URL": public_base_url,
    }.items():
        monkeypatch.setenv(name, value)
    config.get_settings.cache_clear()
    settings = config.get_settings()
    channels = [
        TelegramChannel(settings, request=bot_api or RecordingBotApi()),
        WhatsAppChannel(settings, http_client=RecordingTwilioHttpClient()),
    ]
    return TestClient(create_app(channels), base_url=public_base_url)


def telegram_update(
    update_id: int, text: str, changes: tuple[tuple[str, object], ...] = ()
) -> dict[str, Any]:
    """A text update with ``changes`` applied: ``("message.from", None)`` deletes a key, else sets it."""
    update = copy.deepcopy(text_update(update_id, text))
    for dotted, value in changes:
        *parents, key = dotted.split(".")
        target = update
        for parent in parents:
            target = target[parent]
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    return update


def post_telegram(
    client: TestClient, body: bytes, content_type: str = "application/json", *, signed_ok: bool = True
):  # type: ignore[no-untyped-def]
    headers = {"content-type": content_type}
    if signed_ok:
        headers["X-Telegram-Bot-Api-Secret-Token"] = TELEGRAM_SECRET
    return client.post(TELEGRAM_HOOK, content=body, headers=headers)


def whatsapp_form(sid: str, text: str, changes: tuple[tuple[str, object], ...] = ()) -> dict[str, str]:
    form = inbound_form(sid, text)
    form.update({key: str(value) for key, value in changes})
    return form


def post_whatsapp(client: TestClient, form: dict[str, str], *, signed_form: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Post ``form`` with the signature of ``signed_form`` (default: of ``form`` itself)."""
    headers = signed(WHATSAPP_HOOK, form if signed_form is None else signed_form)
    return client.post(WHATSAPP_HOOK, data=form, headers=headers)


def inbound(channel: str) -> list[Message]:
    with session_scope() as session:
        query = select(Message).where(Message.channel == channel, Message.direction == "in")
        return list(session.exec(query.order_by(col(Message.id))))


def replies(channel: str) -> list[str]:
    with session_scope() as session:
        query = select(Message).where(Message.channel == channel, Message.direction == "out")
        return [row.text for row in session.exec(query.order_by(col(Message.id)))]


def assert_nothing_crashed() -> None:
    """No turn rolled back into a failed message, no webhook delivery left failed by its processor."""
    with session_scope() as session:
        failed = session.exec(select(Message).where(Message.status == "failed")).all()
        broken = session.exec(select(InboxEvent).where(InboxEvent.status == "failed")).all()
    assert failed == [] and broken == []
