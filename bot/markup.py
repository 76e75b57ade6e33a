"""The bot's light markup, rendered once for every kind of output.

The bot writes ``*bold*`` and ``_italic_`` as WhatsApp does. WhatsApp shows them natively and gets the text as
written; the other outputs get it through one :class:`Style`: HTML for the web chat and the officer console
(``<strong>``/``<em>``, phone numbers as ``tel:`` links, web addresses as links, everything else escaped),
Telegram's HTML (``<b>``/``<i>``; Telegram links numbers and addresses itself), ANSI bold for a terminal, and
plain text where no markup can be shown.

A delimiter counts only where WhatsApp would take it: it opens before a non-space and closes after one, and
neither side touches a letter or digit, so ``5*3*2``, ``snake_case_name`` and a lone ``*`` stay as typed.
Markup never starts or ends inside a web address or a phone number.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup

from bot.config import get_config

_URL = re.compile(r"\bhttps?://[^\s<>\"'*]+")
_URL_TRAILING = ".,;:!?)]}"
_PHONE = re.compile(
    r"(?<![\w+./-])(?:\+\d{1,3}|0\d{2,4})(?:[ -]?\d){4,13}(?![\w/-]|[.,]\d)"
)  # +62 21 2924 4800, 0800-1000, 0811-8080-141: a national or international number of 7 digits or more
_SHORT_NUMBER = re.compile(r"(?<![\w+./:-])\d{3,4}(?![\w/:-]|[.,]\d)")
_EMPHASIS = {
    "bold": re.compile(r"(?<![^\W_])(?<!\*)\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![^\W_])(?!\*)"),
    "italic": re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\w_])"),
}


@dataclass(frozen=True)
class Link:
    """A phone number or web address found in a text: ``href`` is ``tel:+622129244800`` or the URL."""

    kind: str  # "phone" or "url"
    text: str
    href: str


@dataclass(frozen=True)
class Style:
    """How one output shows text, emphasis and links."""

    escape: Callable[[str], str]
    bold: tuple[str, str]
    italic: tuple[str, str]
    link: Callable[[Link], str] | None = None  # None: the link's text, escaped


def _html_link(link: Link) -> str:
    href = html.escape(link.href, quote=True)
    text = html.escape(link.text, quote=False)
    if link.kind == "phone":
        return f'<a class="tel" href="{href}">{text}</a>'
    return f'<a href="{href}" rel="noopener noreferrer" target="_blank">{text}</a>'


def _escape_text(text: str) -> str:
    return html.escape(text, quote=False)


HTML = Style(_escape_text, ("<strong>", "</strong>"), ("<em>", "</em>"), _html_link)
TELEGRAM = Style(_escape_text, ("<b>", "</b>"), ("<i>", "</i>"))
ANSI = Style(str, ("\x1b[1m", "\x1b[22m"), ("\x1b[3m", "\x1b[23m"))
PLAIN = Style(str, ("", ""), ("", ""))


def links(text: str, short_numbers: Iterable[str] = ()) -> list[tuple[int, int, Link]]:
    """The web addresses and phone numbers in ``text`` as (start, end, link), in order, never overlapping.
    Numbers of 3-4 digits (999, 1955) count only when listed in ``short_numbers``: elsewhere they are years,
    amounts and PIN parts."""
    found: list[tuple[int, int, Link]] = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_URL_TRAILING)
        found.append((match.start(), match.start() + len(url), Link("url", url, url)))
    taken = [(start, end) for start, end, _link in found]
    known = set(short_numbers)
    numbers = [*_PHONE.finditer(text), *(m for m in _SHORT_NUMBER.finditer(text) if m.group(0) in known)]
    for match in sorted(numbers, key=lambda m: m.start()):
        start, end = match.span()
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        number = match.group(0)
        href = "tel:" + ("+" if number.startswith("+") else "") + re.sub(r"\D", "", number)
        found.append((start, end, Link("phone", number, href)))
        taken.append((start, end))
    return sorted(found, key=lambda item: item[0])


def _apart_or_nested(one: tuple[int, int], other: tuple[int, int]) -> bool:
    (start, end), (other_start, other_end) = one, other
    if end <= other_start or other_end <= start:
        return True
    return (other_start < start and end < other_end) or (start < other_start and other_end < end)


def _emphasis(masked: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each emphasis, delimiters included; one that crosses another is left as text."""
    spans: list[tuple[int, int, str]] = []
    for kind, pattern in _EMPHASIS.items():
        for match in pattern.finditer(masked):
            start, end = match.span()
            if all(_apart_or_nested((start, end), (s, e)) for s, e, _kind in spans):
                spans.append((start, end, kind))
    return spans


def render(text: str, style: Style, short_numbers: Iterable[str] = ()) -> str:
    """``text`` as ``style`` shows it."""
    found = links(text, short_numbers)
    masked = list(text)
    for start, end, _link in found:  # a delimiter inside a link is part of the link
        masked[start:end] = "x" * (end - start)
    marks: dict[int, list[str]] = {}
    skip: set[int] = set()
    for start, end, kind in _emphasis("".join(masked)):
        opening, closing = getattr(style, kind)
        marks.setdefault(start, []).append(opening)
        marks.setdefault(end - 1, []).insert(0, closing)
        skip.update((start, end - 1))
    starts = {start: (end, link) for start, end, link in found}
    out: list[str] = []
    plain: list[str] = []
    position = 0
    while position < len(text):
        if position in starts:
            out.append(style.escape("".join(plain)))
            plain = []
            end, link = starts[position]
            out.append(style.link(link) if style.link else style.escape(link.text))
            position = end
            continue
        if position in marks:
            out.append(style.escape("".join(plain)))
            plain = []
            out.extend(marks[position])
        if position not in skip:
            plain.append(text[position])
        position += 1
    out.append(style.escape("".join(plain)))
    return "".join(out)


def to_html(text: str, short_numbers: Iterable[str] = ()) -> Markup:
    """Safe HTML for a page (the web chat, the officer console)."""
    return Markup(render(text, HTML, short_numbers))  # noqa: S704 -- every piece of text is escaped in render


def to_telegram(text: str) -> str:
    return render(text, TELEGRAM)


def to_terminal(text: str, *, tty: bool) -> str:
    """ANSI bold and italic on a terminal; plain text when the output is a file or a pipe."""
    return render(text, ANSI if tty else PLAIN)


@cache
def _short_numbers(lines: tuple[str, ...]) -> frozenset[str]:
    return frozenset(number for line in lines for number in _SHORT_NUMBER.findall(_PHONE.sub(" ", line)))


def configured_short_numbers() -> frozenset[str]:
    """The 3-4 digit numbers the configuration gives (1955, 999, 112, 119): these are phone numbers in bot
    texts; any other short number is not."""
    config = get_config()
    emergency = config.emergency
    by_country = [*emergency.by_country.values(), *emergency.medical_by_country.values()]
    lines = [
        *config.contacts.values(),
        *emergency.general,
        *emergency.crisis,
        *(x for group in by_country for x in group),
    ]
    return _short_numbers(tuple(lines))
