"""``helpdesk agencies``: the register of licensed recruitment agencies (import from CSV, look a name up)."""

from __future__ import annotations

from pathlib import Path

import click
from sqlmodel import select

from bot import agencies
from bot.clock import utcnow
from bot.db import session_scope
from bot.models import Agency

DEMO_FILE = Path(__file__).resolve().parent / "defaults" / "agencies-demo.csv"


@click.group("agencies")
def agencies_group() -> None:
    """Licensed recruitment agencies (P3MI): the register the bot checks names against."""
    from bot.cli import ensure_schema

    ensure_schema()


@agencies_group.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def import_command(csv_file: Path, dry_run: bool) -> None:
    """Import FILE.csv (name, licence, head_office, branches, status, valid_until, countries); idempotent."""
    with csv_file.open(encoding="utf-8-sig", newline="") as lines:
        try:
            rows = agencies.parse_rows(lines)
        except agencies.RegisterError as error:
            raise click.ClickException(f"{csv_file}: {error}; nothing was imported") from None
    with session_scope() as session:
        report = agencies.import_rows(session, rows)
        if dry_run:
            session.rollback()
    for licence in report.added:
        click.echo(f"added    {licence}")
    for licence, fields in report.changed.items():
        click.echo(f"changed  {licence}: {', '.join(fields)}")
    click.echo(
        f"{len(report.added)} added, {len(report.changed)} changed, {report.unchanged} unchanged, "
        f"{len(report.not_in_file)} in the register but not in the file (kept)"
        + (" (dry run)" if dry_run else "")
    )


@agencies_group.command("check")
@click.argument("name")
def check_command(name: str) -> None:
    """What the register says of NAME, as the bot would read it."""
    with session_scope() as session:
        found = agencies.lookup(session, name, utcnow().date())
        if found.agency is not None:
            click.echo(f"{found.outcome}: {found.agency.name} ({found.agency.licence})")
        else:
            names = ", ".join(agency.name for agency in found.candidates)
            click.echo(f"{found.outcome}" + (f": maybe {names}" if names else ""))


@agencies_group.command("list")
def list_command() -> None:
    """Every agency in the register."""
    with session_scope() as session:
        for agency in session.exec(select(Agency).order_by(Agency.name)):
            until = agency.valid_until.isoformat() if agency.valid_until else "-"
            click.echo(f"{agency.licence}\t{agency.status}\t{until}\t{agency.name}")
