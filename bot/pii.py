"""Identity numbers (passport number, NIK) at rest: encrypted with Fernet, findable through a keyed hash.

A ticket keeps each number twice, never in clear: ``*_enc`` is the Fernet token (AES-128-CBC + HMAC, from
``cryptography``) that :func:`identity` decrypts for the people allowed to read it, and ``*_hash`` is a blind
index, HMAC-SHA256 of the normalised number under a key derived from the data key, so officers can find a
ticket by typing a number without the database being able to reveal it. This module is the one place that
encrypts and decrypts them."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.keys import data_keys
from bot.models import Ticket
from bot.parsing import parse_nik, parse_passport

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
