"""Attachments open only for the ticket's queue and every opening is audited; reports count and measure."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot import tickets
from bot.config import get_config, get_settings
from bot.db import session_scope
from bot.models import Attachment, Message, Officer, Ticket, TicketEvent
from desk import reports
from desk.queries import Filters
from tests.desk.conftest import add_officer, ticket_from_chat


def _attach(ticket: Ticket, relative_path: str) -> Attachment:
    with session_scope() as db:
        message = db.exec(select(Message).where(Message.conversation_id == ticket.conversation_id)).first()
        assert message is not None and message.id is not None
        row = Attachment(
            message_id=message.id,
            ticket_id=ticket.id,
            kind="photo",
            content_type="image/jpeg",
            filename="slip-gaji.jpg",
            path=relative_path,
        )
        db.add(row)
        db.flush()
        assert row.id is not None
        return row


def test_attachment_opens_for_the_queues_officer_only_and_is_audited(console) -> None:
    ticket = ticket_from_chat()
    folder = get_settings().attachments_path
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "abc.jpg").write_bytes(b"\xff\xd8 payslip")
    attachment = _attach(ticket, "abc.jpg")
    officer_id = add_officer("ani")
    add_officer("budi", queues=("middle_east",))
    url = f"/console/t/{ticket.ref}/attachments/{attachment.token}"
    assert console("budi").get(url).status_code == 404
    response = console("ani").get(url)
    assert response.status_code == 200 and response.content == b"\xff\xd8 payslip"
    assert response.headers["content-disposition"].startswith("attachment")
    with session_scope() as db:
        seen = db.exec(select(TicketEvent).where(TicketEvent.kind == "viewed")).all()
    assert (f"officer:{officer_id}", f"attachment:{attachment.id}") in [
        (e.actor, e.detail["what"]) for e in seen
    ]


def test_attachment_path_outside_the_attachments_folder_is_not_served(console) -> None:
    ticket = ticket_from_chat()
    get_settings().attachments_path.mkdir(parents=True, exist_ok=True)
    attachment = _attach(ticket, "../secret.key")
    add_officer("ani")
    assert console("ani").get(f"/console/t/{ticket.ref}/attachments/{attachment.token}").status_code == 404


def test_report_counts_tickets_and_medians_response_times() -> None:
    first, second = ticket_from_chat("worker-1"), ticket_from_chat("worker-2")
    with session_scope() as db:
        officer = Officer(
            username="sari", display_name="Sari", role="supervisor", password_hash="x", queues=["helpdesk"]
        )
        db.add(officer)
        db.flush()
        assert officer.id is not None
        for ticket, hours in ((first, 2), (second, 4)):
            row = db.get(Ticket, ticket.id)
            assert row is not None
            tickets.reply(db, row, officer.id, "Kami bantu", now=row.created_at + timedelta(hours=hours))
        row = db.get(Ticket, second.id)
        assert row is not None
        tickets.resolve(db, row, "officer:1", "selesai", now=row.created_at + timedelta(hours=10))
        report = reports.build(db, officer, Filters(), first.created_at + timedelta(hours=11))
    assert report.total == 2 and report.by["status"] == {"open": 1, "resolved": 1}
    assert report.median_resolution_hours == 10
    assert report.by["queue"]["helpdesk"] == 2 and report.by["category"]["other"] == 2
    assert report.median_first_response_hours == 3
    assert sum(report.by["week"].values()) == 2
    assert get_config().queues["helpdesk"]  # the queue the chat was routed to
