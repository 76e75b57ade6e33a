"""Chat as a worker from the terminal (``helpdesk chat``): the channel for trying the help desk locally and
for scripts, which use ``--json`` (one JSON line per input line)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import partial
from typing import TextIO

from bot.channels.rendering import render
from bot.clock import utcnow
from bot.engine import NotStored, handle
from bot.markup import to_terminal
from bot.messages import Inbound
from bot.outbox import take_pending
from bot.turn import not_stored

CHANNEL = "console"  # the name stored with its messages (the officer console calls it "Uji coba konsol")


def run(
    lines: Iterable[str], out: TextIO, *, user: str, name: str | None, as_json: bool, prompt: bool
) -> None:
    """Feed each input line to the engine as one message and write the replies (``--json``: as the bot
    wrote them, markup included)."""
    terminal = partial(to_terminal, tty=out.isatty())  # ANSI on a terminal, plain in a file or a pipe
    if prompt:
        out.write("(ketik pesan; Ctrl-D untuk keluar / type a message; Ctrl-D to quit)\n> ")
        out.flush()
    for raw in lines:
        text = raw.rstrip("\r\n")
        replies = take_pending(CHANNEL, user)
        try:
            replies += handle(
                Inbound(
                    channel=CHANNEL,
                    chat_id=user,
                    user_id=user,
                    text=text,
                    display_name=name,
                    timestamp=utcnow(),
                )
            )
        except NotStored:
            replies.append(not_stored())
        if as_json:
            out.write(
                json.dumps({"in": text, "replies": [r.to_json() for r in replies]}, ensure_ascii=False) + "\n"
            )
        else:
            out.write("\n\n".join(render(reply, terminal) for reply in replies) + "\n")
            if prompt:
                out.write("> ")
        out.flush()
