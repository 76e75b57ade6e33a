"""Who is writing about whom: a family member reporting about a worker ("anak saya di malaysia ...")."""

from __future__ import annotations

import re

from nlu.text import fold

_WRITER_IS = {
    "parent": r"anak|putri|putra|son|daughter",
    "spouse": r"suami|istri|isteri|bojo|laki|bini|husband|wife",
    "child": r"ibu|bapak|bapa|bpk|ayah|mama|mamah|emak|mamak|mak|simbok|mbok|umi|abah|ortu|orang\s+tua|mother"
    r"|father|mom|mum|dad|parents",
    "sibling": r"adik|adek|adikku|kakak|kaka|abang|mas|mbak|mba|mbakyu|kakang|teteh|aa|akang|sister|brother|sis"
    r"|bro",
    "other": r"saudara|sodara|sepupu|ponakan|keponakan|menantu|mertua|ipar|paman|om|bibi|tante|pakde|bude|bulik|paklik|tetangga|cousin|niece"
    r"|nephew|uncle|aunt",
}
"""The writer's relationship to the worker, by the word they use for the worker: "anak saya" is written by a
parent. Friends are left out on purpose: "teman saya" is often the writer themselves, told at a distance."""

_FRIENDS = r"teman|temen|tmn|kawan|kwn|sahabat|konco|kanca|rakan|friend"
"""Friends count as "other" only when the caller asks (``friends=True``), see above."""

_SAYS_WHO = {
    "parent": r"ibu|bapak|ayah|mama|emak|mak|ortu|orang\s+tua|mother|father",
    "spouse": r"suami|istri|isteri|bojo|husband|wife",
    "child": r"anak|putri|putra|son|daughter",
    "sibling": r"adik|adek|kakak|kaka|abang|sister|brother",
}
"""The writer naming their own role: "sy ibunya" and "saya istri dari ..." are written by the worker's mother
and wife ("saya ibu rumah tangga" is not)."""

_OWNER = r"(?:\s*(?:saya|sy|aku|ak|aq|gue|gw|kulo|abdi|kami|ane)\b|ku\b|\s+ku\b)"
_ME = r"(?:saya|sy|aku|ak|aq|gue|gw|kulo|abdi|ane|i\s+am|i'?m)"


def _owned(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:(?:{words}){_OWNER}|my\s+(?:{words})\b)")


_PATTERNS = (
    *((relationship, _owned(words)) for relationship, words in _WRITER_IS.items()),
    *(
        (
            relationship,
            re.compile(
                rf"\b{_ME}\s+(?:ini\s+|adalah\s+|itu\s+|the\s+|his\s+|her\s+)?(?:{words})(?:nya\b|\s+(?:dari|of)\b)"
            ),
        )
        for relationship, words in _SAYS_WHO.items()
    ),
)
_FRIEND_PATTERN = (
    "other",
    _owned(rf"(?:{_FRIENDS})(?:\s+(?:kerja|sekerja|serumah|sekamar|sekantor|sekampung|satu\s+\w+))?"),
)
"""With the kind of friend: "temen serumah saya", "temen kerja aku"."""


def family_relationship(text: str, *, friends: bool = False) -> str | None:
    """The writer's relationship to the worker when the message is about a family member, else None; with
    ``friends``, a friend ("teman saya") makes the writer "other"."""
    folded = fold(text)
    patterns = (*_PATTERNS, _FRIEND_PATTERN) if friends else _PATTERNS
    found = [(m.start(), relationship) for relationship, p in patterns if (m := p.search(folded))]
    return min(found)[1] if found else None
