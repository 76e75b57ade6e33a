"""Simulated people for the soak: each follows one script over Telegram or WhatsApp through signed webhooks,
waiting for the bot's whole answer before typing on (like a person reading it), and retrying a delivery that was not
acknowledged the way Telegram and Twilio do. Every acknowledged delivery is written down for the counts."""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import count
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import text
from sqlalchemy.engine import Engine
from twilio.request_validator import RequestValidator

from tests.fakes.telegram import RecordingBotApi, text_update
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, WHATSAPP_FROM, RecordingTwilioHttpClient

TELEGRAM_SECRET = "soak-secret"
CONSENT = ["halo", "Setuju"]
SCRIPTS: dict[str, list[str]] = {
    "complaint": [
        *CONSENT,
        "menu",
        "Laporkan masalah saya",
        "Siti Aminah",
        "hongkong",
        "Kowloon",
        "Mr Chan",
        "PT Maju Jaya",
        "maret 2023",
        "Gaji tidak dibayar",
        "Gaji saya tidak dibayar sejak 3 bulan.",
        "Ya, saya aman",
        "Gaji/hak saya dibayar",
        "C1234567",
        "lewati",
        "Kirim",
    ],
    "family": [
        *CONSENT,
        "Laporkan masalah keluarga",
        "Orang tua",
        "Rina Santoso",
        "malaysia",
        "lewati",
        "lewati",
        "PT Sejahtera",
        "lewati",
        "Hilang kontak",
        "Anak saya tidak bisa dihubungi sejak dua bulan.",
        "2 bulan lalu",
        "Tidak tahu",
        "Ada kabar/bisa dihubungi lagi",
        "Budi Santoso",
        "Kirim",
    ],
    "danger": ["tolong saya dipukuli majikan", "saya di taipei taiwan", "Tidak aman", "Setuju", "saya takut"],
    "faq": [
        *CONSENT,
        "bagaimana cara perpanjang paspor",
        "berapa biaya penempatan ke taiwan",
        "terima kasih",
    ],
}
TICKETS = {"complaint": 1, "family": 1, "danger": 1, "faq": 0}  # tickets each script must leave
MIX = ["complaint", "family", "danger", "faq", "faq"]
_MESSAGE = re.compile(r"<Message>", re.S)


class CountingBotApi(RecordingBotApi):
    """The fake Bot API, also counting messages per chat (people wait for their answers)."""

    def __init__(self) -> None:
        super().__init__()
        self.per_chat: Counter[str] = Counter()

    async def do_request(self, url: str, method: str, request_data: Any = None, **timeouts: Any):  # type: ignore[no-untyped-def,override]
        answer = await super().do_request(url, method, request_data, **timeouts)
        if url.endswith("/sendMessage") and answer[0] == 200:
            self.per_chat[str(request_data.parameters["chat_id"])] += 1
        return answer


class CountingTwilio(RecordingTwilioHttpClient):
    """The fake Twilio REST API, also counting messages per recipient."""

    def __init__(self) -> None:
        super().__init__()
        self.per_chat: Counter[str] = Counter()

    async def request(self, method: str, uri: str, params=None, data=None, **kwargs):  # type: ignore[no-untyped-def,override]
        answer = await super().request(method, uri, params, data, **kwargs)
        if answer.status_code == 201:
            self.per_chat[str((data or {}).get("To"))] += 1
        return answer


@dataclass
class Ledger:
    """What the load saw: acknowledged inbound ids, TwiML answers per MessageSid, retries and replays."""

    acknowledged: dict[str, set[str]] = field(default_factory=lambda: {"telegram": set(), "whatsapp": set()})
    twiml_messages: Counter[str] = field(default_factory=Counter)  # MessageSid -> <Message> elements received
    people: Counter[str] = field(default_factory=Counter)  # script -> people
    chats: dict[str, tuple[str, str]] = field(default_factory=dict)  # chat id -> (channel, script)
    finished: set[str] = field(default_factory=set)  # chats whose script is done (the officer may answer)
    deliveries: int = 0
    retries: int = 0
    replays: int = 0
    gave_up: int = 0
    unanswered: int = 0  # messages no answer arrived for within the wait


