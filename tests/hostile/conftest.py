"""The hostile catalogue's client: the whole app with every channel on, a recording Bot API behind Telegram."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from tests.fakes.telegram import RecordingBotApi
from tests.hostile.support import all_channels_client


@pytest.fixture
def bot_api() -> RecordingBotApi:
    return RecordingBotApi()


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch, bot_api: RecordingBotApi) -> Iterator[TestClient]:
    with all_channels_client(monkeypatch, bot_api=bot_api) as test_client:
        test_client.get("/chat")  # the web chat's identity cookie
        yield test_client
