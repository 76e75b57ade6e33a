"""The queue page (views, filters, search, counts), "next ticket", and the live notice feed."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select
from starlette.responses import JSONResponse, Response

from bot.i18n import _
from bot.models import Officer, StaffNotice, Ticket
from bot.tickets import STATUSES, claim_next
from bot.web.params import row_id
from desk import inbox, labels, mentions
from desk.permissions import queues_of, sees_identity_numbers
from desk.queries import COUNT_CAP, PAGE_SIZE, VIEWS, Filters, list_page, view_counts
from desk.web import Ctx
from handlers.labels import CATEGORY_LABELS
from nlu.kinds import CATEGORIES


def index(ctx: Ctx) -> Response:
    filters = Filters.from_params(ctx.request.query_params)
    found = list_page(ctx.db, ctx.officer, filters, ctx.now)
    colleagues = colleagues_of(ctx.db, ctx.officer)
    return ctx.render(
        "queue.html",
        filters=filters,
        has_next=len(found) > PAGE_SIZE,
        counts=view_counts(ctx.db, ctx.officer, ctx.now),
        views=VIEWS,
        count_cap=COUNT_CAP,
        colleagues=colleagues,
        queues=queues_of(ctx.officer),
        statuses=STATUSES,
        categories=CATEGORIES,
        **_list_context(ctx, found[:PAGE_SIZE], colleagues),
    )


def live(ctx: Ctx) -> Response:
    """The inbox list of these filters as HTML (polled by console.js every few seconds), or only
    ``{"same": true}`` when nothing changed since the ``version`` the page holds."""
    assert ctx.officer.id is not None
    version = inbox.version(ctx.db, ctx.officer.id)
    if ctx.request.query_params.get("version") == version:
        return JSONResponse({"same": True, "version": version})
    filters = Filters.from_params(ctx.request.query_params)
    found = list_page(ctx.db, ctx.officer, filters, ctx.now)
    context = _list_context(ctx, found[:PAGE_SIZE], colleagues_of(ctx.db, ctx.officer))
    return JSONResponse({"html": ctx.fragment("_inbox.html", **context), "version": version})


def _list_context(ctx: Ctx, page: list[Ticket], colleagues: list[Officer]) -> dict[str, Any]:
    """What the inbox list (``_inbox.html``) needs: its rows and the names of their codes."""
    assert ctx.officer.id is not None
    full_identity = sees_identity_numbers(ctx.officer, ctx.policy)
    return {
        "rows": inbox.rows(ctx.db, ctx.officer.id, page, full_identity=full_identity),
        "names": {officer.id: officer.display_name for officer in colleagues},
        "queue_labels": labels.queue_labels(),
        "category_labels": CATEGORY_LABELS,
        "full_identity": full_identity,
        "now": ctx.now,
    }


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
    """Urgent tickets and escalations of the officer's queues after ``after``, and how many mentions this
    officer has not read (polled by console.js on every page)."""
    after = row_id(ctx.request.query_params.get("after", ""))
    query = select(StaffNotice).where(col(StaffNotice.queue).in_(queues_of(ctx.officer)))
    if after is not None:
        query = query.where(col(StaffNotice.id) > after).order_by(col(StaffNotice.id))
    else:  # first poll: only the newest id, so an officer is not flooded with old notices
        query = query.order_by(col(StaffNotice.id).desc()).limit(1)
    rows = ctx.db.exec(query.limit(20)).all()
    assert ctx.officer.id is not None
    return JSONResponse(
        {
            "last": max((row.id or 0 for row in rows), default=after or 0),
            "notices": [_notice(ctx, row) for row in rows] if after is not None else [],
            "mentions": mentions.unread_count(ctx.db, ctx.officer),
        }
    )


def _notice(ctx: Ctx, notice: StaffNotice) -> dict[str, Any]:
    """A notice in the officer's language (its stored text is for the staff group and names codes)."""
    ticket = ctx.db.get(Ticket, notice.ticket_id)
    ref = ticket.ref if ticket else ""
    values = {
        "kind": labels.label(labels.NOTICE_LABELS, notice.kind),
        "ref": ref,
        "category": _(CATEGORY_LABELS[ticket.category])
        if ticket and ticket.category in CATEGORY_LABELS
        else "",
        "queue": labels.queue_labels().get(notice.queue, notice.queue),
        "count": notice.count,
    }
    if notice.kind.endswith("_more"):
        text = _("%(kind)s: %(count)d lagi di %(queue)s (terbaru %(ref)s)") % values
    else:
        text = _("%(kind)s %(ref)s: %(category)s (%(queue)s)") % values
    return {"id": notice.id, "kind": notice.kind, "ref": ref, "text": text}
