"""The console's ticket list: queue views, filters, full-text search and counts, scoped to an officer's queues.

Search is ``ILIKE '%term%'`` over the reference, names, intake data and the ticket's own messages
(those filed on it); on PostgreSQL trigram indexes (migration 0003) keep it fast on large tables. Passport numbers and
NIK are encrypted, so a term that is one is matched exactly through its blind index (:mod:`bot.pii`), and only
for roles allowed to see identity numbers: others could otherwise learn a number by searching for it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, Text, cast, func, union
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot import pii
from bot.config import get_config
from bot.models import Message, Officer, Ticket
from bot.tickets import OPEN_STATUSES
from bot.web.params import row_id
from desk.permissions import queues_of, sees_identity_numbers
from nlu.parsing.countries import country_name, parse_country
from nlu.text import storable

VIEWS = ("mine", "unassigned", "all", "urgent")
ANY_STATUS = "any"  # the status filter's "every status", which the reports' drill-down links use
#: how a ticket's first response stands against its deadline (the reports' chart, the queue's filter)
RESPONSE_OUTCOMES = ("met", "late", "waiting")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
PAGE_SIZE = 50
MAX_PAGE = 100_000  # keeps the offset inside a 64-bit integer whatever the URL says
COUNT_CAP = 1000
MESSAGE_MATCH_CAP = 2000  # conversations taken from message matches: bounds the cost of very common words


@dataclass(frozen=True)
class Filters:
    view: str = "all"
    status: str = ""
    category: str = ""
    country: str = ""
    channel: str = ""
    queue: str = ""
    assignee: int | None = None
    overdue: bool = False
    week: str = ""  # an ISO week, "2026-W48": tickets created in it
    response: str = ""  # one of RESPONSE_OUTCOMES
    q: str = ""
    page: int = 1

    @classmethod
    def from_params(cls, query: Mapping[str, str]) -> Filters:
        params = {name: storable(value) for name, value in query.items()}  # compared in SQL: no NUL
        page = min(row_id(params.get("page", "1")) or 1, MAX_PAGE)
        view = params.get("view", "all")
        return cls(
            view=view if view in VIEWS else "all",
            status=params.get("status", ""),
            category=params.get("category", ""),
            country=country_code(params.get("country", "")),
            channel=params.get("channel", ""),
            queue=params.get("queue", ""),
            assignee=row_id(params.get("assignee", "")),
            overdue=params.get("overdue") in ("1", "on", "true"),
            week=params.get("week", "") if week_start(params.get("week", "")) else "",
            response=params.get("response", "") if params.get("response") in RESPONSE_OUTCOMES else "",
            q=params.get("q", "").strip()[:100],
            page=max(page, 1),
        )

    def params(self, **changes: Any) -> dict[str, str]:
        """The query-string parameters of these filters (with ``changes``), for links and the CSV export."""
        data = replace(self, **changes)
        values = {
            "view": data.view,
            "status": data.status,
            "category": data.category,
            "country": data.country,
            "channel": data.channel,
            "queue": data.queue,
            "assignee": str(data.assignee) if data.assignee else "",
            "overdue": "1" if data.overdue else "",
            "week": data.week,
            "response": data.response,
            "q": data.q,
            "page": str(data.page) if data.page > 1 else "",
        }
        return {key: value for key, value in values.items() if value}


def country_code(text: str) -> str:
    """A country as typed in the filter: an ISO code, or a name in Indonesian or English ("taiwan", "Arab
    Saudi"). Text that names no country is kept, so it finds nothing rather than every ticket."""
    text = text.strip()[:60]
    if not text:
        return ""
    if len(text) == 2:
        with suppress(KeyError):
            country_name(text, "en")
            return text.upper()
    return parse_country(text) or text


def week_of(moment: datetime) -> str:
    year, week, _day = moment.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> datetime | None:
    """Monday 00:00 UTC of an ISO week written as :func:`week_of` writes it, or None."""
    match = _WEEK.fullmatch(week)
    if not match:
        return None
    try:
        return datetime.fromisocalendar(int(match[1]), int(match[2]), 1).replace(tzinfo=UTC)
    except ValueError:  # week 00 or 54
        return None


def response_outcome(responded: datetime | None, due: datetime | None, now: datetime) -> str:
    """The first response against its deadline: "met" (in time), "late" (after it, or none and past it) or
    "waiting" (none yet, still in time). :func:`response_condition` is the same in SQL."""
    if responded is not None:
        return "late" if due is not None and responded > due else "met"
    return "late" if due is not None and due < now else "waiting"


def response_condition(outcome: str, now: datetime) -> ColumnElement[bool]:
    responded, due = col(Ticket.first_response_at), col(Ticket.first_response_due)
    if outcome == "met":
        return responded.is_not(None) & (due.is_(None) | (responded <= due))
    if outcome == "late":
        return (responded.is_not(None) & due.is_not(None) & (responded > due)) | (
            responded.is_(None) & (due < now)
        )
    return responded.is_(None) & (due.is_(None) | (due >= now))


def overdue_condition(now: datetime) -> ColumnElement[bool]:
    """Open and past a deadline: no first response in time, or not resolved in time."""
    return col(Ticket.status).in_(OPEN_STATUSES) & (
        (col(Ticket.first_response_at).is_(None) & (col(Ticket.first_response_due) < now))
        | (col(Ticket.resolution_due) < now)
    )


def _contains(column: Any, fragment: str) -> ColumnElement[bool]:
    pattern = "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return column.ilike(pattern, escape="\\")


def _in_messages(condition: ColumnElement[bool]) -> Select[Any]:
    """Tickets with a message matching ``condition``: the ticket's own messages only (a chat's other tickets
    may be in other queues)."""
    return (
        select(Message.ticket_id)
        .where(col(Message.ticket_id).is_not(None), condition)
        .limit(MESSAGE_MATCH_CAP)
    )


def _identity_matches(term: str) -> list[Select[Any]]:
    """Tickets whose passport number or NIK is ``term`` (as people type it), through the blind index: the
    form's number, or one typed in the story, a form answer or a message (sealed there, see :mod:`bot.sealed`)."""
    found: list[Select[Any]] = []
    for field, (_enc_column, hash_column, _normalise) in pii.FIELDS.items():
        digest = pii.blind_index(field, term)
        fragment = pii.text_index(field, term)
        if digest is None or fragment is None:
            continue
        found += [
            select(Ticket.id).where(getattr(Ticket, hash_column) == digest),
            select(Ticket.id).where(_contains(col(Ticket.description), fragment)),
            select(Ticket.id).where(_contains(cast(Ticket.intake, Text), fragment)),
            select(Ticket.id).where(col(Ticket.id).in_(_in_messages(_contains(col(Message.text), fragment)))),
        ]
    return found


def _search(term: str, identity: bool) -> ColumnElement[bool]:
    """Tickets matching ``term`` anywhere searchable (identity numbers when ``identity``). A UNION of one
    simple ILIKE per column lets PostgreSQL use each column's trigram index; one OR over all of them would scan
    the whole ticket table."""

    def like(column: Any) -> ColumnElement[bool]:
        return _contains(column, term)

    matching = union(
        select(Ticket.id).where(like(col(Ticket.ref))),
        select(Ticket.id).where(like(col(Ticket.worker_name))),
        select(Ticket.id).where(like(col(Ticket.reporter_name))),
        select(Ticket.id).where(like(cast(Ticket.intake, Text))),
        select(Ticket.id).where(col(Ticket.id).in_(_in_messages(like(col(Message.text))))),
        *(_identity_matches(term) if identity else ()),
    )
    return col(Ticket.id).in_(select(matching.subquery().c[0]))


def _view(officer: Officer, view: str) -> list[ColumnElement[bool]]:
    if view == "mine":
        return [col(Ticket.assignee_id) == officer.id, col(Ticket.status).in_(OPEN_STATUSES)]
    if view == "unassigned":
        return [col(Ticket.assignee_id).is_(None), col(Ticket.status).in_(OPEN_STATUSES)]
    if view == "urgent":
        return [col(Ticket.urgent) | col(Ticket.escalated), col(Ticket.status).in_(OPEN_STATUSES)]
    return []


def ticket_query(
    officer: Officer, filters: Filters, now: datetime, *, finished: bool = False
) -> SelectOfScalar[Ticket]:
    """Tickets of the officer's queues matching ``filters``: urgent first, then newest. The "all" view holds
    open tickets unless a status or search is given, or ``finished`` (reports count every ticket)."""
    queues = queues_of(officer)
    if filters.queue:
        queues = [queue for queue in queues if queue == filters.queue]
    conditions = [col(Ticket.queue).in_(queues), *_view(officer, filters.view)]
    if filters.view == "all" and not (filters.status or filters.q or finished):
        conditions.append(col(Ticket.status).in_(OPEN_STATUSES))
    for field, value in (
        (Ticket.status, "" if filters.status == ANY_STATUS else filters.status),
        (Ticket.category, filters.category),
        (Ticket.worker_country, filters.country),
        (Ticket.channel, filters.channel),
    ):
        if value:
            conditions.append(col(field) == value)
    if filters.assignee:
        conditions.append(col(Ticket.assignee_id) == filters.assignee)
    if filters.overdue:
        conditions.append(overdue_condition(now))
    if start := week_start(filters.week):
        conditions += [col(Ticket.created_at) >= start, col(Ticket.created_at) < start + timedelta(days=7)]
    if filters.response:
        conditions.append(response_condition(filters.response, now))
    if filters.q:
        conditions.append(_search(filters.q, sees_identity_numbers(officer, get_config().console)))
    return (
        select(Ticket)
        .where(*conditions)
        .order_by(col(Ticket.urgent).desc(), col(Ticket.created_at).desc(), col(Ticket.id).desc())
    )


def list_page(db: Session, officer: Officer, filters: Filters, now: datetime) -> list[Ticket]:
    """One page of the list (one row more than a page, so the caller knows whether a next page exists)."""
    query = ticket_query(officer, filters, now)
    return list(db.exec(query.offset((filters.page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)))


def view_counts(db: Session, officer: Officer, now: datetime) -> dict[str, int]:
    """How many open tickets each queue view holds, and how many are overdue, counted up to
    :data:`COUNT_CAP` (shown as "1000+"): exact counts of tens of thousands cost more than they tell."""
    base = [col(Ticket.queue).in_(queues_of(officer))]
    conditions = {
        view: [*base, *(_view(officer, view) or [col(Ticket.status).in_(OPEN_STATUSES)])] for view in VIEWS
    }
    conditions["overdue"] = [*base, overdue_condition(now)]
    return {name: _capped_count(db, where) for name, where in conditions.items()}


def _capped_count(db: Session, conditions: list[ColumnElement[bool]]) -> int:
    capped = select(Ticket.id).where(*conditions).limit(COUNT_CAP).subquery()
    return int(db.exec(select(func.count()).select_from(capped)).one())
