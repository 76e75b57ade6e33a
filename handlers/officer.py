"""Handing a chat to people: while an officer holds the ticket, the person's messages go to the ticket."""

from __future__ import annotations

from bot import tickets
from bot.i18n import _
from bot.models import Ticket
from bot.tickets import NewTicket
from bot.turn import Turn

NOTICE_DUE = "privacy_notice_due"
"""In ``conversation.data``: the full privacy notice waits for an officer's first answer (a chat handed over
before consent: danger, or a person asked for)."""


def talk_to_officer(turn: Turn) -> None:
    """Open (or reuse) a ticket and hand the chat over, telling the person how long people take to answer.
    Asking a person instead of the bot needs no consent first, as asking a question does not: the officer
    answering is the help desk's public-service task (UU PDP art. 20(2)), recorded on the ticket; the privacy
    notice follows once the officer has answered."""
    assert turn.contact.id is not None
    ticket = tickets.latest_open_ticket(turn.session, turn.contact.id)
    consented = turn.contact.consent_at is not None
    if ticket is None:
        ticket, _pin = turn.open_ticket(
            NewTicket(
                category="other",
                description=_("Ingin berbicara dengan petugas."),
                legal_basis="consent" if consented else "public_service",
            )
        )
    hand_over(turn, ticket)
    hours = turn.config.queues[ticket.queue].first_response_hours
    turn.say(
        _(
            "Baik, chat ini kami teruskan ke petugas (laporan {ref}). Petugas biasanya menjawab dalam {hours} "
            "jam. Tulis saja pesan Anda di sini: semua akan dibaca petugas. Ketik *menu* untuk kembali ke "
            "layanan otomatis."
        ).format(ref=ticket.ref, hours=f"{hours:g}")
    )
    notice_after_reply(turn)


def notice_after_reply(turn: Turn) -> None:
    """A chat handed over before consent: one short line now, the full privacy notice once an officer has
    answered (:func:`handlers.danger.privacy_notice_after_reply`)."""
    if turn.contact.consent_at is None:
        turn.say(_("Data Anda kami jaga dan hanya dibuka petugas yang menangani laporan ini."))
        turn.data[NOTICE_DUE] = True


def hand_over(turn: Turn, ticket: Ticket) -> None:
    turn.conversation.handoff_ticket_id = ticket.id
    turn.goto("handoff")


def held_ticket(turn: Turn) -> Ticket | None:
    """The ticket an officer holds this chat for, if it is still open (a closed ticket releases the chat)."""
    ticket_id = turn.conversation.handoff_ticket_id
    ticket = turn.session.get(Ticket, ticket_id) if ticket_id else None
    if ticket is None or ticket.status not in tickets.OPEN_STATUSES:
        release(turn)
        return None
    return ticket


def release(turn: Turn) -> None:
    turn.conversation.handoff_ticket_id = None
    if turn.state == "handoff":
        turn.goto("menu")


def on_message(turn: Turn, ticket: Ticket) -> None:
    turn.file_on(ticket)
    turn.say(_("Pesan Anda sudah diteruskan ke petugas (laporan {ref}).").format(ref=ticket.ref))