@dataclass
class Load:
    base_url: str
    bot_api: CountingBotApi
    twilio: CountingTwilio
    ledger: Ledger
    rng: random.Random
    engine: Engine
    answer_wait: float = 90.0  # a dead worker's turns are recovered after 30 s, later on a busy machine
    replay_share: float = 0.03
    _update_ids: count = field(default_factory=lambda: count(1))  # type: ignore[type-arg]

    async def person(self, client: httpx.AsyncClient, number: int, start_delay: float) -> None:
        await asyncio.sleep(start_delay)
        script = MIX[number % len(MIX)]
        channel = "telegram" if number % 2 else "whatsapp"
        chat = str(5_000_000 + number) if channel == "telegram" else f"whatsapp:+62812{number:07d}"
        self.ledger.people[script] += 1
        self.ledger.chats[chat] = (channel, script)
        for step, typed in enumerate(SCRIPTS[script], start=1):
            if channel == "telegram":
                message_id = f"{chat}:{step}"
                update = text_update(next(self._update_ids), typed, chat=int(chat), message_id=step)
                await self._deliver_telegram(client, update, message_id)
            else:
                message_id = f"SM{number:016d}{step:016d}"
                await self._deliver_whatsapp(client, self._whatsapp_form(message_id, chat, typed), message_id)
            await self._await_answer(channel, chat, message_id)
            await asyncio.sleep(self.rng.uniform(0.1, 0.5))  # reading and typing
        self.ledger.finished.add(chat)

    def _answers(self, channel: str, chat: str) -> int:
        """Answers this person has received so far (fake servers, plus TwiML for WhatsApp)."""
        if channel == "telegram":
            return self.bot_api.per_chat[chat]
        return self.twilio.per_chat[chat] + self.ledger.twiml_messages[chat]

    async def _await_answer(self, channel: str, chat: str, message_id: str) -> None:
        """Wait until the message's turn is done and everything the bot has written to this chat has arrived.

        A person reads the whole answer before typing on. Watching the arrivals alone cannot tell where an
        answer ends once a killed worker's sender or turn is taken over seconds later (the rest of one answer
        would be taken for the answer to the next message), so the harness asks the database what was written."""
        deadline = asyncio.get_running_loop().time() + self.answer_wait
        while True:
            processed, written = await asyncio.to_thread(self._turn_state, channel, chat, message_id)
            if processed and self._answers(channel, chat) >= written:
                return
            if asyncio.get_running_loop().time() > deadline:
                self.ledger.unanswered += 1
                return
            await asyncio.sleep(0.3)

    def _turn_state(self, channel: str, chat: str, message_id: str) -> tuple[bool, int]:
        """Whether the message's turn has committed, and how many messages the bot has written to the chat."""
        with self.engine.connect() as connection:
            row = connection.execute(
                text(
                    "SELECT count(*) FILTER (WHERE m.direction = 'in' AND m.channel_message_id = :id), "
                    "count(*) FILTER (WHERE m.direction = 'out') "
                    "FROM message m JOIN conversation c ON c.id = m.conversation_id "
                    "WHERE c.channel = :channel AND c.chat_id = :chat"
                ),
                {"id": message_id, "channel": channel, "chat": chat},
            ).one()
        return bool(row[0]), int(row[1])

    async def _deliver_telegram(self, client: httpx.AsyncClient, update: dict[str, Any], ref: str) -> None:
        headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
        response = await self._post(client, "/webhooks/telegram", headers=headers, json=update)
        if response is not None:
            self.ledger.acknowledged["telegram"].add(ref)

    async def _deliver_whatsapp(self, client: httpx.AsyncClient, form: dict[str, str], sid: str) -> None:
        url = self.base_url + "/webhooks/whatsapp"
        headers = {
            "X-Twilio-Signature": RequestValidator(AUTH_TOKEN).compute_signature(url, form),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        response = await self._post(client, "/webhooks/whatsapp", headers=headers, content=urlencode(form))
        if response is not None:
            self.ledger.acknowledged["whatsapp"].add(sid)
            self.ledger.twiml_messages[form["From"]] += len(_MESSAGE.findall(response.text))
            self.ledger.twiml_messages["sid:" + sid] += len(_MESSAGE.findall(response.text))

    async def _post(self, client: httpx.AsyncClient, path: str, **request: Any) -> httpx.Response | None:
        """Deliver until acknowledged with 200, retrying with growing pauses like Telegram and Twilio; a few
        acknowledged Telegram updates are sent once more (a redelivered update must not be processed again;
        Twilio redelivers only what got no answer, and that answer is repeated, so it is not replayed here)."""
        for attempt in range(10):
            self.ledger.deliveries += 1
            try:
                response = await client.post(self.base_url + path, **request)
            except httpx.HTTPError:
                response = None
            if response is not None and response.status_code == 200:
                if path.endswith("telegram") and self.rng.random() < self.replay_share:
                    self.ledger.replays += 1
                    await self._replay(client, path, request)
                return response
            self.ledger.retries += 1
            await asyncio.sleep(min(2**attempt * 0.5, 8) * self.rng.uniform(0.8, 1.2))
        self.ledger.gave_up += 1
        return None

    async def _replay(self, client: httpx.AsyncClient, path: str, request: dict[str, Any]) -> None:
        self.ledger.deliveries += 1
        with contextlib.suppress(httpx.HTTPError):  # its answer does not matter: it must not be processed
            await client.post(self.base_url + path, **request)

    def _whatsapp_form(self, sid: str, sender: str, text: str) -> dict[str, str]:
        return {
            "MessageSid": sid,
            "AccountSid": ACCOUNT_SID,
            "From": sender,
            "To": WHATSAPP_FROM,
            "Body": text,
            "NumMedia": "0",
            "ProfileName": "Soak",
            "WaId": sender.removeprefix("whatsapp:+"),
        }


async def run_people(load: Load, people: int, ramp_seconds: float) -> None:
    """All people, started over ``ramp_seconds``, sharing one connection pool (like Telegram's servers)."""
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
    async with httpx.AsyncClient(limits=limits, timeout=20) as client:
        await asyncio.gather(
            *(load.person(client, n, load.rng.uniform(0, ramp_seconds)) for n in range(people))
        )
