"""``helpdesk telegram``: register the webhook (once per deployment), or long-poll for local use."""

from __future__ import annotations

import asyncio
import contextlib

import click

from bot import inbox
from bot.channels.telegram import ALLOWED_UPDATES, CHANNEL, TelegramChannel
from bot.config import get_settings
from bot.inbox import InboxRecovery
from bot.outbox import Sender

WEBHOOK_PATH = "/webhooks/telegram"


@click.group("telegram")
def telegram_group() -> None:
    """Telegram: webhook registration and local long polling."""


@telegram_group.command("set-webhook")
def set_webhook() -> None:
    """Point Telegram at PUBLIC_BASE_URL/webhooks/telegram with TELEGRAM_WEBHOOK_SECRET."""
    settings = get_settings()
    if not settings.telegram_enabled:
        raise click.ClickException("set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET")
    if not settings.public_base_url.startswith("https://"):
        raise click.ClickException(
            "PUBLIC_BASE_URL must be an https URL (Telegram accepts ports 443, 80, 88, 8443)"
        )
    url = settings.public_url(WEBHOOK_PATH)

    async def register() -> None:
        channel = TelegramChannel(settings)
        await channel.start()
        try:
            await channel.bot.set_webhook(
                url=url, secret_token=settings.telegram_webhook_secret, allowed_updates=ALLOWED_UPDATES
            )
        finally:
            await channel.stop()

    asyncio.run(register())
    click.echo(f"webhook set to {url}")


@telegram_group.command("poll")
def poll() -> None:
    """Receive updates by long polling (no public URL needed) and answer them; Ctrl-C to stop."""
    from bot.db import ensure_schema

    settings = get_settings()
    if not settings.telegram_bot_token:
        raise click.ClickException("set TELEGRAM_BOT_TOKEN")
    ensure_schema()
    click.echo("polling Telegram; Ctrl-C to stop")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_polling(TelegramChannel(settings)))


async def run_polling(channel: TelegramChannel) -> None:
    """Long polling with the same inbox, processor and sender as the webhook; removes any webhook first."""
    await channel.start()
    await channel.bot.delete_webhook()
    services: list[Sender | InboxRecovery] = [Sender([channel]), InboxRecovery({CHANNEL: channel.process})]
    tasks = [asyncio.create_task(service.run()) for service in services]
    offset: int | None = None
    try:
        while True:
            offset = await poll_once(channel, offset, timeout=30)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await channel.stop()


async def poll_once(channel: TelegramChannel, offset: int | None, *, timeout: int) -> int | None:
    """Fetch one batch of updates, store and process each; returns the next offset."""
    updates = await channel.bot.get_updates(offset=offset, timeout=timeout, allowed_updates=ALLOWED_UPDATES)
    for update in updates:
        offset = update.update_id + 1
        payload = update.to_dict()
        row_id = await asyncio.to_thread(inbox.store, CHANNEL, str(update.update_id), payload)
        if row_id is not None:
            await inbox.process(row_id, payload, channel.process)
    return offset
