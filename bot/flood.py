"""Flood control per contact: someone (or a script) sending more than ``limits.contact_messages_per_minute``
messages is slowed down politely without blocking anyone else.

A token bucket in the conversation's state: it holds up to the limit, refills at the limit per minute, and each
answered message takes one token. It is read and written inside the turn, under the conversation's row lock, so
it holds across worker processes and costs no query. Above the limit the message is still stored (the engine
stored it before the handlers ran; nothing is lost), the flow does not run for it, and the person gets at most
one "slow down" notice per minute. Danger messages always go through, and the terminal chat (``helpdesk chat``:
someone at the server, often a script fed a file) is not limited.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.i18n import _
from bot.turn import Turn

WINDOW = timedelta(minutes=1)
UNLIMITED_CHANNEL = "console"
BUCKET_KEY = "flood_bucket"  # in conversation.data: [tokens left, when they were counted (ISO)]
NOTICE_KEY = "flood_notice_at"  # in conversation.data: when the last notice was sent (ISO)


def held_back(turn: Turn) -> bool:
    """True when this message is over the contact's limit (the caller then stops); the notice, if one is
    due, is already said."""
    limit = turn.config.limits.contact_messages_per_minute
    if not limit or turn.inbound.channel == UNLIMITED_CHANNEL or _take_token(turn, limit):
        return False
    if turn.danger is not None:
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


def _take_token(turn: Turn, limit: int) -> bool:
    """Refill the bucket for the time since it was last counted and take a token if there is one."""
    tokens = float(limit)
    if (bucket := turn.data.get(BUCKET_KEY)) is not None:
        elapsed = max(0.0, (turn.now - datetime.fromisoformat(bucket[1])).total_seconds())
        tokens = min(tokens, bucket[0] + elapsed * limit / WINDOW.total_seconds())
    allowed = tokens >= 1
    turn.data[BUCKET_KEY] = [round(tokens - 1 if allowed else tokens, 4), turn.now.isoformat()]
    return allowed


def _notice_due(last: str | None, now: datetime) -> bool:
    return last is None or now - datetime.fromisoformat(last) >= WINDOW
