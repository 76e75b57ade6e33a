"""The queue page (views, filters, search, counts), "next ticket", and the live notice feed."""

from __future__ import annotations

from sqlmodel import Session, col, select
from starlette.responses import JSONResponse, Response

from bot.config import get_config
from bot.models import Officer, StaffNotice
from bot.tickets import STATUSES, claim_next
from bot.web.params import row_id
from desk.permissions import queues_of
from desk.queries import COUNT_CAP, PAGE_SIZE, VIEWS, Filters, list_page, view_counts
from desk.web import Ctx
from handlers.labels import CATEGORY_LABELS, STATUS_LABELS
from nlu.kinds import CATEGORIES


def index(ctx: Ctx) -> Response:
    filters = Filters.from_params(ctx.request.query_params)
    rows = list_page(ctx.db, ctx.officer, filters, ctx.now)
    colleagues = colleagues_of(ctx.db, ctx.officer)
    names = {officer.id: officer.display_name for officer in colleagues}
    return ctx.render(
        "queue.html",
        filters=filters,
        tickets=rows[:PAGE_SIZE],
        has_next=len(rows) > PAGE_SIZE,
        counts=view_counts(ctx.db, ctx.officer, ctx.now),
        views=VIEWS,
        count_cap=COUNT_CAP,
        names=names,
        colleagues=colleagues,
        queues=queues_of(ctx.officer),
        queue_labels={name: queue.label for name, queue in get_config().queues.items()},
        statuses=STATUSES,
        status_labels=STATUS_LABELS,
        categories=CATEGORIES,
        category_labels=CATEGORY_LABELS,
        now=ctx.now,
    )


def colleagues_of(db: Session, officer: Officer) -> list[Officer]:
    """Accounts that work any of this officer's queues (for the assignee column and filter)."""
    mine = set(queues_of(officer))
    everyone = db.exec(select(Officer).order_by(col(Officer.display_name))).all()
    return [o for o in everyone if o.role == "admin" or mine & set(o.queues)]


def next_ticket(ctx: Ctx) -> Response:
    assert ctx.officer.id is not None
    ticket = claim_next(ctx.db, queues_of(ctx.officer), ctx.officer.id)
    return ctx.redirect(f"/console/t/{ticket.ref}" if ticket else "/console/?view=unassigned")


def notices(ctx: Ctx) -> Response:
    """Urgent tickets and escalations of the officer's queues after ``after`` (polled by console.js)."""
    after = row_id(ctx.request.query_params.get("after", ""))
    query = select(StaffNotice).where(col(StaffNotice.queue).in_(queues_of(ctx.officer)))
    if after is not None:
        query = query.where(col(StaffNotice.id) > after).order_by(col(StaffNotice.id))
    else:  # first poll: only the newest id, so an officer is not flooded with old notices
        query = query.order_by(col(StaffNotice.id).desc()).limit(1)
    rows = ctx.db.exec(query.limit(20)).all()
    return JSONResponse(
        {
            "last": max((row.id or 0 for row in rows), default=after or 0),
            "notices": [{"id": row.id, "kind": row.kind, "text": row.text} for row in rows]
            if after is not None
            else [],
        }
    )
