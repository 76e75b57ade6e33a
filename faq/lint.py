"""Checks on the FAQ knowledge base that YAML structure alone cannot express, for ``helpdesk faq check``.

Every problem is one human-readable line, ``<file>: <topic>: <problem>``; lines starting with ``warning:``
after the topic are worth a look but do not make the content wrong (an old review date).
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.config import fill_placeholders, get_config
from faq.kb import LANGUAGES, Topic, read_topics
from nlu.text import fold, words

LANGUAGE_NAMES = {"id": "Indonesian", "en": "English"}
CHANNEL_LIMITS = {"WhatsApp": 1600, "Telegram": 4096}
REVIEW_EVERY = timedelta(days=548)  # about 18 months

# Two phrasings of different topics are near-duplicates when one's words are (almost) all in the other
# (token_set_ratio) or when they differ by a few characters (ratio). Measured on the shipped knowledge
# base: distinct topics score at most 88 on token_set_ratio and 79 on ratio, while a copied phrasing
# with one word added ("what else does ...") scores 100 and 94.
TOKEN_SET_THRESHOLD = 90
RATIO_THRESHOLD = 92

_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class _Phrasing:
    where: str  # "file: topic"
    topic: str
    language: str
    text: str
    key: str  # folded words, what the comparisons see


def lint_knowledge_base(
    path: Path, *, contacts: Mapping[str, str] | None = None, today: date | None = None
) -> list[str]:
    """Every problem found in the knowledge base under ``path``.

    ``contacts`` are the placeholder values (default: the help desk configuration), ``today`` the date
    review dates are judged against (default: the current date).
    """
    path = Path(path)
    contacts = get_config().contacts if contacts is None else contacts
    today = today or date.today()
    located, errors = read_topics(path)
    problems = [f"{_relative(error.file, path)}: {error.message}" for error in errors]
    phrasings: list[_Phrasing] = []
    for file, topic in located:
        where = f"{_relative(file, path)}: {topic.id}"
        problems += [f"{where}: {problem}" for problem in _topic_problems(topic, contacts, today)]
        phrasings += _phrasings(where, topic)
    problems += _repeated_phrasings(phrasings)
    problems += _near_duplicates(phrasings)
    return problems


def _relative(file: Path, root: Path) -> str:
    return str(file.relative_to(root)) if file.is_relative_to(root) else str(file)


def _topic_problems(topic: Topic, contacts: Mapping[str, str], today: date) -> Iterator[str]:
    for lang in LANGUAGES:
        name = LANGUAGE_NAMES[lang]
        if not topic.question.get(lang):
            yield f"missing {name} question"
        answer = topic.answer.get(lang, "")
        if not answer:
            yield f"missing {name} answer"
            continue
        yield from _placeholder_problems(answer, f"{name} answer", contacts)
        yield from _length_problems(answer, f"{name} answer", contacts)
    if not topic.source:
        yield "missing source"
    if topic.reviewed > today:
        yield f"reviewed date {topic.reviewed} is in the future"
    elif today - topic.reviewed > REVIEW_EVERY:
        yield f"warning: last reviewed {topic.reviewed}, over 18 months ago: check the facts, update the date"


def _placeholder_problems(text: str, what: str, contacts: Mapping[str, str]) -> Iterator[str]:
    try:
        fields = list(_FORMATTER.parse(text))
    except ValueError as exc:
        yield f"{what}: malformed braces ({exc}); placeholders look like {{hotline}}"
        return
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if spec or conversion:
            yield f"{what}: malformed placeholder {{{name}...}}; write just {{name}}"
        elif name not in contacts:
            known = ", ".join(f"{{{key}}}" for key in sorted(contacts))
            yield f"{what}: unknown placeholder {{{name}}} (known: {known})"


def _length_problems(text: str, what: str, contacts: Mapping[str, str]) -> Iterator[str]:
    length = len(fill_placeholders(text, contacts))
    over = [f"{channel} ({limit})" for channel, limit in CHANNEL_LIMITS.items() if length > limit]
    if over:
        yield f"{what} is {length} characters after filling placeholders, over the limit of {', '.join(over)}"


def _phrasings(where: str, topic: Topic) -> Iterator[_Phrasing]:
    for lang in LANGUAGES:
        for text in (topic.question.get(lang, ""), *topic.variants.get(lang, ())):
            key = " ".join(words(fold(text)))
            if key:
                yield _Phrasing(where, topic.id, lang, text, key)


def _repeated_phrasings(phrasings: list[_Phrasing]) -> Iterator[str]:
    """The same phrasing twice (after folding case, accents and punctuation), in one topic or in two."""
    first: dict[tuple[str, str], _Phrasing] = {}
    for phrasing in phrasings:
        seen = first.setdefault((phrasing.language, phrasing.key), phrasing)
        if seen is phrasing:
            continue
        if seen.topic == phrasing.topic:
            yield f"{phrasing.where}: phrasing {phrasing.text!r} is repeated"
        else:
            yield f"{phrasing.where}: duplicate phrasing {phrasing.text!r}, also in {seen.where}"


def _near_duplicates(phrasings: list[_Phrasing]) -> Iterator[str]:
    """Pairs of phrasings of different topics, in the same language, that the matcher could not tell apart."""
    for lang in LANGUAGES:
        group = [p for p in phrasings if p.language == lang]
        keys = [p.key for p in group]
        token_set = process.cdist(keys, keys, scorer=fuzz.token_set_ratio, score_cutoff=TOKEN_SET_THRESHOLD)
        ratio = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=RATIO_THRESHOLD)
        for i, a in enumerate(group):
            for j in range(i + 1, len(group)):
                b = group[j]
                if a.topic == b.topic or a.key == b.key:  # same topic, or already an exact duplicate
                    continue
                score = max(token_set[i, j], ratio[i, j])
                if score:
                    yield (
                        f"{b.where}: phrasing {b.text!r} is nearly the same as {a.text!r} in {a.where}"
                        f" (similarity {score:.0f}); reword one or merge the topics"
                    )
