"""Random conversations: whatever people send, the help desk keeps its promises.

Invariants checked after every message: no handler failure (no message stored as ``failed``), at least one
reply, a confirmed form gives exactly one ticket, and no ticket exists without consent except an urgent one
opened on the vital-interest basis.
"""

from __future__ import annotations

from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from bot.db import session_scope
from bot.models import Contact, Conversation, Message, Ticket
from tests.support import Chat

COMMANDS = [
    "menu",
    "batal",
    "kembali",
    "lewati",
    "selesai",
    "ya",
    "tidak",
    "status",
    "lapor",
    "petugas",
    "keluarga",
    "english",
    "bahasa",
    "/start",
    "/start ref-123",
    "ubah 3",
    "kirim",
    "1",
    "2",
    "3",
    "14",
]
DANGER = [
    "tolong saya dipukul majikan",
    "sy mau bunuh diri",
    "dikurung di kamar",
    "paspor ditahan agen",
    "diperkosa",
    "SOS",
    "help me i am locked in",
]
ANSWERS = [
    "Siti Aminah",
    "C1234567",
    "3174015501900001",
    "taiwan",
    "hk",
    "arab saudi",
    "maret 2023",
    "3 bulan lalu",
    "12/3/2024",
    "PT Maju",
    "gaji saya blm dibayar 3 bulan",
    "brp biaya ke taiwan",
]
NOISE = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "So", "Sk"]), max_size=40),
    st.just("😀" * 300),
    st.just("x" * 5000),
    st.just("\u202egaji\u202c \x00\x1b[31m"),
)
MESSAGE = st.one_of(st.sampled_from(COMMANDS), st.sampled_from(DANGER), st.sampled_from(ANSWERS), NOISE)
_people = count(1)


def _press_or_type(data: st.DataObject, chat: Chat) -> None:
    offered = [button for reply in chat.replies for button in reply.buttons]
    if offered and data.draw(st.booleans(), label="press a button"):
        button = data.draw(st.sampled_from(offered), label="button")
        chat.send(button.label, button=button.value)
    else:
        chat.send(data.draw(MESSAGE, label="message"))


def _check_invariants(chat: Chat, tickets_before: int) -> int:
    assert chat.replies, "every message gets at least one reply"
    with session_scope() as session:
        contact = session.exec(select(Contact).where(Contact.external_id == chat.user)).one()
        conversation = session.exec(select(Conversation).where(Conversation.chat_id == chat.user)).one()
        failed = session.exec(
            select(Message).where(Message.conversation_id == conversation.id, Message.status == "failed")
        ).all()
        tickets = session.exec(select(Ticket).where(Ticket.contact_id == contact.id)).all()
    assert not failed, "no handler failed"
    for ticket in tickets:
        if ticket.legal_basis == "consent":
            assert contact.consent_at is not None and contact.consent_at <= ticket.created_at
        elif ticket.legal_basis == "public_service":  # a person asked for before consent: no report in it
            assert ticket.category == "other" and not ticket.intake
        else:
            assert ticket.legal_basis == "vital_interest" and ticket.urgent
    if "Laporan Anda sudah kami terima" in chat.text:
        assert len(tickets) == tickets_before + 1, "a confirmed form is exactly one ticket"
    return len(tickets)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), length=st.integers(min_value=1, max_value=25))
def test_random_conversations_keep_the_invariants(data: st.DataObject, length: int) -> None:
    chat = Chat(user=f"fuzz-{next(_people)}")
    tickets = 0
    for _ in range(length):
        _press_or_type(data, chat)
        tickets = _check_invariants(chat, tickets)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_consenting_person_who_answers_everything_ends_with_one_ticket(data: st.DataObject) -> None:
    """Consent, start a report, then keep pressing the first offered button or typing a plausible answer:
    a confirmed summary always yields exactly one ticket."""
    chat = Chat(user=f"walker-{next(_people)}")
    chat.consent()
    chat.press("Laporkan masalah saya")
    tickets = 0
    for _ in range(30):
        offered = [
            b for reply in chat.replies for b in reply.buttons if b.value not in ("form_back", "form_cancel")
        ]
        if offered:
            button = data.draw(st.sampled_from(offered), label="button")
            chat.send(button.label, button=button.value)
        else:
            chat.send(data.draw(st.sampled_from(ANSWERS), label="answer"))
        tickets = _check_invariants(chat, tickets)
