"""Ticket actions: the only code that writes tickets. Each action also writes its audit event, so the
bot flows, the officer console and the CLI leave the same trail."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot import actors, pii, throttle
from bot.clock import utcnow
from bot.config import get_config
from bot.i18n import _, fmt_datetime, use_language
from bot.keys import secret_key
from bot.models import (
    Attachment,
    Contact,
    Conversation,
    Message,
    Officer,
    StaffNotice,
    Ticket,
    TicketEvent,
)

STATUSES = ("new", "open", "waiting_on_reporter", "resolved", "closed")
OPEN_STATUSES = ("new", "open", "waiting_on_reporter")
REF_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U: easy to read aloud and type on a phone


@dataclass(frozen=True)
class NewTicket:
    """What a flow knows when it opens a ticket."""

    category: str
    description: str
    urgent: bool = False
    country: str | None = None
    reporter_name: str | None = None
    relationship: str = "self"
    worker_name: str | None = None
    intake: dict[str, Any] | None = None
    legal_basis: str = "consent"
    supplied_by: str = "self"
    source: str | None = None  # bot.turn.Turn.source of the chat that opened it


def _new_ref() -> str:
    return "PMI-" + "".join(secrets.choice(REF_ALPHABET) for _ in range(6))


def _pin_hash(ref: str, pin: str) -> str:
    return hmac.new(secret_key(), f"{ref}:{pin}".encode(), hashlib.sha256).hexdigest()


def verify_pin(ticket: Ticket, pin: str) -> bool:
    return hmac.compare_digest(ticket.pin_hash, _pin_hash(ticket.ref, pin.strip()))


def normalise_ref(text: str) -> str:
    """People type references in lower case, with spaces, or without the prefix."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    compact = compact.removeprefix("PMI")
    return f"PMI-{compact}" if compact else ""


def looks_like_ref(text: str) -> bool:
    """Six characters of the reference alphabet, with or without the prefix and separators."""
    compact = normalise_ref(text).removeprefix("PMI-")
    return len(compact) == 6 and all(ch in REF_ALPHABET for ch in compact)


def record(
    session: Session, ticket: Ticket, actor: str, kind: str, at: datetime | None = None, **detail: Any
) -> None:
    assert ticket.id is not None
    session.add(TicketEvent(ticket_id=ticket.id, actor=actor, kind=kind, at=at or utcnow(), detail=detail))


def open_ticket(
    session: Session,
    *,
    contact: Contact,
    conversation: Conversation,
    new: NewTicket,
    actor: str,
    now: datetime | None = None,
) -> tuple[Ticket, str]:
    """Create a ticket routed to its queue with its deadlines; returns the ticket and its one-time PIN."""
    now = now or utcnow()
    config = get_config()
    queue_name = config.route(urgent=new.urgent, category=new.category, country=new.country)
    queue = config.queues[queue_name]
    ref = _new_ref()
    while session.exec(select(Ticket.id).where(Ticket.ref == ref)).first() is not None:
        ref = _new_ref()
    pin = f"{secrets.randbelow(10**6):06d}"
    assert contact.id is not None and conversation.id is not None
    # A flow that asked no name (talk to an officer, danger, a data request) files the name the channel gave:
    # a person writing for themselves is the worker.
    reporter_name = new.reporter_name or contact.display_name
    ticket = Ticket(
        ref=ref,
        pin_hash=_pin_hash(ref, pin),
        category=new.category,
        urgent=new.urgent,
        queue=queue_name,
        channel=conversation.channel,
        contact_id=contact.id,
        conversation_id=conversation.id,
        legal_basis=new.legal_basis,
        supplied_by=new.supplied_by,
        reporter_name=reporter_name,
        reporter_relationship=new.relationship,
        worker_name=new.worker_name or (reporter_name if new.relationship == "self" else None),
        worker_country=new.country,
        source=new.source,
        description=new.description,
        first_response_due=now + timedelta(hours=queue.first_response_hours),
        resolution_due=now + timedelta(hours=queue.resolution_hours),
        created_at=now,
        updated_at=now,
    )
    ticket.intake = pii.seal(ticket, new.intake or {})  # identity numbers encrypted, never in the JSON
    session.add(ticket)
    session.flush()
    record(
        session,
        ticket,
        actor,
        "created",
        at=now,
        queue=queue_name,
        category=new.category,
        urgent=new.urgent,
        legal_basis=new.legal_basis,
    )
    if new.urgent:
        notify_staff(session, ticket, "urgent", urgent_notice_text(ticket))
    return ticket, pin


