"""Whether a reply to "what is your name?" is a name, and if not, why not.

People answer the name question with a sentence when the question does not fit them ("sy ibunya, bkn sy yg
kerja": the mother of the worker in the worker's own form) or when they are still telling their problem ("gaji
saya belum dibayar"). Such a reply is not stored as a name; the form asks again and says why. The words that
give a sentence away are listed in the ``names`` section of the shared vocabulary, as typed: a name is never
rewritten through the slang table ("Adi", "Ade" and "Ni" are names).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Literal

from nlu.normalize import vocabulary_section
from nlu.text import fold, words

Problem = Literal["family", "sentence", "digits", "long"]

MAX_NAME_WORDS = 6
"""Indonesian names are one to four words; six leaves room for titles and bin/binti."""

MIN_DIGITS = 3
"""Digits from which an answer is a number (a phone, a NIK, a date), not a name; a stray one may be a typo."""
_DIGIT = re.compile(r"\d")
_POSSESSIVE = ("nya", "ku", "mu", "ne", "e")


@cache
def _lists() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    section = vocabulary_section("names")
    sentence = frozenset(tuple(words(fold(str(w)))) for w in section.get("sentence") or ())
    family = frozenset(fold(str(w)) for w in section.get("family") or ())
    return sentence, family


def _has_phrase(tokens: list[str], phrases: frozenset[tuple[str, ...]]) -> bool:
    return any(tuple(tokens[i : i + len(phrase)]) == phrase for phrase in phrases for i in range(len(tokens)))


def _family_word(token: str, family: frozenset[str]) -> bool:
    """A family word with a possessive ("ibunya", "anakku"): a relationship, not a name."""
    return any(token.endswith(p) and token[: -len(p)] in family for p in _POSSESSIVE)


def name_problem(text: str) -> Problem | None:
    """Why ``text`` is not a person's name, or None when it can be one."""
    folded = fold(text)
    if len(_DIGIT.findall(folded)) >= MIN_DIGITS:
        return "digits"
    tokens = words(folded)
    sentence, family = _lists()
    in_sentence = _has_phrase(tokens, sentence)
    if (
        any(_family_word(token, family) for token in tokens)
        or (tokens and set(tokens) <= family)
        or (in_sentence and not family.isdisjoint(tokens))  # "anak saya", "ibu dari pekerja"
    ):
        return "family"
    if in_sentence:
        return "sentence"
    if len(tokens) > MAX_NAME_WORDS:
        return "long"
    return None


_OWN_NAME = re.compile(
    r"\b(?:nama\s+(?:saya|sy|aku|ku|gue|gw)\s+(?:adalah\s+|ialah\s+)?|nama\s*ku\s+|my\s+name\s+is\s+"
    r"|(?:saya|sy|aku|ak|aq|kulo|abdi)\s+(?:adalah\s+|ini\s+)?)"
    r"(?P<name>[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|bin|binti))*)"
)
""""sy Nur Aini kerja di taichung", "nama saya Siti Aminah": a capitalised name after the writer's "I"."""


def own_name(text: str, is_ordinary: Callable[[str], bool]) -> str | None:
    """The writer's own name when the message introduces them ("sy Nur Aini kerja di taichung"), else None.
    Only capitalised words that are not ordinary chat words count (``is_ordinary``: "Saya Mau lapor" names
    nobody), at most :data:`MAX_NAME_WORDS`."""
    match = _OWN_NAME.search(text)
    return None if match is None else _trim(match["name"].split(), is_ordinary)


_BARE_NAME = re.compile(r"^[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|bin|binti))*$")


def bare_name(text: str) -> str | None:
    """``text`` when it is only a name, written with capitals ("Rosmini binti Darto"), spaces tidied; else None."""
    typed = " ".join(text.split())
    return typed if _BARE_NAME.match(typed) and name_problem(typed) is None else None


_RELATIVE_NAMED = re.compile(
    r"\b(?:kakak|kaka|kak|adik|adek|anak|suami|istri|isteri|bojo|ibu|bapak|bapa|ayah|mama|papa|ponakan"
    r"|keponakan|sepupu|tetangga|teman|temen|sodara|saudara|mbak|mas|abang)"
    r"(?:\s+(?:sy|saya|aku|ku|kulo|abdi|gw|gue|kami))?(?:\s+(?:yang|yg))?(?:\s+(?:bernama|namanya|nama))?\s+"
    r"(?P<name>[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|bin|binti))*)",
    re.IGNORECASE,
)
""""kakak sy Sulastri kerja di sabah": the relative's name right after the word for them."""


def relative_name(text: str, is_ordinary: Callable[[str], bool]) -> str | None:
    """The name of the relative a family member writes about ("kakak sy Sulastri kerja di sabah"), when it
    is written with capitals and is not an ordinary chat word."""
    for match in _RELATIVE_NAMED.finditer(text):
        raw = match["name"]
        if not raw[0].isupper():
            continue
        name = _trim(raw.split(), is_ordinary)
        if name:
            return name
    return None


def _trim(candidate: list[str], is_ordinary: Callable[[str], bool]) -> str | None:
    kept: list[str] = []
    for word in candidate:
        if not word[0].isupper() and word not in ("bin", "binti"):
            break
        if is_ordinary(word) and word not in ("bin", "binti"):
            break
        kept.append(word)
    while kept and kept[-1] in ("bin", "binti"):
        kept.pop()
    name = " ".join(kept[:MAX_NAME_WORDS])
    return name if name and name_problem(name) is None else None
