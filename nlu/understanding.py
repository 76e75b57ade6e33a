"""Reading one inbound message into what it is for and what it states: ``understand(text)``.

The one place the bot reads a message: the router decides on :attr:`Understanding.intent`, the forms
pre-fill from :attr:`Understanding.entities` (so nothing already said is asked again). It builds on the
language package's readers: danger (:mod:`nlu.danger`), complaint category (:mod:`nlu.category`), who writes
about whom (:mod:`nlu.reporter`), the entity parsers (:mod:`nlu.entities`, :mod:`nlu.parsing`) and the
intent rules (:mod:`nlu.intents`). Pure: no clock, no database, no I/O after the first call.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Literal

from nlu.category import CATEGORY_RULES, read_categories
from nlu.danger import Danger, read_danger
from nlu.entities import ENTITY_KINDS, read_entities
from nlu.intents import INTENTS, read_intent
from nlu.kinds import CATEGORY_OF_DANGER
from nlu.reporter import family_relationship
from nlu.text import fold

__all__ = ["ENTITY_KINDS", "INTENTS", "Understanding", "understand"]

REPORTS = frozenset({"report_self", "report_family", "danger"})
"""The intents a complaint category belongs to: a question about BPJS is not a social-security case."""

_OTHER_PROBLEMS = tuple(pattern for category, pattern in CATEGORY_RULES[:-1] if category == "other")
"""The "other" problems (deportation, detention, an expired permit); the category rules' last resort, "lapor"
alone, names no problem and gives no category here."""

_SOCIAL_SECURITY = dict(CATEGORY_RULES)["social_security"]

_HARMS = frozenset({"violence", "sexual_violence", "trafficking"})
_EMPLOYER_DIED = re.compile(
    r"\b(?:majikan|bos|boss|employer|tuan|madam|ahma|akong)\w*\s+(?:\S+\s+){0,3}?(?:meninggal|wafat|died)\b"
)
_AT_HOME = re.compile(
    r"\b(?:ibu|bapak|ayah|mama|emak|mak|ortu|orang\s+tua|anak|suami|istri|bojo|adik|adek|kakak|keluarga)\w*"
    r"(?:\s+(?:saya|sy|aku|ak|ku))?\s+(?:yang\s+|yg\s+)?di\s*(?:kampung|rumah(?!\s+sakit)|indonesia|indo|desa)\b"
)
"""A relative at home is not the worker: "tolong sy mau pulang, ibu sy di kampung sakit" is the writer's own case."""
_SCAM_WORK = re.compile(
    r"\b(?:kamboja|cambodia|kemboja|myanmar|laos|scam\w*|nipu\s+online|menipu\s+online|judi\s+online"
    r"|penipuan\s+online)\b"
)
_SCAM_PLACE = re.compile(r"\b(?:kamboja|cambodia|kemboja|myanmar|burma|laos)\b")
"""A scam-compound country named: what happened there is the complaint's, not trafficking by the place alone."""
_NO_CATEGORY_DANGERS = frozenset({"suicide", "confinement", "sos", "runaway"})
"""Danger kinds no category fits without guessing (self-harm, being locked in, a bare cry for help)."""


class _Unread(Enum):
    UNREAD = "unread"


@dataclass(frozen=True)
class Understanding:
    """What one message is for and what it states."""

    intent: str
    """One of :data:`nlu.intents.INTENTS`."""
    entities: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Entity kind (:data:`nlu.entities.ENTITY_KINDS`) -> normalised value, only what the message states."""
    danger: Danger | None = None
    """The danger reader's verdict the intent was decided with (also when the harm is over)."""


def _category(
    text: str, intent: str, danger: Danger | None, category: str | None, complaint: str | None
) -> str | None:
    """The category a report or danger message names, given :func:`detect_category`'s reading ``category``
    and the complaint rules' alone, ``complaint``."""
    if intent not in REPORTS:
        return None
    if danger is not None and intent == "danger":
        if danger.kind == "sos":  # "tolongin aku mba, majikan mau nyekik": the harm the cry names
            return complaint if complaint in _HARMS else None
        if danger.rule is None and complaint in _HARMS:
            return complaint  # the words name the harm; the model's kind is a guess
        if danger.kind == "confinement" and _SCAM_WORK.search(fold(text)):
            return "trafficking"  # held in a scam compound
        if danger.kind in _NO_CATEGORY_DANGERS:
            return None
        return CATEGORY_OF_DANGER.get(danger.kind) or category
    scam_place = (danger is not None and danger.kind == "scam_country") or _SCAM_PLACE.search(fold(text))
    employer_died = danger is not None and danger.kind == "death" and _EMPLOYER_DIED.search(fold(text))
    if complaint is not None and (scam_place or employer_died):
        return complaint  # cheated over a job in Cambodia; the employer died and the wages are owed
    if category == "other" and not any(p.search(fold(text)) for p in _OTHER_PROBLEMS):
        return None
    if category in ("death", "illness") and _SOCIAL_SECURITY.search(fold(text)):
        return "social_security"  # the claim is the case: "meninggal minggu lalu, asuransinya ga cair"
    return category


def understand(text: str, danger: Danger | Literal[_Unread.UNREAD] | None = _Unread.UNREAD) -> Understanding:
    """Read ``text``. Pass ``danger`` when the danger reader already ran on it (:attr:`bot.turn.Turn.danger`)
    so it does not run twice."""
    if danger is _Unread.UNREAD:
        danger = read_danger(text)
    entities = read_entities(text)
    category, complaint = read_categories(text)
    relationship = family_relationship(text, friends=True)
    if relationship is not None and _AT_HOME.search(fold(text)):
        relationship = None
    intent = read_intent(text, entities, danger, category, relationship, complaint)
    category = _category(text, intent, danger, category, complaint)
    if category is not None:
        entities["category"] = category
    if relationship is not None and intent in ("report_family", "danger"):
        entities["relationship"] = relationship
    ordered = {kind: entities[kind] for kind in ENTITY_KINDS if kind in entities}
    return Understanding(intent, MappingProxyType(ordered), danger)
