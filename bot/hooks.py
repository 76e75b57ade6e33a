"""What the runtime is handed instead of importing it: the function that decides each turn (the flows,
:func:`handlers.router.respond`) and the steps that seed data once the schema is current (the shipped FAQ).

``bot`` is the floor the flows, the console and the front ends stand on, so it imports none of them; the
composition root (:func:`app.wiring.install`) plugs them in here before any work. Standard library only: the
command line plugs them in before it knows whether a command will touch the database or answer a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.turn import Turn

Respond = Callable[["Turn"], None]
"""Decides one turn: reads ``turn.inbound`` and the conversation, adds replies, moves the state."""

_respond: Respond | None = None
_after_upgrade: list[Callable[[], object]] = []


def answer_with(respond: Respond) -> None:
    """Make ``respond`` the function :func:`bot.engine.handle` calls for every turn."""
    global _respond
    _respond = respond


def responder() -> Respond:
    """The function given by :func:`answer_with`; a runtime started without the composition root has none."""
    if _respond is None:
        raise RuntimeError("no respond function: app.wiring.install() hands the runtime its flows first")
    return _respond


def after_upgrade(step: Callable[[], object]) -> None:
    """Run ``step`` each time :func:`bot.db.ensure_schema` has brought the schema up to date (registering the
    same step again changes nothing)."""
    if step not in _after_upgrade:
        _after_upgrade.append(step)


def seeding_steps() -> tuple[Callable[[], object], ...]:
    return tuple(_after_upgrade)
