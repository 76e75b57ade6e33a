"""The ``helpdesk`` command line: every command listed and documented, each command importing only what it
needs (what makes it start at once; the times are in benchmarks/startup.py), the schema check, and ``--name``."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from app.cli import COMMANDS, cli
from bot import db
from bot.lazy_group import load

CORE = {"chat", "db", "serve", "tickets"}
# Libraries no command needs before it runs; each one that is imported by every command adds to the start.
HEAVY = {
    "alembic",
    "numpy",
    "scipy",
    "sklearn",
    "starlette",
    "telegram",
    "twilio",
    "uvicorn",
    "jinja2",
    "httpx",
}


def _paths(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, name
            yield from _paths(sub, (*path, name))


def test_help_lists_every_command_with_its_own_description() -> None:
    result = CliRunner().invoke(cli, ["--help"])

    assert result.exit_code == 0, result.output
    listed = {
        line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line[:3].strip()
    }
    assert listed == CORE | set(COMMANDS)
    for name, lazy in COMMANDS.items():
        assert load(lazy.target).get_short_help_str(limit=200) == lazy.help, name


def test_every_command_and_subcommand_answers_help() -> None:
    paths = list(_paths(cli))

    assert ("danger", "export-corrections") in paths and ("telegram", "poll") in paths
    for path in paths:
        result = CliRunner().invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert result.output.startswith(f"Usage: {' '.join(('cli', *path))}"), path


def _modules_loaded(arguments: list[str], stdin: str = "") -> set[str]:
    """The top-level packages imported by one ``helpdesk`` run in a new process."""
    script = (
        "import json, sys\n"
        "from app.cli import main\n"
        f"sys.argv = ['helpdesk', *{arguments!r}]\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES ' + json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], input=stdin, capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(run.stderr.rsplit("MODULES ", 1)[1]))


def test_help_imports_no_database_or_web_library() -> None:
    loaded = _modules_loaded(["--help"])

    assert not loaded & (HEAVY | {"sqlalchemy", "sqlmodel", "pydantic", "yaml"})


def test_a_chat_turn_imports_neither_channel_libraries_nor_migrations() -> None:
    loaded = _modules_loaded(["chat", "--json", "--user", "one-turn"], stdin="halo\n")

    assert "sqlalchemy" in loaded  # the turn ran
    assert not loaded & HEAVY


def test_the_current_schema_is_recognised_as_alembic_reads_the_migrations() -> None:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(db.alembic_config("sqlite://")).get_heads()

    assert db.head_revisions() == set(heads)
    assert db.applied_revisions(db.get_engine()) == set(heads)


def test_an_older_database_is_still_migrated() -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    engine = db.get_engine()
    script = ScriptDirectory.from_config(db.alembic_config("sqlite://"))
    [head] = script.get_heads()
    previous = script.get_revision(head).down_revision
    with engine.begin() as connection:
        cfg = db.alembic_config(str(engine.url.render_as_string(hide_password=False)))
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, str(previous))
    assert db.applied_revisions(engine) == {previous}

    db.upgrade(engine)

    assert db.applied_revisions(engine) == {head}


@pytest.mark.parametrize(
    "messages",
    [["halo", "Setuju", "Bicara dengan petugas"], ["tolong saya dipukul majikan"]],
    ids=["officer", "danger"],
)
def test_chat_name_is_stored_with_the_ticket(messages: list[str]) -> None:
    runner = CliRunner()
    chat = runner.invoke(
        cli, ["chat", "--json", "--user", "rina", "--name", "Rina"], input="\n".join(messages)
    )
    assert chat.exit_code == 0, chat.output

    listed = runner.invoke(cli, ["tickets", "list", "--json"])

    [ticket] = json.loads(listed.output)
    assert ticket["reporter"] == {"name": "Rina", "relationship": "self"}
    assert ticket["worker"]["name"] == "Rina"
