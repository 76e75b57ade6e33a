"""What a message says, read once for the conversation flows: its kind and the form fields it already answers.

:func:`read` is the one place the router and the flows learn what a message means ("a question?", "a report
about myself or about my child?", "which problem, which country, which employer?", "a status check with its
reference and PIN?", "an officer, please"). It asks the shared message reader
(:func:`nlu.understanding.understand`) for the intent and the entities, and the FAQ matcher for questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from bot import tickets
from bot.clock import utcnow
from faq.service import get_faq_service
from handlers.fields import stored_date
from handlers.start import MENU_FAMILY, MENU_OFFICER, MENU_REPORT, MENU_STATUS, menu_word
from nlu.entities import HOME, is_ordinary
from nlu.intents import small_talk, wants_to_report
from nlu.names import own_name, relative_name
from nlu.parsing import parse_date
from nlu.reporter import family_relationship
from nlu.text import fold
from nlu.understanding import Understanding, understand

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
STORY_WORDS = 25
"""From this many words a first message tells what happened; a shorter one names the problem, and the form still
asks for the story (the first message stays on the ticket's thread)."""
_DEPARTED = re.compile(
    r"\b(?:berangkat\w*|brangkat\w*|brgkt|bekerja\s+sejak|kerja\s+sejak|budh?al|departed|left)\b"
)
"""A date told as the departure ("berangkat juni 2023"), not as when the problem began."""
_NOT_THE_WORKER = re.compile(
    rf"\b(?:bukan|bkn|bukn)\s+{_ME}\s+(?:yang|yg)\s+(?:kerja|bekerja|jadi\s+(?:pmi|tki|tkw)|di\s*luar\s+negeri)"
)


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
    #: the message asks for a report in so many words ("mau lapor"): no need to offer one
    wish: bool = False


def read(text: str, session: Session | None = None, understanding: Understanding | None = None) -> Reading:
    """Read ``text`` (as typed) into a :class:`Reading`; ``session``: the turn's transaction, for the FAQ;
    ``understanding``: the turn's reading of ``text`` when the caller has it (:attr:`bot.turn.Turn.
    understanding`, whose danger verdict is read once per turn), else it is read here."""
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
    understanding = understanding or understand(text)
    entities = understanding.entities
    if "reference" in entities:  # a report's reference, whatever else the message says
        return Reading(
            STATUS, reference=tickets.normalise_ref(entities["reference"]), pin=entities.get("pin")
        )
    if understanding.intent == "status_check":
        return Reading(MENU, menu=MENU_STATUS)
    if understanding.intent == "talk_to_officer":
        return Reading(MENU, menu=MENU_OFFICER)
    if understanding.intent in ("report_self", "report_family", "danger"):
        return _report(text, folded, understanding)
    return _question(text, session)


def _report(text: str, folded: str, understanding: Understanding) -> Reading:
    """A report: the problem it names (a bare "lapor" names none), whose it is, and what it already tells.
    The writer saying who they are ("sy ibunya", "bukan saya yang kerja") makes it a family report."""
    entities = understanding.entities
    relationship = _writer_role(folded) or entities.get("relationship")
    not_the_worker = _NOT_THE_WORKER.search(folded) is not None
    family = relationship is not None or not_the_worker or understanding.intent == "report_family"
    fields = _told(text, understanding, relationship, family=family)
    wish = wants_to_report(text)
    if family:
        return Reading(FAMILY_REPORT, fields, wish=wish)
    return Reading(SELF_REPORT if "category" in fields else REPORT, fields, wish=wish)


def _told(
    text: str, understanding: Understanding, relationship: str | None, *, family: bool
) -> dict[str, Any]:
    """The report-form fields ``text`` already answers (its entities, read by :func:`nlu.understanding.
    understand`): the problem and its story, where (a city abroad, not a home town), the employer, the
    agency, the departure date, whose problem it is (``relationship``), and the writer's or the worker's
    name."""
    entities = understanding.entities
    fields: dict[str, Any] = {}
    category = entities.get("category")
    if category not in (None, "other"):
        fields["category"] = category
    if len(text.split()) >= STORY_WORDS:  # a message that tells the story, not only names the problem
        fields["description"] = text.strip()[:3000]
    country = entities.get("country")
    if country is not None and country != HOME:
        fields["country"] = country
        if "city" in entities:
            fields["city"] = entities["city"]
    for kind in ("employer", "agency"):
        if kind in entities:
            fields[kind] = entities[kind]
    departed = _DEPARTED.search(text.lower())
    if departed is not None and (when := parse_date(text[departed.start() :][:40], utcnow().date())):
        fields["departure_date"] = stored_date(when)
    if relationship is not None:
        fields["relationship"] = relationship
    if not family and (name := own_name(text, is_ordinary)) is not None:
        fields["name"] = name
    if family and (name := relative_name(text, is_ordinary)) is not None:
        fields["worker_name"] = name
    return fields


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
