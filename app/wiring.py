"""Plugs the flows and the FAQ seed into the runtime (:mod:`bot.hooks`); every entry point calls
:func:`install` before any work: the command line, the web application, the test suite and the benchmarks.

Both are handed over as small functions that import their module when first called, so ``helpdesk --help`` and
commands that neither touch the database nor answer a message load neither the flows nor the knowledge base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot import hooks

if TYPE_CHECKING:
    from bot.turn import Turn


def install() -> None:
    hooks.answer_with(respond)
    hooks.after_upgrade(seed_faq)


def respond(turn: Turn) -> None:
    """:func:`handlers.router.respond`, looked up at each turn (a test may replace a flow in the router)."""
    from handlers import router

    router.respond(turn)


def seed_faq() -> None:
    """An empty knowledge base gets the shipped FAQ, once the schema is current."""
    from faq import store

    store.seed_if_empty()
