"""Outbound pacing: a channel's overall rate and per-chat interval, on a controlled clock."""

from __future__ import annotations

import asyncio

from bot.config import ChannelRate
from bot.pacing import Pacer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def send_times(chats: list[str], rate: ChannelRate) -> list[float]:
    """When each message (in order, each waiting for its slot) goes out, relative to the start."""
    clock = Clock()
    pacer = Pacer(rate, clock=clock, sleep=clock.sleep)

    async def run() -> list[float]:
        times = []
        for chat in chats:
            await pacer.wait(chat)
            times.append(round(clock.now - 100.0, 3))
        return times

    return asyncio.run(run())


def test_one_chat_gets_at_most_one_message_per_interval() -> None:
    assert send_times(["a", "a", "a"], ChannelRate(messages_per_second=30, chat_interval_seconds=1)) == [
        0,
        1,
        2,
    ]


def test_other_chats_are_not_held_up_by_a_busy_chat() -> None:
    times = send_times(["a", "a", "b", "c"], ChannelRate(messages_per_second=1000, chat_interval_seconds=1))
    assert times[:2] == [0, 1]
    assert times[2] < 1.01 and times[3] < 1.01  # only the overall spacing after a's second message


def test_the_overall_rate_holds_across_chats() -> None:
    chats = [f"chat{n}" for n in range(61)]
    times = send_times(chats, ChannelRate(messages_per_second=30, chat_interval_seconds=1))
    assert times[-1] == 2.0  # 61 messages at 30 per second


def test_concurrent_sends_reserve_distinct_slots() -> None:
    """The sender delivers conversations in parallel: each caller gets its own slot before anyone sleeps."""
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(round(seconds, 3))

    pacer = Pacer(
        ChannelRate(messages_per_second=10, chat_interval_seconds=1), clock=lambda: 100.0, sleep=record
    )

    async def run() -> None:
        await asyncio.gather(*(pacer.wait(f"c{n}") for n in range(5)))

    asyncio.run(run())
    assert sorted(waits) == [0.1, 0.2, 0.3, 0.4]  # the first goes at once
