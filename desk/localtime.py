"""The worker's local time, from the country they work in, and whether it is night there."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.core import get_global

HOME_TIMEZONE = "Asia/Jakarta"


def timezone_of(country: str | None) -> str:
    """The main time zone of a country (CLDR's list); Jakarta when the country is unknown."""
    zones = get_global("territory_zones").get((country or "").upper()) if country else None
    return zones[0] if zones else HOME_TIMEZONE


def local_time(country: str | None, now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(timezone_of(country)))


def is_quiet_hour(local: datetime, quiet: tuple[int, int]) -> bool:
    """Quiet hours wrap midnight: (22, 6) means 22:00-05:59."""
    start, end = quiet
    hour = local.hour
    return start <= hour or hour < end if start > end else start <= hour < end
