"""The reports page's charts: server-rendered SVG bars of tickets per week, category, country, queue and status,
and each week's first responses against the deadline; every bar links to the queue listing exactly the tickets
it counts."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.models import Ticket
from desk.queries import response_outcome, week_of
from tests.desk.conftest import add_officer, ticket_from_chat

HOUR = timedelta(hours=1)


def _tickets() -> None:
    """Six tickets over two weeks: categories, countries and first responses in time, late and awaited."""
    now = utcnow()
    shapes = [  # category, country, weeks ago, response: hours after the deadline (None: not answered)
        ("unpaid_wages", "TW", 0, -2),
        ("unpaid_wages", "HK", 0, 3),
        ("unpaid_wages", "TW", 1, None),
        ("wants_to_go_home", "TW", 1, -1),
        ("wants_to_go_home", None, 0, None),
        ("other", "SA", 1, 5),
    ]
    for index, (category, country, weeks_ago, late_by) in enumerate(shapes):
        ticket = ticket_from_chat(f"worker-{index}")
        with session_scope() as db:
            row = db.get(Ticket, ticket.id)
            assert row is not None
            row.category, row.worker_country = category, country
            row.created_at = now - timedelta(weeks=weeks_ago, hours=1)
            row.first_response_due = row.created_at + 24 * HOUR
            if weeks_ago == 0 and late_by is None:
                row.first_response_due = now + 20 * HOUR  # still in time
            row.first_response_at = None if late_by is None else row.first_response_due + late_by * HOUR
            row.status = "resolved" if index % 2 else "open"
            db.add(row)


def _bars(page: str) -> list[tuple[str, int]]:
    """(link, count) of every drawn bar of the count charts."""
    rows = re.findall(
        r'<th scope="row"><a href="([^"]+)" class="drawn"><span class="name">.*?</th><td>(\d+)</td>',
        page,
        re.S,
    )
    return [(html.unescape(href), int(count)) for href, count in rows]


def _segments(page: str) -> list[tuple[str, int]]:
    found = re.findall(r'<a href="([^"]+)" class="(?:met|late|waiting)" aria-label="[^"]*: (\d+)">', page)
    return [(html.unescape(href), int(count)) for href, count in found]


def _listed(view, href: str) -> int:  # type: ignore[no-untyped-def]
    return view.get(href).text.count('<li class="row')


def test_every_bar_links_to_the_queue_listing_exactly_the_tickets_it_counts(console) -> None:
    _tickets()
    add_officer("sari", role="supervisor", queues=tuple(get_config().queues))
    view = console("sari")
    page = view.get("/console/reports").text
    assert "<svg" in page and "<script" not in page.replace('<script src="/console/static/console.js"', "")
    bars, segments = _bars(page), _segments(page)
    assert len(bars) >= 10 and len(segments) >= 5
    for href, count in bars + segments:
        assert href.startswith("/console/?view=all&status=")
        assert _listed(view, href) == count, href
    category = dict((href, n) for href, n in bars if "category=unpaid_wages" in href)
    assert list(category.values()) == [3]
    assert sum(n for href, n in bars if "week=" in href) == 6


def test_the_drill_down_keeps_the_reports_filters_and_says_what_it_shows(console) -> None:
    _tickets()
    add_officer("sari", role="supervisor", queues=tuple(get_config().queues))
    view = console("sari")
    page = view.get("/console/reports", params={"country": "TW"}).text
    late = [href for href, _n in _segments(page) if "response=late" in href]
    assert late and all("country=TW" in href for href in late)
    this_week = week_of(utcnow())
    queue = view.get(f"/console/?status=any&week={this_week}&response=met").text
    assert "Dari laporan" in queue and "respons pertama tepat waktu" in queue
    assert queue.count('<li class="row') == 1


def test_the_share_of_first_responses_in_time_counts_only_decided_tickets(console) -> None:
    _tickets()
    add_officer("sari", role="supervisor", queues=tuple(get_config().queues))
    page = console("sari").get("/console/reports").text
    # 2 in time, 3 late (one never answered, its deadline a week ago), 1 awaited and left out
    assert "Respons pertama: <strong>40% tepat waktu</strong>" in page


def test_a_first_response_stands_against_its_deadline() -> None:
    now, due = utcnow(), utcnow() + HOUR
    assert response_outcome(now, due, now) == "met"
    assert response_outcome(due + HOUR, due, now) == "late"
    assert response_outcome(None, now - HOUR, now) == "late"
    assert response_outcome(None, due, now) == "waiting"
    assert response_outcome(now, None, now) == "met"
