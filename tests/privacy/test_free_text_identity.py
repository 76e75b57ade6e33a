"""Passport numbers and NIK typed in free text (the story, a question, a follow-up message) are sealed where they
are stored: encrypted, findable through the blind index, masked on the console for roles that may not see them,
in clear for the person and the bot."""

from __future__ import annotations

import json

from click.testing import CliRunner
from cryptography.fernet import Fernet
from sqlmodel import SQLModel, select

from app.cli import cli
from bot import keys, pii
from bot.db import session_scope
from bot.models import FaqQuestion, Message, Ticket
from tests.desk.conftest import add_officer
from tests.privacy.conftest import complaint
from tests.privacy.test_encryption import raw_rows
from tests.support import Chat

STORY = "Gaji tidak dibayar 3 bulan. Nomor paspor saya C 7654321, NIK saya 3174 0155 0190 0002."
TYPED, NUMBER, NIK = "C 7654321", "C7654321", "3174015501900002"


def story_complaint() -> Ticket:
    return complaint(story=STORY)


def _database_dump() -> str:
    return "".join(raw_rows(table.name) for table in SQLModel.metadata.sorted_tables)


def test_a_passport_number_typed_in_free_text_is_not_in_clear_anywhere_in_the_database() -> None:
    story_complaint()
    Chat(user="worker-1").send("bagaimana cara perpanjang paspor saya C 7654321 di Hong Kong?")
    dump = _database_dump()  # every column of every table, as the database holds it
    for clear in ("7654321", "765 4321", "01900002", "0190 0002"):
        assert clear not in dump, clear
    with session_scope() as db:  # read back through the models: as typed
        assert any(TYPED in m.text for m in db.exec(select(Message)))
        assert any(TYPED in q.text for q in db.exec(select(FaqQuestion)))
        ticket = db.exec(select(Ticket)).one()
        assert TYPED in ticket.description and TYPED in str(ticket.intake)


def test_a_passport_number_typed_in_free_text_is_masked_for_an_officer_and_in_full_for_a_supervisor(
    console,
) -> None:
    ticket = story_complaint()
    add_officer("ani", queues=("asia_pacific",))
    add_officer("sari", role="supervisor", queues=("asia_pacific",))
    officer_page = console("ani").get(f"/console/t/{ticket.ref}").text
    assert "7654321" not in officer_page and "01900002" not in officer_page
    assert "C•••••21" in officer_page and "3•••••••••••••02" in officer_page
    supervisor_page = console("sari").get(f"/console/t/{ticket.ref}").text
    assert TYPED in supervisor_page and "3174 0155 0190 0002" in supervisor_page


def test_search_by_a_passport_number_typed_in_free_text_finds_the_ticket_for_roles_that_search_by_it(
    console,
) -> None:
    ticket = story_complaint()
    add_officer("ani", queues=("asia_pacific",))
    add_officer("sari", role="supervisor", queues=("asia_pacific",))
    supervisor = console("sari")
    for typed in (NUMBER, "c 765 4321", TYPED, NIK, "3174.0155.0190.0002"):
        assert ticket.ref in supervisor.get("/console/", params={"q": typed}).text, typed
    assert ticket.ref not in supervisor.get("/console/", params={"q": "C7654322"}).text
    officer = console("ani")  # may not see the number, so may not learn it by searching
    for typed in (NUMBER, TYPED, NIK):
        assert ticket.ref not in officer.get("/console/", params={"q": typed}).text, typed


def test_the_persons_export_shows_a_passport_number_typed_in_free_text_in_clear() -> None:
    ticket = story_complaint()
    result = CliRunner().invoke(cli, ["privacy", "export", "--contact", str(ticket.contact_id)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert any(STORY in message["text"] for message in data["messages"])
    [exported] = data["tickets"]
    assert exported["description"] == STORY and "⟦" not in result.stdout


def test_rotating_keys_reseals_numbers_typed_in_free_text(monkeypatch) -> None:
    ticket = story_complaint()
    old = keys.data_keys()[0].decode()
    from bot import config

    def use_keys(current: str, older: str = "") -> None:
        monkeypatch.setenv("DATA_ENCRYPTION_KEY", current)
        monkeypatch.setenv("DATA_ENCRYPTION_KEYS", older)
        config.get_settings.cache_clear()
        keys.data_keys.cache_clear()

    use_keys(Fernet.generate_key().decode(), old)
    result = CliRunner().invoke(cli, ["privacy", "rotate-keys"])
    assert result.exit_code == 0, result.output
    use_keys(keys.data_keys()[0].decode())  # the old key dropped
    with session_scope() as db:
        row = db.get(Ticket, ticket.id)
        assert row is not None and row.description == STORY
    assert pii.text_index("passport_number", TYPED) in raw_rows("ticket")


def test_sealing_free_text_encrypts_each_number_and_leaves_the_rest_and_existing_tokens_alone() -> None:
    typed = "paspor ｃ７６５４３２１ / A1234567; NIK 3174-0155-0190-0002; HP 0812 3456 7890"
    sealed = pii.seal_text(typed)
    assert len(pii.TOKEN.findall(sealed)) == 3 and "HP 0812 3456 7890" in sealed
    assert "7654321" not in sealed and "1234567" not in sealed and "0190" not in sealed
    assert pii.seal_text(sealed) == sealed  # no number found inside a token
    assert pii.unseal_text(sealed) == typed
    forged = "\u27e6nik:" + "0" * 64 + ":gAAAAABforged\u27e7"
    assert pii.unseal_text(pii.seal_text(forged)) == forged


def test_migration_0008_seals_numbers_stored_in_clear_before_it() -> None:
    from alembic import command

    from bot.db import alembic_config, get_engine

    story_complaint()
    engine = get_engine()
    with engine.begin() as connection:
        cfg = alembic_config(str(engine.url.render_as_string(hide_password=False)))
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0007")  # unseals: the rows as stored before 0008
    assert TYPED in raw_rows("message") and "0190 0002" in raw_rows("ticket")
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
    dump = _database_dump()
    assert "7654321" not in dump and "0190 0002" not in dump
    with session_scope() as db:
        assert db.exec(select(Ticket)).one().description == STORY
