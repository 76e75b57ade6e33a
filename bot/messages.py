"""The two types every channel speaks: :class:`Inbound` in, :class:`Outbound` out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.clock import utcnow


@dataclass(frozen=True)
class IncomingAttachment:
    """A file a person sent. ``source_ref`` is the channel's handle (Telegram file_id, Twilio media URL)."""

    kind: str  # photo, document, voice, video, audio
    source_ref: str
    content_type: str | None = None
    filename: str | None = None
    size: int | None = None
    sha256: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Inbound:
    channel: str
    chat_id: str
    user_id: str
    text: str = ""
    display_name: str | None = None
    channel_message_id: str | None = None
    button: str | None = None  # the value of a pressed button, when the channel tells us
    attachments: tuple[IncomingAttachment, ...] = ()
    source: str | None = None  # the client's network where the chat id is only a cookie (the web chat)
    language: str | None = (
        None  # chosen on the channel before the first message (the web chat's language link)
    )
    timestamp: datetime = field(default_factory=utcnow)


NUMBERED_CHANNELS = frozenset({"whatsapp", "console"})
"""Channels that show buttons as numbered lines (typed numbers answer them); the others show tappable buttons
and no numbers (Telegram, the web chat), so a re-ask there never says "ketik nomornya"."""


@dataclass(frozen=True)
class Button:
    label: str
    value: str


@dataclass(frozen=True)
class Outbound:
    text: str
    buttons: tuple[Button, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "buttons": [button.label for button in self.buttons]}
