"""Employers ("Mr Tan", "madam chan", "Tuan Faisal") and recruitment agencies ("PT Sinar Jaya Abadi",
"lpk bina karya", "agency Harmony Manpower") named inside a message, in proper capitals.

An employer is found by a title of address and the name after it; an agency by its legal form (PT, LPK,
P3MI, Sdn Bhd) or the word agency and the name beside it. Where the name ends: a writer who capitalises
names shows it; in text typed in lower case, a word the shared vocabulary knows (a verb, a pronoun, a
particle) ends the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_EMPLOYER_TITLES = r"mr|mister|mrs|ms|madam|madame|mdm|tuan|puan|encik|cik|nyonya|nyonyah|datin|dato|datuk"
_AGENCY_FORMS = r"pt|p\.t|lpk|blk|p3mi|pptkis|pjtki|ppmi"
_AGENCY_WORDS = r"agency|agensi|agensy|agen|agent|agensinya|agencynya"
_AGENCY_SUFFIXES = (
    r"sdn\.?\s+bhd\.?|manpower|employment(?:\s+agency)?|agency|recruitment|services?|co\.?,?\s+ltd\.?"
)
_NAMING = r"(?:\s+(?:nama(?:nya)?|bernama|namanya|called|named|yaitu|yakni|yg\s+namanya))?"
_WORD = re.compile(r"[A-Za-z][A-Za-z'&.-]*")
_UPPER_KEPT = frozenset({"PT", "LPK", "BLK", "P3MI", "PPTKIS", "PJTKI", "PPMI", "SDN", "BHD", "LTD", "CO"})
_NOT_NAMES = frozenset(
    {"rumah", "muda", "besar", "tanah", "guru", "and", "or", "saya", "sy", "aku", "ku", "kami", "nya", "yang", "yg",
     "itu", "ini", "dan", "di", "ke", "sudah", "udah", "tidak", "ga", "gak", "belum", "blm", "juga", "sih", "my",
     "the", "is", "said", "says", "suka", "minta", "bilang", "mau", "tdk", "marah", "i", "im", "you", "we",
     "please", "pls", "can", "could", "want", "need", "help", "tolong", "mohon", "ingin", "bisa", "kalau", "kalo"}
)  # fmt: skip
MAX_NAME_WORDS = 4


def _proper(word: str) -> str:
    """Proper capitals: "chan" -> "Chan"; acronyms typed in capitals ("ABC") and legal forms ("PT", "Sdn") keep theirs."""
    bare = word.strip(".,")
    if bare.upper() in _UPPER_KEPT:
        return {"SDN": "Sdn", "BHD": "Bhd", "LTD": "Ltd", "CO": "Co"}.get(bare.upper(), bare.upper())
    if len(bare) > 1 and bare.isupper():
        return bare
    return bare[:1].upper() + bare[1:].lower()


def _name_words(text: str, start: int, is_ordinary: Callable[[str], bool], after_title: bool) -> list[str]:
    """The words of a name starting at ``start``: capitalised words, or (in lower-case typing) words that are
    not ordinary language. Right after a title ("Mr", "Tuan") the first word is a name unless it is one of
    :data:`_NOT_NAMES` ("Wong" and "Tan" are also words), and in lower-case typing it is the only one."""
    out: list[str] = []
    position = start
    capitals = any(w[0].isupper() for w in _WORD.findall(text[start : start + 60])[:MAX_NAME_WORDS])
    while len(out) < MAX_NAME_WORDS:
        match = re.match(r"\s*([A-Za-z][A-Za-z'&-]*\.?)", text[position:])
        if match is None:
            break
        word = match.group(1)
        bare = word.rstrip(".")
        if after_title and not out:
            if bare.lower() in _NOT_NAMES:
                break
        elif (
            (after_title and not capitals)
            or (capitals and not bare[0].isupper())
            or (not capitals and is_ordinary(bare))
        ):  # "madam chan suka marah": one word, the rest may be the story
            break
        out.append(bare)
        position += match.end()
        if word.endswith("."):
            break
    return out


def find_employer(text: str, is_ordinary: Callable[[str], bool]) -> str | None:
    """An employer ("Mr Tan", "Madam Chan" or "Tuan Faisal") when a title of address and a name are in ``text``."""
    for match in re.finditer(rf"(?<![A-Za-z])({_EMPLOYER_TITLES})\.?\s+(?=[A-Za-z])", text, re.IGNORECASE):
        words = _name_words(text, match.end(), is_ordinary, after_title=True)
        if words:
            return " ".join([_proper(match.group(1)), *map(_proper, words)])
    return None


def find_agency(text: str, is_ordinary: Callable[[str], bool]) -> str | None:
    """An agency ("PT Sinar Jaya", "LPK Bina Karya", "Harmony Manpower", "Agency Sunrise") as named in ``text``."""
    form = re.search(rf"(?<![A-Za-z])({_AGENCY_FORMS})\.?{_NAMING}\s+(?=[A-Za-z])", text, re.IGNORECASE)
    if form:
        words = _name_words(text, form.end(), is_ordinary, after_title=False)
        if words:
            legal = form.group(1).replace(".", "").upper()
            return " ".join([legal, *map(_proper, words)])
    suffix = re.search(
        rf"((?:[A-Za-z][A-Za-z'&-]*\s+){{1,3}}?)({_AGENCY_SUFFIXES})(?![A-Za-z])", text, re.IGNORECASE
    )
    if suffix:  # "Harmony Manpower", "Sinar Maju Sdn Bhd": the capitalised words before the suffix
        kept = _trailing_name(suffix.group(1).split(), is_ordinary)
        if kept:
            return " ".join(map(_proper, [*kept, *suffix.group(2).split()]))
    word = re.search(rf"(?<![A-Za-z])(?:{_AGENCY_WORDS}){_NAMING}\s+(?=[A-Za-z])", text, re.IGNORECASE)
    # "agency Sunrise": only a capitalised name, "agen minta ..." is no agency's name
    if word and text[word.end()].isupper():
        words = _name_words(text, word.end(), is_ordinary, after_title=False)
        if words:
            return " ".join(map(_proper, words))
    return None


def _trailing_name(words: list[str], is_ordinary: Callable[[str], bool]) -> list[str]:
    """The last words before "Manpower"/"Sdn Bhd" that are capitalised and not ordinary language."""
    kept: list[str] = []
    for word in reversed(words):
        if is_ordinary(word) or not word[0].isupper():
            break
        kept.insert(0, word)
    return kept
