"""The FAQ knowledge base: bilingual topics kept in YAML files that non-programmers edit.

Each file under ``faq/knowledge/`` holds a list of ``topics``; a topic has an id, a question, phrasings
(``variants``) and an answer in Indonesian (``id``) and English (``en``), tags, the source of its facts and
the date it was last reviewed. The matcher indexes :meth:`KnowledgeBase.entries`; ``faq/lint.py`` checks
the content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from faq.entries import Entry

KNOWLEDGE_DIR = Path(__file__).resolve().parent / "knowledge"
LANGUAGES = ("id", "en")
FIELDS = frozenset({"id", "question", "variants", "answer", "tags", "source", "reviewed"})
_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class KnowledgeBaseError(ValueError):
    """Malformed knowledge-base data, with the file it was found in."""

    def __init__(self, file: Path, message: str) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message


@dataclass(frozen=True)
class Topic:
    id: str
    question: dict[str, str]
    variants: dict[str, tuple[str, ...]]
    answer: dict[str, str]
    tags: tuple[str, ...]
    source: str
    reviewed: date


@dataclass(frozen=True)
class KnowledgeBase:
    topics: tuple[Topic, ...]

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id; :class:`KeyError` if there is none."""
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def entries(self) -> list[Entry]:
        """One matcher entry per topic, answering in Indonesian and recognising both languages' phrasings."""
        return [_entry(topic) for topic in self.topics]


def _entry(topic: Topic) -> Entry:
    phrasings = [*topic.variants.get("id", ()), topic.question.get("en", ""), *topic.variants.get("en", ())]
    return Entry(
        id=topic.id,
        question=topic.question["id"],
        variants=tuple(p for p in phrasings if p),
        answer=topic.answer.get("id", ""),
        tags=topic.tags,
    )


def load_knowledge_base(path: Path) -> KnowledgeBase:
    """Read every ``*.yaml`` file under ``path`` (sorted), or the one file ``path``; raise the first problem."""
    located, errors = read_topics(path)
    if errors:
        raise errors[0]
    return KnowledgeBase(tuple(topic for _, topic in located))


def document(topic: Topic) -> dict[str, Any]:
    """A topic as the mapping its YAML file holds (what the database stores and ``helpdesk faq export`` writes)."""
    return {
        "id": topic.id,
        "question": dict(topic.question),
        "variants": {lang: list(items) for lang, items in topic.variants.items() if items},
        "answer": dict(topic.answer),
        "tags": list(topic.tags),
        "source": topic.source,
        "reviewed": topic.reviewed.isoformat(),
    }


def parse_document(item: Any, where: Path = Path("<console>")) -> Topic:
    """A topic from a mapping, checked as a YAML file's topics are; :class:`KnowledgeBaseError` when invalid."""
    errors: list[KnowledgeBaseError] = []
    topic = _parse_topic(where, (1, item), errors)
    if topic is None:
        raise errors[0]
    return topic


def dump_topics(topics: Iterable[Topic]) -> str:
    """YAML text of ``topics``, in the shipped files' format (``topics:`` list)."""
    return yaml.safe_dump(
        {"topics": [document(topic) for topic in topics]}, allow_unicode=True, sort_keys=False, width=110
    )


def read_topics(path: Path) -> tuple[list[tuple[Path, Topic]], list[KnowledgeBaseError]]:
    """Every well-formed topic under ``path`` with its file, and every problem found, so a lint can report
    them all at once instead of stopping at the first."""
    path = Path(path)
    if not path.exists():
        return [], [KnowledgeBaseError(path, "not a directory")]
    located: list[tuple[Path, Topic]] = []
    errors: list[KnowledgeBaseError] = []
    seen: dict[str, Path] = {}
    for file in sorted(path.rglob("*.yaml")) if path.is_dir() else [path]:
        for item in _read_file(file, errors):
            topic = _parse_topic(file, item, errors)
            if topic is None:
                continue
            if topic.id in seen:
                first = seen[topic.id].relative_to(path) if path.is_dir() else seen[topic.id]
                errors.append(KnowledgeBaseError(file, f"{topic.id}: duplicate id, already used in {first}"))
                continue
            seen[topic.id] = file
            located.append((file, topic))
    return located, errors


def _read_file(file: Path, errors: list[KnowledgeBaseError]) -> Iterable[tuple[int, Any]]:
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        errors.append(KnowledgeBaseError(file, f"not valid YAML: {exc}"))
        return []
    items = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(items, list):
        errors.append(KnowledgeBaseError(file, "expected a list under 'topics:'"))
        return []
    return enumerate(items, start=1)


class _Invalid(Exception):
    """One problem in one topic; turned into a :class:`KnowledgeBaseError` by :func:`_parse_topic`."""


def _parse_topic(file: Path, numbered: tuple[int, Any], errors: list[KnowledgeBaseError]) -> Topic | None:
    number, item = numbered
    where = f"topic #{number}"
    try:
        if not isinstance(item, dict):
            raise _Invalid("expected a mapping with id, question, variants, answer, ...")
        topic_id = item.get("id")
        if not isinstance(topic_id, str) or not topic_id.strip():
            raise _Invalid("missing id")
        where = topic_id
        if not _KEBAB.match(topic_id):
            raise _Invalid("id must be kebab-case (lowercase letters, digits and hyphens)")
        unknown = sorted(set(item) - FIELDS)
        if unknown:
            raise _Invalid(f"unknown field(s) {', '.join(map(str, unknown))}")
        question = _texts(item.get("question"), "question")
        if not question.get("id"):
            raise _Invalid("missing Indonesian question")
        return Topic(
            id=topic_id,
            question=question,
            variants=_variants(item.get("variants")),
            answer=_texts(item.get("answer"), "answer"),
            tags=tuple(_strings(item.get("tags"), "tags")),
            source=_optional_text(item.get("source"), "source"),
            reviewed=_date(item.get("reviewed")),
        )
    except _Invalid as problem:
        errors.append(KnowledgeBaseError(file, f"{where}: {problem}"))
        return None


def _languages(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Invalid(f"{name} must map languages to text, e.g. {{id: ..., en: ...}}")
    unknown = sorted(map(str, set(value) - set(LANGUAGES)))
    if unknown:
        raise _Invalid(f"{name}: unknown language(s) {', '.join(unknown)} (use {', '.join(LANGUAGES)})")
    return value


def _texts(value: Any, name: str) -> dict[str, str]:
    return {lang: _optional_text(text, f"{name}.{lang}") for lang, text in _languages(value, name).items()}


def _variants(value: Any) -> dict[str, tuple[str, ...]]:
    return {
        lang: tuple(_strings(items, f"variants.{lang}"))
        for lang, items in _languages(value, "variants").items()
    }


def _strings(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Invalid(f"{name} must be a list")
    return [text for item in value if (text := _optional_text(item, name))]  # a blank "- " line is skipped


def _optional_text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Invalid(f"{name} must be text (put it in quotes), got {value!r}")
    return value.strip()


def _date(value: Any) -> date:
    if value is None:
        raise _Invalid("missing reviewed date")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _Invalid(f"reviewed must be a date written YYYY-MM-DD, got {value!r}") from None
