"""Export and erasure: the CLI, the chat request, the officer's confirmation; erasure keeps the statistics."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result
from sqlmodel import select

from app.cli import cli
from bot.config import get_settings
from bot.db import session_scope
from bot.messages import IncomingAttachment
from bot.models import Attachment, Contact, Ticket, TicketEvent
from tests.desk.conftest import add_officer
from tests.privacy.conftest import NIK, PASSPORT, complaint
from tests.privacy.test_encryption import raw_rows
from tests.support import Chat


def _run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_export_holds_contact_messages_tickets_decrypted_events_and_files() -> None:
    ticket = complaint(nik=NIK)
    data = json.loads(_run("privacy", "export", "--contact", str(ticket.contact_id)).stdout)
    assert data["contact"]["external_id"] == "worker-1"
    assert any("Gaji saya tidak dibayar" in m["text"] for m in data["messages"])
    [exported] = data["tickets"]
    assert exported["ref"] == ticket.ref and exported["intake"]["passport_number"] == PASSPORT
    assert exported["worker"]["nik"] == NIK
    assert {"created"} <= {event["kind"] for event in data["events"]}
    assert data["conversations"] and "attachments" in data


def test_erasure_removes_personal_data_keeps_statistics_and_is_recorded() -> None:
    ticket = complaint(user="worker-9", nik=NIK)
    photo = get_settings().attachments_path / "ab" / "abcdef"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8 payslip")
    evidence = IncomingAttachment("photo", "file-1", "image/jpeg", None, 10, path=str(photo))
    Chat(user="worker-9", name="Siti Aminah").send("", attachments=(evidence,))
    log = _run("privacy", "erase", "--contact", str(ticket.contact_id)).stderr
    for table in ("ticket", "message", "conversation", "contact", "ticketevent", "attachment", "faqquestion"):
        raw = raw_rows(table)
        for personal in (
            "Siti",
            "Aminah",
            "1234567",
            "01900001",
            "Gaji saya tidak dibayar",
            "Kowloon",
            "worker-9",
        ):
            assert personal not in raw, (table, personal)
    assert not photo.exists()
    with session_scope() as db:
        row = db.get(Ticket, ticket.id)
        assert row is not None and row.erased_at is not None
        assert (row.category, row.worker_country, row.queue, row.status) == (
            "unpaid_wages",
            "HK",
            "asia_pacific",
            "new",
        )
        assert row.created_at == ticket.created_at
        assert db.exec(select(TicketEvent).where(TicketEvent.kind == "erased")).all()
        assert db.exec(select(Attachment)).first() is not None  # metadata without name or file
    assert "erased contact" in log and "Siti" not in log  # the CLI's masked log line


@pytest.mark.parametrize(("typed", "wanted"), [("minta data saya", "export"), ("Hapus data saya", "erase")])
def test_a_worker_asks_in_the_chat_and_a_ticket_records_the_request(typed: str, wanted: str) -> None:
    chat = Chat()
    chat.consent()
    chat.send(typed)
    assert ("petugas" in chat.text.lower()) and ("dikonfirmasi" in chat.text) == (wanted == "erase")
    with session_scope() as db:
        [event] = db.exec(select(TicketEvent).where(TicketEvent.kind == "privacy_request")).all()
        ticket = db.get(Ticket, event.ticket_id)
        assert event.detail == {"request": wanted} and ticket is not None
        assert (ticket.category, ticket.queue) == ("other", "helpdesk")
        assert db.exec(select(Contact)).one().display_name == "Siti"  # nothing erased yet


def test_erasure_waits_for_a_supervisors_confirmation_on_the_ticket_page(console) -> None:
    complaint(user="worker-1")
    chat = Chat()
    chat.send("hapus data saya")
    add_officer("ani")
    add_officer("sari", role="supervisor", queues=("helpdesk", "asia_pacific"))
    with session_scope() as db:
        request = db.exec(select(Ticket).where(Ticket.queue == "helpdesk")).one()
    officer, supervisor = console("ani"), console("sari")
    assert "/erase" not in officer.get(f"/console/t/{request.ref}").text
    assert officer.post(f"/console/t/{request.ref}/erase").status_code == 403
    assert "/erase" in supervisor.get(f"/console/t/{request.ref}").text
    assert supervisor.post(f"/console/t/{request.ref}/erase").status_code == 303
    with session_scope() as db:
        assert all(t.erased_at is not None for t in db.exec(select(Ticket)))
        assert db.exec(select(Contact)).one().display_name is None
    assert "/erase" not in supervisor.get(f"/console/t/{request.ref}").text
