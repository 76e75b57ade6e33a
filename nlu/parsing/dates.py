"""Dates as workers type them into a form: numeric day-first, month names, relative phrases.

Indonesian writes day first, so "3/12/2024" is 3 December, never 12 March. Month names are accepted in
Indonesian, English, Malay ("mac", "ogos", "julai") and the spellings common in Javanese-speaking regions
("pebruari", "nopember"). Relative phrases ("3 bln yg lalu", "kemaren", "last month") are resolved against the
``today`` the caller passes in; nothing here reads the clock.

Precision says how much the person actually told us: "maret 2024" is ``date(2024, 3, 1)`` with precision
"month", "2024" is ``date(2024, 1, 1)`` with precision "year". Relative months and years keep today's day of
the month (clamped to the month's length) but only carry month or year precision; days and weeks carry day
precision ("2 minggu lalu" is a day, give or take). A month named with "kemarin"/"lalu" ("agustus kemarin") is
the last such month before this one, never yesterday.

Lebaran (Idul Fitri) is how many people date their year: "lebaran kemarin" is the most recent Idul Fitri, "taun
kmrn pas lebaran" last year's, "lebaran 2023" that year's; the date comes from :data:`IDUL_FITRI`, with month
precision (people mean "around lebaran").
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from nlu.text import strip_controls

Precision = Literal["day", "month", "year"]

MIN_YEAR = 1900
"""Nothing a worker reports (birth, departure, last contact) is older than this."""

MAX_YEAR = 2100


@dataclass(frozen=True)
class ParsedDate:
    value: date
    precision: Precision


MONTHS: dict[str, int] = {
    # Indonesian and their abbreviations
    "januari": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "febuari": 2, "feb": 2, "peb": 2,
    "maret": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "agst": 8, "agus": 8, "ags": 8,
    "september": 9, "sep": 9, "sept": 9, "spt": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "aug": 8,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
    # Malay
    "mac": 3, "julai": 7, "ogos": 8, "ogo": 8, "disember": 12, "dis": 12,
}  # fmt: skip

# A month name standing alone ("maret") is accepted only in full: short forms such as "jan" (Javanese
# "really") or "may" (English modal) are ordinary words too often.
_BARE_MONTHS = {name: n for name, n in MONTHS.items() if len(name) >= 4 and name not in {"may", "agus"}}

_NUMBER_WORDS: dict[str, int] = {
    "se": 1, "satu": 1, "sa": 1, "a": 1, "an": 1, "one": 1, "siji": 1,
    "dua": 2, "two": 2, "loro": 2, "rong": 2,
    "tiga": 3, "three": 3, "telu": 3, "telung": 3,
    "empat": 4, "four": 4, "papat": 4,
    "lima": 5, "five": 5, "limo": 5,
    "enam": 6, "six": 6, "enem": 6,
    "tujuh": 7, "seven": 7, "pitu": 7,
    "delapan": 8, "eight": 8, "wolu": 8,
    "sembilan": 9, "nine": 9, "sanga": 9,
    "sepuluh": 10, "ten": 10,
    "sebelas": 11, "eleven": 11,
    "duabelas": 12, "dua belas": 12, "twelve": 12,
}  # fmt: skip

_UNITS: dict[str, str] = {
    "hari": "day", "hr": "day", "ari": "day", "day": "day", "days": "day",
    "minggu": "week", "mgg": "week", "mg": "week", "pekan": "week", "week": "week", "weeks": "week",
    "bulan": "month", "bln": "month", "bl": "month", "wulan": "month", "month": "month", "months": "month",
    "tahun": "year", "thn": "year", "th": "year", "taun": "year", "year": "year", "years": "year",
}  # fmt: skip

# Single words or fixed phrases: how many days before today they mean (negative = after).
_DAY_WORDS: dict[str, int] = {
    "hari ini": 0, "hr ini": 0, "today": 0, "sekarang": 0, "skrg": 0, "skrang": 0, "barusan": 0,
    "tadi": 0, "td pagi": 0, "td siang": 0, "td sore": 0, "td malam": 0, "td mlm": 0,
    "kemarin lusa": 2, "kemaren lusa": 2,
    "kemarin": 1, "kemaren": 1, "kmrn": 1, "kmren": 1, "kmarin": 1, "kemarn": 1, "wingi": 1, "semalam": 1,
    "yesterday": 1,
    "besok": -1, "besuk": -1, "bsk": -1, "tomorrow": -1, "lusa": -2,
}  # fmt: skip

IDUL_FITRI: dict[int, date] = {
    year: date(year, month, day)
    for year, month, day in (
        (2010, 9, 10), (2011, 8, 31), (2012, 8, 19), (2013, 8, 8), (2014, 7, 28), (2015, 7, 17),
        (2016, 7, 6), (2017, 6, 25), (2018, 6, 15), (2019, 6, 5), (2020, 5, 24), (2021, 5, 13),
        (2022, 5, 2), (2023, 4, 22), (2024, 4, 10), (2025, 3, 31), (2026, 3, 20),
        # computed (hisab) dates; the government's sighting may fall a day later
        (2027, 3, 10), (2028, 2, 27), (2029, 2, 15), (2030, 2, 5),
    )
}  # fmt: skip
"""1 Syawal as Indonesia's government set it (2010-2026), then computed estimates."""

