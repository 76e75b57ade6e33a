"""The facts a message states, each as one normalised value: where (country, city), who (employer, agency),
when (an absolute date), how much (an amount), and the numbers (reference, PIN, passport, NIK, phone).

Numbers are read first and blanked out of the text, longest-lived first, so that a NIK is not also a phone
number, a reference's digits not a PIN and an amount not a date. Category and relationship depend on what
the message is (a report or a question) and are read in :mod:`nlu.understanding`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import yaml

from nlu.normalize import LEXICON_PATH, Normalizer, load_lexicon
from nlu.parsing import find_niks, find_passports, parse_country, parse_date, parse_phone
from nlu.parsing.amounts import find_amount
from nlu.parsing.cities import find_city
from nlu.parsing.organisations import find_agency, find_employer
from nlu.parsing.references import find_pin, find_reference
from nlu.text import blank, fold

ENTITY_KINDS = (
    "country", "city", "category", "relationship", "employer", "agency", "date", "amount", "reference",
    "pin", "passport", "nik", "phone",
)  # fmt: skip

HOME = "ID"
_TODAYS = (date(2026, 12, 1), date(2031, 7, 15))
"""Two far-apart "todays": a date read the same against both is absolute ("maret 2022"), one that moves is
relative ("2 bulan lalu", "kemarin") and is not marked."""

_NOT_A_COUNTRY = re.compile(r"\b(?:bahasa|bhs|b\.)\s+(?:inggris|arab|jepang|korea|mandarin|melayu)\b")
"""The language, not the country: "les bahasa inggris"."""
_PHONE_DIGITS = 8


@cache
def _normalizer() -> Normalizer:
    return Normalizer(load_lexicon())


@cache
def _ordinary() -> frozenset[str]:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8")).get("ordinary") or ()
    return frozenset(fold(str(word)) for word in data)


def is_ordinary(word: str) -> bool:
    """A word of ordinary chat language (the shared vocabulary knows it): it ends a name typed in lower case."""
    folded = fold(word)
    return folded.isdigit() or folded in _ordinary() or _normalizer().is_known(folded)


def _absolute_date(text: str) -> str | None:
    first, second = (parse_date(text, today, allow_future=True) for today in _TODAYS)
    if first is None or first != second or first.precision == "year":
        return None
    return first.value.isoformat() if first.precision == "day" else first.value.strftime("%Y-%m")


def _country(text: str) -> str | None:
    code = parse_country(_NOT_A_COUNTRY.sub(" ", fold(text)), ordinary=is_ordinary)
    return None if code == HOME else code


def read_entities(text: str) -> dict[str, str]:
    """Every entity kind the message states except category and relationship, normalised (see ENTITY_KINDS)."""
    found: dict[str, str] = {}
    rest = text
    if reference := find_reference(rest):
        found["reference"] = reference[2]
        rest = blank(rest, reference[0], reference[1])
    for start, end, nik in find_niks(rest):
        found.setdefault("nik", nik)
        rest = blank(rest, start, end)
    for start, end, passport in find_passports(rest):
        found.setdefault("passport", passport)
        rest = blank(rest, start, end)
    country = _country(rest)
    city = find_city(rest)
    if city is not None:
        found["city"] = city.name
        country = country or city.country
    if country is not None:
        found["country"] = country
    if amount := find_amount(rest, country):
        found["amount"] = amount[2]
        rest = blank(rest, amount[0], amount[1])
    if pin := find_pin(rest, with_reference="reference" in found):
        found["pin"] = pin[2]
        rest = blank(rest, pin[0], pin[1])
    if sum(ch.isdigit() for ch in rest) >= _PHONE_DIGITS:
        phone = parse_phone(rest) or (parse_phone(rest, country) if country else None)
        if phone is not None:
            found["phone"] = phone
    if when := _absolute_date(rest):
        found["date"] = when
    if employer := find_employer(rest, is_ordinary):
        found["employer"] = employer
    if agency := find_agency(rest, is_ordinary):
        found["agency"] = agency
    return found
