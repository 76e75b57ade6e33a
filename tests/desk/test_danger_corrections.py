"""Officers see why a ticket is urgent, correct the reader in one click, and the corrections flow back."""

from __future__ import annotations

import re
from unittest import mock

import pytest
import yaml
from click.testing import CliRunner
from sqlmodel import select

from app.cli import cli
from bot.config import get_config
from bot.db import session_scope
from bot.models import Ticket, TicketEvent
from tests.desk.conftest import add_officer, ticket_from_chat
from tests.desk.test_ticket_work import NIGHT_IN_JAKARTA
from tests.support import Chat


@pytest.fixture(autouse=True)
def danger_model_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the learned reader's place in the flow and on the ticket."""
    monkeypatch.setenv("DANGER_MODEL", "on")


def urgent_ticket(text: str = "sy dipukul majikan tiap malam, no hp sy 0812 3456 7890") -> Ticket:
    Chat(user="worker-9", name="Siti Aminah").send(text)
    with session_scope() as db:
        return db.exec(select(Ticket)).one()


def test_the_ticket_page_says_why_it_is_urgent(console) -> None:
    ticket = urgent_ticket()
    add_officer("ani", queues=("urgent",))
    page = console("ani").get(f"/console/t/{ticket.ref}")
    assert "Mengapa darurat" in page.text and "Kekerasan fisik" in page.text
    assert re.search(r"aturan kata «dipukul» · model [01]\.\d\d", page.text)


def test_not_urgent_in_one_click_moves_the_ticket_and_is_recorded(console) -> None:
    ticket = urgent_ticket()
    officer_id = add_officer("ani", queues=("urgent", "helpdesk"))
    view = console("ani")
    assert view.post(f"/console/t/{ticket.ref}/not-urgent").status_code == 303
    with session_scope() as db:
        fixed = db.get(Ticket, ticket.id)
        assert fixed is not None and not fixed.urgent
        assert fixed.queue == get_config().route(urgent=False, category=fixed.category, country=None)
        [event] = db.exec(select(TicketEvent).where(TicketEvent.kind == "not_urgent")).all()
        assert event.actor == f"officer:{officer_id}"


def test_corrections_are_exported_as_corpus_cases_without_personal_data(console) -> None:
    ticket = urgent_ticket()
    add_officer("ani", queues=("urgent", "helpdesk"))
    console("ani").post(f"/console/t/{ticket.ref}/not-urgent")
    result = CliRunner().invoke(cli, ["danger", "export-corrections"])
    assert result.exit_code == 0, result.output
    [case] = yaml.safe_load(result.output)["cases"]
    assert case["urgent"] is False and "dipukul majikan" in case["q"]
    assert "3456" not in case["q"]  # the phone number is masked


def test_a_reply_to_an_urgent_ticket_is_not_held_back_at_night(console) -> None:
    ticket = urgent_ticket()
    add_officer("ani", queues=("urgent",))
    view = console("ani")
    with mock.patch("desk.web.utcnow", return_value=NIGHT_IN_JAKARTA):
        sent = view.post(f"/console/t/{ticket.ref}/reply", {"text": "Kami segera bantu."})
    assert sent.status_code == 303


def test_a_reply_refused_at_night_says_so_on_the_page(console) -> None:
    ticket = ticket_from_chat("worker-2")
    add_officer("ani")
    with mock.patch("desk.web.utcnow", return_value=NIGHT_IN_JAKARTA):
        refused = console("ani").post(f"/console/t/{ticket.ref}/reply", {"text": "Halo"})
    assert refused.status_code == 409 and "Belum terkirim" in refused.text
