"""An officer's work on a ticket: claim, reply through the outbox, notes, status with reason, rating."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from unittest import mock

from sqlmodel import col, select

from bot import tickets
from bot.clock import utcnow
from bot.db import session_scope
from bot.models import Conversation, Message, Officer, Ticket, TicketEvent
from bot.outbox import take_pending
from tests.desk.conftest import add_officer, ticket_from_chat
from tests.support import Chat

DAYTIME_IN_JAKARTA = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 10:00 WIB
NIGHT_IN_JAKARTA = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # 00:00 WIB


def _ticket(ticket_id: int | None) -> Ticket:
    with session_scope() as db:
        row = db.get(Ticket, ticket_id)
        assert row is not None
        return row


def _events(ticket_id: int | None) -> list[str]:
    with session_scope() as db:
        rows = db.exec(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(col(TicketEvent.id))
        )
        return [row.kind for row in rows]


def test_second_claim_of_the_same_ticket_loses(console) -> None:
    ticket = ticket_from_chat()
    ani, _budi = add_officer("ani"), add_officer("budi")
    assert console("ani").post(f"/console/t/{ticket.ref}/claim").status_code == 303
    assert console("budi").post(f"/console/t/{ticket.ref}/claim").status_code == 409
    row = _ticket(ticket.id)
    assert row.assignee_id == ani and row.status == "open"


def test_next_ticket_claims_the_most_pressing_unassigned_one(console) -> None:
    ordinary = ticket_from_chat("worker-1")
    urgent = ticket_from_chat("worker-2", "tolong saya dipukuli majikan")
    add_officer("ani", queues=("helpdesk", "urgent"))
    response = console("ani").post("/console/next")
    assert response.headers["location"] == f"/console/t/{urgent.ref}"
    assert _ticket(ordinary.id).assignee_id is None


def test_reply_reaches_the_worker_through_the_outbox_and_sets_first_response(console) -> None:
    ticket = ticket_from_chat("worker-1")
    officer_id = add_officer("ani")
    view = console("ani")
    with mock.patch("desk.web.utcnow", return_value=DAYTIME_IN_JAKARTA):
        assert (
            view.post(f"/console/t/{ticket.ref}/reply", {"text": "Halo Bu Siti, kami bantu."}).status_code
            == 303
        )
    with session_scope() as db:
        out = db.exec(select(Message).where(Message.author == f"officer:{officer_id}")).one()
        assert (out.status, out.ticket_id, out.direction, out.channel) == (
            "pending",
            ticket.id,
            "out",
            "console",
        )
    assert _ticket(ticket.id).first_response_at is not None
    assert "reply" in _events(ticket.id)
    delivered = take_pending("console", "worker-1")
    assert any("Halo Bu Siti, kami bantu." in reply.text and ticket.ref in reply.text for reply in delivered)


def test_workers_answer_after_a_reply_is_filed_on_the_ticket(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani")
    with mock.patch("desk.web.utcnow", return_value=DAYTIME_IN_JAKARTA):
        console("ani").post(f"/console/t/{ticket.ref}/reply", {"text": "Di kota mana Anda bekerja?"})
    Chat(user="worker-1").send("Di Taipei, Pak")
    with session_scope() as db:
        filed = db.exec(
            select(Message).where(Message.ticket_id == ticket.id, Message.direction == "in")
        ).all()
    assert "Di Taipei, Pak" in [m.text for m in filed]


def test_reply_at_night_in_the_workers_time_needs_confirmation(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani")
    view = console("ani")
    with mock.patch("desk.web.utcnow", return_value=NIGHT_IN_JAKARTA):
        warned = view.post(f"/console/t/{ticket.ref}/reply", {"text": "Halo"})
        assert warned.status_code == 409 and "malam" in warned.text
        assert "reply" not in _events(ticket.id)
        sent = view.post(f"/console/t/{ticket.ref}/reply", {"text": "Halo", "confirm_night": "1"})
    assert sent.status_code == 303
    assert "reply" in _events(ticket.id)


def test_internal_note_is_never_sent_to_the_worker(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani")
    take_pending("console", "worker-1")
    console("ani").post(f"/console/t/{ticket.ref}/note", {"text": "Majikan sudah dihubungi KDEI"})
    assert take_pending("console", "worker-1") == []
    assert "note" in _events(ticket.id)
    assert "Majikan sudah dihubungi KDEI" in console("ani").get(f"/console/t/{ticket.ref}").text


def test_status_change_needs_a_reason(console) -> None:
    ticket = ticket_from_chat()
    add_officer("ani")
    view = console("ani")
    assert (
        view.post(
            f"/console/t/{ticket.ref}/status", {"status": "waiting_on_reporter", "reason": ""}
        ).status_code
        == 400
    )
    assert (
        view.post(
            f"/console/t/{ticket.ref}/status",
            {"status": "waiting_on_reporter", "reason": "perlu nomor paspor"},
        ).status_code
        == 303
    )
    with session_scope() as db:
        event = db.exec(
            select(TicketEvent).where(TicketEvent.kind == "status").order_by(col(TicketEvent.id).desc())
        ).first()
    assert event is not None and event.detail["reason"] == "perlu nomor paspor"


def test_labels_are_kept_and_audited(console) -> None:
    ticket = ticket_from_chat()
    add_officer("ani")
    console("ani").post(f"/console/t/{ticket.ref}/labels", {"labels": "Gaji, kdei , gaji"})
    assert _ticket(ticket.id).labels == ["gaji", "kdei"]
    assert "labels" in _events(ticket.id)


def test_resolving_asks_the_worker_for_a_rating_and_a_comment(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani")
    console("ani").post(
        f"/console/t/{ticket.ref}/status", {"status": "resolved", "reason": "gaji sudah dibayar"}
    )
    question = take_pending("console", "worker-1")
    assert [b.label for b in question[-1].buttons] == ["1", "2", "3", "4", "5"]
    worker = Chat(user="worker-1")
    worker.send("5")
    assert "komentar" in worker.text
    worker.send("Terima kasih, sangat membantu")
    row = _ticket(ticket.id)
    assert (row.status, row.rating, row.rating_comment) == ("resolved", 5, "Terima kasih, sangat membantu")
    assert row.resolved_at is not None


def test_supervisor_reassigns_and_officer_can_only_release_own_ticket(console) -> None:
    ticket = ticket_from_chat()
    ani = add_officer("ani")
    budi = add_officer("budi")
    add_officer("sari", role="supervisor")
    assert console("budi").post(f"/console/t/{ticket.ref}/assign", {"officer": str(budi)}).status_code == 403
    console("sari").post(f"/console/t/{ticket.ref}/assign", {"officer": str(ani), "queue": "helpdesk"})
    assert _ticket(ticket.id).assignee_id == ani
    console("ani").post(f"/console/t/{ticket.ref}/assign", {"officer": ""})
    assert _ticket(ticket.id).assignee_id is None


def test_danger_ticket_raises_a_live_notice_without_personal_data(console) -> None:
    ticket = ticket_from_chat("worker-2", "tolong saya dipukuli majikan")
    add_officer("ani", queues=("urgent",))
    view = console("ani")
    with session_scope() as db:
        assert tickets.find_by_ref(db, ticket.ref) is not None
    first = view.get("/console/notices.json").json()
    assert first["notices"] == []
    feed = view.get("/console/notices.json?after=0").json()
    assert [n["kind"] for n in feed["notices"]] == ["urgent"]
    assert ticket.ref in feed["notices"][0]["text"] and "Siti" not in feed["notices"][0]["text"]


def test_canned_answer_fills_its_placeholders_into_the_reply_box(console) -> None:
    from bot.models import CannedAnswer

    ticket = ticket_from_chat()
    with session_scope() as db:
        db.add(CannedAnswer(title="Terima", language="en", text="Report {ref}: received."))
        db.add(
            CannedAnswer(title="Diterima", language="id", text="Laporan {ref} diterima, hubungi {hotline}.")
        )
    add_officer("ani")
    view = console("ani")
    page = view.get(f"/console/t/{ticket.ref}").text
    assert page.index("Diterima (id)") < page.index("Terima (en)")  # the worker's language first
    with session_scope() as db:
        canned_id = db.exec(select(CannedAnswer.id).where(CannedAnswer.language == "id")).one()
    filled = view.get(f"/console/t/{ticket.ref}", params={"canned": str(canned_id)}).text
    assert f"Laporan {ticket.ref} diterima, hubungi 0800-1000." in filled


def test_the_intake_reads_as_the_form_asked_it_not_as_stored_codes(console) -> None:
    from tests.test_conversation import complete_complaint

    chat = Chat(user="worker-intake")
    chat.consent()
    complete_complaint(chat)
    chat.press("Kirim")
    with session_scope() as db:
        ticket = db.exec(select(Ticket)).one()
    add_officer("sari", role="supervisor", queues=(ticket.queue,))

    page = console("sari").get(f"/console/t/{ticket.ref}").text

    for shown in (
        "Hong Kong",
        "Gaji tidak dibayar",
        "Pekerja sendiri",
        "Persetujuan pelapor",
        "diri sendiri",
    ):
        assert shown in page
    assert "Nomor paspor" in page and "C1234567" in page  # a supervisor sees it in full
    for code in ("unpaid_wages", ">HK<", "departure_date", "(self)", ">consent<", "safe_now"):
        assert code not in page


def test_the_pin_told_to_the_person_is_hidden_from_officers(console) -> None:
    chat = Chat(user="worker-pin")
    chat.consent()
    chat.send("saya mau bunuh diri")  # an urgent ticket, with its PIN told in the chat
    [pin] = re.findall(r"PIN\W{0,3}(\d{6})", chat.text)
    with session_scope() as db:
        ticket = db.exec(select(Ticket)).one()
    add_officer("sari", role="supervisor", queues=(ticket.queue,))

    page = console("sari").get(f"/console/t/{ticket.ref}").text

    assert ticket.ref in page and "PIN ••••••" in page
    assert pin not in page


def test_assigning_to_a_disabled_officer_or_one_outside_the_queue_is_refused_on_the_page(console) -> None:
    ticket = ticket_from_chat()  # queue helpdesk
    away = add_officer("away", queues=("urgent",))
    gone = add_officer("gone")
    with session_scope() as db:
        officer = db.get(Officer, gone)
        assert officer is not None
        officer.active = False
        db.add(officer)
    add_officer("sari", role="supervisor", queues=("helpdesk", "urgent"))
    view = console("sari")
    outside = view.post(f"/console/t/{ticket.ref}/assign", {"officer": str(away), "queue": "helpdesk"})
    assert outside.status_code == 400 and "tidak bekerja di antrean tujuan" in outside.text
    disabled = view.post(f"/console/t/{ticket.ref}/assign", {"officer": str(gone), "queue": "helpdesk"})
    assert disabled.status_code == 400 and "tidak aktif" in disabled.text
    assert _ticket(ticket.id).assignee_id is None
    moved = view.post(f"/console/t/{ticket.ref}/assign", {"officer": str(away), "queue": "urgent"})
    assert moved.status_code == 303  # the officer works the queue the ticket moves to
    assert (_ticket(ticket.id).assignee_id, _ticket(ticket.id).queue) == (away, "urgent")


def test_the_whatsapp_warning_shows_when_the_sender_would_send_a_template(console) -> None:
    """The console warns from the moment the sender no longer writes free text (a minute short of 24 h)."""
    chat = Chat(user="whatsapp:+6281200000002", channel="whatsapp")
    chat.consent()
    chat.send("petugas")
    add_officer("ani")
    view = console("ani")

    def page_since_last_message(ago: timedelta) -> str:
        with session_scope() as db:
            ticket = db.exec(select(Ticket)).one()
            conversation = db.get(Conversation, ticket.conversation_id)
            assert conversation is not None
            conversation.last_inbound_at = utcnow() - ago
            db.add(conversation)
        page = view.get(f"/console/t/{ticket.ref}")
        assert page.status_code == 200 and ticket.ref in page.text
        return page.text

    warning = "Lebih dari 24 jam sejak pesan terakhir"
    assert warning not in page_since_last_message(timedelta(hours=23, minutes=58))
    assert warning in page_since_last_message(timedelta(hours=23, minutes=59, seconds=30))
