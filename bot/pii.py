"""Identity numbers (passport number, NIK) at rest: encrypted with Fernet, findable through a keyed hash.

A ticket keeps each number twice, never in clear: ``*_enc`` is the Fernet token (AES-128-CBC + HMAC, from
``cryptography``) that :func:`identity` decrypts for the people allowed to read it, and ``*_hash`` is a blind
index, HMAC-SHA256 of the normalised number under a key derived from the data key, so officers can find a
ticket by typing a number without the database being able to reveal it. This module is the one place that
encrypts and decrypts them.

Numbers typed in free text (a message, the story, a form answer, a question to the FAQ) are sealed the same
way where they are stored: :func:`seal_text` replaces each one with a token carrying its blind index and its
ciphertext, and :func:`unseal_text` puts it back when the row is read (the column types in :mod:`bot.sealed`
do both, so code above the database sees the text as typed)."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.keys import data_keys
from nlu.parsing import find_niks, find_passports, parse_nik, parse_passport

if TYPE_CHECKING:  # bot.models uses this module's column types (bot.sealed)
    from bot.models import Ticket

#: intake field -> (ciphertext column, blind-index column, normaliser)
FIELDS: dict[str, tuple[str, str, Callable[[str], str | None]]] = {
    "passport_number": ("passport_enc", "passport_hash", parse_passport),
    "nik": ("nik_enc", "nik_hash", parse_nik),
}


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in data_keys()])


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def _index_key() -> bytes:
    """A key of its own for the blind index, derived from the current data key (so one secret to keep)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"pmi-helpdesk blind index v1")
    return hkdf.derive(data_keys()[0])


def _keyed_hash(field: str, text: str) -> str:
    return hmac.new(_index_key(), f"{field}:{text}".encode(), hashlib.sha256).hexdigest()


def blind_index(field: str, value: str) -> str | None:
    """The keyed hash of ``value`` as typed (normalised first), or None when it is not a valid number."""
    normalised = FIELDS[field][2](value)
    return None if normalised is None else _keyed_hash(field, normalised)


def seal(ticket: Ticket, intake: dict[str, Any]) -> dict[str, Any]:
    """Move the identity numbers out of ``intake`` into ``ticket``'s encrypted columns; returns the rest."""
    rest = dict(intake)
    for field, (enc_column, hash_column, _normalise) in FIELDS.items():
        value = rest.pop(field, None)
        if value is None:
            continue
        value = str(value)
        setattr(ticket, enc_column, encrypt(value))
        # a value that does not parse (typed before the parsers got stricter) is indexed as it is
        setattr(ticket, hash_column, _keyed_hash(field, FIELDS[field][2](value) or value))
    return rest


def identity(ticket: Ticket) -> dict[str, str | None]:
    """The ticket's identity numbers in clear: for the people and tools allowed to read them."""
    values: dict[str, str | None] = {}
    for field, (enc_column, _hash_column, _normalise) in FIELDS.items():
        token = getattr(ticket, enc_column)
        values[field] = decrypt(token) if token else None
    return values


def forget(ticket: Ticket) -> None:
    """Remove the identity numbers (erasure, retention)."""
    for enc_column, hash_column, _normalise in FIELDS.values():
        setattr(ticket, enc_column, None)
        setattr(ticket, hash_column, None)


def reseal(ticket: Ticket) -> None:
    """Encrypt again under the current key and hash with the current index key (key rotation)."""
    seal(ticket, {field: value for field, value in identity(ticket).items() if value is not None})


#: A number sealed in free text: the field, its blind index, its Fernet token.
TOKEN = re.compile(r"\u27e6(passport_number|nik):([0-9a-f]{64}):([A-Za-z0-9_=-]+)\u27e7")


def find_numbers(text: str) -> Iterator[tuple[int, int, str, str]]:
    """Identity numbers in ``text`` as (start, end, field, normalised number), in order, never overlapping."""
    found = [(start, end, "nik", nik) for start, end, nik in find_niks(text)]
    found += [(start, end, "passport_number", number) for start, end, number in find_passports(text)]
    taken = -1
    for start, end, field, number in sorted(found):
        if start >= taken:
            taken = end
            yield start, end, field, number


def _replace_numbers(text: str, replacement: Callable[[str, str, str], str]) -> str:
    """``text`` with each number outside the tokens replaced by ``replacement(field, number, as typed)``."""
    pieces: list[str] = []
    plain_start = 0
    for token in [*TOKEN.finditer(text), None]:
        plain_end = token.start() if token else len(text)
        plain, cursor = text[plain_start:plain_end], 0
        for start, end, field, number in find_numbers(plain):
            pieces += [plain[cursor:start], replacement(field, number, plain[start:end])]
            cursor = end
        pieces.append(plain[cursor:])
        if token:
            pieces.append(token.group(0))
            plain_start = token.end()
    return "".join(pieces)


def seal_text(text: str) -> str:
    """``text`` with every passport number and NIK in it replaced by a token (blind index and ciphertext of
    the number as typed). Tokens already there stay as they are."""
    return _replace_numbers(
        text,
        lambda field, number, typed: f"\u27e6{field}:{_keyed_hash(field, number)}:{encrypt(typed)}\u27e7",
    )


def unseal_text(text: str) -> str:
    """``text`` with its tokens decrypted back to the numbers as typed (a token no key opens stays)."""
    if "\u27e6" not in text:
        return text
    return TOKEN.sub(_unseal_token, text)


def _unseal_token(token: re.Match[str]) -> str:
    try:
        return decrypt(token.group(3))
    except InvalidToken:
        return token.group(0)


def mask_text(text: str, mask: Callable[[str], str]) -> str:
    """``text`` (unsealed) with every identity number shown as ``mask`` shows it."""
    return _replace_numbers(text, lambda _field, number, _typed: mask(number))


def text_index(field: str, term: str) -> str | None:
    """What a sealed text contains when ``term`` (as typed in a search) is one of its numbers (without the
    token's opening bracket, which JSON columns store escaped)."""
    digest = blind_index(field, term)
    return None if digest is None else f"{field}:{digest}:"
