"""Reports and the CSV export (supervisors and admins)."""

from __future__ import annotations

from starlette.responses import Response

from bot import tickets
from desk import charts, permissions, reports
from desk.queries import Filters
from desk.web import Ctx


def show(ctx: Ctx) -> Response:
    filters = Filters.from_params(ctx.request.query_params)
    report = reports.build(ctx.db, ctx.officer, filters, ctx.now)
    return ctx.render(
        "reports.html",
        report=report,
        filters=filters,
        charts=charts.charts(report, filters),
        response_rows=charts.response_rows(report, filters),
        response_total=charts.response_total(report, filters),
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
