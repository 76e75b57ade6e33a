"""Reports and the CSV export (supervisors and admins)."""

from __future__ import annotations

from starlette.responses import Response

from bot import tickets
from desk import permissions, reports
from desk.labels import queue_labels
from desk.queries import Filters
from desk.web import Ctx
from handlers.labels import CATEGORY_LABELS


def show(ctx: Ctx) -> Response:
    filters = Filters.from_params(ctx.request.query_params)
    return ctx.render(
        "reports.html",
        report=reports.build(ctx.db, ctx.officer, filters, ctx.now),
        filters=filters,
        category_labels=CATEGORY_LABELS,
        queue_labels=queue_labels(),
    )


def export(ctx: Ctx) -> Response:
    filters = Filters.from_params(ctx.request.query_params)
    rows = reports.export_rows(ctx.db, ctx.officer, filters, ctx.now)
    personal = permissions.exports_personal_data(ctx.officer, ctx.policy)
    if personal:
        for ticket in rows:
            tickets.record_view(ctx.db, ticket, ctx.actor, "csv_export")
    return Response(
        reports.export_csv(rows, personal),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="tickets.csv"'},
    )
