"""Which question of a report form an answer belongs to, when it is not the one asked.

People tell a report in their own order: asked their name, they give the agency ("PT Cahaya Sentosa"); asked
whether they are safe, they go on with the story; asked the problem type, they correct the departure date ("eh
salah, berangkatnya maret 2022"). Such an answer is not refused and not stored under the wrong question: it is
filed where it belongs (the story is added to the chronology), the person is told what was noted, and the
question asked is asked again (:func:`bot.forms.handle`).

Two strengths of sign. A plain one (an agency's "PT", an employer's "Mr", a date told as the departure, a
country given for a name) moves the answer whatever was asked. A bare one (a date alone, a city alone, "aman
sih", a capitalised name, a long story) only moves an answer the question asked could not take.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from bot.forms import Field, Form, Placed
from bot.i18n import N_
from handlers.fields import stored_date
from nlu.choices import Option, exact_choice, read_choice
from nlu.entities import is_ordinary
from nlu.names import bare_name
from nlu.parsing import parse_country, parse_date
from nlu.parsing.cities import find_city
from nlu.parsing.organisations import find_agency, find_employer
from nlu.text import fold, words

_DEPARTED = re.compile(r"\b(?:berangkat\w*|brangkat\w*|brgkt|budh?al|mangkat|departed|berlepas|bertolak)\b")
_CORRECTION = re.compile(r"\b(?:salah|slh|ralat|keliru|maksudnya|koreksi)\b")
_WISH = re.compile(r"\b(?:mau|mo|pengen|pingin|pengin|ingin|minta|harap|harapannya|nak|want|semoga|moga)\b")

NOTED_NOT_DEPARTED = N_("Baik, sudah kami catat bahwa belum berangkat.")
DATE_FIELDS = ("departure_date", "last_contact")
NAME_FIELDS = ("name", "worker_name", "reporter_name")
STORY_FIELD = "description"
STORY_WORDS = 7
"""From this many words an answer the question asked could not take is more of the story."""
BARE_WORDS = 4
"""A bare answer (a date, a place, "aman sih") is at most this many words."""


def place(
    form: Form, asked: Field, text: str, values: dict[str, Any], today: date, *, refused: bool
) -> Placed | None:
    """The other questions of ``form`` that ``text`` answers (it was typed when ``asked`` was asked), or None
    when it is to be read as the answer to ``asked``. ``refused``: ``asked`` could not take it."""
    folded = fold(text).strip(" .!?")
    if asked.name == STORY_FIELD and len(words(folded)) > BARE_WORDS:
        return None  # the story takes everything said in it, but a bare "aman sih"
    correction = _CORRECTION.search(folded) is not None
    names = {field.name for field in form.fields if field.applies(values)}

    def open_(name: str) -> bool:
        """A question of the form other than the one asked, unanswered or skipped (or being corrected)."""
        return name in names and name != asked.name and (values.get(name) is None or correction)

    nones = {field.none for field in form.fields if field.none is not None}  # the kin share one predicate
    if asked.none is None and any(none(text) for none in nones):
        return Placed({}, note=NOTED_NOT_DEPARTED)  # said again where another question was asked
    if asked.name == STORY_FIELD:
        found = _other_choice(form, text, folded, values, open_, exact=True)  # "tidak ada kabar" is a story
    else:
        found = _plain(text, folded, asked, open_, today)
        if not found and refused:
            found = _bare(form, text, folded, asked, values, open_, today)
    return Placed(found, correction) if found else None


def _plain(text: str, folded: str, asked: Field, open_: Callable[[str], bool], today: date) -> dict[str, Any]:
    found: dict[str, Any] = {}
    departed = open_("departure_date") and asked.name not in DATE_FIELDS and _DEPARTED.search(folded)
    if departed and (parsed := parse_date(text, today)) is not None:
        found["departure_date"] = stored_date(parsed)
    if (
        open_("agency")
        and asked.name not in ("agency", "employer")
        and (agency := find_agency(text, is_ordinary))
    ):
        found["agency"] = agency
    if open_("employer") and asked.name != "employer" and (employer := find_employer(text, is_ordinary)):
        found["employer"] = employer
    if asked.name in NAME_FIELDS and open_("country") and (country := _only_a_country(text)) is not None:
        found["country"] = country
    return found


def _bare(
    form: Form,
    text: str,
    folded: str,
    asked: Field,
    values: dict[str, Any],
    open_: Callable[[str], bool],
    today: date,
) -> dict[str, Any]:
    count = len(words(folded))
    if count >= STORY_WORDS:
        if asked.name != STORY_FIELD and STORY_FIELD in {f.name for f in form.fields}:
            story = values.get(STORY_FIELD)
            return {STORY_FIELD: f"{story}\n{text.strip()}" if story else text.strip()}
        return {}
    if count > BARE_WORDS:
        return {}
    if open_("departure_date") and asked.name not in DATE_FIELDS and (parsed := parse_date(text, today)):
        return {"departure_date": stored_date(parsed)}
    city = find_city(text)
    if city is not None and open_("city") and fold(city.name) in folded:
        return {"city": city.name, **({"country": city.country} if open_("country") else {})}
    if open_("country") and (country := _only_a_country(text)) is not None:
        return {"country": country}
    if chosen := _other_choice(form, text, folded, values, open_):
        return chosen
    name = next((n for n in NAME_FIELDS if open_(n)), None)
    if name and (typed := bare_name(text)) is not None:
        return {name: typed}
    return {}


def _other_choice(
    form: Form,
    text: str,
    folded: str,
    values: dict[str, Any],
    open_: Callable[[str], bool],
    *,
    exact: bool = False,
) -> dict[str, Any]:
    """The open choice question a short answer names surely ("aman sih": safe now), or word for word with
    ``exact``; a wish only with its verb."""
    for field in form.fields:
        if field.choices and field.derive is None and open_(field.name) and field.applies(values):
            options = [Option(c.value, (c.label, *c.synonyms)) for c in field.choices]
            value = exact_choice(text, options) if exact else read_choice(text, options).value
            if value is None and exact and field.name == "desired_outcome" and _WISH.search(folded):
                value = read_choice(text, options).value  # "mau pindah tempat kerja": a wish, not a story
            if value is not None and (field.name != "desired_outcome" or _WISH.search(folded)):
                return {field.name: value}
    return {}


def _only_a_country(text: str) -> str | None:
    """The country ``text`` names when it names nothing else ("malaysia", "di arab saudi"), not Indonesia."""
    country = parse_country(text)
    if country is None or country == "ID" or len(words(fold(text))) > 3:
        return None
    return country
