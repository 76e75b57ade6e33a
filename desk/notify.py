"""Push staff notices (new urgent tickets, escalations) to the configured staff Telegram group."""

from __future__ import annotations

import logging

import httpx
from sqlmodel import col, select

from bot.clock import utcnow
from bot.config import get_settings
from bot.db import session_scope
from bot.models import StaffNotice

log = logging.getLogger(__name__)
DEFAULT_API = "https://api.telegram.org"


def push_pending(client: httpx.Client | None = None) -> int:
    """Send notices not yet pushed; returns how many were sent. Does nothing unless configured."""
    settings = get_settings()
    if not (settings.staff_telegram_chat_id and settings.staff_telegram_bot_token):
        return 0
    base = (settings.telegram_api_base_url or DEFAULT_API).rstrip("/")
    url = f"{base}/bot{settings.staff_telegram_bot_token}/sendMessage"
    sent = 0
    with session_scope() as db, client or httpx.Client(timeout=10) as http:
        rows = db.exec(
            select(StaffNotice)
            .where(col(StaffNotice.pushed_at).is_(None))
            .order_by(col(StaffNotice.id))
            .limit(20)
        ).all()
        for row in rows:
            try:
                response = http.post(url, json={"chat_id": settings.staff_telegram_chat_id, "text": row.text})
                response.raise_for_status()
            except httpx.HTTPError as error:
                log.warning("staff notice %s not pushed: %s", row.id, type(error).__name__)
                break
            row.pushed_at = utcnow()
            db.add(row)
            sent += 1
    return sent
