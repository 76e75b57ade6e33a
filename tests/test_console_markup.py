"""``helpdesk chat`` shows the bot's markup as a terminal can: ANSI bold on a terminal, nothing in a file or
a pipe, and ``--json`` gives the text as the bot wrote it."""

from __future__ import annotations

import io
import json

from bot.channels.terminal import run


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def chat(out: io.StringIO, *, as_json: bool = False) -> str:
    run(["halo", "setuju", "petugas"], out, user="u1", name=None, as_json=as_json, prompt=False)
    return out.getvalue()


def test_a_pipe_gets_the_replies_without_markup() -> None:
    text = chat(io.StringIO())

    assert "Ketik menu untuk kembali" in text and "*" not in text and "\x1b[" not in text


def test_a_terminal_gets_bold_as_ansi() -> None:
    assert "Ketik \x1b[1mmenu\x1b[22m untuk kembali" in chat(Terminal())


def test_json_keeps_the_text_as_the_bot_wrote_it() -> None:
    lines = [json.loads(line) for line in chat(io.StringIO(), as_json=True).splitlines()]

    assert any("Ketik *menu* untuk kembali" in reply["text"] for reply in lines[-1]["replies"])
