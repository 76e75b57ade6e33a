"""Learning from use: the questions the knowledge base did not serve, grouped so a supervisor reads each kind of
question once.

Three kinds are collected from :class:`~bot.models.FaqQuestion`: an answer marked "Tidak membantu", a question
with no answer (or suggestions nobody picked), and a suggestion the person picked (its entry is then the obvious
home for the question's words). Questions already among an entry's phrasings are left out: once added, a group
goes away. Texts leave here with personal data masked (phone numbers, identity numbers, e-mail addresses).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz
from sqlmodel import Session, col, or_, select

from bot.logs import mask
from bot.models import FaqQuestion
from faq.kb import KnowledgeBase, Topic
from nlu.text import fold

SIMILAR = 72  # token-set similarity (0-100) at which two questions are one group
LIMIT = 2000  # the newest questions read


@dataclass
class Group:
    texts: list[str] = field(default_factory=list)
    question_ids: list[int] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)  # not_helpful, unanswered, picked
    picked: Counter[str] = field(default_factory=Counter)  # entry id -> times a suggestion of it was picked

    @property
    def suggested_topic(self) -> str | None:
        return self.picked.most_common(1)[0][0] if self.picked else None


def _kind(question: FaqQuestion) -> str:
    if question.helpful is False:
        return "not_helpful"
    if question.outcome == "chosen":
        return "picked"
    return "unanswered"


def groups(session: Session, kb: KnowledgeBase) -> list[Group]:
    """The questions to learn from, grouped by similarity, the largest group first."""
    known = {fold(p) for topic in kb.topics for texts in topic.variants.values() for p in texts}
    known |= {fold(q) for topic in kb.topics for q in topic.question.values()}
    rows = session.exec(
        select(FaqQuestion)
        .where(
            or_(
                col(FaqQuestion.helpful).is_(False),
                col(FaqQuestion.outcome).in_(("unknown", "suggest", "chosen")),
            )
        )
        .order_by(col(FaqQuestion.id).desc())
        .limit(LIMIT)
    ).all()
    found: list[tuple[str, Group]] = []  # (folded representative, group)
    for question in rows:
        text = mask(question.text)
        folded = fold(text)
        if not folded or folded in known:
            continue
        group = next((g for rep, g in found if fuzz.token_set_ratio(rep, folded) >= SIMILAR), None)
        if group is None:
            group = Group()
            found.append((folded, group))
        group.texts.append(text)
        assert question.id is not None
        group.question_ids.append(question.id)
        kind = _kind(question)
        group.kinds[kind] += 1
        if kind == "picked" and question.topic_id:
            group.picked[question.topic_id] += 1
    return sorted((g for _, g in found), key=lambda g: -len(g.texts))


def question_text(session: Session, question_id: int) -> str | None:
    """The question's text, personal data masked."""
    question = session.get(FaqQuestion, question_id)
    return None if question is None else mask(question.text)


def with_phrasing(topic: Topic, text: str) -> Topic:
    """``topic`` with ``text`` added to its Indonesian phrasings (once)."""
    phrasings = topic.variants.get("id", ())
    if text in phrasings:
        return topic
    return replace(topic, variants={**topic.variants, "id": (*phrasings, text)})
