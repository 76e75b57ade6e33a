"""A reply as plain text, for the channels with no buttons of their own (the terminal, WhatsApp): the text,
then its buttons as a numbered list, since a person answers with the number."""

from __future__ import annotations

from collections.abc import Callable

from bot.messages import Outbound


def render(reply: Outbound, markup: Callable[[str], str] = str) -> str:
    """``markup`` renders the bot's markup (the default keeps it as written, as WhatsApp shows it natively)."""
    lines = [markup(reply.text)]
    lines += [f"  {number}. {button.label}" for number, button in enumerate(reply.buttons, start=1)]
    return "\n".join(lines)
