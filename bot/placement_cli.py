"""Preventing illegal placement from the command line: ``helpdesk agencies`` (the register of licensed
recruitment agencies: import from CSV, look a name up) and ``helpdesk offers`` (the job-offer check)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import click
import yaml
from sqlmodel import select

from bot import agencies
from bot.clock import utcnow
from bot.config import get_config
from bot.db import session_scope
from bot.models import Agency
from nlu import job_offer
from nlu.evaluation import wilson

DEMO_FILE = Path(__file__).resolve().parent / "defaults" / "agencies-demo.csv"


@click.group("agencies")
def agencies_group() -> None:
    """Licensed recruitment agencies (P3MI): the register the bot checks names against."""
    from bot.db import ensure_schema

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


@click.group("offers")
def offers_group() -> None:
    """The job-offer check: warning signs of illegal placement in a pasted advertisement."""


def _reader() -> tuple[job_offer.OfferRules, date]:
    from bot.db import ensure_schema

    ensure_schema()
    return get_config().placement.rules(), utcnow().date()


@offers_group.command("check")
@click.argument("text")
def offers_check(text: str) -> None:
    """The warning signs found in TEXT."""
    rules, today = _reader()
    with session_scope() as session:
        reading = job_offer.read_offer(
            text,
            rules,
            lambda name: agencies.lookup(session, name, today).outcome == "licensed",
        )
    click.echo(
        f"risky: {reading.risky}; signs: {', '.join(reading.signs) or '-'}; country: {reading.country or '-'}"
    )


@offers_group.command("eval")
@click.option(
    "--cases", "cases_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True
)
def offers_eval(cases_file: Path) -> None:
    """Precision and recall of "risky", and of each sign, on a YAML file of offers (q, risky, signs)."""
    rules, today = _reader()
    data = yaml.safe_load(cases_file.read_text(encoding="utf-8")) or {}
    cases = [
        job_offer.OfferCase(str(c["q"]), bool(c["risky"]), frozenset(c.get("signs") or ()))
        for c in data["cases"]
    ]
    with session_scope() as session:

        def read(text: str) -> job_offer.OfferReading:
            return job_offer.read_offer(
                text,
                rules,
                lambda name: agencies.lookup(session, name, today).outcome == "licensed",
            )

        started = time.perf_counter()
        report = job_offer.evaluate_offers(cases, read)
        per_offer_ms = (time.perf_counter() - started) * 1000 / max(1, report.n)
    flagged = report.true_positive + report.false_positive
    risky = report.true_positive + report.false_negative
    low, high = wilson(report.true_positive, flagged)
    click.echo(
        f"{report.n} offers, {risky} risky; {per_offer_ms:.1f} ms an offer (register lookups included)"
    )
    click.echo(
        f"precision of risky: {report.true_positive}/{flagged} = {_share(report.true_positive, flagged)} [{low:.3f}, {high:.3f}]"
    )
    low, high = wilson(report.true_positive, risky)
    click.echo(
        f"recall of risky:    {report.true_positive}/{risky} = {_share(report.true_positive, risky)} [{low:.3f}, {high:.3f}]"
    )
    click.echo("| sign | labelled | found | flagged | recall | precision |")
    click.echo("|---|---|---|---|---|---|")
    for sign, (hits, labelled, flagged_sign) in report.sign_found.items():
        click.echo(
            f"| {sign} | {labelled} | {hits} | {flagged_sign} | {_share(hits, labelled)} | {_share(hits, flagged_sign)} |"
        )


def _share(hits: int, n: int) -> str:
    return f"{hits / n:.3f}" if n else "-"
