"""The server's secret key: from ``SECRET_KEY``, or for a local install generated once into the data folder."""

from __future__ import annotations

import os
import secrets
from functools import cache

from bot.config import get_settings


@cache
def secret_key() -> bytes:
    settings = get_settings()
    if settings.secret_key:
        return settings.secret_key.encode()
    path = settings.data_dir / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()
