"""Danger goes to a human at once, before any paperwork, and the help fits the danger.

A danger message opens an urgent ticket immediately, even before the privacy notice is accepted (UU PDP
art. 20(2): vital interest, recorded on the ticket), with the reader's reason recorded for the officer. Then:
- someone who wants to end their life gets a crisis line and a human at once, no questions first;
- a medical emergency gets the country's ambulance number first;
- someone locked in, watched or trafficked is not told to go somewhere safe: they may be read over the
  shoulder, so the bot says little and asks only where they are, if it is safe to answer;
- a family member reporting is asked about the worker, and the ticket records them as the reporter;
- everyone else gets the emergency contacts, then where they are and whether they are safe now.
No full privacy notice in the middle of a danger conversation: one short line, and the notice once an officer
has answered (:func:`privacy_notice_after_reply`). A half-filled form is kept untouched for later.
"""

from __future__ import annotations

from typing import Any

from bot import throttle, tickets
from bot.i18n import _
from bot.models import Ticket
from bot.tickets import NewTicket
from bot.turn import Turn
from handlers import officer, start
from handlers.labels import SAFE
from nlu import commands
from nlu.danger import Danger
from nlu.kinds import CATEGORY_OF_DANGER
from nlu.parsing import parse_country
from nlu.reporter import family_relationship

WATCHED_KINDS = frozenset({"confinement", "trafficking", "scam_country", "document_retention"})
"""People who may be read over the shoulder and cannot simply leave."""


def raise_alarm(turn: Turn, danger: Danger) -> None:
    relationship = family_relationship(turn.text) or _reporting_for(turn)
    ticket, pin = _urgent_ticket(turn, danger, relationship)
    turn.file_on(ticket)
    detail: dict[str, Any] = {"message_id": turn.message_id, **danger.as_detail()}
    tickets.record(turn.session, ticket, "bot", "danger", **detail)
    if _own(turn, ticket):
        turn.say(
            _(
                "Pesan Anda sudah kami teruskan ke petugas sebagai DARURAT (laporan {ref}). Petugas akan segera "
                "menghubungi Anda di chat ini."
            ).format(ref=ticket.ref)
        )
    else:  # filed on another chat's ticket from the same source: its reference is not this person's to know
        turn.say(_("Pesan Anda sudah kami teruskan ke petugas sebagai DARURAT."))
    if pin:
        turn.say(
            _("Untuk mengecek laporan dari nomor lain: nomor {ref}, PIN {pin}.").format(
                ref=ticket.ref, pin=pin
            )
        )
    turn.data["danger_ticket"] = ticket.id
    turn.data["danger_kind"] = danger.kind
    turn.data["danger_family"] = relationship is not None
    if danger.kind == "suicide":
        _crisis(turn, ticket)
        return
    if danger.kind == "medical":
        turn.say(_medical_contacts(turn, parse_country(turn.text) or ticket.worker_country))
    turn.say(emergency_contacts(turn, ticket.worker_country))
    turn.goto("danger_location")
    if relationship is not None:
        turn.say(
            _("Di mana dia sekarang, sepengetahuan Anda? Sebutkan negara, kota, dan alamat atau majikannya.")
        )
    elif danger.kind in WATCHED_KINDS:
        turn.say(
            _(
                "Jika aman untuk membalas: di mana Anda sekarang? Negara dan kota saja sudah membantu. Jika tidak "
                "aman, tidak perlu membalas sekarang; petugas tetap menangani laporan Anda."
            )
        )
    else:
        turn.say(_("Di mana Anda sekarang? Sebutkan negara, kota, dan alamat atau nama tempat jika bisa."))


def _urgent_ticket(turn: Turn, danger: Danger, relationship: str | None) -> tuple[Ticket, str | None]:
    """The chat's open ticket made urgent; else, while the chat's source has opened too many urgent tickets
    (``limits.urgent_tickets_per_source``, counted under a row lock), the source's most recent open urgent
    ticket, where the message is filed as its own; else a new urgent one with its PIN."""
    assert turn.contact.id is not None
    existing = tickets.latest_open_ticket(turn.session, turn.contact.id)
    if existing is not None:
        tickets.make_urgent(turn.session, existing, actor="bot", reason=danger.kind)
        return existing, None
    gate = throttle.hold(
        turn.session, f"urgent:{turn.source}", turn.config.limits.urgent_tickets_per_source, turn.now
    )
    recent = tickets.latest_urgent_from(turn.session, turn.source) if gate.locked else None
    if recent is not None:
        return recent, None
    if not gate.locked:
        gate.fail()  # counts this new urgent ticket
    consented = turn.contact.consent_at is not None
    ticket, pin = turn.open_ticket(
        NewTicket(
            category=CATEGORY_OF_DANGER.get(danger.kind, "other"),
            description=turn.text[:3000],
            urgent=True,
            legal_basis="consent" if consented else "vital_interest",
            intake={"danger": danger.kind},
            reporter_name=turn.contact.display_name,
            relationship=relationship or "self",
            supplied_by="reporter" if relationship else "self",
            country=parse_country(turn.text),
        )
    )
    return ticket, pin


def _reporting_for(turn: Turn) -> str | None:
    """The relationship a family report in progress records: a danger told in it is about the worker."""
    form = turn.data.get("form") or {}
    return form.get("values", {}).get("relationship") if form.get("name") == "family" else None


