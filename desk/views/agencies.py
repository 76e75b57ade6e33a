"""The register of licensed recruitment agencies, read-only for every officer (it is kept by import:
``helpdesk agencies import``), filtered by name as the bot reads names."""

from __future__ import annotations

from sqlmodel import col, select
from starlette.responses import Response

from bot import agencies
from bot.clock import utcnow
from bot.models import Agency
from desk.web import Ctx
from handlers.labels import AGENCY_REGISTER_LABELS


def show(ctx: Ctx) -> Response:
    typed = ctx.request.query_params.get("q", "").strip()[:200]
    today = utcnow().date()
    rows = ctx.db.exec(select(Agency).order_by(col(Agency.name))).all()
    found = agencies.lookup(ctx.db, typed, today) if typed else None
    if found is not None:
        keep = {a.licence for a in (found.agency, *found.candidates) if a is not None}
        rows = [row for row in rows if row.licence in keep]
    return ctx.render(
        "agencies.html",
        rows=rows,
        typed=typed,
        found=found,
        outcomes={row.licence: agencies.outcome(row, today) for row in rows},
        outcome_labels=AGENCY_REGISTER_LABELS,
    )
