"""The officer's notifications: the notes in which colleagues mentioned them with ``@username``."""

from __future__ import annotations

from sqlmodel import col, select
from starlette.responses import Response

from bot.models import Officer
from desk import mentions
from desk.web import Ctx


def show(ctx: Ctx) -> Response:
    found = mentions.latest(ctx.db, ctx.officer)
    authors = {m.author_id for m, _ticket in found}
    names = dict(
        ctx.db.exec(select(Officer.id, Officer.display_name).where(col(Officer.id).in_(authors))).all()
    )
    return ctx.render("mentions.html", mentions=found, names=names)