_LEBARAN = re.compile(
    r"\b(?:lebaran|lebara[nm]g?|idul\s*fitri|iedul\s*fitri|idul\s*fitr|hari\s+raya|riyaya|riaya|bakda"
    r"|raya\s+puasa|eid(?:\s+al)?(?:\s+fitr)?)\b"
)
_THIS_YEAR = re.compile(r"\b(?:(?:tahun|thn|taun|th)\s+ini|this\s+year)\b")
_YEARS_AGO = re.compile(
    r"(?:(?<![0-9])(?P<count>[0-9]{1,2})\s*)?\b(?:tahun|thn|taun|th)\s+(?:(?:yang|yg)\s+)?"
    r"(?:lalu|kemarin|kemaren|kmrn|kmren|kepungkur|wingi)\b|\blast\s+year\b"
)

_AGO = r"(?:(?:yang|yg)\s+)?(?:lalu|lewat|kemarin|kemaren|kmrn)\b|\b(?:yll|ago|kepungkur)\b"


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so "maret" wins over "mar" and "kemarin lusa" over "kemarin"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?P<month>{_alternation(MONTHS)})(?![a-z])\.?"
_BARE_MONTH = rf"(?P<month>{_alternation(_BARE_MONTHS)})\b"
_YEAR = r"'?(?P<year>[0-9]{4}|[0-9]{2})(?![0-9])"
_DAY = r"(?<![0-9])(?P<day>[0-9]{1,2})"
_SEP = r"\s*[-/.,]?\s*"


def _normalize(text: str) -> str:
    """NFKC (full-width digits become ASCII), drop controls and accents, lowercase, squeeze stretched
    letters. Not ``nlu.text.fold``: its leet undoing would turn "3bln" into "ebln".
    """
    text = unicodedata.normalize("NFKD", strip_controls(unicodedata.normalize("NFKC", text)))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"([a-z])\1{2,}", r"\1", text)
    return " ".join(text.split())


def _full_year(raw: str, today: date, allow_future: bool) -> int:
    """Two-digit years belong to this century unless that would put them in the (far) future."""
    year = int(raw)
    if len(raw) == 4:
        return year
    horizon = today.year + (30 if allow_future else 0)
    return 2000 + year if 2000 + year <= horizon else 1900 + year


def _shift_months(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def _ymd(year: int, month: int, day: int) -> ParsedDate:
    return ParsedDate(date(year, month, day), "day")


def _day_month_no_year(month: int, day: int, today: date, allow_future: bool) -> ParsedDate:
    """A day and month without a year ("12 maret") is the most recent one, or this year's when future dates
    are welcome."""
    found = _ymd(today.year, month, day)
    if not allow_future and found.value > today:
        found = _ymd(today.year - 1, month, day)
    return found


Match = re.Match[str]
Handler = Callable[[Match, date, bool], ParsedDate]


def _iso(m: Match, today: date, allow_future: bool) -> ParsedDate:
    return _ymd(int(m["year"]), int(m["month"]), int(m["day"]))


def _numeric(m: Match, today: date, allow_future: bool) -> ParsedDate:
    return _ymd(_full_year(m["year"], today, allow_future), int(m["month"]), int(m["day"]))


def _numeric_no_year(m: Match, today: date, allow_future: bool) -> ParsedDate:
    return _day_month_no_year(int(m["month"]), int(m["day"]), today, allow_future)


def _named(m: Match, today: date, allow_future: bool) -> ParsedDate:
    month, day = MONTHS[m["month"]], int(m["day"])
    if m["year"] is None:
        return _day_month_no_year(month, day, today, allow_future)
    return _ymd(_full_year(m["year"], today, allow_future), month, day)


def _month_year(m: Match, today: date, allow_future: bool) -> ParsedDate:
    return ParsedDate(date(_full_year(m["year"], today, allow_future), MONTHS[m["month"]], 1), "month")


def _bare_month(m: Match, today: date, allow_future: bool) -> ParsedDate:
    month = _BARE_MONTHS[m["month"]]
    year = today.year - 1 if month > today.month and not allow_future else today.year
    return ParsedDate(date(year, month, 1), "month")


def _year(m: Match, today: date, allow_future: bool) -> ParsedDate:
    return ParsedDate(date(int(m["year"]), 1, 1), "year")


def _ago(count: int, unit: str, today: date) -> ParsedDate:
    if unit == "day":
        return ParsedDate(today - timedelta(days=count), "day")
    if unit == "week":
        return ParsedDate(today - timedelta(weeks=count), "day")
    if unit == "month":
        return ParsedDate(_shift_months(today, count), "month")
    return ParsedDate(_shift_months(today, 12 * count), "year")


def _counted_ago(m: Match, today: date, allow_future: bool) -> ParsedDate:
    count = int(m["count"]) if m["count"] else _NUMBER_WORDS[" ".join(m["word"].split())]
    return _ago(count, _UNITS[m["unit"]], today)


def _last_unit(m: Match, today: date, allow_future: bool) -> ParsedDate:
    return _ago(1, _UNITS[m["unit"]], today)


def _day_word(m: Match, today: date, allow_future: bool) -> ParsedDate:
    return ParsedDate(today - timedelta(days=_DAY_WORDS[" ".join(m["word"].split())]), "day")


def _month_ago(m: Match, today: date, allow_future: bool) -> ParsedDate:
    """ "agustus kemarin": the last August before this month; "agustus tahun lalu": August of last year."""
    month = _BARE_MONTHS[m["month"]]
    if m["years"] or m["last"]:
        return ParsedDate(date(today.year - 1, month, 1), "month")
    return ParsedDate(date(today.year if month < today.month else today.year - 1, month, 1), "month")


def _lebaran(text: str, today: date) -> ParsedDate | None:
    """The Idul Fitri ``text`` speaks of, when it speaks of one: of a year it names, of last year (or ``n``
    years ago), or the most recent one."""
    if not _LEBARAN.search(text):
        return None
    year_named = re.search(r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})(?![0-9])", text)
    ago = _YEARS_AGO.search(text)
    if year_named:
        day = IDUL_FITRI.get(int(year_named["year"]))
    elif ago:
        day = IDUL_FITRI.get(today.year - int(ago["count"] or 1))
    elif _THIS_YEAR.search(text):
        day = IDUL_FITRI.get(today.year)
    else:
        day = max((d for d in IDUL_FITRI.values() if d <= today), default=None)
    return ParsedDate(day, "month") if day is not None else None


