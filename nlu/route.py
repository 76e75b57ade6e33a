"""How a worker went abroad, read from their own words in a report: through the official (procedural) route or
not. Only a plain sign counts ("lewat calo", "pakai visa turis", "ilegal"); anything else is left unknown for the
officer, who also has the agency register's verdict on the named agency."""

from __future__ import annotations

import re

from nlu.text import fold

_NOT_OFFICIAL = re.compile(
    r"\b(?:lewat|lwt|via|sama|sm|ikut|dr|dari)\s+(?:calo|tekong|teman|temen|kenalan|saudara)\b"
    r"|\bcalo\b"
    r"|\bvisa\s+(?:turis|turist|tourist|wisata|kunjungan|pelancong|visit|umro?h|ziarah)\b"
    r"|\b(?:ilegal|illegal|unprosedural|unprocedural|nonprosedural|non prosedural|tidak resmi|gak resmi|ga resmi"
    r"|gk resmi|nggak resmi|ndak resmi|bukan resmi|tanpa (?:pt|agensi|agen|p3mi|visa kerja))\b"
)


def route(text: str) -> str | None:
    """``"no"`` when ``text`` says the departure was not through the official route, else None (not said)."""
    return "no" if _NOT_OFFICIAL.search(fold(text)) else None


_NOT_DEPARTED = re.compile(
    r"^(?:(?:ya|iya|y|itu|kan|tp|tapi|lah|la)\s+)*"
    r"(?:(?:blm|belum|blum|durung|dereng|ga|gak|gk|nggak|ngga|tidak|tdk|ndak|enggak|tak|x)\s+(?:jadi\s+|pernah\s+|sempat\s+)?"
    r"(?:berangkat\w*|brangkat\w*|brgkt|budh?al|kerja|bekerja|ada\s+majikan(?:nya)?|punya\s+majikan|sampai|sampe)"
    r"|(?:ga|gak|gk|nggak|tidak|tdk|tak|x)\s+ada\s+majikan(?:nya)?"
    r"|batal\s+berangkat|masih\s+di\s+(?:indonesia|indo|rumah|kampung|penampungan|pt|lpk))"
    r"(?:\s+(?:sama\s+sekali|blas|babar\s+blas|kok|sih|lah|kak|mbak|mas|pak|bu|juga|jg|masih|lagi))*$"
)


def not_departed(text: str) -> bool:
    """Whether ``text``, typed to a question about the placement (the city, the employer, the departure date),
    says there is none because the worker never left ("blm berangkat", "blm ada majikan", "ga jadi
    berangkat")."""
    return _NOT_DEPARTED.search(fold(text).strip(" .!?")) is not None
