"""The engine's promises: once per message id, one transaction, an apology instead of a crash."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot import hooks
from bot.db import session_scope
from bot.engine import handle
from bot.messages import Inbound
from bot.models import Conversation, Message
from bot.turn import Turn
from handlers import router
from tests.conftest import TEST_DATABASE_URL
from tests.support import Chat, drop_every_other_connection


def conversation() -> Conversation:
    with session_scope() as session:
        return session.exec(select(Conversation)).one()


def test_handler_failure_keeps_message_apologises_and_leaves_state(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    before = conversation()

    def broken(_turn: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(router.STATES, "form", broken)
    chat.send("Siti Aminah")
    assert "gangguan" in chat.text and len(chat.replies) == 1
    after = conversation()
    assert (after.state, after.data, after.version) == (before.state, before.data, before.version)
    with session_scope() as session:
        kept = session.exec(select(Message).where(Message.text == "Siti Aminah")).one()
    assert kept.status == "failed"
    monkeypatch.undo()
    chat.send("Siti Aminah")  # the person simply tries again and the form goes on
    assert "(2/12)" in chat.text


def test_replay_returns_the_same_replies_without_a_second_turn(chat: Chat) -> None:
    chat.consent()
    first = chat.send("lapor", message_id="wa-42")
    version = conversation().version
    again = chat.send("lapor", message_id="wa-42")
    assert again == first
    assert conversation().version == version


def test_buttons_are_remembered_so_a_typed_number_picks_one(chat: Chat) -> None:
    chat.send("halo")
    chat.send("1")  # "Setuju"
    assert "Apa yang bisa kami bantu" in chat.text
    chat.send("4")  # "Cek status laporan"
    assert "nomor laporan" in chat.text


def test_outbound_replies_are_stored_as_sent_for_inline_channels(chat: Chat) -> None:
    chat.send("halo")
    with session_scope() as session:
        statuses = {m.status for m in session.exec(select(Message).where(Message.direction == "out"))}
    assert statuses == {"sent"}


def test_concurrent_deliveries_of_one_message_are_processed_once(chat: Chat) -> None:
    from concurrent.futures import ThreadPoolExecutor

    chat.consent()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: chat.send("lapor", message_id="dup-1"), range(4)))
    assert all(replies == results[0] for replies in results)
    with session_scope() as session:
        stored = session.exec(select(Message).where(Message.channel_message_id == "dup-1")).all()
        replies = session.exec(select(Message).where(Message.reply_to_id == stored[0].id)).all()
    assert len(stored) == 1 and len(replies) == len(results[0])


def test_concurrent_messages_in_one_chat_are_serialised(chat: Chat) -> None:
    from concurrent.futures import ThreadPoolExecutor

    chat.consent()
    version = conversation().version
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda n: chat.send(f"pertanyaan {n}", message_id=f"c-{n}"), range(8)))
    assert conversation().version == version + 8
    with session_scope() as session:
        assert not session.exec(select(Message).where(Message.status == "failed")).all()


def test_nul_bytes_and_lone_surrogates_are_stored_without_them(chat: Chat) -> None:
    chat.send("halo\x00 \ud800dunia")
    with session_scope() as session:
        stored = session.exec(select(Message).where(Message.direction == "in")).one()
    assert stored.text == "halo ?dunia" and stored.status == "received"


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs a database server that can drop connections")
def test_a_connection_the_server_dropped_is_replaced_without_an_apology(chat: Chat) -> None:
    chat.send("halo")
    drop_every_other_connection(TEST_DATABASE_URL)  # the pooled connection included
    chat.press("Setuju")
    assert "maaf" not in chat.text.lower()
    with session_scope() as session:
        assert session.exec(select(Message).where(Message.status == "failed")).all() == []
        assert session.exec(select(Conversation)).one().state == "menu"


def test_the_engine_answers_with_the_respond_function_it_was_given(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    def echo(turn: Turn) -> None:
        turn.say(f"echo: {turn.inbound.text}")

    monkeypatch.setattr(hooks, "_respond", echo)
    chat.send("halo")

    assert chat.text == "echo: halo"


def test_a_runtime_not_given_its_flows_stores_nothing_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hooks, "_respond", None)

    with pytest.raises(RuntimeError, match=r"app\.wiring\.install"):
        handle(Inbound(channel="console", chat_id="c1", user_id="u1", text="halo"))
    with session_scope() as session:
        assert session.exec(select(Message)).first() is None
