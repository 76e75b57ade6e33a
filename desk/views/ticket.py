"""The ticket page and what an officer does on it: claim, reply, note, labels, status, assign, attachments."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from sqlmodel import col, select
from starlette.responses import FileResponse, JSONResponse, Response

from bot import attachments, pii, privacy, tickets
from bot.config import get_config, get_settings
from bot.forms import Field
from bot.i18n import _
from bot.models import Attachment, CannedAnswer, Contact, Conversation, Message, Officer, Ticket, TicketEvent
from bot.reply_window import outside_window
from bot.web.params import row_id
from desk import inbox, mentions, permissions
from desk.labels import EXTRA_INTAKE_LABELS, YES_NO, label, queue_labels
from desk.localtime import is_quiet_hour, local_time, timezone_of
from desk.web import Ctx, not_found
from handlers import complaint, family, fields
from handlers.labels import (
    AGENCY_REGISTER_LABELS,
    CATEGORY_LABELS,
    DANGER_LABELS,
    LEGAL_BASIS_LABELS,
    RELATIONSHIP_LABELS,
    SUPPLIED_BY_LABELS,
)
from nlu.text import storable

INTAKE_FIELDS: dict[str, Field] = {
    field.name: field for form in (complaint.FORM, family.FORM) for field in form.fields
}  # identity numbers are not in the intake JSON: they come from bot.pii, decrypted or masked
SHOWN_APART = ("description",)  # the story: shown under the intake card, not as one of its rows
MAX_MESSAGES = 500
OCTET_STREAM = "application/octet-stream"  # served for a stored type outside ATTACHMENT_TYPES


def _ticket(ctx: Ctx) -> Ticket | None:
    ticket = tickets.find_by_ref(ctx.db, ctx.request.path_params["ref"])
    if ticket is None or not permissions.can_view(ctx.officer, ticket):
        return None
    return ticket


def show(ctx: Ctx, *, draft: str = "", warning: str = "", status_code: int = 200) -> Response:
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    tickets.record_view(ctx.db, ticket, ctx.actor, "ticket_page")
    assert ctx.officer.id is not None
    inbox.mark_seen(ctx.db, ctx.officer.id, ticket, ctx.now)
    assert ticket.id is not None
    mentions.mark_read(ctx.db, ctx.officer.id, ticket.id, ctx.now)
    canned_id = row_id(ctx.request.query_params.get("canned", ""))
    if canned_id is not None and not draft:
        draft = _canned_text(ctx, ticket, canned_id)
    unmentioned = mentions.names_in(ctx.request.query_params.get("unmentioned", ""))
    return ctx.render(
        "ticket.html",
        status_code,
        **_page(ctx, ticket),
        draft=draft,
        warning=warning or ("unmentioned" if unmentioned else ""),
        unmentioned=[f"@{name}" for name in unmentioned],
    )


def _page(ctx: Ctx, ticket: Ticket) -> dict[str, Any]:
    conversation = ctx.db.get(Conversation, ticket.conversation_id)
    local = local_time(ticket.worker_country, ctx.now)
    last_inbound = conversation.last_inbound_at if conversation else None
    events = list(
        ctx.db.exec(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(col(TicketEvent.id))
        )
    )
    messages = _messages(ctx, ticket)
    earlier = [m for m in messages if m.created_at < ticket.created_at]
    canned = _canned_for(ctx, ticket)
    return {
        "ticket": ticket,
        "earlier": earlier,
        "messages": messages[len(earlier) :],
        "last_message_id": max((m.id or 0 for m in messages), default=0),
        "queue_labels": queue_labels(),
        "events": [event for event in events if event.kind != "viewed"],
        "notes": [event for event in events if event.kind == "note"],
        "attachments": ctx.db.exec(select(Attachment).where(Attachment.ticket_id == ticket.id)).all(),
        "intake": _intake(ctx, ticket),
        "full_identity": permissions.sees_identity_numbers(ctx.officer, ctx.policy),
        "names": _officer_names(ctx),
        "local_time": local,
        "timezone": timezone_of(ticket.worker_country),
        "quiet": is_quiet_hour(local, ctx.policy.quiet_hours),
        "outside_window": outside_window(ticket.channel, last_inbound, ctx.now),
        "canned": canned,
        "canned_texts": {c.id: _filled(ctx, ticket, c) for c in canned},
        "mentionable": mentions.mentionable(ctx.db, ticket, ctx.officer),
        "officers": _colleagues(ctx, ticket),
        "queues": get_config().queues,
        "statuses": tickets.STATUSES,
        "category_labels": CATEGORY_LABELS,
        "relationship_labels": RELATIONSHIP_LABELS,
        "supplied_by_labels": SUPPLIED_BY_LABELS,
        "legal_basis_labels": LEGAL_BASIS_LABELS,
        "danger_labels": DANGER_LABELS,
        "danger": next((e.detail for e in reversed(events) if e.kind == "danger"), None),
        "country": fields.show_country(ticket.worker_country) if ticket.worker_country else "—",
        "can_supervise": permissions.can_supervise(ctx.officer),
        "erasure_requested": _erasure_requested(ctx, ticket),
    }


def live(ctx: Ctx) -> Response:
    """The open ticket's messages newer than ``after`` (polled by console.js), as HTML; the officer has now
    seen them."""
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    after = row_id(ctx.request.query_params.get("after", ""))
    new = _messages(ctx, ticket, after)
    assert ctx.officer.id is not None
    inbox.mark_seen(ctx.db, ctx.officer.id, ticket, ctx.now)
    html = ctx.fragment(
        "_messages.html",
        messages=new,
        names=_officer_names(ctx),
        full_identity=permissions.sees_identity_numbers(ctx.officer, ctx.policy),
    )
    return JSONResponse({"last": max((m.id or 0 for m in new), default=after or 0), "html": html})


def _erasure_requested(ctx: Ctx, ticket: Ticket) -> bool:
    return privacy.open_erasure_request(ctx.db, ticket) is not None


def _messages(ctx: Ctx, ticket: Ticket, after: int | None = None) -> list[Message]:
    """The ticket's own messages (filed on it, with the form conversation that opened it, shown folded as
    the earlier chat): never another ticket's, which may belong to another queue. ``after``: only newer ids."""
    query = select(Message).where(col(Message.ticket_id) == ticket.id)
    if after is not None:
        query = query.where(col(Message.id) > after)
    query = query.order_by(col(Message.created_at).desc(), col(Message.id).desc()).limit(MAX_MESSAGES)
    return list(reversed(ctx.db.exec(query).all()))


