"""Builds the one ASGI application that ``helpdesk serve`` runs (any number of worker processes).

Routes: ``/healthz``, ``/metrics``, the web chat, and the webhooks of the channels whose credentials are set.
Background services (each an object with ``async run()``) run for the application's lifetime in every worker:
the outbox sender and the inbox recovery. Workers share nothing in memory; the database coordinates them.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from typing import Protocol

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from app import wiring
from bot.channels import PushChannel, push_channels, webchat
from bot.config import get_settings
from bot.db import database_writable, retry_dropped
from bot.inbox import InboxRecovery
from bot.outbox import Sender
from bot.web.metrics import LatencyMiddleware, metrics
from bot.web.security import SecurityHeaders
from desk.app import create_console
from desk.scheduler import Scheduler


class Service(Protocol):
    async def run(self) -> None: ...


async def healthz(_request: Request) -> JSONResponse:
    """Alive and able to store messages: a database that answers but cannot write (a full disk, a read-only
    replica) loses every message, so it is not healthy either."""
    try:
        await asyncio.to_thread(retry_dropped(database_writable))
    except Exception:
        return JSONResponse({"status": "error", "database": "unreachable or not writable"}, status_code=503)
    return JSONResponse({"status": "ok"})


def create_app(channels: Sequence[PushChannel] | None = None) -> Starlette:
    """The application; ``channels`` replaces the ones configured in the environment (tests)."""
    wiring.install()
    channels = list(push_channels(get_settings()) if channels is None else channels)
    services: list[Service] = [
        Sender(channels),
        InboxRecovery({channel.channel: channel.process for channel in channels}),
        Scheduler(),
    ]
    routes = [
        Route("/healthz", healthz),
        Route("/metrics", metrics),
        *webchat.routes(),
        Mount("/console", app=create_console()),
        *(route for channel in channels for route in channel.routes()),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        for channel in channels:
            await channel.start()
        tasks = [asyncio.create_task(service.run()) for service in services]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for channel in channels:
                await channel.stop()

    return Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(LatencyMiddleware)],
        lifespan=lifespan,
    )
