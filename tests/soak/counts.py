"""The soak's verdict: counts from the database and from the fake Telegram and Twilio servers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.channels.rendering import render
from bot.channels.splitting import split_text
from bot.channels.telegram import MAX_TEXT
from bot.channels.whatsapp import MAX_BODY
from bot.messages import Button, Outbound
from tests.soak.people import TICKETS, CountingBotApi, CountingTwilio, Ledger


@dataclass
class Counts:
    inbound_acknowledged: int = 0
    inbound_stored: int = 0
    inbound_lost: int = 0
    inbound_doubled: int = 0
    outbound_rows: int = 0
    outbound_delivered: int = 0
    outbound_lost: int = 0
    outbound_doubled: int = 0
    outbound_doubled_crash_window: int = 0  # resent after a kill between the peer's accept and our record
    officer_replies: int = 0
    officer_replies_lost: int = 0
    officer_replies_doubled: int = 0
    stuck_conversations: int = 0
    tickets: int = 0
    ticket_mismatches: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, object]:
        found = {
            "inbound lost": self.inbound_lost,
            "inbound doubled": self.inbound_doubled,
            "outbound lost": self.outbound_lost,
            "outbound doubled": self.outbound_doubled,
            "officer replies lost": self.officer_replies_lost,
            "officer replies doubled": self.officer_replies_doubled,
            "stuck conversations": self.stuck_conversations,
            "people whose tickets do not match their script": self.ticket_mismatches,
        }
        return {name: value for name, value in found.items() if value}


def unfinished(engine: Engine) -> int:
    """Outbox rows not yet delivered plus webhook deliveries not yet processed (0 when drained)."""
    with engine.connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT (SELECT count(*) FROM message WHERE direction = 'out' "
                    "AND status IN ('pending', 'sending')) + (SELECT count(*) FROM inboxevent "
                    "WHERE status = 'pending' OR (status = 'failed' AND attempts < 5))"
                )
            ).scalar_one()
        )


def count(
    engine: Engine,
    ledger: Ledger,
    bot_api: CountingBotApi,
    twilio: CountingTwilio,
    officer_marks: set[str],
) -> Counts:
    counts = Counts()
    with engine.connect() as connection:
        _inbound(connection, ledger, counts)
        _outbound(connection, ledger, bot_api, twilio, counts)
        _officer(connection, officer_marks, counts)
        _stuck(connection, counts)
        _tickets(connection, ledger, counts)
    return counts


def _inbound(connection, ledger: Ledger, counts: Counts) -> None:  # type: ignore[no-untyped-def]
    stored = Counter(
        {
            (channel, message_id): rows
            for channel, message_id, rows in connection.execute(
                text(
                    "SELECT channel, channel_message_id, count(*) FROM message WHERE direction = 'in' "
                    "GROUP BY channel, channel_message_id"
                )
            )
        }
    )
    for channel, ids in ledger.acknowledged.items():
        counts.inbound_acknowledged += len(ids)
        counts.inbound_lost += sum(1 for message_id in ids if not stored[(channel, message_id)])
    counts.inbound_stored = sum(stored.values())
    counts.inbound_doubled = sum(rows - 1 for rows in stored.values() if rows > 1)


def _outbound(connection, ledger, bot_api, twilio, counts: Counts) -> None:  # type: ignore[no-untyped-def]
    """Per chat, the parts the outbox says were sent against the parts the fake received; TwiML answers per
    MessageSid against the replies stored as sent inline for it."""
    expected: Counter[str] = Counter()
    inline: Counter[str] = Counter()
    reclaimed: set[str] = set()  # chats with a row sent on a second claim (its first sender was killed)
    rows = connection.execute(
        text(
            "SELECT m.channel, c.chat_id, m.status, m.text, m.buttons, m.channel_message_id, i.channel_message_id, "
            "m.attempts "
            "FROM message m JOIN conversation c ON c.id = m.conversation_id "
            "LEFT JOIN message i ON i.id = m.reply_to_id WHERE m.direction = 'out'"
        )
    )
    for channel, chat, status, body, buttons, sent_id, inbound_id, attempts in rows:
        counts.outbound_rows += 1
        if attempts > 1:
            reclaimed.add(chat)
        if status in ("pending", "sending", "failed", "held"):
            counts.outbound_lost += 1
            continue
        if channel == "telegram":
            expected[chat] += len(split_text(body, MAX_TEXT)) or 1
        else:
            reply = Outbound(body, tuple(Button(label, value) for label, value in buttons))
            parts = len(split_text(render(reply), MAX_BODY))
            if sent_id:  # through the REST API
                expected[chat] += parts
            else:  # inline, in the TwiML answer to the inbound message
                inline["sid:" + inbound_id] += parts
    delivered = Counter(bot_api.per_chat) + Counter(twilio.per_chat)
    for chat in set(expected) | set(delivered):
        counts.outbound_lost += max(expected[chat] - delivered[chat], 0)
        extra = max(delivered[chat] - expected[chat], 0)
        if chat in reclaimed:  # the one window docs/reliability.md documents: no API takes an idempotency key
            counts.outbound_doubled_crash_window += extra
        else:
            counts.outbound_doubled += extra
    for sid in set(inline) | {key for key in ledger.twiml_messages if key.startswith("sid:")}:
        counts.outbound_lost += max(inline[sid] - ledger.twiml_messages[sid], 0)
        counts.outbound_doubled += max(ledger.twiml_messages[sid] - inline[sid], 0)
    counts.outbound_delivered = sum(delivered.values()) + sum(
        value for key, value in ledger.twiml_messages.items() if key.startswith("sid:")
    )


def _officer(connection, marks: set[str], counts: Counts) -> None:  # type: ignore[no-untyped-def]
    stored = Counter(
        mark
        for (body,) in connection.execute(
            text("SELECT text FROM message WHERE direction = 'out' AND author LIKE 'officer%'")
        )
        for mark in [body.rsplit(" ", 1)[-1]]
    )
    counts.officer_replies = len(marks)
    counts.officer_replies_lost = sum(1 for mark in marks if not stored[mark])
    counts.officer_replies_doubled = sum(rows - 1 for rows in stored.values() if rows > 1)


def _stuck(connection, counts: Counts) -> None:  # type: ignore[no-untyped-def]
    """Conversations with an inbound message not processed (failed), a reply not delivered, or a webhook
    delivery never processed."""
    counts.stuck_conversations = int(
        connection.execute(
            text(
                "SELECT count(DISTINCT conversation_id) FROM message WHERE (direction = 'in' AND status = "
                "'failed') OR (direction = 'out' AND status IN ('pending', 'sending', 'failed', 'held'))"
            )
        ).scalar_one()
    ) + int(
        connection.execute(
            text("SELECT count(*) FROM inboxevent WHERE status <> 'done' AND channel <> 'whatsapp-status'")
        ).scalar_one()
    )


def _tickets(connection, ledger: Ledger, counts: Counts) -> None:  # type: ignore[no-untyped-def]
    per_chat = dict(
        connection.execute(
            text(
                "SELECT c.chat_id, count(t.id) FROM conversation c "
                "LEFT JOIN ticket t ON t.contact_id = c.contact_id GROUP BY c.chat_id"
            )
        ).all()
    )
    counts.tickets = sum(per_chat.values())
    for chat, (_channel, script) in ledger.chats.items():
        if per_chat.get(chat, 0) != TICKETS[script]:
            counts.ticket_mismatches.append(f"{chat} ({script}): {per_chat.get(chat, 0)} tickets")
