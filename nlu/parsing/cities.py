"""Cities named inside a message ("sy di taichung", "kerja di kl") with their usual spelling and country.

The table is the ``cities`` section of the one shared vocabulary (``nlu/vocabulary.yaml``). A spelling of three
letters or fewer ("kl", "jb") is also an everyday chat word ("kl" is "kalau"), so it counts only right after
"di", "ke", "dari", "in" or "at".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from nlu.normalize import LEXICON_PATH
from nlu.text import fold

HOME = "ID"
_SHORT = 3
_PLACE_WORDS = r"(?:di|d|ke|dari|dr|in|at|from|to|kat|dekat|daerah|kota)"


@dataclass(frozen=True)
class City:
    name: str
    country: str | None
    """ISO alpha-2 of the city's country; None for Indonesian cities."""


@cache
def _table() -> tuple[dict[str, City], re.Pattern[str]]:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8")).get("cities") or {}
    spellings: dict[str, City] = {}
    for code, cities in data.items():
        for name, others in cities.items():
            city = City(name, None if code == HOME else code)
            for spelling in (name, *(others or ())):
                spellings.setdefault(" ".join(fold(spelling).split()), city)
    long = [s for s in spellings if len(s) > _SHORT]
    short = [s for s in spellings if len(s) <= _SHORT]

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    pattern = re.compile(
        rf"(?<!\w)(?:(?P<long>{alternation(long)})|{_PLACE_WORDS}\s+(?P<short>{alternation(short)}))(?!\w)"
        if short
        else rf"(?<!\w)(?P<long>{alternation(long)})(?!\w)"
    )
    return spellings, pattern


def find_city(text: str) -> City | None:
    """The first city named in ``text``, or None."""
    spellings, pattern = _table()
    folded = fold(text)
    for match in pattern.finditer(folded):
        spelling = " ".join((match["long"] or match["short"]).split())
        return spellings[spelling]
    return None
