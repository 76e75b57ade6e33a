"""``GET /metrics`` in Prometheus format.

Counts and queue sizes are read from the database at scrape time, so every worker answers the same; request
latency is a histogram per process, aggregated across workers through ``PROMETHEUS_MULTIPROC_DIR`` (set by
``helpdesk serve`` when it starts more than one worker)."""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Iterator
from ipaddress import IPv6Address, ip_address

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector
from sqlalchemy import func
from sqlmodel import select
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.config import get_settings
from bot.db import session_scope
from bot.models import InboxEvent, Message

LATENCY = Histogram(
    "helpdesk_request_seconds",
    "Time to answer an HTTP request, by route",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
_ROUTES = ("/webhooks/telegram", "/webhooks/whatsapp/status", "/webhooks/whatsapp", "/chat/messages", "/chat")


class DatabaseCollector(Collector):
    """Message counts per channel, direction and status (failures are status ``failed``), outbox and inbox
    backlogs."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        messages = GaugeMetricFamily(
            "helpdesk_messages",
            "Messages stored, by channel, direction and status",
            labels=["channel", "direction", "status"],
        )
        inbox = GaugeMetricFamily(
            "helpdesk_inbox_events", "Webhook deliveries, by channel and status", labels=["channel", "status"]
        )
        with session_scope() as session:
            for channel, direction, status, count in session.exec(
                select(Message.channel, Message.direction, Message.status, func.count()).group_by(
                    Message.channel, Message.direction, Message.status
                )
            ):
                messages.add_metric([channel, direction, status], count)
            for channel, status, count in session.exec(
                select(InboxEvent.channel, InboxEvent.status, func.count()).group_by(
                    InboxEvent.channel, InboxEvent.status
                )
            ):
                inbox.add_metric([channel, status], count)
        yield messages
        yield inbox


def may_read(request: Request) -> bool:
    """Only a client in ``METRICS_ALLOWED_NETWORKS`` (default: loopback) or one with ``METRICS_TOKEN`` as its
    bearer token: the counts tell outsiders how busy the help desk is and when the sender is failing. The
    client address is the one uvicorn took from a trusted proxy (``--forwarded-allow-ips``)."""
    settings = get_settings()
    given = request.headers.get("authorization", "").encode()
    if settings.metrics_token and hmac.compare_digest(given, f"Bearer {settings.metrics_token}".encode()):
        return True
    try:
        address = ip_address(request.client.host if request.client else "")
    except ValueError:
        return False
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in settings.metrics_networks)


async def metrics(request: Request) -> Response:
    if not may_read(request):
        return PlainTextResponse("forbidden", status_code=403)
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(_ProcessMetrics())
    registry.register(DatabaseCollector())
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


class _ProcessMetrics(Collector):
    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


class LatencyMiddleware:
    """Observes every HTTP request's duration under its route (unknown paths count as ``other``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        route = next((r for r in _ROUTES if path == r or path.startswith(r + "/")), "other")
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            LATENCY.labels(route).observe(time.perf_counter() - started)
