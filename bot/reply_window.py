"""WhatsApp's customer-service window: free text reaches a person only within 24 hours of their last message;
after that only an approved template opens the conversation again. The sender, the alerts and the console's
warning all ask :func:`outside_window`, so what an officer is told is what the sender then does."""

from __future__ import annotations

from datetime import datetime, timedelta

WHATSAPP_WINDOW = timedelta(hours=24) - timedelta(minutes=1)
"""A minute short of WhatsApp's 24 hours: a text sent at the very edge would arrive after it and be refused."""


def outside_window(channel: str, last_inbound_at: datetime | None, now: datetime) -> bool:
    """True when ``channel`` refuses free text now: WhatsApp, with no message from the person in the window."""
    return channel == "whatsapp" and (last_inbound_at is None or now - last_inbound_at > WHATSAPP_WINDOW)
