"""After a ticket is resolved the person is asked for a 1-5 rating, then an optional comment.

The question is sent by :func:`bot.tickets.resolve`, which also puts the chat in the ``rating`` state."""

from __future__ import annotations

from bot import actors, tickets
from bot.i18n import _
from bot.models import Ticket
from bot.turn import Turn
from handlers.start import menu
from nlu import commands

SKIP = "rating_skip"


def _ticket(turn: Turn) -> Ticket | None:
    ticket_id = turn.data.get("rating_ticket")
    ticket = turn.session.get(Ticket, ticket_id) if ticket_id else None
    return ticket if ticket is not None and ticket.contact_id == turn.contact.id else None


def _leave(turn: Turn) -> None:
    """Anything but a rating: forget the question and answer the message as usual."""
    from handlers.router import dispatch_state

    turn.data.pop("rating_ticket", None)
    turn.goto("menu")
    dispatch_state(turn)


def on_rating(turn: Turn) -> None:
    ticket = _ticket(turn)
    value = (turn.choice or "").removeprefix("rate:") or turn.folded.strip(" .!")
    if ticket is None or value not in {"1", "2", "3", "4", "5"}:
        _leave(turn)
        return
    turn.belongs_to(ticket)
    tickets.rate(turn.session, ticket, actors.contact(turn.contact.id), int(value))
    turn.goto(tickets.RATING_COMMENT_STATE)
    turn.say(
        _("Terima kasih! Ada saran atau komentar untuk kami? Tulis di sini, atau pilih Lewati."),
        [(_("Lewati"), SKIP)],
    )


def on_comment(turn: Turn) -> None:
    ticket = _ticket(turn)
    turn.data.pop("rating_ticket", None)
    skipped = turn.choice == SKIP or turn.says(commands.SKIP)
    if ticket is not None:
        turn.belongs_to(ticket)  # the comment (kept on the ticket) and its reply go with the ticket
    if ticket is not None and ticket.rating and not skipped and turn.text:
        tickets.rate(turn.session, ticket, actors.contact(turn.contact.id), ticket.rating, turn.text)
    menu(turn, _("Terima kasih atas penilaian Anda. Ada lagi yang bisa kami bantu?"))
