"""Files people send: checked against the size and content-type limits, stored on disk by SHA-256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import replace
from pathlib import Path

from bot.config import get_settings
from bot.messages import IncomingAttachment


def allowed(content_type: str | None, size: int | None) -> bool:
    """Whether a file may be stored (unknown sizes are checked again when the bytes arrive)."""
    settings = get_settings()
    if size is not None and size > settings.max_attachment_bytes:
        return False
    prefixes = [item.strip() for item in settings.attachment_types.split(",") if item.strip()]
    return content_type is not None and any(content_type.startswith(prefix) for prefix in prefixes)


def kind_of(content_type: str | None) -> str:
    """What a file is, by its content type, as the attachment's ``kind``: photo, voice, video or document."""
    major = (content_type or "").split("/")[0]
    return {"image": "photo", "audio": "voice", "video": "video"}.get(major, "document")


def stored_path(path: str) -> Path | None:
    """The file a stored attachment path names, or None when it would lie outside ``ATTACHMENTS_DIR``."""
    root = get_settings().attachments_path.resolve()
    candidate = Path(path)
    candidate = (candidate if candidate.is_absolute() else root / candidate).resolve()
    return candidate if candidate.is_relative_to(root) else None


def save(data: bytes, meta: IncomingAttachment) -> IncomingAttachment:
    """Store ``data`` as ``ATTACHMENTS_DIR/ab/abcdef...`` (same content, same file) and return ``meta`` with
    the path, size and hash filled in."""
    digest = hashlib.sha256(data).hexdigest()
    folder = get_settings().attachments_path / digest[:2]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / digest
    if not path.exists():
        fd, temporary = tempfile.mkstemp(dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temporary, path)
    return replace(meta, size=len(data), sha256=digest, path=str(path))
