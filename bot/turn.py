"""One inbound message being answered: what handlers read and the only way they reply."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlmodel import Session, col

if TYPE_CHECKING:
    from bot.tickets import NewTicket
    from nlu.understanding import Understanding

from bot import actors
from bot.config import HelpdeskConfig
from bot.i18n import _
from bot.messages import Button, Inbound, Outbound
from bot.models import Attachment, Contact, Conversation, Message, Ticket
from nlu.danger import Danger, read_danger
from nlu.text import fold

PAGE_BUTTONS = frozenset({"lang_id", "lang_en"})
"""Values of the buttons a channel shows outside any message (the web chat's language link)."""


@dataclass
class Turn:
    session: Session
    config: HelpdeskConfig
    contact: Contact
    conversation: Conversation
    inbound: Inbound
    message_id: int
    now: datetime
    data: dict[str, Any]
    attachments: list[Attachment] = field(default_factory=list)
    replies: list[Outbound] = field(default_factory=list)
    #: earlier messages of this chat that led to this turn (a form's answers), filed on a ticket it opens
    thread: list[int] = field(default_factory=list)
    #: the ticket this turn's message is filed on: the engine files the bot's replies there too
    ticket_id: int | None = None

    @property
    def text(self) -> str:
        return self.inbound.text.strip()

    @property
    def source(self) -> str:
        """Who is at the other end, for counting guesses: the client's network for the web chat (where a new
        cookie is a new chat), the chat itself elsewhere (a Telegram chat id, a WhatsApp number)."""
        return f"{self.inbound.channel}:{self.inbound.source or self.inbound.chat_id}"

    @cached_property
    def folded(self) -> str:
        return fold(self.inbound.text)

    @cached_property
    def danger(self) -> Danger | None:
        """The danger reader's verdict on this message, read once per turn. A button's own label ("Meninggal
        dunia", "Kekerasan dari majikan"), pressed or typed, answers the bot's question: it is not read as a
        cry for help (a form's "not safe" answer raises the alarm itself, see :attr:`bot.forms.Field.alarm`)."""
        if self.inbound.button or self.choice is not None:
            return None
        return read_danger(self.text)

    @cached_property
    def understanding(self) -> Understanding:
        """What this message is for and what it states (:func:`nlu.understanding.understand`), read once per
        turn, with the danger verdict already read (:attr:`danger`). Imported here: the entity parsers load
        Babel and phonenumbers, which commands that answer no message should not wait for."""
        from nlu.understanding import understand

        return understand(self.text, danger=self.danger)

    def says(self, words: frozenset[str]) -> bool:
        """Whether the message is one of ``words`` (folded command words, see :mod:`nlu.commands`)."""
        return self.folded.strip(" .!?") in words

    @cached_property
    def choice(self) -> str | None:
        """The value of the button the person chose: pressed, typed as its number, or typed as its label."""
        offered: list[list[str]] = self.data.get("buttons") or []
        if self.inbound.button:
            return None if self.stale_button else self.inbound.button
        typed = self.folded.rstrip(".) ")
        if typed.isdigit() and 1 <= int(typed) <= len(offered):
            return offered[int(typed) - 1][1]
        for label, value in offered:
            if typed and typed == fold(label):
                return value
        return None

    @cached_property
    def stale_button(self) -> bool:
        """Whether the person pressed a button of an earlier message, not one of those offered now. A button
        is known by its value and its label (channels send the pressed button's label as the text), so an old
        "Ya" is not taken for the "Ya, saya aman" asked now; buttons the page shows outside any message (the
        web chat's language link) are never stale."""
        pressed = self.inbound.button
        if not pressed or pressed in PAGE_BUTTONS:
            return False
        labels = [label for label, value in self.data.get("buttons") or [] if value == pressed]
        return not labels or (bool(self.text) and self.text not in labels)

    def open_ticket(self, new: NewTicket) -> tuple[Ticket, str]:
        """Open a ticket for this chat on the bot's behalf; returns it with its one-time PIN. This message and
        the :attr:`thread` that led to it (with the bot's replies and files) are filed on the new ticket."""
        from bot.tickets import link_messages, open_ticket

        ticket, pin = open_ticket(
            self.session,
            contact=self.contact,
            conversation=self.conversation,
            new=replace(new, source=self.source),
            actor="bot",
            now=self.now,
        )
        link_messages(self.session, ticket, [*self.thread, self.message_id])
        self.ticket_id = ticket.id
        return ticket, pin

    def file_on(self, ticket: Ticket) -> None:
        """File this message and its attachments on ``ticket`` (officers read them there)."""
        from bot.tickets import attach_message

        attach_message(
            self.session, ticket, self.message_id, actors.contact(self.contact.id), self.attachments
        )
        self.ticket_id = ticket.id

    def belongs_to(self, ticket: Ticket) -> None:
        """File this message and the replies to it on ``ticket`` without an event (a rating, a status look)."""
        from bot.tickets import link_messages

        link_messages(self.session, ticket, [self.message_id])
        self.ticket_id = ticket.id

    def redact(self, text: str) -> None:
        """Store ``text`` instead of what the person typed (an identity number, kept encrypted elsewhere)."""
        self.session.execute(update(Message).where(col(Message.id) == self.message_id).values(text=text))

    @property
    def state(self) -> str:
        return self.conversation.state

    def goto(self, state: str) -> None:
        self.conversation.state = state

    def say(self, text: str, buttons: list[tuple[str, str]] | tuple[tuple[str, str], ...] = ()) -> None:
        """Reply with ``text`` (translated, complete) and buttons given as (translated label, value) pairs.

        ``text`` is sent as it is: it may contain what people typed, so no placeholder is filled here. Our own
        templates with contact placeholders are filled where they are read (``HelpdeskConfig.fill``)."""
        self.replies.append(Outbound(text, tuple(Button(label, value) for label, value in buttons)))

    def offered_buttons(self) -> list[list[str]]:
        """The buttons of the last reply that had any: typed numbers refer to these next turn."""
        for reply in reversed(self.replies):
            if reply.buttons:
                return [[button.label, button.value] for button in reply.buttons]
        return []


def not_stored() -> Outbound:
    """For a message that could not be stored at all (the channel can still say so)."""
    return Outbound(
        _("Maaf, pesan Anda belum tersimpan karena gangguan di sistem kami. Silakan kirim lagi nanti.")
    )


def apology() -> Outbound:
    return Outbound(
        _(
            "Maaf, terjadi gangguan di sistem kami. Pesan Anda sudah tersimpan. Silakan coba lagi "
            "sebentar lagi, atau ketik *menu*."
        )
    )
