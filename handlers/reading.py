"""What a message says, read once for the conversation flows: its kind and the form fields it already answers.

:func:`read` is the one place the router and the flows learn what a message means ("a question?", "a report
about myself or about my child?", "which problem, which country?", "a status check with its reference and
PIN?"). It combines the readers that exist today (menu words, :mod:`nlu.category`, :mod:`nlu.reporter`,
:func:`nlu.parsing.parse_country`, the FAQ matcher); the shared message reader replaces them here, and
nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlmodel import Session

from bot import tickets
from faq.service import get_faq_service
from handlers.start import MENU_FAMILY, MENU_REPORT, menu_word
from nlu.category import detect_category
from nlu.intents import small_talk
from nlu.parsing import parse_country
from nlu.reporter import family_relationship
from nlu.text import fold

if TYPE_CHECKING:  # the matcher (numpy, scipy) loads when the first question is matched
    from faq.matcher import MatchResult

QUESTION = "question"  # something the FAQ can answer
REPORT = "report"  # wants to report, but not yet said about whom
SELF_REPORT = "self_report"  # a problem of the writer's own
FAMILY_REPORT = "family_report"  # a problem of a family member (the worker is someone else)
STATUS = "status"  # asks about a report by its reference
MENU = "menu"  # a menu entry typed by name ("status", "petugas", "bahasa")
OTHER = "other"  # nothing of the above: a greeting, noise, an unknown question

_ME = r"(?:saya|sy|aku|ak|aq|gue|gw|kulo|abdi)"
_WRITER_ROLE = {
    "parent": r"ibu|ibuk|bapak|bapa|ayah|mama|mamah|emak|mak|ortu|orang\s*tua|mother|father",
    "spouse": r"suami|istri|isteri|bojo|husband|wife",
    "child": r"anak|putri|putra",
    "sibling": r"kakak|kaka|adik|adek|abang|mbak|mba|sister|brother",
}
"""The writer naming their own role ("sy ibunya" = I am her mother): the relationship is that word."""
_ROLE_PATTERNS = tuple(
    (relationship, re.compile(rf"\b{_ME}\s+(?:ini\s+|adalah\s+)?(?:{words})(?:nya\b|\s+(?:dari|dia)\b)"))
    for relationship, words in _WRITER_ROLE.items()
)
_NOT_THE_WORKER = re.compile(
    rf"\b(?:bukan|bkn|bukn)\s+{_ME}\s+(?:yang|yg)\s+(?:kerja|bekerja|jadi\s+(?:pmi|tki|tkw)|di\s*luar\s+negeri)"
)
_REFERENCE = re.compile(r"\bpmi[\s-]*([a-z0-9]{6})\b")
_PIN = re.compile(r"\b(\d{6})\b")  # with or without "pin" before it


@dataclass(frozen=True)
class Reading:
    """What is known from one message."""

    kind: str
    #: values of intake-form fields the message already gives: category, country, relationship, description
    fields: dict[str, str] = field(default_factory=dict)
    #: the menu entry named (kind MENU)
    menu: str | None = None
    #: a report's reference and PIN (kind STATUS)
    reference: str | None = None
    pin: str | None = None
    #: the FAQ matcher's verdict, when the message was read as a question
    faq: MatchResult | None = None


def read(text: str, session: Session | None = None) -> Reading:
    """Read ``text`` (as typed) into a :class:`Reading`; ``session``: the turn's transaction, for the FAQ."""
    folded = fold(text).strip(" .!?")
    if not folded:
        return Reading(OTHER)
    typed_menu = menu_word(folded)
    if typed_menu == MENU_REPORT:
        return Reading(REPORT)
    if typed_menu == MENU_FAMILY:
        return Reading(FAMILY_REPORT)
    if typed_menu is not None:
        return Reading(MENU, menu=typed_menu)
    raw = text.lower()  # folding would read a reference's digits as letters ("PMI-AGD5PZ")
    reference = _reference(raw)
    if reference is not None:
        pin = _PIN.search(_REFERENCE.sub(" ", raw))
        return Reading(STATUS, reference=reference, pin=pin.group(1) if pin else None)
    return _report(text, folded) or _question(text, session)


def _reference(lowered: str) -> str | None:
    match = _REFERENCE.search(lowered)
    if match is None or not tickets.looks_like_ref(match.group(1)):
        return None
    return tickets.normalise_ref(match.group(1))


def _report(text: str, folded: str) -> Reading | None:
    """A report: the problem it names (a bare "lapor" names none), whose it is, and where. Naming a relative
    ("anak saya mau kerja ke Taiwan, berapa biayanya?") is not a report by itself; the writer saying who they
    are ("sy ibunya", "bukan saya yang kerja") is."""
    category = detect_category(text)
    role = _writer_role(folded)
    not_the_worker = _NOT_THE_WORKER.search(folded) is not None
    if category is None and role is None and not not_the_worker:
        return None
    relationship = role or family_relationship(text)
    fields: dict[str, str] = {}
    if category not in (None, "other"):
        fields["category"] = category
        fields["description"] = text.strip()[:3000]
    if (country := parse_country(text)) is not None and country != "ID":
        fields["country"] = country
    if relationship is not None:
        fields["relationship"] = relationship
    if relationship is not None or not_the_worker:
        return Reading(FAMILY_REPORT, fields)
    return Reading(SELF_REPORT if "category" in fields else REPORT, fields)


def _writer_role(folded: str) -> str | None:
    found = [(m.start(), relationship) for relationship, p in _ROLE_PATTERNS if (m := p.search(folded))]
    return min(found)[1] if found else None


def _question(text: str, session: Session | None) -> Reading:
    """A question, or nothing we know; a relative it names is kept ("anak saya" answering "whose problem?")."""
    if small_talk(text):  # "halo", "makasih kak": no question to look up
        return Reading(OTHER)
    result = get_faq_service().match(text, session)
    relationship = family_relationship(text)
    fields = {"relationship": relationship} if relationship else {}
    return Reading(QUESTION if result.outcome != "unknown" else OTHER, fields, faq=result)
