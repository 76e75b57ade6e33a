"""The knowledge base in the database: what supervisors edit in the console and every worker process answers from.

One door for every write (:func:`save`, :func:`remove`, :func:`import_topics`): each keeps a revision with who
changed what, and the newest revision's id is the knowledge base's version, so a process notices a change with
one cheap query (:func:`version`). The shipped YAML (``faq/knowledge/``) is only the seed of an empty database
(:func:`seed_if_empty`); ``helpdesk faq import`` / ``export`` move YAML in and out.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.clock import utcnow
from bot.db import session_scope
from bot.models import FaqTopic, FaqTopicRevision
from faq.kb import KNOWLEDGE_DIR, KnowledgeBase, Topic, document, load_knowledge_base, parse_document

SEED_ACTOR = "seed"
_local_changes = itertools.count(1)
local_change = 0
"""Bumped by every write in this process, so the process's own service reloads at once (others within seconds)."""


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0


def version(session: Session) -> int:
    """The id of the newest revision (0 for an empty knowledge base)."""
    return int(session.exec(select(func.max(FaqTopicRevision.id))).one() or 0)


def knowledge_base(session: Session) -> KnowledgeBase:
    rows = session.exec(select(FaqTopic).order_by(col(FaqTopic.id))).all()
    return KnowledgeBase(tuple(parse_document(row.document) for row in rows))


def topic(session: Session, topic_id: str) -> Topic | None:
    row = session.get(FaqTopic, topic_id)
    return None if row is None else parse_document(row.document)


def save(session: Session, new: Topic, actor: str, note: str = "") -> bool:
    """Write ``new`` (added or changed) with its revision; False when nothing changed."""
    global local_change
    doc = document(new)
    row = session.get(FaqTopic, new.id)
    if row is not None and row.document == doc:
        return False
    if row is None:
        row = FaqTopic(id=new.id, document=doc)
    row.document, row.updated_at, row.updated_by = doc, utcnow(), actor
    session.add(row)
    session.add(FaqTopicRevision(topic_id=new.id, document=doc, actor=actor, note=note[:200]))
    local_change = next(_local_changes)
    return True


def remove(session: Session, topic_id: str, actor: str) -> bool:
    global local_change
    row = session.get(FaqTopic, topic_id)
    if row is None:
        return False
    session.delete(row)
    session.add(FaqTopicRevision(topic_id=topic_id, document=None, actor=actor, note="removed"))
    local_change = next(_local_changes)
    return True


def history(session: Session, topic_id: str) -> list[FaqTopicRevision]:
    query = select(FaqTopicRevision).where(FaqTopicRevision.topic_id == topic_id)
    return list(session.exec(query.order_by(col(FaqTopicRevision.id).desc())))


def import_topics(session: Session, topics: Iterable[Topic], actor: str) -> ImportReport:
    """Add or update every topic (topics not named are kept); idempotent."""
    report = ImportReport()
    for new in topics:
        existed = session.get(FaqTopic, new.id) is not None
        if save(session, new, actor, note="import"):
            (report.changed if existed else report.added).append(new.id)
        else:
            report.unchanged += 1
    return report


def seed_if_empty(directory: Path = KNOWLEDGE_DIR, engine: Engine | None = None) -> int:
    """Fill an empty knowledge base from the shipped YAML; the number of topics added (0 if it had any).
    Called when the schema is brought up to date, never inside a turn."""
    global local_change
    try:
        with session_scope(engine) as session:
            if session.exec(select(FaqTopic.id).limit(1)).first() is not None:
                return 0
            documents = [document(topic) for topic in _shipped(directory)]
            session.add_all(
                [FaqTopic(id=doc["id"], document=doc, updated_by=SEED_ACTOR) for doc in documents]
            )
            session.add_all(
                [FaqTopicRevision(topic_id=doc["id"], document=doc, actor=SEED_ACTOR) for doc in documents]
            )
            local_change = next(_local_changes)
            return len(documents)
    except IntegrityError:  # another process seeded it at the same moment
        return 0


@cache
def _shipped(directory: Path) -> tuple[Topic, ...]:
    """The shipped knowledge base, read once per process (a test suite seeds an empty database per test)."""
    return load_knowledge_base(directory).topics
