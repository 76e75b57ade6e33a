"""Logging that never writes personal data: every line (and traceback) passes through :func:`mask`.

Logs travel further than the database (log shippers, error trackers, a developer's terminal), so passport
numbers, NIK, phone numbers and e-mail addresses are masked in the formatted text itself, whatever code
produced it, including uvicorn and library loggers that propagate to the root logger.
"""

from __future__ import annotations

import logging
import logging.config
import re
from typing import Any

_PATTERNS = (
    (re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2})[\s-]?\d{6,7}(?![0-9])"), r"\1*******"),  # passport
    (re.compile(r"(?<![0-9])\d(?:[\s.\-]?\d){15}(?![0-9])"), "****************"),  # NIK
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "***@***"),  # e-mail
    # IPv4 addresses (a web chat user's, in access lines) keep their network part: 203.0.*.*; the server's
    # own loopback and any-address stay readable
    (
        re.compile(r"(?<![\w.])(?!127\.|0\.0\.0\.0)(\d{1,3}\.\d{1,3})\.\d{1,3}\.\d{1,3}(?![\w.])"),
        r"\1.*.*",
    ),
    # phone numbers and WhatsApp ids; not dates and times ("2026-11-28 16:37:04") nor the addresses above
    (
        re.compile(
            r"(?<![\w])(?!\d{4}-\d\d-\d\d|\d{1,3}(?:\.\d{1,3}){3}(?![\w.]))\+?\d[\d\s().\-]{7,}\d(?![\w])"
        ),
        "+**********",
    ),
)


def mask(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class MaskingFormatter(logging.Formatter):
    """Masks what a line reports (its message, traceback and stack), not the time and logger it was made by."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = mask(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: Any) -> str:
        return mask(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return mask(super().formatStack(stack_info))


FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_config(level: str) -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` dictionary: one masked handler on the root logger, and uvicorn's
    loggers (whose access lines carry URLs) sent to it instead of to their own handlers. ``helpdesk serve``
    gives it to uvicorn, which applies it in every worker process."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"masked": {"()": MaskingFormatter, "fmt": FORMAT}},
        "handlers": {"masked": {"class": "logging.StreamHandler", "formatter": "masked"}},
        "root": {"handlers": ["masked"], "level": level.upper()},
        "loggers": {
            name: {"handlers": [], "propagate": True}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }


def configure_logging(level: str) -> None:
    """Root logging for every command and the server, with personal data masked."""
    logging.config.dictConfig(log_config(level))
