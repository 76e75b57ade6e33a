"""``helpdesk``: the command line. Every command reads ``DATABASE_URL`` (default: ``helpdesk.db`` here).

A command imports what it needs when it runs, so ``helpdesk --help`` and one ``helpdesk chat`` turn start
quickly (figures: ``benchmarks/startup.py``); keep imports at the top of this module to the standard library
and click. Command groups defined elsewhere are listed in :data:`COMMANDS` and imported only when used.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile

import click

from bot.lazy_group import Lazy, LazyGroup

# A new command group: one line here, its help the first line of the group's docstring (tests check both).
COMMANDS = {
    "danger": Lazy(
        "app.danger_cli:danger_group", "The danger reader: rules and a model learned from nlu/corpus/."
    ),
    "faq": Lazy(
        "faq.cli:faq_group", "Frequently asked questions: matching, evaluation, knowledge-base checks."
    ),
    "officers": Lazy("desk.cli:officers", "Officer console accounts."),
    "privacy": Lazy(
        "bot.privacy_cli:privacy_group", "Personal data: export, erasure, key rotation (UU 27/2022 PDP)."
    ),
    "telegram": Lazy(
        "bot.channels.telegram_cli:telegram_group", "Telegram: webhook registration and local long polling."
    ),
    "nlu": Lazy("nlu.cli:nlu_group", "The understanding reader: intents and entities of a message."),
    "agencies": Lazy(
        "bot.placement_cli:agencies_group",
        "Licensed recruitment agencies (P3MI): the register the bot checks names against.",
    ),
    "offers": Lazy(
        "bot.placement_cli:offers_group",
        "The job-offer check: warning signs of illegal placement in a pasted advertisement.",
    ),
}


def _log_level() -> str:
    from bot.config import get_settings

    return get_settings().log_level


@click.group(cls=LazyGroup, lazy=COMMANDS)
def cli() -> None:
    """pmi-helpdesk: a help desk for Indonesian migrant workers and their families."""
    from app import wiring
    from bot.logs import configure_logging

    wiring.install()
    configure_logging(_log_level())


@cli.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations and mirror the configured queues."""
    from bot.db import ensure_schema

    ensure_schema()
    click.echo("database is up to date")


@cli.command()
@click.option("--user", default=None, help="Chat as this user id (default: your login name).")
@click.option("--name", default=None, help="Display name, as a channel would show it.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per input line, for scripts.")
def chat(user: str | None, name: str | None, as_json: bool) -> None:
    """Chat with the help desk as a worker, from the terminal."""
    import getpass
    import logging

    logging.getLogger().setLevel(logging.WARNING)  # before the imports: some libraries log as they load
    from bot.channels import terminal
    from bot.db import ensure_schema

    ensure_schema()
    user = user or f"local-{getpass.getuser()}"
    if isinstance(sys.stdin, io.TextIOWrapper):  # bytes that are not UTF-8 become U+FFFD, not a crash
        sys.stdin.reconfigure(errors="replace")
    terminal.run(
        sys.stdin,
        sys.stdout,
        user=user,
        name=name,
        as_json=as_json,
        prompt=not as_json and sys.stdin.isatty(),
    )


@cli.group()
def tickets() -> None:
    """Tickets in the staff queues."""


@tickets.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of ticket objects.")
@click.option("--status", default=None)
@click.option("--queue", default=None)
def tickets_list(as_json: bool, status: str | None, queue: str | None) -> None:
    """List tickets, newest first."""
    from sqlmodel import col, select

    from bot.db import ensure_schema, session_scope
    from bot.models import Ticket
    from bot.serialize import ticket_json

    ensure_schema()
    with session_scope() as session:
        query = select(Ticket).order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc())
        if status:
            query = query.where(Ticket.status == status)
        if queue:
            query = query.where(Ticket.queue == queue)
        rows = [ticket_json(session, ticket) for ticket in session.exec(query)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        flag = "URGENT " if row["urgent"] else ""
        click.echo(
            f"{row['ref']}  {flag}{row['status']:<20} {row['queue']:<14} {row['category']:<20} "
            f"{row['worker']['name'] or '-'}"
        )


@tickets.command("show")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True)
def tickets_show(ref: str, as_json: bool) -> None:
    """Show one ticket by its reference."""
    from bot.db import ensure_schema, session_scope
    from bot.serialize import ticket_json
    from bot.tickets import find_by_ref

    ensure_schema()
    with session_scope() as session:
        ticket = find_by_ref(session, ref)
        if ticket is None:
            raise click.ClickException(f"no ticket {ref}")
        row = ticket_json(session, ticket)
    click.echo(json.dumps(row, ensure_ascii=False, indent=2))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers", default=1, show_default=True, type=int, help="Worker processes (use PostgreSQL for >1)."
)
@click.option(
    "--forwarded-allow-ips",
    default=None,
    help="Proxies whose X-Forwarded-For/-Proto are believed (default: $FORWARDED_ALLOW_IPS or 127.0.0.1).",
)
def serve(host: str, port: int, workers: int, forwarded_allow_ips: str | None) -> None:
    """Serve webhooks, the web chat, the officer console, /healthz and /metrics."""
    import uvicorn

    from bot.db import ensure_schema
    from bot.logs import log_config

    ensure_schema()
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Latency histograms of all workers are summed from files here (see bot/web/metrics.py).
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="helpdesk-metrics-")
    uvicorn.run(
        "app.web:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=_log_level().lower(),
        log_config=log_config(_log_level()),  # uvicorn's loggers masked too
        proxy_headers=True,  # the client address and https as the trusted proxy saw them (cookies, throttles)
        forwarded_allow_ips=forwarded_allow_ips,
    )


def main() -> None:
    cli()
