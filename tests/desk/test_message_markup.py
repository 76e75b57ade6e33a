"""The console shows messages as the web chat does: the bot's markup rendered by the shared renderer, phone
numbers as tel: links, and whatever a person typed escaped."""

from __future__ import annotations

from tests.desk.conftest import add_officer, ticket_from_chat
from tests.support import Chat


def test_the_ticket_page_renders_the_bots_markup_and_escapes_what_people_typed(console) -> None:
    ticket = ticket_from_chat()  # the hand-over tells the person to type *menu*
    Chat().send("*penting* <script>alert(1)</script> hubungi 0811-2345-678")  # no "tolong": a cry for help
    add_officer("ani")

    page = console("ani").get(f"/console/t/{ticket.ref}").text

    assert "<strong>menu</strong>" in page and "*menu*" not in page
    assert "<strong>penting</strong> &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a class="tel" href="tel:08112345678">0811-2345-678</a>' in page
