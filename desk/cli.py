"""``helpdesk officers``: console accounts from the command line (add, passwd, disable, demo)."""

from __future__ import annotations

import secrets
import sys

import click
from sqlmodel import Session, select

from bot.config import get_config
from bot.db import session_scope
from bot.models import Officer
from desk import auth
from desk.canned import seed_demo_answers
from desk.permissions import ROLES


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _queues(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = set(names) - set(get_config().queues)
    if unknown:
        raise click.BadParameter(
            f"unknown queues {sorted(unknown)}; configured: {sorted(get_config().queues)}"
        )
    return names


def _ensure_schema() -> None:
    from bot.db import ensure_schema

    ensure_schema()


@click.group("officers")
def officers() -> None:
    """Officer console accounts."""


@officers.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="officer", show_default=True)
@click.option("--queues", default="", help="Comma-separated queue names (admins see all queues).")
@click.option("--name", "display_name", default=None, help="Name shown to colleagues (default: USERNAME).")
@click.option("--language", type=click.Choice(["id", "en"]), default="id", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def add(
    username: str, role: str, queues: str, display_name: str | None, language: str, password_stdin: bool
) -> None:
    """Create an officer account."""
    _ensure_schema()
    queue_names = _queues(queues)
    try:
        password_hash = auth.hash_password(_password(password_stdin))
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    username = username.strip().lower()
    with session_scope() as db:
        if db.exec(select(Officer).where(Officer.username == username)).first() is not None:
            raise click.ClickException(f"officer {username} exists")
        db.add(
            Officer(
                username=username,
                display_name=display_name or username,
                role=role,
                queues=queue_names,
                language=language,
                password_hash=password_hash,
            )
        )
    click.echo(f"officer {username} added ({role})")


def _find(db: Session, username: str) -> Officer:
    officer = db.exec(select(Officer).where(Officer.username == username.strip().lower())).first()
    if officer is None:
        raise click.ClickException(f"no officer {username}")
    return officer


@officers.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def passwd(username: str, password_stdin: bool) -> None:
    """Set a new password (ends the officer's sessions and lifts a lockout)."""
    _ensure_schema()
    try:
        password_hash = auth.hash_password(_password(password_stdin))
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    with session_scope() as db:
        officer = _find(db, username)
        officer.password_hash, officer.failed_logins, officer.locked_until = password_hash, 0, None
        db.add(officer)
        assert officer.id is not None
        auth.end_all_sessions(db, officer.id)
    click.echo(f"password of {username} changed")


@officers.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable an account and end its sessions."""
    _ensure_schema()
    with session_scope() as db:
        officer = _find(db, username)
        officer.active = False
        db.add(officer)
        assert officer.id is not None
        auth.end_all_sessions(db, officer.id)
    click.echo(f"officer {username} disabled")


@officers.command("demo")
def demo() -> None:
    """Create (or reset) the local demo admin with a new random password, and print it; add the demo's
    canned answers."""
    _ensure_schema()
    password = secrets.token_urlsafe(12)
    with session_scope() as db:
        officer = db.exec(select(Officer).where(Officer.username == "demo")).first() or Officer(
            username="demo", display_name="Demo", role="admin", password_hash=""
        )
        officer.password_hash, officer.active = auth.hash_password(password), True
        officer.failed_logins, officer.locked_until = 0, None
        officer.queues = list(get_config().queues)
        db.add(officer)
        seed_demo_answers(db)
    click.echo(f"Officer console: log in as demo / {password}")
