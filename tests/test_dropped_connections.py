"""A connection the database server dropped (a restart, a failover) costs no request: console pages, the
web chat and the webhooks run their transaction once more on a new connection, as turns do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from tests.conftest import TEST_DATABASE_URL
from tests.desk.conftest import Console, add_officer, ticket_from_chat
from tests.fakes.telegram import RecordingBotApi, text_update
from tests.hostile.support import (
    TELEGRAM_HOOK,
    TELEGRAM_SECRET,
    all_channels_client,
    post_whatsapp,
    whatsapp_form,
)
from tests.support import drop_every_other_connection

pytestmark = pytest.mark.skipif(
    not TEST_DATABASE_URL, reason="needs a database server that can drop connections"
)


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    with all_channels_client(monkeypatch, bot_api=RecordingBotApi()) as test_client:
        yield test_client


def test_console_pages_and_logins_survive_a_dropped_connection(client: TestClient) -> None:
    ticket = ticket_from_chat()
    add_officer("ani")
    officer = Console(client)
    assert officer.login("ani").status_code == 303
    drop_every_other_connection(TEST_DATABASE_URL)
    assert officer.get(f"/console/t/{ticket.ref}").status_code == 200
    drop_every_other_connection(TEST_DATABASE_URL)
    assert Console(client).login("ani").status_code == 303


def test_webhooks_and_the_web_chat_survive_a_dropped_connection(client: TestClient) -> None:
    client.get("/chat")
    assert client.post("/chat/messages", json={"id": "1", "text": "halo"}).status_code == 200
    drop_every_other_connection(TEST_DATABASE_URL)
    assert client.get("/chat/messages", params={"after": "0"}).status_code == 200
    drop_every_other_connection(TEST_DATABASE_URL)
    answer = post_whatsapp(client, whatsapp_form("SM1", "halo"))
    assert answer.status_code == 200 and "<Message>" in answer.text
    drop_every_other_connection(TEST_DATABASE_URL)
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    assert client.post(TELEGRAM_HOOK, json=text_update(1, "halo"), headers=headers).status_code == 200
    drop_every_other_connection(TEST_DATABASE_URL)
    assert client.get("/healthz").status_code == 200
