"""Figures for supervisors: tickets by category, country, queue, status and week, each week's first responses
against their deadline; median response and resolution times; and the CSV export of a filtered list."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from statistics import median

from sqlmodel import Session, col

from bot import pii
from bot.clock import iso
from bot.models import Officer, Ticket
from desk.queries import Filters, response_outcome, ticket_query, week_of

EXPORT_LIMIT = 10_000
PUBLIC_COLUMNS = (
    "ref",
    "created_at",
    "status",
    "queue",
    "category",
    "country",
    "channel",
    "urgent",
    "escalated",
    "assignee_id",
    "first_response_at",
    "resolved_at",
    "rating",
)
PERSONAL_COLUMNS = ("worker_name", "reporter_name", "reporter_relationship", "passport_number")


@dataclass(frozen=True)
class Report:
    total: int
    by: dict[str, Counter[str]]
    #: each week's tickets by how their first response stands against its deadline (RESPONSE_OUTCOMES)
    response_by_week: dict[str, Counter[str]]
    median_first_response_hours: float | None
    median_resolution_hours: float | None
    average_rating: float | None


def _hours(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else (end - start).total_seconds() / 3600


def build(db: Session, officer: Officer, filters: Filters, now: datetime) -> Report:
    rows = db.execute(  # execute, not exec: rows of columns, not scalars
        ticket_query(officer, filters, now, finished=True).with_only_columns(
            col(Ticket.category),
            col(Ticket.worker_country),
            col(Ticket.queue),
            col(Ticket.status),
            col(Ticket.created_at),
            col(Ticket.first_response_at),
            col(Ticket.resolved_at),
            col(Ticket.rating),
            col(Ticket.first_response_due),
        )
    ).all()
    by: dict[str, Counter[str]] = {
        key: Counter() for key in ("category", "country", "queue", "status", "week")
    }
    response_by_week: dict[str, Counter[str]] = {}
    first, resolution, ratings = [], [], []
    for category, country, queue, status, created, responded, resolved, rating, due in rows:
        week = week_of(created)
        for key, value in zip(by, (category, country or "-", queue, status, week), strict=True):
            by[key][value] += 1
        response_by_week.setdefault(week, Counter())[response_outcome(responded, due, now)] += 1
        if (hours := _hours(created, responded)) is not None:
            first.append(hours)
        if (hours := _hours(created, resolved)) is not None:
            resolution.append(hours)
        if rating:
            ratings.append(rating)
    return Report(
        total=len(rows),
        by=by,
        response_by_week=response_by_week,
        median_first_response_hours=median(first) if first else None,
        median_resolution_hours=median(resolution) if resolution else None,
        average_rating=sum(ratings) / len(ratings) if ratings else None,
    )


def export_csv(tickets: list[Ticket], personal: bool) -> str:
    """The filtered list as CSV; names and passport numbers only when ``personal`` (the role allows it)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)  # every text cell quoted, whatever the separator
    writer.writerow(PUBLIC_COLUMNS + (PERSONAL_COLUMNS if personal else ()))
    for t in tickets:
        row: list[object] = [
            t.ref,
            iso(t.created_at),
            t.status,
            t.queue,
            t.category,
            t.worker_country or "",
            t.channel,
            int(t.urgent),
            int(t.escalated),
            t.assignee_id or "",
            iso(t.first_response_at) if t.first_response_at else "",
            iso(t.resolved_at) if t.resolved_at else "",
            t.rating or "",
        ]
        if personal:
            row += [
                t.worker_name or "",
                t.reporter_name or "",
                t.reporter_relationship,
                pii.identity(t)["passport_number"] or "",
            ]
        writer.writerow([_safe_cell(value) for value in row])
    return out.getvalue()


# a formula can start a cell, or any part of it a spreadsheet may split off: after the list separator of
# another locale (";" in Indonesian ones, "," "|" or a tab elsewhere) or a line break, spaces allowed
_FORMULA_START = re.compile(r"(^|[,;|\t\r\n])(\s*)(?=[=+\-@\t\r])")


def _safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas in text people typed (CSV injection): a ``'`` before every ``= + - @``
    (and tab or CR) that starts the cell or follows a separator, so each part reads as text."""
    if isinstance(value, str):
        return _FORMULA_START.sub(r"\1\2'", value)
    return value


def export_rows(db: Session, officer: Officer, filters: Filters, now: datetime) -> list[Ticket]:
    return list(db.exec(ticket_query(officer, filters, now).limit(EXPORT_LIMIT)))
