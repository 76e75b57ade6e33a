"""The bot's ``*bold*`` markup as officers read it: bold on the ticket page, dropped in one-line previews.

One small module, so a renderer shared with the web chat can replace it in one place."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_BOLD = re.compile(r"\*([^*\n]+)\*")


def to_html(text: str) -> Markup:
    """``text`` escaped, with ``*bold*`` as ``<strong>``."""
    pieces = _BOLD.split(text)  # the bold parts at odd positions
    return Markup("").join(
        Markup("<strong>%s</strong>") % piece if index % 2 else escape(piece)
        for index, piece in enumerate(pieces)
    )


def plain(text: str) -> str:
    """``text`` without the markup's asterisks."""
    return _BOLD.sub(r"\1", text)