def link_messages(session: Session, ticket: Ticket, message_ids: Sequence[int]) -> None:
    """Record that these messages of the ticket's chat, the bot's replies to them and their files belong to
    ``ticket`` (messages already filed on a ticket keep theirs). Erasure and the console go by this link."""
    if not message_ids:
        return
    unfiled = col(Message.ticket_id).is_(None) & (col(Message.conversation_id) == ticket.conversation_id)
    session.execute(
        update(Message)
        .where(unfiled, col(Message.id).in_(message_ids) | col(Message.reply_to_id).in_(message_ids))
        .values(ticket_id=ticket.id)
    )
    session.execute(
        update(Attachment)
        .where(col(Attachment.ticket_id).is_(None), col(Attachment.message_id).in_(message_ids))
        .values(ticket_id=ticket.id)
    )


def attach_message(
    session: Session,
    ticket: Ticket,
    message_id: int,
    actor: str,
    attachments: Sequence[Attachment] = (),
) -> None:
    """File a person's message (and its files) under a ticket, where officers read it."""
    session.execute(update(Message).where(col(Message.id) == message_id).values(ticket_id=ticket.id))
    for attachment in attachments:
        attachment.ticket_id = ticket.id
        session.add(attachment)
    ticket.updated_at = utcnow()
    if ticket.status == "waiting_on_reporter":
        set_status(session, ticket, "open", actor, reason="reporter_replied")
    record(session, ticket, actor, "message", message_id=message_id)


def set_status(session: Session, ticket: Ticket, status: str, actor: str, reason: str | None = None) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    if status == ticket.status:
        return
    record(session, ticket, actor, "status", old=ticket.status, new=status, reason=reason)
    ticket.status = status
    ticket.updated_at = utcnow()
    session.add(ticket)


def make_urgent(session: Session, ticket: Ticket, actor: str, reason: str) -> None:
    """Escalate to the urgent queue (a danger message arrived on an ordinary ticket)."""
    if ticket.urgent:
        return
    config = get_config()
    queue_name = config.route(urgent=True, category=ticket.category, country=ticket.worker_country)
    record(session, ticket, actor, "urgent", reason=reason, old_queue=ticket.queue, new_queue=queue_name)
    now = utcnow()
    ticket.urgent = True
    ticket.queue = queue_name
    ticket.first_response_due = min(
        ticket.first_response_due or now,
        now + timedelta(hours=config.queues[queue_name].first_response_hours),
    )
    ticket.updated_at = now
    session.add(ticket)
    notify_staff(session, ticket, "urgent", urgent_notice_text(ticket))


def mark_not_urgent(session: Session, ticket: Ticket, actor: str) -> None:
    """An officer's correction of the danger reader: not urgent after all. The ticket goes back to the queue
    its category routes to, and the event is what ``helpdesk danger export-corrections`` learns from."""
    if not ticket.urgent:
        return
    queue_name = get_config().route(urgent=False, category=ticket.category, country=ticket.worker_country)
    record(session, ticket, actor, "not_urgent", old_queue=ticket.queue, new_queue=queue_name)
    ticket.urgent = False
    ticket.queue = queue_name
    ticket.updated_at = utcnow()
    session.add(ticket)


def latest_urgent_from(session: Session, source: str) -> Ticket | None:
    """The most recent open urgent ticket opened from ``source`` (any chat of it)."""
    return session.exec(
        select(Ticket)
        .where(Ticket.source == source, col(Ticket.urgent), col(Ticket.status).in_(OPEN_STATUSES))
        .order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc())
    ).first()


def latest_open_ticket(session: Session, contact_id: int) -> Ticket | None:
    return session.exec(
        select(Ticket)
        .where(Ticket.contact_id == contact_id, col(Ticket.status).in_(OPEN_STATUSES))
        .order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc())
    ).first()


