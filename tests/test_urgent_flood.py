"""Flooding the urgent queue: new web chats are counted per client network, urgent tickets from one source in a
short window are grouped on its recent urgent ticket, staff notices beyond the limit are merged; a danger
message is never refused and always reaches a human, and other sources are not affected."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlmodel import col, select
from starlette.testclient import TestClient

from app.web import create_app
from bot.config import get_config
from bot.db import session_scope
from bot.engine import handle
from bot.messages import Inbound
from bot.models import Message, StaffNotice, Ticket
from tests.support import Chat

DANGER = "tolong saya dipukuli majikan"
FLOODER, OTHER = "203.0.113.7", "198.51.100.9"


def web_chat(app, address: str) -> TestClient:  # type: ignore[no-untyped-def]
    """A new web chat (a fresh cookie) from ``address``."""
    client = TestClient(app, client=(address, 5000), base_url="http://127.0.0.1:8000")
    client.get("/chat")
    return client


def post(client: TestClient, text: str, message_id: str):  # type: ignore[no-untyped-def]
    return client.post("/chat/messages", json={"id": message_id, "text": text})


def urgent_tickets() -> list[Ticket]:
    with session_scope() as session:
        return list(session.exec(select(Ticket).where(col(Ticket.urgent)).order_by(col(Ticket.id))))


def notices() -> list[StaffNotice]:
    with session_scope() as session:
        return list(session.exec(select(StaffNotice).order_by(col(StaffNotice.id))))


def test_twenty_web_chats_in_danger_from_one_address_open_a_bounded_number_of_urgent_tickets() -> None:
    app = create_app()
    answers = [post(web_chat(app, FLOODER), DANGER, f"d{n}") for n in range(20)]

    assert [answer.status_code for answer in answers] == [200] * 20  # never refused
    assert all("DARURAT" in answer.text for answer in answers)  # everyone gets the emergency answer
    limit = get_config().limits.urgent_tickets_per_source.failures
    tickets = urgent_tickets()
    assert len(tickets) == limit
    assert {ticket.source for ticket in tickets} == {f"web:{FLOODER}"}
    assert len(notices()) == limit
    with session_scope() as session:
        danger = session.exec(select(Message).where(Message.direction == "in", Message.text == DANGER)).all()
    assert len(danger) == 20
    assert all(message.ticket_id is not None for message in danger)  # each on a ticket, as its own message
    assert sum(message.ticket_id == tickets[-1].id for message in danger) == 20 - limit + 1


def test_a_grouped_danger_message_is_not_told_another_chats_reference() -> None:
    app = create_app()
    for n in range(get_config().limits.urgent_tickets_per_source.failures):
        post(web_chat(app, FLOODER), DANGER, f"d{n}")
    grouped = post(web_chat(app, FLOODER), DANGER, "late").json()["messages"]

    text = "\n".join(message["text"] for message in grouped)
    assert "DARURAT" in text
    assert not any(ticket.ref in text for ticket in urgent_tickets())


def test_a_web_chat_from_another_address_still_opens_its_own_urgent_ticket() -> None:
    app = create_app()
    for n in range(20):
        post(web_chat(app, FLOODER), DANGER, f"d{n}")
    answer = post(web_chat(app, OTHER), DANGER, "other").json()["messages"]

    [own] = [ticket for ticket in urgent_tickets() if ticket.source == f"web:{OTHER}"]
    assert own.ref in "\n".join(message["text"] for message in answer)


def test_new_web_chats_over_the_limit_from_one_address_are_refused_but_danger_goes_through() -> None:
    app = create_app()
    limit = get_config().limits.new_web_chats_per_source.failures
    assert all(post(web_chat(app, FLOODER), "halo", f"h{n}").status_code == 200 for n in range(limit))

    refused = post(web_chat(app, FLOODER), "halo", "over")
    assert refused.status_code == 429
    assert "Terlalu banyak percakapan baru" in refused.json()["notice"]
    assert post(web_chat(app, FLOODER), DANGER, "danger").status_code == 200
    assert post(web_chat(app, OTHER), "halo", "other").status_code == 200
    with session_scope() as session:
        stored = session.exec(select(Message.text).where(Message.direction == "in")).all()
    assert stored.count("halo") == limit + 1 and DANGER in stored  # the refused one stored nothing


def test_an_existing_web_chat_goes_on_after_its_network_reached_the_new_chat_limit() -> None:
    app = create_app()
    first = web_chat(app, FLOODER)
    post(first, "halo", "first")
    for n in range(get_config().limits.new_web_chats_per_source.failures):
        post(web_chat(app, FLOODER), "halo", f"h{n}")
    assert post(first, "halo lagi", "again").status_code == 200


def test_staff_notices_beyond_the_limit_are_merged_into_one_more_notice() -> None:
    limit = get_config().limits.staff_notices_per_queue.failures
    for n in range(limit + 5):  # separate Telegram chats: separate sources, each its own urgent ticket
        Chat(user=f"tg-{n}", channel="telegram").send(DANGER)

    assert len(urgent_tickets()) == limit + 5
    rows = notices()
    assert [row.kind for row in rows] == ["urgent"] * limit + ["urgent_more"]
    assert rows[-1].count == 5 and "5 more" in rows[-1].text


def test_concurrent_danger_messages_from_one_source_open_exactly_the_limit_of_urgent_tickets() -> None:
    """Workers (threads with their own sessions) take twenty new chats' danger messages from one network at
    once: the source's count is held under a row lock, so no more tickets are opened than the limit."""

    def send(n: int) -> str:
        inbound = Inbound(
            channel="web",
            chat_id=f"web-c{n}",
            user_id=f"web-c{n}",
            text=DANGER,
            channel_message_id=f"web-c{n}:1",
            source=FLOODER,
        )
        return "\n".join(reply.text for reply in handle(inbound))

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(send, range(20)))

    assert all("DARURAT" in answer for answer in answers)
    assert len(urgent_tickets()) == get_config().limits.urgent_tickets_per_source.failures
    assert len(notices()) == get_config().limits.urgent_tickets_per_source.failures
