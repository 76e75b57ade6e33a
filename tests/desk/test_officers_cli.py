"""``helpdesk officers``: add, passwd, disable, demo."""

from __future__ import annotations

from click.testing import CliRunner
from sqlmodel import select

from app.cli import cli
from bot.db import session_scope
from bot.models import Officer


def _officer(username: str) -> Officer:
    with session_scope() as db:
        officer = db.exec(select(Officer).where(Officer.username == username)).one()
        return officer


def test_add_passwd_and_disable_an_officer(console) -> None:
    runner = CliRunner()
    added = runner.invoke(
        cli,
        ["officers", "add", "Ani", "--role", "supervisor", "--queues", "helpdesk,urgent", "--password-stdin"],
        input="a long secret one\n",
    )
    assert added.exit_code == 0, added.output
    officer = _officer("ani")
    assert (officer.role, officer.queues) == ("supervisor", ["helpdesk", "urgent"])
    assert "a long secret one" not in officer.password_hash
    assert console().login("ani", "a long secret one").status_code == 303
    changed = runner.invoke(
        cli, ["officers", "passwd", "ani", "--password-stdin"], input="another long secret\n"
    )
    assert changed.exit_code == 0
    assert console().login("ani", "another long secret").status_code == 303
    assert runner.invoke(cli, ["officers", "disable", "ani"]).exit_code == 0
    assert console().login("ani", "another long secret").status_code == 401


def test_add_refuses_unknown_queues_and_short_passwords() -> None:
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["officers", "add", "x", "--queues", "nope", "--password-stdin"], input="long enough pw\n"
        ).exit_code
        != 0
    )
    assert runner.invoke(cli, ["officers", "add", "x", "--password-stdin"], input="short\n").exit_code != 0


def test_demo_officer_gets_a_fresh_random_password_each_time(console) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["officers", "demo"]).output.strip().rsplit(" ", 1)[-1]
    second = runner.invoke(cli, ["officers", "demo"]).output.strip().rsplit(" ", 1)[-1]
    assert first != second and len(second) >= 12
    assert console().login("demo", first).status_code == 401
    assert console().login("demo", second).status_code == 303
