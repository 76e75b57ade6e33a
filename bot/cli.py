"""``helpdesk``: the command line. Every command reads ``DATABASE_URL`` (default: ``helpdesk.db`` here)."""

from __future__ import annotations

import getpass
import io
import json
import logging
import os
import sys
import tempfile

import click
from sqlmodel import col, select

from bot.channels.telegram_cli import telegram_group
from bot.config import get_settings
from bot.db import get_engine, session_scope, upgrade
from bot.logs import configure_logging, log_config
from bot.models import Ticket
from bot.placement_cli import agencies_group, offers_group
from bot.privacy_cli import privacy_group
from bot.serialize import ticket_json
from desk.cli import officers as officers_group
from faq.cli import faq_group
from nlu.cli import danger_group, nlu_group


def ensure_schema() -> None:
    """Bring the database up to date (automatic, cheap when already current), and give an empty knowledge base
    the shipped FAQ."""
    from faq import store

    upgrade(get_engine())
    store.seed_if_empty()


@click.group()
def cli() -> None:
    """pmi-helpdesk: a help desk for Indonesian migrant workers and their families."""
    configure_logging(get_settings().log_level)


@cli.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations and mirror the configured queues."""
    ensure_schema()
    click.echo("database is up to date")


@cli.command()
@click.option("--user", default=None, help="Chat as this user id (default: your login name).")
@click.option("--name", default=None, help="Display name, as a channel would show it.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per input line, for scripts.")
def chat(user: str | None, name: str | None, as_json: bool) -> None:
    """Chat with the help desk as a worker, from the terminal."""
    from bot.channels import console

    logging.getLogger().setLevel(logging.WARNING)
    ensure_schema()
    user = user or f"local-{getpass.getuser()}"
    if isinstance(sys.stdin, io.TextIOWrapper):  # bytes that are not UTF-8 become U+FFFD, not a crash
        sys.stdin.reconfigure(errors="replace")
    console.run(
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

    ensure_schema()
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Latency histograms of all workers are summed from files here (see bot/web/metrics.py).
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="helpdesk-metrics-")
    uvicorn.run(
        "bot.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=get_settings().log_level.lower(),
        log_config=log_config(get_settings().log_level),  # uvicorn's loggers masked too
        proxy_headers=True,  # the client address and https as the trusted proxy saw them (cookies, throttles)
        forwarded_allow_ips=forwarded_allow_ips,
    )


cli.add_command(faq_group)
cli.add_command(danger_group)
cli.add_command(nlu_group)


@danger_group.command("export-corrections")
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-", show_default=True)
def export_corrections(output: io.TextIOWrapper) -> None:
    """Officers' "not urgent" and "urgent" corrections as corpus cases, personal data masked."""
    import yaml

    from desk.corrections import corrections

    with session_scope() as session:
        cases = corrections(session)
    output.write("# Officers' corrections of the danger reader: review, then add to nlu/corpus/\n")
    output.write(yaml.safe_dump({"cases": cases}, allow_unicode=True, sort_keys=False, width=200))


cli.add_command(telegram_group)
cli.add_command(officers_group)
cli.add_command(privacy_group)
cli.add_command(agencies_group)
cli.add_command(offers_group)


def main() -> None:
    cli()
