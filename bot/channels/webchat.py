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
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from itsdangerous import BadSignature, URLSafeTimedSerializer
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.exc import DBAPIError
from sqlmodel import col, select
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot import attachments, throttle
from bot.clock import utcnow
from bot.config import get_config, get_settings
from bot.db import retry_dropped, session_scope
from bot.engine import NotStored, handle
from bot.i18n import N_, _, use_language
from bot.keys import secret_key
from bot.markup import configured_short_numbers, to_html
from bot.messages import Inbound, IncomingAttachment
from bot.models import Attachment, Contact, Conversation, Message
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

#: The page's own words (its chrome), in the page's language; the greeting is shown, never stored.
CHROME = {
    "title": N_("Layanan Bantuan PMI"),
    "intro": N_("Tanya jawab dan laporan untuk Pekerja Migran Indonesia dan keluarganya."),
    "log": N_("Percakapan"),
    "label": N_("Pesan Anda"),
    "placeholder": N_("Tulis pesan…"),
    "send": N_("Kirim"),
    "attach": N_("Lampirkan foto, PDF atau rekaman suara"),
    "you": N_("Anda"),
    "bot": N_("Layanan"),
    "error": N_("Pesan belum terkirim. Coba lagi."),
    "too_large": N_("Berkas terlalu besar untuk dikirim."),
    "privacy": N_("Jangan kirim kata sandi atau PIN bank."),
}
GREETING = N_(
    "Halo! Tulis pertanyaan atau masalah Anda di bawah, atau ketik *menu* untuk melihat pilihan. Jika Anda "
    "dalam bahaya, tulis saja apa yang terjadi: petugas akan segera dihubungi."
)
#: The other language offered on the page: (its code, its name, the button value that switches to it).
OTHER_LANGUAGE = {"id": ("en", "English", "lang_en"), "en": ("id", "Bahasa Indonesia", "lang_id")}
#: What the file input offers (a phone's camera among them); the server checks ``ATTACHMENT_TYPES``.
ACCEPT = "image/*,application/pdf,audio/*"


