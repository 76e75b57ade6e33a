"""The FAQ as the bot's conversation handlers see it: one matcher over the knowledge base, rebuilt when it changes.

The bot answers from the knowledge base in the database (:mod:`faq.store`), which supervisors edit in the
console; a process looks at the knowledge base's version at most every ``FAQ_REFRESH_SECONDS`` (one small query)
and at once after a change it made itself. The query runs in the caller's session (a turn's transaction: on
SQLite a second transaction would wait for the turn's own write lock). A directory of YAML files can be served
instead (tests, tools).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from sqlmodel import Session

from bot.config import get_config, get_settings
from bot.db import get_engine
from faq import store
from faq.kb import KnowledgeBase, Topic, load_knowledge_base
from faq.matcher import Matcher, MatchResult

T = TypeVar("T")
Version = tuple[object, ...]


Source = tuple[Callable[[Session | None], Version], Callable[[Session | None], KnowledgeBase]]


def _directory_source(directory: Path) -> Source:
    """Name, mtime and size of every knowledge file as the version; the files as the knowledge base."""

    def version(_session: Session | None) -> Version:
        return tuple(
            (str(path), stat.st_mtime_ns, stat.st_size)
            for path in sorted(directory.rglob("*.yaml"))
            for stat in [path.stat()]
        )

    return version, lambda _session: load_knowledge_base(directory)


def _database_source() -> Source:
    def version(session: Session | None) -> Version:
        return (str(get_engine().url), _read(store.version, session), store.local_change)

    def load(session: Session | None) -> KnowledgeBase:
        return _read(store.knowledge_base, session)

    return version, load


def _read(read: Callable[[Session], T], session: Session | None) -> T:
    if session is not None:
        return read(session)
    with Session(get_engine()) as own:
        return read(own)


class FaqService:
    """Matches messages and looks up answers; the index is built once and reused until the knowledge changes."""

    def __init__(self, knowledge_dir: Path | None = None, *, check_every: float = 0.0) -> None:
        self._version, self._load = (
            _directory_source(knowledge_dir) if knowledge_dir is not None else _database_source()
        )
        self._check_every = check_every
        self._checked_at = float("-inf")
        self._local_change = -1
        self._lock = threading.Lock()
        self._current: Version | None = None
        self._kb: KnowledgeBase
        self._matcher: Matcher

    def _refresh(self, session: Session | None) -> None:
        now = time.monotonic()
        recent = self._current is not None and now - self._checked_at < self._check_every
        if recent and store.local_change == self._local_change:
            return
        current = self._version(session)
        self._checked_at, self._local_change = now, store.local_change
        if current == self._current:
            return
        with self._lock:
            if current == self._current:
                return
            kb = self._load(session)
            self._kb, self._matcher, self._current = kb, Matcher.build(kb.entries()), current

    def match(self, text: str, session: Session | None = None) -> MatchResult:
        """The best entries for ``text``; ``session`` is the caller's open transaction, if any."""
        self._refresh(session)
        return self._matcher.match(text)

    def _topic(self, topic_id: str, session: Session | None) -> Topic:
        self._refresh(session)
        return self._kb.topic(topic_id)

    def answer(self, topic_id: str, language: str, session: Session | None = None) -> str:
        """The answer in ``language`` ('id' or 'en', falling back to Indonesian), contacts filled in."""
        answers = self._topic(topic_id, session).answer
        return get_config().fill(answers.get(language) or answers["id"])

    def question(self, topic_id: str, language: str, session: Session | None = None) -> str:
        """The canonical question, for "did you mean" buttons."""
        questions = self._topic(topic_id, session).question
        return questions.get(language) or questions["id"]


@cache
def get_faq_service() -> FaqService:
    """The process-wide service over the knowledge base in the database."""
    return FaqService(check_every=get_settings().faq_refresh_seconds)
