"""Who is writing about whom: a family member reporting about a worker ("anak saya di malaysia ...")."""

from __future__ import annotations

import re

from nlu.text import fold

_WRITER_IS = {
    "parent": r"anak|putri|putra|son|daughter",
    "spouse": r"suami|istri|isteri|bojo|laki|bini|husband|wife",
    "child": r"ibu|bapak|bapa|ayah|mama|mamah|emak|mamak|umi|abah|mother|father|mom|mum|dad",
    "sibling": r"adik|adek|adikku|kakak|kaka|abang|mbak|mba|teteh|aa|akang|sister|brother|sis|bro",
    "other": r"sepupu|ponakan|keponakan|menantu|tetangga|cousin|niece|nephew",
}
"""The writer's relationship to the worker, by the word they use for the worker: "anak saya" is written by a
parent. Friends are left out on purpose: "teman saya" is often the writer themselves, told at a distance."""

_OWNER = r"(?:\s*(?:saya|sy|aku|ak|aq|gue|gw|kulo|abdi|kami|ane)\b|ku\b|\s+ku\b)"
_PATTERNS = tuple(
    (relationship, re.compile(rf"\b(?:(?:{words}){_OWNER}|my\s+(?:{words})\b)"))
    for relationship, words in _WRITER_IS.items()
)


def family_relationship(text: str) -> str | None:
    """The writer's relationship to the worker when the message is about a family member, else None."""
    folded = fold(text)
    found = [(m.start(), relationship) for relationship, p in _PATTERNS if (m := p.search(folded))]
    return min(found)[1] if found else None
