"""An officer sees and acts only on tickets of their queues; roles decide reports, admin and identity data."""

from __future__ import annotations

from sqlmodel import select

from bot import pii, tickets
from bot.db import session_scope
from bot.models import Message, Ticket
from tests.desk.conftest import add_officer, ticket_from_chat


def _set_passport(ref: str, passport: str) -> None:
    with session_scope() as db:
        ticket = tickets.find_by_ref(db, ref)
        assert ticket is not None
        ticket.intake = pii.seal(ticket, {**ticket.intake, "passport_number": passport})  # as open_ticket
        db.add(ticket)


def test_officer_cannot_open_another_queues_ticket_by_url(console) -> None:
    ticket = ticket_from_chat()  # "petugas" opens a ticket in the helpdesk queue
    add_officer("budi", queues=("middle_east",))
    view = console("budi")
    assert view.get(f"/console/t/{ticket.ref}").status_code == 404
    assert ticket.ref not in view.get("/console/?view=all").text


def test_officer_cannot_act_on_another_queues_ticket(console) -> None:
    ticket = ticket_from_chat()
    add_officer("budi", queues=("middle_east",))
    view = console("budi")
    for action, data in (("claim", {}), ("reply", {"text": "halo"}), ("note", {"text": "x"})):
        assert view.post(f"/console/t/{ticket.ref}/{action}", data).status_code == 404
    with session_scope() as db:
        row = db.get(Ticket, ticket.id)
        assert row is not None and row.assignee_id is None
        assert not db.exec(select(Message).where(Message.author.startswith("officer"))).all()  # type: ignore[attr-defined]


def test_officer_sees_passport_masked_and_supervisor_in_full(console) -> None:
    ticket = ticket_from_chat()
    _set_passport(ticket.ref, "C1234567")
    add_officer("ani")
    add_officer("sari", role="supervisor")
    assert "C1234567" not in console("ani").get(f"/console/t/{ticket.ref}").text
    assert "C1234567" in console("sari").get(f"/console/t/{ticket.ref}").text


def test_reports_are_for_supervisors_and_admin_pages_for_admins(console) -> None:
    add_officer("ani")
    add_officer("sari", role="supervisor")
    add_officer("root", role="admin", queues=())
    assert console("ani").get("/console/reports").status_code == 403
    assert console("sari").get("/console/reports").status_code == 200
    assert console("sari").get("/console/admin").status_code == 403
    assert console("root").get("/console/admin").status_code == 200


def test_every_view_of_a_ticket_is_audited(console) -> None:
    ticket = ticket_from_chat()
    officer_id = add_officer("ani")
    console("ani").get(f"/console/t/{ticket.ref}")
    with session_scope() as db:
        row = db.get(Ticket, ticket.id)
        assert row is not None
        from bot.models import TicketEvent

        views = db.exec(
            select(TicketEvent).where(TicketEvent.ticket_id == row.id, TicketEvent.kind == "viewed")
        ).all()
    assert [(v.actor, v.detail["what"]) for v in views] == [(f"officer:{officer_id}", "ticket_page")]


def test_csv_export_has_personal_data_only_for_allowed_roles(console) -> None:
    ticket = ticket_from_chat()
    _set_passport(ticket.ref, "C1234567")
    add_officer("ani")
    add_officer("sari", role="supervisor")
    plain = console("ani").get("/console/export.csv").text
    full = console("sari").get("/console/export.csv").text
    assert ticket.ref in plain and "passport_number" not in plain and "C1234567" not in plain
    assert "C1234567" in full


def test_admin_adds_an_account_whose_one_time_password_works(console) -> None:
    add_officer("root", role="admin", queues=())
    admin = console("root")
    page = admin.post("/console/admin/officers", {"username": "Dewi", "role": "officer", "queues": "urgent"})
    assert page.status_code == 200
    password = page.text.split("<code>", 1)[1].split("</code>", 1)[0]
    assert console().login("dewi", password).status_code == 303
    again = admin.post("/console/admin/officers", {"username": "dewi"})
    assert "sudah dipakai" in again.text


def test_officer_cannot_add_accounts(console) -> None:
    add_officer("ani")
    assert console("ani").post("/console/admin/officers", {"username": "x"}).status_code == 403
