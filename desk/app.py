"""The console as an ASGI app, mounted at ``/console`` by :func:`app.web.create_app`."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from desk.permissions import can_supervise, is_admin
from desk.views import admin, agencies, alerts, faq, mentions, queues, reports, session, ticket
from desk.web import HERE, View, page


def _post(path: str, view: View, **kwargs: Any) -> Route:
    return Route(path, page(view, **kwargs), methods=["POST"])


def create_console() -> Starlette:
    routes: list[BaseRoute] = [
        Route("/", page(queues.index)),
        Route("/login", session.login, methods=["GET", "POST"]),
        _post("/logout", session.logout),
        _post("/language", session.language),
        _post("/next", queues.next_ticket),
        Route("/notices.json", page(queues.notices)),
        Route("/inbox.json", page(queues.live)),
        Route("/mentions", page(mentions.show)),
        Route("/t/{ref}", page(ticket.show)),
        Route("/t/{ref}/live.json", page(ticket.live)),
        _post("/t/{ref}/claim", ticket.claim),
        _post("/t/{ref}/reply", ticket.reply),
        _post("/t/{ref}/note", ticket.note),
        _post("/t/{ref}/labels", ticket.labels),
        _post("/t/{ref}/status", ticket.status),
        _post("/t/{ref}/assign", ticket.assign),
        _post("/t/{ref}/erase", ticket.erase, allow=can_supervise),
        _post("/t/{ref}/not-urgent", ticket.not_urgent),
        _post("/t/{ref}/urgent", ticket.urgent),
        Route("/t/{ref}/attachments/{token}", page(ticket.attachment)),
        Route("/reports", page(reports.show, allow=can_supervise)),
        Route("/agencies", page(agencies.show)),
        Route("/alerts", page(alerts.show, allow=can_supervise)),
        _post("/alerts/preview", alerts.preview, allow=can_supervise),
        _post("/alerts", alerts.send, allow=can_supervise),
        Route("/faq", page(faq.index, allow=can_supervise)),
        Route("/faq/new", page(faq.edit, allow=can_supervise)),
        _post("/faq/new", faq.save, allow=can_supervise),
        Route("/faq/learn", page(faq.learn, allow=can_supervise)),
        _post("/faq/learn", faq.add_phrasing, allow=can_supervise),
        Route("/faq/{topic_id}", page(faq.edit, allow=can_supervise)),
        _post("/faq/{topic_id}", faq.save, allow=can_supervise),
        _post("/faq/{topic_id}/remove", faq.remove, allow=can_supervise),
        Route("/export.csv", page(reports.export)),
        Route("/admin", page(admin.show, allow=is_admin)),
        _post("/admin/canned", admin.add_canned, allow=is_admin),
        _post("/admin/canned/{canned_id:int}/delete", admin.delete_canned, allow=is_admin),
        _post("/admin/officers", admin.add_officer, allow=is_admin),
        _post("/admin/officers/{officer_id:int}/disable", admin.disable_officer, allow=is_admin),
    ]
    routes.append(Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"))
    return Starlette(routes=routes)  # security headers: bot.web.security, on the whole app
