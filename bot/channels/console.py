"""Chat as a worker from the terminal (``helpdesk chat``): the channel for trying the help desk locally and
for scripts, which use ``--json`` (one JSON line per input line)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from sqlmodel import col, select

from bot.clock import utcnow
from bot.db import session_scope
from bot.engine import handle
from bot.messages import Button, Inbound, Outbound
from bot.models import Conversation, Message

CHANNEL = "console"


def take_pending(chat_id: str) -> list[Outbound]:
    """Messages queued for this chat since it last spoke (an officer's answer), marked delivered."""
    with session_scope() as session:
        conversation = session.exec(
            select(Conversation).where(Conversation.channel == CHANNEL, Conversation.chat_id == chat_id)
        ).first()
        if conversation is None:
            return []
        rows = session.exec(
            select(Message)
            .where(
                Message.conversation_id == conversation.id,
                Message.direction == "out",
                Message.status == "pending",
            )
            .order_by(col(Message.id))
        ).all()
        for row in rows:
            row.status = "sent"
            row.next_attempt_at = None
            session.add(row)
        return [
            Outbound(row.text, tuple(Button(label, value) for label, value in row.buttons)) for row in rows
        ]


def render(reply: Outbound) -> str:
    lines = [reply.text]
    lines += [f"  {number}. {button.label}" for number, button in enumerate(reply.buttons, start=1)]
    return "\n".join(lines)


def run(
    lines: Iterable[str], out: TextIO, *, user: str, name: str | None, as_json: bool, prompt: bool
) -> None:
    """Feed each input line to the engine as one message and write the replies."""
    if prompt:
        out.write("(ketik pesan; Ctrl-D untuk keluar / type a message; Ctrl-D to quit)\n> ")
        out.flush()
    for raw in lines:
        text = raw.rstrip("\r\n")
        replies = take_pending(user)
        replies += handle(
            Inbound(
                channel=CHANNEL, chat_id=user, user_id=user, text=text, display_name=name, timestamp=utcnow()
            )
        )
        if as_json:
            out.write(
                json.dumps({"in": text, "replies": [r.to_json() for r in replies]}, ensure_ascii=False) + "\n"
            )
        else:
            out.write("\n\n".join(render(reply) for reply in replies) + "\n")
            if prompt:
                out.write("> ")
        out.flush()
