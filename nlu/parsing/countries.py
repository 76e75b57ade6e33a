"""Country answers ("hongkong", "m'sia", "di taiwan", "korsel") to ISO 3166-1 alpha-2 codes.

Three steps, first hit wins:
1. the whole answer is a known name: Babel's territory names in Indonesian and English plus ``ALIASES``;
2. a known name appears as words inside the answer ("kerja di hongkong 3 thn"), longest names first;
3. one typo (two in long names; swapped neighbours count as one) in the answer or one of its words, but
   only against the countries workers are actually placed in (``DESTINATIONS``) and only for words of
   ``FUZZY_MIN_LENGTH`` or more letters. Ordinary Indonesian words sit one edit away from country names
   ("nyaman"/Yaman, "bening"/Benin, "sudah"/Sudan), so typo tolerance over every name in the world would
   turn chat into countries.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from babel import Locale
from rapidfuzz import process
from rapidfuzz.distance import OSA

from nlu.text import fold

LANGUAGES = ("id", "en")

# Babel lists pseudo-territories too (Unknown Region, Eurozone, UN, pseudo-locales).
_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}

ALIASES: dict[str, str] = {
    "taiwan": "TW", "twn": "TW", "taiwa": "TW", "formosa": "TW", "tw": "TW",
    "hongkong": "HK", "hong kong": "HK", "hk": "HK", "hongkok": "HK", "hkg": "HK",
    "arab saudi": "SA", "saudi arabia": "SA", "saudi": "SA", "ksa": "SA", "arab": "SA", "saudia": "SA",
    "malay": "MY", "msia": "MY", "malaysia": "MY", "malaysya": "MY", "mlysia": "MY", "mly": "MY",
    "singapur": "SG", "singapura": "SG", "spore": "SG", "sg": "SG", "sgp": "SG", "singapore": "SG",
    "brunei": "BN", "brunei darussalam": "BN", "brunai": "BN",
    "korsel": "KR", "korea": "KR", "korea selatan": "KR", "south korea": "KR", "korea sltn": "KR",
    "korut": "KP",
    "jepang": "JP", "japan": "JP", "jepun": "JP", "jpn": "JP",
    "uae": "AE", "dubai": "AE", "abu dhabi": "AE", "abudhabi": "AE", "emirat": "AE", "emirat arab": "AE",
    "turki": "TR", "turkey": "TR", "turkiye": "TR",
    "polandia": "PL", "polan": "PL", "poland": "PL",
    "kamboja": "KH", "cambodia": "KH", "kemboja": "KH",
    "myanmar": "MM", "burma": "MM", "birma": "MM",
    "qatar": "QA", "katar": "QA", "kuwait": "KW", "oman": "OM", "bahrain": "BH", "yordania": "JO",
    "cina": "CN", "china": "CN", "tiongkok": "CN", "rrc": "CN", "makau": "MO", "macau": "MO", "macao": "MO",
    "amerika": "US", "usa": "US", "amerika serikat": "US",
    "inggris": "GB", "uk": "GB", "england": "GB", "britain": "GB",
    "belanda": "NL", "jerman": "DE", "italia": "IT", "itali": "IT", "spanyol": "ES", "perancis": "FR",
    "australi": "AU", "selandia baru": "NZ", "new zealand": "NZ",
    "thailand": "TH", "thai": "TH", "filipina": "PH", "vietnam": "VN", "laos": "LA",
    "timor leste": "TL", "timtim": "TL", "indo": "ID", "jepan": "JP",
    # cities and states people answer with instead of the country
    "taipei": "TW", "taichung": "TW", "kaohsiung": "TW", "taoyuan": "TW", "tainan": "TW",
    "kuala lumpur": "MY", "johor": "MY", "sabah": "MY", "sarawak": "MY", "penang": "MY", "selangor": "MY",
    "riyadh": "SA", "riyad": "SA", "jeddah": "SA", "jedah": "SA", "jiddah": "SA", "dammam": "SA",
    "seoul": "KR", "busan": "KR", "tokyo": "JP", "osaka": "JP", "phnom penh": "KH", "sihanoukville": "KH",
}  # fmt: skip

DESTINATIONS = frozenset(
    {"TW", "HK", "MY", "SG", "SA", "KR", "JP", "BN", "AE", "TR", "PL", "IT", "KH", "MM", "QA", "KW",
     "OM", "BH", "JO", "CN", "MO", "US", "GB", "DE", "NL", "AU", "NZ", "TH", "PH", "ES", "FR"}
)  # fmt: skip
"""Where workers are placed (BP2MI placement statistics) and the scam-compound countries: typo targets."""

FUZZY_MIN_LENGTH = 6
"""Shortest answer (or word) tolerated with a typo: "taiwam" yes, "turky" no (add such forms to ALIASES)."""

HOME = "ID"
"""Indonesia is where workers come from: an answer naming it and another country means the other country."""

_SCAN_WORDS = 64
"""A country answer is short: only this many leading words are searched."""


def _key(text: str) -> str:
    """Fold, drop apostrophes ("m'sia" -> "msia"), turn other punctuation into spaces."""
    text = fold(text).replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for language in LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
                continue
            # "Myanmar (Burma)" is also "myanmar" and "burma"
            for variant in (name, re.sub(r"\(.*?\)", "", name), *re.findall(r"\((.*?)\)", name)):
                if key := _key(variant):
                    names.setdefault(key, code)
    names.update({_key(alias): code for alias, code in ALIASES.items()})
    return names


@cache
def _fuzzy_choices() -> dict[str, str]:
    names = _names().items()
    return {name: code for name, code in names if code in DESTINATIONS and len(name) >= FUZZY_MIN_LENGTH}


@cache
def _longest_name() -> int:
    return max(len(name.split()) for name in _names())


def _scan(words: list[str]) -> str | None:
    """Known names inside the answer; the first destination (non-Indonesia) name wins."""
    names = _names()
    found: list[str] = []
    for size in range(min(_longest_name(), len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            code = names.get(" ".join(words[start : start + size]))
            if code is not None and code not in found:
                found.append(code)
    return next((code for code in found if code != HOME), found[0] if found else None)


def _fuzzy(candidate: str) -> str | None:
    if len(candidate) < FUZZY_MIN_LENGTH:
        return None
    choices = _fuzzy_choices()
    allowed = 1 if len(candidate) < 9 else 2
    best = process.extract(candidate, choices.keys(), scorer=OSA.distance, score_cutoff=allowed, limit=5)
    if not best:
        return None
    closest = best[0][1]
    codes = {choices[name] for name, distance, _ in best if distance == closest}
    return codes.pop() if len(codes) == 1 else None  # equally close to two countries: ask again


def parse_country(text: str, *, ordinary: Callable[[str], bool] | None = None) -> str | None:
    """ISO 3166-1 alpha-2 code of the country named in ``text``, or None. With ``ordinary`` (a test for words
    of everyday language), a word it knows is never read as a misspelt country: in a whole message "pegang" is
    "hold", not Penang."""
    key = _key(text)
    if not key:
        return None
    if (code := _names().get(key)) is not None:
        return code
    words = key.split()[:_SCAN_WORDS]
    if (code := _scan(words)) is not None:
        return code
    for k, candidate in enumerate((" ".join(words), *words)):
        if len(candidate) < FUZZY_MIN_LENGTH:
            continue
        if ordinary is not None and k > 0 and ordinary(candidate):
            continue
        if (code := _fuzzy(candidate)) is not None:
            return code
    return None


def country_name(code: str, language: str) -> str:
    """Babel's name of the territory ``code`` in ``language`` ("id" or "en"); KeyError for an unknown code."""
    return Locale.parse(language).territories[code.upper()]
