"""Status of a report by reference (plus PIN when asked from another chat), and adding information to it."""

from __future__ import annotations

from sqlmodel import col, select

from bot import tickets
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
    ticket = tickets.find_by_ref(turn.session, typed)
    if ticket is None:
        turn.say(
            _("Nomor laporan itu tidak kami temukan. Periksa lagi (contoh: PMI-7K3Q9F), atau ketik *menu*.")
        )
        return
    if ticket.contact_id == turn.contact.id:
        show(turn, ticket)
        return
    turn.data["status_ref"] = ticket.ref
    turn.goto("status_pin")
    turn.say(_("Laporan ini dibuat dari chat lain. Ketik PIN 6 angka yang Anda terima saat membuat laporan."))


def on_pin(turn: Turn) -> None:
    limit = turn.config.conversation.status_pin_attempts
    recent = [t for t in turn.data.get("pin_failures", []) if turn.now.timestamp() - t < 3600]
    if len(recent) >= limit:
        turn.say(
            _(
                "Terlalu banyak percobaan PIN yang salah. Silakan coba lagi satu jam lagi, atau ketik *petugas*."
            )
        )
        menu(turn)
        return
    ticket = tickets.find_by_ref(turn.session, turn.data.get("status_ref", ""))
    if ticket is not None and tickets.verify_pin(ticket, turn.text):
        turn.data.pop("pin_failures", None)
        show(turn, ticket)
        return
    turn.data["pin_failures"] = [*recent, turn.now.timestamp()]
    turn.say(_("PIN tidak cocok. Periksa lagi, atau ketik *menu*."))


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
    turn.say("\n".join(lines), [(_("Tambah informasi"), ADD_INFO), (_("Menu"), "menu")])


def _last_officer_message(turn: Turn, ticket: Ticket) -> Message | None:
    return turn.session.exec(
        select(Message)
        .where(
            Message.ticket_id == ticket.id,
            Message.direction == "out",
            col(Message.author).startswith("officer"),
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
