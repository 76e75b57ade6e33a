"""Offline stand-ins for the Telegram Bot API and the Twilio REST API, driven by the real client libraries."""

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def eventually(probe: Callable[[], T], timeout: float = 15.0) -> T:
    """Wait until ``probe()`` is truthy (background senders run on their own schedule) and return it."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value or time.monotonic() > deadline:
            assert value, "condition not reached in time"
            return value
        time.sleep(0.02)
