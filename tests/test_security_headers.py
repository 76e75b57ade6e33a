"""Every route family of the one application answers with the security headers (bot/web/security.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from desk import auth
from tests.desk.conftest import PASSWORD, add_officer, csrf_of
from tests.hostile.support import all_channels_client

ROUTES = [
    ("GET", "/chat"),
    ("GET", "/chat/messages?after=0"),
    ("POST", "/chat/messages"),
    ("GET", "/chat/static/chat.js"),
    ("GET", "/console/login"),
    ("GET", "/console/"),
    ("GET", "/console/static/console.css"),
    ("POST", "/console/t/PMI-NONE/reply"),
    ("GET", "/healthz"),
    ("GET", "/metrics"),
    ("GET", "/no/such/page"),
    ("POST", "/webhooks/telegram"),
    ("POST", "/webhooks/whatsapp"),
    ("POST", "/webhooks/whatsapp/status"),
]


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    with all_channels_client(monkeypatch, public_base_url="http://127.0.0.1:8000") as test_client:
        test_client.get("/chat")
        yield test_client


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_family_sends_the_security_headers(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, follow_redirects=False)

    headers = response.headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"]
    assert headers["cache-control"] == "no-store"
    assert len(headers.get_list("content-security-policy")) == 1  # set once, not per layer
    assert "strict-transport-security" not in headers  # plain http: HSTS would be ignored or wrong


def test_hsts_is_sent_when_served_over_https(monkeypatch: pytest.MonkeyPatch) -> None:
    with all_channels_client(monkeypatch, public_base_url="https://helpdesk.example.org") as client:
        response = client.get("/healthz")

    assert response.headers["strict-transport-security"].startswith("max-age=31536000")


def test_session_cookies_are_secure_http_only_and_same_site_over_https(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_officer("ani")
    with all_channels_client(monkeypatch, public_base_url="https://helpdesk.example.org") as client:
        chat = client.get("/chat").headers["set-cookie"]
        login_page = client.get("/console/login")
        login = client.post(
            "/console/login",
            data={"username": "ani", "password": PASSWORD, "csrf": csrf_of(login_page.text)},
            follow_redirects=False,
        )

    [session] = [c for c in login.headers.get_list("set-cookie") if c.startswith(f"{auth.COOKIE}=")]
    for cookie in (chat, login_page.headers["set-cookie"], session):
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
