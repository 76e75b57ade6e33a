"""Which option of a choice question a typed answer names ("gajiku ga dibayar" is *Gaji tidak dibayar*).

Each option is known by its label and the synonyms listed for it in the ``choices`` section of the shared
vocabulary. Both sides go through :meth:`nlu.normalize.Normalizer.answer_words` (slang rewritten, fillers
dropped, negation kept), then every word of an option's phrase is looked for among the typed words, a typo
counting by its similarity (rapidfuzz). A phrase that differs from the answer in negation never matches: "tidak
aman" is not *Ya, saya aman*. The reading is *sure* when the best option clearly beats every other (or is
named exactly while the others are only near: "mother" is not "other"), a *guess*
(to be confirmed: "Maksudnya ...?") when it matches only partly or two options are close.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from nlu.normalize import default_normalizer, vocabulary_section

SURE = 0.85
"""Score from which a reading is sure, when it also leads the runner-up by ``MARGIN``."""
MARGIN = 0.15
GUESS = 0.5
"""Score from which the best option is offered as a guess."""
CONTAINED = 0.7
"""Score of an answer that holds one of the option's phrases whole, with other words around it."""
WIDE_MARGIN = 0.3
"""How far such an answer must lead the runner-up to be sure ("aman tp sakit" is safe; "majikan" is not sure)."""
SHORT = 4
"""Only a short answer is sure that way: in a sentence, a "ga" is not the answer "tidak"."""
TYPO = 80.0
"""rapidfuzz ratio from which two words of four letters or more count as one word mistyped."""
RECALL_WEIGHT = 0.7
"""An answer names an option when it contains the option's words (recall); extra words (precision) count less:
"gaji saya dibayar penuh ya" still names *Gaji/hak saya dibayar*."""

_NEGATIONS = frozenset({"tidak", "belum", "bukan"})
_FIRST_CLAUSE = re.compile(r"[,.;!?]")


@dataclass(frozen=True)
class Option:
    value: str
    phrases: tuple[str, ...]  # the label(s) and synonyms, as written


@dataclass(frozen=True)
class Reading:
    value: str | None = None  # the option the answer names, when sure
    guess: str | None = None  # the option it probably names, when not sure


def synonyms(group: str, value: str) -> tuple[str, ...]:
    """What people type for option ``value`` of the option set ``group`` (vocabulary ``choices`` section)."""
    return tuple(str(phrase) for phrase in (vocabulary_section("choices").get(group) or {}).get(value, ()))


@lru_cache(maxsize=4096)  # option phrases are read on every answer
def _words(text: str) -> tuple[str, ...]:
    return tuple("tidak" if w in _NEGATIONS else w for w in default_normalizer().answer_words(text))


def _word_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 4:
        return 0.0
    score = ratio(a, b)
    return score / 100 if score >= TYPO else 0.0


def similarity(typed: Sequence[str], phrase: Sequence[str]) -> float:
    """How well the typed words name a phrase, 0..1 (1 = the same words)."""
    if not typed or not phrase:
        return 0.0
    if tuple(typed) == tuple(phrase):
        return 1.0
    if ("tidak" in typed) != ("tidak" in phrase):
        return 0.0
    recall = sum(max(_word_similarity(t, p) for t in typed) for p in phrase) / len(phrase)
    precision = sum(max(_word_similarity(t, p) for p in phrase) for t in typed) / len(typed)
    return RECALL_WEIGHT * recall + (1 - RECALL_WEIGHT) * precision


def _score(typed: tuple[str, ...], phrases: Iterable[str]) -> float:
    return max((similarity(typed, _words(phrase)) for phrase in phrases), default=0.0)


def exact_choice(text: str, options: Sequence[Option]) -> str | None:
    """The one option ``text`` names word for word (fillers aside: "aman sih" is *aman*), else None."""
    typed = _words(text)
    named = {o.value for o in options if typed and any(_words(phrase) == typed for phrase in o.phrases)}
    return named.pop() if len(named) == 1 else None


def read_choice(text: str, options: Sequence[Option]) -> Reading:
    """The option ``text`` names: sure, a guess, or neither (an empty :class:`Reading`). An answer whose first
    clause names an option exactly ("aman, sy di rumah di kebumen") names it, whatever follows."""
    clause = _FIRST_CLAUSE.split(text, maxsplit=1)[0]
    if clause.strip() and clause != text:
        first = read_choice(clause, options)
        if first.value is not None:
            return first
    typed = _words(text)
    if not typed:
        return Reading()
    ranked = sorted(((_score(typed, o.phrases), o.value) for o in options), reverse=True)
    (best, value), runner_up = ranked[0], (ranked[1][0] if len(ranked) > 1 else 0.0)
    if (
        best == 1.0 > runner_up  # exact beats typos
        or (best >= SURE and best - runner_up >= MARGIN)
        or (len(typed) <= SHORT and best >= CONTAINED and best - runner_up >= WIDE_MARGIN)  # "aman di rumah"
    ):
        return Reading(value=value)
    if best >= GUESS:
        return Reading(guess=value)
    return Reading()
