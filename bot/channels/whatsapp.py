"""WhatsApp through Twilio: the signed webhooks (messages and delivery status) and the outbox adapter.

The immediate answer goes back as TwiML in the webhook's own response: the engine runs inside the request
(inline), which saves a REST call per reply and answers in one round trip; a turn takes milliseconds. What
takes longer than ``WEBHOOK_ANSWER_SECONDS`` (a slow media download, a locked database) goes on after the
webhook has answered within Twilio's 15-second timeout, and its replies go through the outbox instead
(:class:`~bot.channels.deadline.InlineWindow`). The form is stored in the inbox (deduplicated on ``MessageSid``) first,
so a worker that dies mid-turn leaves a pending row that :class:`~bot.inbox.InboxRecovery` processes
later, with the replies then sent through the outbox. A redelivered ``MessageSid`` gets an empty TwiML answer and
is not processed again; it gets the first answer again (Twilio delivers again only when no answer came).

Everything sent later (an officer's answer, recovered turns) goes through the outbox and the REST API with
``create_async``. Outside WhatsApp's 24-hour window free text is refused, so such a message is held and the
configured content template ("you have a new answer, reply to read it") is sent instead; the held messages are
released when the person writes again.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from typing import Any
from urllib.parse import parse_qsl

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from twilio.base.exceptions import TwilioRestException
from twilio.http import AsyncHttpClient
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.messaging_response import MessagingResponse

from bot import attachments, inbox
from bot.channels.deadline import InlineWindow, keep_running, within
from bot.channels.rendering import render
from bot.channels.splitting import split_text
from bot.clock import utcnow
from bot.config import Settings, get_config
from bot.db import retry_dropped, session_scope
from bot.engine import Inline, NotStored, handle
from bot.messages import Button, Inbound, IncomingAttachment, Outbound
from bot.models import Message
from bot.outbox import DeliveryError, Held, OutboxItem, record_held_by_sid, release_held
from bot.pacing import Pacer
from bot.reply_window import outside_window
from bot.web.body import read_limited

log = logging.getLogger(__name__)

CHANNEL = "whatsapp"
STATUS_EVENTS = "whatsapp-status"
MAX_BODY = 1600
OUTSIDE_WINDOW = 63016
STATUS_RANK = {"queued": 0, "sending": 0, "sent": 1, "delivered": 2, "read": 3}
TWIML = "application/xml"
MAX_REDIRECTS = 5


class WhatsAppChannel:
    """Webhook routes, inbox processor and outbox adapter around one Twilio REST client."""

    channel = CHANNEL

    def __init__(self, settings: Settings, http_client: AsyncHttpClient | None = None) -> None:
        self.settings = settings
        self.validator = RequestValidator(settings.twilio_auth_token)
        self.client = Client(settings.twilio_account_sid, settings.twilio_auth_token, http_client=http_client)
        self._own_http_client = http_client is None
        self.pacer = Pacer(get_config().limits.whatsapp)  # only the one active sender uses it
        if settings.twilio_api_base_url:
            self.client.api.base_url = settings.twilio_api_base_url.rstrip("/")

    async def start(self) -> None:
        """Open the asynchronous HTTP client (its aiohttp session needs the running event loop)."""
        if self._own_http_client:
            self.client.http_client = AsyncTwilioHttpClient(timeout=30)

    async def stop(self) -> None:
        session = getattr(self.client.http_client, "session", None) if self._own_http_client else None
        if session is not None:
            await session.close()

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/webhooks/whatsapp", self.webhook, methods=["POST"]),
            Route("/webhooks/whatsapp/status", self.status_webhook, methods=["POST"]),
        ]

    async def _signed_form(self, request: Request) -> dict[str, str] | Response:
        """The form fields when the signature matches the public URL Twilio called, else a 4xx response."""
        body = await read_limited(request)
        try:
            params = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body)))
        except (UnicodeDecodeError, ValueError):
            return Response("malformed form", status_code=400)
        url = self.settings.public_url(request.url.path)
        if request.url.query:
            url += "?" + request.url.query
        if not self.validator.validate(url, params, request.headers.get("X-Twilio-Signature", "")):
            return Response(status_code=403)
        return params

    async def webhook(self, request: Request) -> Response:
        params = await self._signed_form(request)
        if isinstance(params, Response):
            return params
        if not params.get("MessageSid") or not params.get("From"):
            return Response("MessageSid and From are required", status_code=400)
        window = InlineWindow(self.settings.webhook_answer_seconds)
        work = keep_running(self._receive(params, window))
        try:
            return await within(work, window.remaining())
        except TimeoutError:
            if not window.close():
                return await work  # the turn stored its replies as this answer and is committing
            log.warning("whatsapp message %s answered before its turn ended", params["MessageSid"])
            if window.stored:  # the turn goes on; its replies go through the outbox
                return twiml([])
            return Response("not stored yet", status_code=503)  # stored later, it is processed then

    async def _receive(self, params: dict[str, str], window: InlineWindow) -> Response:
        """Store the delivery once, run its turn, and answer with the replies still inline in ``window``."""
        try:
            row_id = await asyncio.to_thread(inbox.store, CHANNEL, params["MessageSid"], params)
        except SQLAlchemyError:
            log.exception("could not store whatsapp message %s", params["MessageSid"])
            return Response("not stored", status_code=503)
        window.stored = True
        if (
            row_id is None
        ):  # a redelivery: not processed again, the first answer repeated (see answered_inline)
            return twiml(await asyncio.to_thread(answered_inline, params["MessageSid"]))
        try:
            replies = await self.turn(params, inline=window, inbox_id=row_id)
        except NotStored:  # the inbox row stays pending: processed again later
            return Response("not stored", status_code=503)
        return twiml(replies if window.answered_inline else [])

    async def process(self, params: dict[str, Any]) -> None:
        """The inbox processor for rows a crashed worker left: replies go out through the outbox."""
        await self.turn(params, inline=False)

    async def turn(
        self, params: dict[str, Any], *, inline: Inline, inbox_id: int | None = None
    ) -> list[Outbound]:
        """One engine turn, then (one transaction) release what was held for this person and mark the inbox
        row ``inbox_id`` done."""
        inbound = await self.inbound(params)
        return await asyncio.to_thread(_answer, inbound, inline, inbox_id)

    async def inbound(self, params: dict[str, Any]) -> Inbound:
        sender = params["From"]
        return Inbound(
            channel=CHANNEL,
            chat_id=sender,
            user_id=params.get("WaId") or sender,
            text=params.get("Body", ""),
            display_name=params.get("ProfileName") or None,
            channel_message_id=params["MessageSid"],
            attachments=await self._attachments(params),
        )

    async def _attachments(self, params: dict[str, Any]) -> tuple[IncomingAttachment, ...]:
        """The message's media, downloaded within ``MEDIA_DOWNLOAD_SECONDS`` in all; an item not in by then
        is kept as its reference."""
        deadline = asyncio.get_running_loop().time() + self.settings.media_download_seconds
        items = []
        for number in range(_count(params.get("NumMedia"))):
            url = params.get(f"MediaUrl{number}", "")
            content_type = params.get(f"MediaContentType{number}")
            meta = IncomingAttachment(attachments.kind_of(content_type), url, content_type)
            try:
                async with asyncio.timeout_at(deadline):
                    items.append(await self._media(meta))
            except TimeoutError:
                log.warning("whatsapp media download took too long; keeping its URL")
                items.append(meta)
        return tuple(items)

    async def _media(self, meta: IncomingAttachment) -> IncomingAttachment:
        """One media item, downloaded when it is on Twilio's hosts and of an allowed type."""
        url = meta.source_ref or ""
        if not url or not attachments.allowed(meta.content_type, None):
            return meta
        try:
            if not self._twilio_origin(httpx.URL(url)):
                log.warning("not fetching a whatsapp media item from a host that is not Twilio's")
                return meta
            data = await self._download(httpx.URL(url))
        except (httpx.HTTPError, httpx.InvalidURL):  # InvalidURL ("http://[::1") is not an HTTPError
            log.warning("could not download a whatsapp media item; keeping its URL")
            return meta
        if data is None or not attachments.allowed(meta.content_type, len(data)):
            return meta
        return await asyncio.to_thread(attachments.save, data, meta)

    def _twilio_origin(self, url: httpx.URL) -> bool:
        """Twilio's own hosts over https, or the configured Twilio-compatible API's origin: the only places
        media is fetched from and the account's credentials are sent to. A signed webhook names the media
        URL, but a URL may name any host, 127.0.0.1 and the cloud's metadata service included."""
        host = (url.host or "").lower()
        if url.scheme == "https" and (host == "twilio.com" or host.endswith(".twilio.com")):
            return True
        if not self.settings.twilio_api_base_url:
            return False
        base = httpx.URL(self.settings.twilio_api_base_url)
        return (url.scheme, host, url.port) == (base.scheme, (base.host or "").lower(), base.port)

    def _media_auth(self, url: httpx.URL) -> tuple[str, str] | None:
        trusted = self._twilio_origin(url)
        return (self.settings.twilio_account_sid, self.settings.twilio_auth_token) if trusted else None

    async def _download(self, url: httpx.URL) -> bytes | None:
        """The media's bytes (None past ``MAX_ATTACHMENT_BYTES``). Redirects (Twilio's go to its CDN) are
        followed here, each to Twilio or to a public https host only, never to a private or loopback
        address; the credentials go to Twilio's hosts only."""
        async with httpx.AsyncClient(follow_redirects=False, timeout=30) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                async with client.stream("GET", url, auth=self._media_auth(url)) as response:
                    if not response.is_redirect:
                        response.raise_for_status()
                        return await _read_at_most(response, self.settings.max_attachment_bytes)
                    url = response.url.join(response.headers["location"])
                if not (self._twilio_origin(url) or await _public_https(url)):
                    log.warning("not following a whatsapp media redirect to a private or plain-http address")
                    return None
        log.warning("whatsapp media redirected more than %s times", MAX_REDIRECTS)
        return None

    async def status_webhook(self, request: Request) -> Response:
        """Delivery state of a message we sent, deduplicated on (MessageSid, MessageStatus)."""
        params = await self._signed_form(request)
        if isinstance(params, Response):
            return params
        sid, status = params.get("MessageSid", ""), params.get("MessageStatus", "")
        if not sid or not status:
            return Response("MessageSid and MessageStatus are required", status_code=400)
        row_id = await asyncio.to_thread(inbox.store, STATUS_EVENTS, f"{sid}:{status}", params)
        if row_id is not None:
            await asyncio.to_thread(self.record_status, sid, status, params.get("ErrorCode"))
            await asyncio.to_thread(inbox.mark, row_id, "done")
        return Response(status_code=204)

    @retry_dropped
    def record_status(self, sid: str, status: str, error_code: str | None) -> None:
        if status in ("failed", "undelivered") and error_code == str(OUTSIDE_WINDOW):
            record_held_by_sid(CHANNEL, sid, self.settings.twilio_reply_template_sid or None)
            return
        with session_scope() as session:
            message = session.exec(
                select(Message).where(
                    Message.channel == CHANNEL, Message.direction == "out", Message.channel_message_id == sid
                )
            ).first()
            if message is None:
                return
            if status in ("failed", "undelivered"):
                message.status, message.error = "failed", f"{status} {error_code or ''}".strip()
            elif STATUS_RANK.get(status, -1) > STATUS_RANK.get(message.status, -1):
                message.status = status  # never downgrade: callbacks may arrive out of order
            session.add(message)

    async def send(self, item: OutboxItem) -> str | None:
        """A template notice, or the text with numbered options in parts of at most 1,600 characters."""
        if item.template:
            return await self._create(to=item.chat_id, content_sid=item.template)
        if outside_window(CHANNEL, item.last_inbound_at, utcnow()):
            raise Held(self.settings.twilio_reply_template_sid or None)
        sid = None
        for part in split_text(render(Outbound(item.text, item.buttons)), MAX_BODY):
            sid = await self._create(to=item.chat_id, body=part)
        return sid

    async def _create(self, *, to: str, **fields: str) -> str | None:
        await self.pacer.wait(to)
        try:
            message = await self.client.messages.create_async(
                from_=self.settings.twilio_whatsapp_from,
                to=to,
                status_callback=self.settings.public_url("/webhooks/whatsapp/status"),
                **fields,
            )
        except TwilioRestException as error:
            if error.code == OUTSIDE_WINDOW:
                raise Held(self.settings.twilio_reply_template_sid or None) from error
            transient = error.status == 429 or error.status >= 500
            raise DeliveryError(f"Twilio {error.status} {error.code}", permanent=not transient) from error
        except (TimeoutError, OSError) as error:
            raise DeliveryError(type(error).__name__) from error
        return message.sid


