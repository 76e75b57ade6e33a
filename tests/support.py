"""Helpers for tests that chat with the engine."""

from __future__ import annotations

from itertools import count

from sqlalchemy import text

from bot.db import make_engine
from bot.engine import handle
from bot.messages import Inbound, IncomingAttachment, Outbound

_ids = count(1)


class Chat:
    """One person chatting on one channel. ``send`` returns the replies; ``last`` is the newest one."""

    def __init__(self, user: str = "worker-1", channel: str = "console", name: str | None = "Siti") -> None:
        self.user, self.channel, self.name = user, channel, name
        self.replies: list[Outbound] = []

    def send(
        self,
        text: str = "",
        *,
        button: str | None = None,
        message_id: str | None = None,
        attachments: tuple[IncomingAttachment, ...] = (),
    ) -> list[Outbound]:
        inbound = Inbound(
            channel=self.channel,
            chat_id=self.user,
            user_id=self.user,
            text=text,
            display_name=self.name,
            button=button,
            channel_message_id=message_id or f"m{next(_ids)}",
            attachments=attachments,
        )
        self.replies = handle(inbound)
        return self.replies

    @property
    def last(self) -> Outbound:
        return self.replies[-1]

    @property
    def text(self) -> str:
        """All reply texts of the last turn, joined."""
        return "\n".join(reply.text for reply in self.replies)

    def buttons(self) -> list[str]:
        return [button.label for reply in self.replies for button in reply.buttons]

    def press(self, label: str) -> list[Outbound]:
        """Press the button labelled ``label`` offered in the last turn."""
        for reply in reversed(self.replies):
            for button in reply.buttons:
                if button.label == label:
                    return self.send(label, button=button.value)
        raise AssertionError(f"no button {label!r} in {self.buttons()}")

    def consent(self) -> None:
        self.send("halo")
        self.press("Setuju")


def drop_every_other_connection(database_url: str) -> None:
    """The database server ends every session of the test database but this one (the pooled ones included),
    as a restart or a failover would. PostgreSQL only."""
    outsider = make_engine(database_url)
    with outsider.begin() as connection:
        ended = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    outsider.dispose()
    assert ended >= 1
