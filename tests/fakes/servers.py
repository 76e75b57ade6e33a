"""Bot-API-shaped and Twilio-shaped HTTP servers (Starlette apps) for the configurable API base URLs.

Each wraps a recording fake, so tests read the same ``calls``/``requests`` whichever way the client reached it.
Serve them with :func:`tests.web_support.serve_in_thread`.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.telegram import RecordingBotApi
from tests.fakes.twilio import RecordingTwilioHttpClient


def bot_api_app(api: RecordingBotApi) -> Starlette:
    """``POST /bot<token>/<method>`` with form or JSON fields, answered by ``api``."""

    async def method(request: Request) -> Response:
        if request.headers.get("content-type", "").startswith("application/json"):
            fields: dict[str, Any] = await request.json()
        else:
            fields = {key: _json_or_text(str(value)) for key, value in (await request.form()).items()}
        status, body = await api.do_request(str(request.url), "POST", SimpleNamespace(parameters=fields))  # type: ignore[arg-type]
        return Response(body, status_code=status, media_type="application/json")

    return Starlette(routes=[Route("/bot{token}/{method}", method, methods=["POST"])])


def twilio_app(twilio: RecordingTwilioHttpClient) -> Starlette:
    """``POST /2010-04-01/Accounts/<sid>/Messages.json``, answered by ``twilio``."""

    async def messages(request: Request) -> Response:
        form = {key: str(value) for key, value in (await request.form()).items()}
        answer = await twilio.request("POST", str(request.url), data=form)
        return Response(answer.text, status_code=answer.status_code, media_type="application/json")

    return Starlette(routes=[Route("/2010-04-01/Accounts/{sid}/Messages.json", messages, methods=["POST"])])


def _json_or_text(value: str) -> Any:
    """PTB posts every field JSON-encoded, except plain strings."""
    try:
        return json.loads(value)
    except ValueError:
        return value
