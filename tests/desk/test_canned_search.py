"""The reply box's "/" search: the ticket page carries every canned answer filled in for this ticket (searched
and inserted by console.js), the person's language first."""

from __future__ import annotations

import html
import re

from bot.db import session_scope
from desk.canned import seed_demo_answers
from tests.desk.conftest import add_officer, ticket_from_chat


def test_the_reply_box_offers_canned_answers_filled_in_for_this_ticket(console) -> None:
    ticket = ticket_from_chat("worker-1")
    add_officer("ani")
    with session_scope() as db:
        seed_demo_answers(db)
    page = console("ani").get(f"/console/t/{ticket.ref}").text
    assert 'data-picker="canned-options" data-trigger="/"' in page
    inserted = [html.unescape(text) for text in re.findall(r'data-insert="([^"]*)" data-search', page)]
    assert len(inserted) == 6 and not any("{" in text for text in inserted)  # placeholders filled
    greeting = next(text for text in inserted if f"Laporan {ticket.ref} sudah kami terima" in text)
    assert "saya Ani dari layanan pengaduan PMI" in greeting
    assert inserted[-1].startswith("Thank you for waiting")  # the person writes Indonesian: English last
    assert "Ketik / dan kata untuk mencari jawaban siap pakai" in page
