"""Time in one place: timezone-aware UTC datetimes everywhere (SQLModel's UTCDateTime stores them)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(value: datetime) -> str:
    """ISO 8601 with an explicit UTC offset, for JSON output."""
    return value.astimezone(UTC).isoformat()
