"""Flood control per contact: someone (or a script) sending more than ``limits.contact_messages_per_minute``
messages is slowed down politely without blocking anyone else.

The count is the conversation's inbound messages of the last minute, read from the database inside the turn,
under the conversation's row lock, so it holds across worker processes. Above the limit the message is still
stored (the engine stored it before the handlers ran; nothing is lost), the flow does not run for it, and the
person gets at most one "slow down" notice per minute. Danger messages always go through, and the terminal
chat (``helpdesk chat``: someone at the server, often a script fed a file) is not limited.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from bot.i18n import _
from bot.models import Message
from bot.triage import detect_danger
from bot.turn import Turn

WINDOW = timedelta(minutes=1)
UNLIMITED_CHANNEL = "console"
NOTICE_KEY = "flood_notice_at"  # in conversation.data: when the last notice was sent (ISO)


def held_back(turn: Turn) -> bool:
    """True when this message is over the contact's limit (the caller then stops); the notice, if one is
    due, is already said."""
    limit = turn.config.limits.contact_messages_per_minute
    if (
        not limit
        or turn.inbound.channel == UNLIMITED_CHANNEL
        or _recent_inbound(turn) <= limit
        or detect_danger(turn.text) is not None
    ):
        return False
    if _notice_due(turn.data.get(NOTICE_KEY), turn.now):
        turn.data[NOTICE_KEY] = turn.now.isoformat()
        turn.say(
            _(
                "Pesan Anda banyak sekali dalam waktu singkat. Mohon tunggu sebentar, lalu kirim lagi: "
                "pesan Anda tetap kami simpan. Jika Anda dalam bahaya, tulis *tolong*."
            )
        )
    return True


def _recent_inbound(turn: Turn) -> int:
    """Inbound messages of this conversation in the last minute, the current one included."""
    return int(
        turn.session.exec(
            select(func.count())
            .select_from(Message)
            .where(
                Message.conversation_id == turn.conversation.id,
                Message.direction == "in",
                col(Message.created_at) > turn.now - WINDOW,
            )
        ).one()
    )


def _notice_due(last: str | None, now: datetime) -> bool:
    return last is None or now - datetime.fromisoformat(last) >= WINDOW
