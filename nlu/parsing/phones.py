"""Phone numbers as typed ("0812-3456-7890", "+886 912 345 678", "wa saya 0812 3456 7890") to E.164."""

from __future__ import annotations

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

_MAX_TRIES = 20
"""Candidates the matcher examines before giving up: keeps a 5,000-character message fast."""


def parse_phone(text: str, default_region: str = "ID") -> str | None:
    """The first valid phone number in ``text`` as E.164, or None.

    Numbers without a country code are read as ``default_region`` numbers. The matcher is used rather than
    ``phonenumbers.parse`` because ``parse`` turns letters into keypad digits ("1-800-FLOWERS"), so a passport
    number such as "A1234567" would come back as a number.
    """
    matcher = PhoneNumberMatcher(text, default_region.upper(), leniency=Leniency.VALID, max_tries=_MAX_TRIES)
    for match in matcher:
        return phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
    return None
