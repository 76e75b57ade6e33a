"""``helpdesk danger``: the language package's commands (:mod:`nlu.cli`) and ``export-corrections``, which
reads officers' corrections from the database (the language package does not import the runtime)."""

from __future__ import annotations

import io

import click

from nlu.cli import danger_group


@danger_group.command("export-corrections")
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-", show_default=True)
def export_corrections(output: io.TextIOWrapper) -> None:
    """Officers' "not urgent" and "urgent" corrections as corpus cases, personal data masked."""
    import yaml

    from bot.db import session_scope
    from desk.corrections import corrections

    with session_scope() as session:
        cases = corrections(session)
    output.write("# Officers' corrections of the danger reader: review, then add to nlu/corpus/\n")
    output.write(yaml.safe_dump({"cases": cases}, allow_unicode=True, sort_keys=False, width=200))