def _crisis(turn: Turn, ticket: Ticket) -> None:
    """Someone who wants to end their life: a crisis line and a person now, not a questionnaire."""
    crisis = turn.config.emergency.crisis
    turn.say(
        _(
            "Terima kasih sudah mau bercerita. Anda tidak sendirian, dan perasaan ini bisa dibantu. Petugas kami "
            "sudah diberi tahu dan akan membalas di sini secepatnya. Tulis saja apa yang Anda rasakan."
        )
    )
    lines = [*crisis, *turn.config.emergency.by_country.get(ticket.worker_country or "", [])]
    turn.say(_("Jika Anda ingin bicara dengan seseorang sekarang:") + "\n" + _bullets(turn, lines))
    _hand_over(turn, ticket)


def _medical_contacts(turn: Turn, country: str | None) -> str:
    lines = turn.config.emergency.medical_by_country.get(country or "", [])
    if not lines:
        return _(
            "Jika ada yang terluka parah atau tidak sadar, hubungi ambulans atau nomor darurat setempat."
        )
    return (
        _("Jika ada yang terluka parah atau tidak sadar, hubungi ambulans sekarang:")
        + "\n"
        + _bullets(turn, lines)
    )


def emergency_contacts(turn: Turn, country: str | None) -> str:
    emergency = turn.config.emergency
    lines = [*emergency.by_country.get(country or "", []), *emergency.general]
    return _("Jika Anda dalam bahaya langsung, hubungi:") + "\n" + _bullets(turn, lines)


def _bullets(turn: Turn, lines: list[str]) -> str:
    """Configured contact lines, their placeholders ({hotline}, {crisis_line}) filled."""
    return "\n".join(f"- {turn.config.fill(line)}" for line in lines)


def on_location(turn: Turn) -> None:
    ticket = _ticket(turn)
    if ticket is not None:
        turn.file_on(ticket)
        if _own(turn, ticket) and not turn.says(commands.CANCEL):  # "batal" is not where they are
            country = parse_country(turn.text)
            if country and not ticket.worker_country:
                ticket.worker_country = country
                turn.say(emergency_contacts(turn, country))
            ticket.intake = {**ticket.intake, "location": turn.text[:500]}
    turn.goto("danger_safe")
    if turn.data.get("danger_family"):
        turn.say(_("Kapan terakhir Anda mendapat kabar darinya, dan apa yang terakhir ia ceritakan?"))
        return
    turn.say(_("Apakah Anda aman sekarang?"), [(_(c.label), c.value) for c in SAFE])


def on_safe(turn: Turn) -> None:
    ticket = _ticket(turn)
    if ticket is None:
        start.menu(turn)
        return
    family = bool(turn.data.get("danger_family"))
    choice = turn.choice
    safe = choice if choice in ("yes", "no") and not family else None
    turn.file_on(ticket)
    if _own(turn, ticket):
        ticket.intake = {**ticket.intake, "last_news" if family else "safe_now": safe or turn.text[:200]}
    if safe == "no":
        if turn.data.get("danger_kind") in WATCHED_KINDS:
            turn.say(
                _(
                    "Kami mengerti. Jangan mengambil risiko: petugas akan mencari cara yang aman untuk membantu "
                    "Anda. Jika bisa, hapus chat ini setelah membaca dan simpan nomor darurat di atas."
                )
            )
        else:
            turn.say(
                _(
                    "Kami mengerti. Jika bisa, pergilah ke tempat yang aman atau hubungi nomor darurat di atas."
                )
            )
    if _own(turn, ticket):
        turn.say(
            _(
                "Petugas sudah menerima laporan {ref} dan akan membalas di chat ini. Tulis saja pesan Anda: "
                "semua langsung diteruskan ke petugas."
            ).format(ref=ticket.ref)
        )
    else:
        turn.say(
            _(
                "Petugas sudah menerima pesan Anda. Tulis saja pesan Anda: semua langsung diteruskan ke petugas."
            )
        )
    _hand_over(turn, ticket)


def _hand_over(turn: Turn, ticket: Ticket) -> None:
    officer.hand_over(turn, ticket)
    for key in ("danger_ticket", "danger_kind", "danger_family"):
        turn.data.pop(key, None)
    officer.notice_after_reply(turn)


def privacy_notice_after_reply(turn: Turn, ticket: Ticket) -> None:
    """The full privacy notice, once an officer has answered the urgent ticket (not in the middle of the
    danger conversation)."""
    if (
        turn.data.get(officer.NOTICE_DUE)
        and turn.contact.consent_at is None
        and ticket.first_response_at is not None
    ):
        turn.data.pop(officer.NOTICE_DUE)
        start.privacy_notice(turn)


def _own(turn: Turn, ticket: Ticket) -> bool:
    """Whether ``ticket`` is this chat's own, not the source's urgent ticket this chat's danger was filed on
    (whose intake and reference belong to someone else; this chat's answers are filed on it as messages)."""
    return ticket.contact_id == turn.contact.id


def _ticket(turn: Turn) -> Ticket | None:
    ticket_id = turn.data.get("danger_ticket")
    return turn.session.get(Ticket, ticket_id) if ticket_id else None
