"""The server's keys: each from the environment, or for a local install generated once into the data folder.

``SECRET_KEY`` signs cookies and keys the PIN hashes; ``DATA_ENCRYPTION_KEY`` (a Fernet key) encrypts passport
numbers and NIK at rest, with ``DATA_ENCRYPTION_KEYS`` listing older keys that still decrypt (rotation)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from functools import cache

from cryptography.fernet import Fernet

from bot.config import get_settings


def _configured_or_local(value: str, filename: str, generate: Callable[[], str]) -> str:
    """``value`` when set, else the key in ``DATA_DIR/filename``, generated (mode 0600) the first time."""
    if value:
        return value
    path = get_settings().data_dir / filename
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process generated it a moment ago
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(generate())
    return path.read_text().strip()


@cache
def secret_key() -> bytes:
    settings = get_settings()
    return _configured_or_local(settings.secret_key, "secret.key", lambda: secrets.token_urlsafe(48)).encode()


@cache
def data_keys() -> tuple[bytes, ...]:
    """The data encryption keys, the current one first (it encrypts; all of them decrypt)."""
    settings = get_settings()
    current = _configured_or_local(
        settings.data_encryption_key, "data.key", lambda: Fernet.generate_key().decode()
    )
    older = [key.strip() for key in settings.data_encryption_keys.split(",") if key.strip()]
    return tuple(key.encode() for key in (current, *older))
