"""Sums of money as workers type them ("NT$ 8000", "rm1500", "15jt", "Rp 7.500.000", "20 ribu nt") to
"CUR number": an ISO 4217 code and the whole number without separators ("TWD 8000", "IDR 15000000").

A number is money only with a currency beside it, or with "juta"/"ribu" (rupiah, the currency people count
in at home). A plain "dollar" is the dollar of the country the message names (Taiwan, Hong Kong, Singapore,
Brunei, Australia, Canada), else the US dollar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_CURRENCIES: dict[str, str] = {
    "nt$": "TWD", "nt": "TWD", "ntd": "TWD", "twd": "TWD", "nt dollar": "TWD", "dolar taiwan": "TWD",
    "rm": "MYR", "myr": "MYR", "ringgit": "MYR", "ringit": "MYR",
    "rp": "IDR", "rp.": "IDR", "idr": "IDR", "rupiah": "IDR", "rupiyah": "IDR",
    "hk$": "HKD", "hkd": "HKD", "dolar hk": "HKD", "dollar hk": "HKD", "dolar hongkong": "HKD",
    "s$": "SGD", "sgd": "SGD", "sing dollar": "SGD", "dolar singapura": "SGD",
    "b$": "BND", "bnd": "BND", "dolar brunei": "BND",
    "sar": "SAR", "riyal": "SAR", "real": "SAR", "rial": "SAR", "reyal": "SAR",
    "qar": "QAR", "qr": "QAR", "aed": "AED", "dirham": "AED", "kwd": "KWD", "omr": "OMR",
    "krw": "KRW", "won": "KRW", "₩": "KRW", "jpy": "JPY", "yen": "JPY", "¥": "JPY", "円": "JPY",
    "usd": "USD", "us$": "USD", "$": "USD", "dollar": "USD", "dolar": "USD",
    "eur": "EUR", "euro": "EUR", "€": "EUR", "gbp": "GBP", "£": "GBP", "pound": "GBP", "poundsterling": "GBP",
    "pln": "PLN", "zloty": "PLN", "lira": "TRY", "aud": "AUD", "cad": "CAD",
}  # fmt: skip

_DOLLAR_OF_COUNTRY = {"TW": "TWD", "HK": "HKD", "SG": "SGD", "BN": "BND", "AU": "AUD", "CA": "CAD"}
_PLAIN_DOLLAR = frozenset({"$", "dollar", "dolar"})
_MULTIPLIERS = {
    "jt": 10**6, "juta": 10**6, "jeti": 10**6, "jta": 10**6,
    "rb": 10**3, "ribu": 10**3, "rebu": 10**3, "ewu": 10**3, "k": 10**3,
}  # fmt: skip
_RUPIAH_MULTIPLIERS = frozenset({"jt", "juta", "jeti", "jta", "rb", "ribu", "rebu", "ewu"})


def _alternation(words: object) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


_CUR = _alternation(_CURRENCIES)
_NUMBER = r"[0-9]{1,3}(?:[.,][0-9]{3})+(?![0-9])|[0-9]+(?:[.,][0-9]{1,2}(?![0-9]))?"
_AMOUNT = re.compile(
    rf"(?:(?<![a-z])(?P<before>{_CUR})\s*)?"
    rf"(?<![0-9.,])(?P<number>{_NUMBER})"
    rf"(?:\s*(?P<multiplier>{_alternation(_MULTIPLIERS)})(?![a-z]))?"
    rf"(?:\s*(?P<after>{_CUR})(?![a-z]))?",
    re.IGNORECASE,
)


def _value(number: str, multiplier: str | None) -> Decimal | None:
    if re.fullmatch(r"[0-9]{1,3}(?:[.,][0-9]{3})+", number):  # thousands separators: 7.500.000, 8,000
        number = re.sub(r"[.,]", "", number)
    try:
        value = Decimal(number.replace(",", "."))
    except InvalidOperation:
        return None
    return value * _MULTIPLIERS[multiplier.lower()] if multiplier else value


def _written(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")


@dataclass(frozen=True)
class Amount:
    currency: str  # ISO 4217
    value: Decimal

    def __str__(self) -> str:
        return f"{self.currency} {_written(self.value)}"


def amounts(text: str, country: str | None = None) -> Iterator[tuple[int, int, Amount]]:
    """Every sum of money in ``text``, in order, with its span; ``country`` (ISO alpha-2, the country the
    message names) decides which dollar a plain "dollar" is."""
    for match in _AMOUNT.finditer(text):
        word = (match["before"] or match["after"] or "").lower()
        multiplier = (match["multiplier"] or "").lower()
        if not word and multiplier not in _RUPIAH_MULTIPLIERS:
            continue
        if word in _PLAIN_DOLLAR:
            currency = _DOLLAR_OF_COUNTRY.get(country or "", "USD")
        else:
            currency = _CURRENCIES.get(" ".join(word.split()), "IDR") if word else "IDR"
        value = _value(match["number"], multiplier or None)
        if value is None or value <= 0:
            continue
        yield match.start(), match.end(), Amount(currency, value)


def find_amount(text: str, country: str | None = None) -> tuple[int, int, str] | None:
    """The first sum of money in ``text``: its span and "CUR number"."""
    for start, end, amount in amounts(text, country):
        return start, end, str(amount)
    return None


def find_amounts(text: str, country: str | None = None) -> list[Amount]:
    """Every sum of money in ``text``, in order."""
    return [amount for _start, _end, amount in amounts(text, country)]