# First pattern that matches decides: an impossible "31/2/2024" is rejected, not re-read as the year 2024.
_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern, re.ASCII), handler)
    for pattern, handler in (
        (r"(?<![0-9])(?P<year>[0-9]{4})[-/.](?P<month>[0-9]{1,2})[-/.](?P<day>[0-9]{1,2})(?![0-9])", _iso),
        (rf"{_DAY}[-/.](?P<month>[0-9]{{1,2}})[-/.]{_YEAR}", _numeric),
        (rf"{_DAY}{_SEP}{_MONTH}(?:{_SEP}{_YEAR})?", _named),
        (rf"\b{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?,?\s+(?P<year>[0-9]{{4}})(?![0-9])", _named),
        (rf"\b{_MONTH}{_SEP}{_YEAR}", _month_year),
        (
            rf"\b{_BARE_MONTH}\s+(?:(?:yang|yg)\s+)?(?:(?P<years>(?:tahun|thn|taun|th)\s+)?"
            r"(?:lalu|kemarin|kemaren|kmrn|kmren|kepungkur|wingi)\b|(?P<last>last\s+year))",
            _month_ago,
        ),
        (
            rf"(?:(?<![0-9])(?P<count>[0-9]{{1,3}})|\b(?P<word>{_alternation(_NUMBER_WORDS)}))"
            rf"\s*(?P<unit>{_alternation(_UNITS)})\s+(?:{_AGO})",
            _counted_ago,
        ),
        (r"\b(?P<unit>minggu|pekan|bulan|bln|tahun|thn|taun)\s+(?:" + _AGO + ")", _last_unit),
        (r"\blast\s+(?P<unit>week|month|year)\b", _last_unit),
        (rf"\b(?P<word>{_alternation(_DAY_WORDS)})\b", _day_word),
        (rf"{_DAY}[-/](?P<month>[0-9]{{1,2}})(?![0-9])", _numeric_no_year),
        (rf"\b{_BARE_MONTH}", _bare_month),
        (r"(?<![0-9])(?P<year>(?:19|20|21)[0-9]{2})(?![0-9])", _year),
    )
)


def _in_range(found: ParsedDate, today: date, allow_future: bool) -> bool:
    value = found.value
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return False
    if allow_future:
        return True
    if found.precision == "year":
        return value.year <= today.year
    if found.precision == "month":
        return (value.year, value.month) <= (today.year, today.month)
    return value <= today


def parse_date(text: str, today: date, allow_future: bool = False) -> ParsedDate | None:
    """The first date found in ``text``, or None when there is none or it is impossible or (unless
    ``allow_future``) later than ``today``; the form then asks again.
    """
    normalized = _normalize(text)
    lebaran = _lebaran(normalized, today)
    if lebaran is not None:
        return lebaran if _in_range(lebaran, today, allow_future) else None
    for pattern, handler in _RULES:
        match = pattern.search(normalized)
        if match is None:
            continue
        try:
            found = handler(match, today, allow_future)
        except (ValueError, OverflowError):  # 31/2, month 13, a year before 1 after shifting
            return None
        return found if _in_range(found, today, allow_future) else None
    return None
