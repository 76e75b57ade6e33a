"""Indonesian passport numbers and NIK (national identity numbers) as typed, and masking them for logs.

Only Indonesian passport formats are accepted: the intake asks for the worker's Indonesian passport, and
foreign documents (Taiwan ARC, HKID, Saudi iqamah, Malaysian i-Kad) have their own formats and belong in other
fields. A looser "8-9 letters and digits" rule would also accept phone numbers with a stray letter, NIK
fragments and ticket references, and a wrong passport number is worse than being asked again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Literal

from nlu.text import strip_controls

# One or two letters, then 6-7 digits. Between letters and digits a space or dash is tolerated only after a
# single letter ("X 123 4567"); "NO 1234567" is "nomor 1234567", not a passport.
_PASSPORT = re.compile(
    r"(?<![A-Z0-9])(?:(?P<pair>[A-Z]{2})|(?P<single>[A-Z])[\s-]?)(?P<digits>[0-9](?:[\s-]?[0-9]){5,6})(?![0-9A-Z]|[\s-][0-9])",
    re.ASCII,
)
_ASCII_DIGIT = re.compile(r"[0-9]")
_NIK = re.compile(r"(?<![0-9])[0-9](?:[\s.\-]?[0-9]){15}(?![\s.\-]?[0-9])", re.ASCII)

PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
     "31", "32", "33", "34", "35", "36",
     "51", "52", "53",
     "61", "62", "63", "64", "65",
     "71", "72", "73", "74", "75", "76",
     "81", "82",
     "91", "92", "93", "94", "95", "96"}
)  # fmt: skip
"""Kemendagri province codes, the first two NIK digits; 93-96 are the Papua provinces created in 2022."""

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February 29: the century is unknown


def _prepare(text: str) -> str:
    """NFKC turns full-width digits and letters into ASCII; controls (bidi marks) go."""
    return strip_controls(unicodedata.normalize("NFKC", text)).upper()


def _compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value)


def _prepared_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`_prepare` character by character, with the offset in ``text`` each prepared character came from
    (and ``len(text)`` at the end), so a match in the prepared text names a span of the original."""
    whole = _prepare(text)
    if len(whole) == len(text) and text.isascii():  # the common case: nothing removed or widened
        return whole, list(range(len(text) + 1))
    prepared: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        piece = _prepare(char)
        prepared.append(piece)
        offsets.extend([index] * len(piece))
    offsets.append(len(text))
    return "".join(prepared), offsets


def _too_few_digits(text: str, needed: int) -> bool:
    """A quick no for plain ASCII text (most messages); other text may hold digits NFKC makes ASCII."""
    return text.isascii() and len(_ASCII_DIGIT.findall(text)) < needed


def _span(offsets: list[int], match: re.Match[str]) -> tuple[int, int]:
    return offsets[match.start()], offsets[match.end() - 1] + 1


def find_passports(text: str) -> Iterator[tuple[int, int, str]]:
    """Every Indonesian passport number in ``text``: (start, end) in ``text`` and the normalised number."""
    if _too_few_digits(text, 6):
        return
    prepared, offsets = _prepared_with_offsets(text)
    for match in _PASSPORT.finditer(prepared):
        yield (*_span(offsets, match), (match["pair"] or match["single"]) + _compact(match["digits"]))


def parse_passport(text: str) -> str | None:
    """An Indonesian passport number ("A1234567", "X 123 4567", "c1234567") uppercased without separators."""
    return next((number for _start, _end, number in find_passports(text)), None)


NikProblem = Literal["length", "region", "birth_date", "serial"]


def _nik_problem(nik: str) -> NikProblem | None:
    """What is wrong in 16 digits read as a NIK: province(2) regency(2) district(2) birth day(2, +40 for women)
    month(2) year(2) serial(4)."""
    day, month = int(nik[6:8]), int(nik[8:10])
    if day > 40:
        day -= 40
    if nik[:2] not in PROVINCE_CODES or nik[2:4] == "00" or nik[4:6] == "00":
        return "region"
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return "birth_date"
    if nik[12:] == "0000":
        return "serial"
    return None


def nik_problem(text: str) -> NikProblem | None:
    """Why ``text`` holds no valid NIK, for a re-ask that says what was wrong: "length" when it has no run of
    16 digits, else what is wrong in the first one (its region code, its birth date part, its serial)."""
    if parse_nik(text) is not None:
        return None
    prepared = _prepare(text)
    match = _NIK.search(prepared)
    return "length" if match is None else _nik_problem(_compact(match.group(0)))


def find_niks(text: str) -> Iterator[tuple[int, int, str]]:
    """Every structurally valid NIK in ``text``: (start, end) in ``text`` and the 16 digits."""
    if _too_few_digits(text, 16):
        return
    prepared, offsets = _prepared_with_offsets(text)
    for match in _NIK.finditer(prepared):
        nik = _compact(match.group(0))
        if _nik_problem(nik) is None:
            yield (*_span(offsets, match), nik)


def parse_nik(text: str) -> str | None:
    """A structurally valid 16-digit NIK found in ``text`` (spaces, dots and dashes allowed), digits only."""
    return next((nik for _start, _end, nik in find_niks(text)), None)


def mask_identifier(value: str) -> str:
    """A passport or NIK safe for logs: "A1234567" -> "A1****67", a NIK keeps its first 4 and last 2 digits
    (province and regency, not the birth date). Anything shorter than 6 characters is masked entirely.
    """
    keep_start = 4 if len(value) == 16 and value.isdigit() else 2
    if len(value) < 6:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - 2) + value[-2:]
