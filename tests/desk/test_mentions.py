"""@mentions in internal notes: the colleague named is notified in the console (header count, notice poll,
notifications page) until they open the ticket; only colleagues who may see the ticket can be named."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.config import get_config
from bot.db import session_scope
from bot.models import Mention
from desk.mentions import names_in
from tests.desk.conftest import add_officer, ticket_from_chat


def _count(page: str) -> int:
    match = re.search(r'id="mention-count">(\d+)<', page)
    assert match, "no mention count in the header"
    return int(match.group(1))


def test_names_after_an_at_sign_are_read_once_without_trailing_punctuation() -> None:
    assert names_in("@Budi tolong cek, lalu kabari @citra. Terima kasih @budi") == ["budi", "citra"]
    assert names_in("kirim ke ani@contoh.id atau @@x") == []


def test_a_colleague_mentioned_in_a_note_is_notified_on_their_next_poll_until_they_open_the_ticket(
    console,
) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani"), add_officer("budi")
    ani, budi = console("ani"), console("budi")
    assert budi.get("/console/notices.json").json()["mentions"] == 0

    ani.get(f"/console/t/{ticket.ref}")
    assert (
        ani.post(f"/console/t/{ticket.ref}/note", {"text": "@budi tolong cek paspornya"}).status_code == 303
    )

    assert budi.get("/console/notices.json", params={"after": 0}).json()["mentions"] == 1
    assert _count(budi.get("/console/agencies").text) == 1  # every page's header
    listed = budi.get("/console/mentions").text
    assert ticket.ref in listed and "Ani menyebut Anda dalam catatan internal" in listed
    assert _count(ani.get("/console/").text) == 0  # the author is not notified

    budi.get(f"/console/t/{ticket.ref}")
    assert budi.get("/console/notices.json").json()["mentions"] == 0
    assert ticket.ref in budi.get("/console/mentions").text  # still listed, now read
    assert "Belum dibaca" not in budi.get("/console/mentions").text


def test_only_active_colleagues_who_may_see_the_ticket_can_be_mentioned(console) -> None:
    ticket = ticket_from_chat("worker-1")
    assert ticket.queue == "helpdesk"
    add_officer("ani"), add_officer("budi"), add_officer("citra", queues=("complaints",))
    add_officer("dewi", role="admin", queues=tuple(get_config().queues))
    ani = console("ani")
    page = ani.get(f"/console/t/{ticket.ref}").text
    offered = re.findall(r'data-insert="@(\w+) "', page)
    assert offered == ["budi", "dewi"]  # not Ani herself, not Citra of another queue

    answer = ani.post(f"/console/t/{ticket.ref}/note", {"text": "@citra @budi @dewi @siapa lihat ini"})
    assert answer.status_code == 303
    shown = ani.get(answer.headers["location"]).text
    assert "Catatan tersimpan, tetapi @citra, @siapa tidak diberi tahu" in shown
    assert "lihat ini" in shown  # the note itself is kept
    with session_scope() as db:
        assert len(db.exec(select(Mention)).all()) == 2
    assert console("citra").get("/console/notices.json").json()["mentions"] == 0
    assert console("budi").get("/console/notices.json").json()["mentions"] == 1


def test_a_mention_on_a_ticket_moved_out_of_the_officers_queues_is_not_listed(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani"), add_officer("budi")
    console("ani").post(f"/console/t/{ticket.ref}/note", {"text": "@budi lihat"})
    add_officer("sari", role="supervisor", queues=("helpdesk", "complaints"))
    sari = console("sari")
    sari.post(f"/console/t/{ticket.ref}/assign", {"officer": "", "queue": "complaints"})
    budi = console("budi")
    assert ticket.ref not in budi.get("/console/mentions").text
    assert budi.get("/console/notices.json").json()["mentions"] == 0
