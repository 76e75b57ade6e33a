"""The danger flow fits the danger: advice per kind, families asked about the worker, no privacy notice in the
middle of an emergency, the reader's reason on the ticket."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot import tickets
from bot.db import session_scope
from bot.models import Officer, Ticket, TicketEvent
from tests.support import Chat


@pytest.fixture(autouse=True)
def danger_model_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the learned reader's place in the flow and on the ticket."""
    monkeypatch.setenv("DANGER_MODEL", "on")


def only_ticket() -> Ticket:
    with session_scope() as session:
        [ticket] = session.exec(select(Ticket)).all()
        return ticket


def events(ticket_id: int, kind: str) -> list[TicketEvent]:
    with session_scope() as session:
        return list(
            session.exec(
                select(TicketEvent).where(TicketEvent.ticket_id == ticket_id, TicketEvent.kind == kind)
            )
        )


def test_someone_who_wants_to_end_their_life_gets_a_crisis_line_and_a_human_at_once(chat: Chat) -> None:
    chat.send("sy pengen mati aja, udah gk kuat idup")
    ticket = only_ticket()
    assert ticket.urgent and ticket.category == "illness"
    assert "119 ext. 8" in chat.text  # the configured crisis line
    assert "Di mana Anda sekarang" not in chat.text  # no questionnaire first
    with session_scope() as session:
        assert session.get(Ticket, ticket.id).conversation_id is not None
    chat.send("sy sendirian di kamar")
    assert "diteruskan ke petugas" in chat.text  # the chat is with the officer already


def test_a_medical_emergency_gets_the_countrys_ambulance_number_first(chat: Chat) -> None:
    chat.send("teman sy pingsan di dapur gk bangun2, majikan gk mau bawa ke dokter, kami di taipei taiwan")
    assert only_ticket().urgent
    assert chat.text.index("Ambulans Taiwan: 119") < chat.text.index("Jika Anda dalam bahaya langsung")


def test_someone_locked_in_is_not_told_to_go_somewhere_safe(chat: Chat) -> None:
    chat.send("saya dikurung di kamar sama majikan, hp mau diambil")
    assert "Jika aman untuk membalas" in chat.text
    chat.send("riyadh")
    chat.press("Tidak aman")
    assert "pergilah ke tempat yang aman" not in chat.text
    assert "Jangan mengambil risiko" in chat.text


def test_a_family_member_is_asked_about_the_worker_and_recorded_as_reporter(chat: Chat) -> None:
    chat.send("anak saya di malaysia dipukuli majikannya tiap hari")
    ticket = only_ticket()
    assert ticket.urgent and ticket.reporter_relationship == "parent" and ticket.supplied_by == "reporter"
    assert ticket.worker_country == "MY"
    assert "Di mana dia sekarang" in chat.text and "Apakah Anda aman" not in chat.text
    chat.send("di johor bahru, rumah majikannya")
    assert "terakhir Anda mendapat kabar" in chat.text
    chat.send("kemarin malam dia telpon nangis")
    with session_scope() as session:
        assert session.get(Ticket, ticket.id).intake["last_news"] == "kemarin malam dia telpon nangis"


def test_no_full_privacy_notice_during_danger_but_after_the_officer_answers(chat: Chat) -> None:
    chat.send("tolong saya dipukuli majikan")
    chat.send("taipei")
    chat.press("Tidak aman")
    assert "Pemberitahuan privasi" not in chat.text
    assert "Data Anda kami jaga" in chat.text
    chat.send("sy takut")
    assert "Pemberitahuan privasi" not in chat.text  # no officer has answered yet
    ticket = only_ticket()
    with session_scope() as session:
        officer = Officer(
            username="ani", display_name="Ani", role="officer", queues=["urgent"], password_hash="x"
        )
        session.add(officer)
        session.flush()
        assert officer.id is not None
        tickets.reply(session, session.get(Ticket, ticket.id), officer.id, "Kami sedang menghubungi polisi.")
    chat.send("terima kasih")
    assert "Pemberitahuan privasi" in chat.text


def test_the_ticket_records_why_the_reader_found_danger(chat: Chat) -> None:
    chat.send("majikan sy mukul kepala sy pake sapu")
    ticket = only_ticket()
    assert ticket.id is not None
    [event] = events(ticket.id, "danger")
    assert event.detail["danger"] == "violence" and event.detail["rule"] and 0 < event.detail["score"] <= 1
    assert event.detail["message_id"]


def test_a_past_chronology_typed_in_a_report_form_does_not_interrupt_it(chat: Chat) -> None:
    chat.consent()
    chat.press("Laporkan masalah saya")
    for answer in ["Siti Aminah", "taiwan", "lewati", "lewati", "lewati", "lewati"]:
        chat.send(answer)
    chat.press("Gaji tidak dibayar")
    chat.send(
        "dr bulan agustus kmrn gaji ga dikasih, katanya majikan lg susah, tiap sy tanya malah dimarahin"
    )
    assert "Apakah Anda aman sekarang?" in chat.text and "DARURAT" not in chat.text
    chat.send("skrg sy dikunci di kamar, hp mau diambil")  # present danger still interrupts, even in a form
    assert "DARURAT" in chat.text
