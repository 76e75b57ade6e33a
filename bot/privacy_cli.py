"""``helpdesk privacy``: a person's data as JSON, erasure, and re-encryption after a key change."""

from __future__ import annotations

import json

import click
from sqlmodel import Session, SQLModel, col, select

from bot import pii, privacy, sealed
from bot.db import session_scope
from bot.models import Contact, Ticket

ACTOR = "cli"


def _contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise click.ClickException(f"no contact {contact_id}")
    return contact


@click.group("privacy")
def privacy_group() -> None:
    """Personal data: export, erasure, key rotation (UU 27/2022 PDP)."""
    from bot.db import ensure_schema

    ensure_schema()


@privacy_group.command("export")
@click.option("--contact", "contact_id", type=int, required=True, help="The contact's id.")
def export(contact_id: int) -> None:
    """Everything held about a person, as JSON (identity numbers in clear: handle it as they would)."""
    with session_scope() as session:
        data = privacy.export_contact(session, _contact(session, contact_id))
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@privacy_group.command("erase")
@click.option("--contact", "contact_id", type=int, required=True, help="The contact's id.")
def erase(contact_id: int) -> None:
    """Anonymise a person: their data goes, the statistics stay, the erasure is recorded."""
    with session_scope() as session:
        count = privacy.erase_contact(session, _contact(session, contact_id), ACTOR)
    click.echo(f"contact {contact_id} erased ({count} tickets anonymised)")


@privacy_group.command("rotate-keys")
def rotate_keys() -> None:
    """Encrypt every identity number again with DATA_ENCRYPTION_KEY (old keys in DATA_ENCRYPTION_KEYS) and
    renew the search hashes, the form's and those typed in free text; afterwards the old keys can be dropped."""
    with session_scope() as session:
        rows = session.exec(
            select(Ticket).where(col(Ticket.passport_enc).is_not(None) | col(Ticket.nik_enc).is_not(None))
        ).all()
        for ticket in rows:
            pii.reseal(ticket)
            session.add(ticket)
        session.flush()
        texts = sealed.rewrite(
            session.connection(), sealed.sealed_columns(SQLModel.metadata), sealed.reseal_text
        )
    click.echo(f"{len(rows)} tickets re-encrypted, {texts} rows of free text")
