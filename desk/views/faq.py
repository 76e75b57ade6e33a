"""The knowledge base for supervisors: entries with their phrasings and answers in Indonesian and English, edited
with history (:mod:`faq.store`), a "try a question" box that shows how the matcher ranks it, and the questions to
learn from (:mod:`faq.learning`): one click adds a question as a phrasing of an entry or starts a new entry."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import select
from starlette.responses import Response

from bot.i18n import _
from bot.models import Officer
from desk.web import Ctx, not_found
from faq import learning, store
from faq.kb import LANGUAGES, KnowledgeBaseError, document, parse_document
from faq.service import get_faq_service

MAX_FIELD = 4000


def index(ctx: Ctx) -> Response:
    kb = store.knowledge_base(ctx.db)
    query = ctx.request.query_params.get("try", "").strip()[:500]
    tried = None
    if query:
        result = get_faq_service().match(query, ctx.db)
        questions = {topic.id: topic.question["id"] for topic in kb.topics}
        tried = {
            "outcome": result.outcome,
            "answer": result.id,
            "candidates": [(c.id, questions.get(c.id, c.id), c.score) for c in result.candidates[:5]],
        }
    return ctx.render("faq_index.html", topics=kb.topics, query=query, tried=tried)


def edit(ctx: Ctx) -> Response:
    topic_id = ctx.request.path_params.get("topic_id")
    topic = store.topic(ctx.db, topic_id) if topic_id else None
    if topic_id and topic is None:
        return not_found(ctx)
    if topic is None:
        draft = _blank(ctx.request.query_params.get("q", "").strip()[:500])
    else:
        draft = _form_values(document(topic))
    return _edit_page(ctx, draft, is_new=topic is None)


def save(ctx: Ctx) -> Response:
    is_new = "topic_id" not in ctx.request.path_params
    draft = {name: ctx.field(name)[:MAX_FIELD] for name in _FIELDS}
    if not is_new:
        draft["id"] = ctx.request.path_params["topic_id"]
    elif store.topic(ctx.db, draft["id"].strip()) is not None:
        return _edit_page(ctx, draft, is_new=True, error="id_taken")
    try:
        topic = parse_document(_document(draft))
    except KnowledgeBaseError as error:
        return _edit_page(ctx, draft, is_new=is_new, error=error.message)
    store.save(ctx.db, topic, ctx.actor, note=ctx.field("note")[:200])
    return ctx.redirect(f"/console/faq/{topic.id}")


def remove(ctx: Ctx) -> Response:
    store.remove(ctx.db, ctx.request.path_params["topic_id"], ctx.actor)
    return ctx.redirect("/console/faq")


def learn(ctx: Ctx) -> Response:
    kb = store.knowledge_base(ctx.db)
    groups = learning.groups(ctx.db, kb)
    return ctx.render(
        "faq_learn.html",
        groups=[(group, group.texts[:5]) for group in groups],
        topics=kb.topics,
    )


def add_phrasing(ctx: Ctx) -> Response:
    """One click: a question people asked becomes a phrasing of an entry."""
    topic = store.topic(ctx.db, ctx.field("topic_id"))
    question_id = ctx.field("question_id")
    asked = learning.question_text(ctx.db, int(question_id)) if question_id.isdigit() else None
    if topic is None or not asked:
        return ctx.redirect("/console/faq/learn")
    store.save(ctx.db, learning.with_phrasing(topic, asked), ctx.actor, note="phrasing from a question")
    return ctx.redirect("/console/faq/learn")


_FIELDS = (
    "id",
    "question_id",
    "question_en",
    "variants_id",
    "variants_en",
    "answer_id",
    "answer_en",
    "tags",
    "source",
    "reviewed",
)


def _edit_page(ctx: Ctx, draft: dict[str, str], *, is_new: bool, error: str = "") -> Response:
    revisions = [] if is_new else store.history(ctx.db, draft["id"])
    names = {f"officer:{o.id}": o.display_name for o in ctx.db.exec(select(Officer))}
    names |= {store.SEED_ACTOR: _("file bawaan"), "cli": _("impor dari baris perintah")}
    return ctx.render(
        "faq_edit.html",
        draft=draft,
        is_new=is_new,
        error=error,
        revisions=revisions,
        languages=LANGUAGES,
        names=names,
    )


def _blank(question: str) -> dict[str, str]:
    return {
        **dict.fromkeys(_FIELDS, ""),
        "question_id": question,
        "reviewed": date.today().isoformat(),
    }


def _form_values(doc: dict[str, Any]) -> dict[str, str]:
    values = {
        "id": doc["id"],
        "tags": ", ".join(doc["tags"]),
        "source": doc["source"],
        "reviewed": doc["reviewed"],
    }
    for lang in LANGUAGES:
        values[f"question_{lang}"] = doc["question"].get(lang, "")
        values[f"answer_{lang}"] = doc["answer"].get(lang, "")
        values[f"variants_{lang}"] = "\n".join(doc["variants"].get(lang, ()))
    return values


def _document(draft: dict[str, str]) -> dict[str, Any]:
    """The form as a topic mapping, checked by :func:`faq.kb.parse_document` like a YAML file's topic."""
    return {
        "id": draft["id"].strip(),
        "question": {
            lang: draft[f"question_{lang}"] for lang in LANGUAGES if draft[f"question_{lang}"].strip()
        },
        "variants": {lang: draft[f"variants_{lang}"].splitlines() for lang in LANGUAGES},
        "answer": {lang: draft[f"answer_{lang}"] for lang in LANGUAGES if draft[f"answer_{lang}"].strip()},
        "tags": [tag.strip() for tag in draft["tags"].split(",") if tag.strip()],
        "source": draft["source"],
        "reviewed": draft["reviewed"].strip() or None,
    }
