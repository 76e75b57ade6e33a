"""Telegram through python-telegram-bot: the webhook, update -> :class:`Inbound`, and the outbox adapter.

One PTB ``Application`` per worker process, built with ``.updater(None)``: we own the webhook route, the
conversation state lives in the database, and PTB is used as a typed Bot API client only. The webhook stores
each update in the inbox (deduplicated on ``update_id``) before answering 200, then processes it in the
background; replies go to the outbox and are sent by the :class:`~bot.outbox.Sender`.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import select
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, Application
from telegram.request import BaseRequest

from bot import attachments, inbox
from bot.channels.deadline import keep_running, within
from bot.channels.splitting import split_text
from bot.config import Settings, get_config
from bot.db import session_scope
from bot.engine import handle
from bot.i18n import _, use_language
from bot.markup import to_telegram
from bot.messages import Inbound, IncomingAttachment
from bot.models import Contact
from bot.outbox import DeliveryError, OutboxItem
from bot.pacing import Pacer
from bot.web.body import read_limited

log = logging.getLogger(__name__)

CHANNEL = "telegram"
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]


def keyboard(item: OutboxItem) -> InlineKeyboardMarkup | None:
    if not item.buttons:
        return None
    for button in item.buttons:
        if not 1 <= len(button.value.encode()) <= MAX_CALLBACK_DATA:
            raise DeliveryError(f"callback data over {MAX_CALLBACK_DATA} bytes", permanent=True)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(button.label, callback_data=button.value)] for button in item.buttons]
    )


def build_application(settings: Settings, request: BaseRequest | None = None) -> Application:
    """The PTB application of this process. ``request`` replaces the HTTP transport (tests)."""
    builder = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .updater(None)
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=get_config().limits.telegram.messages_per_second, overall_time_period=1
            )
        )
    )
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    return builder.build()


class TelegramChannel:
    """Webhook route, update processor and outbox adapter around one PTB application."""

    channel = CHANNEL

    def __init__(self, settings: Settings, request: BaseRequest | None = None) -> None:
        self.settings = settings
        self.application = build_application(settings, request)
        self.pacer = Pacer(get_config().limits.telegram)  # only the one active sender uses it

    @property
    def bot(self) -> Bot:
        return self.application.bot

    async def start(self) -> None:
        await self.application.initialize()

    async def stop(self) -> None:
        await self.application.shutdown()

    def routes(self) -> list[BaseRoute]:
        return [Route("/webhooks/telegram", self.webhook, methods=["POST"])]

    async def webhook(self, request: Request) -> Response:
        """Secret checked in constant time, update stored once by ``update_id``, 200, then processed."""
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "").encode()
        if not hmac.compare_digest(given, self.settings.telegram_webhook_secret.encode()):
            return Response(status_code=403)
        body = await read_limited(request)
        try:
            payload = json.loads(body)
            update_id = int(payload["update_id"])
        except (ValueError, TypeError, KeyError):
            return Response("malformed update", status_code=400)
        storing = keep_running(asyncio.to_thread(inbox.store, CHANNEL, str(update_id), payload))
        try:
            row_id = await within(storing, self.settings.webhook_answer_seconds)
        except TimeoutError:  # a locked database: answer in time; Telegram sends the update again
            storing.add_done_callback(lambda done: self._process_late(done, payload))
            return Response("not stored yet", status_code=503)
        except SQLAlchemyError:
            log.exception("could not store telegram update %s", update_id)
            return Response("not stored", status_code=503)
        if row_id is None:
            return Response(status_code=200)  # a redelivery: acknowledged, not processed again
        return Response(
            status_code=200, background=BackgroundTask(inbox.process, row_id, payload, self.process)
        )

    def _process_late(self, stored: asyncio.Task[int | None], payload: dict[str, Any]) -> None:
        """An update stored after its webhook answered is processed at once (not when Telegram retries: the
        retry finds it stored and is only acknowledged)."""
        if not stored.cancelled() and stored.exception() is None and (row_id := stored.result()) is not None:
            keep_running(inbox.process(row_id, payload, self.process))

    async def process(self, payload: dict[str, Any]) -> None:
        """Turn one stored update into an engine turn (or a reachability change); unknown types, and updates
        the Bot API library cannot read (no retry would change that), are ignored."""
        try:
            update = Update.de_json(payload, self.bot)
        except (TypeError, ValueError, KeyError, AttributeError):
            log.warning(
                "ignoring telegram update %s: not a readable Bot API update", payload.get("update_id")
            )
            return
        if update.my_chat_member is not None:
            member = update.my_chat_member
            blocked = member.new_chat_member.status in ("kicked", "left")
            await asyncio.to_thread(set_unreachable, str(member.from_user.id), blocked)
            return
        chat = update.effective_chat
        if chat is not None and chat.type != "private":
            await self._refuse_shared_chat(chat.id)
            return
        inbound = await self.inbound(update)
        if inbound is None:
            return
        if update.callback_query is not None:
            await self._answer_callback(update.callback_query.id)
        await asyncio.to_thread(handle, inbound, inline=False)

    async def inbound(self, update: Update) -> Inbound | None:
        query = update.callback_query
        if query is not None:
            if query.data is None or query.message is None:
                return None
            return Inbound(
                channel=CHANNEL,
                chat_id=str(query.message.chat.id),
                user_id=str(query.from_user.id),
                text=_button_label(query.message, query.data),
                display_name=query.from_user.full_name,
                channel_message_id=f"cb:{query.id}",
                button=query.data,
            )
        message = update.message or update.edited_message
        if message is None or message.from_user is None or message.chat is None:
            return None
        message_id = f"{message.chat.id}:{message.message_id}"
        if update.edited_message is not None:
            stamp = int(message.edit_date.timestamp()) if message.edit_date else update.update_id
            message_id += f":e{stamp}"
        return Inbound(
            channel=CHANNEL,
            chat_id=str(message.chat.id),
            user_id=str(message.from_user.id),
            text=message.text or message.caption or "",
            display_name=message.from_user.full_name,
            channel_message_id=message_id,
            attachments=tuple([await self._download(meta) for meta in _attachments(message)]),
        )

    async def _download(self, meta: IncomingAttachment) -> IncomingAttachment:
        """The file saved on disk when allowed and reachable, else its metadata and file_id only."""
        if not attachments.allowed(meta.content_type, meta.size):
            return meta
        try:
            file = await self.bot.get_file(meta.source_ref)
            data = bytes(await file.download_as_bytearray())
        except TelegramError:
            log.warning("could not download a telegram %s; keeping its file_id", meta.kind)
            return meta
        if not attachments.allowed(meta.content_type, len(data)):
            return meta
        return await asyncio.to_thread(attachments.save, data, meta)

    async def _refuse_shared_chat(self, chat_id: int) -> None:
        """A group or channel is not served: a conversation is one person's (their report, their data), and
        in a group every member would read it. Nothing of the message is stored; the group is told once per
        message where to write instead."""
        with use_language(None):
            text = _(
                "Layanan ini hanya melayani chat pribadi, supaya data Anda tidak dibaca orang lain. Silakan "
                "kirim pesan langsung ke bot ini (bukan di grup)."
            )
        try:
            await self.bot.send_message(chat_id=chat_id, text=text)
        except TelegramError:
            log.info("could not tell a group chat that groups are not served")

    async def _answer_callback(self, query_id: str) -> None:
        try:
            await self.bot.answer_callback_query(query_id)
        except TelegramError:
            log.info("answerCallbackQuery failed (expired query)")

    async def send(self, item: OutboxItem) -> str | None:
        """Send a row as HTML parts of at most 4,096 characters, buttons on the last part."""
        markup = keyboard(item)
        parts = split_text(item.text, MAX_TEXT) or ["…"]
        sent: Message | None = None
        for number, part in enumerate(parts, start=1):
            await self.pacer.wait(item.chat_id)
            try:
                sent = await self.bot.send_message(
                    chat_id=int(item.chat_id),
                    text=to_telegram(part),
                    parse_mode="HTML",
                    reply_markup=markup if number == len(parts) else None,
                )
            except Forbidden as error:
                raise DeliveryError(f"Forbidden: {error.message}", unreachable=True) from error
            except BadRequest as error:
                raise DeliveryError(f"BadRequest: {error.message}", permanent=True) from error
            except RetryAfter as error:
                raise DeliveryError(f"RetryAfter {error.retry_after}") from error
            except TelegramError as error:
                raise DeliveryError(f"{type(error).__name__}: {error.message}") from error
        assert sent is not None
        return f"{sent.chat.id}:{sent.message_id}"


def _button_label(message: Any, data: str) -> str:
    markup = getattr(message, "reply_markup", None)
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            if button.callback_data == data:
                return button.text
    return data


def _attachments(message: Message) -> list[IncomingAttachment]:
    found = []
    if message.photo:
        largest = message.photo[-1]
        found.append(IncomingAttachment("photo", largest.file_id, "image/jpeg", None, largest.file_size))
    for kind, media in (
        ("document", message.document),
        ("voice", message.voice),
        ("audio", message.audio),
        ("video", message.video),
    ):
        if media is not None:
            found.append(
                IncomingAttachment(
                    kind,
                    media.file_id,
                    media.mime_type or ("audio/ogg" if kind == "voice" else None),
                    getattr(media, "file_name", None),
                    media.file_size,
                )
            )
    return found


def set_unreachable(user_id: str, unreachable: bool) -> None:
    """The person blocked (or unblocked) the bot."""
    with session_scope() as session:
        contact = session.exec(
            select(Contact).where(Contact.channel == CHANNEL, Contact.external_id == user_id)
        ).first()
        if contact is not None:
            contact.unreachable = unreachable
            session.add(contact)
