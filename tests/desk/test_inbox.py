"""The queue as an inbox: who wrote, the last message's first line, the channel, since when the person waits,
an unread mark per officer, the deadline as time left, urgent first; and the country filter by name."""

from __future__ import annotations

import re

from bot import tickets
from bot.db import session_scope
from tests.desk.conftest import add_officer, ticket_from_chat
from tests.support import Chat


def _row(page: str, ref: str) -> str:
    match = re.search(rf'<li class="row[^"]*" data-ref="{ref}">(.*?)</li>', page, re.S)
    assert match, f"{ref} not listed"
    return match.group(0)


def test_row_shows_who_what_where_and_since_when_the_person_waits(console) -> None:
    ticket = ticket_from_chat("worker-1")
    Chat(user="worker-1").send("Gaji saya belum dibayar tiga bulan\nmajikan diam saja")
    add_officer("ani")
    row = _row(console("ani").get("/console/").text, ticket.ref)
    assert "Siti" in row  # the person's name as the channel gave it
    assert "Gaji saya belum dibayar tiga bulan" in row and "majikan diam saja" not in row  # first line only
    assert "Uji coba konsol" in row  # the channel, named
    assert "menunggu" in row and "Tenggat: sisa" in row


def test_a_reply_after_the_officer_looked_marks_the_ticket_unread_for_that_officer_only(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani"), add_officer("budi")
    ani, budi = console("ani"), console("budi")
    assert "Belum dibaca" in _row(ani.get("/console/").text, ticket.ref)  # never opened
    ani.get(f"/console/t/{ticket.ref}")
    assert "Belum dibaca" not in _row(ani.get("/console/").text, ticket.ref)
    Chat(user="worker-1").send("halo, ada kabar?")
    assert "Belum dibaca" in _row(ani.get("/console/").text, ticket.ref)
    budi.get(f"/console/t/{ticket.ref}")
    assert "Belum dibaca" in _row(ani.get("/console/").text, ticket.ref)  # Budi's look is not Ani's


def test_an_officer_reply_ends_the_wait(console) -> None:
    ticket = ticket_from_chat("worker-1")
    officer_id = add_officer("ani")
    with session_scope() as db:
        row = tickets.find_by_ref(db, ticket.ref)
        assert row is not None
        tickets.reply(db, row, officer_id, "Baik, kami bantu.")
    page = _row(console("ani").get("/console/").text, ticket.ref)
    assert "menunggu" not in page and "Petugas: Baik, kami bantu." in page
    Chat(user="worker-1").send("terima kasih")
    assert "menunggu" in _row(console("ani").get("/console/").text, ticket.ref)


def test_urgent_tickets_come_first(console) -> None:
    ordinary = ticket_from_chat("worker-1")
    urgent = ticket_from_chat("worker-2", "tolong saya dipukuli majikan")
    add_officer("ani", queues=("helpdesk", "urgent"))
    page = console("ani").get("/console/").text
    assert page.index(f'data-ref="{urgent.ref}"') < page.index(f'data-ref="{ordinary.ref}"')


def test_country_filter_takes_a_name_in_either_language(console) -> None:
    taiwan = ticket_from_chat("worker-1")
    other = ticket_from_chat("worker-2")
    with session_scope() as db:
        for ref, code in ((taiwan.ref, "TW"), (other.ref, "HK")):
            row = tickets.find_by_ref(db, ref)
            assert row is not None
            row.worker_country = code
            db.add(row)
    add_officer("ani")
    view = console("ani")
    for typed in ("taiwan", "Taiwan", "TW", "tw"):
        page = view.get("/console/", params={"country": typed}).text
        assert taiwan.ref in page and other.ref not in page, typed
    page = view.get("/console/", params={"country": "atlantis"}).text
    assert taiwan.ref not in page and other.ref not in page
