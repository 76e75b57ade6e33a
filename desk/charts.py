"""The reports page's charts as data the template draws as server-side SVG bars (no script, no CDN): each bar's
name, count and length, and the link to the queue filtered to exactly its tickets (the drill-down).

A drill-down link keeps the report's own filters and asks for every status, as the report counts every ticket;
the queue then lists the same tickets the bar counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from bot.i18n import _
from desk import labels
from desk.queries import ANY_STATUS, RESPONSE_OUTCOMES, Filters
from desk.reports import Report
from handlers.labels import CATEGORY_LABELS

WEEKS_SHOWN = 12
BARS_SHOWN = 15


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    length: float  # percent of the longest bar of its chart
    href: str | None  # None when no filter selects these tickets (no country recorded)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    bars: list[Bar]
    hidden: int = 0  # values beyond BARS_SHOWN, not drawn


@dataclass(frozen=True)
class Segment:
    outcome: str
    label: str
    count: int
    start: float  # percent of the row
    length: float
    href: str


@dataclass(frozen=True)
class ResponseRow:
    label: str
    total: int
    met_share: float | None  # met / (met + late); None while every first response is still in time to come
    segments: list[Segment]


def drill_down(filters: Filters, **changes: str) -> str:
    """The queue showing the tickets of the report's ``filters`` with ``changes`` (e.g. one category)."""
    wanted = {"status": filters.status or ANY_STATUS, "page": 1, **changes}
    return "/console/?" + urlencode(filters.params(**wanted))


def charts(report: Report, filters: Filters) -> list[Chart]:
    """Tickets per week (the newest weeks), category, country, queue and status."""
    queue_names = labels.queue_labels()
    named: dict[str, tuple[str, Callable[[str], str]]] = {
        "week": (_("Tiket per minggu"), labels.week),
        "category": (_("Tiket per kategori"), lambda code: labels.label(CATEGORY_LABELS, code)),
        "country": (_("Tiket per negara"), labels.country),
        "queue": (_("Tiket per antrean"), lambda code: queue_names.get(code, code)),
        "status": (_("Tiket per status"), lambda code: labels.label(labels.STATUS_LABELS, code)),
    }
    found = []
    for key, (title, name) in named.items():
        counter = report.by[key]
        shown = sorted(counter.items())[-WEEKS_SHOWN:] if key == "week" else counter.most_common(BARS_SHOWN)
        found.append(Chart(key, title, _bars(shown, key, name, filters), len(counter) - len(shown)))
    return found


def _bars(shown: list[tuple[str, int]], key: str, name: Callable[[str], str], filters: Filters) -> list[Bar]:
    longest = max((count for _value, count in shown), default=0) or 1
    return [
        Bar(
            label=name(value) if value != "-" else "—",
            count=count,
            length=round(100 * count / longest, 1),
            href=None if value == "-" else drill_down(filters, **{key: value}),
        )
        for value, count in shown
    ]


def response_rows(report: Report, filters: Filters) -> list[ResponseRow]:
    """The newest weeks' first responses: met, late, waiting, as stacked segments of one bar per week."""
    rows = []
    for week, outcomes in sorted(report.response_by_week.items())[-WEEKS_SHOWN:]:
        rows.append(_response_row(labels.week(week), outcomes, filters, week=week))
    return rows


def response_total(report: Report, filters: Filters) -> ResponseRow:
    """Every ticket of the report in one bar (the legend's links go to each outcome over all weeks)."""
    total: Counter[str] = Counter()
    for outcomes in report.response_by_week.values():
        total.update(outcomes)
    return _response_row(_("Semua minggu"), total, filters)


def _response_row(label: str, outcomes: Counter[str], filters: Filters, **changes: str) -> ResponseRow:
    total = sum(outcomes.values())
    segments, start = [], 0.0
    for outcome in RESPONSE_OUTCOMES:
        count = outcomes.get(outcome, 0)
        if not count:
            continue
        length = 100 * count / total
        segments.append(
            Segment(
                outcome=outcome,
                label=labels.label(labels.RESPONSE_LABELS, outcome),
                count=count,
                start=round(start, 2),
                length=round(length, 2),
                href=drill_down(filters, response=outcome, **changes),
            )
        )
        start += length
    decided = outcomes.get("met", 0) + outcomes.get("late", 0)
    return ResponseRow(
        label=label,
        total=total,
        met_share=outcomes.get("met", 0) / decided if decided else None,
        segments=segments,
    )
