"""Splitting long texts for channels with a length limit (Telegram 4,096, WhatsApp 1,600 characters)."""

from __future__ import annotations

import re

# Where a part may end, best first: a paragraph, a line, a sentence, a word.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?…])\s+"), re.compile(r"\s+"))


def split_text(text: str, limit: int) -> list[str]:
    """Parts of at most ``limit`` characters, cut at the best boundary in each window; never empty parts."""
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _best_cut(rest, limit)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def _best_cut(text: str, limit: int) -> int:
    window = text[: limit + 1]
    for pattern in _BREAKS:
        ends = [match.start() for match in pattern.finditer(window) if 0 < match.start() <= limit]
        if ends and ends[-1] > limit // 3:  # a boundary too early would leave a tiny part
            return ends[-1]
    return limit
