"""Folding of informal chat text into a comparable form, shared by triage and the FAQ matcher."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g", "@": "a"}
_WORD = re.compile(r"\w+", re.UNICODE)
_REPEATS = re.compile(r"([a-z])\1{2,}")
_LEET_INSIDE = re.compile(r"(?<=[a-z])[0134579@](?=[a-z])")


def storable(text: str) -> str:
    """Text every database can store: no NUL (PostgreSQL refuses it) and no lone surrogates (not UTF-8)."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start:end]`` replaced by spaces: what was read there is not read again, and every other
    offset stays where it was."""
    return text[:start] + " " * (end - start) + text[end:]


def strip_controls(text: str) -> str:
    """Drop control and format characters (bidi marks, zero-width joiners) but keep newlines and tabs."""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
    )


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lowercase, strip accents and controls, undo digits written for letters between letters ("s4kit";
    "30jt" and "3bln" stay), collapse letters repeated three or more times ("tolooong" -> "tolong"),
    squeeze whitespace. Cached: the readers of one message (danger, category, reporter, intents) each fold it.
    """
    text = unicodedata.normalize("NFKD", strip_controls(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _LEET_INSIDE.sub(lambda m: _LEET[m.group(0)], text)
    text = _REPEATS.sub(r"\1", text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The words of already folded text."""
    return _WORD.findall(text)
