"""Channel adapters: each turns its traffic into :class:`bot.messages.Inbound` and renders
:class:`bot.messages.Outbound`. Nothing outside this package imports a channel library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from bot.outbox import Adapter

if TYPE_CHECKING:  # the terminal channel (helpdesk chat) imports this package: no web framework for it
    from starlette.routing import BaseRoute

    from bot.config import Settings


class PushChannel(Adapter, Protocol):
    """A channel we deliver to (Telegram, WhatsApp): webhook routes, an inbox processor and an outbox adapter."""

    def routes(self) -> list[BaseRoute]: ...

    async def process(self, payload: dict[str, Any]) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


def push_channels(settings: Settings) -> list[PushChannel]:
    """The channels whose credentials are configured; the others are off (their webhooks answer 404)."""
    found: list[PushChannel] = []
    if settings.telegram_enabled:
        from bot.channels.telegram import TelegramChannel

        found.append(TelegramChannel(settings))
    if settings.whatsapp_enabled:
        from bot.channels.whatsapp import WhatsAppChannel

        found.append(WhatsAppChannel(settings))
    return found
