"""The CSV export as a spreadsheet of any locale reads it: no cell, nor any part of one split off at another
list separator (";" in Indonesian locales), starts a formula."""

from __future__ import annotations

import csv
import io

import pytest
from starlette.testclient import TestClient

from app.web import create_app
from bot.db import session_scope
from bot.models import Ticket
from tests.desk.conftest import Console, add_officer, ticket_from_chat
from tests.hostile.catalogue import CSV_CELLS

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def export_with_worker_name(name: str) -> str:
    ticket = ticket_from_chat()
    with session_scope() as db:
        db.get(Ticket, ticket.id).worker_name = name  # type: ignore[union-attr]
    add_officer("sari", role="supervisor")
    with TestClient(create_app()) as client:
        officer = Console(client)
        assert officer.login("sari").status_code == 303
        return officer.get("/console/export.csv").text


@pytest.mark.parametrize(("typed", "exported"), CSV_CELLS)
def test_formulas_after_any_separator_are_neutralised_and_every_text_cell_is_quoted(
    typed: str, exported: str
) -> None:
    text = export_with_worker_name(typed)
    header, row = list(csv.reader(io.StringIO(text)))
    assert row[header.index("worker_name")] == exported
    assert '"' + exported.replace('"', '""') + '"' in text  # quoted, so one cell in any locale
    data_line = text.split("\r\n", 1)[1].rstrip("\r\n")
    for separator in (",", ";", "|", "\t", "\n"):
        parts = data_line.replace('"', "").split(separator)
        assert not [part for part in parts if part.lstrip(" ").startswith(FORMULA)], separator
