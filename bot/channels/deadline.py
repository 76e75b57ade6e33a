"""Webhook answers within the caller's timeout (Twilio gives up after 15 s): what is still running by then
goes on in the background, and replies that can no longer be part of the answer go through the outbox."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

_unfinished: set[asyncio.Task[Any]] = set()  # referenced until done (the loop keeps only weak references)


class InlineWindow:
    """Whether a turn's replies are part of the webhook's answer: decided once, under a lock, either by the
    engine when it stores the replies (inline while the webhook still waits) or by the webhook when it stops
    waiting. So a reply is either in the answer or in the outbox, never in both and never in neither."""

    def __init__(self, seconds: float) -> None:
        self._until = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._inline: bool | None = None
        self.stored = False  # the delivery is in the inbox, so it will be processed whatever happens next

    def remaining(self) -> float:
        return max(0.0, self._until - time.monotonic())

    def __call__(self) -> bool:
        """The engine asks, in its thread, when it stores the replies."""
        with self._lock:
            if self._inline is None:
                self._inline = time.monotonic() < self._until
            return self._inline

    def close(self) -> bool:
        """The webhook stops waiting. True: the replies will go through the outbox. False: the turn has
        already stored them as this answer and is committing, so the webhook must wait for it."""
        with self._lock:
            if self._inline is None:
                self._inline = False
            return not self._inline

    @property
    def answered_inline(self) -> bool:
        return self._inline is True


def keep_running(work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    """Run ``work`` as a task that goes on if the webhook answers without it; a failure is logged."""
    task = asyncio.ensure_future(work)
    _unfinished.add(task)
    task.add_done_callback(_finished)
    return task


def _finished(task: asyncio.Task[Any]) -> None:
    _unfinished.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("webhook work that went on after the answer failed", exc_info=task.exception())


async def within(task: asyncio.Task[T], seconds: float) -> T:
    """``task``'s result if it is done within ``seconds``; TimeoutError otherwise, with the task running on."""
    return await asyncio.wait_for(asyncio.shield(task), seconds)
