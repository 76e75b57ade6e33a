"""Outbound pacing per channel: at most ``messages_per_second`` overall and one message per
``chat_interval_seconds`` to each chat.

Kept in memory on purpose: on PostgreSQL only the worker holding the sender lock delivers (bot/singleton.py),
so one pacer per channel in that process is the global limit, with no database round trip per message. Each
call reserves its slot before sleeping, so concurrent deliveries (the sender sends conversations in parallel)
are spaced correctly too.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from bot.config import ChannelRate

FORGET_AFTER = 10_000  # chats remembered before the idle ones are dropped


class Pacer:
    def __init__(
        self,
        rate: ChannelRate,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.spacing = 1.0 / rate.messages_per_second if rate.messages_per_second > 0 else 0.0
        self.chat_interval = rate.chat_interval_seconds
        self.clock, self.sleep = clock, sleep
        self._next_any = 0.0
        self._next_chat: dict[str, float] = {}

    async def wait(self, chat_id: str) -> None:
        """Return when a message to ``chat_id`` may go out."""
        now = self.clock()
        slot = max(now, self._next_any, self._next_chat.get(chat_id, 0.0))
        self._next_any = slot + self.spacing
        if len(self._next_chat) > FORGET_AFTER:
            self._next_chat = {chat: at for chat, at in self._next_chat.items() if at > now}
        self._next_chat[chat_id] = slot + self.chat_interval
        if slot > now:
            await self.sleep(slot - now)
