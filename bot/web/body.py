"""Reading request bodies with a size limit, so a huge webhook post or form is refused before it is parsed."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import Message

from bot.config import get_settings


async def read_limited(request: Request, limit: int | None = None) -> bytes:
    """The body, or HTTP 413 when it is longer than ``limit`` (default ``MAX_REQUEST_BYTES``; checked while
    reading, so a lying Content-Length does not help)."""
    limit = get_settings().max_request_bytes if limit is None else limit
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, "request body too large")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, "request body too large")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(request: Request) -> FormData:
    """The posted form, parsed only once the body passed the same limit (Starlette bounds multipart parts but
    not a url-encoded form, which it would read whole into memory)."""
    body = await read_limited(request)

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    return await Request(request.scope, replay).form()
