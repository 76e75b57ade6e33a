"""Every hostile text of the catalogue, through the web chat, Telegram, WhatsApp and the terminal chat: the
defined answer, stored once (also when delivered again), nothing crashed."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from app.cli import cli
from bot.channels import terminal
from tests.hostile.catalogue import TEXTS, HostileText, Outcome
from tests.hostile.support import (
    assert_nothing_crashed,
    inbound,
    post_telegram,
    post_whatsapp,
    replies,
    telegram_update,
    whatsapp_form,
)

TOO_LONG = "terlalu panjang"


def via_web(client: TestClient, text: str) -> int:
    body = json.dumps({"id": "m1", "text": text}).encode()  # ASCII escapes carry lone surrogates too
    return client.post(
        "/chat/messages", content=body, headers={"content-type": "application/json"}
    ).status_code


def via_telegram(client: TestClient, text: str) -> int:
    return post_telegram(client, json.dumps(telegram_update(1, text)).encode()).status_code


def via_whatsapp(client: TestClient, text: str) -> int:
    return post_whatsapp(client, whatsapp_form("SM1", text)).status_code


def encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


SENDERS: dict[str, Callable[[TestClient, str], int]] = {
    "web": via_web,
    "telegram": via_telegram,
    "whatsapp": via_whatsapp,
}


# A form body cannot carry a lone surrogate, so WhatsApp gets only the encodable texts; invalid UTF-8 forms are in
# the request catalogue instead.
CASES = [
    pytest.param(channel, case, id=f"{channel}-{case.name}")
    for case in TEXTS
    for channel in SENDERS
    if channel != "whatsapp" or encodable(case.text)
]


@pytest.mark.parametrize(("channel", "case"), CASES)
def test_a_hostile_text_gets_its_defined_answer_once(
    client: TestClient, channel: str, case: HostileText
) -> None:
    send = SENDERS[channel]
    first, again = send(client, case.text), send(client, case.text)

    assert_nothing_crashed()
    if case.outcome is Outcome.REFUSED:
        assert first == again == 413
        assert inbound(channel) == []
        return
    assert first == again == 200
    [row] = inbound(channel)  # the redelivery was not stored again
    assert row.text == (case.text if case.stored is None else case.stored)
    answers = replies(channel)
    assert answers, "no reply was stored"
    assert any(TOO_LONG in text for text in answers) == (case.outcome is Outcome.TOO_LONG)


@pytest.mark.parametrize("case", TEXTS, ids=[case.name for case in TEXTS])
def test_the_terminal_chat_answers_every_hostile_text_in_json(case: HostileText) -> None:
    out = io.StringIO()

    terminal.run([case.text], out, user="hostile", name=case.text[:200], as_json=True, prompt=False)

    assert_nothing_crashed()
    line = json.loads(out.getvalue())
    texts = [reply["text"] for reply in line["replies"]]
    assert texts
    too_long = case.outcome in (Outcome.TOO_LONG, Outcome.REFUSED)
    assert any(TOO_LONG in text for text in texts) == too_long
    assert len(inbound("console")) == 1


def test_helpdesk_chat_reads_invalid_utf8_and_nul_from_stdin_without_crashing() -> None:
    result = CliRunner().invoke(cli, ["chat", "--json", "--user", "u1"], input=b"\xff\xfehalo\n\x00\n")

    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 2 and all(line["replies"] for line in lines)
    assert_nothing_crashed()
