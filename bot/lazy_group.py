"""A click group whose subcommands live in other modules and are imported only when one of them runs.

``helpdesk --help`` and ``helpdesk chat`` would otherwise import the Telegram library, the FAQ matcher, the
officer console and the danger reader's training code before doing anything. Each lazy command is named in a
table with the module that defines it and its one-line help, so the list of commands costs no import; the
test of the command line checks that each line of help is the command's own.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import click


@dataclass(frozen=True)
class Lazy:
    """``target`` is ``"module:attribute"``, the attribute a :class:`click.Command`; ``help`` its first line."""

    target: str
    help: str


class LazyGroup(click.Group):
    def __init__(self, *args: Any, lazy: Mapping[str, Lazy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            self.add_command(load(self.lazy[cmd_name].target), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list in ``--help``, as click writes it, with the lazy commands described from the table."""
        names = [
            name for name in self.list_commands(ctx) if name in self.lazy or not self.commands[name].hidden
        ]
        if not names:
            return
        limit = formatter.width - 6 - max(map(len, names))
        rows = [
            (
                name,
                self.lazy[name].help
                if name not in self.commands
                else self.commands[name].get_short_help_str(limit),
            )
            for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def load(target: str) -> click.Command:
    module_name, _, attribute = target.partition(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{target} is not a click command")
    return command
