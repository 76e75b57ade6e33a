"""Report references ("PMI-CM4AB7", "pmi 4tz7wb") and status PINs (six digits) typed inside a message."""

from __future__ import annotations

import re

# "PMI" and six letters or digits, glued or after a separator. Unless the separator is a dash the code must
# hold a digit: "PMI taiwan" is a worker in Taiwan and "pmitaiwan" a word, not references.
_REFERENCE = re.compile(
    r"(?<![a-z0-9])pmi(?P<separator>\s*[-_#:.]?\s*)(?P<code>[a-z0-9]{6})(?![a-z0-9])",
    re.IGNORECASE | re.ASCII,
)
_SIX_DIGITS = re.compile(r"(?<![0-9.,])(?P<pin>[0-9]{6})(?![0-9]|[.,][0-9])", re.ASCII)
_PIN_WORD = re.compile(
    r"\b(?:pin|pinnya|pinny|kode|kodenya|code|sandi|password)\b\W*(?:\w+\W+){0,2}$", re.IGNORECASE
)
_BARE_PIN = re.compile(r"^\W*(?:pin\W*)?(?P<pin>[0-9]{6})\W*$", re.IGNORECASE | re.ASCII)


_REPORT_WORD = re.compile(
    r"\b(?:cek|check|semak|status|aduan|laporan|lapuran|pengaduan|report|complaint|ref|referensi|reference|kode"
    r"|code|tiket|ticket)\b",
    re.IGNORECASE,
)
REF_LETTERS = frozenset("23456789ABCDEFGHJKMNPQRSTVWXYZ")
"""The characters of a reference (``bot.tickets.REF_ALPHABET``): no 0/O, 1/I/L, U."""


def find_reference(text: str) -> tuple[int, int, str] | None:
    """The first reference in ``text``: its span and the normalised "PMI-XXXXXX". A code of letters only
    after a space counts when it is typed in capitals from the reference alphabet, as copied, and the message
    is only the reference or speaks of a report ("semak aduan PMI KHMWTR"); "PMI JEPANG" is a worker in Japan."""
    for match in _REFERENCE.finditer(text):
        code = match["code"]
        copied = (
            code.isupper()
            and all(ch in REF_LETTERS for ch in code)
            and (_REPORT_WORD.search(text) is not None or text.strip(" .!?") == match.group(0))
        )
        if "-" in match["separator"] or any(ch.isdigit() for ch in code) or copied:
            return match.start(), match.end(), "PMI-" + code.upper()
    return None


def find_pin(text: str, *, with_reference: bool = False) -> tuple[int, int, str] | None:
    """A status PIN: six digits named as a PIN ("pin 845308", "kodenya 845308", "pin laporan saya 447219"), a message that is only six
    digits, or six digits beside a reference (``with_reference``). Other six-digit numbers (amounts, parts of
    phone numbers) are not PINs."""
    if bare := _BARE_PIN.match(text):
        return bare.start("pin"), bare.end("pin"), bare["pin"]
    for match in _SIX_DIGITS.finditer(text):
        if with_reference or _PIN_WORD.search(text[: match.start()]):
            return match.start(), match.end(), match["pin"]
    return None
