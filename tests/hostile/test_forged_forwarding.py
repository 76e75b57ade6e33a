"""Forwarding headers from a client uvicorn does not trust (``--forwarded-allow-ips``, default 127.0.0.1) change
neither the client's address nor the scheme: no way into /metrics, no evading a throttle by naming another
address."""

from __future__ import annotations

import pytest
from sqlmodel import select
from starlette.testclient import TestClient
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app.web import create_app
from bot.db import session_scope
from bot.models import Throttle
from tests.desk.conftest import csrf_of
from tests.hostile.catalogue import FORGED_FORWARDING, ForgedForwarding

OUTSIDER = ("203.0.113.50", 41000)


@pytest.mark.parametrize("case", FORGED_FORWARDING, ids=[case.name for case in FORGED_FORWARDING])
def test_forged_forwarding_headers_are_ignored(case: ForgedForwarding) -> None:
    app = ProxyHeadersMiddleware(create_app(), trusted_hosts="127.0.0.1")  # as `helpdesk serve` runs it
    client = TestClient(app, client=OUTSIDER, headers=dict(case.headers))
    assert client.get("/metrics").status_code == 403
    assert "Secure" not in client.get("/chat").headers["set-cookie"]
    page = client.get("/console/login")
    client.post(
        "/console/login", data={"username": "x", "password": "wrong password!", "csrf": csrf_of(page.text)}
    )
    with session_scope() as db:
        assert list(db.exec(select(Throttle.key))) == [f"login:{OUTSIDER[0]}"]
