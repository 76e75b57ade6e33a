"""A recording asynchronous HTTP client for the real ``twilio`` REST client, answering like Twilio."""

from __future__ import annotations

import json
import logging
from itertools import count
from typing import Any

from twilio.http import AsyncHttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token"
WHATSAPP_FROM = "whatsapp:+14155238886"
PUBLIC_BASE_URL = "https://helpdesk.example.org"


class RecordingTwilioHttpClient(AsyncHttpClient):
    """``requests`` holds (method, url, data) of every call; ``errors`` are (status, code) answers given once
    each, before the normal ones (a 201 with a new message sid)."""

    def __init__(self) -> None:
        super().__init__(logger=logging.getLogger(__name__), is_async=True)
        self.requests: list[tuple[str, str, dict[str, Any]]] = []
        self.errors: list[tuple[int, int]] = []
        self._ids = count(1)

    async def request(
        self,
        method: str,
        uri: str,
        params=None,
        data=None,
        headers=None,
        auth=None,
        timeout=None,
        allow_redirects=False,
    ) -> Response:  # type: ignore[no-untyped-def,override]
        self.requests.append((method, uri, dict(data or {})))
        if self.errors:
            status, code = self.errors.pop(0)
            return Response(status, json.dumps({"code": code, "message": "refused", "status": status}))
        sid = f"SM{next(self._ids):032d}"
        body = {
            "sid": sid,
            "status": "queued",
            "account_sid": ACCOUNT_SID,
            **{k.lower(): v for k, v in (data or {}).items()},
        }
        return Response(201, json.dumps(body))

    @property
    def messages(self) -> list[dict[str, Any]]:
        return [
            data for method, uri, data in self.requests if method == "POST" and uri.endswith("/Messages.json")
        ]


def signed(path: str, form: dict[str, str], token: str = AUTH_TOKEN) -> dict[str, str]:
    """Headers with the X-Twilio-Signature Twilio would send for ``form`` posted to ``path``."""
    signature = RequestValidator(token).compute_signature(PUBLIC_BASE_URL + path, form)
    return {"X-Twilio-Signature": signature}


def inbound_form(
    sid: str, body: str, *, sender: str = "whatsapp:+6281234567890", **extra: str
) -> dict[str, str]:
    return {
        "MessageSid": sid,
        "AccountSid": ACCOUNT_SID,
        "From": sender,
        "To": WHATSAPP_FROM,
        "Body": body,
        "NumMedia": "0",
        "ProfileName": "Siti",
        "WaId": sender.removeprefix("whatsapp:+"),
        **extra,
    }
