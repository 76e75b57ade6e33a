"""Spans of time as an officer reads them in a list: "2 jam" rather than a date, in the officer's language."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from babel import Locale
from babel.dates import format_timedelta

from bot import i18n
from bot.i18n import _


def span(start: datetime, end: datetime) -> str:
    """How long from ``start`` to ``end``, rounded to one unit ("3 jam", "2 hari")."""
    return format_timedelta(
        abs(end - start), threshold=1.5, format="short", locale=_locale(i18n.current_language())
    )


@cache
def _locale(language: str) -> Locale:
    """Parsed once: babel would parse the name again for each of the hundred spans of a live list."""
    return Locale.parse(language)


def time_left(due: datetime | None, now: datetime) -> str:
    """A deadline as the time left, or how long ago it passed."""
    if due is None:
        return "—"
    if due >= now:
        return _("sisa %(time)s") % {"time": span(now, due)}
    return _("lewat %(time)s") % {"time": span(due, now)}
