"""Logging that never writes personal data or secrets: every line (and traceback) passes through :func:`mask`.

Logs travel further than the database (log shippers, error trackers, a developer's terminal), so passport
numbers, NIK, phone numbers, e-mail addresses, client addresses and credentials (bot tokens, the configured
secrets) are masked in the formatted text itself, whatever code produced it, including uvicorn and library
loggers that propagate to the root logger. URL query values are masked after decoding (``q=3174+0155...``),
and access lines carry no query string at all: a name typed into a search cannot be recognised by a pattern.
"""

from __future__ import annotations

import ipaddress
import logging
import logging.config
import re
from typing import Any
from urllib.parse import quote_plus, unquote_plus

from bot.config import get_settings

# A Bot API token, "<bot id>:<35 characters>", alone or in a URL (".../bot<token>/sendMessage")
_BOT_TOKEN = (re.compile(r"(?<![A-Za-z0-9])(bot)?(\d{5,15}):[A-Za-z0-9_-]{30,}"), r"\1\2:***")

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


# something with two colons that may be an IPv6 address (checked by ipaddress), possibly with ":port" after it
_IPV6_CANDIDATE = re.compile(r"(?<![\w:.])(?=[0-9A-Fa-f]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,}(?![\w:.])")
_QUERY_VALUE = re.compile(r"(?<=[?&;])([^=&\s\"'#]+=)([^&\s\"'#]+)")
_MIN_SECRET = 8  # shorter configured values are test placeholders, and replacing them would garble lines


def mask(text: str) -> str:
    text = _mask_secrets(text)
    text = _QUERY_VALUE.sub(_mask_query_value, text)
    text = _IPV6_CANDIDATE.sub(_mask_ipv6, text)
    return _mask_plain(text)


def _mask_plain(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _mask_secrets(text: str) -> str:
    """Bot API tokens by their shape, and every configured secret by its value."""
    settings = get_settings()
    for secret in (
        settings.telegram_bot_token,
        settings.staff_telegram_bot_token,
        settings.telegram_webhook_secret,
        settings.twilio_auth_token,
        settings.secret_key,
        settings.data_encryption_key,
        *settings.data_encryption_keys.split(","),
    ):
        secret = secret.strip()
        if len(secret) >= _MIN_SECRET:
            text = text.replace(secret, "***")
    return _BOT_TOKEN[0].sub(_BOT_TOKEN[1], text)


def _mask_query_value(match: re.Match[str]) -> str:
    """A URL query value masked as what it decodes to (``3174+0155+...``, ``siti%40example.com``)."""
    raw = match.group(2)
    decoded = unquote_plus(raw)
    masked = _mask_plain(decoded)
    return match.group(0) if masked == decoded else match.group(1) + quote_plus(masked, safe="*")


def _mask_ipv6(match: re.Match[str]) -> str:
    """An IPv6 address (or one with ":port" after it, as uvicorn writes clients) keeps its first three groups,
    its routing prefix: 2001:0db8:85a3:*. Loopback and the any-address stay readable, as in IPv4."""
    text = match.group(0)
    for candidate in (text, text.rsplit(":", 1)[0]):
        try:
            address = ipaddress.IPv6Address(candidate)
        except ValueError:
            continue
        if address.is_loopback or address.is_unspecified:
            return text
        return ":".join(address.exploded.split(":")[:3]) + ":*"
    return text


class AccessLineFilter(logging.Filter):
    """uvicorn's access lines without query strings: searches (``/console/?q=Siti+Aminah``) and chat cursors
    carry personal data no pattern can recognise, such as names. The path stays, ``?***`` marks a query."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (args[0], args[1], args[2].split("?", 1)[0] + "?***", args[3], args[4])
        return True


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
QUIET_LIBRARIES = ("httpx", "httpcore")


def log_config(level: str) -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` dictionary: one masked handler on the root logger, uvicorn's
    loggers (whose access lines carry URLs, without their query strings) sent to it instead of to their own
    handlers, and the HTTP client libraries held at WARNING. ``helpdesk serve``
    gives it to uvicorn, which applies it in every worker process."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"masked": {"()": MaskingFormatter, "fmt": FORMAT}},
        "filters": {"access": {"()": AccessLineFilter}},
        "handlers": {"masked": {"class": "logging.StreamHandler", "formatter": "masked"}},
        "root": {"handlers": ["masked"], "level": level.upper()},
        "loggers": {
            **{
                name: {"handlers": [], "propagate": True}
                for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
            },
            "uvicorn.access": {"handlers": [], "propagate": True, "filters": ["access"]},
            # every Bot API request URL carries the bot token (masked anyway); their INFO lines add nothing
            **{name: {"level": "WARNING"} for name in QUIET_LIBRARIES},
        },
    }


def configure_logging(level: str) -> None:
    """Root logging for every command and the server, with personal data masked."""
    logging.config.dictConfig(log_config(level))
