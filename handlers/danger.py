"""Danger goes to a human at once, before any paperwork.

A danger message opens an urgent ticket immediately, even before the privacy notice is accepted (UU PDP
art. 20(2): vital interest, recorded on the ticket), sends the configured emergency contacts, then asks where
the person is and whether they are safe. A half-filled form is kept untouched for later.
"""

from __future__ import annotations

from bot import tickets
from bot.i18n import _
from bot.models import Ticket
from bot.parsing import parse_country
from bot.tickets import NewTicket
from bot.triage import Danger
from bot.turn import Turn
from handlers import officer, start
from handlers.complaint import SAFE

CATEGORY_OF_DANGER = {
    "violence": "violence",
    "confinement": "violence",
    "sexual_violence": "sexual_violence",
    "trafficking": "trafficking",
    "scam_country": "trafficking",
    "suicide": "illness",
    "death": "death",
    "sos": "other",
    "document_retention": "document_retention",
}


def raise_alarm(turn: Turn, danger: Danger) -> None:
    ticket, pin = _urgent_ticket(turn, danger)
    turn.file_on(ticket)
    turn.say(
        _(
            "Pesan Anda sudah kami teruskan ke petugas sebagai DARURAT (laporan {ref}). Petugas akan segera "
            "menghubungi Anda di chat ini."
        ).format(ref=ticket.ref)
    )
    if pin:
        turn.say(
            _("Untuk mengecek laporan dari nomor lain: nomor {ref}, PIN {pin}.").format(
                ref=ticket.ref, pin=pin
            )
        )
    turn.say(emergency_contacts(turn, ticket.worker_country))
    turn.data["danger_ticket"] = ticket.id
    turn.goto("danger_location")
    turn.say(_("Di mana Anda sekarang? Sebutkan negara, kota, dan alamat atau nama tempat jika bisa."))


def _urgent_ticket(turn: Turn, danger: Danger) -> tuple[Ticket, str | None]:
    """The chat's open ticket made urgent, or a new urgent one with its PIN."""
    assert turn.contact.id is not None
    existing = tickets.latest_open_ticket(turn.session, turn.contact.id)
    if existing is not None:
        tickets.make_urgent(turn.session, existing, actor="bot", reason=danger.kind)
        return existing, None
    consented = turn.contact.consent_at is not None
    ticket, pin = turn.open_ticket(
        NewTicket(
            category=CATEGORY_OF_DANGER.get(danger.kind, "other"),
            description=turn.text[:3000],
            urgent=True,
            legal_basis="consent" if consented else "vital_interest",
            intake={"danger": danger.kind},
            reporter_name=turn.contact.display_name,
        )
    )
    return ticket, pin


def emergency_contacts(turn: Turn, country: str | None) -> str:
    emergency = turn.config.emergency
    lines = [*emergency.by_country.get(country or "", []), *emergency.general]
    return (
        _("Jika Anda dalam bahaya langsung, hubungi:")
        + "\n"
        + "\n".join(f"- {turn.config.fill(line)}" for line in lines)
    )


def on_location(turn: Turn) -> None:
    ticket = _ticket(turn)
    if ticket is not None:
        turn.file_on(ticket)
        country = parse_country(turn.text)
        if country and not ticket.worker_country:
            ticket.worker_country = country
            turn.say(emergency_contacts(turn, country))
        ticket.intake = {**ticket.intake, "location": turn.text[:500]}
    turn.goto("danger_safe")
    turn.say(_("Apakah Anda aman sekarang?"), [(_(c.label), c.value) for c in SAFE])


def on_safe(turn: Turn) -> None:
    ticket = _ticket(turn)
    choice = turn.choice
    safe = choice if choice in ("yes", "no") else None
    if ticket is None:
        start.menu(turn)
        return
    turn.file_on(ticket)
    ticket.intake = {**ticket.intake, "safe_now": safe or turn.text[:200]}
    officer.hand_over(turn, ticket)
    turn.data.pop("danger_ticket", None)
    if safe == "no":
        turn.say(
            _("Kami mengerti. Jika bisa, pergilah ke tempat yang aman atau hubungi nomor darurat di atas.")
        )
    turn.say(
        _(
            "Petugas sudah menerima laporan {ref} dan akan membalas di chat ini. Tulis saja pesan Anda: semua "
            "langsung diteruskan ke petugas."
        ).format(ref=ticket.ref)
    )
    if turn.contact.consent_at is None:
        start.privacy_notice(turn)


def _ticket(turn: Turn) -> Ticket | None:
    ticket_id = turn.data.get("danger_ticket")
    return turn.session.get(Ticket, ticket_id) if ticket_id else None
