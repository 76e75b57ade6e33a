"""A recording Bot API transport for python-telegram-bot: every call is recorded and answered like Telegram."""

from __future__ import annotations

import json
from itertools import count
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 777, "is_bot": True, "first_name": "Helpdesk", "username": "pmi_helpdesk_bot"}


class RecordingBotApi(BaseRequest):
    """Pass as ``request`` to the application builder. ``calls`` holds (method, parameters); ``files`` maps a
    file_id to the bytes ``getFile`` + download return; ``errors`` maps a method to (code, description)
    answers given once each, before the normal ones."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.files: dict[str, bytes] = {}
        self.errors: dict[str, list[tuple[int, str]]] = {}
        self.updates: list[dict[str, Any]] = []
        self._ids = count(1000)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float:
        return 1.0

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [parameters for name, parameters in self.calls if name == method]

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_timeouts: Any
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:  # a file download
            return 200, self.files[url.rsplit("/", 1)[-1]]
        name = url.rsplit("/", 1)[-1]
        parameters = dict(request_data.parameters) if request_data else {}
        self.calls.append((name, parameters))
        if self.errors.get(name):
            code, description = self.errors[name].pop(0)
            return code, json.dumps({"ok": False, "error_code": code, "description": description}).encode()
        return 200, json.dumps({"ok": True, "result": self._result(name, parameters)}).encode()

    def _result(self, name: str, parameters: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT_USER
        if name == "sendMessage":
            return {
                "message_id": next(self._ids),
                "date": 0,
                "chat": {"id": int(parameters["chat_id"]), "type": "private"},
                "text": parameters["text"],
            }
        if name == "getFile":
            file_id = parameters["file_id"]
            return {"file_id": file_id, "file_unique_id": "u" + file_id, "file_path": f"files/{file_id}"}
        if name == "getUpdates":
            updates, self.updates = self.updates, []
            return updates
        return True


def text_update(
    update_id: int, text: str, *, chat: int = 42, message_id: int | None = None
) -> dict[str, Any]:
    """A private-chat text message update as Telegram posts it."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": message_id or update_id,
            "date": 1_760_000_000,
            "chat": {"id": chat, "type": "private", "first_name": "Siti"},
            "from": {"id": chat, "is_bot": False, "first_name": "Siti", "last_name": "Aminah"},
            "text": text,
        },
    }
