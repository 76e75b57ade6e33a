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
from tests.fakes.telegram import RecordingBotApi
from tests.hostile.catalogue import BAD_MEDIA_URLS, TRAVERSAL_FILE_NAMES
from tests.hostile.support import (
    assert_nothing_crashed,
    inbound,
    post_telegram,
    post_whatsapp,
    telegram_update,
    whatsapp_form,
)


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
