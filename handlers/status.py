"""Status of a report by reference (plus PIN when asked from another chat), and adding information to it."""

from __future__ import annotations

import re

from sqlmodel import col, select

from bot import actors, throttle, tickets
from bot.i18n import _, fmt_datetime
from bot.models import Message, Ticket
from bot.turn import Turn
from handlers.labels import STATUS_LABELS
from handlers.start import menu

ADD_INFO, REF_PREFIX = "status_add", "ref:"


def start(turn: Turn) -> None:
    assert turn.contact.id is not None
    own = turn.session.exec(
        select(Ticket).where(Ticket.contact_id == turn.contact.id).order_by(col(Ticket.id).desc()).limit(3)
    ).all()
    turn.goto("status_ref")
    turn.say(_("Ketik nomor laporan Anda (contoh: PMI-7K3Q9F)."), [(t.ref, REF_PREFIX + t.ref) for t in own])


def on_ref(turn: Turn) -> None:
    typed = turn.choice.removeprefix(REF_PREFIX) if turn.choice else turn.text
    if not tickets.looks_like_ref(typed):
        from handlers.router import dispatch_state  # a question instead of a reference: answer it

        turn.goto("menu")
        dispatch_state(turn)
        return
    look_up(turn, typed, None)


def look_up(turn: Turn, typed_ref: str, pin: str | None) -> None:
    """The status of the report ``typed_ref``: shown at once in its own chat; elsewhere after its PIN, checked
    now when the person typed it along ("cek status PMI-7K3Q9F pin 123456"), else asked for."""
    ticket = tickets.find_by_ref(turn.session, typed_ref)
    if ticket is not None and ticket.contact_id == turn.contact.id:
        show(turn, ticket)
        return
    # Another chat's report or no report at all: the same question, so the answer does not tell which.
    turn.data["status_ref"] = tickets.normalise_ref(typed_ref)
    turn.goto("status_pin")
    if pin is not None:
        check_pin(turn, pin)
        return
    turn.say(_("Ketik PIN 6 angka yang Anda terima saat membuat laporan itu."))


def on_pin(turn: Turn) -> None:
    """The PIN as typed, or the six digits in a sentence ("pinnya 305719")."""
    typed = _SIX_DIGITS.search(turn.text)
    check_pin(turn, typed.group(0) if typed else turn.text)


_SIX_DIGITS = re.compile(r"(?<!\d)\d{6}(?!\d)")


def check_pin(turn: Turn, pin: str) -> None:
    """Check a PIN for a reference typed in another chat. Wrong PINs are counted per reference (whatever chat
    they come from) and per source, each under a row lock (:mod:`bot.throttle`); an unknown reference counts
    like a wrong PIN and gets the same answer."""
    ref = tickets.normalise_ref(turn.data.get("status_ref", ""))
    policy = turn.config.conversation.status_pin
    source = throttle.hold(turn.session, f"pin-source:{turn.source}", policy.per_source, turn.now)
    target = throttle.hold(turn.session, f"pin-ref:{ref}", policy.per_ticket, turn.now)
    if source.locked or target.locked:
        turn.say(_("Terlalu banyak percobaan yang salah. Silakan coba lagi nanti, atau ketik *petugas*."))
        menu(turn)
        return
    ticket = tickets.find_by_ref(turn.session, ref) if ref else None
    if ticket is not None and tickets.verify_pin(ticket, pin):
        target.clear()
        show(turn, ticket)
        return
    source.fail()
    if target.fail() and ticket is not None and target.locked_until is not None:
        tickets.pin_locked(
            turn.session, ticket, target.locked_until, target.failures, turn.inbound.channel, turn.now
        )
    turn.say(_("Nomor laporan atau PIN tidak cocok. Periksa lagi, atau ketik *menu*."))


def show(turn: Turn, ticket: Ticket) -> None:
    turn.data["status_ticket"] = ticket.id
    turn.data.pop("status_ref", None)
    turn.goto("status_shown")
    lines = [
        _("Laporan {ref}").format(ref=ticket.ref),
        _("Status: {status}").format(status=_(STATUS_LABELS[ticket.status])),
        _("Dibuat: {when}").format(when=fmt_datetime(ticket.created_at, turn.config.conversation.timezone)),
    ]
    last = _last_officer_message(turn, ticket)
    if last is not None:
        lines.append(_("Pesan terakhir dari petugas: {text}").format(text=last.text))
    else:
        lines.append(_("Belum ada pesan dari petugas."))
    # adding information collects personal data: offered once the privacy notice is accepted
    adding = [(_("Tambah informasi"), ADD_INFO)] if turn.contact.consent_at is not None else []
    turn.say("\n".join(lines), [*adding, (_("Menu"), "menu")])


def _last_officer_message(turn: Turn, ticket: Ticket) -> Message | None:
    return turn.session.exec(
        select(Message)
        .where(
            Message.ticket_id == ticket.id,
            Message.direction == "out",
            col(Message.author).startswith(f"{actors.OFFICER}:"),
        )
        .order_by(col(Message.id).desc())
    ).first()


def on_shown(turn: Turn) -> None:
    if turn.choice == ADD_INFO:
        turn.goto("status_add")
        turn.say(
            _("Silakan ketik informasi tambahan atau kirim foto/dokumen. Semua akan ditambahkan ke laporan.")
        )
        return
    if turn.choice == "menu":
        menu(turn)
        return
    from handlers.router import dispatch_state

    turn.goto("menu")
    dispatch_state(turn)


def on_add(turn: Turn) -> None:
    ticket = turn.session.get(Ticket, turn.data.get("status_ticket"))
    if ticket is None:
        menu(turn)
        return
    turn.file_on(ticket)
    menu(
        turn,
        _(
            "Terima kasih, informasi sudah ditambahkan ke laporan {ref}. Ada lagi yang bisa kami bantu?"
        ).format(ref=ticket.ref),
    )
