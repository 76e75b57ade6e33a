"""Danger in the answer to a form question: stronger evidence before the form is interrupted.

Someone filling a report form is already reporting: the ticket will reach an officer, and the complaint form
asks "Apakah Anda aman sekarang?" and makes the ticket urgent on "Tidak aman". What the form must not do is
turn a routine report into the danger flow because its chronology tells of a past problem ("dr bulan agustus
gaji ga dikasih, tiap sy tanya malah dimarahin"), a document held that the form is recording ("paspor
dipegang majikan dr awal"), or because a short answer (a city, an agency, "aman sih") looks to the model like
the short cries of its corpus. Present danger still interrupts every form at once: a cry or suicidal words
caught by a rule, danger told with "now", fear or coercion ("skrg dikunci", "tadi dipukul", "sy takut",
"diancam"), any other danger rule unless told as past or over, and in the told story (:data:`STORY_FIELDS`) a
model score of :data:`STORY_THRESHOLD`.

The first-message decision (:func:`nlu.danger.read_danger`) runs first; this only withholds some of its
alarms, so a form answer never raises an alarm a first message would not.
"""

from __future__ import annotations

from nlu.danger_modality import ASKING_ONLY, COERCION, FEAR, NOW, RESOLVED, told_in_past
from nlu.text import fold

STORY_FIELDS = frozenset({"description"})
"""Fields whose answer is the person's own story (the chronology). Every other field is a short answer: a
name, a place, a date, an agency, a choice."""

ALWAYS_KINDS = frozenset({"suicide", "sos"})
"""A rule of these kinds interrupts any form: suicidal words and cries for help ("tolong sy", "sos"); so does
the model's suicide at :data:`STORY_THRESHOLD`."""

RECORDED_KINDS = frozenset({"document_retention", "scam_country"})
"""Kinds the form itself records (documents held, a job offer or a placement in a scam-compound country): told
in a form without "now", fear or coercion (threats, force, guards, no way out), they are the report, and the
complaint form's safety question follows. A death is not one of them: the family form, where deaths are told,
asks no safety question."""

STORY_THRESHOLD = 0.35
"""The model's probability a danger told in the story needs when no rule fired and no word says it is now (the
first-message threshold is 0.22). Chosen on the validation folds of the corpus, every message read as the
answer to "description" with the out-of-fold score of a model that never saw it: from the first-message
threshold to 0.5, recall went 0.92 -> 0.89 and false alarms 0.11 -> 0.06; 0.35 keeps acute dangers told
without a time word ("he show me knife", "bleeding since morning") at 0.07 false alarms."""


def interrupts_form(text: str, field: str, kind: str, rule: str | None, score: float | None) -> bool:
    """Whether a danger the first-message reader found (``kind``, ``rule``, ``score``) in ``text``, typed as the
    answer to the form question ``field``, is strong enough evidence to leave the form for the danger flow."""
    if kind in ALWAYS_KINDS and rule is not None:
        return True
    if kind == "suicide" and score is not None and score >= STORY_THRESHOLD:
        return True  # a farewell no rule reads ("sy pamit, titip anak2"), which the model is sure of
    folded = fold(text)
    if RESOLVED.search(folded) or ASKING_ONLY.search(folded):
        return False
    if NOW.search(folded) or FEAR.search(folded) or COERCION.search(folded):
        return True  # "skrg dikunci", "sy takut", "diancam", "dijaga preman", "gk bisa kemana2"
    if kind in RECORDED_KINDS:
        return False
    sure = score is not None and score >= STORY_THRESHOLD
    if told_in_past(folded):
        return rule is not None and sure  # a chronology: the danger's own words, and a model sure of them
    if rule is not None:
        return True  # the danger's own words, neither past nor over: "sy dikunci majikan"
    return field in STORY_FIELDS and sure
