"""One way to translate a string: ``_()`` for text said now, ``N_()`` for text declared now and said later.

The language of the person being answered is held in a context variable, so handlers call ``_()`` without
passing a locale around. Catalogs are the Babel ``.po`` files under ``locales/``; a compiled ``.mo`` is used
when it is up to date, otherwise the ``.po`` is compiled in memory, so a fresh checkout never shows raw msgids.
"""

from __future__ import annotations

import contextlib
import gettext
import io
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog for ``language``. Msgids are written in Indonesian, so the ``id`` catalog may stay sparse."""
    po_path = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and (not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime):
        with mo_path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if not po_path.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def normalise_language(language: str | None) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _current.get()


@contextlib.contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Answer in ``language`` inside the block."""
    token = _current.set(normalise_language(language))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """Translate ``message`` into the current person's language."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet (form prompts, button labels)."""
    return message


def fmt_date(value: date, format: str = "long") -> str:
    return format_date(value, format=format, locale=_current.get())


def fmt_datetime(value: datetime, timezone: str = "Asia/Jakarta") -> str:
    """A moment in the given time zone (the agency's working clock by default), in the person's language."""
    return format_datetime(value, format="medium", tzinfo=ZoneInfo(timezone), locale=_current.get()) + (
        " WIB" if timezone == "Asia/Jakarta" else f" ({timezone})"
    )


def switch_language(language: str) -> str:
    """Answer in ``language`` from here to the end of the enclosing :func:`use_language` block."""
    _current.set(normalise_language(language))
    return _current.get()
