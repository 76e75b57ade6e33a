"""Broken, forged and replayed deliveries of each channel: the defined status, never a 5xx, nothing stored
when refused, and nothing crashed when accepted."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from bot.db import session_scope
from bot.models import InboxEvent, Message
from tests.hostile.catalogue import TELEGRAM_REQUESTS, WEB_REQUESTS, WHATSAPP_REQUESTS, BrokenRequest
from tests.hostile.support import (
    assert_nothing_crashed,
    inbound,
    post_telegram,
    post_whatsapp,
    telegram_update,
    whatsapp_form,
)


def stored_anything() -> bool:
    with session_scope() as session:
        return bool(session.exec(select(Message)).first() or session.exec(select(InboxEvent)).first())


def names(cases: list[BrokenRequest]) -> list[str]:
    return [case.name for case in cases]


@pytest.mark.parametrize("case", WEB_REQUESTS, ids=names(WEB_REQUESTS))
def test_a_broken_web_chat_post_gets_its_defined_status(client: TestClient, case: BrokenRequest) -> None:
    assert case.body is not None
    response = client.post("/chat/messages", content=case.body, headers={"content-type": case.content_type})

    assert response.status_code == case.status
    assert_nothing_crashed()
    if case.status == 200:
        assert len(inbound("web")) == 1
    else:
        assert "error" in response.json()  # a clear message for the page's script
        assert not stored_anything()


@pytest.mark.parametrize("after", ["-1", "abc", "1e3", "99999999999999999999999", " 1"])
def test_polling_with_a_bad_cursor_is_a_400(client: TestClient, after: str) -> None:
    assert client.get("/chat/messages", params={"after": after}).status_code == 400


@pytest.mark.parametrize("case", TELEGRAM_REQUESTS, ids=names(TELEGRAM_REQUESTS))
def test_a_broken_telegram_update_gets_its_defined_status(client: TestClient, case: BrokenRequest) -> None:
    body = (
        case.body if case.body is not None else json.dumps(telegram_update(9, "halo", case.fields)).encode()
    )

    response = post_telegram(client, body, case.content_type, signed_ok=case.signed)

    assert response.status_code == case.status
    assert_nothing_crashed()
    if case.status != 200:
        assert not stored_anything()
    elif case.name != "wrong-content-type":  # a valid update under another content type is a normal message
        assert inbound("telegram") == []  # nothing a person wrote: acknowledged and ignored


def test_a_replayed_telegram_update_is_stored_and_answered_once(client: TestClient) -> None:
    body = json.dumps(telegram_update(3, "halo")).encode()

    statuses = [post_telegram(client, body).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]
    assert len(inbound("telegram")) == 1
    with session_scope() as session:
        assert len(session.exec(select(InboxEvent)).all()) == 1
        assert len(session.exec(select(Message).where(Message.direction == "out")).all()) >= 1


@pytest.mark.parametrize("case", WHATSAPP_REQUESTS, ids=names(WHATSAPP_REQUESTS))
def test_a_broken_whatsapp_post_gets_its_defined_status(client: TestClient, case: BrokenRequest) -> None:
    if case.body is not None:
        response = client.post(
            "/webhooks/whatsapp", content=case.body, headers={"content-type": case.content_type}
        )
    else:  # unsigned: the signature Twilio made for the delivery before it was changed
        form = whatsapp_form("SM9", "halo", case.fields)
        signature_of = form if case.signed else whatsapp_form("SM9", "original")
        response = post_whatsapp(client, form, signed_form=signature_of)

    assert response.status_code == case.status
    assert_nothing_crashed()
    if case.status != 200:
        assert not stored_anything()
    else:
        assert len(inbound("whatsapp")) == 1


def test_a_replayed_whatsapp_message_is_stored_once_and_gets_the_first_answer_again(
    client: TestClient,
) -> None:
    form = whatsapp_form("SM5", "halo")

    first, again = post_whatsapp(client, form), post_whatsapp(client, form)

    assert first.status_code == again.status_code == 200
    assert "<Message>" in first.text and again.text == first.text  # a lost first answer is not lost
    assert len(inbound("whatsapp")) == 1


def test_a_forged_status_callback_changes_nothing(client: TestClient) -> None:
    response = client.post(
        "/webhooks/whatsapp/status",
        data={"MessageSid": "SM1", "MessageStatus": "read"},
        headers={"X-Twilio-Signature": "forged"},
    )

    assert response.status_code == 403
    assert not stored_anything()
