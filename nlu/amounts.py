"""Money as people write it: "Rp 7.500.000", "15jt", "NT$ 8000", "rm1500", "HK$4,990", "KRW 3.200.000", "¥180rb".

An amount is a currency code and a whole number. A bare number with "jt"/"juta"/"rb"/"ribu" is rupiah; a bare
number without any sign of a currency is not an amount (it may be a phone number, a date or a count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.text import fold

_SYMBOLS = {
    "rp": "IDR",
    "idr": "IDR",
    "nt$": "TWD",
    "ntd": "TWD",
    "nt": "TWD",
    "twd": "TWD",
    "rm": "MYR",
    "myr": "MYR",
    "ringgit": "MYR",
    "hk$": "HKD",
    "hkd": "HKD",
    "s$": "SGD",
    "sgd": "SGD",
    "krw": "KRW",
    "won": "KRW",
    "jpy": "JPY",
    "yen": "JPY",
    "¥": "JPY",
    "sar": "SAR",
    "riyal": "SAR",
    "aed": "AED",
    "dirham": "AED",
    "bnd": "BND",
    "b$": "BND",
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "pln": "PLN",
    "zloty": "PLN",
    "eur": "EUR",
    "€": "EUR",
}
_MULTIPLIERS = {"jt": 1_000_000, "juta": 1_000_000, "jta": 1_000_000, "rb": 1_000, "ribu": 1_000, "k": 1_000}
_SYMBOL = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d{1,2})?"
_MULTIPLIER = r"juta|jta|jt|ribu|rb|k"
_AMOUNT = re.compile(
    rf"(?:(?<![a-z])(?P<before>{_SYMBOL})\s?(?P<n1>{_NUMBER})\s?(?P<m1>{_MULTIPLIER})?(?![a-z0-9])"
    rf"|(?<![\w.,])(?P<n2>{_NUMBER})\s?(?:(?P<m2>{_MULTIPLIER})(?![a-z])\s?(?P<after1>{_SYMBOL})?"
    rf"|(?P<after2>{_SYMBOL})(?![a-z])))"
)


@dataclass(frozen=True)
class Amount:
    currency: str
    value: int

    def __str__(self) -> str:
        return f"{self.currency} {self.value}"


def find_amounts(text: str) -> list[Amount]:
    """Every amount in ``text``, in order."""
    found = []
    for match in _AMOUNT.finditer(fold(text)):
        symbol = match.group("before") or match.group("after1") or match.group("after2")
        number = match.group("n1") or match.group("n2")
        multiplier = match.group("m1") or match.group("m2")
        if symbol is None and multiplier is None:
            continue
        value = _number(number, bool(multiplier))
        if multiplier:
            value *= _MULTIPLIERS[multiplier]
        found.append(Amount(_SYMBOLS[symbol] if symbol else "IDR", round(value)))
    return found


def _number(text: str, scaled: bool) -> float:
    """ "7.500.000" and "4,990" are thousands; "1,5" or "1.5" before "jt" is a decimal."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text) and not (scaled and len(text) <= 5):
        return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))
