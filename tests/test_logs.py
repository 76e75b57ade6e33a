"""Personal data never reaches a log line."""

from __future__ import annotations

import logging
import sys

import pytest

from bot.logs import MaskingFormatter, mask


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("passport C1234567 stored", "1234567"),
        ("paspor x 1234567", "1234567"),
        ("nik 3174015501900001 given", "3174015501900001"),
        ("NIK 3174.0155.0190.0001", "0190"),
        ("from whatsapp:+6281234567890", "81234567890"),
        ("call +62 812-3456-7890 now", "3456"),
        ("mail siti.aminah@example.com", "siti.aminah"),
        ('203.0.113.45:51234 - "GET /chat HTTP/1.1" 200', "113.45"),
    ],
)
def test_identifiers_are_masked(line: str, secret: str) -> None:
    assert secret not in mask(line)


@pytest.mark.parametrize(
    "line",
    [
        "ticket PMI-7K3Q9F created",
        "handled 42 messages in 3.5 s",
        "queue urgent",
        "due 2026-11-28 16:37:04, escalated 2026-11-28T17:00:00+00:00",
        "Uvicorn running on http://127.0.0.1:8000",
    ],
)
def test_ordinary_lines_are_left_alone(line: str) -> None:
    assert mask(line) == line


def test_tracebacks_are_masked_too() -> None:
    formatter = MaskingFormatter("%(message)s")
    try:
        raise ValueError("bad passport C7654321")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), exc_info=sys.exc_info())
    assert "7654321" not in formatter.format(record)


def test_a_formatted_line_keeps_its_time_and_masks_its_message() -> None:
    formatter = MaskingFormatter("%(asctime)s %(name)s: %(message)s")
    record = logging.LogRecord("bot.x", logging.INFO, __file__, 1, "from %s", ("+6281234567890",), None)
    line = formatter.format(record)
    assert line.startswith(formatter.formatTime(record)) and "81234567890" not in line
    assert line.endswith("bot.x: from +**********")