def _intake(ctx: Ctx, ticket: Ticket) -> list[tuple[str, str]]:
    """Intake answers for display; identity numbers masked unless the officer's role may see them."""
    full = permissions.sees_identity_numbers(ctx.officer, ctx.policy)
    rows = [
        (label, permissions.conceal_identity(shown, full))
        for label, shown in (
            _intake_row(key, value) for key, value in (ticket.intake or {}).items() if key not in SHOWN_APART
        )
    ]
    for key, number in pii.identity(ticket).items():
        if number:
            rows.append((_intake_label(key), number if full else permissions.mask(number)))
    return rows


def _intake_row(key: str, value: Any) -> tuple[str, str]:
    """A form answer as the form's summary shows it (label and value in the officer's language)."""
    if key == "agency_register":
        return _("Register agensi"), _(AGENCY_REGISTER_LABELS.get(value, str(value)))
    field = INTAKE_FIELDS.get(key)
    if field is None or field.secret:  # not a form answer (e.g. the danger kind of an urgent ticket)
        values = DANGER_LABELS if key == "danger" else YES_NO
        return _intake_label(key), "-" if value is None else label(values, str(value))
    return _(field.label), field.display(value)


def _intake_label(key: str) -> str:
    if key in INTAKE_FIELDS:
        return _(INTAKE_FIELDS[key].label)
    return label(EXTRA_INTAKE_LABELS, key)


def _officer_names(ctx: Ctx) -> dict[str, str]:
    return {f"officer:{o.id}": o.display_name for o in ctx.db.exec(select(Officer))}


def _colleagues(ctx: Ctx, ticket: Ticket) -> list[Officer]:
    active = ctx.db.exec(select(Officer).where(col(Officer.active)).order_by(col(Officer.display_name)))
    return [o for o in active if o.role == "admin" or ticket.queue in o.queues]


def _canned_for(ctx: Ctx, ticket: Ticket) -> list[CannedAnswer]:
    """Canned answers, those in the person's language first."""
    contact = ctx.db.get(Contact, ticket.contact_id)
    language = contact.language if contact else "id"
    rows = ctx.db.exec(select(CannedAnswer).order_by(col(CannedAnswer.title))).all()
    return sorted(rows, key=lambda row: row.language != language)


def _canned_text(ctx: Ctx, ticket: Ticket, canned_id: int) -> str:
    canned = ctx.db.get(CannedAnswer, canned_id)
    return "" if canned is None else _filled(ctx, ticket, canned)


def _filled(ctx: Ctx, ticket: Ticket, canned: CannedAnswer) -> str:
    """A canned answer with its placeholders filled for this ticket and officer."""
    return get_config().fill(
        canned.text,
        ref=ticket.ref,
        worker=ticket.worker_name or "",
        reporter=ticket.reporter_name or "",
        officer=ctx.officer.display_name,
    )


def _back(ctx: Ctx, ticket: Ticket) -> Response:
    return ctx.redirect(f"/console/t/{ticket.ref}")


def claim(ctx: Ctx) -> Response:
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    assert ctx.officer.id is not None
    if not tickets.claim(ctx.db, ticket, ctx.officer.id, ctx.now):
        return show(ctx, warning="claimed_by_other", status_code=409)
    return _back(ctx, ticket)


