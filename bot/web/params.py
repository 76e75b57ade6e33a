"""Numbers taken from requests (ids, cursors, page numbers) before they reach SQL.

``str.isdigit`` alone is not enough: it accepts "²" and "٣", which ``int`` refuses or reads as a number, and
a number beyond a signed 64-bit integer makes SQLite raise OverflowError and PostgreSQL an out-of-range error,
both of which would be a 500 instead of the client's mistake.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1


def row_id(value: object) -> int | None:
    """``value`` (an int, or a string of ASCII digits) as a non-negative 64-bit number, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, int) and 0 <= value <= MAX_ID:
        return value
    return None