def find_by_ref(session: Session, ref: str) -> Ticket | None:
    return session.exec(select(Ticket).where(Ticket.ref == normalise_ref(ref))).first()


# --- Officer actions (the console, the scheduler and the CLI call these) ---------------------------------

#: Conversation states an officer's message must not interrupt (a form being filled, a danger check).
BUSY_STATES = ("form", "danger_location", "danger_safe")
RATING_STATE, RATING_COMMENT_STATE = "rating", "rating_comment"


def notify_staff(session: Session, ticket: Ticket, kind: str, text: str) -> None:
    """A notice for the console's live feed and the staff Telegram group. No personal data: it may leave
    the system, so it names the reference, queue and category only.

    Notices of one kind and queue are counted under a throttle row lock (``limits.staff_notices_per_queue``),
    so concurrent turns count exactly; while the count is locked, further notices are merged into one
    "N more" notice (:func:`_merge_notice`) instead of one each."""
    assert ticket.id is not None
    now = utcnow()
    limit = get_config().limits.staff_notices_per_queue
    gate = throttle.hold(session, f"notices:{kind}:{ticket.queue}", limit, now)
    if gate.locked:
        _merge_notice(session, ticket, kind, now, timedelta(seconds=limit.lock_max_seconds))
        return
    gate.fail()
    session.add(StaffNotice(ticket_id=ticket.id, queue=ticket.queue, kind=kind, text=text[:500]))


def _merge_notice(session: Session, ticket: Ticket, kind: str, now: datetime, window: timedelta) -> None:
    """Count one more notice on the queue's merged notice not yet pushed to the staff group and younger than
    ``window``, or start one: a flood gives at most one merged notice per push round (or window). Runs under
    :func:`notify_staff`'s throttle row lock, so concurrent turns do not lose a count."""
    assert ticket.id is not None
    merged_kind = f"{kind}_more"
    pending = session.exec(
        select(StaffNotice)
        .where(
            StaffNotice.queue == ticket.queue,
            StaffNotice.kind == merged_kind,
            col(StaffNotice.pushed_at).is_(None),
            col(StaffNotice.created_at) >= now - window,
        )
        .order_by(col(StaffNotice.id).desc())
    ).first()
    if pending is None:
        pending = StaffNotice(ticket_id=ticket.id, queue=ticket.queue, kind=merged_kind, text="", count=0)
    pending.count += 1
    pending.ticket_id = ticket.id  # the latest of them
    pending.text = (
        f"{kind.upper()}: {pending.count} more in {ticket.queue} (latest {ticket.ref}), see the queue"
    )
    session.add(pending)


def urgent_notice_text(ticket: Ticket) -> str:
    return f"URGENT {ticket.ref}: {ticket.category} ({ticket.queue})"


def record_view(session: Session, ticket: Ticket, actor: str, what: str) -> None:
    """Audit that ``actor`` saw the ticket's personal data (the page, an attachment, an export)."""
    record(session, ticket, actor, "viewed", what=what)


def claim(session: Session, ticket: Ticket, officer_id: int, now: datetime | None = None) -> bool:
    """Take an unassigned open ticket. A conditional UPDATE makes it safe under concurrency: of two officers
    claiming at the same moment exactly one changes the row, the other gets False."""
    now = now or utcnow()
    result = session.execute(
        update(Ticket)
        .where(
            col(Ticket.id) == ticket.id,
            col(Ticket.assignee_id).is_(None),
            col(Ticket.status).in_(OPEN_STATUSES),
        )
        .values(assignee_id=officer_id, updated_at=now)
    )
    session.refresh(ticket)
    if result.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult, typed as Result
        return False
    actor = actors.officer(officer_id)
    record(session, ticket, actor, "claimed", at=now)
    if ticket.status == "new":
        set_status(session, ticket, "open", actor, reason="claimed")
    return True


