"""``helpdesk telegram set-webhook`` and the long-polling loop, against the recording Bot API transport."""

from __future__ import annotations

import asyncio

import pytest
from click.testing import CliRunner
from sqlmodel import select

from bot import config
from bot.channels import telegram_cli
from bot.channels.telegram import TelegramChannel
from bot.db import session_scope
from bot.models import Message
from bot.outbox import Sender
from tests.fakes.telegram import RecordingBotApi, text_update


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> RecordingBotApi:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:TEST")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "s3cret")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://helpdesk.example.org/")
    config.get_settings.cache_clear()
    recording = RecordingBotApi()
    monkeypatch.setattr(
        telegram_cli, "TelegramChannel", lambda settings: TelegramChannel(settings, recording)
    )
    return recording


def test_set_webhook_registers_the_public_url_with_the_secret(api: RecordingBotApi) -> None:
    result = CliRunner().invoke(telegram_cli.telegram_group, ["set-webhook"])

    assert result.exit_code == 0, result.output
    [call] = api.sent("setWebhook")
    assert call["url"] == "https://helpdesk.example.org/webhooks/telegram"
    assert call["secret_token"] == "s3cret"
    assert "callback_query" in call["allowed_updates"]


def test_set_webhook_refuses_a_plain_http_url(api: RecordingBotApi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://localhost:8000")
    config.get_settings.cache_clear()

    result = CliRunner().invoke(telegram_cli.telegram_group, ["set-webhook"])

    assert result.exit_code != 0 and "https" in result.output
    assert api.sent("setWebhook") == []


def test_polling_stores_processes_and_answers_each_update_once(api: RecordingBotApi) -> None:
    channel = telegram_cli.TelegramChannel(config.get_settings())
    api.updates = [text_update(5, "halo"), text_update(5, "halo")]

    async def poll_and_send() -> int | None:
        await channel.start()
        try:
            offset = await telegram_cli.poll_once(channel, None, timeout=0)
            while await Sender([channel]).run_once():
                pass
            return offset
        finally:
            await channel.stop()

    assert asyncio.run(poll_and_send()) == 6
    with session_scope() as session:
        assert len(session.exec(select(Message).where(Message.direction == "in")).all()) == 1
    assert api.sent("sendMessage")[0]["text"].startswith("Halo!")
