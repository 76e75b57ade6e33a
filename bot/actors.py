"""Who did something, as message authors, ticket events and knowledge-base revisions store it: ``officer:4``
(an officer by id), ``contact:7`` (the person writing to us), or a named actor (``bot``, ``scheduler``,
``system``). Built and read here only, so the string has one spelling."""

from __future__ import annotations

OFFICER = "officer"
CONTACT = "contact"


def officer(officer_id: int | None) -> str:
    return f"{OFFICER}:{officer_id}"


def contact(contact_id: int | None) -> str:
    return f"{CONTACT}:{contact_id}"


def is_officer(actor: str) -> bool:
    return actor.startswith(f"{OFFICER}:")


def is_contact(actor: str) -> bool:
    """The person: ``contact:7``, or plain ``contact`` as inbound messages are authored."""
    return actor == CONTACT or actor.startswith(f"{CONTACT}:")
