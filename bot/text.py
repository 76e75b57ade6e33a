"""Folding of informal chat text into a comparable form, shared by triage and the FAQ matcher."""

from __future__ import annotations

import re
import unicodedata

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"})
_WORD = re.compile(r"\w+", re.UNICODE)
_REPEATS = re.compile(r"([a-z])\1{2,}")
_MIXED_WORD = re.compile(r"\b(?=\w*[a-z])(?=\w*[0-9@])[\w@]+\b")


def strip_controls(text: str) -> str:
    """Drop control and format characters (bidi marks, zero-width joiners) but keep newlines and tabs."""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
    )


def fold(text: str) -> str:
    """Lowercase, strip accents and controls, undo letter-for-digit spelling inside words ("s4kit"),
    collapse letters repeated three or more times ("tolooong" -> "tolong"), squeeze whitespace.
    """
    text = unicodedata.normalize("NFKD", strip_controls(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _MIXED_WORD.sub(lambda m: m.group(0).translate(_LEET) if not m.group(0).isdigit() else m.group(0), text)
    text = _REPEATS.sub(r"\1", text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The words of already folded text."""
    return _WORD.findall(text)
