"""Passport numbers and NIK are encrypted at rest, readable through bot.pii, findable by a keyed hash only by
roles allowed to see them, and masked for the others."""

from __future__ import annotations

import json

from click.testing import CliRunner
from cryptography.fernet import Fernet
from sqlalchemy import text

from app.cli import cli
from bot import keys, pii
from bot.db import get_engine, session_scope
from bot.models import Ticket
from tests.desk.conftest import add_officer
from tests.privacy.conftest import NIK, PASSPORT, complaint


def raw_rows(table: str) -> str:
    """Every column of ``table`` as the database holds it, as one string."""
    with get_engine().connect() as connection:
        rows = connection.execute(text(f"SELECT * FROM {table}")).all()
    return json.dumps([[str(value) for value in row] for row in rows])


def test_passport_and_nik_are_not_in_clear_anywhere_in_the_database() -> None:
    complaint(nik=NIK)
    for table in ("ticket", "ticketevent", "message", "conversation"):
        raw = raw_rows(table)
        assert "1234567" not in raw and "01900001" not in raw, table
    assert "C1****67" in raw_rows("message")  # what the person typed, masked in the conversation


def test_the_admin_cli_still_shows_them_in_clear() -> None:
    ticket = complaint(nik=NIK)
    result = CliRunner().invoke(cli, ["tickets", "show", ticket.ref, "--json"])
    worker = json.loads(result.stdout)["worker"]
    assert (worker["passport_number"], worker["nik"]) == (PASSPORT, NIK)


def test_an_old_key_still_decrypts_after_rotation(monkeypatch) -> None:
    ticket = complaint()
    old = keys.data_keys()[0].decode()
    monkeypatch.setenv("DATA_ENCRYPTION_KEY", Fernet.generate_key().decode())
    monkeypatch.setenv("DATA_ENCRYPTION_KEYS", old)
    from bot import config

    config.get_settings.cache_clear()
    keys.data_keys.cache_clear()
    with session_scope() as db:
        row = db.get(Ticket, ticket.id)
        assert row is not None and pii.identity(row)["passport_number"] == PASSPORT
        stale_hash = row.passport_hash
        pii.reseal(row)  # what `helpdesk privacy rotate` does for every ticket
        assert row.passport_hash != stale_hash and row.passport_hash == pii.blind_index(
            "passport_number", "C1234567"
        )
    monkeypatch.delenv("DATA_ENCRYPTION_KEYS")
    config.get_settings.cache_clear()
    keys.data_keys.cache_clear()
    with session_scope() as db:
        row = db.get(Ticket, ticket.id)
        assert row is not None and pii.identity(row)["passport_number"] == PASSPORT


def test_a_supervisor_finds_a_ticket_by_passport_or_nik_as_typed(console) -> None:
    ticket = complaint(nik=NIK)
    add_officer("sari", role="supervisor", queues=("asia_pacific",))
    view = console("sari")
    for typed in ("c1234567", "C 1234567", "3174 0155 0190 0001"):
        assert ticket.ref in view.get("/console/", params={"q": typed}).text, typed
    assert ticket.ref not in view.get("/console/", params={"q": "C1234568"}).text


def test_an_officer_who_may_not_see_passports_cannot_search_by_one(console) -> None:
    ticket = complaint(nik=NIK)
    add_officer("ani", queues=("asia_pacific",))
    view = console("ani")
    assert ticket.ref in view.get("/console/", params={"q": "Siti Aminah"}).text
    assert ticket.ref not in view.get("/console/", params={"q": PASSPORT}).text
    assert ticket.ref not in view.get("/console/", params={"q": NIK}).text


def test_officer_sees_numbers_masked_and_exports_without_them(console) -> None:
    ticket = complaint(nik=NIK)
    add_officer("ani", queues=("asia_pacific",))
    add_officer("sari", role="supervisor", queues=("asia_pacific",))
    officer, supervisor = console("ani"), console("sari")
    page = officer.get(f"/console/t/{ticket.ref}").text
    assert PASSPORT not in page and NIK not in page and "C•••••67" in page
    full = supervisor.get(f"/console/t/{ticket.ref}").text
    assert PASSPORT in full and NIK in full
    assert PASSPORT not in officer.get("/console/export.csv", params={"view": "all"}).text
    assert PASSPORT in supervisor.get("/console/export.csv", params={"view": "all"}).text