def routes() -> list[BaseRoute]:
    return [
        Route("/chat", page, methods=["GET"]),
        Route("/chat/messages", messages, methods=["GET", "POST"]),
        Route("/chat/files", files, methods=["POST"]),
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
    chat_id = chat_id_of(request)
    language = (
        await asyncio.to_thread(conversation_language, chat_id) if chat_id else None
    ) or _asked_language(request)
    other_code, other_language, other_button = OTHER_LANGUAGE[language]
    with use_language(language):
        html = _templates.get_template("chat.html").render(
            lang=language,
            t={key: _(text) for key, text in CHROME.items()},
            greeting=to_html(_(GREETING), configured_short_numbers()),
            other_code=other_code,
            other_language=other_language,
            other_button=other_button,
            accept=ACCEPT,
            max_bytes=get_settings().max_attachment_bytes,
        )
    response = HTMLResponse(html)
    response.set_cookie(
        COOKIE,
        _serializer().dumps(chat_id or f"web-{secrets.token_urlsafe(16)}"),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=is_https(request.scope),  # https here, forwarded by a trusted proxy, or PUBLIC_BASE_URL
        path="/chat",
    )
    return response


def _asked_language(request: Request) -> str:
    """The language a page without a conversation is shown in: ``?lang=``, else the browser's first choice."""
    asked = request.query_params.get("lang", "")
    if asked in OTHER_LANGUAGE:
        return asked
    accepted = request.headers.get("accept-language", "").lower()
    return "en" if accepted.startswith("en") else "id"


@retry_dropped
def conversation_language(chat_id: str) -> str | None:
    """The language the conversation is held in (the person's), None before the first message."""
    with session_scope() as session:
        return session.exec(
            select(Contact.language)
            .join(Conversation, col(Conversation.contact_id) == Contact.id)
            .where(Conversation.channel == CHANNEL, Conversation.chat_id == chat_id)
        ).first()


def _language_of(request: Request, chat_id: str) -> str:
    return conversation_language(chat_id) or _asked_language(request)


async def messages(request: Request) -> Response:
    chat_id = chat_id_of(request)
    if chat_id is None:
        return JSONResponse({"error": "open /chat first"}, status_code=403)
    if request.method == "GET":
        after = row_id(request.query_params.get("after", "0"))
        if after is None:
            return JSONResponse({"error": "after must be a message id"}, status_code=400)
        return JSONResponse(await asyncio.to_thread(history, chat_id, after))
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
    return await _turn(request, inbound, after)


async def _turn(request: Request, inbound: Inbound, after: int, file: bytes | None = None) -> Response:
    """Admit the message, store its ``file`` (once admitted), run the engine on it and answer with the
    messages newer than ``after``."""
    if not await asyncio.to_thread(admit_or_pass, inbound):
        return JSONResponse(
            {"error": "too many new chats from this network", "notice": _too_many_chats(request)},
            status_code=429,
        )
    if file is not None:
        saved = await asyncio.to_thread(attachments.save, file, inbound.attachments[0])
        inbound = replace(inbound, attachments=(saved,))
    try:
        await asyncio.to_thread(handle, inbound, inline=True)
    except NotStored:  # the page says "not sent, try again" and keeps the text
        return JSONResponse({"error": "not stored, send it again"}, status_code=503)
    return JSONResponse(await asyncio.to_thread(history, inbound.chat_id, after))


async def files(request: Request) -> Response:
    """A file the person attached: the raw bytes as the body, its type as Content-Type, ``?id=&after=&name=``.
    The same checks as the other channels' media (``ATTACHMENT_TYPES``, ``MAX_ATTACHMENT_BYTES``) and the same
    storage; a refused file stores nothing and the answer says why. A cross-site form cannot send the
    ``X-Chat-Upload`` header, so it cannot post a file in someone's chat."""
    chat_id = chat_id_of(request)
    if chat_id is None:
        return JSONResponse({"error": "open /chat first"}, status_code=403)
    if not _same_origin(request) or request.headers.get("x-chat-upload") != "1":
        return JSONResponse({"error": "uploads from this site only"}, status_code=403)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    declared = request.headers.get("content-length", "")
    if not attachments.allowed(content_type, None):
        return await _refused(request, chat_id, 415)
    if not attachments.allowed(content_type, int(declared) if declared.isdigit() else None):
        return await _refused(request, chat_id, 413)
    query = request.query_params
    after = row_id(query.get("after", "0"))
    if after is None or not query.get("id"):
        return JSONResponse({"error": "expected ?id=&after="}, status_code=400)
    try:
        data = await read_limited(request, get_settings().max_attachment_bytes)
    except HTTPException:
        return await _refused(request, chat_id, 413)
    if not data:
        return JSONResponse({"error": "empty file"}, status_code=400)
    client_id = storable(query["id"])[:64]
    name = storable(query.get("name", "")).replace("\\", "/").rsplit("/", 1)[-1][:255] or None
    meta = IncomingAttachment(attachments.kind_of(content_type), f"web:{client_id}", content_type, name)
    inbound = Inbound(
        channel=CHANNEL,
        chat_id=chat_id,
        user_id=chat_id,
        channel_message_id=f"{chat_id}:{client_id}",
        attachments=(meta,),
        source=client_network(request.scope),
    )
    return await _turn(request, inbound, after, data)


async def _refused(request: Request, chat_id: str, status: int) -> Response:
    """Why a file was not taken, in the conversation's language; nothing is stored."""
    language = await asyncio.to_thread(_language_of, request, chat_id)
    megabytes = get_settings().max_attachment_bytes // (1024 * 1024)
    with use_language(language):
        if status == 415:
            notice = _("Berkas jenis ini tidak bisa diterima. Kirim foto, PDF atau rekaman suara.")
        else:
            notice = _("Berkas terlalu besar. Ukuran paling besar {megabytes} MB.").format(
                megabytes=megabytes
            )
    return JSONResponse({"error": "file refused", "notice": notice}, status_code=status)


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
    language = body.get("language")  # picked on the page; anything else is no choice
    inbound = Inbound(
        channel=CHANNEL,
        chat_id=chat_id,
        user_id=chat_id,
        text=text,
        button=button,
        channel_message_id=f"{chat_id}:{client_id}",
        source=source,
        language=language if language in OTHER_LANGUAGE else None,
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
    with use_language(_asked_language(request)):
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
def history(chat_id: str, after: int) -> dict[str, Any]:
    """The conversation's messages newer than ``after`` and its language; answers queued for it count as
    delivered now. Each message's ``html`` is its text escaped with the bot's markup rendered."""
    take_pending(CHANNEL, chat_id)
    with session_scope() as session:
        found = session.exec(
            select(Conversation, Contact.language)
            .join(Contact, col(Contact.id) == Conversation.contact_id)
            .where(Conversation.channel == CHANNEL, Conversation.chat_id == chat_id)
        ).first()
        if found is None:
            return {"messages": [], "language": None}
        conversation, language = found
        rows = session.exec(
            select(Message)
            .where(Message.conversation_id == conversation.id, col(Message.id) > after)
            .order_by(col(Message.id).desc())
            .limit(HISTORY_LIMIT)
        ).all()
        files: dict[int, list[str]] = {}
        for message_id, kind, filename in session.exec(
            select(Attachment.message_id, Attachment.kind, Attachment.filename)
            .where(col(Attachment.message_id).in_([row.id for row in rows]))
            .order_by(col(Attachment.id))
        ):
            files.setdefault(message_id, []).append(filename or kind)
    short_numbers = configured_short_numbers()
    messages = [
        {
            "id": row.id,
            "from": "person" if row.direction == "in" else "bot",
            "text": row.text,
            "html": str(to_html(row.text, short_numbers)),
            "files": files.get(row.id or 0, []),
            "buttons": [{"label": label, "value": value} for label, value in row.buttons],
        }
        for row in reversed(rows)
    ]
    return {"messages": messages, "language": language}
