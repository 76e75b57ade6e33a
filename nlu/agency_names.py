"""Recruitment agency names as people type them: "PT sukses jaya", "p.t. SJA", "sukses jaya abadi cabang malang".

A name is compared without its legal form (PT, CV, Tbk, Sdn Bhd ...) and without the branch ("cabang malang"),
against the register's names and their initials, with typos allowed (rapidfuzz). The matcher says when it is
unsure rather than guess: a person deciding whether to hand a passport to a company must never be told that a
look-alike name is licensed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from nlu.text import fold

LEGAL_FORMS = frozenset({"pt", "cv", "tbk", "persero", "sdn", "bhd", "ltd", "co", "inc", "llc", "corp"})
BRANCH_WORDS = ("cabang", "kantor cabang", "cab", "branch", "perwakilan")
SURE = 92.0  # at or above: the name is this agency (chosen on tests/test_agencies.py's typed names)
CLOSE = 75.0  # at or above: a candidate worth naming ("Maksudnya ...?"), never an answer on its own
MARGIN = 6.0  # a sure match must beat the runner-up by this much, or it is only a candidate
_DOTTED_FORM = re.compile(r"\b(p\s*\.\s*t|c\s*\.\s*v)\s*\.?", re.IGNORECASE)
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
_BRANCH = re.compile(r"\b(?:" + "|".join(BRANCH_WORDS) + r")\b\.?\s*(.*)$")
_NAME_END = (
    r"(?=\s+(?:itu|ini|tsb|tersebut|resmi|terdaftar|legal|asli|ada|apa|apakah|gimana|bagaimana|kah|ya|yg|yang"
    r"|bener|benar|berizin|izin|ijin|aman|penipu|bodong|is|licensed|registered|official|legit|ok|gak|ga|nggak"
    r"|tidak|engga|enggak)\b|[?!,]|$)"
)
_NOT_A_NAME = r"(?!(?:sy|saya|aku|ku|kami|ini|itu|yg|yang|majikan|tempat|tsb|tersebut|nya|mana|apa)\b)"
_FORMAL_MENTION = re.compile(
    r"\b(p\s*\.?\s*t\s*\.?|lpk|cv)\s+" + _NOT_A_NAME + r"([a-z0-9][a-z0-9 .&'-]{1,60}?)" + _NAME_END
)
_OTHER_MENTION = re.compile(
    r"\b(agensi|agency|perusahaan|sponsor|p[3e]mi|pjtki|ppmi)\s+"
    + _NOT_A_NAME
    + r"([a-z0-9][a-z0-9 .&'-]{1,60}?)"
    + _NAME_END
)


@dataclass(frozen=True)
class NameMatch:
    key: str
    score: float


def split_branch(name: str) -> tuple[str, str | None]:
    """("sukses jaya abadi", "malang") for "sukses jaya abadi cabang malang"; the branch is None when not named."""
    folded = fold(name)
    found = _BRANCH.search(folded)
    if found is None:
        return folded, None
    branch = normalize_name(found.group(1)) or None
    return folded[: found.start()].strip(), branch


def normalize_name(name: str) -> str:
    """Folded, punctuation gone, legal forms dropped: "P.T. Sukses-Jaya Abadi, Tbk" -> "sukses jaya abadi"."""
    folded = _DOTTED_FORM.sub(" pt ", fold(name))
    tokens = [token for token in _NOT_LETTERS.sub(" ", folded).split() if token not in LEGAL_FORMS]
    return " ".join(tokens)


def initials(name: str) -> str:
    """ "sja" for "sukses jaya abadi": people write agencies by their initials."""
    return "".join(token[0] for token in normalize_name(name).split())


def score(query: str, name: str) -> float:
    """0-100: how well a typed name fits a registered one. A query that is one word of initials is compared
    with the name's initials; otherwise whole words with typos (a typed name may leave out the last word)."""
    typed, registered = normalize_name(query), normalize_name(name)
    if not typed or not registered:
        return 0.0
    if " " not in typed and len(typed) <= 5 and len(registered.split()) >= 2:
        return 100.0 if typed == initials(registered) else 0.0
    whole = fuzz.ratio(typed, registered)
    if len(typed.split()) >= 2 and registered.startswith(typed.split()[0]):
        whole = max(whole, fuzz.ratio(typed, registered[: len(typed)]) - 4)  # "sukses jaya" for "... abadi"
    return float(whole)


def rank(query: str, names: Mapping[str, Sequence[str]]) -> list[NameMatch]:
    """Every registered key scored by its best name (``names``: key -> the names it is known by), best first."""
    typed, _branch = split_branch(query)
    scored = [
        NameMatch(key, max(score(typed, name) for name in known)) for key, known in names.items() if known
    ]
    return sorted((m for m in scored if m.score > 0), key=lambda m: -m.score)


def sure(ranked: Sequence[NameMatch]) -> NameMatch | None:
    """The best match when it is certain: high enough and clearly ahead of the next one."""
    if not ranked or ranked[0].score < SURE:
        return None
    if len(ranked) > 1 and ranked[0].score - ranked[1].score < MARGIN:
        return None
    return ranked[0]


def close(ranked: Sequence[NameMatch], limit: int = 3) -> list[NameMatch]:
    """Candidates worth offering when nothing is certain."""
    return [m for m in ranked if m.score >= CLOSE][:limit]


def mentioned_agency(text: str) -> str | None:
    """The company a message names after "PT", "LPK", "agensi", "perusahaan", ... ("apakah pt sukses jaya resmi?"
    -> "pt sukses jaya"), or None."""
    folded = fold(text)
    found = _FORMAL_MENTION.search(folded) or _OTHER_MENTION.search(folded)
    if found is None:
        return None
    return f"{found.group(1)} {found.group(2).strip(' .')}"


_ASKS = re.compile(
    r"\b(?:resmi|terdaftar|legal|ilegal|berizin|izin(?:nya)?|ijin(?:nya)?|asli|bodong|abal|penipu(?:an)?|terpercaya"
    r"|aman|official|licen[sc]ed?|registered|legit|scam)\b"
)
_RECRUITER = re.compile(r"\b(?:pt|p\.t\.?|agensi|agency|perusahaan|p[3e]mi|lpk|sponsor|pjtki|ppmi|calo)\b")
_CHECK = re.compile(
    r"\b(?:cek|cari|periksa|check)\s+(?:pt|p\.t\.?|agensi|agency|perusahaan|p[3e]mi|lpk|sponsor|pjtki)\b"
)


def asks_about_agency(text: str) -> bool:
    """Whether a message asks if a recruiter is licensed: "pt sukses jaya resmi ga?", "cek pt", "agensi ini legal?"."""
    folded = fold(text)
    if _CHECK.search(folded):
        return True
    return _ASKS.search(folded) is not None and _RECRUITER.search(folded) is not None
