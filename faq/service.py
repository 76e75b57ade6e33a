"""The FAQ as the bot's conversation handlers see it: one matcher over the knowledge base, rebuilt when a
knowledge file changes."""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import get_config
from faq.kb import KnowledgeBase, Topic, load_knowledge_base

if TYPE_CHECKING:  # the matcher (numpy, scipy) is imported when the first question is matched, not before
    from faq.matcher import Matcher, MatchResult

KNOWLEDGE_DIR = Path(__file__).resolve().parent / "knowledge"

_Fingerprint = tuple[tuple[str, int, int], ...]


def _fingerprint(directory: Path) -> _Fingerprint:
    """Name, mtime and size of every knowledge file: a cheap way to notice edits, additions and removals."""
    return tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for path in sorted(directory.rglob("*.yaml"))
        for stat in [path.stat()]
    )


class FaqService:
    """Matches messages and looks up answers; the index is built once and reused until the files change."""

    def __init__(self, knowledge_dir: Path | None = None) -> None:
        self.knowledge_dir = knowledge_dir or KNOWLEDGE_DIR
        self._lock = threading.Lock()
        self._fingerprint: _Fingerprint | None = None
        self._kb: KnowledgeBase
        self._matcher: Matcher
        self._refresh()

    def _refresh(self) -> None:
        fingerprint = _fingerprint(self.knowledge_dir)
        if fingerprint == self._fingerprint:
            return
        with self._lock:
            if fingerprint == self._fingerprint:
                return
            from faq.matcher import Matcher

            kb = load_knowledge_base(self.knowledge_dir)
            matcher = Matcher.build(kb.entries())
            self._kb, self._matcher, self._fingerprint = kb, matcher, fingerprint

    def match(self, text: str) -> MatchResult:
        self._refresh()
        return self._matcher.match(text)

    def _topic(self, topic_id: str) -> Topic:
        self._refresh()
        return self._kb.topic(topic_id)

    def answer(self, topic_id: str, language: str) -> str:
        """The answer in ``language`` ('id' or 'en', falling back to Indonesian), contacts filled in."""
        answers = self._topic(topic_id).answer
        return get_config().fill(answers.get(language) or answers["id"])

    def question(self, topic_id: str, language: str) -> str:
        """The canonical question, for "did you mean" buttons."""
        questions = self._topic(topic_id).question
        return questions.get(language) or questions["id"]


@cache
def get_faq_service() -> FaqService:
    """The process-wide service over ``faq/knowledge/``."""
    return FaqService()