def _answer(inbound: Inbound, inline: Inline, inbox_id: int | None) -> list[Outbound]:
    replies = handle(inbound, inline=inline)
    _after_turn(inbound.chat_id, inbox_id)
    return replies


@retry_dropped  # the turn may have run on a fresh connection while this one was dropped with the rest
def _after_turn(chat_id: str, inbox_id: int | None) -> None:
    with session_scope() as session:
        release_held(session, CHANNEL, chat_id)
        if inbox_id is not None:
            inbox.mark(inbox_id, "done", session=session)


@retry_dropped
def answered_inline(sid: str) -> list[Outbound]:
    """The replies a turn stored as sent in its TwiML answer. Twilio delivers again only when it got no answer,
    e.g. the worker died after the turn committed and before the response left: without repeating them the
    person would never see those replies. (While the first turn is unfinished there are none yet; a turn
    that died uncommitted is processed again by the inbox recovery, its replies sent through the outbox.)"""
    inbound_id = select(Message.id).where(
        Message.channel == CHANNEL, Message.direction == "in", Message.channel_message_id == sid
    )
    with session_scope() as session:
        rows = session.exec(
            select(Message)
            .where(
                col(Message.reply_to_id).in_(inbound_id.scalar_subquery()),
                col(Message.channel_message_id).is_(None),
                col(Message.status) == "sent",
            )
            .order_by(col(Message.id))
        ).all()
        return [
            Outbound(row.text, tuple(Button(label, value) for label, value in row.buttons)) for row in rows
        ]


def twiml(replies: list[Outbound]) -> Response:
    response = MessagingResponse()
    for reply in replies:
        for part in split_text(render(reply), MAX_BODY):
            response.message(part)
    return Response(str(response), media_type=TWIML)


async def _read_at_most(response: httpx.Response, limit: int) -> bytes | None:
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def _public_https(url: httpx.URL) -> bool:
    """Whether ``url`` is https and its host resolves to public addresses only (not loopback, private,
    link-local such as 169.254.169.254, or reserved)."""
    if url.scheme != "https" or not url.host:
        return False
    try:
        found = await asyncio.get_running_loop().getaddrinfo(
            url.host, url.port or 443, type=socket.SOCK_STREAM
        )
    except OSError:
        return False
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    return bool(addresses) and all(address.is_global for address in addresses)


def _count(value: str | None) -> int:
    return min(int(value), 10) if value and value.isdigit() else 0
