"""Builds the one ASGI application that ``helpdesk serve`` runs (any number of worker processes)."""

from __future__ import annotations

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.db import session_scope


async def healthz(_request: Request) -> JSONResponse:
    """Alive and able to reach the database."""
    try:
        with session_scope() as session:
            session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except Exception:
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok"})


def create_app() -> Starlette:
    routes = [Route("/healthz", healthz)]
    return Starlette(routes=routes)
