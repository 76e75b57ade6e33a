"""Attachments from hostile deliveries: Twilio media URLs that are not downloadable, and file names that try
to walk out of the attachments folder or into a response header."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from bot.config import get_settings
from bot.db import session_scope
from bot.models import Attachment
from tests.fakes.media import media_server
from tests.fakes.telegram import RecordingBotApi
from tests.hostile.catalogue import BAD_MEDIA_URLS, INTERNAL_MEDIA_URLS, TRAVERSAL_FILE_NAMES
from tests.hostile.support import (
    all_channels_client,
    assert_nothing_crashed,
    inbound,
    post_telegram,
    post_whatsapp,
    telegram_update,
    whatsapp_form,
)

PHOTO = ("image/jpeg", b"\xff\xd8 a photo")


def attachments() -> list[Attachment]:
    with session_scope() as session:
        return list(session.exec(select(Attachment)))


@pytest.mark.parametrize("url", BAD_MEDIA_URLS)
def test_media_that_cannot_be_fetched_keeps_its_reference_and_the_message_is_answered(
    client: TestClient, url: str
) -> None:
    form = whatsapp_form(
        "SM1", "foto paspor", (("NumMedia", "1"), ("MediaUrl0", url), ("MediaContentType0", "image/jpeg"))
    )

    response = post_whatsapp(client, form)

    assert response.status_code == 200 and "<Message>" in response.text
    assert_nothing_crashed()
    assert len(inbound("whatsapp")) == 1
    [attachment] = attachments()
    assert attachment.path is None and attachment.source_ref == url


def media_form(sid: str, url: str) -> dict[str, str]:
    return whatsapp_form(
        sid, "foto paspor", (("NumMedia", "1"), ("MediaUrl0", url), ("MediaContentType0", "image/jpeg"))
    )


@pytest.mark.parametrize("url", INTERNAL_MEDIA_URLS)
def test_media_on_a_host_that_is_not_twilios_is_never_fetched(client: TestClient, url: str) -> None:
    seen: list[str | None] = []
    with media_server({"/media.jpg": PHOTO}, seen) as base:
        url = url.format(port=base.rsplit(":", 1)[1])
        response = post_whatsapp(client, media_form("SM1", url))

    assert response.status_code == 200 and "<Message>" in response.text
    assert seen == []  # not a single request reached the internal server
    [attachment] = attachments()
    assert attachment.path is None and attachment.source_ref == url


def test_a_media_redirect_to_a_private_or_loopback_address_is_never_followed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    internal: list[str | None] = []
    with media_server({"/secret": PHOTO}, internal) as inside:
        port = inside.rsplit(":", 1)[1]
        redirects = {
            "/m/1": f"http://localhost:{port}/secret",
            "/m/2": f"http://127.0.0.1:{port}/secret",
            "/m/3": f"https://[::1]:{port}/secret",
            "/m/4": "http://169.254.169.254/latest/meta-data/",
            "/m/5": "/m/photo",  # Twilio's own host: followed
        }
        with media_server({"/m/photo": PHOTO}, redirects=redirects) as twilio_host:
            monkeypatch.setenv("TWILIO_API_BASE_URL", twilio_host)
            with all_channels_client(monkeypatch) as client:
                for number in range(1, 6):
                    assert (
                        post_whatsapp(
                            client, media_form(f"SM{number}", f"{twilio_host}/m/{number}")
                        ).status_code
                        == 200
                    )

    assert internal == []
    assert [bool(row.path) for row in sorted(attachments(), key=lambda row: row.id or 0)] == [False] * 4 + [
        True
    ]
    assert_nothing_crashed()


@pytest.mark.parametrize("file_name", TRAVERSAL_FILE_NAMES)
def test_a_file_name_never_chooses_where_the_file_is_stored(
    client: TestClient, bot_api: RecordingBotApi, file_name: str
) -> None:
    document = {
        "file_id": "DOC1",
        "file_unique_id": "U1",
        "file_name": file_name,
        "mime_type": "application/pdf",
    }
    bot_api.files["DOC1"] = b"%PDF-1.4"
    update = telegram_update(1, "", (("message.document", document),))

    assert post_telegram(client, json.dumps(update).encode()).status_code == 200

    assert_nothing_crashed()
    [attachment] = attachments()
    root = get_settings().attachments_path.resolve()
    assert attachment.path is not None
    assert Path(attachment.path).resolve().is_relative_to(root)
    assert Path(attachment.path).name == attachment.sha256
    assert attachment.filename == file_name  # kept as text for the officer, never used as a path
