"""The web chat: ``GET /chat`` (a page anyone can embed or try locally), and its JSON endpoints.

``POST /chat/messages`` runs the engine inline; ``GET /chat/messages?after=ID`` returns the conversation's
messages newer than ID, which is how the page shows history after a reload and pulls officers' answers.
The person's identity is a random chat id in a signed, HttpOnly, SameSite=Lax cookie. Writes need a JSON body
(a cross-site form cannot send one without a CORS preflight) and, when the browser sends an Origin header, the
same origin as the page. A new cookie is a new chat, so new chats are counted per client network
(``limits.new_web_chats_per_source``): over the limit a new chat's message is refused (429, nothing stored),
unless it is a danger message.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from itsdangerous import BadSignature, URLSafeTimedSerializer
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.exc import DBAPIError
from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot import throttle
from bot.clock import utcnow
from bot.config import get_config, get_settings
from bot.db import retry_dropped, session_scope
from bot.engine import NotStored, handle
from bot.i18n import _, use_language
from bot.keys import secret_key
from bot.messages import Inbound
from bot.models import Conversation, Message
from bot.outbox import take_pending
from bot.web.body import read_limited
from bot.web.params import row_id
from bot.web.security import client_network, is_https
from nlu.danger import read_danger
from nlu.text import storable

log = logging.getLogger(__name__)
CHANNEL = "web"
COOKIE = "helpdesk_chat"
COOKIE_MAX_AGE = 90 * 24 * 3600
HISTORY_LIMIT = 200
WEB_DIR = Path(__file__).resolve().parent.parent / "web"
_templates = Environment(loader=FileSystemLoader(WEB_DIR / "templates"), autoescape=select_autoescape())

TEXTS = {
    "id": {
        "title": "Layanan Bantuan PMI",
        "intro": "Tanya jawab dan laporan untuk Pekerja Migran Indonesia dan keluarganya.",
        "label": "Pesan Anda",
        "placeholder": "Tulis pesan…",
        "send": "Kirim",
        "you": "Anda",
        "bot": "Layanan",
        "other_language": "English",
        "other_code": "en",
        "other_button": "lang_en",
        "error": "Pesan belum terkirim. Coba lagi.",
        "privacy": "Jangan kirim kata sandi atau PIN bank.",
    },
    "en": {
        "title": "PMI Help Desk",
        "intro": "Questions and reports for Indonesian migrant workers and their families.",
        "label": "Your message",
        "placeholder": "Type a message…",
        "send": "Send",
        "you": "You",
        "bot": "Help desk",
        "other_language": "Bahasa Indonesia",
        "other_code": "id",
        "other_button": "lang_id",
        "error": "The message was not sent. Please try again.",
        "privacy": "Never send passwords or bank PINs.",
    },
}


def routes() -> list[BaseRoute]:
    return [
        Route("/chat", page, methods=["GET"]),
        Route("/chat/messages", messages, methods=["GET", "POST"]),
        Mount("/chat/static", StaticFiles(directory=WEB_DIR / "static"), name="chat-static"),
    ]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key(), salt="webchat")


def chat_id_of(request: Request) -> str | None:
    """The chat id from the signed cookie, or None when it is missing, forged or expired."""
    token = request.cookies.get(COOKIE, "")
    try:
        value = _serializer().loads(token, max_age=COOKIE_MAX_AGE)
    except BadSignature:
        return None
    return value if isinstance(value, str) else None


async def page(request: Request) -> Response:
    language = request.query_params.get("lang", "")
    if language not in TEXTS:
        accepted = request.headers.get("accept-language", "").lower()
        language = "en" if accepted.startswith("en") else "id"
    html = _templates.get_template("chat.html").render(lang=language, t=TEXTS[language])
    response = HTMLResponse(html)
    chat_id = chat_id_of(request) or f"web-{secrets.token_urlsafe(16)}"
    response.set_cookie(
        COOKIE,
        _serializer().dumps(chat_id),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=is_https(request.scope),  # https here, forwarded by a trusted proxy, or PUBLIC_BASE_URL
        path="/chat",
    )
    return response


async def messages(request: Request) -> Response:
    chat_id = chat_id_of(request)
    if chat_id is None:
        return JSONResponse({"error": "open /chat first"}, status_code=403)
    if request.method == "GET":
        after = row_id(request.query_params.get("after", "0"))
        if after is None:
            return JSONResponse({"error": "after must be a message id"}, status_code=400)
        return JSONResponse({"messages": await asyncio.to_thread(history, chat_id, after)})
    if (
        not _same_origin(request)
        or request.headers.get("content-type", "").split(";")[0] != "application/json"
    ):
        return JSONResponse({"error": "JSON from this site only"}, status_code=403)
    try:
        body = json.loads(await read_limited(request))
        inbound, after = _parse(chat_id, body, client_network(request.scope))
    except (ValueError, TypeError, KeyError):  # all checked before the turn: a refused post stores nothing
        return JSONResponse({"error": "expected {id, text, button?, after?}"}, status_code=400)
    if not await asyncio.to_thread(admit_or_pass, inbound):
        return JSONResponse(
            {"error": "too many new chats from this network", "notice": _too_many_chats(request)},
            status_code=429,
        )
    try:
        await asyncio.to_thread(handle, inbound, inline=True)
    except NotStored:  # the page says "not sent, try again" and keeps the text
        return JSONResponse({"error": "not stored, send it again"}, status_code=503)
    return JSONResponse({"messages": await asyncio.to_thread(history, chat_id, after)})


def _parse(chat_id: str, body: object, source: str) -> tuple[Inbound, int]:
    """The message and the history cursor of a post; TypeError or KeyError when the body is not one."""
    if not isinstance(body, dict):
        raise TypeError("the body is a JSON object")
    client_id, text, button = storable(str(body["id"]))[:64], body.get("text", ""), body.get("button")
    if not isinstance(text, str) or not (button is None or isinstance(button, str)):
        raise TypeError("text and button are strings")
    after = row_id(body.get("after", 0))
    if after is None:
        raise TypeError("after is a message id")
    inbound = Inbound(
        channel=CHANNEL,
        chat_id=chat_id,
        user_id=chat_id,
        text=text,
        button=button,
        channel_message_id=f"{chat_id}:{client_id}",
        source=source,
    )
    return inbound, after


@retry_dropped
def admit(inbound: Inbound) -> bool:
    """Whether this post may go to the engine: a chat that exists goes on; a new chat counts against its
    client network, and once the network is locked a new chat is refused unless its message is danger."""
    with session_scope() as session:
        known = session.exec(
            select(Conversation.id).where(
                Conversation.channel == CHANNEL, Conversation.chat_id == inbound.chat_id
            )
        ).first()
        if known is not None:
            return True
        limit = get_config().limits.new_web_chats_per_source
        gate = throttle.hold(session, f"new-chat:{CHANNEL}:{inbound.source}", limit, utcnow())
        if gate.locked:
            return read_danger(storable(inbound.text).strip()) is not None
        gate.fail()  # counts this new chat
        return True


def admit_or_pass(inbound: Inbound) -> bool:
    """:func:`admit`, or True when the count cannot be read or written (a full disk, a busy database): the
    engine then stores the message or answers "not stored", and a danger message is never refused."""
    try:
        return admit(inbound)
    except DBAPIError as error:  # no message or statement in the log: its parameters name the network
        log.warning("new web chat not counted: %s", type(error.orig).__name__)
        return True


def _too_many_chats(request: Request) -> str:
    accepted = request.headers.get("accept-language", "").lower()
    with use_language("en" if accepted.startswith("en") else "id"):
        return _(
            "Terlalu banyak percakapan baru dari jaringan Anda. Lanjutkan di percakapan yang sudah ada atau coba "
            "lagi nanti. Jika Anda dalam bahaya, tulis saja apa yang terjadi: pesan darurat selalu diteruskan."
        )


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser's cross-site request (those always carry Origin on POST)
    allowed = {f"{request.url.scheme}://{request.headers.get('host', '')}"}
    public = urlsplit(get_settings().public_base_url)
    if public.scheme and public.netloc:
        allowed.add(f"{public.scheme}://{public.netloc}")
    return origin in allowed


@retry_dropped
def history(chat_id: str, after: int) -> list[dict[str, Any]]:
    """The conversation's messages newer than ``after``; answers queued for it count as delivered now."""
    take_pending(CHANNEL, chat_id)
    with session_scope() as session:
        conversation = session.exec(
            select(Conversation).where(Conversation.channel == CHANNEL, Conversation.chat_id == chat_id)
        ).first()
        if conversation is None:
            return []
        rows = session.exec(
            select(Message)
            .where(Message.conversation_id == conversation.id, col(Message.id) > after)
            .order_by(col(Message.id).desc())
            .limit(HISTORY_LIMIT)
        ).all()
    return [
        {
            "id": row.id,
            "from": "person" if row.direction == "in" else "bot",
            "text": row.text,
            "buttons": [{"label": label, "value": value} for label, value in row.buttons],
        }
        for row in reversed(rows)
    ]