def claim_next(session: Session, queues: Sequence[str], officer_id: int) -> Ticket | None:
    """Claim the most pressing unassigned ticket of ``queues``. On PostgreSQL ``FOR UPDATE SKIP LOCKED``
    lets officers pressing "next" together each get a different ticket instead of waiting on one row."""
    for _attempt in range(3):
        ticket = session.exec(
            select(Ticket)
            .where(
                col(Ticket.queue).in_(queues),
                col(Ticket.assignee_id).is_(None),
                col(Ticket.status).in_(("new", "open")),
            )
            .order_by(
                col(Ticket.urgent).desc(),
                col(Ticket.escalated).desc(),
                col(Ticket.first_response_due).asc(),
                col(Ticket.id).asc(),
            )
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        if ticket is None:
            return None
        if claim(session, ticket, officer_id):
            return ticket
    return None


class AssignmentRefused(ValueError):
    """The chosen officer cannot take the ticket: ``reason`` is ``"inactive"`` (disabled or no such account)
    or ``"queue"`` (does not work the ticket's queue)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def assign(
    session: Session, ticket: Ticket, actor: str, *, officer_id: int | None, queue: str | None = None
) -> None:
    """Hand the ticket to an officer (or nobody) and optionally move it to another queue. The officer must
    be active and work the (new) queue, as admins work every queue (see desk.permissions)."""
    queue = queue or ticket.queue
    if queue not in get_config().queues:
        raise ValueError(f"unknown queue {queue!r}")
    if officer_id is not None:
        officer = session.get(Officer, officer_id)
        if officer is None or not officer.active:
            raise AssignmentRefused("inactive")
        if officer.role != "admin" and queue not in officer.queues:
            raise AssignmentRefused("queue")
    if officer_id == ticket.assignee_id and queue == ticket.queue:
        return
    record(
        session,
        ticket,
        actor,
        "assigned",
        old_officer=ticket.assignee_id,
        new_officer=officer_id,
        old_queue=ticket.queue,
        new_queue=queue,
    )
    ticket.assignee_id, ticket.queue, ticket.updated_at = officer_id, queue, utcnow()
    session.add(ticket)


def _conversation(session: Session, ticket: Ticket) -> tuple[Conversation, Contact]:
    """The ticket's chat, locked and versioned for a change, as the engine does for a turn."""
    conversation = session.exec(
        select(Conversation).where(Conversation.id == ticket.conversation_id).with_for_update()
    ).one()
    conversation.version += 1
    session.add(conversation)
    contact = session.get(Contact, ticket.contact_id)
    assert contact is not None
    return conversation, contact


def _send(
    session: Session,
    ticket: Ticket,
    conversation: Conversation,
    author: str,
    text: str,
    buttons: Sequence[tuple[str, str]] = (),
    now: datetime | None = None,
) -> Message:
    """Queue an outbound message in the outbox (the channel's sender or pull delivers it)."""
    now = now or utcnow()
    assert conversation.id is not None
    message = Message(
        conversation_id=conversation.id,
        ticket_id=ticket.id,
        direction="out",
        channel=conversation.channel,
        author=author,
        text=text,
        buttons=[[label, value] for label, value in buttons],
        status="pending",
        next_attempt_at=now,
        created_at=now,
    )
    session.add(message)
    session.flush()
    if buttons:  # typed numbers answer these buttons next turn, as for the bot's own questions
        conversation.data = {**conversation.data, "buttons": [[label, value] for label, value in buttons]}
    return message


def reply(
    session: Session, ticket: Ticket, officer_id: int, text: str, now: datetime | None = None
) -> Message:
    """Answer the person on their channel. The chat is handed to the ticket (unless the person is busy in a
    form), so their answer reaches the officer."""
    now = now or utcnow()
    text = text.strip()
    if not text:
        raise ValueError("empty reply")
    actor = actors.officer(officer_id)
    conversation, contact = _conversation(session, ticket)
    with use_language(contact.language):
        framed = _("Pesan dari petugas (laporan {ref}):\n{text}").format(ref=ticket.ref, text=text)
    message = _send(session, ticket, conversation, actor, framed, now=now)
    if conversation.state not in BUSY_STATES:
        conversation.handoff_ticket_id = ticket.id
        conversation.state = "handoff"
    record(session, ticket, actor, "reply", at=now, message_id=message.id)
    if ticket.first_response_at is None:
        ticket.first_response_at = now
    if ticket.status == "new":
        set_status(session, ticket, "open", actor, reason="replied")
    ticket.updated_at = now
    session.add(ticket)
    return message


def pin_locked(
    session: Session,
    ticket: Ticket,
    until: datetime,
    failures: int,
    channel: str,
    now: datetime | None = None,
) -> None:
    """Wrong PINs from other chats locked the ticket's PIN check: audit it and tell the owner on their
    channel (someone may be trying their reference; in their own chat they need no PIN)."""
    record(
        session,
        ticket,
        "bot",
        "pin_locked",
        at=now,
        failures=failures,
        until=until.isoformat(),
        channel=channel,
    )
    conversation = session.get(Conversation, ticket.conversation_id)  # not locked: only a message is added
    contact = session.get(Contact, ticket.contact_id)
    assert conversation is not None and contact is not None
    with use_language(contact.language):
        text = _(
            "Ada beberapa percobaan PIN yang salah untuk laporan {ref} dari chat lain. Pemeriksaan dengan PIN "
            "kami kunci sementara. Jika itu bukan Anda, jangan berikan PIN Anda kepada siapa pun. Di chat ini "
            "Anda tetap bisa melihat laporan Anda; ketik *petugas* jika perlu bantuan."
        ).format(ref=ticket.ref)
    _send(session, ticket, conversation, "bot", text, now=now)


def add_note(session: Session, ticket: Ticket, actor: str, text: str) -> None:
    """An internal note: kept in the audit trail, never sent to the person."""
    text = text.strip()
    if not text:
        raise ValueError("empty note")
    record(session, ticket, actor, "note", text=text)
    ticket.updated_at = utcnow()
    session.add(ticket)


def set_labels(session: Session, ticket: Ticket, actor: str, labels: Sequence[str]) -> None:
    clean = sorted({label.strip().lower()[:40] for label in labels if label.strip()})
    if clean == sorted(ticket.labels):
        return
    record(session, ticket, actor, "labels", old=ticket.labels, new=clean)
    ticket.labels = clean
    session.add(ticket)


def change_status(
    session: Session, ticket: Ticket, status: str, actor: str, reason: str, now: datetime | None = None
) -> None:
    """An officer's status change; a reason is required. Resolving asks the person for a rating."""
    if not reason.strip():
        raise ValueError("a status change needs a reason")
    if status == "resolved":
        resolve(session, ticket, actor, reason, now)
    else:
        set_status(session, ticket, status, actor, reason=reason.strip())


def resolve(session: Session, ticket: Ticket, actor: str, reason: str, now: datetime | None = None) -> None:
    """Mark resolved, release the chat and ask the person for a 1-5 rating (handled by handlers.rating)."""
    now = now or utcnow()
    if ticket.status == "resolved":
        return
    set_status(session, ticket, "resolved", actor, reason=reason)
    ticket.resolved_at = now
    conversation, contact = _conversation(session, ticket)
    if conversation.handoff_ticket_id == ticket.id:
        conversation.handoff_ticket_id = None
        if conversation.state == "handoff":
            conversation.state = "menu"
    if conversation.state in BUSY_STATES:
        return
    with use_language(contact.language):
        question = _(
            "Laporan {ref} sudah selesai ditangani. Seberapa puas Anda dengan bantuan kami? Pilih 1 (sangat "
            "tidak puas) sampai 5 (sangat puas)."
        ).format(ref=ticket.ref)
    buttons = [(str(n), f"rate:{n}") for n in range(1, 6)]
    _send(session, ticket, conversation, "bot", question, buttons, now=now)
    conversation.state = RATING_STATE
    conversation.data = {**conversation.data, "rating_ticket": ticket.id}
    record(session, ticket, "bot", "rating_requested", at=now)


def rate(session: Session, ticket: Ticket, actor: str, rating: int, comment: str | None = None) -> None:
    if not 1 <= rating <= 5:
        raise ValueError("rating must be 1-5")
    ticket.rating = rating
    if comment is not None:
        ticket.rating_comment = comment.strip()[:2000] or None
    record(session, ticket, actor, "rated", rating=rating, comment=bool(ticket.rating_comment))
    session.add(ticket)


def escalate(session: Session, ticket: Ticket, actor: str, reason: str) -> None:
    """Flag an overdue ticket and tell the supervisors (console feed, staff Telegram group)."""
    if ticket.escalated:
        return
    record(session, ticket, actor, "escalated", reason=reason)
    ticket.escalated = True
    session.add(ticket)
    notify_staff(session, ticket, "escalated", f"ESCALATED {ticket.ref}: {reason} ({ticket.queue})")


def warn_silence(
    session: Session, ticket: Ticket, close_at: datetime, timezone: str, now: datetime | None = None
) -> None:
    """Tell the reporter the ticket will close unless they answer (before :func:`close_silent`)."""
    conversation, contact = _conversation(session, ticket)
    with use_language(contact.language):
        text = _(
            "Laporan {ref} menunggu jawaban Anda. Jika tidak ada kabar sampai {when}, laporan akan kami tutup. "
            "Anda tetap bisa membuat laporan baru kapan saja."
        ).format(ref=ticket.ref, when=fmt_datetime(close_at, timezone))
    _send(session, ticket, conversation, "bot", text, now=now)
    record(session, ticket, "scheduler", "silence_warning", at=now, close_at=close_at.isoformat())


def close_silent(session: Session, ticket: Ticket) -> None:
    """Close a ticket whose reporter stayed silent after the warning, telling them."""
    conversation, contact = _conversation(session, ticket)
    with use_language(contact.language):
        text = _(
            "Laporan {ref} kami tutup karena belum ada jawaban. Jika masalahnya belum selesai, silakan buat "
            "laporan baru atau ketik *petugas*."
        ).format(ref=ticket.ref)
    _send(session, ticket, conversation, "bot", text)
    if conversation.handoff_ticket_id == ticket.id:
        conversation.handoff_ticket_id = None
    set_status(session, ticket, "closed", "scheduler", reason="reporter_silent")


#: Intake answers kept after erasure: choices that identify nobody and feed the statistics (each only with one
#: of its choice values: the danger flow stores a typed answer to "are you safe" as it was typed).
STATISTICAL_INTAKE = ("category", "procedural", "safe_now", "desired_outcome", "danger")
ERASED = "[dihapus]"
#: What an erased ticket's events keep: these detail keys lose their free text (typed by officers).
_EVENT_TEXT = {"note": ("text",), "status": ("reason",), "labels": ("old", "new")}
#: Status-change reasons the code itself writes (kept); any other reason was typed by an officer.
REASON_CODES = frozenset({"reporter_replied", "claimed", "replied", "reporter_silent", "erasure_done"})


def _statistical(key: str, value: Any) -> bool:
    if key not in STATISTICAL_INTAKE:
        return False
    if key == "safe_now":
        return value in ("yes", "no")
    return isinstance(value, str) and len(value) <= 40 and value.replace("_", "").isalnum()


def anonymise(
    session: Session, ticket: Ticket, actor: str, reason: str, now: datetime | None = None, **detail: Any
) -> None:
    """Remove the ticket's personal data (names, identity numbers, story, free-text intake, labels, note
    texts, status-change reasons, rating comment); category, country, queue, status, timestamps and rating
    stay for the statistics. ``detail`` goes into the ``erased`` event (the request it answers)."""
    if ticket.erased_at is not None:
        return
    now = now or utcnow()
    pii.forget(ticket)
    ticket.reporter_name = ticket.worker_name = ticket.rating_comment = ticket.source = None
    ticket.description = ERASED
    ticket.intake = {key: value for key, value in ticket.intake.items() if _statistical(key, value)}
    ticket.labels = []
    ticket.erased_at = ticket.updated_at = now
    for event in session.exec(
        select(TicketEvent).where(TicketEvent.ticket_id == ticket.id, col(TicketEvent.kind).in_(_EVENT_TEXT))
    ):
        keys = [
            key
            for key in _EVENT_TEXT[event.kind]
            if event.detail.get(key) is not None
            and not (isinstance(event.detail[key], str) and event.detail[key] in REASON_CODES)
        ]
        event.detail = {**event.detail, **dict.fromkeys(keys, ERASED)}
        session.add(event)
    session.add(ticket)
    record(session, ticket, actor, "erased", at=now, reason=reason, **detail)