def reply(ctx: Ctx) -> Response:
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    text = ctx.field("text").strip()
    if not text:
        return show(ctx, warning="empty_reply", status_code=400)
    quiet = is_quiet_hour(local_time(ticket.worker_country, ctx.now), ctx.policy.quiet_hours)
    if (
        quiet and not ticket.urgent and ctx.field("confirm_night") != "1"
    ):  # the night gate is for routine news
        return show(ctx, draft=text, warning="night", status_code=409)
    assert ctx.officer.id is not None
    tickets.reply(ctx.db, ticket, ctx.officer.id, text[: get_settings().max_outbound_chars], ctx.now)
    return _back(ctx, ticket)


def note(ctx: Ctx) -> Response:
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    if not ctx.field("text").strip():
        return show(ctx, warning="empty", status_code=400)
    text = ctx.field("text")[:5000]
    tickets.add_note(ctx.db, ticket, ctx.actor, text)
    refused = mentions.notify(ctx.db, ticket, ctx.officer, text, ctx.now).refused
    if refused:  # the note is kept; the page says who was not told
        return ctx.redirect(
            f"/console/t/{ticket.ref}?" + urlencode({"unmentioned": " ".join(f"@{n}" for n in refused)})
        )
    return _back(ctx, ticket)


def labels(ctx: Ctx) -> Response:
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    tickets.set_labels(ctx.db, ticket, ctx.actor, ctx.field("labels").split(","))
    return _back(ctx, ticket)


def status(ctx: Ctx) -> Response:
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    new, reason = ctx.field("status"), ctx.field("reason").strip()
    if new not in tickets.STATUSES or not reason:
        return show(ctx, warning="reason", status_code=400)
    tickets.change_status(ctx.db, ticket, new, ctx.actor, reason[:500], ctx.now)
    return _back(ctx, ticket)


def erase(ctx: Ctx) -> Response:
    """A supervisor or admin confirms the person's open erasure request on this ticket: all their data is
    anonymised, provided all their tickets are in the officer's queues."""
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    refused = privacy.confirm_erasure(ctx.db, ticket, ctx.actor, permissions.queues_of(ctx.officer))
    if refused is not None:
        return show(ctx, warning=refused, status_code=409 if refused == "no_request" else 403)
    return _back(ctx, ticket)


def not_urgent(ctx: Ctx) -> Response:
    """One click on the ticket page: the danger reader was wrong, this is not urgent (recorded, learned from)."""
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    tickets.mark_not_urgent(ctx.db, ticket, ctx.actor)
    return _back(ctx, ticket) if permissions.can_view(ctx.officer, ticket) else ctx.redirect("/console/")


def urgent(ctx: Ctx) -> Response:
    """The reverse correction: an officer marks an ordinary ticket urgent."""
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    tickets.make_urgent(ctx.db, ticket, ctx.actor, reason="officer")
    return _back(ctx, ticket) if permissions.can_view(ctx.officer, ticket) else ctx.redirect("/console/")


def assign(ctx: Ctx) -> Response:
    """Supervisors hand a ticket to any colleague or queue; an officer can only give back their own."""
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    officer_id = row_id(ctx.field("officer"))
    queue = ctx.field("queue") or ticket.queue
    own_release = officer_id is None and ticket.assignee_id == ctx.officer.id and queue == ticket.queue
    if not (permissions.can_supervise(ctx.officer) or own_release):
        return show(ctx, warning="forbidden", status_code=403)
    if queue not in get_config().queues:
        return show(ctx, warning="invalid", status_code=400)
    try:
        tickets.assign(ctx.db, ticket, ctx.actor, officer_id=officer_id, queue=queue)
    except tickets.AssignmentRefused as refused:
        return show(ctx, warning=f"assignee_{refused.reason}", status_code=400)
    return _back(ctx, ticket) if permissions.can_view(ctx.officer, ticket) else ctx.redirect("/console/")


def attachment(ctx: Ctx) -> Response:
    """A file the person sent, for officers of the ticket's queue only; every opening is audited."""
    ticket = _ticket(ctx)
    if ticket is None:
        return not_found(ctx)
    token = storable(ctx.request.path_params["token"])
    row = ctx.db.exec(select(Attachment).where(Attachment.token == token)).first()
    if row is None or row.ticket_id != ticket.id or not row.path:
        return not_found(ctx)
    path = attachments.stored_path(row.path)
    if path is None or not path.is_file():
        return not_found(ctx)
    tickets.record_view(ctx.db, ticket, ctx.actor, f"attachment:{row.id}")
    return FileResponse(
        path,
        media_type=row.content_type if attachments.allowed(row.content_type, None) else OCTET_STREAM,
        filename=row.filename or path.name,
        content_disposition_type="attachment",
    )
