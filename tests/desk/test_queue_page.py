"""The queue page: views with counts, filters, overdue, and search over references, names, passport numbers
and messages."""

from __future__ import annotations

from datetime import timedelta

from bot import pii, tickets
from bot.clock import utcnow
from bot.db import session_scope
from tests.desk.conftest import add_officer, ticket_from_chat
from tests.support import Chat


def _intake(ref: str, **values: str) -> None:
    with session_scope() as db:
        ticket = tickets.find_by_ref(db, ref)
        assert ticket is not None
        ticket.intake = pii.seal(ticket, {**ticket.intake, **values})  # as open_ticket does
        ticket.worker_name = values.get("worker_name", ticket.worker_name)
        db.add(ticket)


def test_search_finds_tickets_by_reference_name_passport_and_message_text(console) -> None:
    one = ticket_from_chat("worker-1")
    two = ticket_from_chat("worker-2")
    _intake(one.ref, passport_number="C7654321", worker_name="Siti Rahayu")
    Chat(user="worker-2").send("majikan menahan gaji bulan Oktober")
    add_officer("sari", role="supervisor")  # identity numbers are searchable by roles that may see them
    view = console("sari")

    def found(term: str) -> set[str]:
        page = view.get("/console/", params={"q": term}).text
        return {ref for ref in (one.ref, two.ref) if ref in page}

    assert found(one.ref.lower()) == {one.ref}
    assert found("rahayu") == {one.ref}
    assert found("c 7654321") == {one.ref}  # the whole number, as typed: matched through its keyed hash
    assert found("7654321") == set()
    assert found("gaji bulan oktober") == {two.ref}
    assert found("100%") == set()


def test_views_count_mine_unassigned_and_urgent(console) -> None:
    ordinary = ticket_from_chat("worker-1")
    ticket_from_chat("worker-2", "tolong saya dipukuli majikan")
    add_officer("ani", queues=("helpdesk", "urgent"))
    view = console("ani")
    view.post(f"/console/t/{ordinary.ref}/claim")
    mine = view.get("/console/", params={"view": "mine"}).text
    assert ordinary.ref in mine
    unassigned = view.get("/console/", params={"view": "unassigned"}).text
    assert ordinary.ref not in unassigned
    urgent = view.get("/console/", params={"view": "urgent"}).text
    assert "DARURAT" in urgent and ordinary.ref not in urgent


def test_overdue_filter_shows_only_tickets_past_their_deadline(console) -> None:
    ticket = ticket_from_chat()
    add_officer("ani")
    view = console("ani")
    assert ticket.ref not in view.get("/console/", params={"overdue": "1"}).text
    with session_scope() as db:  # as if the ticket had come in two days ago
        row = tickets.find_by_ref(db, ticket.ref)
        assert row is not None
        row.first_response_due = utcnow() - timedelta(days=1)
        db.add(row)
    page = view.get("/console/", params={"overdue": "1"}).text
    assert ticket.ref in page and "Lewat tenggat" in page


def test_filters_by_status_and_category(console) -> None:
    ticket = ticket_from_chat()
    add_officer("ani")
    view = console("ani")
    assert ticket.ref in view.get("/console/", params={"status": "new", "category": "other"}).text
    assert ticket.ref not in view.get("/console/", params={"status": "resolved"}).text
    assert ticket.ref not in view.get("/console/", params={"category": "violence"}).text


def test_interface_switches_to_english(console) -> None:
    add_officer("ani")
    view = console("ani")
    assert view.post("/console/language", {"language": "en", "next": "/console/"}).status_code == 303
    page = view.get("/console/")
    assert 'lang="en"' in page.text and "All in my queues" in page.text


def test_supervisor_filters_the_queue_by_officer(console) -> None:
    ani_ticket = ticket_from_chat("worker-1")
    other = ticket_from_chat("worker-2")
    ani = add_officer("ani")
    add_officer("sari", role="supervisor")
    console("ani").post(f"/console/t/{ani_ticket.ref}/claim")
    page = console("sari").get("/console/", params={"assignee": str(ani)}).text
    assert ani_ticket.ref in page and other.ref not in page
