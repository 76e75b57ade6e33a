"""``GET /metrics`` only for the allowed networks (default: loopback) or a scraper with the token."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from app.web import create_app
from bot import config


def scrape(client: tuple[str, int], headers: dict[str, str] | None = None) -> int:
    return TestClient(create_app(), client=client).get("/metrics", headers=headers or {}).status_code


def test_metrics_are_served_to_loopback_only_by_default() -> None:
    assert scrape(("127.0.0.1", 5000)) == 200
    assert scrape(("::1", 5000)) == 200
    assert scrape(("203.0.113.7", 5000)) == 403
    assert scrape(("testclient", 5000)) == 403  # not an address at all


def test_metrics_with_the_token_or_from_an_allowed_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("METRICS_TOKEN", "s3cret-scraper-token")
    monkeypatch.setenv("METRICS_ALLOWED_NETWORKS", "10.1.0.0/16, 2001:db8::/32")
    config.get_settings.cache_clear()
    outsider = ("203.0.113.7", 5000)
    assert scrape(outsider, {"Authorization": "Bearer s3cret-scraper-token"}) == 200
    assert scrape(outsider, {"Authorization": "Bearer wrong"}) == 403
    assert scrape(outsider) == 403
    assert scrape(("10.1.44.3", 5000)) == 200
    assert scrape(("2001:db8::5", 5000)) == 200
    assert scrape(("127.0.0.1", 5000)) == 403  # the list replaces the default
