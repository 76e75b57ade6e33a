"""Security headers on every response of the application: web chat, console, webhooks, health and metrics.

One middleware for the whole app, so no page can be served without them. A header the endpoint already set
is left alone (none does today; it keeps a deliberate exception possible without a second mechanism).
"""

from __future__ import annotations

import ipaddress

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.config import get_settings

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,  # no inline script or style: templates use static files
    "X-Frame-Options": "DENY",  # frame-ancestors for older browsers
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # ticket URLs carry references; they never leave in a Referer
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",  # conversations and tickets are personal data: no copies in caches
}
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def is_https(scope: Scope) -> bool:
    """Served over https, directly or as configured for the proxy in front (``PUBLIC_BASE_URL``)."""
    return scope.get("scheme") == "https" or get_settings().public_base_url.startswith("https://")


def client_network(scope: Scope) -> str:
    """The client's address as throttles count it: the forwarded one behind a proxy uvicorn trusts
    (``--forwarded-allow-ips``), an IPv6 address as its /64 (one subscriber's allocation, so a client cannot
    count as a new one by changing its interface id)."""
    client = scope.get("client")
    host = client[0] if client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


class SecurityHeaders:
    """Pure ASGI middleware (no buffering of bodies, streaming responses unaffected)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [*HEADERS.items(), *([HSTS] if is_https(scope) else [])]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra:
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
