"""Erasure takes exactly one ticket's data (its messages, intake, files), leaves nothing of it behind, and the
console shows and searches only a ticket's own messages; erasure in the console needs an open request."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from sqlmodel import select

from app.cli import cli
from bot import tickets
from bot.clock import utcnow
from bot.config import get_config, get_settings
from bot.db import session_scope
from bot.messages import IncomingAttachment
from bot.models import Attachment, Contact, Message, Ticket, TicketEvent
from desk import scheduler
from tests.desk.conftest import add_officer
from tests.privacy.test_encryption import raw_rows
from tests.support import Chat
from tests.test_conversation import complete_complaint

INTAKE = ("Siti Aminah", "Kowloon", "Mr Chan", "PT Maju Jaya", "Gaji saya tidak dibayar")


def _evidence(name: str) -> tuple[Path, IncomingAttachment]:
    photo = get_settings().attachments_path / "ev" / name
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8 payslip " + name.encode())
    return photo, IncomingAttachment("photo", f"file-{name}", "image/jpeg", None, 10, path=str(photo))


def _complaint_with_evidence(chat: Chat, name: str) -> tuple[Ticket, Path]:
    """A confirmed complaint whose evidence step got a photo (added from the summary)."""
    complete_complaint(chat)
    chat.send("ubah 13")
    photo, attachment = _evidence(name)
    chat.send("", attachments=(attachment,))
    chat.press("Selesai")
    chat.press("Kirim")
    with session_scope() as db:
        ticket = db.exec(select(Ticket).order_by(Ticket.id.desc())).first()  # type: ignore[union-attr]
        assert ticket is not None and ticket.category == "unpaid_wages"
        return ticket, photo


def _ask_for_officer(chat: Chat, text: str) -> Ticket:
    chat.send("menu")
    chat.press("Bicara dengan petugas")
    chat.send(text)
    with session_scope() as db:
        ticket = db.exec(select(Ticket).order_by(Ticket.id.desc())).first()  # type: ignore[union-attr]
        assert ticket is not None
        return ticket


def _texts(ticket_id: int | None) -> str:
    with session_scope() as db:
        return "\n".join(m.text for m in db.exec(select(Message).where(Message.ticket_id == ticket_id)))


def test_a_form_conversation_is_filed_on_the_ticket_it_opens() -> None:
    chat = Chat()
    chat.consent()
    ticket, _photo = _complaint_with_evidence(chat, "a")
    texts = _texts(ticket.id)
    assert all(answer in texts for answer in INTAKE)
    assert "Mohon periksa laporan Anda" in texts  # the bot's questions and summary too
    with session_scope() as db:
        [attachment] = db.exec(select(Attachment)).all()
        message = db.get(Message, attachment.message_id)
        assert attachment.ticket_id == ticket.id and message is not None and message.ticket_id == ticket.id


def test_retention_erases_the_intake_and_files_of_a_closed_ticket_and_nothing_of_a_later_open_one() -> None:
    chat = Chat()
    chat.consent()
    closed, photo = _complaint_with_evidence(chat, "b")
    with session_scope() as db:
        row = db.get(Ticket, closed.id)
        assert row is not None
        tickets.change_status(db, row, "closed", "officer:1", "selesai")
    later = _ask_for_officer(chat, "tolong bantu urusan kontrak baru")
    assert later.id != closed.id
    days = get_config().retention.closed_ticket_days
    assert scheduler.run_once(utcnow() + timedelta(days=days + 1), holder="a").erased == 1  # type: ignore[union-attr]
    raw = raw_rows("message")
    for answer in INTAKE:
        assert answer not in raw, answer
    assert not photo.exists()
    assert "tolong bantu urusan kontrak baru" in _texts(later.id)
    with session_scope() as db:
        kept = db.get(Ticket, later.id)
        assert kept is not None and kept.erased_at is None


def test_the_ticket_page_and_search_show_only_the_tickets_own_messages(console) -> None:
    chat = Chat()
    chat.consent()
    complete_complaint(chat)
    chat.press("Kirim")
    chat.send("minta data saya")  # a second ticket of the same chat, in the helpdesk queue
    with session_scope() as db:
        complaint, request = db.exec(select(Ticket).order_by(Ticket.id)).all()
        assert (complaint.queue, request.queue) == ("asia_pacific", "helpdesk")
        tickets.reply(db, complaint, 1, "Kami sudah hubungi agensi PT Maju Jaya")
    add_officer("ani")
    helpdesk = console("ani")
    page = helpdesk.get(f"/console/t/{request.ref}").text
    assert "minta data saya" in page
    for other in ("Mr Chan", "Kowloon", "hubungi agensi"):
        assert other not in page, other
    found = helpdesk.get("/console/", params={"q": "Kowloon"}).text
    assert request.ref not in found and complaint.ref not in found


def test_erasure_leaves_no_reason_label_free_text_answer_or_channel_user_id() -> None:
    chat = Chat(user="777001")
    chat.send("tolong saya dipukuli majikan", message_id="777001:5")
    chat.send("saya di riyadh", message_id="777001:6")
    chat.send("saya dikunci di kamar mandi", message_id="777001:7")
    with session_scope() as db:
        ticket = db.exec(select(Ticket)).one()
        tickets.change_status(db, ticket, "open", "officer:1", "paspor C 7654321 ditahan majikan")
        tickets.set_labels(db, ticket, "officer:1", ["keluarga-aminah"])
        assert ticket.intake["safe_now"] == "saya dikunci di kamar mandi"
    result = CliRunner().invoke(cli, ["privacy", "erase", "--contact", str(ticket.contact_id)])
    assert result.exit_code == 0, result.output
    for table in ("ticket", "ticketevent", "message"):
        raw = raw_rows(table)
        for personal in ("7654321", "keluarga-aminah", "dikunci", "777001"):
            assert personal not in raw, (table, personal)
    wal = Path(get_settings().database_url.removeprefix("sqlite:///") + "-wal")
    assert not get_settings().database_url.startswith("sqlite") or wal.stat().st_size == 0


def test_erasure_in_the_console_needs_an_open_request_and_stays_in_the_officers_queues(console) -> None:
    chat = Chat()
    chat.consent()
    complete_complaint(chat)
    chat.press("Kirim")
    add_officer("root", role="admin")
    add_officer("sari", role="supervisor")  # helpdesk only
    with session_scope() as db:
        complaint = db.exec(select(Ticket)).one()
    admin = console("root")
    assert admin.post(f"/console/t/{complaint.ref}/erase").status_code == 409  # no request
    chat.send("hapus data saya")
    with session_scope() as db:
        request = db.exec(select(Ticket).where(Ticket.queue == "helpdesk")).one()
    supervisor = console("sari")
    assert supervisor.post(f"/console/t/{request.ref}/erase").status_code == 403  # other ticket elsewhere
    with session_scope() as db:
        assert all(t.erased_at is None for t in db.exec(select(Ticket)))
    assert admin.post(f"/console/t/{request.ref}/erase").status_code == 303
    with session_scope() as db:
        erased = db.exec(select(TicketEvent).where(TicketEvent.kind == "erased")).all()
        assert len(erased) == 2
        assert all(e.detail["request"] == request.ref and e.actor.startswith("officer:") for e in erased)
        closed = db.get(Ticket, request.id)
        assert closed is not None and closed.status == "closed"
        assert db.exec(select(Contact)).one().display_name is None
    assert admin.post(f"/console/t/{request.ref}/erase").status_code == 409  # carried out: no longer open


def test_internal_notes_are_withheld_from_the_persons_copy() -> None:
    chat = Chat()
    chat.consent()
    complete_complaint(chat)
    chat.press("Kirim")
    with session_scope() as db:
        ticket = db.exec(select(Ticket)).one()
        tickets.add_note(db, ticket, "officer:1", "curiga laporan palsu, cek dulu")
    result = CliRunner().invoke(cli, ["privacy", "export", "--contact", str(ticket.contact_id)])
    assert result.exit_code == 0, result.output
    assert "curiga laporan palsu" not in result.stdout
    data = json.loads(result.stdout)
    assert [w["kind"] for w in data["withheld"]] == ["note"] and data["withheld"][0]["reason"]
    assert "note" not in {e["kind"] for e in data["events"]}


def test_migration_0006_files_a_form_tickets_earlier_messages_on_it() -> None:
    from alembic import command

    from bot.db import alembic_config, get_engine

    chat = Chat()
    chat.consent()
    ticket, _photo = _complaint_with_evidence(chat, "c")
    chat.send("minta data saya")
    with session_scope() as db:  # as stored before messages were filed when a form opened a ticket
        for message in db.exec(select(Message)):
            message.ticket_id = None
            db.add(message)
    engine = get_engine()
    with engine.begin() as connection:
        cfg = alembic_config(str(engine.url.render_as_string(hide_password=False)))
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0005")
        command.upgrade(cfg, "head")
    texts = _texts(ticket.id)
    assert all(answer in texts for answer in INTAKE) and "minta data saya" not in texts
