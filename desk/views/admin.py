"""Admin pages: accounts (list, disable), canned answers, and the queues and routing in force."""

from __future__ import annotations

import logging
import secrets

from sqlmodel import col, select
from starlette.responses import Response

from bot.config import get_config
from bot.i18n import LANGUAGES
from bot.models import CannedAnswer, Officer
from desk import auth
from desk.labels import LANGUAGE_NAMES, queue_labels
from desk.permissions import ROLES
from desk.web import Ctx
from handlers.labels import CATEGORY_LABELS

log = logging.getLogger(__name__)


def show(ctx: Ctx, *, error: str = "", created: tuple[str, str] | None = None) -> Response:
    config = get_config()
    return ctx.render(
        "admin.html",
        error=error,
        created=created,
        roles=ROLES,
        officers=ctx.db.exec(select(Officer).order_by(col(Officer.username))).all(),
        canned=ctx.db.exec(select(CannedAnswer).order_by(col(CannedAnswer.title))).all(),
        queues=config.queues,
        routing=config.routing,
        languages=LANGUAGES,
        language_names=LANGUAGE_NAMES,
        queue_labels=queue_labels(),
        category_labels=CATEGORY_LABELS,
    )


def add_canned(ctx: Ctx) -> Response:
    title, text = ctx.field("title").strip(), ctx.field("text").strip()
    language = ctx.field("language") if ctx.field("language") in LANGUAGES else "id"
    if title and text:
        ctx.db.add(CannedAnswer(title=title[:120], text=text[:4000], language=language))
    return ctx.redirect("/console/admin")


def delete_canned(ctx: Ctx) -> Response:
    canned_id = ctx.path_id("canned_id")
    row = None if canned_id is None else ctx.db.get(CannedAnswer, canned_id)
    if row is not None:
        ctx.db.delete(row)
    return ctx.redirect("/console/admin")


def add_officer(ctx: Ctx) -> Response:
    """Create an account with a random first password, shown once to the admin to pass on."""
    username = ctx.field("username").strip().lower()[:64]
    role = ctx.field("role") if ctx.field("role") in ROLES else "officer"
    queues = [q for q in (ctx.form.getlist("queues") if ctx.form else []) if q in get_config().queues]
    taken = ctx.db.exec(select(Officer).where(Officer.username == username)).first() is not None
    if not username or taken:
        return show(ctx, error="username")
    password = secrets.token_urlsafe(12)
    ctx.db.add(
        Officer(
            username=username,
            display_name=ctx.field("display_name").strip()[:200] or username,
            role=role,
            queues=[str(q) for q in queues],
            password_hash=auth.hash_password(password),
        )
    )
    log.info("officer account added by officer %s", ctx.officer.id)
    return show(ctx, created=(username, password))


def disable_officer(ctx: Ctx) -> Response:
    officer_id = ctx.path_id("officer_id")
    officer = None if officer_id is None else ctx.db.get(Officer, officer_id)
    if officer is not None and officer.id != ctx.officer.id:
        officer.active = False
        ctx.db.add(officer)
        assert officer.id is not None
        auth.end_all_sessions(ctx.db, officer.id)
    return ctx.redirect("/console/admin")
