"""Privacy tests use the console's fixtures (an officer's browser) and a worker who filed a full complaint."""

from __future__ import annotations

from sqlmodel import select

from bot.db import session_scope
from bot.models import Ticket
from tests.desk.conftest import console as console  # the fixture, re-exported for this folder
from tests.support import Chat
from tests.test_conversation import complete_complaint

PASSPORT, NIK = "C1234567", "3174015501900001"


def complaint(user: str = "worker-1", nik: str = "lewati", **answers: str) -> Ticket:
    """A worker's confirmed complaint with passport number C1234567 (and ``nik`` when given; other
    ``answers`` as :func:`complete_complaint` takes them)."""
    chat = Chat(user=user)
    chat.consent()
    identity = PASSPORT if nik == "lewati" else f"{PASSPORT} {nik}"  # one answer for "passport and/or NIK"
    complete_complaint(chat, identity=identity, **answers)
    chat.press("Kirim")
    with session_scope() as db:
        ticket = db.exec(select(Ticket).order_by(Ticket.id.desc())).first()  # type: ignore[union-attr]
        assert ticket is not None
        return ticket
